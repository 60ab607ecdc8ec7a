//! A paste pack on screen: the whole text, also copied to the clipboard
//! (OSC 52), shown so it can be selected by hand where the terminal does
//! not pass the copy on.

use chrono::NaiveDateTime;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::screen::{Effect, Screen};
use super::theme::Theme;
use crate::action::Action;
use crate::keymap::Mode;

/// A text to read and select.
#[derive(Debug, Clone)]
pub struct TextView {
    /// The heading (no personal text).
    pub heading: String,
    /// The text, already cleaned.
    pub text: String,
    /// Whether it went to the clipboard.
    pub copied: bool,
    /// Names in the text (for privacy mode).
    pub names: Vec<String>,
    /// Lines scrolled.
    pub scroll: u16,
    /// The colours.
    pub theme: Theme,
}

impl Widget for &TextView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let note = if self.copied {
            "Copied to the clipboard. Also shown here to select by hand."
        } else {
            "Too long for the terminal's clipboard: select it here by hand."
        };
        let mut lines = vec![Line::from(Span::styled(note, t.dim())), Line::default()];
        if t.privacy() {
            lines.push(Line::from(Span::styled(
                "Hidden in privacy mode (Ctrl-O shows it).",
                t.warn(),
            )));
        } else {
            lines.extend(self.text.lines().map(|l| Line::from(l.to_string())));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0))
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .title(Span::styled(format!(" {} ", self.heading), t.heading())),
            )
            .render(area, buf);
    }
}

impl Screen for TextView {
    fn title(&self) -> String {
        self.heading.clone()
    }

    fn mode(&self) -> Mode {
        Mode::NoteView
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Back, Action::Help]
    }

    fn update(&mut self, action: Action, _now: NaiveDateTime) -> Vec<Effect> {
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1).min(10_000),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll = self.scroll.saturating_add(10).min(10_000),
            Action::Top => self.scroll = 0,
            _ => {}
        }
        Vec::new()
    }

    fn people(&self) -> Vec<String> {
        self.names.clone()
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}
