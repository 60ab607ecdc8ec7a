//! The app's one text input: `ratatui-textarea`, wrapped once. A single-line
//! input ignores Enter; a multi-line one soft-wraps at word boundaries. A
//! single-line input longer than its box scrolls sideways and shows "…" at
//! each side where text is cut off, so a scrolled field never looks as if
//! its first letters were lost.

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
        self.mark_cut(frame, area);
    }

    /// "…" over the first or last cell of a one-line input whose text runs
    /// past that side of the box (after drawing, when the scroll is known).
    /// The cell under the cursor is left alone: typing there stays visible.
    fn mark_cut(&self, frame: &mut Buffer, area: Rect) {
        if self.multiline || area.width < 3 {
            return;
        }
        let (_, left) = self.area.scroll_offset();
        let line = self.area.lines().first().map_or("", String::as_str);
        let width = u16::try_from(unicode_width::UnicodeWidthStr::width(line)).unwrap_or(u16::MAX);
        let cursor = u16::try_from(self.area.screen_cursor().col).unwrap_or(u16::MAX);
        let mut mark = |col: u16| {
            if col != cursor
                && let Some(cell) = frame.cell_mut((area.x + col - left, area.y))
            {
                cell.set_symbol("…");
            }
        };
        if left > 0 {
            mark(left);
        }
        if width > left.saturating_add(area.width) {
            mark(left + area.width - 1);
        }
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

    fn row(buf: &Buffer) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect()
    }

    /// Issue 25 item 10: at 80 columns a long GP field showed its text with
    /// the first letters cut off and nothing saying so.
    #[test]
    fn a_scrolled_one_line_field_shows_an_ellipsis_at_the_cut_side() {
        let area = Rect::new(0, 0, 12, 1);
        let mut gp = Input::new(
            "Dr Imogen Qwertyfield, Elm Surgery",
            false,
            Theme::new(false),
        );
        gp.set_focus(true);
        // The cursor at the end: the start is cut off.
        let mut buf = Buffer::empty(area);
        gp.draw(&mut buf, area);
        let shown = row(&buf);
        assert!(shown.starts_with('…'), "{shown:?}");
        assert!(!shown.ends_with('…'), "{shown:?}");
        assert!(shown.contains("Surgery"), "{shown:?}");
        // Home: the end is cut off instead.
        gp.key(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
        let mut buf = Buffer::empty(area);
        gp.draw(&mut buf, area);
        let shown = row(&buf);
        assert!(shown.starts_with("Dr Imogen"), "{shown:?}");
        assert!(shown.ends_with('…'), "{shown:?}");
        // Text that fits has no mark, nor does a multi-line input.
        for input in [
            Input::new("Elm Surgery", false, Theme::new(false)),
            Input::new(
                "Dr Imogen Qwertyfield, Elm Surgery",
                true,
                Theme::new(false),
            ),
        ] {
            let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
            input.draw(&mut buf, Rect::new(0, 0, 12, 3));
            assert!(!row(&buf).contains('…'), "{:?}", row(&buf));
        }
    }

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
