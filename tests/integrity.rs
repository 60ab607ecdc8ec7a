//! Issue 9: a record a practitioner can stand behind. Times mean what was
//! typed, a contact is never in the future, adding a final note is one
//! transaction, errors are said once and plainly, and `check` notices
//! missing protections. Fictional people only; the clock is pinned.

mod common;

use caseload::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use secrecy::SecretString;
use serde_json::Value;
use std::path::{Path, PathBuf};

use caseload::domain::{NewClient, NewNote, NoteKind};
use caseload::store::{Store, StoreError};

use common::NOW;
use common::PASS;
use common::caseload as bin;
use common::cli::{fails, json, ok};

/// A database with one client, Ada Kestrel (id 1).
fn new_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = common::cli::new_db();
    ok(
        &db,
        &["client", "add", "--given", "Ada", "--family", "Kestrel"],
    );
    (dir, db)
}

fn raw(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "key", PASS).unwrap();
    conn
}

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn notes(db: &Path) -> Vec<Value> {
    json(db, &["note", "list", "1", "--json"])
        .as_array()
        .unwrap()
        .clone()
}

#[path = "integrity/times.rs"]
mod times;

// ---------- note add --final is one transaction ----------

#[test]
fn note_add_final_leaves_a_final_note_or_nothing() {
    let (_dir, db) = new_db();
    // Make sealing fail, as a crash between insert and seal would.
    raw(&db)
        .execute_batch(
            "CREATE TRIGGER inject_seal_failure BEFORE UPDATE OF status ON notes
             WHEN NEW.status = 'final' BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        )
        .unwrap();
    let e = fails(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--outcome",
            "not-applicable",
            "--final",
            "--text",
            "Rang Ada.",
        ],
    );
    assert!(e.contains("NOT saved"), "{e}");
    assert!(notes(&db).is_empty(), "no stray draft: {:?}", notes(&db));
    raw(&db)
        .execute_batch("DROP TRIGGER inject_seal_failure")
        .unwrap();
    let id = ok(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--outcome",
            "not-applicable",
            "--final",
            "--text",
            "Rang Ada.",
        ],
    );
    let all = notes(&db);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["id"].to_string(), id.trim());
    assert_eq!(all[0]["status"], "final");
}

/// `kill -9` at random moments over `note add --final`: afterwards every
/// note is final (no stray drafts) and every acknowledged id is stored.
/// `scripts/kill-loop.sh` runs the same loop 300 times.
#[test]
fn kill_9_over_note_add_final_leaves_no_stray_drafts() {
    use std::time::{Duration, Instant};

    let (_dir, db) = new_db();
    let mut kl = common::kill::KillLoop::new();
    for run in 0..30 {
        let child = kl.writer(&db, &format!("Run {run}: rang to check in."));
        let after = Duration::from_millis(kl.rng.range(100, 400).unsigned_abs());
        kl.reap(child, Instant::now(), Some(after));
    }
    let (acknowledged, killed) = (kl.acknowledged, kl.killed);
    let all = notes(&db);
    let drafts: Vec<&Value> = all.iter().filter(|n| n["status"] != "final").collect();
    assert!(drafts.is_empty(), "stray drafts: {drafts:?}");
    for id in &acknowledged {
        assert!(
            all.iter().any(|n| n["id"] == *id),
            "acknowledged {id} missing"
        );
    }
    assert!(ok(&db, &["check"]).starts_with("ok"));
    eprintln!(
        "{} acknowledged, {killed} killed, {} stored",
        acknowledged.len(),
        all.len()
    );
}

// ---------- check notices missing protections ----------

#[test]
fn check_reports_a_missing_protective_trigger() {
    let (_dir, db) = new_db();
    assert!(ok(&db, &["check"]).starts_with("ok"));
    raw(&db)
        .execute_batch("DROP TRIGGER notes_final_immutable")
        .unwrap();
    let e = fails(&db, &["check"]);
    assert!(e.contains("notes_final_immutable"), "{e}");
    assert!(e.contains("final note"), "{e}");
}

// ---------- the late-entry rule counts the engine's calendar ----------

#[test]
fn late_entry_counts_closure_days_from_the_rule_overrides() {
    let mut f = common::Fixture::new();
    let c = f.client_at("Ada", "Kestrel", at(11, 1, 9));
    let mut s = f.store;
    let new = NewNote {
        client_id: c,
        kind: Some(NoteKind::Phone),
        outcome: caseload::demo::written_outcome(NoteKind::Phone),
        occurred_at: at(11, 16, 10),
        location: None,
        present: None,
        body: "Rang.".into(),
        significant: false,
    };
    let id = s.add_note(&new, at(11, 16, 10)).unwrap();
    let rule = s.late_entry_rule();
    // Tue 24 Nov is six working days after Mon 16 Nov: late...
    assert_eq!(s.late_entry(id, rule, at(11, 24, 9)).unwrap(), Some(6));
    // ...unless the office was closed on Wed 18 Nov (a calendar override).
    let rules = s
        .rules()
        .clone()
        .with_overrides("rules.toml", "[calendar]\nextra = [\"2026-11-18\"]\n")
        .unwrap();
    s.use_rules(rules);
    assert_eq!(s.late_entry(id, rule, at(11, 24, 9)).unwrap(), None);
    s.finalise_note(id, None, at(11, 24, 9)).unwrap();
}

// ---------- a damaged file is not a wrong passphrase ----------

#[test]
fn a_damaged_first_page_says_damaged_and_never_counts_as_a_guess() {
    let (dir, db) = new_db();
    ok(
        &db,
        &[
            "note", "add", "1", "--kind", "phone", "--at", "08:00", "--text", "Rang.",
        ],
    );
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[200..260] {
        *b ^= 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    // More tries than the lockout allows: each one says "damaged".
    for _ in 0..11 {
        let e = fails(&db, &["client", "list"]);
        assert!(e.contains("damaged") && e.contains("backup"), "{e}");
        assert!(
            !e.contains("wrong passphrase") && !e.contains("too many"),
            "{e}"
        );
    }
    let attempts = dir.path().join("x.db.attempts");
    assert!(!attempts.exists(), "damage was counted as a wrong guess");
    assert!(
        !dir.path().join("x.db.damage-probe").exists(),
        "probe left behind"
    );
    // A wrong passphrase on the same file is still a wrong passphrase.
    let out = bin()
        .env("CASELOAD_PASSPHRASE", "not the passphrase at all")
        .arg("--db")
        .arg(&db)
        .args(["client", "list"])
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("wrong passphrase"), "{e}");
}

#[path = "integrity/plans.rs"]
mod plans;

#[path = "integrity/closing.rs"]
mod closing;

#[path = "integrity/undo.rs"]
mod undo;

#[path = "integrity/writers.rs"]
mod writers;

#[path = "integrity/migration.rs"]
mod migration;
