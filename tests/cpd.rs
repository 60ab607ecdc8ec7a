//! CPD and reflective entries (issue 32): `cpd check` against Social Work
//! England's requirement (two pieces in the registration year ending 30
//! November, one with peer reflection, every field written), the default
//! year either side of 1 December, a client named in the text flagged with
//! where, the paste in the form's order, and no CPD in any client export.
//! The clock is pinned at Sunday 22 November 2026, 09:00. Fictional people.

mod common;

use caseload::store::prelude::*;
use common::cli::{fails, json, new_db_with_client, ok, on};

const MARKER: &str = "Zebracorn reflective marker";

fn add(db: &std::path::Path, title: &str, day: &str, peer: Option<&str>) -> String {
    let mut args = vec![
        "cpd",
        "add",
        "--type",
        "course",
        "--title",
        title,
        "--on",
        day,
        "--description",
        "A day's course on the Care Act.",
        "--learning",
        "Strengths-based conversations.",
        "--impact",
        "I ask what matters first.",
        "--standard",
        "4.1",
    ];
    if let Some(p) = peer {
        args.extend(["--peer-reflection", p]);
    }
    ok(db, &args).trim().to_string()
}

fn check(db: &std::path::Path, year: &str) -> serde_json::Value {
    json(db, &["cpd", "check", "--year", year, "--json"])
}

#[test]
fn one_entry_does_not_meet_the_year() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    add(
        &db,
        "Care Act refresher",
        "2026-03-10",
        Some("Talked it over with a colleague."),
    );
    let c = check(&db, "2026");
    assert_eq!(c["recorded"], 1);
    assert_eq!(c["met"], false);
    assert_eq!(c["needs"][0], "1 more piece of CPD");
    // 22 November to 30 November 2026.
    assert_eq!(c["days_left"], 8);
}

#[test]
fn two_entries_without_peer_reflection_do_not_meet_the_year() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    add(&db, "Care Act refresher", "2026-03-10", None);
    add(&db, "Reading on trauma", "2025-12-01", None);
    let c = check(&db, "2026");
    assert_eq!(c["recorded"], 2);
    assert_eq!(c["with_peer_reflection"], 0);
    assert_eq!(c["met"], false);
    assert_eq!(
        c["needs"],
        serde_json::json!(["one piece with peer reflection"])
    );
}

#[test]
fn two_entries_one_with_peer_reflection_meet_the_year() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    add(&db, "Care Act refresher", "2026-03-10", None);
    add(
        &db,
        "Group supervision",
        "2026-11-30",
        Some("A colleague challenged me."),
    );
    // Dated 30 November 2025: the year before (it ran to that day).
    add(&db, "Old course", "2025-11-30", Some("Peer chat."));
    let c = check(&db, "2026");
    assert_eq!(c["recorded"], 2);
    assert_eq!(c["met"], true, "{c}");
    let text = ok(&db, &["cpd", "check", "--year", "2026"]);
    assert!(text.contains("The requirement is met."), "{text}");
}

#[test]
fn an_entry_with_a_field_left_empty_is_named() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    add(&db, "Care Act refresher", "2026-03-10", Some("Peer."));
    let id = ok(
        &db,
        &[
            "cpd",
            "add",
            "--type",
            "reading",
            "--title",
            "Article",
            "--on",
            "2026-04-01",
        ],
    );
    let c = check(&db, "2026");
    assert_eq!(c["met"], false);
    let needs = c["needs"].to_string();
    assert!(
        needs.contains(&format!(
            "entry {}: write its description, learning, impact, standards",
            id.trim()
        )),
        "{needs}"
    );
}

