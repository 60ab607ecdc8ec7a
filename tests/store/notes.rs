//! Notes: drafts, finalising, addenda and summaries.

use super::*;

#[test]
fn notes_drafts_finalise_addenda_and_summaries() {
    let mut s = mem();
    let c = s.add_client(&client("Ada", "L"), now()).unwrap();
    let n1 = s
        .add_note(&note(c, "2026-11-20 10:00", "Visited."), now())
        .unwrap();
    let mut phone = note(c, "2026-11-21 15:00", "");
    phone.kind = Some(NoteKind::Phone);
    phone.outcome = Some(caseload::domain::NoteOutcome::NotApplicable);
    let n2 = s.add_note(&phone, now()).unwrap();
    // Newest contact first.
    let ids: Vec<i64> = s.notes(c).unwrap().iter().map(|n| n.id).collect();
    assert_eq!(ids, vec![n2, n1]);
    assert_eq!(s.drafts().unwrap().len(), 2);

    // An empty draft cannot be finalised; an autosave changes it.
    assert!(matches!(
        s.finalise_note(n2, None, now()),
        Err(StoreError::Refused(_))
    ));
    phone.body = "Rang to check in.".into();
    assert!(s.save_draft(n2, &phone, now()).unwrap());
    assert!(
        !s.save_draft(n2, &phone, now()).unwrap(),
        "no change, no write"
    );
    s.finalise_note(n2, None, now()).unwrap();
    assert_eq!(s.note(n2).unwrap().status, NoteStatus::Final);
    assert!(s.note(n2).unwrap().finalised_at.is_some());
    assert!(s.finalise_note(n2, None, now()).is_err(), "already final");
    phone.body = "changed".into();
    assert!(matches!(
        s.save_draft(n2, &phone, now()),
        Err(StoreError::Refused(_))
    ));
    assert_eq!(s.note(n2).unwrap().body, "Rang to check in.");

    // Addenda only on final notes, with a reason.
    assert!(s.add_addendum(n1, "typo", "fix", now()).is_err());
    assert!(s.add_addendum(n2, "", "fix", now()).is_err());
    let a = s
        .add_addendum(n2, "Wrong time", "It was 15:30.", now())
        .unwrap();
    let adds = s.addenda(n2).unwrap();
    assert_eq!(adds.len(), 1);
    assert_eq!(adds[0].id, a);
    assert_eq!(adds[0].reason, "Wrong time");

    // A note for a missing client and one far in the future are refused.
    assert!(matches!(
        s.add_note(&note(999, "2026-11-20 10:00", "x"), now()),
        Err(StoreError::NotFound { .. })
    ));
    assert!(
        s.add_note(&note(c, "2026-12-20 10:00", "x"), now())
            .is_err()
    );
    let huge = "x".repeat(10 * 1024 * 1024);
    assert!(
        s.add_note(&note(c, "2026-11-20 10:00", &huge), now())
            .is_err()
    );
    assert_eq!(s.notes(c).unwrap().len(), 2, "nothing half-written");

    // The home visit is still a draft and the final note is a phone call:
    // a contact, but nobody has been seen.
    let sum = &s.client_summaries(false).unwrap()[0];
    assert_eq!(sum.last_seen, None);
    assert_eq!(sum.last_contact, Some(d("2026-11-21")));
    assert_eq!(sum.drafts, 1);
    assert!(matches!(s.note(12345), Err(StoreError::NotFound { .. })));
}
