//! `report activity` (issue 32): the practitioner's own work in counts,
//! checked against the same figures worked out independently from
//! `visit list --json` and `note list --json` over the same period. The
//! clock is pinned at Sunday 22 November 2026, 09:00. Fictional people.

mod common;

use std::collections::BTreeMap;

use common::cli::{json, new_db_with_client, ok};
use serde_json::Value;

fn in_period(day: &str) -> bool {
    ("2026-11-02"..="2026-11-22").contains(&day)
}

#[test]
fn activity_figures_equal_those_from_the_visit_and_note_lists() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
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
    // Before the period: neither counted.
    note(
        "1",
        "home-visit",
        "2026-10-30 10:00",
        &["--outcome", "seen"],
    );
    // Written up late, finalised today (22 November) with a reason.
    note(
        "2",
        "phone",
        "2026-11-04 16:00",
        &[
            "--outcome",
            "not-applicable",
            "--final",
            "--late-reason",
            "Off sick",
        ],
    );
    // A case supervision about Bo: on the record, but no contact with him.
    ok(
        &db,
        &[
            "supervision",
            "add",
            "2",
            "--on",
            "2026-11-12",
            "--with",
            "Sam Reed",
            "--decision",
            "Keep the case open",
        ],
    );
    // A visit planned and cancelled in the period.
    let v = ok(&db, &["visit", "plan", "1", "--at", "2026-11-19 10:00"]);
    ok(&db, &["visit", "done", v.trim(), "--outcome", "cancelled"]);

    let report = json(
        &db,
        &[
            "report",
            "activity",
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-22",
            "--json",
        ],
    );

    // Independently: each person's outcome from the visit list.
    let mut visits: BTreeMap<String, u64> = BTreeMap::new();
    let list = json(
        &db,
        &[
            "visit",
            "list",
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-22",
            "--json",
        ],
    );
    for v in list.as_array().unwrap() {
        for p in v["people"].as_array().unwrap() {
            if let Some(o) = p["outcome"].as_str() {
                *visits.entry(o.to_string()).or_default() += 1;
            }
        }
    }
    // Contacts by kind and late notes from each client's note list.
    let mut contacts: BTreeMap<String, u64> = BTreeMap::new();
    let mut late = 0;
    for client in ["1", "2"] {
        for n in json(&db, &["note", "list", client, "--json"])
            .as_array()
            .unwrap()
        {
            // Contacts are with the person: a case supervision is none.
            if in_period(&n["occurred_at"].as_str().unwrap()[..10]) && n["kind"] != "supervision" {
                *contacts
                    .entry(n["kind"].as_str().unwrap().to_string())
                    .or_default() += 1;
            }
            if !n["late_reason"].is_null()
                && n["finalised_at"]
                    .as_str()
                    .is_some_and(|t| in_period(&t[..10]))
            {
                late += 1;
            }
        }
    }
    let total = &report["total"];
    let as_map = |v: &Value| -> BTreeMap<String, u64> {
        v.as_object()
            .unwrap()
            .iter()
            .map(|(k, n)| (k.clone(), n.as_u64().unwrap()))
            .collect()
    };
    assert_eq!(as_map(&total["visits"]), visits);
    assert_eq!(
        total["seen_alone"].as_u64(),
        visits.get("seen-alone").copied()
    );
    assert_eq!(as_map(&total["contacts"]), contacts);
    assert_eq!(total["notes_finalised_late"], late);
    // The scenario as written: four outcomes, five contacts (the
    // supervision is not one), one late note.
    assert_eq!(visits.values().sum::<u64>(), 4);
    assert_eq!(contacts.values().sum::<u64>(), 5);
    assert_eq!(late, 1);
    // The weeks add up to the total, Monday 2 November to Monday 16 November.
    let weeks = report["weeks"].as_array().unwrap();
    let starts: Vec<&str> = weeks
        .iter()
        .map(|w| w["week_of"].as_str().unwrap())
        .collect();
    assert_eq!(starts, ["2026-11-02", "2026-11-09", "2026-11-16"]);
    let summed: u64 = weeks
        .iter()
        .flat_map(|w| w["contacts"].as_object().unwrap().values())
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(summed, 5);
    // Counts only: no name anywhere in it.
    let text = report.to_string();
    assert!(!text.contains("Ada") && !text.contains("Quill"), "{text}");
}
