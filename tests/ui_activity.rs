//! The activity chart (issue 32): `r` on Today (or "activity" in the
//! palette) shows the practitioner's own work week by week as a bar
//! chart, one count at a time, with the same figures `report activity
//! --json` prints for the same twelve weeks, and no name anywhere. The
//! clock is pinned at Sunday 22 November 2026, 09:00. Fictional people.

mod common;

use caseload::store::Store;
use common::PASS;
use common::cli::{json, new_db_with_client, ok};
use common::tui::{app_on, keys, press, screen};
use ratatui::crossterm::event::KeyCode;
use secrecy::SecretString;

/// A store with two clients' visits and calls in November, one of them
/// a case supervision (no contact), and the app on it at Today.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = new_db_with_client("Ada", "Fictional");
    ok(
        &db,
        &["client", "add", "--given", "Bo", "--family", "Quill"],
    );
    let note = |client: &str, kind: &str, at: &str, extra: &[&str]| {
        let mut args = vec![
            "note", "add", client, "--kind", kind, "--at", at, "--text", "Visit.",
        ];
        args.extend_from_slice(extra);
        ok(&db, &args);
    };
    note(
        "1",
        "home-visit",
        "2026-11-03 10:00",
        &["--outcome", "seen-alone"],
    );
    note("1", "phone", "2026-11-10 11:00", &[]);
    note("2", "office", "2026-11-11 09:30", &["--outcome", "seen"]);
    note(
        "2",
        "home-visit",
        "2026-11-17 14:00",
        &["--outcome", "not-seen"],
    );
    ok(
        &db,
        &[
            "supervision",
            "add",
            "1",
            "--on",
            "2026-11-18",
            "--with",
            "Sam Reed",
            "--decision",
            "Keep open",
        ],
    );
    (dir, db)
}

/// The number in the chart's heading ("Visits a week (total 3)").
fn total_in(text: &str, label: &str) -> u64 {
    let head = format!("{label} a week (total ");
    let at = text
        .find(&head)
        .unwrap_or_else(|| panic!("{head:?} not in:\n{text}"));
    let rest = &text[at + head.len()..];
    rest[..rest.find(')').unwrap()].parse().unwrap()
}

#[test]
fn the_chart_shows_the_reports_figures_one_count_at_a_time_and_no_name() {
    let (_dir, db) = setup();
    // The chart's twelve weeks: Monday 31 August to Sunday 22 November.
    let report = json(
        &db,
        &[
            "report",
            "activity",
            "--from",
            "2026-08-31",
            "--to",
            "2026-11-22",
            "--json",
        ],
    );
    let total = &report["total"];
    let sum = |v: &serde_json::Value| -> u64 {
        v.as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum()
    };
    let expected = [
        ("Visits", sum(&total["visits"])),
        ("Seen alone", total["seen_alone"].as_u64().unwrap()),
        ("Contacts", sum(&total["contacts"])),
        (
            "Late notes",
            total["notes_finalised_late"].as_u64().unwrap(),
        ),
        ("Deadlines met", total["deadlines_met"].as_u64().unwrap()),
        (
            "Deadlines missed",
            total["deadlines_missed"].as_u64().unwrap(),
        ),
    ];
    // The scenario as written: three outcomes, four contacts (the
    // supervision is none), one seen alone.
    assert_eq!(expected[0].1, 3);
    assert_eq!(expected[1].1, 1);
    assert_eq!(expected[2].1, 4);

    let store = Store::open(&db, &SecretString::from(PASS)).unwrap();
    let mut app = app_on(store);
    keys(&mut app, "r");
    let first = screen(&app, 80, 24);
    assert!(first.contains("31/08/2026 to 22/11/2026"), "{first}");
    for (label, n) in expected {
        let text = screen(&app, 80, 24);
        assert_eq!(total_in(&text, label), n, "{label}:\n{text}");
        assert!(
            !text.contains("Ada") && !text.contains("Quill") && !text.contains("Sam"),
            "{text}"
        );
        press(&mut app, KeyCode::Tab);
    }
    // Round again to visits; a quarter back is an empty period.
    assert_eq!(total_in(&screen(&app, 80, 24), "Visits"), 3);
    press(&mut app, KeyCode::Left);
    let earlier = screen(&app, 80, 24);
    assert!(earlier.contains("08/06/2026 to 30/08/2026"), "{earlier}");
    assert_eq!(total_in(&earlier, "Visits"), 0);
    press(&mut app, KeyCode::Right);
    assert_eq!(total_in(&screen(&app, 80, 24), "Visits"), 3);
}

#[test]
fn the_palette_opens_the_chart() {
    let (_dir, db) = setup();
    let store = Store::open(&db, &SecretString::from(PASS)).unwrap();
    let mut app = app_on(store);
    keys(&mut app, ":activity");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app, 80, 24);
    assert!(text.contains("Visits a week (total 3)"), "{text}");
}