// The registration year ends on 30 November (Social Work England): on
// 30 November 2026 the current year is the one ending that day; on
// 1 December 2026 it is the one ending 30 November 2027, with 364 days
// left (1 December 2026 to 30 November 2027).
#[test]
fn the_default_year_turns_on_1_december() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    let at = |now: &str| -> serde_json::Value {
        let out = on(&db)
            .env("CASELOAD_NOW", now)
            .args(["cpd", "check", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let last_day = at("2026-11-30T17:00:00");
    assert_eq!(last_day["year"], 2026);
    assert_eq!(last_day["days_left"], 0);
    assert_eq!(last_day["from"], "2025-12-01");
    let first_day = at("2026-12-01T09:00:00");
    assert_eq!(first_day["year"], 2027);
    assert_eq!(first_day["from"], "2026-12-01");
    assert_eq!(first_day["to"], "2027-11-30");
    assert_eq!(first_day["days_left"], 364);
}

#[test]
fn a_client_named_in_cpd_is_flagged_with_where_and_paste_needs_yes() {
    let (_dir, db) = new_db_with_client("Orla", "Quillfeather");
    let out = on(&db)
        .args([
            "cpd",
            "add",
            "--type",
            "peer-discussion",
            "--title",
            "Case discussion",
            "--on",
            "2026-11-02",
            "--description",
            "Discussed a case.",
            "--learning",
            "Working with\nOrla showed me how to slow down.",
            "--impact",
            "Better visits.",
            "--standard",
            "4.2",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "saving is not refused");
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("learning, line 2, column 1"), "{err}");
    assert!(err.contains("a name in your caseload"), "{err}");
    assert!(
        !err.contains("Quillfeather") && !err.contains("Orla"),
        "{err}"
    );
    let refused = fails(&db, &["cpd", "paste", &id]);
    assert!(refused.contains("--yes"), "{refused}");
    let pasted = ok(&db, &["cpd", "paste", &id, "--yes"]);
    assert!(pasted.contains("Working with"));
    // Anonymised, it pastes without asking.
    ok(
        &db,
        &[
            "cpd",
            "edit",
            &id,
            "--learning",
            "Working with a young person showed me how to slow down.",
        ],
    );
    let pasted = ok(&db, &["cpd", "paste", &id]);
    let heads = [
        "Title of CPD",
        "Date of CPD",
        "Type of CPD",
        "Description",
        "What did you learn",
        "Impact",
        "Peer reflection",
        "Professional standards",
    ];
    let mut from = 0;
    for h in heads {
        let at = pasted[from..]
            .find(h)
            .unwrap_or_else(|| panic!("{h} in {pasted}"));
        from += at + h.len();
    }
}

#[test]
fn a_cpd_entry_is_in_no_client_export() {
    let (dir, db) = new_db_with_client("Ada", "Fictional");
    ok(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--at",
            "2026-11-20 10:00",
            "--significant",
            "--text",
            "Spoke about housing.",
        ],
    );
    add(&db, MARKER, "2026-11-02", Some(MARKER));
    let out = |name: &str| dir.path().join(name);
    let mut texts = Vec::new();
    for format in ["md", "html", "txt"] {
        texts.push(ok(&db, &["export", "summary", "1", "--format", format]));
    }
    for format in ["md", "html", "csv"] {
        texts.push(ok(&db, &["export", "chronology", "1", "--format", format]));
    }
    texts.push(ok(&db, &["export", "ics", "--from", "2026-01-01"]));
    for which in ["caseload", "due", "contacts", "deadlines"] {
        texts.push(ok(&db, &["export", "csv", which, "--from", "2025-01-01"]));
    }
    texts.push(ok(&db, &["export", "json"]));
    ok(
        &db,
        &["export", "outage", "--out", out("outage").to_str().unwrap()],
    );
    ok(
        &db,
        &["export", "sar", "1", "--out", out("sar").to_str().unwrap()],
    );
    for folder in ["outage", "sar"] {
        for f in std::fs::read_dir(out(folder)).unwrap() {
            texts.push(std::fs::read_to_string(f.unwrap().path()).unwrap_or_default());
        }
    }
    texts.push(ok(&db, &["chronology", "1"]));
    texts.push(ok(&db, &["paste", "1"]));
    assert!(texts.len() >= 16);
    for t in &texts {
        assert!(
            !t.contains("Zebracorn"),
            "a CPD entry leaked into an export:\n{t}"
        );
    }
    // It is still there for the practitioner.
    let mine = json(&db, &["cpd", "list", "--year", "2026", "--json"]);
    assert_eq!(mine[0]["title"], MARKER);
}

/// Today's screen on a store holding one CPD entry, drawn tall enough to
/// show every section.
fn today_text(now: chrono::NaiveDateTime) -> String {
    use caseload::domain::cpd::{CpdType, NewCpd};
    let mut s = caseload::store::Store::open_in_memory().unwrap();
    s.add_cpd(
        &NewCpd {
            kind: CpdType::Reading,
            title: "Reading on attachment".into(),
            on: common::day(3, 1),
            description: "d".into(),
            learning: "l".into(),
            impact: "i".into(),
            peer_reflection: None,
            standards: vec!["4.1".into()],
        },
        common::now(),
    )
    .unwrap();
    let app = common::tui::app_at(s, move || now);
    common::tui::text(common::tui::draw(&app, 120, 60).backend().buffer())
}

// From 1 September Today shows the registration year's state: on
// 7 September 2026, 23 + 31 + 30 = 84 days are left to 30 November.
#[test]
fn today_shows_the_cpd_year_from_1_september() {
    let sept = common::day(9, 7).and_hms_opt(9, 0, 0).unwrap();
    let text = today_text(sept);
    assert!(
        text.contains("CPD: 1 of 2 recorded, none with peer reflection, 84 days left"),
        "{text}"
    );
    let august = common::day(8, 31).and_hms_opt(9, 0, 0).unwrap();
    assert!(!today_text(august).contains("CPD:"));
}
