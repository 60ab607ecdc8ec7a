//! Help: the keys for the mode it was opened from, generated from the live
//! keymap so it can never disagree with what the keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme::Theme;
use super::widgets::centered;
use crate::keymap::{Keymap, Mode};

/// The help popup; `mode` is the mode of the screen it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpView {
    /// The mode whose keys are shown.
    pub mode: Mode,
    /// Lines scrolled.
    pub scroll: u16,
}

/// The help text for `mode`, as lines (also used by tests).
#[must_use]
pub fn lines(keymap: &Keymap, mode: Mode, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let section = |m: Mode, out: &mut Vec<Line<'static>>| {
        let b = keymap.bindings(m);
        if b.is_empty() {
            return;
        }
        out.push(Line::from(Span::styled(
            m.title().to_string(),
            theme.heading(),
        )));
        for (action, keys) in b {
            let k = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Line::from(vec![
                Span::styled(format!("  {k:<16} "), theme.key()),
                Span::raw(action.describe()),
            ]));
        }
        out.push(Line::default());
    };
    section(mode, &mut out);
    if mode.uses_global() {
        section(Mode::Global, &mut out);
    }
    if matches!(
        mode,
        Mode::Editor | Mode::Form | Mode::Filter | Mode::Palette | Mode::Search
    ) {
        out.push(Line::from(Span::styled(
            "Every other key types text. In a long text field Enter starts a new line.",
            theme.dim(),
        )));
    }
    out.push(Line::from(Span::styled(
        "Mouse: the wheel scrolls, a click selects a row or a tab.",
        theme.dim(),
    )));
    out
}

impl HelpView {
    /// Draws the popup over the screen.
    pub fn draw(&self, frame: &mut Buffer, area: Rect, keymap: &Keymap, theme: Theme) {
        let text = lines(keymap, self.mode, theme);
        let h = u16::try_from(text.len() + 2).unwrap_or(u16::MAX);
        let popup = centered(area, 76, h);
        Widget::render(Clear, popup, frame);
        let block = Block::new()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(" Keys: {} ", self.mode.title()),
                theme.heading(),
            ))
            .title_bottom(Span::styled(" ↑/↓ scroll · Esc close ", theme.dim()));
        Widget::render(
            Paragraph::new(text)
                .block(block)
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0)),
            popup,
            frame,
        );
    }
}
