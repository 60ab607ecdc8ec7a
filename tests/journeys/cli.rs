//! The journey from the command line: `--follows`, `link`, `end --at`,
//! `revoke`, `--ends`, `extend --until`, and the hint when a compatible
//! power is open.

use super::common::cli::{fails, json, new_db_with_client, ok};

/// s136 at 06/12/2026 23:30, then s2 at 07/12 14:00 with --follows: the
/// s136 ends at 14:00 (s136(2A)) and the s2's 28 days end 3 Jan 2027
/// (s2(4)). Without --follows the program says the s136 is open and how to
/// link it.
#[test]
fn follows_from_the_command_line_s136_then_s2() {
    let (_dir, db) = new_db_with_client("Wren", "Fictional");
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "mha-s136",
            "--start",
            "2026-12-06 23:30",
        ],
    );
    let out = ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "mha-s2",
            "--start",
            "2026-12-07 14:00",
            "--follows",
            "1",
        ],
    );
    assert!(out.contains("follows episode 1"), "{out}");
    assert!(out.contains("03/01/2027"), "{out}");
    let list = json(&db, &["episode", "list", "Wren", "--json"]);
    let s136 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "mha-s136")
        .unwrap();
    assert_eq!(s136["end_at"], "2026-12-07T14:00:00");
    assert_eq!(s136["end_reason"], "ended");
}

#[test]
fn adding_beside_an_open_power_says_whether_it_follows_it() {
    let (_dir, db) = new_db_with_client("Wren", "Fictional");
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "mha-s2",
            "--start",
            "2026-12-07",
        ],
    );
    let out = ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "mha-s3",
            "--start",
            "2026-12-21",
        ],
    );
    assert!(out.contains("caseload episode link 2 --follows 1"), "{out}");
    let out = ok(&db, &["episode", "link", "2", "--follows", "1"]);
    assert!(out.contains("s68(5)"), "{out}");
}

/// `end --at` stops an hour clock at that moment; `--on` still works.
#[test]
fn end_at_a_time_from_the_command_line() {
    let (_dir, db) = new_db_with_client("Wren", "Fictional");
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "mha-s136",
            "--start",
            "2026-12-06 23:30",
        ],
    );
    let out = ok(&db, &["episode", "end", "1", "--at", "2026-12-07 16:10"]);
    assert!(
        out.contains("at 07/12/2026 16:10; 1 open deadline"),
        "{out}"
    );
    let err = fails(&db, &["episode", "end", "1", "--on", "2026-12-08"]);
    assert!(err.contains("already ended"), "{err}");
}

/// `revoke` (s17F(4), s17G): the revived s3's 6 months from 5 Aug 2026.
#[test]
fn revoke_from_the_command_line_s17g() {
    let (_dir, db) = new_db_with_client("Wren", "Fictional");
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "mha-s3",
            "--start",
            "2026-03-10",
        ],
    );
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "cto",
            "--start",
            "2026-05-20",
            "--follows",
            "1",
        ],
    );
    let out = ok(&db, &["episode", "revoke", "2", "--at", "2026-08-05 15:00"]);
    assert!(out.contains("04/02/2027"), "{out}");
    assert!(out.contains("s68(7)"), "{out}");
}

/// `--ends` and `extend --until` from the command line, refused past the
/// law's maximum (Sch A1 para 42; paras 84-86).
#[test]
fn ends_and_extend_until_from_the_command_line() {
    let (_dir, db) = new_db_with_client("Wren", "Fictional");
    let err = fails(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "dols",
            "--start",
            "2026-12-01",
            "--ends",
            "2027-12-01",
        ],
    );
    assert!(err.contains("at most 12 months"), "{err}");
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "dols-urgent",
            "--start",
            "2026-12-01",
        ],
    );
    let out = ok(&db, &["episode", "extend", "1", "--until", "2026-12-10"]);
    assert!(out.contains("10/12/2026"), "{out}");
}

/// `rules show KIND` lists what it may follow and what the transition does;
/// `episode list` and `client show` show the journey as a line, with the
/// law's word for the suspended s3 (s17D), never "not renewed".
#[test]
fn the_journey_is_visible_and_rules_show_names_the_joints() {
    let (_dir, db) = new_db_with_client("Wren", "Fictional");
    let page = ok(&db, &["rules", "show", "cto"]);
    assert!(page.contains("May follow:\n  mha-s3 (suspends)"), "{page}");
    assert!(page.contains("s17D"), "{page}");
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "mha-s136",
            "--start",
            "2026-03-09 23:30",
        ],
    );
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "mha-s2",
            "--start",
            "2026-03-10 14:00",
            "--follows",
            "1",
        ],
    );
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "mha-s3",
            "--start",
            "2026-03-24",
            "--follows",
            "2",
        ],
    );
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "cto",
            "--start",
            "2026-05-20",
            "--follows",
            "3",
        ],
    );
    let list = ok(&db, &["episode", "list", "Wren"]);
    assert!(
        list.contains(
            "Journey: s136 09/03/2026 23:30 → s2 10/03 14:00 → s3 24/03 (suspended) → CTO 20/05"
        ),
        "{list}"
    );
    let show = ok(&db, &["client", "show", "Wren"]);
    assert!(show.contains("journey: s136 09/03/2026 23:30"), "{show}");
    let chron = ok(&db, &["chronology", "Wren"]);
    assert!(
        chron.contains("MHA s3 suspended while the CTO is in force"),
        "{chron}"
    );
    assert!(!chron.contains("not renewed"), "{chron}");
}

/// The new clocks reach Today's list (`due`), the calendar file and the
/// outage pack: the nearest relative's order received 21 Nov 2026 at 16:45
/// (the test clock is 22 Nov 09:00), barred or not by 24 Nov 16:45 (s25(1)).
#[test]
fn a_new_clock_reaches_due_the_calendar_and_the_outage_pack_s25_1() {
    let (dir, db) = new_db_with_client("Wren", "Fictional");
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "mha-s3",
            "--start",
            "2026-10-01",
        ],
    );
    ok(
        &db,
        &[
            "episode",
            "add",
            "Wren",
            "--kind",
            "nr-discharge-order",
            "--start",
            "2026-11-21 16:45",
            "--follows",
            "1",
        ],
    );
    let due = ok(&db, &["due", "--json"]);
    assert!(
        due.contains("\"rule\":\"mha-s25-bar\"") || due.contains("\"rule\": \"mha-s25-bar\""),
        "{due}"
    );
    assert!(due.contains("2026-11-24T16:45"), "{due}");
    let ics = ok(&db, &["export", "ics"]);
    assert!(ics.contains("Nearest relative's discharge order"), "{ics}");
    let out = dir.path().join("pack");
    ok(&db, &["export", "outage", "--out", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(out.join("outage-pack.txt")).unwrap();
    assert!(
        text.contains("Nearest relative's discharge order"),
        "{text}"
    );
}
