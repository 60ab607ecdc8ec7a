//! The client-level facts: NHS number (check digit verified), GP and
//! consent to share, through `client add`, `client edit` and `client show`.

use super::*;

#[test]
fn client_add_takes_the_nhs_number_gp_and_consent_and_show_prints_them() {
    let (_d, db) = new_db();
    let id = ok(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Margaret",
            "--family",
            "Oduya",
            "--nhs",
            "943 476 5919",
            "--gp",
            "Dr Iris Vantongeren, Quayside Medical Practice",
            "--consent",
            "no",
        ],
    );
    let id = id.trim();
    let v = json(&db, &["client", "show", id, "--json"]);
    assert_eq!(v["client"]["nhs_number"], "9434765919");
    assert_eq!(
        v["client"]["gp"],
        "Dr Iris Vantongeren, Quayside Medical Practice"
    );
    assert_eq!(v["client"]["consent_to_share"], false);
    let text = ok(&db, &["client", "show", id]);
    assert!(text.contains("NHS number      943 476 5919"), "{text}");
    assert!(
        text.contains("Consent         no (recorded 22/11/2026)"),
        "{text}"
    );
}

#[test]
fn a_bad_nhs_number_is_refused_with_its_reason_and_nothing_is_written() {
    let (_d, db) = new_db();
    let err = fails(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Ada",
            "--family",
            "Kestrel",
            "--nhs",
            "943 476 5918",
        ],
    );
    assert!(err.contains("NHS number"), "{err}");
    assert!(err.contains("check digit"), "{err}");
    assert!(!err.contains("5918"), "the number is not echoed: {err}");
    let err = fails(
        &db,
        &[
            "client", "add", "--given", "Ada", "--family", "Kestrel", "--nhs", "943 476",
        ],
    );
    assert!(err.contains("10 digits"), "{err}");
    assert_eq!(
        json(&db, &["client", "list", "--json"]),
        Value::Array(vec![])
    );
    let err = fails(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Ada",
            "--family",
            "Kestrel",
            "--consent",
            "maybe",
        ],
    );
    assert!(err.contains("yes, no or unknown"), "{err}");
}

#[test]
fn client_edit_changes_only_what_is_given_and_an_empty_value_clears() {
    let (_d, db) = new_db();
    ok(
        &db,
        &[
            "client", "add", "--given", "Ada", "--family", "Kestrel", "--ref", "MOS-1", "--risk",
            "high",
        ],
    );
    let said = ok(
        &db,
        &[
            "client",
            "edit",
            "1",
            "--nhs",
            "9434765919",
            "--preferred",
            "Addy",
        ],
    );
    assert!(said.contains("nhs_number"), "{said}");
    let v = json(&db, &["client", "show", "1", "--json"]);
    assert_eq!(v["client"]["nhs_number"], "9434765919");
    assert_eq!(v["client"]["preferred_name"], "Addy");
    assert_eq!(v["client"]["record_no"], "MOS-1", "untouched");
    assert_eq!(v["client"]["risk"], "high", "untouched");
    assert!(ok(&db, &["client", "show", "1"]).contains("Legal name      Ada Kestrel"));
    // A bad number is refused and the stored one kept.
    let err = fails(&db, &["client", "edit", "1", "--nhs", "9434765910"]);
    assert!(err.contains("check digit"), "{err}");
    ok(&db, &["client", "edit", "1", "--nhs", ""]);
    let v = json(&db, &["client", "show", "1", "--json"]);
    assert!(v["client"]["nhs_number"].is_null(), "{v}");
}

#[test]
fn client_show_gives_an_s3_its_period_end_and_renewal_window() {
    let (_d, db) = new_db_with_client("Ada", "Kestrel");
    ok(
        &db,
        &[
            "episode",
            "add",
            "1",
            "--kind",
            "mha-s3",
            "--start",
            "2026-05-31",
        ],
    );
    let text = ok(&db, &["client", "show", "1"]);
    assert!(
        text.contains("expires 30 Nov 2026, renewal window from 1 Oct"),
        "{text}"
    );
    let v = json(&db, &["client", "show", "1", "--json"]);
    assert_eq!(v["periods"][0]["ends"], "2026-11-30");
    assert_eq!(v["periods"][0]["window_opens"], "2026-10-01");
}

#[test]
fn next_due_includes_a_planned_visit_in_client_list() {
    let (_d, db) = new_db_with_client("Ada", "Kestrel");
    ok(
        &db,
        &[
            "deadline",
            "add",
            "1",
            "--what",
            "Send the letter",
            "--due",
            "2026-12-10",
        ],
    );
    let before = json(&db, &["client", "list", "--json"]);
    assert_eq!(before[0]["next_due"], "2026-12-10");
    ok(&db, &["visit", "plan", "1", "--at", "2026-11-26 10:00"]);
    let after = json(&db, &["client", "list", "--json"]);
    assert_eq!(after[0]["next_due"], "2026-11-26");
    assert_eq!(after[0]["next_due_what"], "Home visit (planned)");
    let table = ok(&db, &["client", "list"]);
    assert!(table.contains("26/11/2026"), "{table}");
}

#[test]
fn the_exported_summary_has_the_client_facts_and_the_period() {
    let (_d, db) = new_db();
    ok(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Ada",
            "--family",
            "Kestrel",
            "--nhs",
            "9434765919",
            "--gp",
            "Dr Iris Vantongeren",
            "--consent",
            "yes",
        ],
    );
    ok(
        &db,
        &[
            "episode",
            "add",
            "1",
            "--kind",
            "mha-s3",
            "--start",
            "2026-05-31",
        ],
    );
    let doc = ok(&db, &["export", "summary", "1", "--format", "txt"]);
    assert!(doc.contains("943 476 5919"), "{doc}");
    assert!(doc.contains("Dr Iris Vantongeren"), "{doc}");
    assert!(doc.contains("yes (recorded 22/11/2026)"), "{doc}");
    assert!(
        doc.contains("expires 30 Nov 2026, renewal window from 1 Oct"),
        "{doc}"
    );
}
