//! A yes/no question drawn over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::screen::Effect;
use super::theme::Theme;
use super::widgets::centered;

/// A question with what to do on yes and on no.
#[derive(Debug, Clone)]
pub struct Confirm {
    /// The question.
    pub question: String,
    /// On yes.
    pub yes: Vec<Effect>,
    /// On no.
    pub no: Vec<Effect>,
}

impl Confirm {
    /// Draws the question.
    pub fn draw(&self, frame: &mut Buffer, area: Rect, theme: Theme) {
        let w = 60u16.min(area.width);
        // A question may list things, one a line ("stops tracking: …"):
        // each line wraps on its own.
        let inner = usize::from(w.saturating_sub(2)).max(1);
        let mut lines: Vec<Line<'static>> = Vec::new();
        for l in self.question.lines() {
            // A listed item's continuation lines sit under its text.
            let indent = if l.starts_with("• ") { 2 } else { 0 };
            lines.extend(super::fit::wrap(&Line::from(l.to_string()), inner, indent));
        }
        let text_rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" yes    "),
            Span::styled("n", theme.key()),
            Span::raw(" no"),
        ]));
        let popup = centered(area, w, text_rows + 4);
        Widget::render(Clear, popup, frame);
        Widget::render(
            Paragraph::new(lines).block(
                Block::new()
                    .borders(Borders::ALL)
                    .title(Span::styled(" Please confirm ", theme.heading())),
            ),
            popup,
            frame,
        );
    }
}
