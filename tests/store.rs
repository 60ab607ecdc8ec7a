//! The store on in-memory and temporary-file databases: migrations, every
//! query, constraint errors, refused input leaving nothing half-written,
//! file modes, pragmas, the key, the final-note trigger, demo and bulk data.

use caseload::demo::{self, SynthOptions};
use caseload::domain::validate::parse_date;
use caseload::domain::*;
use caseload::store::{LATEST_VERSION, Store, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use secrecy::SecretString;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn key() -> SecretString {
    SecretString::from("correct horse battery".to_string())
}

fn client(given: &str, family: &str) -> NewClient {
    NewClient {
        given_name: given.into(),
        family_name: family.into(),
        ..NewClient::default()
    }
}

fn note(client_id: i64, at: &str, body: &str) -> NewNote {
    NewNote {
        client_id,
        kind: NoteKind::HomeVisit,
        occurred_at: t(at),
        location: None,
        present: None,
        body: body.into(),
        significant: false,
    }
}

fn mem() -> Store {
    Store::open_in_memory().unwrap()
}

fn audit_len(s: &Store) -> usize {
    s.audit_log(None, 100_000).unwrap().len()
}

// ------------------------------------------------------------- clients ----

#[test]
fn clients_add_read_update_close_reopen_and_audit() {
    let mut s = mem();
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    let id = s
        .add_client(
            &NewClient {
                dob: Some(d("1990-05-01")),
                record_no: Some("DEMO-1".into()),
                alerts: vec!["Dog in the house".into()],
                risk: Some(RiskLevel::High),
                risk_summary: Some("Falls".into()),
                service: Some(Service::Children),
                visit_every_days: Some(10),
                ..client(" Ada ", "Thistlewood")
            },
            now(),
        )
        .unwrap();
    let c = s.client(id).unwrap();
    assert_eq!(c.given_name, "Ada", "trimmed");
    assert_eq!(c.alerts, vec!["Dog in the house".to_string()]);
    assert_eq!(c.risk, RiskLevel::High);
    assert_eq!(c.service, Service::Children);
    assert_eq!(c.opened_on, now().date());
    assert_eq!(c.risk_reviewed_on, Some(now().date()));

    let changed = s
        .update_client(
            id,
            &NewClient {
                phone: Some("01632 960000".into()),
                ..client("Ada", "Thistlewood")
            },
            now(),
        )
        .unwrap();
    assert!(changed.contains(&"phone"));
    assert!(changed.contains(&"dob"), "cleared dob counts as a change");
    assert_eq!(s.client(id).unwrap().phone.as_deref(), Some("01632 960000"));

    // Closing: a date before opening is refused, then a real close, then twice refused.
    let before = d("2020-01-01");
    assert!(matches!(
        s.close_client(id, before, "moved", now()),
        Err(StoreError::Refused(_))
    ));
    assert!(s.close_client(id, now().date(), "  ", now()).is_err());
    s.close_client(id, now().date(), "Moved away", now())
        .unwrap();
    let c = s.client(id).unwrap();
    assert_eq!(c.status, CaseStatus::Closed);
    assert_eq!(c.closure_reason.as_deref(), Some("Moved away"));
    assert!(s.close_client(id, now().date(), "again", now()).is_err());
    assert!(s.clients(false).unwrap().is_empty());
    assert_eq!(s.clients(true).unwrap().len(), 1);
    s.reopen_client(id, now()).unwrap();
    assert!(s.reopen_client(id, now()).is_err());
    assert_eq!(s.client(id).unwrap().closed_on, None);

    let ops: Vec<String> = s
        .audit_log(Some(id), 10)
        .unwrap()
        .into_iter()
        .map(|a| a.op)
        .collect();
    assert_eq!(ops, vec!["reopen", "close", "update", "create"]);
    let log = s.audit_log(Some(id), 10).unwrap();
    assert!(
        log.iter().all(|a| !a.fields.contains("Moved")),
        "no text in audit"
    );
    assert!(matches!(
        s.client(999),
        Err(StoreError::NotFound {
            entity: "client",
            id: 999
        })
    ));
}

#[test]
fn resolve_client_by_id_record_fragment_and_ambiguity() {
    let mut s = mem();
    let a = s
        .add_client(
            &NewClient {
                record_no: Some("MOS-77".into()),
                ..client("Marnie", "Thistlewood")
            },
            now(),
        )
        .unwrap();
    let b = s
        .add_client(&client("Martha", "Thistlewood"), now())
        .unwrap();
    let c = s
        .add_client(
            &NewClient {
                preferred_name: Some("Bertie".into()),
                ..client("Albert", "Quill")
            },
            now(),
        )
        .unwrap();
    assert_eq!(s.resolve_client(&a.to_string()).unwrap().id, a);
    assert_eq!(s.resolve_client("mos-77").unwrap().id, a);
    assert_eq!(s.resolve_client("martha").unwrap().id, b);
    assert_eq!(s.resolve_client("bertie").unwrap().id, c);
    assert_eq!(s.resolve_client("albert quill").unwrap().id, c);
    match s.resolve_client("thistle") {
        Err(StoreError::Ambiguous(list)) => {
            assert_eq!(list.len(), 2);
            assert!(list.iter().any(|l| l.contains("Marnie Thistlewood")));
            assert!(list.iter().any(|l| l.contains("Martha Thistlewood")));
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert!(matches!(
        s.resolve_client("nobody"),
        Err(StoreError::NoClientMatch)
    ));
    assert!(matches!(
        s.resolve_client("  "),
        Err(StoreError::NoClientMatch)
    ));
    // A closed client is not found by name fragment.
    s.close_client(b, now().date(), "moved", now()).unwrap();
    assert_eq!(s.resolve_client("thistle").unwrap().id, a);
}

#[test]
fn bad_client_input_is_refused_and_nothing_is_written() {
    let mut s = mem();
    let audit_before = audit_len(&s);
    let future = NewClient {
        dob: Some(d("2027-01-01")),
        ..client("Ada", "L")
    };
    let e = s.add_client(&future, now()).unwrap_err().to_string();
    assert!(e.contains("date of birth") && e.contains("future"), "{e}");
    let e = parse_date("date of birth", "2026-02-30").unwrap_err();
    assert!(e.to_string().contains("not a real date"));
    let e = s
        .add_client(&client("", "L"), now())
        .unwrap_err()
        .to_string();
    assert!(e.contains("given name") && e.contains("empty"), "{e}");
    let huge = "x".repeat(10 * 1024 * 1024);
    let e = s
        .add_client(&client(&huge, "L"), now())
        .unwrap_err()
        .to_string();
    assert!(e.contains("too long") && e.len() < 200, "{}", e.len());
    let bad_visit = NewClient {
        visit_every_days: Some(0),
        ..client("Ada", "L")
    };
    assert!(s.add_client(&bad_visit, now()).is_err());
    assert!(s.clients(true).unwrap().is_empty(), "nothing half-written");
    assert_eq!(audit_len(&s), audit_before);
}

// --------------------------------------------------------------- notes ----

#[test]
fn notes_drafts_finalise_addenda_and_summaries() {
    let mut s = mem();
    let c = s.add_client(&client("Ada", "L"), now()).unwrap();
    let n1 = s
        .add_note(&note(c, "2026-11-20 10:00", "Visited."), now())
        .unwrap();
    let mut phone = note(c, "2026-11-21 15:00", "");
    phone.kind = NoteKind::Phone;
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

// ---------------------------------------- plans, episodes, network ----

#[test]
fn plans_are_versioned_and_episodes_and_network_are_kept() {
    let mut s = mem();
    let c = s.add_client(&client("Ada", "L"), now()).unwrap();
    assert!(s.current_plan(c).unwrap().is_none());
    let plan = NewCarePlan {
        needs: "Stay home".into(),
        next_review: Some(d("2026-11-25")),
        actions: vec![PlanAction {
            what: "Weekly visit".into(),
            owner: "SW".into(),
            ..PlanAction::default()
        }],
        ..NewCarePlan::default()
    };
    assert_eq!(s.add_plan_version(c, &plan, now()).unwrap(), 1);
    let v2 = NewCarePlan {
        needs: "Stay home and work".into(),
        next_review: Some(d("2027-02-01")),
        ..NewCarePlan::default()
    };
    assert_eq!(s.add_plan_version(c, &v2, now()).unwrap(), 2);
    let versions = s.plan_versions(c).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1].needs, "Stay home", "old versions stay readable");
    assert_eq!(versions[1].actions[0].what, "Weekly visit");
    assert_eq!(s.current_plan(c).unwrap().unwrap().version, 2);
    let bad = NewCarePlan {
        actions: vec![PlanAction::default()],
        ..NewCarePlan::default()
    };
    assert!(s.add_plan_version(c, &bad, now()).is_err());
    assert!(s.add_plan_version(999, &v2, now()).is_err());
    assert_eq!(s.plan_versions(c).unwrap().len(), 2);

    let e = s
        .add_episode(
            &NewEpisode {
                client_id: c,
                kind: EpisodeKind::Cto,
                start_on: d("2026-06-01"),
                notes: None,
            },
            now(),
        )
        .unwrap();
    assert!(
        s.end_episode(e, d("2026-01-01"), now()).is_err(),
        "before start"
    );
    assert_eq!(
        s.client_summaries(false).unwrap()[0].frameworks,
        vec!["cto".to_string()]
    );
    s.end_episode(e, d("2026-11-01"), now()).unwrap();
    assert!(s.end_episode(e, d("2026-11-02"), now()).is_err());
    assert_eq!(s.episode(e).unwrap().end_on, Some(d("2026-11-01")));
    assert_eq!(s.episodes(c).unwrap().len(), 1);
    assert!(s.client_summaries(false).unwrap()[0].frameworks.is_empty());

    let m = s
        .add_network_member(
            &NewNetworkMember {
                client_id: c,
                name: "Dr Fairweather".into(),
                role: "GP".into(),
                consent_to_share: true,
                ..NewNetworkMember::default()
            },
            now(),
        )
        .unwrap();
    let net = s.network(c).unwrap();
    assert_eq!(net[0].id, m);
    assert!(net[0].consent_to_share);
    assert!(
        s.add_network_member(
            &NewNetworkMember {
                client_id: c,
                ..NewNetworkMember::default()
            },
            now()
        )
        .is_err()
    );
}

// ------------------------------------------------ deadlines, actions ----

#[test]
fn deadlines_actions_due_and_agenda() {
    let mut s = mem();
    let c = s.add_client(&client("Ada", "Lark"), now()).unwrap();
    let closed = s.add_client(&client("Bea", "Gone"), now()).unwrap();
    let dl = |s: &mut Store, cid: Option<i64>, what: &str, due: &str| {
        s.add_deadline(
            &NewDeadline {
                client_id: cid,
                what: what.into(),
                due: Some(d(due)),
                ..NewDeadline::default()
            },
            now(),
        )
        .unwrap()
    };
    let overdue = dl(&mut s, Some(c), "Review", "2026-11-20");
    let soon = dl(&mut s, Some(c), "Visit", "2026-11-25");
    let far = dl(&mut s, Some(c), "Report", "2027-03-01");
    let _gone = dl(&mut s, Some(closed), "Closed case review", "2026-11-21");
    s.close_client(closed, now().date(), "moved", now())
        .unwrap();
    let warned = s
        .add_deadline(
            &NewDeadline {
                client_id: Some(c),
                what: "Renewal".into(),
                due: Some(d("2027-01-10")),
                warn_from: Some(d("2026-11-15")),
                weight: Some(90),
                rule: Some("cto-renewal".into()),
                ..NewDeadline::default()
            },
            now(),
        )
        .unwrap();
    let act = s
        .add_action(
            &NewAction {
                client_id: None,
                what: "Mileage".into(),
                due: Some(d("2026-11-23")),
            },
            now(),
        )
        .unwrap();
    let undated = s
        .add_action(
            &NewAction {
                client_id: Some(c),
                what: "Someday".into(),
                due: None,
            },
            now(),
        )
        .unwrap();

    let due = s.due(now().date(), 14).unwrap();
    let ids: Vec<(DueKind, i64)> = due.iter().map(|i| (i.kind, i.id)).collect();
    assert_eq!(
        ids,
        vec![
            (DueKind::Deadline, overdue),
            (DueKind::Deadline, warned),
            (DueKind::Deadline, soon),
            (DueKind::Action, act),
        ],
        "overdue first, then weight, then date; closed cases, far and undated left out"
    );
    assert!(due[0].overdue && due[0].days == -2);
    assert_eq!(due[0].client_name.as_deref(), Some("Ada Lark"));
    assert_eq!(due[3].client_name, None);
    assert!(
        !s.due(now().date(), 400)
            .unwrap()
            .iter()
            .any(|i| i.id == undated && i.kind == DueKind::Action)
    );
    assert!(
        s.due(now().date(), 400)
            .unwrap()
            .iter()
            .any(|i| i.id == far)
    );

    // Completing: future refused, twice refused.
    assert!(
        s.complete_deadline(soon, d("2026-11-30"), None, now())
            .is_err()
    );
    s.complete_deadline(overdue, d("2026-11-21"), Some("Held"), now())
        .unwrap();
    assert!(
        s.complete_deadline(overdue, d("2026-11-21"), None, now())
            .is_err()
    );
    assert_eq!(
        s.deadline(overdue).unwrap().outcome.as_deref(),
        Some("Held")
    );
    assert!(
        !s.due(now().date(), 14)
            .unwrap()
            .iter()
            .any(|i| i.id == overdue && i.kind == DueKind::Deadline)
    );
    let list = s.deadlines(c).unwrap();
    assert_eq!(list.last().unwrap().id, overdue, "done ones last");
    s.complete_action(act, now().date(), now()).unwrap();
    assert!(s.complete_action(act, now().date(), now()).is_err());
    assert_eq!(s.action(act).unwrap().done_on, Some(now().date()));
    assert_eq!(s.actions(Some(c)).unwrap().len(), 1);
    assert_eq!(s.actions(None).unwrap().len(), 2);
    assert!(matches!(s.deadline(999), Err(StoreError::NotFound { .. })));
    assert!(matches!(s.action(999), Err(StoreError::NotFound { .. })));
    assert!(
        s.add_deadline(
            &NewDeadline {
                client_id: Some(999),
                what: "x".into(),
                due: Some(d("2026-12-01")),
                ..NewDeadline::default()
            },
            now()
        )
        .is_err()
    );
    assert!(
        s.add_action(
            &NewAction {
                client_id: None,
                what: " ".into(),
                due: None
            },
            now()
        )
        .is_err()
    );

    s.add_note(&note(c, "2026-11-21 10:00", "Seen"), now())
        .unwrap();
    let agenda = s.agenda(d("2026-11-20"), d("2026-11-25")).unwrap();
    let kinds: Vec<(&str, bool)> = agenda.iter().map(|a| (a.kind.as_str(), a.done)).collect();
    assert_eq!(
        kinds,
        vec![
            ("deadline", true),
            ("deadline", false), // the closed case's: the calendar keeps history
            ("contact", true),
            ("action", true),
            ("deadline", false)
        ],
        "{agenda:?}"
    );
    assert_eq!(agenda[2].time.as_deref(), Some("10:00"));
    assert_eq!(agenda[2].what, "home-visit");
}

// ----------------------------------------------------- file databases ----

#[test]
fn file_database_modes_pragmas_key_and_trigger() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new-folder").join("case.db");
    let id;
    {
        let mut s = Store::open(&path, &key()).unwrap();
        let folder = path
            .parent()
            .unwrap()
            .metadata()
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(folder & 0o777, 0o700);
        assert_eq!(path.metadata().unwrap().permissions().mode() & 0o777, 0o600);
        let p = s.safety_settings().unwrap();
        assert_eq!(p.journal_mode, "wal");
        assert_eq!(p.synchronous, 2, "FULL");
        assert_eq!(p.foreign_keys, 1);
        assert_eq!(p.temp_store, 2, "MEMORY");
        let c = s.add_client(&client("Ada", "L"), now()).unwrap();
        id = s
            .add_note(&note(c, "2026-11-21 10:00", "Seen"), now())
            .unwrap();
        s.finalise_note(id, None, now()).unwrap();
        // without_sync restores FULL.
        s.without_sync(|_| Ok(())).unwrap();
        assert_eq!(s.safety_settings().unwrap().synchronous, 2);
    }
    let wrong = SecretString::from("not the passphrase".to_string());
    assert!(matches!(
        Store::open(&path, &wrong),
        Err(StoreError::WrongPassphrase)
    ));
    // The file is unreadable without the key.
    let raw = std::fs::read(&path).unwrap();
    assert!(!raw.windows(15).any(|w| w == b"SQLite format 3"));

    // The database itself refuses to change or delete a final note.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "key", "correct horse battery")
        .unwrap();
    let e = conn
        .execute("UPDATE notes SET body = 'rewritten' WHERE id = ?1", [id])
        .unwrap_err();
    assert!(
        e.to_string().contains("final note cannot be changed"),
        "{e}"
    );
    assert!(
        conn.execute("DELETE FROM notes WHERE id = ?1", [id])
            .is_err()
    );
    drop(conn);
    let s = Store::open(&path, &key()).unwrap();
    assert_eq!(s.note(id).unwrap().body, "Seen");
    assert!(s.integrity_problems().unwrap().is_empty());
}

#[test]
fn an_older_database_is_backed_up_beside_it_before_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let v1: Vec<&str> = Store::migration_scripts().to_vec();
    let mut newer = v1.clone();
    newer.push("CREATE TABLE extra_for_test (x INTEGER);");
    let latest = i64::try_from(v1.len()).unwrap();
    {
        let mut s = Store::open_with_migrations(&path, &key(), &v1).unwrap();
        s.add_client(&client("Ada", "Old"), now()).unwrap();
        assert_eq!(s.schema_version().unwrap(), latest);
    }
    let s = Store::open_with_migrations(&path, &key(), &newer).unwrap();
    assert_eq!(s.schema_version().unwrap(), latest + 1);
    assert_eq!(s.clients(true).unwrap().len(), 1);
    drop(s);
    let backup = dir
        .path()
        .join(format!("old.db.before-v{}.bak", latest + 1));
    assert!(backup.exists(), "backup beside the file");
    assert_eq!(
        backup.metadata().unwrap().permissions().mode() & 0o777,
        0o600
    );
    let conn = rusqlite::Connection::open(&backup).unwrap();
    conn.pragma_update(None, "key", "correct horse battery")
        .unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, latest, "the backup is the database as it was");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    drop(conn);
    // A database newer than this build is refused, untouched.
    assert!(matches!(
        Store::open_with_migrations(&path, &key(), &v1),
        Err(StoreError::TooNew { .. })
    ));
    // A migration that fails rolls back and leaves the version where it was.
    let mut broken = newer.clone();
    broken.push("CREATE TABLE clients (x);");
    assert!(Store::open_with_migrations(&path, &key(), &broken).is_err());
    let s = Store::open_with_migrations(&path, &key(), &newer).unwrap();
    assert_eq!(s.schema_version().unwrap(), latest + 1);
}

