//! The app's one text input: `ratatui-textarea`, wrapped once. A single-line
//! input ignores Enter; a multi-line one soft-wraps at word boundaries.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::theme::Theme;
use crate::privacy::Kind;
use ratatui::widgets::Paragraph;

/// A text input.
#[derive(Debug, Clone)]
pub struct Input {
    area: TextArea<'static>,
    multiline: bool,
}

impl Input {
    /// An input holding `text`, cursor at the end.
    #[must_use]
    pub fn new(text: &str, multiline: bool, theme: Theme) -> Input {
        let lines: Vec<String> = if multiline {
            text.split('\n').map(str::to_string).collect()
        } else {
            vec![text.replace(['\n', '\r'], " ")]
        };
        let mut area = TextArea::new(lines);
        area.set_cursor_line_style(Style::new());
        area.set_style(theme.input());
        if multiline {
            area.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        let mut input = Input { area, multiline };
        input.set_focus(false);
        input
    }

    /// Shows or hides the cursor.
    pub fn set_focus(&mut self, focused: bool) {
        let style = if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        self.area.set_cursor_style(style);
    }

    /// Whether this input takes several lines.
    #[must_use]
    pub fn multiline(&self) -> bool {
        self.multiline
    }

    /// The text typed.
    #[must_use]
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Whether nothing has been typed.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.area.lines().iter().all(|l| l.trim().is_empty())
    }

    /// Replaces the text.
    pub fn set_text(&mut self, text: &str) {
        let theme_style = self.area.style();
        let cursor = self.area.cursor_style();
        *self = Input::new(text, self.multiline, Theme::new(false));
        self.area.set_style(theme_style);
        self.area.set_cursor_style(cursor);
    }

    /// Types a key; true when the text changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        if !self.multiline && matches!(key.code, KeyCode::Enter | KeyCode::Up | KeyCode::Down) {
            return false;
        }
        // Ctrl-M/Ctrl-J are Enter in some terminals.
        if !self.multiline
            && key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('m' | 'j'))
        {
            return false;
        }
        // Ctrl-U clears a one-line field (a long text keeps Ctrl-U as undo).
        if !self.multiline
            && key.modifiers.contains(KeyModifiers::CONTROL)
            && key.code == KeyCode::Char('u')
        {
            self.area.select_all();
            return self.area.cut();
        }
        self.area.input(key)
    }

    /// Takes pasted text in one go (linear in its length): every kind of
    /// line ending (CR from a terminal's paste, CR LF, LF) is a line break,
    /// or a space in a one-line input. Refused whole, with the reason and
    /// nothing changed, when the text would pass `max` characters. True
    /// when the text changed.
    pub fn paste(&mut self, text: &str, max: usize) -> Result<bool, String> {
        let text = crate::domain::cell::normalise_newlines(text);
        let text = if self.multiline {
            text
        } else {
            std::borrow::Cow::Owned(text.replace('\n', " "))
        };
        let have: usize = self
            .area
            .lines()
            .iter()
            .map(|l| l.chars().count() + 1)
            .sum();
        let adding = text.chars().count();
        if have.saturating_sub(1) + adding > max {
            return Err(format!(
                "Nothing pasted: {adding} characters is over the {max} limit; your text is kept."
            ));
        }
        Ok(self.area.insert_str(text.as_ref()))
    }

    /// Scrolls a multi-line input by mouse wheel.
    pub fn scroll(&mut self, down: bool) {
        let m = if down {
            CursorMove::Down
        } else {
            CursorMove::Up
        };
        for _ in 0..3 {
            self.area.move_cursor(m);
        }
    }

    /// Draws the input.
    pub fn draw(&self, frame: &mut Buffer, area: Rect) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        Widget::render(&self.area, area, frame);
    }

    /// Draws the input holding a personal field of `kind`: as it is, or,
    /// in privacy mode, as [`crate::privacy::shown`] masks it (typing
    /// still goes into the real text).
    pub fn draw_private(&self, frame: &mut Buffer, area: Rect, kind: Kind, on: bool) {
        if !on {
            self.draw(frame, area);
            return;
        }
        if area.width == 0 || area.height == 0 {
            return;
        }
        let masked = crate::privacy::shown(kind, &self.text(), true);
        Widget::render(Paragraph::new(masked).style(self.area.style()), area, frame);
    }
}

/// Edits a one-line string with a key; true when it changed.
pub fn edit_line(s: &mut String, key: KeyEvent) -> bool {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            s.push(c);
            true
        }
        KeyCode::Char('u') => {
            s.clear();
            true
        }
        KeyCode::Backspace => s.pop().is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_u_clears_a_one_line_field_only() {
        let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        let mut when = Input::new("2026-11-29 19:14", false, Theme::new(false));
        assert!(when.key(ctrl_u));
        assert_eq!(when.text(), "");
        assert!(when.key(KeyEvent::new(KeyCode::Char('9'), KeyModifiers::NONE)));
        assert_eq!(when.text(), "9");
        let mut body = Input::new("Visited at home.", true, Theme::new(false));
        body.key(ctrl_u);
        assert_eq!(body.text(), "Visited at home.");
    }
}
