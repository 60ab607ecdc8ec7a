//! The Export menu and the paste key in the terminal UI, driven by keys with
//! no terminal: what is offered, where it writes, what it says, what goes
//! to the clipboard. Fictional people only.

use caseload::app::App;
use caseload::domain::{NewClient, NewNote, NoteKind};
use caseload::keymap::Keymap;
use caseload::store::Store;
use caseload::ui::theme::Theme;
use caseload::ui::{Overlay, View};
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// One client with one significant note, and an app whose export folder
/// is `dir`.
fn app(dir: &std::path::Path) -> App {
    let mut s = Store::open_in_memory().unwrap();
    let id = s
        .add_client(
            &NewClient {
                given_name: "Ada".into(),
                family_name: "Vale".into(),
                record_no: Some("T-1".into()),
                ..NewClient::default()
            },
            now(),
        )
        .unwrap();
    s.add_note(
        &NewNote {
            client_id: id,
            kind: NoteKind::HomeVisit,
            occurred_at: now() - chrono::Duration::days(1),
            location: Some("Home".into()),
            present: None,
            body: "Ada was well and made tea.".into(),
            significant: true,
        },
        now(),
    )
    .unwrap();
    let mut app = App::new(
        s,
        Box::new(now),
        Keymap::defaults().unwrap(),
        Theme::new(false),
    );
    app.export_dir = Some(dir.to_path_buf());
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn screen_text(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| caseload::ui::draw(f, app)).unwrap();
    let buf = t.backend().buffer();
    (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

fn open_ada(app: &mut App) {
    keys(app, "c/vale");
    press(app, KeyCode::Enter);
    if matches!(app.overlay, Some(Overlay::Confirm(_))) {
        keys(app, "n");
    }
    assert!(matches!(app.stack.last(), Some(View::Client(_))));
}

#[test]
fn x_on_a_client_writes_the_chosen_export_into_the_folder_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let mut app = app(&dir);
    open_ada(&mut app);
    keys(&mut app, "x");
    let menu = screen_text(&app);
    for words in [
        "Client summary (HTML)",
        "Chronology for a bundle",
        "Outage pack",
        "Subject access",
    ] {
        assert!(menu.contains(words), "{words} missing:\n{menu}");
    }
    keys(&mut app, "c");
    assert!(
        screen_text(&app).contains(&dir.display().to_string()),
        "the folder is offered"
    );
    press(&mut app, KeyCode::Enter);
    let status = app.status.clone().unwrap();
    assert!(!status.error, "{}", status.text);
    assert!(
        status
            .text
            .contains("client-1-t-1-chronology-2026-11-22.html"),
        "{}",
        status.text
    );
    let file = dir.join("client-1-t-1-chronology-2026-11-22.html");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("Ada was well and made tea."));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!((mode(&dir), mode(&file)), (0o700, 0o600));
    }
    assert!(
        matches!(app.stack.last(), Some(View::Client(_))),
        "back on the client"
    );
}

#[test]
fn esc_in_the_folder_goes_back_to_the_choices_and_a_typed_folder_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(&tmp.path().join("unused"));
    open_ada(&mut app);
    keys(&mut app, "xs");
    press(&mut app, KeyCode::Esc);
    assert!(screen_text(&app).contains("Choose what to make"));
    keys(&mut app, "m");
    // Clear the offered folder and type another.
    for _ in 0..200 {
        press(&mut app, KeyCode::Backspace);
    }
    let other = tmp.path().join("typed");
    keys(&mut app, &other.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert!(other.join("client-1-t-1-summary-2026-11-22.md").exists());
    assert!(!tmp.path().join("unused").exists());
}

#[test]
fn y_copies_the_note_through_osc52_and_shows_it_and_privacy_hides_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    open_ada(&mut app);
    keys(&mut app, "y");
    let seq = app.take_clipboard().expect("a clipboard copy");
    assert!(seq.starts_with("\u{1b}]52;c;") && seq.ends_with('\u{7}'));
    let text = screen_text(&app);
    assert!(
        text.contains("CASE NOTE") && text.contains("Ada was well and made tea."),
        "{text}"
    );
    assert_eq!(app.take_clipboard(), None, "copied once");
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('o'),
        KeyModifiers::CONTROL,
    )));
    let hidden = screen_text(&app);
    assert!(
        !hidden.contains("made tea") && hidden.contains("Hidden in privacy mode"),
        "{hidden}"
    );
}

#[test]
fn the_palette_offers_export_and_copy_and_without_a_client_only_caseload_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = app(tmp.path());
    keys(&mut app, ":");
    keys(&mut app, "export");
    press(&mut app, KeyCode::Enter);
    let menu = screen_text(&app);
    assert!(
        menu.contains("Outage pack") && !menu.contains("Subject access"),
        "{menu}"
    );
    press(&mut app, KeyCode::Esc);
    keys(&mut app, ":");
    keys(&mut app, "copy");
    let palette = screen_text(&app);
    assert!(palette.contains("Copy the note"), "{palette}");
}
