//! The Chronology tab: significant notes and their addenda, legal episodes
//! starting and ending, and completed statutory deadlines, oldest first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::Drawn;
use crate::domain::chronology::{ChronologyEntry, ChronologySource};
use crate::domain::text::one_line;
use crate::ui::fit::{fit_str, wrap};

/// The Chronology tab's state: the entries and the scroll.
#[derive(Debug, Clone, Default)]
pub struct ChronologyTab {
    /// The chronology, oldest first.
    pub entries: Vec<ChronologyEntry>,
    /// How far the tab is scrolled.
    pub scroll: u16,
}

impl Widget for Drawn<'_, ChronologyTab> {
    /// The chronology as dated lines with their source.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let (v, theme) = (self.tab, self.theme);
        if v.entries.is_empty() {
            Widget::render(Paragraph::new(Span::styled(
                "Nothing in the chronology yet: flag notes as significant; legal episodes and completed statutory deadlines appear here too.",
                theme.dim(),
            ))
            .wrap(Wrap { trim: true }), area, frame);
            return;
        }
        // The source column is as wide as its longest label (up to 26 cells,
        // then cut with "…"); an event too long for the row wraps under itself.
        let sw = v
            .entries
            .iter()
            .map(|e| e.source_ref().chars().count())
            .max()
            .unwrap_or(6)
            .clamp(6, 26);
        let mut lines = vec![Line::from(Span::styled(
            format!("{:<10}  {:<5}  {:<sw$}  Event", "Date", "Time", "Source"),
            theme.heading(),
        ))];
        let indent = 10 + 2 + 5 + 2 + sw + 2;
        for e in &v.entries {
            let time = e
                .time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default();
            let row = Line::from(vec![
                Span::raw(format!(
                    "{}  {time:<5}  ",
                    crate::dates::display::date(e.date)
                )),
                Span::styled(
                    format!("{:<sw$}  ", fit_str(&e.source_ref(), sw)),
                    theme.dim(),
                ),
                Span::raw(event(e, theme.privacy())),
            ]);
            lines.extend(wrap(&row, usize::from(area.width), indent));
        }
        Widget::render(Paragraph::new(lines).scroll((v.scroll, 0)), area, frame);
    }
}

/// An entry's words: a legal episode starting or ending is the program's
/// own ("CTO started"); notes, addenda, deadlines (with their outcome) and
/// visits carry what the practitioner wrote, a placeholder in privacy mode.
fn event(e: &ChronologyEntry, on: bool) -> String {
    if e.source == ChronologySource::Episode {
        one_line(&e.event)
    } else {
        crate::privacy::shown(crate::privacy::Kind::Text("entry"), &one_line(&e.event), on)
    }
}
