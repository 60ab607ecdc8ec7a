//! What the terminal UI changes on records it shows: a network member
//! edited and archived, a draft discarded; each audited and undoable.

use super::*;

fn member(client_id: i64) -> NewNetworkMember {
    NewNetworkMember {
        client_id,
        name: "Nell Example".into(),
        role: "Nearest relative".into(),
        email: Some("nell@example.org".into()),
        ..NewNetworkMember::default()
    }
}

#[test]
fn a_network_member_is_edited_field_by_field_and_undo_restores_it() {
    let mut s = mem();
    let c = s.add_client(&client("Ada", "L"), now()).unwrap();
    let m = s.add_network_member(&member(c), now()).unwrap();
    let same = s.update_network_member(m, &member(c), now()).unwrap();
    assert!(same.is_empty(), "nothing changed, nothing written");
    let before = audit_len(&s);
    let edited = NewNetworkMember {
        phone: Some("01632 960000".into()),
        notes: Some("Prefers calls after 5pm".into()),
        ..member(c)
    };
    let changed = s.update_network_member(m, &edited, now()).unwrap();
    assert_eq!(changed, ["phone", "notes"]);
    assert_eq!(audit_len(&s), before + 1);
    let stored = &s.network(c).unwrap()[0];
    assert_eq!(stored.phone.as_deref(), Some("01632 960000"));
    assert_eq!(stored.email.as_deref(), Some("nell@example.org"));
    // A name cannot be blanked.
    let blank = NewNetworkMember {
        name: " ".into(),
        ..member(c)
    };
    assert!(matches!(
        s.update_network_member(m, &blank, now()),
        Err(StoreError::Invalid(_))
    ));
    let step = s.next_undo().unwrap().unwrap();
    assert_eq!(step.label, "edit network member 'Nell Example'");
    s.undo_last(now()).unwrap();
    let stored = &s.network(c).unwrap()[0];
    assert_eq!(stored.phone, None);
    assert_eq!(stored.notes, None);
}

#[test]
fn archiving_keeps_the_member_once_and_undo_brings_them_back() {
    let mut s = mem();
    let c = s.add_client(&client("Ada", "L"), now()).unwrap();
    let m = s.add_network_member(&member(c), now()).unwrap();
    s.archive_network_member(m, now()).unwrap();
    let all = s.network(c).unwrap();
    assert_eq!(all.len(), 1, "kept, not deleted");
    assert!(all[0].archived);
    assert!(matches!(
        s.archive_network_member(m, now()),
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        s.archive_network_member(m + 100, now()),
        Err(StoreError::NotFound { .. })
    ));
    let step = s.next_undo().unwrap().unwrap();
    assert_eq!(step.label, "archive network member 'Nell Example'");
    s.undo_last(now()).unwrap();
    assert!(!s.network(c).unwrap()[0].archived);
}

#[test]
fn a_discarded_draft_leaves_the_record_and_undo_puts_it_back_whole() {
    let mut s = mem();
    let c = s.add_client(&client("Ada", "L"), now()).unwrap();
    let kept = s
        .add_note(&note(c, "2026-11-20 10:00", "Visited; final."), now())
        .unwrap();
    s.finalise_note(kept, None, now()).unwrap();
    let draft = s
        .add_note(&note(c, "2026-11-21 15:00", "Half written."), now())
        .unwrap();
    s.discard_draft(draft, now()).unwrap();
    let ids: Vec<i64> = s.notes(c).unwrap().iter().map(|n| n.id).collect();
    assert_eq!(ids, [kept]);
    assert!(
        s.search("written", &caseload::store::SearchFilter::default())
            .unwrap()
            .is_empty()
    );
    // A final note is refused, and stays.
    assert!(matches!(
        s.discard_draft(kept, now()),
        Err(StoreError::Refused(_))
    ));
    assert_eq!(s.notes(c).unwrap().len(), 1);
    let step = s.next_undo().unwrap().unwrap();
    assert_eq!(step.label, "discard the draft note of 2026-11-21");
    s.undo_last(now()).unwrap();
    let back = s.note(draft).unwrap();
    assert_eq!(back.body, "Half written.");
    assert_eq!(back.status, NoteStatus::Draft);
    assert_eq!(
        s.search("written", &caseload::store::SearchFilter::default())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn discarding_a_visits_note_keeps_the_visit_and_undo_links_them_again() {
    let mut s = mem();
    let c = s.add_client(&client("Ada", "L"), now()).unwrap();
    let v = s
        .plan_visit(
            &NewVisit {
                clients: vec![c],
                at: Some(t("2026-11-22 08:00")),
                ..NewVisit::default()
            },
            now(),
        )
        .unwrap();
    let n = s
        .record_visit_and_start_note(v, &[(c, VisitOutcome::Seen)], None, c, now())
        .unwrap();
    assert_eq!(s.visit(v).unwrap().note_id, Some(n));
    s.discard_draft(n, now()).unwrap();
    assert_eq!(s.visit(v).unwrap().note_id, None, "the visit stays");
    s.undo_last(now()).unwrap();
    assert_eq!(s.visit(v).unwrap().note_id, Some(n));
    assert_eq!(s.note(n).unwrap().status, NoteStatus::Draft);
}
