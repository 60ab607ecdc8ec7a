//! The app as a whole: quitting, help, palette, hostile text, errors, the
//! keymap, key releases.

use caseload::action::Action;
use caseload::app::App;
use caseload::domain::NewClient;
use caseload::keymap::{DEFAULT_KEYMAP, Keymap, Mode};
use caseload::store::prelude::*;
use caseload::ui::theme::Theme;
use caseload::ui::{Overlay, View};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::support::*;

#[test]
fn quitting_from_the_top_asks_nothing() {
    let mut app = app();
    keys(&mut app, "c");
    keys(&mut app, "q");
    assert!(!app.should_quit);
    assert!(matches!(top(&app), View::Today(_)));
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit, "Esc on the first screen does not quit");
    keys(&mut app, "q");
    assert!(app.should_quit);
    assert!(app.overlay.is_none());
}

#[test]
fn help_is_generated_from_the_live_keymap() {
    let km = Keymap::build(DEFAULT_KEYMAP, Some("[caseload]\nfilter = [\"F\"]\n")).unwrap();
    let mut app = App::new(fixture(), Box::new(now), km, Theme::new(false));
    keys(&mut app, "c?");
    assert!(matches!(app.overlay, Some(Overlay::Help(ref h)) if h.mode == Mode::Caseload));
    let text = screen_text(&app, 120, 40);
    let line = text
        .lines()
        .find(|l| l.contains("Filter the table"))
        .unwrap();
    assert!(line.contains(" F "), "{line}");
    assert!(!line.contains(" / "), "{line}");
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    // And the hint bar follows it too.
    let text = screen_text(&app, 120, 40);
    assert!(text.lines().last().unwrap().contains("F filter"));
}

#[test]
fn the_palette_finds_clients_fuzzily_and_runs_commands() {
    let mut app = app();
    keys(&mut app, ":lvlc");
    let Some(Overlay::Palette(p)) = &app.overlay else {
        panic!()
    };
    assert!(p.matches[0].label.starts_with("Ada Lovelace"));
    press(&mut app, KeyCode::Enter);
    if let Some(Overlay::Confirm(_)) = app.overlay {
        keys(&mut app, "n");
    }
    assert!(matches!(top(&app), View::Client(c) if c.client.id == 1));
    keys(&mut app, ":caseload tab");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Caseload(_)));
}

#[test]
fn hostile_stored_text_is_inert_on_screen() {
    let mut s = fixture();
    let id = s
        .add_client(
            &NewClient {
                given_name: "Eve\u{1b}]0;pwned\u{7}".into(),
                family_name: "Hack\u{1b}[2J\u{202e}er".into(),
                alerts: vec!["\u{9b}31mred".into()],
                ..NewClient::default()
            },
            now(),
        )
        .unwrap();
    let mut app = app_with(s);
    keys(&mut app, "c/eve");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Client(c) if c.client.id == id));
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&app, w, h);
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' || c == '\u{202e}'),
            "control characters reached the screen"
        );
        assert!(text.contains("Eve Hacker"), "{text}");
    }
}

#[test]
fn errors_go_to_the_status_line_and_the_app_carries_on() {
    let mut app = app();
    open_ada(&mut app);
    keys(&mut app, "4");
    keys(&mut app, "G");
    keys(&mut app, "D");
    // The last row is an earlier-closed or open deadline: mark it, then try
    // to mark a done deadline again.
    let mut tries = 0;
    while !matches!(top(&app), View::Form(_)) && tries < 3 {
        keys(&mut app, "kD");
        tries += 1;
    }
    retype(&mut app, 11, "+5d");
    press(&mut app, KeyCode::Enter);
    let s = app.status.clone().unwrap();
    assert!(s.error && s.text.contains("future"), "{s:?}");
    assert!(matches!(top(&app), View::Form(_)));
}

#[test]
fn every_action_has_a_key_or_is_reachable() {
    let km = Keymap::defaults().unwrap();
    let modes = Mode::ALL;
    for a in Action::ALL {
        assert!(
            modes.iter().any(|m| !km.keys_for(*m, *a).is_empty()),
            "{a:?} has no key"
        );
    }
}

#[test]
fn a_key_release_does_nothing() {
    // Windows consoles report every key twice, pressed and released.
    let mut app = app();
    keys(&mut app, "c");
    for kind in [KeyEventKind::Press, KeyEventKind::Release] {
        let j = KeyEvent::new_with_kind(KeyCode::Char('j'), KeyModifiers::NONE, kind);
        app.handle_event(&Event::Key(j));
    }
    let View::Caseload(c) = top(&app) else {
        panic!()
    };
    assert_eq!(c.cursor.selected, 1, "moved once, not twice");
}
