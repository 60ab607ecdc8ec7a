//! The command line end to end on temporary databases: every subcommand,
//! the JSON shapes, errors on stderr with a non-zero status, the demo, and
//! notes surviving `kill -9`.

mod common;

use assert_cmd::Command;
use common::Envs as _;
use predicates::prelude::*;
use serde_json::Value;

use common::cli::{fails, json, new_db, new_db_with_client, ok, on};
use common::{NOW, PASS};

fn bin() -> Command {
    let mut c = Command::cargo_bin("caseload").unwrap();
    c.env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_NOW", NOW)
        .sandboxed();
    c
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
            "--outcome",
            "seen",
            "--at",
            "2026-11-20 10:30",
            "--text",
            "Visited; all well.",
            "--significant",
        ],
    );
    let n1: i64 = n1.trim().parse().unwrap();
    let out = on(&db)
        .args([
            "note",
            "add",
            "DEMO-1",
            "--kind",
            "phone",
            "--outcome",
            "not-applicable",
            "--final",
        ])
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
    // The rest by weight and nearness together (days left over
    // 2^((weight - 100) / 10), at 09:00 on 22/11): the action due tomorrow
    // (weight 5: 1.6 days, 1177), the visit due 27/11 (weight 20, from the
    // visiting rule: 5.6 days, 1440), the hand deadline due 25/11 (weight
    // 10: 3.6 days, 1856).
    assert_eq!(due[1]["kind"], "action");
    assert_eq!(due[1]["client_id"], Value::Null);
    assert_eq!(due[2]["kind"], "visit");
    assert_eq!(due[2]["rule"], "client-visit");
    assert_eq!(due[3]["kind"], "deadline");
    assert_eq!(
        json(&db, &["due", "--within", "60", "--json"])
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert!(ok(&db, &["due"]).contains("2 days overdue"));

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
    // The home visit's outcome (issue 25: required) records the visit too.
    assert_eq!(
        kinds,
        ["deadline", "contact", "visit", "contact", "action"],
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

#[path = "cli/mistakes.rs"]
mod mistakes;

#[path = "cli/database.rs"]
mod database;

#[path = "cli/client_facts.rs"]
mod client_facts;

#[path = "cli/drafts.rs"]
mod drafts;

#[path = "cli/network.rs"]
mod network;
