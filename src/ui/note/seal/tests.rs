//! Finalising refuses a wrong field and the confirm box names what is sealed
//! (issue 25, "Seen" item 1).

use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::domain::NoteKind;
use crate::ui::note::{Focus, NoteEditor};
use crate::ui::screen::{Effect, Outcome, Screen, Write};
use crate::ui::theme::Theme;

/// Sunday 22 November 2026, 09:00 (the tests' clock).
fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap()
}

fn typed(e: &mut NoteEditor, text: &str) {
    for c in text.chars() {
        e.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), now());
    }
}

/// An editor with a body, its When field cleared and `when` typed there.
fn editor_with_when(when: &str) -> NoteEditor {
    let mut e = NoteEditor::new(1, "Ada Testperson", now(), Instant::now(), Theme::default());
    typed(&mut e, "Saw Ada at home.");
    e.focus_on(Focus::When);
    e.when.set_text("");
    typed(&mut e, when);
    e
}

fn saved(e: &mut NoteEditor) -> Vec<Effect> {
    let o = Outcome {
        message: None,
        id: Some(7),
        late_days: None,
        at: now(),
    };
    e.written(
        &Write::SaveDraft {
            note_id: None,
            note: e.to_new_note(),
        },
        Ok(&o),
    )
}

fn seals(effects: &[Effect]) -> bool {
    effects.iter().any(|x| match x {
        Effect::Write(w) => matches!(**w, Write::CheckLate(_) | Write::Finalise { .. }),
        Effect::Confirm { .. } => true,
        _ => false,
    })
}

#[test]
fn a_when_showing_an_error_is_never_sealed_and_the_field_is_named() {
    for when in ["14:45", "23:50", "yesterday 9", "9"] {
        let mut e = editor_with_when(when);
        assert!(e.when_error.is_some(), "{when}: no error shown");
        e.focus_on(Focus::Body);
        let mut out = e.update(Action::Finalise, now());
        // Even when the draft was saved first, its answer does not finalise.
        out.extend(saved(&mut e));
        assert!(!seals(&out), "{when}: finalise went ahead: {out:?}");
        let said = out.iter().find_map(|x| match x {
            Effect::Error(t) => Some(t.clone()),
            _ => None,
        });
        assert!(
            said.as_deref().is_some_and(|t| t.contains("When")),
            "{when}: {said:?}"
        );
        assert_eq!(
            e.focus,
            Focus::When,
            "{when}: the keyboard goes to the field"
        );
    }
}

#[test]
fn the_confirm_box_shows_the_kind_the_date_and_time_and_who_was_present() {
    let mut e = editor_with_when("yesterday 14:30");
    assert_eq!(e.when_error, None);
    e.kind = Some(NoteKind::Hospital);
    e.focus_on(Focus::Outcome);
    typed(&mut e, "2");
    e.focus_on(Focus::Present);
    typed(&mut e, "Ada, ward nurse");
    let mut out = e.update(Action::Finalise, now());
    out.extend(saved(&mut e));
    assert!(
        out.iter()
            .any(|x| matches!(x, Effect::Write(w) if matches!(**w, Write::CheckLate(7)))),
        "{out:?}"
    );
    let o = Outcome {
        message: None,
        id: None,
        late_days: None,
        at: now(),
    };
    let asked = e.written(&Write::CheckLate(7), Ok(&o));
    let question = asked
        .iter()
        .find_map(|x| match x {
            Effect::Confirm { question, .. } => Some(question.clone()),
            _ => None,
        })
        .unwrap();
    assert!(question.contains("Kind: Hospital"), "{question}");
    assert!(
        question.contains("When: Sat 21 Nov 2026 14:30"),
        "{question}"
    );
    assert!(question.contains("Present: Ada, ward nurse"), "{question}");
    assert!(question.contains("Outcome: Seen alone"), "{question}");
}

/// Issue 25 item 2: a new note has no kind until one is picked (it took
/// the client's last kind, and a home visit was sealed as a phone call).
#[test]
fn a_note_without_a_chosen_kind_is_never_sealed_and_kind_is_named() {
    let mut e = editor_with_when("yesterday 14:30");
    assert_eq!(e.kind, None, "a new note has no kind");
    e.focus_on(Focus::Body);
    let mut out = e.update(Action::Finalise, now());
    out.extend(saved(&mut e));
    assert!(!seals(&out), "finalise went ahead: {out:?}");
    assert!(
        out.iter()
            .any(|x| matches!(x, Effect::Error(t) if t.contains("Kind"))),
        "{out:?}"
    );
    assert_eq!(e.focus, Focus::Kind, "the keyboard goes to the field");
    // → from "(choose)" starts at the first kind; a draft changes freely.
    e.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE), now());
    assert_eq!(e.kind, Some(NoteKind::ALL[0]));
    typed(&mut e, "p");
    assert_eq!(e.kind, Some(NoteKind::Phone));
    assert_eq!(e.seal_problem().map(|p| p.0), Some(Focus::Outcome));
}

/// Issue 25 item 3: a contact says what came of it; "seen" is never read
/// from the kind. Finalise is refused naming Outcome until one is chosen,
/// and an outcome that cannot go with a new kind is unchosen, not changed.
#[test]
fn a_contact_is_never_sealed_without_its_outcome_and_outcome_is_named() {
    use crate::domain::NoteOutcome;
    let mut e = editor_with_when("yesterday 14:30");
    e.focus_on(Focus::Kind);
    typed(&mut e, "h");
    e.focus_on(Focus::Body);
    let mut out = e.update(Action::Finalise, now());
    out.extend(saved(&mut e));
    assert!(!seals(&out), "finalise went ahead: {out:?}");
    assert!(
        out.iter()
            .any(|x| matches!(x, Effect::Error(t) if t.contains("Outcome"))),
        "{out:?}"
    );
    assert_eq!(e.focus, Focus::Outcome);
    typed(&mut e, "5");
    assert_eq!(
        e.outcome, None,
        "not applicable cannot go with a home visit"
    );
    typed(&mut e, "3");
    assert_eq!(e.outcome, Some(NoteOutcome::NotSeen));
    assert_eq!(e.seal_problem(), None);
    // A case supervision is no contact: no outcome is asked.
    e.focus_on(Focus::Kind);
    typed(&mut e, "s");
    assert_eq!(e.outcome, Some(NoteOutcome::NotSeen));
    e.outcome = None;
    assert_eq!(e.seal_problem(), None);
}
