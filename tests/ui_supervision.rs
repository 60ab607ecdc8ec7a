//! Case supervision from a client in the terminal UI (issue 32): `s` on
//! the client opens the form (named in the footer and the help), saving it
//! seals it and shows it in the chronology, and its action is on Today
//! with its owner. Keys sent to the app with no terminal, the clock pinned
//! at Sunday 22 November 2026, 09:00. Fictional people.

mod common;

use caseload::domain::{NoteKind, NoteStatus};
use caseload::store::prelude::*;
use common::Fixture;
use common::tui::{ctrl, keys, press, screen};
use ratatui::crossterm::event::KeyCode;

/// The app with Ada's record open on its Summary tab.
fn on_client() -> (tempfile::TempDir, caseload::app::App) {
    let mut f = Fixture::new();
    f.client("Ada", "Fictional");
    let (dir, mut app) = f.app();
    keys(&mut app, "c");
    press(&mut app, KeyCode::Enter);
    (dir, app)
}

fn tab(app: &mut caseload::app::App) {
    press(app, KeyCode::Tab);
}

/// Fills the form: supervisor, one decision, one action for "Me" by
/// +3d (Wednesday 25 November 2026).
fn fill(app: &mut caseload::app::App) {
    tab(app);
    keys(app, "Sam Reed");
    tab(app);
    keys(app, "Refer to the funding panel");
    tab(app);
    tab(app);
    keys(app, "Write the panel report");
    tab(app);
    keys(app, "Me");
    tab(app);
    keys(app, "+3d");
}

#[test]
fn the_supervision_key_is_in_the_footer_and_the_help() {
    let (_dir, mut app) = on_client();
    let footer = |app: &caseload::app::App, w: u16| {
        let text = screen(app, w, 24);
        text.lines().last().unwrap_or_default().to_string()
    };
    // On the Summary where the bar is wide enough, and on the Chronology
    // (where a supervision shows once recorded) at 80 columns.
    assert!(footer(&app, 120).contains("s supervision"));
    keys(&mut app, "6");
    let bar = footer(&app, 80);
    assert!(bar.contains("s supervision"), "{bar}");
    keys(&mut app, "?");
    let help = screen(&app, 120, 60);
    assert!(help.contains("Record a case supervision"), "{help}");
}

#[test]
fn a_supervision_typed_in_the_form_is_sealed_in_the_chronology_and_its_action_on_today() {
    let (_dir, mut app) = on_client();
    keys(&mut app, "s");
    let form = screen(&app, 80, 24);
    assert!(form.contains("Case supervision"), "{form}");
    fill(&mut app);
    assert!(
        screen(&app, 80, 24).contains("→ Wed 25 Nov"),
        "the date is shown resolved"
    );
    ctrl(&mut app, 's');
    let chron = screen(&app, 80, 24);
    assert!(chron.contains("Chronology"), "{chron}");
    // The event wraps in its column: read it as one run of words.
    let words = chron.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Supervision with Sam Reed: decision: Refer to the funding panel"),
        "{chron}"
    );
    // Sealed like a note, on the client's record.
    let notes = app.store().notes(1).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, Some(NoteKind::Supervision));
    assert_eq!(notes[0].status, NoteStatus::Final);
    assert!(!notes[0].hash.as_deref().unwrap_or_default().is_empty());
    // The action is on Today with its owner.
    keys(&mut app, "t");
    let today = screen(&app, 120, 40);
    let line = today
        .lines()
        .find(|l| l.contains("Write the panel report"))
        .unwrap_or_else(|| panic!("{today}"));
    assert!(line.contains("(owner: Me)"), "{line}");
    // A supervision is no contact with the person: not in the week's
    // contacts.
    let week = today
        .split("This week's contacts and reviews")
        .nth(1)
        .unwrap_or_else(|| panic!("{today}"));
    let week = week.split("Not seen").next().unwrap_or_default();
    assert!(!week.contains("Case supervision"), "{week}");
}

#[test]
fn unticked_it_is_kept_as_a_draft_note_to_finalise() {
    let (_dir, mut app) = on_client();
    keys(&mut app, "s");
    fill(&mut app);
    // Down to "Finalise (seal) now", past action 2 and 3 and the next review.
    for _ in 0..8 {
        tab(&mut app);
    }
    assert!(screen(&app, 80, 24).contains("[x] yes"));
    keys(&mut app, " ");
    ctrl(&mut app, 's');
    let notes = app.store().notes(1).unwrap();
    assert_eq!(notes[0].status, NoteStatus::Draft);
    let sup = app.store().supervisions(Some(1)).unwrap();
    assert_eq!(sup[0].actions[0].owner.as_deref(), Some("Me"));
}

#[test]
fn a_half_filled_action_is_refused_beside_its_field_and_nothing_saved() {
    let (_dir, mut app) = on_client();
    keys(&mut app, "s");
    tab(&mut app);
    keys(&mut app, "Sam Reed");
    tab(&mut app);
    keys(&mut app, "Close the case");
    tab(&mut app);
    tab(&mut app);
    keys(&mut app, "Send the letter");
    ctrl(&mut app, 's');
    let text = screen(&app, 80, 24);
    assert!(text.contains("say who does it"), "{text}");
    assert!(app.store().notes(1).unwrap().is_empty());
}

// Supervision on Monday 2 November sealed on Sunday 22 November: 14
// working days later, past the late-entry limit (1 working day for a
// significant note, config default), so the reason is asked beside its
// field before anything is written.
#[test]
fn sealing_a_late_supervision_asks_its_reason_beside_the_field() {
    let (_dir, mut app) = on_client();
    keys(&mut app, "s");
    for _ in 0.."today".len() {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "2026-11-02");
    tab(&mut app);
    keys(&mut app, "Sam Reed");
    tab(&mut app);
    keys(&mut app, "Close the case");
    ctrl(&mut app, 's');
    let text = screen(&app, 80, 24);
    assert!(text.contains("late entry"), "{text}");
    assert!(app.store().notes(1).unwrap().is_empty());
    // The reason field has the focus: type it and save again.
    keys(&mut app, "Panel minutes came late");
    ctrl(&mut app, 's');
    let notes = app.store().notes(1).unwrap();
    assert_eq!(notes[0].status, NoteStatus::Final);
    assert_eq!(
        notes[0].late_reason.as_deref(),
        Some("Panel minutes came late")
    );
}
