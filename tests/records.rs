//! Records you can trust and find: late entries, the tamper-evidence chain,
//! audit, undo, chronology and full-text search. Fictional people only;
//! every date is pinned.

mod common;

use assert_cmd::Command;
use caseload::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use common::Envs as _;
use secrecy::SecretString;

use caseload::domain::{
    EpisodeKind, NewCarePlan, NewClient, NewDeadline, NewEpisode, NewNote, NoteKind, NoteStatus,
};
use caseload::rules::late::LateEntryRule;
use caseload::store::{ChronologySource, HitSource, SearchFilter, Store, StoreError};

const PASS: &str = "correct horse battery";

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn client(store: &mut Store, given: &str, family: &str) -> i64 {
    store
        .add_client(
            &NewClient {
                given_name: given.into(),
                family_name: family.into(),
                opened_on: Some(day(1, 5)),
                ..NewClient::default()
            },
            at(1, 5, 9),
        )
        .unwrap()
}

fn note(
    store: &mut Store,
    client_id: i64,
    when: NaiveDateTime,
    body: &str,
    significant: bool,
) -> i64 {
    store
        .add_note(
            &NewNote {
                client_id,
                kind: Some(NoteKind::HomeVisit),
                outcome: caseload::demo::written_outcome(NoteKind::HomeVisit),
                occurred_at: when,
                location: Some("Flat 2, Example Road".into()),
                present: Some("Ann".into()),
                body: body.into(),
                significant,
            },
            when,
        )
        .unwrap()
}

fn refused(e: StoreError) -> String {
    match e {
        StoreError::Refused(m) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

// ---------- late entries ----------

#[test]
fn a_late_entry_needs_a_reason_which_is_kept() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    // Monday 16 November; 5 working days later is Monday 23rd.
    let on_time = note(&mut s, c, at(11, 16, 10), "Visit went well.", false);
    s.finalise_note(on_time, None, at(11, 23, 17)).unwrap();
    assert_eq!(s.note(on_time).unwrap().late_reason, None);

    let late = note(&mut s, c, at(11, 16, 11), "Second visit.", false);
    let msg = refused(s.finalise_note(late, None, at(11, 24, 9)).unwrap_err());
    assert!(
        msg.contains("late entry") && msg.contains("6 working days"),
        "{msg}"
    );
    assert_eq!(s.note(late).unwrap().status, NoteStatus::Draft);
    s.finalise_note(late, Some("Off sick from 17 to 23 November"), at(11, 24, 9))
        .unwrap();
    let n = s.note(late).unwrap();
    assert_eq!(n.status, NoteStatus::Final);
    assert_eq!(
        n.late_reason.as_deref(),
        Some("Off sick from 17 to 23 November")
    );
}

#[test]
fn significant_notes_and_a_configured_limit_change_the_rule() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let sig = note(&mut s, c, at(11, 16, 10), "Disclosure made.", true);
    // Two working days later: late for a significant note.
    assert_eq!(
        s.late_entry(sig, LateEntryRule::default(), at(11, 18, 9))
            .unwrap(),
        Some(2)
    );
    assert!(s.finalise_note(sig, None, at(11, 18, 9)).is_err());
    s.finalise_note(sig, None, at(11, 17, 9)).unwrap();

    let ordinary = note(&mut s, c, at(11, 16, 12), "Phone call.", false);
    let strict = LateEntryRule {
        days: 2,
        significant_days: 1,
    };
    assert!(
        s.finalise_note_with_rule(ordinary, None, strict, at(11, 19, 9))
            .is_err()
    );
    s.finalise_note_with_rule(ordinary, None, strict, at(11, 18, 9))
        .unwrap();
}

// ---------- finalised means final; the chain ----------

