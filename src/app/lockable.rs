//! How the session (lock screen, idle lock, privacy sweep) reaches the app:
//! see [`crate::app::session`].

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEvent};

use super::App;
use crate::action::Action;
use crate::app::session::Lockable;
use crate::keymap::Mode;
use crate::store::Store;

impl Lockable for App {
    fn draw(&self, frame: &mut Frame<'_>) {
        App::draw(self, frame);
    }

    fn handle_event(&mut self, ev: &Event) {
        App::handle_event(self, ev);
    }

    fn tick(&mut self, now: Instant) {
        self.tick_at(now);
    }

    fn save_all(&mut self) {
        self.shutdown();
    }

    // The store is closed or replaced through here: what was kept from
    // it goes (a new connection's stamps do not compare with the old's).
    fn store_mut(&mut self) -> &mut Store {
        self.cache.clear();
        &mut self.store
    }

    fn should_quit(&self) -> bool {
        self.should_quit
    }

    fn take_clipboard(&mut self) -> Option<String> {
        App::take_clipboard(self)
    }

    // Looked up in the global section whatever the mode, so both keys work
    // while typing a note too.
    fn is_lock_key(&self, key: &KeyEvent) -> bool {
        self.keymap.lookup(Mode::Global, key) == Some(Action::Lock)
    }

    fn is_privacy_key(&self, key: &KeyEvent) -> bool {
        self.keymap.lookup(Mode::Global, key) == Some(Action::TogglePrivacy)
    }

    fn set_privacy(&mut self, on: bool) {
        self.set_theme(self.theme.with_privacy(on));
    }

    fn privacy(&self) -> bool {
        self.theme.privacy()
    }

    fn take_lock_request(&mut self) -> bool {
        std::mem::take(&mut self.lock_requested)
    }

    fn notify(&mut self, text: &str) {
        self.info(text.to_string());
    }

    fn store_opened(&mut self) {
        self.cache.clear();
        self.prefetch_due = true;
        self.rebuild_names();
    }

    fn idle(&mut self) {
        App::idle(self);
    }
}
