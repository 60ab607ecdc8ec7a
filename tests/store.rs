//! The store on in-memory and temporary-file databases: migrations, every
//! query, constraint errors, refused input leaving nothing half-written,
//! file modes, pragmas, the key, the final-note trigger, demo and bulk data.

use caseload::dates::parse_date;
use caseload::demo::{self, SynthOptions};
use caseload::domain::*;
use caseload::store::prelude::*;
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
        kind: Some(NoteKind::HomeVisit),
        outcome: caseload::demo::written_outcome(NoteKind::HomeVisit),
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
    let e = parse_date("2026-02-30", now().date()).unwrap_err();
    assert!(e.contains("not a real date"), "{e}");
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

#[path = "store/notes.rs"]
mod notes;

#[path = "store/plans.rs"]
mod plans;

#[path = "store/deadlines.rs"]
mod deadlines;

#[path = "store/files.rs"]
mod files;

#[path = "store/demo_and_bulk.rs"]
mod demo_and_bulk;

#[path = "store/record_edits.rs"]
mod record_edits;

#[path = "store/ids.rs"]
mod ids;
