//! The Export menu and the paste key in the terminal UI, driven by keys with
//! no terminal: what is offered, where it writes, what it says, what goes
//! to the clipboard. Fictional people only.

mod common;

use caseload::app::App;
use caseload::domain::{NewClient, NoteKind};
use caseload::ui::{Overlay, View};
use ratatui::crossterm::event::KeyCode;

use common::tui::{ctrl, keys, press};
use common::{Fixture, new_note, now};

/// One client with one significant note, and an app whose export folder
/// is `dir` (with the folder holding the database, to keep).
fn app(dir: &std::path::Path) -> (tempfile::TempDir, App) {
    let mut f = Fixture::new();
    let id = f.client_with(NewClient {
        given_name: "Ada".into(),
        family_name: "Vale".into(),
        record_no: Some("T-1".into()),
        ..NewClient::default()
    });
    f.note_with(caseload::domain::NewNote {
        location: Some("Home".into()),
        significant: true,
        ..new_note(
            id,
            NoteKind::HomeVisit,
            now() - chrono::Duration::days(1),
            "Ada was well and made tea.",
        )
    });
    let (db_dir, mut app) = f.app();
    app.export_dir = Some(dir.to_path_buf());
    (db_dir, app)
}

fn screen_text(app: &App) -> String {
    common::tui::screen(app, 80, 24)
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
    let (_db, mut app) = app(&dir);
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
    let (_db, mut app) = app(&tmp.path().join("unused"));
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
    let (_db, mut app) = app(tmp.path());
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
    ctrl(&mut app, 'o');
    let hidden = screen_text(&app);
    assert!(
        !hidden.contains("made tea") && hidden.contains("Hidden in privacy mode"),
        "{hidden}"
    );
}

#[test]
fn the_palette_offers_export_and_copy_and_without_a_client_only_caseload_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let (_db, mut app) = app(tmp.path());
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
