//! The command line end to end on temporary databases: every subcommand,
//! the JSON shapes, errors on stderr with a non-zero status, the demo, and
//! notes surviving `kill -9`.

mod common;

use assert_cmd::Command;
use common::Envs as _;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

use common::{NOW, PASS};

fn bin() -> Command {
    let mut c = Command::cargo_bin("caseload").unwrap();
    c.env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_NOW", NOW)
        .sandboxed();
    c
}

fn on(db: &Path) -> Command {
    let mut c = bin();
    c.arg("--db").arg(db);
    c
}

/// Runs and returns stdout, asserting success.
fn ok(db: &Path, args: &[&str]) -> String {
    let out = on(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

/// Runs, asserts failure with an empty stdout, returns stderr.
fn fails(db: &Path, args: &[&str]) -> String {
    let out = on(db).args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(
        out.stdout.is_empty(),
        "{args:?} printed to stdout on failure"
    );
    String::from_utf8(out.stderr).unwrap()
}

fn new_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    ok(&db, &["init"]);
    (dir, db)
}

#[test]
fn every_everyday_subcommand_works_end_to_end() {
    let (dir, db) = new_db();
    let a = ok(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Marnie",
            "--family",
            "Thistlewood",
            "--ref",
            "DEMO-1",
            "--risk",
            "high",
            "--visit-every",
            "7",
            "--dob",
            "1990-04-01",
        ],
    );
    let a: i64 = a.trim().parse().unwrap();
    ok(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Martha",
            "--family",
            "Thistlewood",
            "--service",
            "children",
        ],
    );
    ok(
        &db,
        &["client", "add", "--given", "Bertie", "--family", "Quill"],
    );

    let list = json(&db, &["client", "list", "--json"]);
    let first = &list.as_array().unwrap()[0];
    for key in [
        "id",
        "given_name",
        "family_name",
        "record_no",
        "status",
        "risk",
        "service",
        "alerts",
        "opened_on",
        "last_seen",
        "next_due",
        "frameworks",
        "drafts",
    ] {
        assert!(
            first.get(key).is_some(),
            "client list JSON lacks {key}: {first}"
        );
    }

    // Notes: --text, stdin, --final, a name fragment and a record number.
    let n1 = ok(
        &db,
        &[
            "note",
            "add",
            "marnie",
            "--kind",
            "home-visit",
            "--at",
            "2026-11-20 10:30",
            "--text",
            "Visited; all well.",
            "--significant",
        ],
    );
    let n1: i64 = n1.trim().parse().unwrap();
    let out = on(&db)
        .args(["note", "add", "DEMO-1", "--kind", "phone", "--final"])
        .write_stdin("Rang her.\nShe is fine.\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let n2: i64 = String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let notes = json(&db, &["note", "list", &a.to_string(), "--json"]);
    let notes = notes.as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["id"], n2, "newest first");
    assert_eq!(notes[0]["status"], "final");
    assert_eq!(notes[0]["body"], "Rang her.\nShe is fine.\n");
    assert_eq!(notes[1]["occurred_at"], "2026-11-20T10:30:00");
    assert_eq!(notes[1]["significant"], true);
    assert_eq!(notes[1]["kind"], "home-visit");
    assert!(notes[1]["addenda"].as_array().unwrap().is_empty());
    assert!(ok(&db, &["note", "list", "marnie"]).contains("Visited; all well."));

    assert!(
        fails(
            &db,
            &[
                "note",
                "addendum",
                &n1.to_string(),
                "--reason",
                "r",
                "--text",
                "t"
            ]
        )
        .contains("draft")
    );
    ok(&db, &["note", "finalise", &n1.to_string()]);
    assert!(fails(&db, &["note", "finalise", &n1.to_string()]).contains("already final"));
    ok(
        &db,
        &[
            "note",
            "addendum",
            &n1.to_string(),
            "--reason",
            "Wrong time",
            "--text",
            "It was 11:00.",
        ],
    );
    let notes = json(&db, &["note", "list", "marnie", "--json"]);
    assert_eq!(notes[1]["addenda"][0]["reason"], "Wrong time");

    // Deadlines and actions.
    let dl = ok(
        &db,
        &[
            "deadline",
            "add",
            "marnie",
            "--what",
            "CPA review",
            "--due",
            "2026-11-20",
        ],
    );
    let dl = dl.trim().to_string();
    ok(
        &db,
        &[
            "deadline",
            "add",
            "bertie",
            "--what",
            "Visit",
            "--due",
            "2026-11-25",
        ],
    );
    ok(
        &db,
        &[
            "action",
            "add",
            "--what",
            "Mileage claim",
            "--due",
            "2026-11-23",
        ],
    );
    let act = ok(
        &db,
        &[
            "action",
            "add",
            "bertie",
            "--what",
            "Ring GP",
            "--due",
            "2026-12-30",
        ],
    );
    let due = json(&db, &["due", "--json"]);
    let due = due.as_array().unwrap();
    // Two deadlines, the client's visit (every 7 days, from the last visit)
    // and the action with no client.
    assert_eq!(due.len(), 4, "{due:?}");
    for item in due {
        for key in [
            "id",
            "kind",
            "client_id",
            "client_name",
            "what",
            "due",
            "overdue",
        ] {
            assert!(item.get(key).is_some(), "due JSON lacks {key}");
        }
    }
    assert_eq!(due[0]["what"], "CPA review");
    assert_eq!(due[0]["kind"], "deadline");
    assert_eq!(due[0]["due"], "2026-11-20");
    assert_eq!(due[0]["overdue"], true);
    assert_eq!(due[0]["client_name"], "Marnie Thistlewood");
    // The visit (weight 20, from the visiting rule) outranks a hand deadline.
    assert_eq!(due[1]["kind"], "visit");
    assert_eq!(due[1]["rule"], "client-visit");
    assert_eq!(due[3]["kind"], "action");
    assert_eq!(due[3]["client_id"], Value::Null);
    assert_eq!(
        json(&db, &["due", "--within", "60", "--json"])
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert!(ok(&db, &["due"]).contains("overdue 2 days"));

    ok(
        &db,
        &[
            "deadline",
            "done",
            &dl,
            "--on",
            "2026-11-21",
            "--outcome",
            "Held",
        ],
    );
    let dls = json(&db, &["deadline", "list", "marnie", "--json"]);
    assert_eq!(dls[0]["completed_on"], "2026-11-21");
    assert_eq!(dls[0]["outcome"], "Held");
    ok(&db, &["action", "done", act.trim()]);
    assert_eq!(
        json(&db, &["action", "list", "bertie", "--json"])[0]["done_on"],
        "2026-11-22"
    );

    let agenda = json(
        &db,
        &[
            "agenda",
            "--from",
            "2026-11-20",
            "--to",
            "2026-11-23",
            "--json",
        ],
    );
    let kinds: Vec<&str> = agenda
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["deadline", "contact", "contact", "action"],
        "{agenda}"
    );
    assert_eq!(agenda[0]["date"], "2026-11-20");
    assert!(ok(&db, &["agenda"]).contains("Visit"));

    // Show, close, list --all.
    let show = json(&db, &["client", "show", "marnie", "--json"]);
    assert_eq!(show["client"]["record_no"], "DEMO-1");
    assert_eq!(show["notes"], 2);
    // Seen at the home visit on the 20th; the phone call today is a
    // contact, not a sighting.
    assert_eq!(show["last_seen"], "2026-11-20");
    assert_eq!(show["last_contact"], "2026-11-22");
    assert!(
        show["deadlines"].is_array() && show["network"].is_array() && show["episodes"].is_array()
    );
    let text = ok(&db, &["client", "show", "marnie"]);
    assert!(text.contains("Marnie Thistlewood") && text.contains("Visit every"));
    ok(
        &db,
        &[
            "client",
            "close",
            "bertie",
            "--reason",
            "Moved away",
            "--on",
            "2026-11-22",
        ],
    );
    assert_eq!(
        json(&db, &["client", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let all = json(&db, &["client", "list", "--all", "--json"]);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|c| c["status"] == "closed" && c["closure_reason"] == "Moved away")
    );

    // Maintenance.
    assert!(ok(&db, &["check"]).starts_with("ok"));
    let copy = dir.path().join("copy.db");
    ok(&db, &["backup", copy.to_str().unwrap()]);
    assert!(fails(&db, &["backup", copy.to_str().unwrap()]).contains("already exists"));
    assert_eq!(
        json(&copy, &["client", "list", "--all", "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn mistakes_get_a_message_on_stderr_and_a_failure_status() {
    let (dir, db) = new_db();
    ok(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Marnie",
            "--family",
            "Thistlewood",
        ],
    );
    ok(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Martha",
            "--family",
            "Thistlewood",
        ],
    );

    let e = fails(
        &db,
        &["note", "add", "thistle", "--kind", "phone", "--text", "x"],
    );
    assert!(
        e.contains("more than one client")
            && e.contains("Marnie Thistlewood")
            && e.contains("Martha Thistlewood"),
        "{e}"
    );
    let e = fails(
        &db,
        &["note", "add", "marnie", "--kind", "visit", "--text", "x"],
    );
    assert!(
        e.contains("home-visit") && e.contains("phone") && e.contains("court"),
        "{e}"
    );
    let e = fails(
        &db,
        &[
            "note",
            "add",
            "marnie",
            "--kind",
            "phone",
            "--at",
            "2026-02-30 10:00",
            "--text",
            "x",
        ],
    );
    assert!(e.contains("not a real date"), "{e}");
    let e = fails(
        &db,
        &[
            "note",
            "add",
            "marnie",
            "--kind",
            "phone",
            "--at",
            "2026-11-02 10:00",
            "--final",
            "--text",
            "Rang her.",
        ],
    );
    assert!(
        e.contains("late entry") && e.contains("--late-reason"),
        "{e}"
    );
    assert!(
        json(&db, &["note", "list", "marnie", "--json"])
            .as_array()
            .unwrap()
            .is_empty(),
        "a refused late note leaves no draft behind"
    );
    let e = fails(
        &db,
        &["note", "add", "marnie", "--kind", "phone", "--text", "  "],
    );
    assert!(e.contains("empty"), "{e}");
    assert!(
        fails(
            &db,
            &["note", "add", "nobody", "--kind", "phone", "--text", "x"]
        )
        .contains("no open client")
    );
    assert!(
        fails(
            &db,
            &[
                "deadline",
                "add",
                "marnie",
                "--what",
                "x",
                "--due",
                "2026-02-30"
            ]
        )
        .contains("not a real date")
    );
    assert!(fails(&db, &["deadline", "done", "999"]).contains("no deadline with id 999"));
    assert!(fails(&db, &["note", "finalise", "abc"]).contains("should be a number"));
    assert!(fails(&db, &["client", "add", "--given", "", "--family", "X"]).contains("given name"));
    assert!(
        fails(
            &db,
            &[
                "client",
                "add",
                "--given",
                "A",
                "--family",
                "X",
                "--dob",
                "2030-01-01"
            ]
        )
        .contains("future")
    );
    assert!(
        fails(
            &db,
            &["agenda", "--from", "2026-11-22", "--to", "2026-11-01"]
        )
        .contains("before")
    );
    assert!(fails(&db, &["init"]).contains("already exists"));
    // Nothing above was written.
    assert_eq!(
        json(&db, &["client", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(json(&db, &["due", "--json"]).as_array().unwrap().is_empty());

    let wrong = on(&db)
        .env("CASELOAD_PASSPHRASE", "not the passphrase")
        .arg("check")
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong passphrase"));
    let missing = dir.path().join("nope.db");
    assert!(fails(&missing, &["client", "list"]).contains("caseload init"));
    assert!(
        !missing.exists(),
        "a missing database is not created by a read"
    );
}

#[test]
fn demo_databases_are_fictional_throwaway_or_new_files_only() {
    let dir = tempfile::tempdir().unwrap();
    // --demo with no subcommand prints the due list and the week.
    let out = bin().arg("--demo").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("overdue") && text.contains("Agenda"),
        "{text}"
    );
    // --demo works with subcommands, on a throwaway database.
    let out = bin().args(["--demo", "due", "--json"]).output().unwrap();
    let due: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(due.as_array().unwrap().iter().any(|i| i["overdue"] == true));
    assert!(
        bin()
            .args(["--demo", "init"])
            .assert()
            .failure()
            .get_output()
            .stdout
            .is_empty()
    );

    // A named demo database, never over an existing file.
    let db = dir.path().join("demo.db");
    on(&db)
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("demo caseload"));
    let clients = json(&db, &["client", "list", "--all", "--json"]);
    assert!(clients.as_array().unwrap().len() >= 20);
    let e = fails(&db, &["demo"]);
    assert!(e.contains("already exists"), "{e}");
    assert_eq!(
        json(&db, &["client", "list", "--all", "--json"]),
        clients,
        "untouched"
    );
    assert!(
        bin()
            .arg("demo")
            .assert()
            .failure()
            .get_output()
            .stderr
            .len()
            > 10,
        "needs --db"
    );

    let synth = dir.path().join("synth.db");
    on(&synth)
        .args(["demo", "--clients", "5", "--seed", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "5 clients, 500 notes and 50 deadlines",
        ));
    assert!(ok(&synth, &["check"]).starts_with("ok"));
}

/// `kill -9` at random moments: every id printed (acknowledged) is stored,
/// and the database stays sound.
#[test]
fn an_acknowledged_note_survives_kill_9() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    use std::time::{Duration, Instant};

    let (_dir, db) = new_db();
    ok(
        &db,
        &["client", "add", "--given", "Ada", "--family", "Kestrel"],
    );
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
    for round in 0..8 {
        // Three writers at once, so commits and kills interleave.
        let mut children = Vec::new();
        for i in 0..3 {
            let child = Std::new(&exe)
                .args([
                    "--db",
                    db.to_str().unwrap(),
                    "note",
                    "add",
                    "1",
                    "--kind",
                    "phone",
                    "--final",
                    "--text",
                    &format!("Round {round} writer {i}: rang to check in."),
                ])
                .env("CASELOAD_PASSPHRASE", PASS)
                .env("CASELOAD_NOW", NOW)
                .sandboxed()
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let kill_after =
                (rng.chance(60)).then(|| Duration::from_millis(rng.range(0, 450).unsigned_abs()));
            children.push((child, kill_after));
        }
        let start = Instant::now();
        for (mut child, kill_after) in children {
            if let Some(after) = kill_after {
                while start.elapsed() < after {
                    std::thread::sleep(Duration::from_millis(5));
                }
                if child.try_wait().unwrap().is_none() {
                    child.kill().unwrap(); // SIGKILL
                    killed += 1;
                }
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
    }
    assert!(killed > 0, "the test must actually kill some writers");
    let stored: Vec<i64> = json(&db, &["note", "list", "1", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_i64().unwrap())
        .collect();
    for id in &acknowledged {
        assert!(stored.contains(id), "acknowledged note {id} is missing");
    }
    assert!(ok(&db, &["check"]).starts_with("ok"));
    eprintln!(
        "{} acknowledged, {killed} killed, {} stored",
        acknowledged.len(),
        stored.len()
    );
}

/// The round trip every platform must pass (run under Wine for Windows):
/// a new database takes a client and a final note, a later run opens it
/// with the passphrase and reads them back, a wrong passphrase is refused,
/// and the file on disk is ciphertext, not a plain SQLite file.
#[test]
fn a_new_database_is_ciphertext_and_reads_back_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("caseload.db");
    ok(&db, &["init"]);
    let id = ok(
        &db,
        &["client", "add", "--given", "Wenna", "--family", "Pellow"],
    );
    let id = id.trim().to_string();
    let text = "Home visit; kitchen warm, Wenna well.";
    ok(
        &db,
        &[
            "note",
            "add",
            &id,
            "--kind",
            "home-visit",
            "--final",
            "--text",
            text,
        ],
    );

    let notes = json(&db, &["note", "list", &id, "--json"]);
    assert_eq!(notes[0]["body"], text);
    assert_eq!(notes[0]["status"], "final");
    let clients = json(&db, &["client", "list", "--json"]);
    assert_eq!(clients[0]["family_name"], "Pellow");
    let wrong = on(&db)
        .env("CASELOAD_PASSPHRASE", "not the passphrase")
        .args(["client", "list"])
        .output()
        .unwrap();
    assert!(!wrong.status.success(), "a wrong passphrase opened it");

    let bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() >= 4096, "{} bytes", bytes.len());
    assert!(!bytes.starts_with(b"SQLite format 3"), "plain SQLite file");
    assert!(
        !bytes.windows(5).any(|w| w == b"Wenna"),
        "name in plain text"
    );
}
