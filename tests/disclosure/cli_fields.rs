//! The command line sets every field the terminal UI's client form does,
//! so a script (or a test) can build any record.

use crate::common::cli::{fails, json, new_db, ok};

#[test]
fn client_add_and_edit_set_every_field_the_form_does() {
    let (_dir, db) = new_db();
    let id = ok(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Wren",
            "--family",
            "Fictionalby",
            "--preferred",
            "Wrennie",
            "--pronouns",
            "they/them",
            "--address",
            "1 Imaginary Row, Nowhereton",
            "--phone",
            "01632 960000",
            "--language",
            "Welsh",
            "--interpreter",
            "yes",
            "--service",
            "children",
            "--opened",
            "2026-09-01",
            "--risk",
            "high",
            "--risk-summary",
            "Stairs are unsafe after dark",
            "--alert",
            "Dog on site",
            "--alert",
            "Visit in pairs",
        ],
    );
    let v = json(&db, &["client", "show", id.trim(), "--json"]);
    let c = &v["client"];
    assert_eq!(c["preferred_name"], "Wrennie");
    assert_eq!(c["pronouns"], "they/them");
    assert_eq!(c["address"], "1 Imaginary Row, Nowhereton");
    assert_eq!(c["phone"], "01632 960000");
    assert_eq!(c["language"], "Welsh");
    assert_eq!(c["interpreter"], true);
    assert_eq!(c["service"], "children");
    assert_eq!(c["opened_on"], "2026-09-01");
    assert_eq!(c["risk"], "high");
    assert_eq!(c["risk_summary"], "Stairs are unsafe after dark");
    assert_eq!(
        c["alerts"],
        serde_json::json!(["Dog on site", "Visit in pairs"])
    );

    ok(
        &db,
        &[
            "client",
            "edit",
            id.trim(),
            "--clear-alerts",
            "--alert",
            "Ring before visiting",
            "--interpreter",
            "no",
            "--service",
            "adult",
            "--opened",
            "2026-08-15",
            "--address",
            "",
        ],
    );
    let c = json(&db, &["client", "show", id.trim(), "--json"])["client"].clone();
    assert_eq!(c["alerts"], serde_json::json!(["Ring before visiting"]));
    assert_eq!(c["interpreter"], false);
    assert_eq!(c["service"], "adult");
    assert_eq!(c["opened_on"], "2026-08-15");
    assert!(c["address"].is_null(), "an empty --address clears it");
    // Untouched fields stay.
    assert_eq!(c["pronouns"], "they/them");

    // --alert adds to what is held.
    ok(&db, &["client", "edit", id.trim(), "--alert", "Second"]);
    let c = json(&db, &["client", "show", id.trim(), "--json"])["client"].clone();
    assert_eq!(
        c["alerts"],
        serde_json::json!(["Ring before visiting", "Second"])
    );
}

#[test]
fn a_case_opened_after_today_is_refused_and_nothing_saved() {
    let (_dir, db) = new_db();
    let err = fails(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Wren",
            "--family",
            "Fictionalby",
            "--opened",
            "+3d",
        ],
    );
    assert!(err.contains("--opened"), "{err}");
    assert_eq!(
        json(&db, &["client", "list", "--json"]),
        serde_json::json!([])
    );
    let err = fails(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Wren",
            "--family",
            "Fictionalby",
            "--interpreter",
            "maybe",
        ],
    );
    assert!(err.contains("yes or no"), "{err}");
}
