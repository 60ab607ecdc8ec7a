//! The TUI and a CLI call writing at the same time.

use super::*;
use crate::common::Envs as _;
use caseload::domain::Completion;

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
            .sandboxed()
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut children = Vec::new();
    for (i, d) in deadlines.iter().enumerate() {
        children.push(spawn(
            [
                "note",
                "add",
                "1",
                "--kind",
                "phone",
                "--outcome",
                "not-applicable",
                "--final",
                "--text",
            ]
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
        kind: Some(NoteKind::HomeVisit),
        outcome: caseload::demo::written_outcome(NoteKind::HomeVisit),
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
                Completion::Outcome(None),
                at(11, 22, 9),
            ) {
                Ok(_) => tui_completed += 1,
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
