//! Audit and undo.

use super::*;

#[test]
fn every_records_change_is_audited_without_text() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let n = note(&mut s, c, at(11, 16, 10), "Secret words.", false);
    s.finalise_note(n, None, at(11, 17, 9)).unwrap();
    s.add_addendum(n, "Spelling", "More secret words.", at(11, 18, 9))
        .unwrap();
    let log = s.audit_log(Some(c), 100).unwrap();
    let ops: Vec<(String, String)> = log
        .iter()
        .map(|a| (a.entity.clone(), a.op.clone()))
        .collect();
    assert_eq!(
        ops,
        vec![
            ("addendum".into(), "create".into()),
            ("note".into(), "finalise".into()),
            ("note".into(), "create".into()),
            ("client".into(), "create".into()),
        ]
    );
    assert!(log[1].fields.contains("finalised_at"));
    for a in &log {
        assert!(!a.fields.contains("secret"));
    }
}

// ---------- undo ----------

#[test]
fn undo_restores_an_update_and_is_itself_audited() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let mut edit = NewClient {
        given_name: "Ann".into(),
        family_name: "Example".into(),
        phone: Some("01632 960001".into()),
        opened_on: Some(day(1, 5)),
        ..NewClient::default()
    };
    s.update_client(c, &edit, at(11, 20, 9)).unwrap();
    edit.phone = Some("01632 960999".into());
    s.update_client(c, &edit, at(11, 20, 10)).unwrap();

    let undone = s.undo_last(at(11, 20, 11)).unwrap();
    assert_eq!(
        (undone.entity.as_str(), undone.op.as_str()),
        ("client", "update")
    );
    assert!(
        undone.summary.contains("edit the details of Ann Example"),
        "{}",
        undone.summary
    );
    assert_eq!(s.client(c).unwrap().phone.as_deref(), Some("01632 960001"));
    let log = s.audit_log(Some(c), 10).unwrap();
    assert_eq!(log[0].op, "undo");
    assert_eq!(log[0].id, undone.audit_id);
    assert_eq!(log[0].fields, "phone");
    // The undone change stays in the history.
    assert_eq!(log[1].op, "update");

    // A second undo goes one step further back.
    s.undo_last(at(11, 20, 12)).unwrap();
    assert_eq!(s.client(c).unwrap().phone, None);
    // Then the create: the client is closed, not deleted.
    let u = s.undo_last(at(11, 20, 13)).unwrap();
    assert!(u.summary.contains("closed"), "{}", u.summary);
    let gone = s.client(c).unwrap();
    assert_eq!(
        gone.closure_reason.as_deref(),
        Some("Added in error (undone)")
    );
    assert!(refused(s.undo_last(at(11, 20, 14)).unwrap_err()).contains("nothing to undo"));
}

#[test]
fn finalising_and_addenda_cannot_be_undone() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let n = note(&mut s, c, at(11, 16, 10), "Visit.", false);
    s.finalise_note(n, None, at(11, 17, 9)).unwrap();
    let msg = refused(s.undo_last(at(11, 17, 10)).unwrap_err());
    assert!(msg.contains("finalising cannot be undone"), "{msg}");
    s.add_addendum(n, "Clarification", "Also present: Bob.", at(11, 18, 9))
        .unwrap();
    let msg = refused(s.undo_last(at(11, 18, 10)).unwrap_err());
    assert!(msg.contains("addendum"), "{msg}");
    assert_eq!(s.note(n).unwrap().status, NoteStatus::Final);
    assert_eq!(s.addenda(n).unwrap().len(), 1);
    assert_eq!(s.audit_log(None, 10).unwrap()[0].op, "create");
}

#[test]
fn undo_of_a_create_is_soft_and_search_follows() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let d = s
        .add_deadline(
            &NewDeadline {
                client_id: Some(c),
                what: "Review".into(),
                due: Some(day(12, 1)),
                ..NewDeadline::default()
            },
            at(11, 20, 9),
        )
        .unwrap();
    s.undo_last(at(11, 20, 10)).unwrap();
    assert!(s.deadline(d).unwrap().cancelled);

    let n = note(
        &mut s,
        c,
        at(11, 20, 10),
        "Typed into the wrong client: zebra.",
        false,
    );
    assert_eq!(
        s.search("zebra", &SearchFilter::default()).unwrap().len(),
        1
    );
    let u = s.undo_last(at(11, 20, 11)).unwrap();
    assert!(u.summary.contains("draft was removed"), "{}", u.summary);
    assert!(s.note(n).is_err());
    assert!(
        s.search("zebra", &SearchFilter::default())
            .unwrap()
            .is_empty()
    );
}
