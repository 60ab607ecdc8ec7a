//! Raw terminal events into the app: keys through the keymap (or, in a
//! typing mode, into the focused text), mouse wheel and clicks, and the
//! timer tick that drives the autosave.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::App;
use crate::action::Action;
use crate::ui::Overlay;
use crate::ui::screen::{Click, Screen};

impl App {
    /// Handles one terminal event.
    pub fn handle_event(&mut self, ev: &Event) {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.handle_key(*k),
            Event::Mouse(m) => self.handle_mouse(*m),
            Event::Paste(text) => self.paste(text),
            _ => {}
        }
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.status = None;
        let mode = self.mode();
        // A screen may take a bound key as text (Enter in a long field).
        let raw = self.overlay.is_none() && self.top().is_some_and(|s| s.wants_raw(&key));
        if !raw && let Some(action) = self.keymap.lookup(mode, &key) {
            self.update(action);
            return;
        }
        self.type_key(key);
    }

    /// Pasted text: into the palette's query, or the screen on top takes it
    /// (the note editor in one go; CR, CR LF and LF are all line breaks).
    fn paste(&mut self, text: &str) {
        self.status = None;
        let now = self.now();
        if let Some(Overlay::Palette(p)) = &mut self.overlay {
            for c in crate::domain::cell::normalise_newlines(text).chars() {
                let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                crate::ui::input::edit_line(&mut p.query, key);
            }
            p.refilter();
            return;
        }
        if self.overlay.is_some() {
            return;
        }
        let effects = match self.stack.last_mut() {
            Some(v) => v.screen_mut().paste(text, now),
            None => Vec::new(),
        };
        self.run(effects);
    }

    /// Types a key into whatever takes text now (nothing, on a browsing screen).
    fn type_key(&mut self, key: KeyEvent) {
        let now = self.now();
        if let Some(Overlay::Palette(p)) = &mut self.overlay {
            if crate::ui::input::edit_line(&mut p.query, key) {
                p.refilter();
            }
            return;
        }
        if self.overlay.is_some() {
            return;
        }
        let effects = match self.stack.last_mut() {
            Some(v) => v.screen_mut().type_key(key, now),
            None => Vec::new(),
        };
        self.run(effects);
    }

    fn handle_mouse(&mut self, m: MouseEvent) {
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = m.kind == MouseEventKind::ScrollDown;
                if self.overlay.is_none()
                    && let Some(v) = self.stack.last_mut()
                    && v.screen_mut().wheel(down)
                {
                    return;
                }
                let a = if down { Action::Down } else { Action::Up };
                for _ in 0..3 {
                    self.update(a);
                }
            }
            MouseEventKind::Down(MouseButton::Left) => self.click(m.column, m.row),
            _ => {}
        }
    }

    /// A click: selects the row or tab under it; a click on the row already
    /// selected opens it.
    fn click(&mut self, x: u16, y: u16) {
        if let Some(Overlay::Palette(p)) = &mut self.overlay {
            if let Some(i) = p.cursor.row_at(x, y, 0).filter(|i| *i < p.matches.len()) {
                let again = p.cursor.selected == i;
                p.cursor.selected = i;
                if again {
                    self.update(Action::Open);
                }
            }
            return;
        }
        if self.overlay.is_some() {
            return;
        }
        let before = self.top().and_then(Screen::selection);
        let hit = match self.stack.last_mut() {
            Some(v) => v.screen_mut().click(x, y),
            None => Click::Missed,
        };
        if hit == Click::Selected
            && before.is_some()
            && before == self.top().and_then(Screen::selection)
        {
            self.update(Action::Open);
        }
    }
}