#[test]
fn backups_are_consistent_encrypted_and_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut s = Store::open(&path, &key()).unwrap();
    s.add_client(&client("Ada", "L"), now()).unwrap();
    let dest = dir.path().join("copy.db");
    s.backup_to(&dest, &key()).unwrap();
    assert!(matches!(
        s.backup_to(&dest, &key()),
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        s.backup_to(&path, &key()),
        Err(StoreError::Refused(_))
    ));
    let copy = Store::open(&dest, &key()).unwrap();
    assert_eq!(copy.clients(true).unwrap().len(), 1);
    assert!(copy.integrity_problems().unwrap().is_empty());
}

// ------------------------------------------------------- demo and bulk ----

#[test]
fn the_demo_caseload_has_something_in_every_place() {
    let mut s = mem();
    let sum = demo::seed(&mut s, now()).unwrap();
    assert!((20..=30).contains(&sum.clients), "{sum:?}");
    let all = s.client_summaries(true).unwrap();
    assert_eq!(all.len(), sum.clients);
    assert!(all.iter().any(|c| c.client.service == Service::Adult));
    assert!(all.iter().any(|c| c.client.service == Service::Children));
    assert!(
        all.iter()
            .filter(|c| c.client.status == CaseStatus::Closed)
            .count()
            >= 2
    );
    assert!(all.iter().any(|c| !c.client.alerts.is_empty()));
    assert!(all.iter().any(|c| c.client.risk == RiskLevel::High));
    assert!(all.iter().any(|c| c.drafts > 0));
    let due = s.due(now().date(), 7).unwrap();
    assert!(due.iter().any(|i| i.overdue), "something overdue");
    assert!(
        due.iter().any(|i| (0..7).contains(&i.days)),
        "something this week"
    );
    assert!(
        !s.agenda(now().date(), now().date() + chrono::Days::new(6))
            .unwrap()
            .is_empty()
    );
    let marnie = s.resolve_client("Marnie").unwrap();
    assert_eq!(s.plan_versions(marnie.id).unwrap().len(), 2);
    assert!(!s.network(marnie.id).unwrap().is_empty());
    assert!(!s.episodes(marnie.id).unwrap().is_empty());
    let cto = s
        .deadlines(marnie.id)
        .unwrap()
        .into_iter()
        .find(|d| d.rule.as_deref() == Some("cto-expiry"))
        .unwrap();
    let episode = s.episode(cto.episode_id.unwrap()).unwrap();
    assert_eq!(
        episode.kind,
        EpisodeKind::Cto,
        "statutory dates belong to their episode"
    );
    let notes = s.notes(marnie.id).unwrap();
    assert!(notes.iter().any(|n| n.significant));
    assert!(notes.iter().any(|n| n.status == NoteStatus::Final));
    assert!(notes.iter().any(|n| !s.addenda(n.id).unwrap().is_empty()));
    // Relative dates: a different day gives the same shape.
    let mut later = mem();
    let when = now() + chrono::Duration::days(400);
    demo::seed(&mut later, when).unwrap();
    assert!(later.due(when.date(), 7).unwrap().iter().any(|i| i.overdue));
    assert!(s.integrity_problems().unwrap().is_empty());
}

