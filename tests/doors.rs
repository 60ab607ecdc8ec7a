//! Issue 28 items 3 and 4: `import json` checks the whole file as every
//! other door checks its input, before anything is written, naming each
//! problem by its place in the file; `check` finds a stored value no door
//! accepts. Fictional people only; the clock is pinned.

mod common;

use common::PASS;
use common::cli::{fails, ok};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A demo database and its lossless export, parsed.
fn exported() -> (tempfile::TempDir, PathBuf, Value) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo"]);
    let doc = serde_json::from_str(&ok(&db, &["export", "json"])).unwrap();
    (dir, db, doc)
}

/// Sets `table`'s first row's `column` to `v`.
fn set(doc: &mut Value, table: &str, column: &str, v: Value) {
    let t = &mut doc["tables"][table];
    let i = t["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == column)
        .unwrap();
    t["rows"][0][i] = v;
}

/// Imports `text` into a new database beside `dir`: the error, and that no
/// database was left behind.
fn refused(dir: &Path, text: &str) -> String {
    let file = dir.join("in.json");
    std::fs::write(&file, text).unwrap();
    let new = dir.join("new.db");
    let e = fails(&new, &["import", "json", file.to_str().unwrap()]);
    assert!(!new.exists(), "a refused import left a database: {e}");
    e
}

#[test]
fn an_impossible_due_date_is_refused_with_its_path() {
    let (dir, _db, mut doc) = exported();
    set(&mut doc, "deadlines", "due", "2027-13-45".into());
    let e = refused(dir.path(), &doc.to_string());
    assert!(
        e.contains("deadlines[0].due: 2027-13-45 is not a date"),
        "{e}"
    );
    assert!(e.contains("nothing was written"), "{e}");
}

#[test]
fn a_dob_that_is_no_day_is_refused_with_its_path() {
    let (dir, _db, mut doc) = exported();
    set(&mut doc, "clients", "dob", "2025-02-30".into());
    let e = refused(dir.path(), &doc.to_string());
    assert!(
        e.contains("clients[0].dob: 2025-02-30 is not a date"),
        "{e}"
    );
}

#[test]
fn a_note_body_over_the_200000_character_limit_is_refused() {
    let (dir, _db, mut doc) = exported();
    set(&mut doc, "notes", "body", "x".repeat(300_000).into());
    let e = refused(dir.path(), &doc.to_string());
    assert!(
        e.contains("notes[0].body: is too long (at most 200000"),
        "{e}"
    );
    assert!(!e.contains("xxxx"), "the text is not echoed");
}

#[test]
fn a_repeated_key_is_refused_with_its_path() {
    let (dir, _db, doc) = exported();
    let text = doc.to_string().replacen(
        "\"format\":",
        "\"format\":\"caseload-export\",\"format\":",
        1,
    );
    let e = refused(dir.path(), &text);
    assert!(e.contains("format: the key appears twice"), "{e}");
}

#[test]
fn a_wrong_typed_value_names_its_place_not_a_code_nor_the_seal() {
    let (dir, _db, mut doc) = exported();
    set(&mut doc, "notes", "body", 5.into());
    let e = refused(dir.path(), &doc.to_string());
    assert!(
        e.contains("notes[0].body: is a number; this column holds text"),
        "{e}"
    );
    assert!(!e.contains("code") && !e.contains("seal"), "{e}");
}

#[test]
fn every_problem_is_listed_up_to_fifty() {
    let (dir, _db, mut doc) = exported();
    let t = &mut doc["tables"]["deadlines"];
    let i = t["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == "due")
        .unwrap();
    let rows = t["rows"].as_array_mut().unwrap();
    let n = rows.len();
    assert!(n >= 2, "the demo has deadlines");
    for r in rows.iter_mut() {
        r[i] = "soon".into();
    }
    set(&mut doc, "clients", "dob", "2025-02-30".into());
    let e = refused(dir.path(), &doc.to_string());
    assert!(e.contains(&format!("{} value(s)", n + 1)), "{e}");
    assert!(
        e.contains("clients[0].dob") && e.contains("deadlines[1].due"),
        "{e}"
    );
}

#[test]
fn check_names_a_stored_date_that_is_not_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo"]);
    ok(&db, &["check"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "key", PASS).unwrap();
    let id: i64 = conn
        .query_row("SELECT min(id) FROM deadlines", [], |r| r.get(0))
        .unwrap();
    conn.execute(
        "UPDATE deadlines SET due = '2027-13-45' WHERE id = ?1",
        [id],
    )
    .unwrap();
    drop(conn);
    let e = fails(&db, &["check"]);
    assert!(
        e.contains(&format!(
            "stored value: deadlines row {id} due: 2027-13-45 is not a date"
        )),
        "{e}"
    );
}
