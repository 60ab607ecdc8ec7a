//! Times mean what was typed, including the hour the clocks go back.

use super::*;

#[test]
fn note_times_are_understood_or_refused_never_guessed() {
    let (_dir, db) = new_db();
    ok(
        &db,
        &[
            "note", "add", "1", "--kind", "phone", "--at", "8am", "--text", "Rang.",
        ],
    );
    assert_eq!(notes(&db)[0]["occurred_at"], "2026-11-22T08:00:00");
    for bad in ["14", "yesterday", "12/3/85 10:00", "2pm-ish"] {
        let e = fails(
            &db,
            &[
                "note", "add", "1", "--kind", "phone", "--at", bad, "--text", "x",
            ],
        );
        assert!(e.contains("--at"), "{bad}: {e}");
    }
    assert_eq!(notes(&db).len(), 1, "nothing saved from the refused ones");
}

#[test]
fn a_contact_cannot_be_in_the_future_anywhere() {
    let (_dir, db) = new_db();
    // 2pm today is five hours after the pinned 09:00.
    let e = fails(
        &db,
        &[
            "note", "add", "1", "--kind", "phone", "--at", "2pm", "--text", "x",
        ],
    );
    assert!(e.contains("in the future"), "{e}");
    assert_eq!(e.matches("in the future").count(), 1, "said once: {e}");
    assert!(e.contains("NOT saved"), "{e}");
    // Tomorrow is the future too (the old check allowed a day's grace).
    let e = fails(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--at",
            "tomorrow 08:00",
            "--text",
            "x",
        ],
    );
    assert!(e.contains("in the future"), "{e}");
    assert!(notes(&db).is_empty());

    // The store refuses to finalise a draft whose contact is still ahead of
    // the clock, whichever front end asks.
    let mut s = Store::open(&db, &SecretString::from(PASS)).unwrap();
    let new = NewNote {
        client_id: 1,
        kind: Some(NoteKind::Phone),
        outcome: caseload::demo::written_outcome(NoteKind::Phone),
        occurred_at: at(11, 23, 10),
        location: None,
        present: None,
        body: "Rang.".into(),
        significant: false,
    };
    let id = s.add_note(&new, at(11, 23, 10)).unwrap();
    match s.finalise_note(id, None, at(11, 22, 9)) {
        Err(StoreError::Refused(m)) => assert!(m.contains("future"), "{m}"),
        other => panic!("finalising a future contact: {other:?}"),
    }
    assert!(s.finalise_note(id, None, at(11, 23, 11)).is_ok());
}

/// 25 Oct 2026, Europe/London: 01:00-02:00 happens twice. At 01:10 GMT
/// (the second pass), a contact at 01:50 BST (the first pass, 40 minutes
/// ago) is not in the future and must not be refused.
#[test]
fn a_contact_in_the_repeated_hour_is_not_refused() {
    let (_dir, db) = new_db();
    let out = bin()
        .env("TZ", "Europe/London")
        .env("CASELOAD_NOW", "2026-10-25T01:10:00")
        .arg("--db")
        .arg(&db)
        .args([
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--at",
            "2026-10-25 01:50",
            "--text",
            "Rang.",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Outside the repeated hour the check is as strict as ever.
    let out = bin()
        .env("TZ", "Europe/London")
        .env("CASELOAD_NOW", "2026-10-25T03:10:00")
        .arg("--db")
        .arg(&db)
        .args([
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--at",
            "2026-10-25 03:50",
            "--text",
            "x",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
}
