//! Records you can trust and find: late entries, the tamper-evidence chain,
//! audit, undo, chronology and full-text search. Fictional people only;
//! every date is pinned.

mod common;

use assert_cmd::Command;
use chrono::{NaiveDate, NaiveDateTime};
use common::Envs as _;
use secrecy::SecretString;

use caseload::domain::late::LateEntryRule;
use caseload::domain::{
    EpisodeKind, NewCarePlan, NewClient, NewDeadline, NewEpisode, NewNote, NoteKind, NoteStatus,
};
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
                kind: NoteKind::HomeVisit,
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
        kind: NoteKind::Phone,
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

// ---------- audit ----------

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

// ---------- chronology ----------

#[test]
fn the_chronology_gathers_significant_events_in_date_order() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let sig = note(
        &mut s,
        c,
        at(3, 10, 14),
        "Admitted to ward after crisis.",
        true,
    );
    note(&mut s, c, at(3, 11, 14), "Routine call.", false);
    s.finalise_note(sig, None, at(3, 11, 9)).unwrap();
    let add = s
        .add_addendum(
            sig,
            "Time corrected",
            "Admission was at 15:00.",
            at(3, 12, 9),
        )
        .unwrap();
    let ep = s
        .add_episode(
            &NewEpisode {
                client_id: c,
                kind: EpisodeKind::MhaS2,
                start_on: day(3, 10),
                notes: None,
            },
            at(3, 10, 18),
        )
        .unwrap();
    s.end_episode(ep, day(4, 2), at(4, 2, 9)).unwrap();
    let statutory = s
        .add_deadline(
            &NewDeadline {
                client_id: Some(c),
                episode_id: Some(ep),
                what: "Tribunal application".into(),
                due: Some(day(3, 24)),
                rule: Some("mha-s2-tribunal".into()),
                ..NewDeadline::default()
            },
            at(3, 10, 18),
        )
        .unwrap();
    s.complete_deadline(statutory, day(3, 20), Some("Applied"), at(3, 20, 9))
        .unwrap();
    let by_hand = s
        .add_deadline(
            &NewDeadline {
                client_id: Some(c),
                what: "Buy card".into(),
                due: Some(day(3, 24)),
                ..NewDeadline::default()
            },
            at(3, 10, 18),
        )
        .unwrap();
    s.complete_deadline(by_hand, day(3, 21), None, at(3, 21, 9))
        .unwrap();

    let chron = s.chronology(c).unwrap();
    let got: Vec<(NaiveDate, ChronologySource, i64)> = chron
        .iter()
        .map(|e| (e.date, e.source, e.source_id))
        .collect();
    assert_eq!(
        got,
        vec![
            (day(3, 10), ChronologySource::Episode, ep),
            (day(3, 10), ChronologySource::Note, sig),
            (day(3, 12), ChronologySource::Addendum, add),
            (day(3, 20), ChronologySource::Deadline, statutory),
            (day(4, 2), ChronologySource::Episode, ep),
        ]
    );
    assert!(chron[0].event.contains("MHA s2 started"));
    assert!(chron[1].event.contains("Admitted to ward"));
    assert_eq!(chron[2].note_id, Some(sig));
    assert!(chron[3].event.contains("Applied"));
    assert!(chron[4].event.contains("ended"));
}

// ---------- search ----------

fn search_fixture() -> (Store, i64, i64, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let ann = client(&mut s, "Ann", "Example");
    let bea = client(&mut s, "Bea", "Sample");
    let n = note(
        &mut s,
        ann,
        at(10, 5, 10),
        "Discussed the rent arrears with Ann.",
        false,
    );
    s.finalise_note(n, None, at(10, 6, 9)).unwrap();
    s.add_addendum(
        n,
        "Omitted detail",
        "She mentioned the Landlord, Mr Example-Smith.",
        at(10, 7, 9),
    )
    .unwrap();
    note(
        &mut s,
        bea,
        at(11, 2, 10),
        "Landlords forum leaflet given. Rent paid.",
        false,
    );
    s.add_plan_version(
        ann,
        &NewCarePlan {
            needs: "Stable housing".into(),
            crisis_plan: "Call the crisis team".into(),
            ..NewCarePlan::default()
        },
        at(11, 3, 9),
    )
    .unwrap();
    (s, ann, bea, n)
}