#[test]
fn final_notes_refuse_edits_and_sealed_chains_verify() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let other = client(&mut s, "Bea", "Sample");
    let n1 = note(&mut s, c, at(11, 16, 10), "First.", false);
    let n2 = note(&mut s, c, at(11, 17, 10), "Second.", false);
    let n3 = note(&mut s, other, at(11, 17, 11), "Other client.", false);
    for n in [n1, n2, n3] {
        s.finalise_note(n, None, at(11, 18, 9)).unwrap();
    }
    s.add_addendum(
        n1,
        "Date of birth corrected",
        "It was the 3rd.",
        at(11, 19, 9),
    )
    .unwrap();
    let edit = NewNote {
        client_id: c,
        kind: Some(NoteKind::Phone),
        outcome: caseload::demo::written_outcome(NoteKind::Phone),
        occurred_at: at(11, 16, 10),
        location: None,
        present: None,
        body: "Changed".into(),
        significant: false,
    };
    assert!(refused(s.save_draft(n1, &edit, at(11, 20, 9)).unwrap_err()).contains("addendum"));
    assert!(s.finalise_note(n1, None, at(11, 20, 9)).is_err());

    let a = s.note(n1).unwrap();
    let b = s.note(n2).unwrap();
    assert!(a.prev_hash.is_none());
    assert_eq!(b.prev_hash, a.hash);
    let add = &s.addenda(n1).unwrap()[0];
    assert_eq!(add.prev_hash, b.hash);
    assert_eq!(add.hash.as_ref().map(String::len), Some(64));
    // The other client's chain starts afresh.
    assert!(s.note(n3).unwrap().prev_hash.is_none());
    assert_eq!(s.verify_chains().unwrap(), vec![]);
    assert_eq!(s.verify_chain(c).unwrap(), None);
}

fn raw(path: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "key", PASS).unwrap();
    conn
}

fn cli(path: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("caseload").unwrap();
    cmd.env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_NOW", common::NOW)
        .sandboxed()
        .arg("--db")
        .arg(path);
    cmd
}

#[test]
fn editing_a_final_note_in_sqlite_is_caught_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let (n1, n2, c) = {
        let mut s = Store::open(&path, &SecretString::from(PASS)).unwrap();
        let c = client(&mut s, "Ann", "Example");
        let n1 = note(
            &mut s,
            c,
            at(11, 16, 10),
            "She mentioned the landlord.",
            true,
        );
        let n2 = note(&mut s, c, at(11, 17, 10), "Follow-up call.", false);
        s.finalise_note(n1, None, at(11, 17, 9)).unwrap();
        s.finalise_note(n2, None, at(11, 18, 9)).unwrap();
        (n1, n2, c)
    };
    cli(&path)
        .arg("check")
        .assert()
        .success()
        .stdout(predicates::str::contains("matches its seal"));

    // The database refuses the edit through its trigger…
    let conn = raw(&path);
    assert!(
        conn.execute(
            "UPDATE notes SET body = 'She never mentioned it.' WHERE id = ?1",
            [n1]
        )
        .is_err()
    );
    // …so someone determined drops the trigger and edits the text.
    conn.execute_batch("DROP TRIGGER notes_final_immutable")
        .unwrap();
    conn.execute(
        "UPDATE notes SET body = 'She never mentioned it.' WHERE id = ?1",
        [n1],
    )
    .unwrap();
    drop(conn);

    let out = cli(&path).arg("check").assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains(&format!("client {c}: note {n1} does not match its seal")),
        "{err}"
    );
    assert!(
        !err.contains(&format!("note {n2}")),
        "only the first break is named: {err}"
    );
    assert!(
        !err.contains("never mentioned"),
        "no note text in errors: {err}"
    );

    let s = Store::open(&path, &SecretString::from(PASS)).unwrap();
    let b = s.verify_chain(c).unwrap().unwrap();
    assert_eq!((b.entity, b.id), ("note", n1));
}

#[test]
fn a_removed_or_unsealed_entry_breaks_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let key = SecretString::from(PASS);
    let (n1, n2, n3) = {
        let mut s = Store::open(&path, &key).unwrap();
        let c = client(&mut s, "Ann", "Example");
        let ids: Vec<i64> = (0..3)
            .map(|i| note(&mut s, c, at(11, 16, 10 + i), "Visit.", false))
            .collect();
        for id in &ids {
            s.finalise_note(*id, None, at(11, 17, 9)).unwrap();
        }
        (ids[0], ids[1], ids[2])
    };
    let conn = raw(&path);
    conn.execute_batch("DROP TRIGGER notes_final_undeletable")
        .unwrap();
    conn.execute("DELETE FROM notes WHERE id = ?1", [n2])
        .unwrap();
    drop(conn);
    let s = Store::open(&path, &key).unwrap();
    let b = &s.verify_chains().unwrap()[0];
    assert_eq!(b.id, n3, "{b}");
    assert!(b.problem.contains("removed"), "{b}");
    let _ = n1;
}

#[path = "records/undo.rs"]
mod undo;

#[path = "records/chronology.rs"]
mod chronology;

#[path = "records/search.rs"]
mod search;

#[path = "records/tui.rs"]
mod tui;
