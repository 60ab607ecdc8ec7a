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

/// One edit in the note editor, for the property test below.
#[derive(Debug, Clone)]
enum Edit {
    /// Gives the keyboard to a field.
    Focus(usize),
    /// Types a key.
    Key(char),
    /// ← or →.
    Step(bool),
    /// Backspace.
    Back,
}

fn edit() -> impl proptest::strategy::Strategy<Value = Edit> {
    use proptest::prelude::*;
    prop_oneof![
        (0..7usize).prop_map(Edit::Focus),
        proptest::sample::select(vec![
            'h', 'p', 't', 's', 'm', '1', '2', '3', '4', '5', ' ', 'y', '9', ':', 'A', 'x'
        ])
        .prop_map(Edit::Key),
        any::<bool>().prop_map(Edit::Step),
        Just(Edit::Back),
    ]
}

proptest::proptest! {
    /// Issue 25: for any sequence of edits, either finalise is refused or
    /// what is sealed (the draft saved just before the question) is what
    /// the confirm box showed: its kind, when, outcome and who was present.
    #[test]
    fn finalise_is_refused_or_seals_what_the_confirm_box_showed(
        edits in proptest::collection::vec(edit(), 0..40)
    ) {
        const FIELDS: [Focus; 7] = [
            Focus::When, Focus::Kind, Focus::Outcome, Focus::Where, Focus::Present,
            Focus::Significant, Focus::Body,
        ];
        let mut e = NoteEditor::new(1, "Ada Testperson", now(), Instant::now(), Theme::default());
        for x in &edits {
            let code = match x {
                Edit::Focus(i) => {
                    e.focus_on(FIELDS[*i]);
                    continue;
                }
                Edit::Key(c) => KeyCode::Char(*c),
                Edit::Step(right) => if *right { KeyCode::Right } else { KeyCode::Left },
                Edit::Back => KeyCode::Backspace,
            };
            e.key(KeyEvent::new(code, KeyModifiers::NONE), now());
        }
        let mut out = e.update(Action::Finalise, now());
        let sealed = e.to_new_note();
        out.extend(saved(&mut e));
        let o = Outcome { message: None, id: None, late_days: None, at: now() };
        if seals(&out) {
            proptest::prop_assert!(e.seal_problem().is_none());
            let asked = e.written(&Write::CheckLate(7), Ok(&o));
            let question = asked.iter().find_map(|x| match x {
                Effect::Confirm { question, .. } => Some(question.clone()),
                _ => None,
            });
            let question = question.unwrap_or_default();
            let kind = sealed.kind.map(NoteKind::label).unwrap_or("none");
            proptest::prop_assert!(question.contains(&format!("Kind: {kind}\n")), "{}", question);
            let when = format!("When: {}\n", crate::dates::show_dt(sealed.occurred_at));
            proptest::prop_assert!(question.contains(&when), "{}", question);
            let outcome = sealed.outcome.map_or("none (not a contact)", |o| o.label());
            proptest::prop_assert!(question.contains(&format!("Outcome: {outcome}\n")), "{}", question);
            let typed = sealed.present.clone().unwrap_or_default();
            let present = if typed.trim().is_empty() {
                "not recorded".to_string()
            } else {
                crate::domain::text::one_line(&typed)
            };
            proptest::prop_assert!(question.contains(&format!("Present: {present}\n")), "{}", question);
            proptest::prop_assert!(sealed.kind.is_some());
            // A contact is never sealed without its outcome, nor a time
            // showing an error in place of the last good one.
            proptest::prop_assert!(
                sealed.outcome.is_some()
                    || !sealed.kind.is_some_and(crate::domain::note_outcome::outcome_required)
            );
            proptest::prop_assert!(e.when_error.is_none());
        } else {
            proptest::prop_assert!(e.seal_problem().is_some(), "{:?}", out);
        }
    }
}
