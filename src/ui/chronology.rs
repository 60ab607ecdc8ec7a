//! The Chronology tab: significant notes and their addenda, legal episodes
//! starting and ending, and completed statutory deadlines, oldest first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Wrap};

use super::client::ClientView;
use super::theme::Theme;
use crate::domain::text::one_line;
use crate::store::ChronologySource;

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
    let mut lines = vec![Line::from(Span::styled(
        format!("{:<10}  {:<5}  {:<14}  Event", "Date", "Time", "Source"),
        theme.heading(),
    ))];
    for e in &v.chronology {
        let time = e
            .time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{}  {time:<5}  ",
                crate::dates::display::date(e.date)
            )),
            Span::styled(format!("{:<14}  ", e.source_ref()), theme.dim()),
            Span::raw(event(e, theme.privacy())),
        ]));
    }
    Widget::render(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((v.scroll, 0)),
        area,
        frame,
    );
}

/// An entry's words: a legal episode starting or ending is the program's
/// own ("CTO started"); notes, addenda, deadlines (with their outcome) and
/// visits carry what the practitioner wrote, a placeholder in privacy mode.
fn event(e: &crate::store::ChronologyEntry, on: bool) -> String {
    if e.source == ChronologySource::Episode {
        one_line(&e.event)
    } else {
        crate::privacy::shown(crate::privacy::Kind::Text("entry"), &one_line(&e.event), on)
    }
}
