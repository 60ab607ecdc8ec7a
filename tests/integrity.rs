//! Issue 9: a record a practitioner can stand behind. Times mean what was
//! typed, a contact is never in the future, adding a final note is one
//! transaction, errors are said once and plainly, and `check` notices
//! missing protections. Fictional people only; the clock is pinned.

use assert_cmd::Command;
use chrono::{NaiveDate, NaiveDateTime};
use secrecy::SecretString;
use serde_json::Value;
use std::path::{Path, PathBuf};

use caseload::domain::{NewClient, NewNote, NoteKind};
use caseload::store::{Store, StoreError};

const PASS: &str = "correct horse battery";
const NOW: &str = "2026-11-22T09:00:00";

fn bin() -> Command {
    let mut c = Command::cargo_bin("caseload").unwrap();
    c.env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_NOW", NOW)
        .env_remove("CASELOAD_DB");
    c
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = bin().arg("--db").arg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = bin().arg("--db").arg(db).args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
    String::from_utf8(out.stderr).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

/// A database with one client, Ada Kestrel (id 1).
fn new_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    ok(&db, &["init"]);
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

// ---------- times mean what was typed ----------

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
        kind: NoteKind::Phone,
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
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    use std::time::{Duration, Instant};

    let (_dir, db) = new_db();
    let exe = assert_cmd::cargo::cargo_bin("caseload");
    let mut rng = caseload::demo::rng::Rng::new(
        u64::try_from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
                % 1_000_000,
        )
        .unwrap(),
    );
    let (mut acknowledged, mut killed) = (Vec::new(), 0);
    for run in 0..30 {
        let mut child = Std::new(&exe)
            .args([
                "--db",
                db.to_str().unwrap(),
                "note",
                "add",
                "1",
                "--kind",
                "phone",
            ])
            .args([
                "--final",
                "--text",
                &format!("Run {run}: rang to check in."),
            ])
            .env("CASELOAD_PASSPHRASE", PASS)
            .env("CASELOAD_NOW", NOW)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let after = Duration::from_millis(rng.range(100, 400).unsigned_abs());
        let start = Instant::now();
        while start.elapsed() < after && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(2));
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        if let Ok(id) = out.trim().parse::<i64>() {
            acknowledged.push(id);
        }
    }
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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let mut s = Store::open(&path, &SecretString::from(PASS)).unwrap();
    let c = s
        .add_client(
            &NewClient {
                given_name: "Ada".into(),
                family_name: "Kestrel".into(),
                ..NewClient::default()
            },
            at(11, 1, 9),
        )
        .unwrap();
    let new = NewNote {
        client_id: c,
        kind: NoteKind::Phone,
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

// ---------- care plans: actions ticked off, reviews keep them ----------

#[test]
fn plan_actions_can_be_done_and_a_review_keeps_them_done() {
    use caseload::domain::{NewCarePlan, PlanAction};
    let (_dir, db) = new_db();
    {
        let mut s = Store::open(&db, &SecretString::from(PASS)).unwrap();
        let bed = caseload::domain::plan::parse_action_line(
            "Buy and deliver a bed; and a mattress ; Sam ; 2026-12-03",
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        )
        .unwrap();
        let plan = NewCarePlan {
            needs: "Somewhere to sleep".into(),
            actions: vec![
                bed,
                PlanAction {
                    what: "Ring the GP".into(),
                    ..PlanAction::default()
                },
            ],
            ..NewCarePlan::default()
        };
        s.add_plan_version(1, &plan, at(11, 10, 9)).unwrap();
    }
    let plan = json(&db, &["plan", "show", "1", "--json"]);
    let actions = plan["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2, "the ; inside the text did not split it");
    assert_eq!(actions[0]["what"], "Buy and deliver a bed; and a mattress");
    assert_eq!(actions[0]["owner"], "Sam");
    assert_eq!(actions[0]["due"], "2026-12-03");
    assert!(actions[0]["done_on"].is_null());
    let bed = actions[0]["id"].as_i64().unwrap().to_string();

    let said = ok(&db, &["plan", "done", &bed, "--on", "2026-11-20"]);
    assert!(said.contains("Buy and deliver a bed"), "{said}");
    let e = fails(&db, &["plan", "done", &bed]);
    assert!(e.contains("already"), "{e}");
    let later = actions[1]["id"].as_i64().unwrap().to_string();
    let e = fails(&db, &["plan", "done", &later, "--on", "2026-12-25"]);
    assert!(e.contains("future"), "{e}");

    ok(&db, &["plan", "review", "1", "--next-review", "2027-02-01"]);
    let plan = json(&db, &["plan", "show", "1", "--json"]);
    assert_eq!(plan["version"], 2);
    assert_eq!(plan["next_review"], "2027-02-01");
    assert_eq!(plan["actions"][0]["done_on"], "2026-11-20");
    assert!(plan["actions"][1]["done_on"].is_null());
    // The old version's action can no longer be ticked off.
    let e = fails(&db, &["plan", "done", &later]);
    assert!(e.contains("version 1"), "{e}");

    // A review written from the form (actions as typed, no done dates)
    // keeps the done action done.
    {
        let mut s = Store::open(&db, &SecretString::from(PASS)).unwrap();
        let typed = NewCarePlan {
            needs: "Somewhere to sleep".into(),
            actions: vec![PlanAction {
                what: "Buy and deliver a bed; and a mattress".into(),
                owner: "Sam".into(),
                ..PlanAction::default()
            }],
            ..NewCarePlan::default()
        };
        s.add_plan_version(1, &typed, at(11, 21, 9)).unwrap();
    }
    let plan = json(&db, &["plan", "show", "1", "--json"]);
    assert_eq!(plan["version"], 3);
    assert_eq!(plan["actions"][0]["done_on"], "2026-11-20");
}

// ---------- deadlines: weighed when added, named when completed ----------

#[test]
fn hand_added_deadlines_rank_by_category_and_completion_names_them() {
    let (_dir, db) = new_db();
    let routine = ok(
        &db,
        &[
            "deadline",
            "add",
            "1",
            "--what",
            "Return library form",
            "--due",
            "2026-11-25",
        ],
    );
    let legal = ok(
        &db,
        &[
            "deadline",
            "add",
            "1",
            "--what",
            "Court report filed",
            "--due",
            "2026-11-27",
            "--category",
            "legal",
        ],
    );
    let due = json(&db, &["due", "--json"]);
    let order: Vec<String> = due
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "deadline")
        .map(|i| i["id"].to_string())
        .collect();
    assert_eq!(
        order,
        vec![legal.trim().to_string(), routine.trim().to_string()]
    );
    let e = fails(
        &db,
        &[
            "deadline",
            "add",
            "1",
            "--what",
            "x",
            "--due",
            "2026-11-27",
            "--category",
            "urgent",
        ],
    );
    assert!(e.contains("legal"), "{e}");

    let said = ok(&db, &["deadline", "done", routine.trim()]);
    assert!(said.contains("Return library form"), "{said}");

    // A section 3 expiry: completing it means it was renewed, so it is
    // not recorded without saying so.
    ok(
        &db,
        &[
            "episode",
            "add",
            "1",
            "--kind",
            "mha-s3",
            "--start",
            "2026-08-31",
        ],
    );
    let dls = json(&db, &["deadline", "list", "1", "--json"]);
    let s3 = dls
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "mha-s3-expiry")
        .unwrap()["id"]
        .to_string();
    let e = fails(&db, &["deadline", "done", &s3]);
    assert!(
        e.contains("Renewed?") && e.contains("Nothing was recorded"),
        "{e}"
    );
    let still = json(&db, &["deadline", "list", "1", "--json"]);
    assert!(
        still
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == s3.parse::<i64>().unwrap() && d["completed_on"].is_null())
    );
    let said = ok(&db, &["deadline", "done", &s3, "--outcome", "renewed"]);
    assert!(said.contains("Next:"), "{said}");
}

