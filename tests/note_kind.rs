//! Issue 25: what a note records is what the practitioner chose, on the
//! command line too. Driven through the real binary, read back through
//! `note list --json`, `client show --json` and `visit list --json`.

mod common;

use common::cli::{fails, json, new_db_with_client, ok};

#[test]
fn note_add_without_a_kind_is_refused_naming_the_kinds_and_saves_nothing() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    let err = fails(
        &db,
        &[
            "note",
            "add",
            "1",
            "--at",
            "yesterday 10:00",
            "--text",
            "Saw Ada.",
        ],
    );
    assert!(err.contains("--kind is required"), "{err}");
    assert!(err.contains("home-visit") && err.contains("phone"), "{err}");
    assert!(err.contains("nothing was saved"), "{err}");
    let notes = json(&db, &["note", "list", "1", "--json"]);
    assert_eq!(notes.as_array().unwrap().len(), 0, "{notes}");
}

fn show(db: &std::path::Path) -> serde_json::Value {
    json(db, &["client", "show", "1", "--json"])
}

/// Issue 25 item 3: a home-visit note "No answer at the door" made every
/// screen say the person was seen that day. A visit in person now says
/// what came of it, and only seen or seen alone counts.
#[test]
fn a_home_visit_note_needs_its_outcome_and_not_seen_is_never_seen() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    let err = fails(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "home-visit",
            "--at",
            "2026-11-20 10:00",
            "--final",
            "--text",
            "No answer at the door.",
        ],
    );
    assert!(err.contains("--outcome is required"), "{err}");
    assert!(err.contains("not-seen"), "the choices are named: {err}");
    assert_eq!(
        json(&db, &["note", "list", "1", "--json"]),
        serde_json::json!([])
    );
    ok(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "home-visit",
            "--at",
            "2026-11-20 10:00",
            "--outcome",
            "not-seen",
            "--final",
            "--text",
            "No answer at the door.",
        ],
    );
    let s = show(&db);
    assert!(s["last_seen"].is_null(), "{s}");
    let notes = json(&db, &["note", "list", "1", "--json"]);
    assert_eq!(notes[0]["outcome"], "not-seen", "{notes}");
    assert_eq!(notes[0]["before_outcomes"], false, "{notes}");
}

/// A call is a contact, never "seen"; one that did not get through is no
/// contact at all; not applicable cannot go with a visit in person.
#[test]
fn a_call_counts_as_a_contact_only_by_its_outcome() {
    let (_dir, db) = new_db_with_client("Ada", "Fictional");
    let call = |at: &str, outcome: &str, text: &str| {
        ok(
            &db,
            &[
                "note",
                "add",
                "1",
                "--kind",
                "phone",
                "--at",
                at,
                "--outcome",
                outcome,
                "--final",
                "--text",
                text,
            ],
        );
    };
    call("2026-11-19 10:00", "not-seen", "No answer.");
    let s = show(&db);
    assert!(s["last_contact"].is_null(), "{s}");
    call("2026-11-20 10:00", "not-applicable", "Spoke to Ada.");
    let s = show(&db);
    assert_eq!(s["last_contact"], "2026-11-20", "{s}");
    assert!(s["last_seen"].is_null(), "{s}");
    let err = fails(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "home-visit",
            "--at",
            "2026-11-20 10:00",
            "--outcome",
            "not-applicable",
            "--text",
            "Visit.",
        ],
    );
    assert!(err.contains("not applicable"), "{err}");
    // A draft call may wait for its outcome; finalising it may not.
    let id = ok(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--at",
            "2026-11-21 10:00",
            "--text",
            "Rang.",
        ],
    );
    let err = fails(&db, &["note", "finalise", id.trim()]);
    assert!(err.contains("Outcome"), "{err}");
}