#[test]
fn synthetic_caseloads_are_large_deterministic_and_all_or_nothing() {
    let mut a = mem();
    let sum = demo::generate(&mut a, SynthOptions::new(12, 7), now()).unwrap();
    assert_eq!((sum.clients, sum.notes, sum.deadlines), (12, 1200, 120));
    let counts: std::collections::HashMap<_, _> = a.table_counts().unwrap().into_iter().collect();
    assert_eq!(counts["notes"], 1200);
    assert_eq!(counts["deadlines"], 120);
    assert!(counts["care_plans"] >= 12 && counts["network_members"] >= 36);
    assert!(counts["audit"] > 1300, "every record audited");
    let c = &a.clients(true).unwrap()[0];
    let notes = a.notes(c.id).unwrap();
    let finals = notes
        .iter()
        .filter(|n| n.status == NoteStatus::Final)
        .count();
    assert!(finals >= 98, "mostly final");
    assert!(
        notes
            .iter()
            .all(|n| n.body.len() > 80 && n.written_at >= n.occurred_at)
    );
    assert!(a.integrity_problems().unwrap().is_empty());

    let mut b = mem();
    demo::generate(&mut b, SynthOptions::new(12, 7), now()).unwrap();
    let names = |s: &Store| -> Vec<String> {
        s.clients(true)
            .unwrap()
            .iter()
            .map(|c| c.display_name())
            .collect()
    };
    assert_eq!(names(&a), names(&b), "same seed, same caseload");

    // A failure inside the bulk transaction leaves nothing behind.
    let mut e = mem();
    let r = e.bulk(now(), |b| {
        b.client(&client("Ada", "L"), now().date())?;
        b.client(&client("", "L"), now().date())?;
        Ok(())
    });
    assert!(r.is_err());
    assert!(e.clients(true).unwrap().is_empty());
}

#[test]
fn throwaway_demo_is_private_and_removed_on_drop() {
    let db = demo::open_throwaway(now()).unwrap();
    let dir = db.guard.path().to_path_buf();
    assert_eq!(dir.metadata().unwrap().permissions().mode() & 0o777, 0o700);
    let file = db.store.path().unwrap().to_path_buf();
    assert!(file.starts_with(&dir));
    assert!(!db.store.clients(false).unwrap().is_empty());
    assert_eq!(db.store.safety_settings().unwrap().synchronous, 2);
    drop(db);
    assert!(!Path::new(&dir).exists(), "removed at exit");
}