fn all() -> SearchFilter {
    SearchFilter::default()
}

#[test]
fn search_finds_a_word_in_an_addendum_with_it_marked() {
    let (s, ann, _, n) = search_fixture();
    let hits = s.search("landlord", &all()).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let h = &hits[0];
    assert_eq!(h.source, HitSource::Addendum);
    assert_eq!(h.note_id, Some(n));
    assert_eq!(h.client_id, ann);
    assert_eq!(h.client_name, "Ann Example");
    assert!(
        h.marked("[", "]").contains("[Landlord]"),
        "{}",
        h.marked("[", "]")
    );
}

#[test]
fn prefixes_phrases_and_case_work() {
    let (s, ann, bea, _) = search_fixture();
    let clients = |q: &str| {
        let mut v: Vec<i64> = s
            .search(q, &all())
            .unwrap()
            .iter()
            .map(|h| h.client_id)
            .collect();
        v.sort_unstable();
        v
    };
    assert_eq!(clients("landl*"), vec![ann, bea]);
    assert_eq!(clients("LANDLORD"), vec![ann]);
    assert_eq!(clients("\"rent arrears\""), vec![ann]);
    assert_eq!(clients("\"arrears rent\""), Vec::<i64>::new());
    assert_eq!(clients("rent NOT arrears"), vec![bea]);
    assert_eq!(clients("arrears OR forum"), vec![ann, bea]);
    assert_eq!(clients("example-smith"), vec![ann]);
    assert_eq!(clients("crisis team"), vec![ann]);
    let plan = s.search("housing", &all()).unwrap();
    assert_eq!(plan[0].source, HitSource::Plan);
}

#[test]
fn search_filters_by_client_and_date() {
    let (s, ann, bea, _) = search_fixture();
    let only = |f: SearchFilter| s.search("rent", &f).unwrap().len();
    assert_eq!(only(all()), 2);
    assert_eq!(
        only(SearchFilter {
            client_id: Some(bea),
            ..all()
        }),
        1
    );
    assert_eq!(
        only(SearchFilter {
            client_id: Some(ann),
            ..all()
        }),
        1
    );
    assert_eq!(
        only(SearchFilter {
            from: Some(day(11, 1)),
            ..all()
        }),
        1
    );
    assert_eq!(
        only(SearchFilter {
            to: Some(day(10, 31)),
            ..all()
        }),
        1
    );
    assert_eq!(
        only(SearchFilter {
            from: Some(day(12, 1)),
            ..all()
        }),
        0
    );
}

#[test]
fn malformed_searches_give_a_message_not_a_dump() {
    let (s, ..) = search_fixture();
    for q in [
        "\"rent", "AND", "rent OR", "NOT rent", "*", "", "\"\"", "(((", "a:b:c -",
    ] {
        match s.search(q, &all()) {
            Err(StoreError::Invalid(e)) => {
                let m = e.to_string();
                assert!(m.starts_with("search: "), "{q:?}: {m}");
                assert!(!m.to_lowercase().contains("fts5"), "{q:?}: {m}");
            }
            Ok(hits) => assert!(
                matches!(q, "(((" | "a:b:c -"),
                "{q:?} should be refused, found {hits:?}"
            ),
            Err(other) => panic!("{q:?}: not a plain message: {other:?}"),
        }
    }
    // Punctuation and column-like words are searched as words.
    assert!(s.search("rent; (paid)", &all()).is_ok());
    assert!(s.search("body:rent", &all()).is_ok());
}

#[test]
fn editing_a_draft_keeps_the_index_in_step() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let n = note(&mut s, c, at(11, 16, 10), "about the giraffe", false);
    let edit = NewNote {
        client_id: c,
        kind: NoteKind::HomeVisit,
        occurred_at: at(11, 16, 10),
        location: None,
        present: None,
        body: "about the elephant".into(),
        significant: false,
    };
    s.save_draft(n, &edit, at(11, 16, 12)).unwrap();
    assert!(s.search("giraffe", &all()).unwrap().is_empty());
    assert_eq!(s.search("elephant", &all()).unwrap()[0].id, n);
}

