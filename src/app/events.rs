//! Raw terminal events into the app: keys through the keymap (or, in a
//! typing mode, into the focused text), mouse wheel and clicks, and the
//! timer tick that drives the autosave.

use std::time::Instant;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::{AUTOSAVE_AFTER, App};
use crate::action::Action;
use crate::keymap::Mode;
use crate::ui::{Overlay, View};

impl App {
    /// Handles one terminal event.
    pub fn handle_event(&mut self, ev: &Event) {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.handle_key(*k),
            Event::Mouse(m) => self.handle_mouse(*m),
            Event::Paste(text) => {
                for c in text.chars().filter(|c| *c != '\r') {
                    let code = if c == '\n' {
                        KeyCode::Enter
                    } else {
                        KeyCode::Char(c)
                    };
                    self.type_key(KeyEvent::new(code, KeyModifiers::NONE));
                }
            }
            _ => {}
        }
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.status = None;
        let mode = self.mode();
        // In a long text field Enter and the arrows edit the text.
        let long_field = mode == Mode::Form
            && key.modifiers == KeyModifiers::NONE
            && matches!(key.code, KeyCode::Enter | KeyCode::Up | KeyCode::Down)
            && matches!(self.stack.last(), Some(View::Form(f)) if f.focus_is_long());
        if !long_field && let Some(action) = self.keymap.lookup(mode, &key) {
            self.update(action);
            return;
        }
        self.type_key(key);
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
        match self.stack.last_mut() {
            Some(View::Editor(e)) => e.key(key, now),
            Some(View::Form(f)) => f.key(key),
            Some(View::Search(s)) => {
                let changed = crate::ui::input::edit_line(&mut s.query, key);
                if changed {
                    s.run(&self.store);
                }
            }
            Some(View::Caseload(c)) if c.filtering => c.type_filter(key),
            _ => {}
        }
    }

    fn handle_mouse(&mut self, m: MouseEvent) {
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = m.kind == MouseEventKind::ScrollDown;
                if let Some(View::Editor(e)) = self.stack.last_mut()
                    && self.overlay.is_none()
                {
                    e.body.scroll(down);
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
        let before = self.selection();
        let hit = match self.stack.last_mut() {
            Some(View::Today(v)) => v.click(x, y),
            Some(View::Caseload(v)) => v.click(x, y),
            Some(View::Client(v)) => v.click(x, y),
            Some(View::Form(f)) => {
                f.click(y);
                false
            }
            _ => false,
        };
        if hit && before.is_some() && before == self.selection() {
            self.update(Action::Open);
        }
    }

    fn selection(&self) -> Option<(usize, usize)> {
        match self.stack.last() {
            Some(View::Today(v)) => Some((0, v.cursor.selected)),
            Some(View::Caseload(v)) => Some((0, v.cursor.selected)),
            Some(View::Client(v)) => {
                let tab = crate::ui::client::Tab::ALL
                    .iter()
                    .position(|t| *t == v.tab)
                    .unwrap_or(0);
                let sel = match v.tab {
                    crate::ui::client::Tab::Notes => v.notes_cursor.selected,
                    crate::ui::client::Tab::Deadlines => v.due_cursor.selected,
                    crate::ui::client::Tab::Network => v.network_cursor.selected,
                    _ => return None,
                };
                Some((tab, sel))
            }
            _ => None,
        }
    }

    /// The timer: writes the draft when it is dirty and a second has passed
    /// since the last save. `at` is the monotonic time now.
    pub fn tick_at(&mut self, at: Instant) {
        if let Some(View::Editor(e)) = self.stack.last()
            && e.dirty
            && at.saturating_duration_since(e.last_save) >= AUTOSAVE_AFTER
        {
            self.save_draft(at);
        }
    }
}