// ---------- closing a case ----------

#[test]
fn closing_with_an_open_legal_episode_warns_and_needs_yes() {
    let (_dir, db) = new_db();
    ok(
        &db,
        &[
            "episode",
            "add",
            "1",
            "--kind",
            "mha-s3",
            "--start",
            "2026-08-31",
        ],
    );
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["client", "close", "1", "--reason", "Moved away"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("stops tracking") && e.contains("MHA s3"), "{e}");
    assert!(e.contains("NOT closed") && e.contains("--yes"), "{e}");
    assert_eq!(
        json(&db, &["client", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let said = ok(
        &db,
        &[
            "client",
            "close",
            "1",
            "--reason",
            "Moved away",
            "--summary",
            "Moved to another area; s3 handed to the receiving team.",
            "--yes",
        ],
    );
    assert!(said.contains("Closed case 1"), "{said}");
    assert!(
        said.contains("Retention review due Mon 22 Nov 2032"),
        "{said}"
    );
    let s = Store::open(&db, &SecretString::from(PASS)).unwrap();
    assert_eq!(
        s.closure_summary(1).unwrap().as_deref(),
        Some("Moved to another area; s3 handed to the receiving team.")
    );
    assert_eq!(
        s.client(1).unwrap().retain_until,
        NaiveDate::from_ymd_opt(2032, 11, 22)
    );
}

#[test]
fn a_record_past_its_retention_date_is_flagged_never_removed() {
    use caseload::domain::retention::{Closing, RetentionSchedule};
    use caseload::domain::{NewClient, Service};
    let (_dir, db) = new_db();
    {
        let mut s = Store::open(&db, &SecretString::from(PASS)).unwrap();
        let child = s
            .add_client(
                &NewClient {
                    given_name: "Pip".into(),
                    family_name: "Marsh".into(),
                    dob: NaiveDate::from_ymd_opt(2001, 5, 1),
                    service: Some(Service::Children),
                    opened_on: NaiveDate::from_ymd_opt(2015, 1, 5),
                    ..NewClient::default()
                },
                at(1, 5, 9),
            )
            .unwrap();
        let closing = Closing {
            on: NaiveDate::from_ymd_opt(2017, 6, 1).unwrap(),
            reason: "Case closed".into(),
            summary: String::new(),
        };
        s.close_case(
            child,
            &closing,
            &RetentionSchedule::default(),
            at(11, 22, 9),
        )
        .unwrap();
        // The 25th birthday was 1 May 2026: due for review.
        let due = s
            .retention_due(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
            .unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].client_id, child);
        assert_eq!(
            due[0].retain_until,
            NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
        );
    }
    let list = ok(&db, &["client", "list", "--all"]);
    assert!(list.contains("review due 2026-05-01"), "{list}");
    let due = ok(&db, &["due"]);
    assert!(
        due.contains("Retention reviews due") && due.contains("Pip Marsh"),
        "{due}"
    );
    // Still there, untouched.
    assert!(list.contains("Marsh"), "{list}");
}

// ---------- undo says what it takes back; autosaves are one step ----------

#[test]
fn undo_names_its_step_and_a_burst_of_autosaves_is_one_step() {
    use caseload::domain::NewDeadline;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let mut s = Store::open(&path, &SecretString::from(PASS)).unwrap();
    let c = s
        .add_client(
            &NewClient {
                given_name: "Ada".into(),
                family_name: "Kestrel".into(),
                ..NewClient::default()
            },
            at(11, 1, 9),
        )
        .unwrap();
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
        None,
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
        kind: NoteKind::Phone,
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
        "edit the draft note of 2026-11-20 (3 autosaves)"
    );
    s.undo_last(t(7)).unwrap();
    assert_eq!(s.note(id).unwrap().body, "Rang", "back to before the burst");
    assert_eq!(
        s.next_undo().unwrap().unwrap().label,
        "start the draft note of 2026-11-20"
    );
    // Autosaves far apart are separate steps.
    new.body = "Rang Ada.".into();
    s.save_draft(id, &new, t(10)).unwrap();
    new.body = "Rang Ada. She is well.".into();
    s.save_draft(id, &new, t(40)).unwrap();
    assert_eq!(
        s.next_undo().unwrap().unwrap().label,
        "edit the draft note of 2026-11-20"
    );
    s.undo_last(t(41)).unwrap();
    assert_eq!(s.note(id).unwrap().body, "Rang Ada.");
}

// ---------- the TUI and a CLI call writing at the same time ----------

/// A long-lived connection autosaving a draft and completing deadlines (as
/// the TUI does) while CLI processes add final notes and complete the same
/// deadlines: every write either succeeds or is refused in words, none
/// fails on a lock, and each deadline is completed exactly once.
#[test]
fn a_tui_like_writer_and_cli_calls_side_by_side() {
    use caseload::domain::NewDeadline;
    use std::process::{Command as Std, Stdio};
    let (_dir, db) = new_db();
    let mut s = Store::open(&db, &SecretString::from(PASS)).unwrap();
    let deadlines: Vec<i64> = (0..6)
        .map(|i| {
            s.add_deadline(
                &NewDeadline {
                    client_id: Some(1),
                    what: format!("Return form {i}"),
                    due: NaiveDate::from_ymd_opt(2026, 12, 1),
                    ..NewDeadline::default()
                },
                at(11, 20, 9),
            )
            .unwrap()
        })
        .collect();
    let exe = assert_cmd::cargo::cargo_bin("caseload");
    let spawn = |args: Vec<String>| {
        Std::new(&exe)
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("CASELOAD_PASSPHRASE", PASS)
            .env("CASELOAD_NOW", NOW)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut children = Vec::new();
    for (i, d) in deadlines.iter().enumerate() {
        children.push(spawn(
            ["note", "add", "1", "--kind", "phone", "--final", "--text"]
                .iter()
                .map(ToString::to_string)
                .chain([format!("CLI note {i}.")])
                .collect(),
        ));
        children.push(spawn(vec!["deadline".into(), "done".into(), d.to_string()]));
    }
    // Meanwhile, the "TUI": a draft autosaved again and again, and the
    // same deadlines completed from here.
    let mut new = NewNote {
        client_id: 1,
        kind: NoteKind::HomeVisit,
        occurred_at: at(11, 22, 8),
        location: None,
        present: None,
        body: "Visit".into(),
        significant: false,
    };
    let draft = s.add_note(&new, at(11, 22, 8)).unwrap();
    let mut tui_completed = 0;
    for round in 0..40 {
        new.body = format!("Visit, autosave {round}");
        s.save_draft(draft, &new, at(11, 22, 9)).unwrap();
        if let Some(d) = deadlines.get(round % 8) {
            match s.complete_deadline(
                *d,
                NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
                None,
                at(11, 22, 9),
            ) {
                Ok(()) => tui_completed += 1,
                Err(StoreError::Refused(m)) => assert!(m.contains("already done"), "{m}"),
                Err(e) => panic!("the TUI's write failed: {e}"),
            }
        }
    }
    let mut cli_completed = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        let args_note = String::from_utf8_lossy(&out.stdout).to_string();
        if out.status.success() {
            if args_note.contains("done on") {
                cli_completed += 1;
            }
        } else {
            assert!(err.contains("already done"), "a CLI call failed: {err}");
        }
    }
    assert_eq!(
        tui_completed + cli_completed,
        deadlines.len(),
        "each completed once"
    );
    let all = notes(&db);
    assert_eq!(all.iter().filter(|n| n["status"] == "final").count(), 6);
    assert_eq!(s.note(draft).unwrap().body, "Visit, autosave 39");
    assert!(ok(&db, &["check"]).starts_with("ok"));
}

// ---------- the hour the clocks go back ----------

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

// ---------- the upgrade path ----------

/// A caseload written by the previous schema (before migration 0006), with
/// sealed notes and addenda, migrates, keeps every seal valid (`caseload
/// check` passes) and can then close a case with a summary.
#[test]
fn a_caseload_from_the_previous_schema_migrates_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let all = Store::migration_scripts();
    // Everything before 0006 (the offsets), wherever later migrations sit.
    let at_0006 = all
        .iter()
        .position(|m| m.contains("ADD COLUMN occurred_offset"))
        .unwrap();
    let before = &all[..at_0006];
    drop(Store::open_with_migrations(&db, &SecretString::from(PASS), before).unwrap());
    // This build writes the offset columns; lend them to the old file while
    // it is filled, then take them away, so the rows are as an old build
    // wrote them (the seals never covered them).
    const OFFSETS: [(&str, &str); 5] = [
        ("notes", "occurred_offset"),
        ("notes", "written_offset"),
        ("notes", "finalised_offset"),
        ("addenda", "written_offset"),
        ("audit", "at_offset"),
    ];
    for (table, column) in OFFSETS {
        raw(&db)
            .execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} TEXT"))
            .unwrap();
    }
    {
        let mut s = Store::open_with_migrations(&db, &SecretString::from(PASS), before).unwrap();
        let c = s
            .add_client(
                &NewClient {
                    given_name: "Ada".into(),
                    family_name: "Kestrel".into(),
                    ..NewClient::default()
                },
                at(11, 1, 9),
            )
            .unwrap();
        for day in 16..20 {
            let new = NewNote {
                client_id: c,
                kind: NoteKind::HomeVisit,
                occurred_at: at(11, day, 10),
                location: None,
                present: None,
                body: format!("Visit on the {day}th."),
                significant: day % 2 == 0,
            };
            let id = s.add_note(&new, at(11, day, 11)).unwrap();
            s.finalise_note(id, None, at(11, day, 12)).unwrap();
            s.add_addendum(id, "Spelling", "Corrected a name.", at(11, day, 13))
                .unwrap();
        }
    }
    for (table, column) in OFFSETS {
        raw(&db)
            .execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
            .unwrap();
    }
    let said = ok(&db, &["check"]);
    assert!(said.starts_with("ok"), "{said}");
    // Every time now has its UTC offset beside it (this machine's zone).
    let conn = raw(&db);
    for sql in [
        "SELECT count(*) FROM notes WHERE occurred_offset IS NULL OR written_offset IS NULL
            OR (finalised_at IS NOT NULL AND finalised_offset IS NULL)",
        "SELECT count(*) FROM addenda WHERE written_offset IS NULL",
        "SELECT count(*) FROM audit WHERE at_offset IS NULL",
    ] {
        let missing: i64 = conn.query_row(sql, [], |r| r.get(0)).unwrap();
        assert_eq!(missing, 0, "{sql}");
    }
    let offset: String = conn
        .query_row("SELECT finalised_offset FROM notes LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(
        offset.len() == 6 && (offset.starts_with('+') || offset.starts_with('-')),
        "{offset}"
    );
    drop(conn);
    let clients = json(&db, &["client", "list", "--json"]);
    let id = clients[0]["id"].to_string();
    ok(
        &db,
        &[
            "client",
            "close",
            &id,
            "--reason",
            "Moved away",
            "--summary",
            "Handed over.",
            "--yes",
        ],
    );
    assert!(ok(&db, &["check"]).starts_with("ok"));
}
