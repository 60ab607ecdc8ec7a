//! Each key loads only the screen it shows: `c` loads the Caseload table
//! without rebuilding Today beneath it, and Today loads when Esc shows it.

use caseload::app::App;
use caseload::domain::NewClient;
use caseload::keymap::Keymap;
use caseload::store::Store;
use caseload::ui::View;
use caseload::ui::theme::Theme;
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap()
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn app() -> App {
    let mut s = Store::open_in_memory().unwrap();
    s.add_client(
        &NewClient {
            given_name: "Ann".into(),
            family_name: "Testperson".into(),
            visit_every_days: Some(14),
            ..NewClient::default()
        },
        now(),
    )
    .unwrap();
    App::new(
        s,
        Box::new(now),
        Keymap::defaults().unwrap(),
        Theme::new(false),
    )
}

/// Whether the Today screen at the bottom of the stack has been loaded.
fn today_loaded(app: &App) -> bool {
    match app.stack.first() {
        Some(View::Today(t)) => t.today.is_some(),
        other => panic!("Today is not at the bottom: {:?}", other.map(View::name)),
    }
}

#[test]
fn caseload_key_does_not_load_today_and_esc_does() {
    let mut a = app();
    assert!(today_loaded(&a), "the app opens on a loaded Today");
    press(&mut a, KeyCode::Char('c'));
    assert_eq!(a.stack.last().map(View::name), Some("Caseload"));
    assert!(!today_loaded(&a), "`c` loaded Today beneath the table");
    // Into a client and back: the table shows again, Today still unloaded.
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.stack.last().map(View::name), Some("Client"));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.stack.last().map(View::name), Some("Caseload"));
    assert!(!today_loaded(&a));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.stack.len(), 1);
    assert!(today_loaded(&a), "Esc showed Today without loading it");
}

#[test]
fn today_key_from_the_table_loads_today() {
    let mut a = app();
    press(&mut a, KeyCode::Char('c'));
    press(&mut a, KeyCode::Char('t'));
    assert_eq!(a.stack.len(), 1);
    assert!(today_loaded(&a));
}
