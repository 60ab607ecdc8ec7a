//! Undo says what it takes back; autosaves are one step.

use super::*;
use caseload::domain::Completion;

#[test]
fn undo_names_its_step_and_a_burst_of_autosaves_is_one_step() {
    use caseload::domain::NewDeadline;
    let mut f = common::Fixture::new();
    let c = f.client_at("Ada", "Kestrel", at(11, 1, 9));
    let mut s = f.store;
    let d = s
        .add_deadline(
            &NewDeadline {
                client_id: Some(c),
                what: "CPA review".into(),
                due: NaiveDate::from_ymd_opt(2026, 12, 1),
                ..NewDeadline::default()
            },
            at(11, 20, 9),
        )
        .unwrap();
    s.complete_deadline(
        d,
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        Completion::Outcome(None),
        at(11, 20, 9),
    )
    .unwrap();
    let step = s.next_undo().unwrap().unwrap();
    assert_eq!(step.label, "complete deadline 'CPA review'");
    assert!(step.blocked.is_none());
    let undone = s.undo_last(at(11, 20, 9)).unwrap();
    assert!(
        undone.summary.contains("complete deadline 'CPA review'"),
        "{}",
        undone.summary
    );
    assert!(s.deadline(d).unwrap().completed_on.is_none());

    // A draft typed over a few minutes: three autosaves, one undo step.
    let mut new = NewNote {
        client_id: c,
        kind: Some(NoteKind::Phone),
        outcome: caseload::demo::written_outcome(NoteKind::Phone),
        occurred_at: at(11, 20, 10),
        location: None,
        present: None,
        body: "Rang".into(),
        significant: false,
    };
    let id = s.add_note(&new, at(11, 20, 10)).unwrap();
    let t = |m| at(11, 20, 10) + chrono::Duration::minutes(m);
    for (m, body) in [
        (1, "Rang Ada"),
        (3, "Rang Ada about"),
        (6, "Rang Ada about the bed."),
    ] {
        new.body = body.into();
        assert!(s.save_draft(id, &new, t(m)).unwrap());
    }
    let step = s.next_undo().unwrap().unwrap();
    assert_eq!(
        step.label,
        "edit the draft note of 20/11/2026 (3 autosaves)"
    );
    s.undo_last(t(7)).unwrap();
    assert_eq!(s.note(id).unwrap().body, "Rang", "back to before the burst");
    assert_eq!(
        s.next_undo().unwrap().unwrap().label,
        "start the draft note of 20/11/2026"
    );
    // Autosaves far apart are separate steps.
    new.body = "Rang Ada.".into();
    s.save_draft(id, &new, t(10)).unwrap();
    new.body = "Rang Ada. She is well.".into();
    s.save_draft(id, &new, t(40)).unwrap();
    assert_eq!(
        s.next_undo().unwrap().unwrap().label,
        "edit the draft note of 20/11/2026"
    );
    s.undo_last(t(41)).unwrap();
    assert_eq!(s.note(id).unwrap().body, "Rang Ada.");
}
