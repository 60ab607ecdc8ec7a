//! The note editor: drafts, header fields, dates, finalising, pastes,
//! late notes.

use caseload::store::prelude::*;
use std::time::{Duration, Instant};

use caseload::domain::{NoteKind, NoteStatus};
use caseload::ui::client::Tab;
use caseload::ui::forms::draft::DraftKey;
use caseload::ui::{Overlay, View};
use ratatui::crossterm::event::{Event, KeyCode};

use crate::support::*;

#[test]
fn a_typed_note_is_saved_as_a_draft_and_offered_back() {
    let mut app = app();
    write_note_for_bob(&mut app, "Bob was well today.");
    assert!(matches!(top(&app), View::Editor(e) if e.dirty));
    // Within a second nothing is written yet; after it, the autosave writes.
    app.tick_at(Instant::now());
    assert_eq!(app.store().drafts().unwrap().len(), 1, "only Ada's draft");
    app.tick_at(Instant::now() + Duration::from_millis(1100));
    let drafts = app.store().drafts().unwrap();
    assert_eq!(drafts.len(), 2);
    assert!(drafts.iter().any(|n| n.body == "Bob was well today."));
    // More typing, then leaving saves at once; the client is offered the draft back.
    keys(&mut app, " More.");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(top(&app), View::Client(_)));
    let bob_draft = app
        .store()
        .drafts()
        .unwrap()
        .into_iter()
        .find(|n| n.client_id == 2)
        .unwrap();
    assert_eq!(bob_draft.body, "Bob was well today. More.");
    keys(&mut app, "q");
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("draft not offered")
    };
    assert!(c.question.contains("draft"));
    keys(&mut app, "y");
    match top(&app) {
        View::Editor(e) => assert_eq!(e.body.text(), "Bob was well today. More."),
        other => panic!("expected the editor, got {}", other.title()),
    }
}

#[test]
fn focus_change_saves_and_the_header_fields_are_kept() {
    let mut app = app();
    write_note_for_bob(&mut app, "Met at the office");
    // Tab to When (the body is last): saving on focus change.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.store().drafts().unwrap().len(), 2);
    // When: clear and type a relative date; Kind: 'p' for phone; Where; Significant.
    retype(&mut app, 20, "yesterday 14:30");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "p");
    // Outcome (issue 25): 5, not applicable, for a call.
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "5");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Office");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, " ");
    press(&mut app, KeyCode::Tab);
    let d = app
        .store()
        .drafts()
        .unwrap()
        .into_iter()
        .find(|n| n.client_id == 2)
        .unwrap();
    assert_eq!(d.kind, Some(NoteKind::Phone));
    assert_eq!(
        d.outcome,
        Some(caseload::domain::NoteOutcome::NotApplicable)
    );
    assert_eq!(d.occurred_at, day(11, 21).and_hms_opt(14, 30, 0).unwrap());
    assert_eq!(d.location.as_deref(), Some("Office"));
    assert!(d.significant);
}

#[test]
fn a_date_in_the_future_is_refused_beside_the_field_and_the_text_still_saves() {
    let mut app = app();
    write_note_for_bob(&mut app, "Typed first");
    press(&mut app, KeyCode::Tab);
    retype(&mut app, 20, "+2w 10:00");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("is in the future"), "{text}");
    press(&mut app, KeyCode::Tab);
    assert!(app.status.is_none(), "{:?}", app.status);
    assert!(
        app.store()
            .drafts()
            .unwrap()
            .iter()
            .any(|n| n.body == "Typed first")
    );
}

#[test]
fn finalise_asks_first_then_the_note_is_read_only_with_addenda() {
    let mut app = app();
    write_note_for_bob(&mut app, "Home visit went well.");
    ctrl(&mut app, 'f');
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    keys(&mut app, "n");
    assert!(matches!(top(&app), View::Editor(_)), "no keeps editing");
    ctrl(&mut app, 'f');
    keys(&mut app, "y");
    assert_eq!(client_tab(&app), Tab::Notes);
    let notes = app.store().notes(2).unwrap();
    let note = notes
        .iter()
        .find(|n| n.body.starts_with("Home visit"))
        .unwrap();
    assert_eq!(note.status, NoteStatus::Final);
    // Open it (newest first: it is the first row): read-only, then an addendum.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::NoteView(_)));
    keys(&mut app, "a");
    keys(&mut app, "Wrong time recorded");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "The visit was at 10:00.");
    ctrl(&mut app, 's');
    assert!(matches!(top(&app), View::NoteView(_)));
    let add = app.store().addenda(note.id).unwrap();
    assert_eq!(add.len(), 1);
    assert_eq!(add[0].reason, "Wrong time recorded");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("reason: Wrong time recorded"), "{text}");
}

#[test]
fn a_paste_types_into_the_note_and_cannot_submit_a_form() {
    let mut app = app();
    keys(&mut app, "N");
    app.handle_event(&Event::Paste("Ada\r\nLine two".into()));
    assert!(
        matches!(top(&app), View::Form(f) if f.draft_key == Some(DraftKey::NewClient)
            && f.field("given name").is_some_and(|g| g.value() == "AdaLine two"))
    );
}

#[test]
fn a_late_note_asks_why_before_it_is_finalised() {
    let mut app = app();
    write_note_for_bob(&mut app, "Visit written up late.");
    press(&mut app, KeyCode::Tab);
    retype(&mut app, 20, "09/11/2026 10:00");
    ctrl(&mut app, 'f');
    // What will be sealed is shown first, late or not (issue 25).
    assert!(
        matches!(app.overlay, Some(Overlay::Confirm(_))),
        "the confirm box before the reason"
    );
    keys(&mut app, "y");
    let View::Form(f) = top(&app) else {
        panic!("expected the late-entry form, got {}", top(&app).title())
    };
    assert!(f.title.contains("late entry"), "{}", f.title);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Form(_)), "a reason is required");
    keys(&mut app, "Off sick");
    press(&mut app, KeyCode::Enter);
    assert_eq!(client_tab(&app), Tab::Notes);
    let n = app
        .store()
        .notes(2)
        .unwrap()
        .into_iter()
        .find(|n| n.body == "Visit written up late.")
        .unwrap();
    assert_eq!(n.status, NoteStatus::Final);
    assert_eq!(n.late_reason.as_deref(), Some("Off sick"));
}