// ---------- the command line ----------

#[test]
fn the_command_line_searches_undoes_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let (ann, n) = {
        let mut s = Store::open(&path, &SecretString::from(PASS)).unwrap();
        let ann = client(&mut s, "Ann", "Example");
        let n = note(
            &mut s,
            ann,
            at(11, 16, 10),
            "Spoke about the landlord and rent.",
            true,
        );
        s.finalise_note(n, None, at(11, 17, 9)).unwrap();
        s.add_addendum(
            n,
            "Detail",
            "The landlord is Mr Example-Smith.",
            at(11, 18, 9),
        )
        .unwrap();
        let edit = NewClient {
            given_name: "Ann".into(),
            family_name: "Example".into(),
            phone: Some("01632 960001".into()),
            opened_on: Some(day(1, 5)),
            ..NewClient::default()
        };
        s.update_client(ann, &edit, at(11, 19, 9)).unwrap();
        (ann, n)
    };
    let out = cli(&path).args(["search", "landl*"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("[landlord]"), "{text}");
    assert!(text.contains(&format!("on note {n}")), "{text}");
    assert!(text.contains("2 matches"), "{text}");

    cli(&path)
        .args(["search", "\"unclosed"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("quotation mark is not closed"));

    let out = cli(&path).args(["undo", "--json"]).assert().success();
    let undone: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(undone["entity"], "client");
    assert_eq!(undone["op"], "update");

    let out = cli(&path)
        .args(["audit", "Ann", "--json"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(log[0]["op"], "undo");
    assert_eq!(log[0]["client_id"], ann);
    assert!(
        !stdout.contains("landlord") && !stdout.contains("01632"),
        "{stdout}"
    );

    let out = cli(&path)
        .args(["chronology", &ann.to_string(), "--json"])
        .assert()
        .success();
    let chron: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(chron[0]["source"], "note");
    assert_eq!(chron[1]["source"], "addendum");
}

#[test]
fn very_common_words_list_the_newest_records_first() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let ids: Vec<i64> = (0..520)
        .map(|i| {
            note(
                &mut s,
                c,
                at(6, 1, 9) + chrono::Duration::hours(i),
                "weekly walk",
                false,
            )
        })
        .collect();
    let hits = s
        .search("walk", &SearchFilter { limit: 20, ..all() })
        .unwrap();
    assert_eq!(hits.len(), 20);
    let got: Vec<i64> = hits.iter().map(|h| h.id).collect();
    let newest: Vec<i64> = ids.iter().rev().take(20).copied().collect();
    assert_eq!(got, newest);
    assert!(hits.iter().all(|h| h.marked("<", ">").contains("<walk>")));
}

// ---------- the terminal UI ----------

mod tui {
    use super::*;
    use caseload::app::App;
    use caseload::keymap::Keymap;
    use caseload::ui::View;
    use caseload::ui::client::Tab;
    use caseload::ui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    fn app(store: Store) -> App {
        App::new(
            store,
            Box::new(|| at(11, 22, 9)),
            Keymap::defaults().unwrap(),
            Theme::new(false),
        )
    }

    fn press(app: &mut App, code: KeyCode) {
        app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn ctrl(app: &mut App, c: char) {
        app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    fn keys(app: &mut App, s: &str) {
        for c in s.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    fn screen(app: &App) -> String {
        let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
        t.draw(|f| caseload::ui::draw(f, app)).unwrap();
        let buf = t.backend().buffer();
        let mut out = String::new();
        for y in 0..30 {
            for x in 0..100 {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    fn status(app: &App) -> String {
        app.status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    #[test]
    fn finalising_late_asks_the_reason_and_the_chronology_shows_it() {
        let mut s = Store::open_in_memory().unwrap();
        let c = client(&mut s, "Ann", "Example");
        // Mon 16 Nov; now is Sun 22 Nov: 4 working days, late for a significant note.
        let n = note(
            &mut s,
            c,
            at(11, 16, 10),
            "She mentioned the landlord.",
            true,
        );
        let mut app = app(s);
        keys(&mut app, "c");
        press(&mut app, KeyCode::Enter);
        keys(&mut app, "y"); // carry on with the draft
        assert!(matches!(app.stack.last(), Some(View::Editor(_))));
        ctrl(&mut app, 'f');
        let Some(View::Form(f)) = app.stack.last() else {
            panic!("the late-entry reason is asked for: {}", screen(&app));
        };
        assert!(f.title.contains("late entry"), "{}", f.title);
        assert_eq!(app.store().note(n).unwrap().status, NoteStatus::Draft);
        keys(&mut app, "Off sick");
        ctrl(&mut app, 's');
        let note = app.store().note(n).unwrap();
        assert_eq!(note.status, NoteStatus::Final, "{}", status(&app));
        assert_eq!(note.late_reason.as_deref(), Some("Off sick"));
        assert!(matches!(app.stack.last(), Some(View::Client(_))));

        keys(&mut app, "2");
        press(&mut app, KeyCode::Enter);
        let text = screen(&app);
        assert!(text.contains("Late entry  Off sick"), "{text}");
        press(&mut app, KeyCode::Esc);

        keys(&mut app, "6");
        let Some(View::Client(v)) = app.stack.last() else {
            panic!("client screen");
        };
        assert_eq!(v.tab, Tab::Chronology);
        let text = screen(&app);
        assert!(text.contains("She mentioned the landlord"), "{text}");
        assert!(text.contains("late entry: Off sick"), "{text}");

        keys(&mut app, "u");
        assert!(
            status(&app).contains("cannot be undone"),
            "{}",
            status(&app)
        );
        assert_eq!(app.store().note(n).unwrap().status, NoteStatus::Final);
    }

    #[test]
    fn u_undoes_and_says_what() {
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
                at(11, 21, 9),
            )
            .unwrap();
        let mut app = app(s);
        keys(&mut app, "u");
        // It says what it will undo and asks first.
        let Some(caseload::ui::Overlay::Confirm(c)) = &app.overlay else {
            panic!("undo did not ask")
        };
        assert!(
            c.question.contains("add deadline 'Review'"),
            "{}",
            c.question
        );
        assert!(!app.store().deadline(d).unwrap().cancelled);
        keys(&mut app, "y");
        assert!(status(&app).contains("cancelled"), "{}", status(&app));
        assert!(app.store().deadline(d).unwrap().cancelled);
        assert_eq!(app.store().audit_log(None, 1).unwrap()[0].op, "undo");
    }

    #[test]
    fn search_screen_highlights_and_opens_and_a_broken_chain_warns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let key = SecretString::from(PASS);
        let n = {
            let mut s = Store::open(&path, &key).unwrap();
            let c = client(&mut s, "Ann", "Example");
            let n = note(
                &mut s,
                c,
                at(11, 20, 10),
                "Spoke about the landlord.",
                false,
            );
            s.finalise_note(n, None, at(11, 20, 12)).unwrap();
            s.add_addendum(n, "Detail", "Rent is paid weekly.", at(11, 21, 9))
                .unwrap();
            n
        };
        let conn = raw(&path);
        conn.execute_batch(
            "DROP TRIGGER addenda_immutable; UPDATE addenda SET body = 'Rent is never paid.';",
        )
        .unwrap();
        drop(conn);
        let mut app = app(Store::open(&path, &key).unwrap());
        keys(&mut app, "c");
        press(&mut app, KeyCode::Enter);
        let text = screen(&app);
        assert!(text.contains("Records changed outside caseload"), "{text}");
        assert!(text.contains("addendum"), "{text}");

        keys(&mut app, "f");
        keys(&mut app, "LANDL*");
        let Some(View::Search(v)) = app.stack.last() else {
            panic!("search screen");
        };
        assert_eq!(v.hits.len(), 1, "{:?}", v.message);
        let text = screen(&app);
        assert!(text.contains("Ann Example"), "{text}");
        assert!(text.contains("landlord"), "{text}");
        press(&mut app, KeyCode::Enter);
        let Some(View::NoteView(nv)) = app.stack.last() else {
            panic!("Enter opens the note: {}", screen(&app));
        };
        assert_eq!(nv.note.id, n);

        press(&mut app, KeyCode::Esc);
        keys(&mut app, " \"unclosed");
        let text = screen(&app);
        assert!(text.contains("quotation mark is not closed"), "{text}");
    }
}
