//! The terminal UI with no terminal: the app on a store at the fixed clock,
//! keys sent to it, and what it draws at a given size as text.

use chrono::NaiveDateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use caseload::app::App;
use caseload::keymap::Keymap;
use caseload::store::Store;
use caseload::ui::theme::Theme;

/// The app on `store` at [`super::now`], with the default keys and no
/// colour.
pub fn app_on(store: Store) -> App {
    app_at(store, super::now)
}

/// The app on `store` with its clock at `now()`, the default keys and no
/// colour.
pub fn app_at(store: Store, now: impl Fn() -> NaiveDateTime + 'static) -> App {
    App::new(
        store,
        Box::new(now),
        Keymap::defaults().unwrap(),
        Theme::new(false),
    )
}

/// Presses one key with no modifier.
pub fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Presses Ctrl+`c`.
pub fn ctrl(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

/// Types each character of `s` as a key.
pub fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The app drawn on a `w`×`h` test terminal.
pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| caseload::ui::draw(f, app)).unwrap();
    t
}

/// A buffer's cells as text, one line a row.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// What the app shows at `w`×`h`, as text.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    text(draw(app, w, h).backend().buffer())
}
