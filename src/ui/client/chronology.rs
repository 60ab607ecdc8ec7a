//! The Chronology tab: significant notes and their addenda, legal episodes
//! starting and ending, and completed statutory deadlines, oldest first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Wrap};

use super::ClientView;
use crate::domain::chronology::ChronologySource;
use crate::domain::text::one_line;
use crate::ui::fit::{fit_str, wrap};
use crate::ui::theme::Theme;

/// Draws the chronology as dated lines with their source.
pub fn draw(v: &ClientView, frame: &mut Buffer, area: Rect, theme: Theme) {
    if v.chronology.is_empty() {
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
        .chronology
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
    for e in &v.chronology {
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

/// An entry's words: a legal episode starting or ending is the program's
/// own ("CTO started"); notes, addenda, deadlines (with their outcome) and
/// visits carry what the practitioner wrote, a placeholder in privacy mode.
fn event(e: &crate::domain::chronology::ChronologyEntry, on: bool) -> String {
    if e.source == ChronologySource::Episode {
        one_line(&e.event)
    } else {
        crate::privacy::shown(crate::privacy::Kind::Text("entry"), &one_line(&e.event), on)
    }
}
