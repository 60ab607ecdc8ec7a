//! Each key loads only the screen it shows: `c` loads the Caseload table
//! without rebuilding Today beneath it, and Today loads when Esc shows it.
//! What is kept between keys is never out of date: a deadline added from
//! the command line while the TUI is open shows after `t`, and the TUI's
//! own writes show at once.

mod common;

use caseload::app::App;
use caseload::domain::NewClient;
use caseload::keymap::Keymap;
use caseload::store::Store;
use caseload::store::prelude::*;
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

/// The app on an encrypted file holding Ada Testperson, and the file, for
/// the command line to write to while the app is open.
fn app_on_a_file() -> (tempfile::TempDir, std::path::PathBuf, App) {
    let mut fx = common::Fixture::new();
    fx.client("Ada", "Testperson");
    let common::Fixture { dir, db, store } = fx;
    (dir, db, common::tui::app_on(store))
}

fn today_text(app: &App) -> String {
    common::tui::screen(app, 80, 24)
}

#[test]
fn a_deadline_added_from_the_command_line_shows_after_t() {
    let (_dir, db, mut a) = app_on_a_file();
    // Today and the table shown, so both are kept.
    press(&mut a, KeyCode::Char('c'));
    assert!(!today_text(&a).contains("Clifield"));
    press(&mut a, KeyCode::Esc);
    assert!(!today_text(&a).contains("Court report from the CLI"));

    common::cli::ok(
        &db,
        &[
            "deadline",
            "add",
            "--what",
            "Court report from the CLI",
            "--due",
            "today",
            "Ada",
        ],
    );
    common::cli::ok(
        &db,
        &["client", "add", "--given", "Bea", "--family", "Clifield"],
    );
    press(&mut a, KeyCode::Char('t'));
    let text = today_text(&a);
    assert!(text.contains("Court report from the CLI"), "{text}");
    press(&mut a, KeyCode::Char('c'));
    let text = today_text(&a);
    assert!(
        text.contains("Clifield"),
        "the table kept its old rows:\n{text}"
    );
}

#[test]
fn the_tuis_own_writes_show_on_today_and_in_the_table_at_once() {
    let (_dir, _db, mut a) = app_on_a_file();
    press(&mut a, KeyCode::Char('c'));
    press(&mut a, KeyCode::Esc);
    // A deadline through the client's Deadlines tab, then straight back.
    press(&mut a, KeyCode::Char('c'));
    press(&mut a, KeyCode::Enter);
    common::tui::keys(&mut a, "4a");
    common::tui::keys(&mut a, "Own review");
    press(&mut a, KeyCode::Tab);
    common::tui::keys(&mut a, "today");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    let table = today_text(&a);
    assert_eq!(a.stack.last().map(View::name), Some("Caseload"));
    let ada = table
        .lines()
        .find(|l| l.contains("Ada"))
        .unwrap_or_default();
    assert!(
        ada.contains("22/11/2026"),
        "Ada's next due is not shown:\n{table}"
    );
    press(&mut a, KeyCode::Esc);
    let text = today_text(&a);
    assert!(text.contains("Own review"), "{text}");
    // A client added from Today itself shows in the table.
    common::tui::keys(&mut a, "N");
    common::tui::keys(&mut a, "Dee");
    press(&mut a, KeyCode::Tab);
    common::tui::keys(&mut a, "Okafor");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.stack.last().map(View::name), Some("Client"));
    common::tui::keys(&mut a, "c");
    let table = today_text(&a);
    assert!(table.contains("Okafor"), "{table}");
}
