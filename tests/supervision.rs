//! Case supervision on the client's record (issue 32): the decision in the
//! chronology and the subject access export, its actions in `due --json`
//! with their owner, sealed when final like a note, and the paste pack.
//! The clock is pinned at Sunday 22 November 2026, 09:00. Fictional people.

mod common;

use caseload::store::prelude::*;
use common::cli::{fails, json, new_db_with_client, ok};

fn add_supervision(db: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec![
        "supervision",
        "add",
        "1",
        "--on",
        "2026-11-20",
        "--with",
        "Sam Reed",
        "--decision",
        "Refer to the funding panel",
        "--action",
        "Write the panel report",
        "--owner",
        "Team manager",
        "--by",
        "2026-11-25",
    ];
    args.extend_from_slice(extra);
    ok(db, &args).trim().to_string()
}

#[test]
fn a_supervision_decision_is_in_the_chronology_and_the_sar() {
    let (dir, db) = new_db_with_client("Ada", "Fictional");
    let id = add_supervision(&db, &["--final"]);
    let chron = json(&db, &["chronology", "1", "--json"]);
    let entries = chron.as_array().unwrap();
    let entry = entries
        .iter()
        .find(|e| e["note_id"].as_i64().map(|n| n.to_string()) == Some(id.clone()))
        .expect("the supervision is in the chronology");
    let event = entry["event"].as_str().unwrap();
    assert!(
        event.starts_with("Supervision with Sam Reed: decision: Refer to the funding panel"),
        "{event}"
    );
    assert_eq!(entry["date"], "2026-11-20");
    let out = dir.path().join("sar");
    ok(&db, &["export", "sar", "1", "--out", out.to_str().unwrap()]);
    let sar = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect::<String>();
    // The supervisor is a third party, marked for review like any other.
    assert!(
        sar.contains(
            "Supervision with [REVIEW third party: Sam Reed]: decision: Refer to the funding panel"
        ),
        "{sar}"
    );
}

#[test]
fn a_supervision_action_is_due_with_its_owner() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    add_supervision(&db, &[]);
    let due = json(&db, &["due", "--json"]);
    let item = due
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["what"] == "Write the panel report")
        .expect("the action is due");
    assert_eq!(item["kind"], "action");
    assert_eq!(item["owner"], "Team manager");
    assert_eq!(item["due"], "2026-11-25");
    assert_eq!(item["client_id"], 1);
}

#[test]
fn a_final_supervision_is_sealed_like_a_note() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    let id = add_supervision(&db, &["--final"]);
    let notes = json(&db, &["note", "list", "1", "--json"]);
    let note = &notes.as_array().unwrap()[0];
    assert_eq!(note["id"].as_i64().unwrap().to_string(), id);
    assert_eq!(note["kind"], "supervision");
    assert_eq!(note["status"], "final");
    assert!(note["hash"].as_str().is_some_and(|h| !h.is_empty()));
    // Corrections are addenda, and the chain still checks.
    ok(
        &db,
        &[
            "note",
            "addendum",
            &id,
            "--reason",
            "Date of panel",
            "--text",
            "Panel sits on 2 Dec.",
        ],
    );
    ok(&db, &["check"]);
    let err = fails(&db, &["note", "finalise", &id]);
    assert!(err.contains("already final"), "{err}");
}

#[test]
fn a_draft_supervision_is_finalised_with_note_finalise() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    let id = add_supervision(&db, &[]);
    let list = json(&db, &["supervision", "list", "1", "--json"]);
    assert_eq!(list[0]["status"], "draft");
    ok(&db, &["note", "finalise", &id]);
    let list = json(&db, &["supervision", "list", "--json"]);
    assert_eq!(list[0]["status"], "final");
    assert_eq!(list[0]["supervisor"], "Sam Reed");
    assert_eq!(list[0]["decisions"][0], "Refer to the funding panel");
    assert_eq!(list[0]["actions"][0]["owner"], "Team manager");
}

#[test]
fn an_action_without_its_owner_is_refused_and_nothing_saved() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    let err = fails(
        &db,
        &[
            "supervision",
            "add",
            "1",
            "--on",
            "2026-11-20",
            "--with",
            "Sam Reed",
            "--decision",
            "Close the case",
            "--action",
            "Send the letter",
            "--by",
            "+1w",
        ],
    );
    assert!(err.contains("each --action needs its --owner"), "{err}");
    let list = json(&db, &["supervision", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 0);
    let notes = json(&db, &["note", "list", "1", "--json"]);
    assert_eq!(notes.as_array().unwrap().len(), 0);
}

#[test]
fn the_paste_pack_reads_as_a_supervision_record() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    let id = add_supervision(
        &db,
        &[
            "--discussion",
            "Housing and benefits",
            "--next-review",
            "2026-12-18",
        ],
    );
    let text = ok(&db, &["supervision", "paste", &id]);
    let heads = [
        "CASE SUPERVISION RECORD",
        "Case: Ada Fictional",
        "Date of supervision: ",
        "Supervisor: Sam Reed",
        "DISCUSSION",
        "Housing and benefits",
        "DECISIONS",
        "1. Refer to the funding panel",
        "ACTIONS",
        "1. Write the panel report | Owner: Team manager | By: ",
        "NEXT REVIEW",
    ];
    let mut from = 0;
    for h in heads {
        let at = text[from..]
            .find(h)
            .unwrap_or_else(|| panic!("{h:?} missing or out of order in:\n{text}"));
        from += at + h.len();
    }
}

#[test]
fn today_lists_a_supervision_action_with_its_owner() {
    use caseload::domain::{NewClient, NewSupervision, SupervisionAction};
    let mut s = caseload::store::Store::open_in_memory().unwrap();
    let now = common::now();
    let id = s
        .add_client(
            &NewClient {
                given_name: "Ada".into(),
                family_name: "Fictional".into(),
                ..NewClient::default()
            },
            now,
        )
        .unwrap();
    s.add_supervision(
        &NewSupervision {
            client_id: id,
            on: now,
            supervisor: "Sam Reed".into(),
            decisions: vec!["Refer to panel".into()],
            discussion: String::new(),
            actions: vec![SupervisionAction {
                what: "Write report".into(),
                owner: "Sam".into(),
                by: common::day(11, 24),
            }],
            next_review: None,
        },
        false,
        None,
        now,
    )
    .unwrap();
    let app = common::tui::app_on(s);
    let text = common::tui::text(common::tui::draw(&app, 120, 40).backend().buffer());
    let line = text
        .lines()
        .find(|l| l.contains("Write report"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("(owner: Sam)"), "{line}");
}
