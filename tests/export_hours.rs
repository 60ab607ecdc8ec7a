//! Issue 26, the hour everywhere outside the terminal UI: a deadline
//! counted in hours is shown with its time (`dd/mm/yyyy HH:MM`) in every
//! command's text, the chronology, the summary, the paste packs, and the
//! due spreadsheet's `due_at` column (read back by Python's `csv`).
//!
//! The case: Orla Venn (fictional) arrived at a place of safety under s136
//! at 06:30 on Sun 22 Nov 2026. MHA 1983 s136(2A): 24 hours beginning with
//! the arrival, so the detention ends at 06:30 on Mon 23 Nov 2026. A
//! deadline counted in days (a report due on 30 Nov) has no time.

mod common;

use common::cli::ok;
use std::path::{Path, PathBuf};

/// The s136's start and its end (s136(2A): start + 24 hours).
const STARTED: &str = "22/11/2026 06:30";
const ENDS: &str = "23/11/2026 06:30";

/// Orla's database: client 1 with the s136 (episode 1), a day deadline, and
/// a contact note to paste.
fn orla() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = common::cli::new_db_with_client("Orla", "Venn");
    ok(
        &db,
        &[
            "episode",
            "add",
            "1",
            "--kind",
            "mha-s136",
            "--start",
            "2026-11-22 06:30",
        ],
    );
    ok(
        &db,
        &[
            "deadline",
            "add",
            "1",
            "--what",
            "Write the report",
            "--due",
            "2026-11-30",
        ],
    );
    ok(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--at",
            "2026-11-22 08:00",
            "--text",
            "Spoke to the ward about the assessment.",
        ],
    );
    (dir, db)
}

fn line_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn every_command_shows_an_s136_end_with_its_time() {
    let (_dir, db) = orla();
    let show = ok(&db, &["client", "show", "1"]);
    assert!(
        line_with(&show, "place of safety ends")
            .iter()
            .any(|l| l.contains(ENDS)),
        "client show:\n{show}"
    );
    assert!(
        show.contains(&format!("from {STARTED}")),
        "client show:\n{show}"
    );
    let list = ok(&db, &["deadline", "list", "1"]);
    assert!(
        line_with(&list, "place of safety ends")
            .iter()
            .any(|l| l.contains(ENDS)),
        "deadline list:\n{list}"
    );
    // The day deadline keeps its day alone.
    assert!(
        line_with(&list, "Write the report")
            .iter()
            .any(|l| l.contains("30/11/2026") && !l.contains(':')),
        "deadline list:\n{list}"
    );
    let episodes = ok(&db, &["episode", "list", "1"]);
    assert!(episodes.contains(ENDS), "episode list:\n{episodes}");
    assert!(episodes.contains(STARTED), "episode list:\n{episodes}");
    let due = ok(&db, &["due"]);
    assert!(due.contains(ENDS), "due:\n{due}");
    // The s136 is what Orla has due next.
    let clients = ok(&db, &["client", "list"]);
    assert!(
        line_with(&clients, "Venn").iter().any(|l| l.contains(ENDS)),
        "client list:\n{clients}"
    );
}

#[test]
fn the_chronology_summary_and_paste_pack_carry_the_hour() {
    let (_dir, db) = orla();
    let chron = ok(&db, &["export", "chronology", "1"]);
    assert!(
        line_with(&chron, STARTED).iter().any(|l| l.contains("136")),
        "chronology:\n{chron}"
    );
    for format in ["md", "txt", "html"] {
        let summary = ok(&db, &["export", "summary", "1", "--format", format]);
        assert!(summary.contains(ENDS), "summary {format}:\n{summary}");
        assert!(summary.contains(STARTED), "summary {format}:\n{summary}");
    }
    let note = note_id(&db);
    let pack = ok(&db, &["paste", &note, "--template", "visit-record"]);
    assert!(
        line_with(&pack, "place of safety ends")
            .iter()
            .any(|l| l.contains(ENDS)),
        "paste pack:\n{pack}"
    );
}

fn note_id(db: &Path) -> String {
    let notes = common::cli::json(db, &["note", "list", "1", "--json"]);
    notes[0]["id"].to_string()
}

/// The due spreadsheet read back by Python's `csv`: the s136 row has
/// `due_at` 2026-11-23T06:30 (as `due --json` writes it), the day deadline
/// an empty one.
#[test]
fn the_due_spreadsheet_has_a_due_at_column_python_reads() {
    let (dir, db) = orla();
    let doc = ok(&db, &["export", "csv", "due"]);
    let p = dir.path().join("due.csv");
    std::fs::write(&p, &doc).unwrap();
    let Some(py) = common::consumer_python() else {
        return;
    };
    let out = std::process::Command::new(py)
        .args([
            "-c",
            "import csv,sys\nfor r in csv.DictReader(open(sys.argv[1], newline='')): print(r['what'] + '|' + r['due'] + '|' + r['due_at'])",
            p.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = String::from_utf8(out.stdout).unwrap();
    assert!(
        rows.lines()
            .any(|l| l.contains("place of safety ends (24 hours)|2026-11-23|2026-11-23T06:30")),
        "{rows}"
    );
    assert!(
        rows.lines().any(|l| l == "Write the report|2026-11-30|"),
        "{rows}"
    );
    // The caseload sheet: Orla's next due is the s136, with its time.
    let doc = ok(&db, &["export", "csv", "caseload"]);
    std::fs::write(&p, &doc).unwrap();
    let out = std::process::Command::new(common::consumer_python().unwrap())
        .args([
            "-c",
            "import csv,sys\nfor r in csv.DictReader(open(sys.argv[1], newline='')): print(r['family_name'] + '|' + r['next_due'] + '|' + r['next_due_at'])",
            p.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Venn|2026-11-23|2026-11-23T06:30\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = common::cli::json(&db, &["due", "--json"]);
    assert!(json.to_string().contains("2026-11-23T06:30"), "{json}");
}
