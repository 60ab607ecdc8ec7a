//! Placements on the command line (`placement add|end|list`) and the
//! visiting duty they carry: Care Planning, Placement and Case Review
//! (England) Regulations 2010 reg 28, every date worked by hand. The clock
//! is Sunday 22 November 2026.

mod common;

use serde_json::Value;

use common::cli::{fails, json, new_db, ok};

/// A child (client 1) looked after from `start`.
fn looked_after(start: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = new_db();
    ok(
        &db,
        &["client", "add", "--given", "Ava", "--family", "Testchild"],
    );
    ok(
        &db,
        &["episode", "add", "ava", "--kind", "lac", "--start", start],
    );
    (dir, db)
}

fn seen(db: &std::path::Path, kind: &str, at: &str) {
    ok(
        db,
        &[
            "note",
            "add",
            "ava",
            "--kind",
            kind,
            "--at",
            at,
            "--outcome",
            "seen",
            "--text",
            "Visit.",
        ],
    );
}

/// The next placement visit: (due, rule, source).
fn next_visit(db: &std::path::Path) -> (String, String, String) {
    let list = json(db, &["placement", "list", "ava", "--json"]);
    let v = &list["next_visit"];
    (
        v["due"].as_str().unwrap().to_string(),
        v["rule"].as_str().unwrap().to_string(),
        v["source"].as_str().unwrap().to_string(),
    )
}

