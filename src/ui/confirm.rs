//! A yes/no question drawn over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

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
        let w = 60u16;
        let lines = vec![
            Line::from(self.question.clone()),
            Line::default(),
            Line::from(vec![
                Span::styled("y", theme.key()),
                Span::raw(" yes    "),
                Span::styled("n", theme.key()),
                Span::raw(" no"),
            ]),
        ];
        let text_rows =
            u16::try_from(self.question.chars().count() / usize::from(w - 4) + 1).unwrap_or(1);
        let popup = centered(area, w, text_rows + 4);
        Widget::render(Clear, popup, frame);
        Widget::render(
            Paragraph::new(lines).wrap(Wrap { trim: true }).block(
                Block::new()
                    .borders(Borders::ALL)
                    .title(Span::styled(" Please confirm ", theme.heading())),
            ),
            popup,
            frame,
        );
    }
}