fn deadline_id(db: &std::path::Path, rule: &str) -> String {
    let list = json(db, &["deadline", "list", "ava", "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == rule && d["completed_on"].is_null() && d["cancelled"] == false)
        .unwrap_or_else(|| panic!("no open {rule}: {list}"))["id"]
        .to_string()
}

#[test]
fn reg_28_4_temporary_approval_visits_move_on_when_they_happen_and_the_first_review_makes_them_four_weekly()
 {
    // Looked after and placed with an aunt under temporary approval (reg
    // 24) on Monday 5 October 2026.
    let (_dir, db) = looked_after("2026-10-05");
    let out = ok(
        &db,
        &[
            "placement",
            "add",
            "ava",
            "--type",
            "temporary-connected-person",
            "--start",
            "2026-10-05",
            "--carer",
            "Aunt Example",
        ],
    );
    assert!(out.starts_with("Added placement 1\n"), "{out}");
    // reg 28(4)(a): at least once a week: the first by Monday 12 October.
    let (due, rule, source) = next_visit(&db);
    assert_eq!(
        (due.as_str(), rule.as_str()),
        ("2026-10-12", "lac-visit-reg28-4a")
    );
    assert!(source.contains("reg 28(4)(a)"), "{source}");
    // The episode's own first-visit deadline gives way to the placement's duty.
    let list = json(&db, &["deadline", "list", "ava", "--json"]);
    let first = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "lac-visit-first")
        .unwrap();
    assert_eq!(first["cancelled"], true);
    // Two visits move it on a week at a time: seen Fri 9 Oct, due Fri 16
    // Oct; seen Thu 15 Oct, due Thu 22 Oct.
    seen(&db, "home-visit", "2026-10-09 10:00");
    assert_eq!(next_visit(&db).0, "2026-10-16");
    seen(&db, "home-visit", "2026-10-15 10:00");
    assert_eq!(next_visit(&db).0, "2026-10-22");
    // The first review is held on Tue 20 October (its deadline completed,
    // no mark): reg 28(4)(b), four weeks from the last visit of 15 October
    // = Thursday 12 November.
    let review = deadline_id(&db, "lac-review-first");
    ok(&db, &["deadline", "done", &review, "--on", "2026-10-20"]);
    let (due, rule, source) = next_visit(&db);
    assert_eq!(
        (due.as_str(), rule.as_str()),
        ("2026-11-12", "lac-visit-reg28-4b")
    );
    assert!(source.contains("reg 28(4)(b)"), "{source}");
    // Every screen asks the same facts: the client's next visit agrees.
    let show = json(&db, &["client", "show", "ava", "--json"]);
    assert_eq!(show["next_visit"], "2026-11-12");
}

#[test]
fn reg_28_2_c_i_a_long_term_placement_is_visited_three_monthly_after_its_first_year() {
    // Foster placement intended to last until 18 from 2 November 2025;
    // its first year ended 1 November 2026. Seen 12 October 2026: 6 weeks
    // on (23 November) is past the first year, so 3 months: 12 January 2027.
    let (_dir, db) = looked_after("2025-11-02");
    ok(
        &db,
        &[
            "placement",
            "add",
            "ava",
            "--type",
            "foster",
            "--start",
            "2025-11-02",
            "--long-term",
        ],
    );
    seen(&db, "home-visit", "2026-10-12 10:00");
    let (due, rule, _) = next_visit(&db);
    assert_eq!(
        (due.as_str(), rule.as_str()),
        ("2027-01-12", "lac-visit-reg28-2c-i")
    );
}

#[test]
fn reg_28_2_a_a_new_placement_starts_a_new_visit_within_one_week_and_ends_the_last() {
    let (_dir, db) = looked_after("2026-09-01");
    ok(
        &db,
        &[
            "placement",
            "add",
            "ava",
            "--type",
            "foster",
            "--start",
            "2026-09-01",
        ],
    );
    seen(&db, "home-visit", "2026-11-10 10:00");
    // Moved to a children's home on Monday 16 November: within one week of
    // the start of any placement, Monday 23 November (the visit of 10
    // November was in the old placement).
    ok(
        &db,
        &[
            "placement",
            "add",
            "ava",
            "--type",
            "residential",
            "--start",
            "2026-11-16",
        ],
    );
    let (due, rule, _) = next_visit(&db);
    assert_eq!(
        (due.as_str(), rule.as_str()),
        ("2026-11-23", "lac-visit-reg28-2a")
    );
    let list = json(&db, &["placement", "list", "ava", "--json"]);
    let placements: &Vec<Value> = list["placements"].as_array().unwrap();
    assert_eq!(placements[0]["type"], "residential");
    assert_eq!(placements[1]["end_on"], "2026-11-16");
    // A placement cannot begin before the current one did.
    let err = fails(
        &db,
        &[
            "placement",
            "add",
            "ava",
            "--type",
            "foster",
            "--start",
            "2026-11-01",
        ],
    );
    assert!(err.contains("must begin after"), "{err}");
}

#[test]
fn reg_28_1_a_child_living_in_hospital_is_visited_there() {
    // Born and looked after in a neonatal unit from Monday 2 November
    // 2026; seen there Friday 6 November. reg 28(1): wherever the child is
    // living; 28(6)(b): 6 weeks, Friday 18 December.
    let (_dir, db) = looked_after("2026-11-02");
    ok(
        &db,
        &[
            "placement",
            "add",
            "ava",
            "--type",
            "hospital",
            "--start",
            "2026-11-02",
        ],
    );
    seen(&db, "hospital", "2026-11-06 10:00");
    let (due, rule, _) = next_visit(&db);
    assert_eq!(
        (due.as_str(), rule.as_str()),
        ("2026-12-18", "lac-visit-reg28-6b")
    );
}

#[test]
fn a_placement_is_ended_once_and_bad_input_changes_nothing() {
    let (_dir, db) = looked_after("2026-11-02");
    ok(
        &db,
        &[
            "placement",
            "add",
            "ava",
            "--type",
            "foster",
            "--start",
            "2026-11-02",
        ],
    );
    let err = fails(
        &db,
        &[
            "placement",
            "add",
            "ava",
            "--type",
            "kinship",
            "--start",
            "2026-11-03",
        ],
    );
    assert!(err.contains("temporary-connected-person"), "{err}");
    let err = fails(&db, &["placement", "end", "1", "--on", "2026-10-01"]);
    assert!(err.contains("before the placement began"), "{err}");
    let out = ok(
        &db,
        &[
            "placement",
            "end",
            "1",
            "--on",
            "2026-11-20",
            "--reason",
            "returned home",
        ],
    );
    assert!(out.contains("Ended placement 1"), "{out}");
    assert!(fails(&db, &["placement", "end", "1", "--on", "2026-11-21"]).contains("already ended"));
    let list = json(&db, &["placement", "list", "ava", "--json"]);
    assert_eq!(list["placements"][0]["end_reason"], "returned home");
    assert!(list["next_visit"].is_null());
}
