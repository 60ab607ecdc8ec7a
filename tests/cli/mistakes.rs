//! Mistakes on the command line: a message on stderr and a failure status.

use super::*;

#[test]
fn mistakes_get_a_message_on_stderr_and_a_failure_status() {
    let (dir, db) = new_db();
    ok(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Marnie",
            "--family",
            "Thistlewood",
        ],
    );
    ok(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Martha",
            "--family",
            "Thistlewood",
        ],
    );

    let e = fails(
        &db,
        &["note", "add", "thistle", "--kind", "phone", "--text", "x"],
    );
    assert!(
        e.contains("more than one client")
            && e.contains("Marnie Thistlewood")
            && e.contains("Martha Thistlewood"),
        "{e}"
    );
    let e = fails(
        &db,
        &["note", "add", "marnie", "--kind", "visit", "--text", "x"],
    );
    assert!(
        e.contains("home-visit") && e.contains("phone") && e.contains("court"),
        "{e}"
    );
    let e = fails(
        &db,
        &[
            "note",
            "add",
            "marnie",
            "--kind",
            "phone",
            "--at",
            "2026-02-30 10:00",
            "--text",
            "x",
        ],
    );
    assert!(e.contains("not a real date"), "{e}");
    let e = fails(
        &db,
        &[
            "note",
            "add",
            "marnie",
            "--kind",
            "phone",
            "--outcome",
            "not-applicable",
            "--at",
            "2026-11-02 10:00",
            "--final",
            "--text",
            "Rang her.",
        ],
    );
    assert!(
        e.contains("late entry") && e.contains("--late-reason"),
        "{e}"
    );
    assert!(
        json(&db, &["note", "list", "marnie", "--json"])
            .as_array()
            .unwrap()
            .is_empty(),
        "a refused late note leaves no draft behind"
    );
    let e = fails(
        &db,
        &["note", "add", "marnie", "--kind", "phone", "--text", "  "],
    );
    assert!(e.contains("empty"), "{e}");
    assert!(
        fails(
            &db,
            &["note", "add", "nobody", "--kind", "phone", "--text", "x"]
        )
        .contains("no open client")
    );
    assert!(
        fails(
            &db,
            &[
                "deadline",
                "add",
                "marnie",
                "--what",
                "x",
                "--due",
                "2026-02-30"
            ]
        )
        .contains("not a real date")
    );
    assert!(fails(&db, &["deadline", "done", "999"]).contains("no deadline with id 999"));
    assert!(fails(&db, &["note", "finalise", "abc"]).contains("should be a number"));
    assert!(fails(&db, &["client", "add", "--given", "", "--family", "X"]).contains("given name"));
    assert!(
        fails(
            &db,
            &[
                "client",
                "add",
                "--given",
                "A",
                "--family",
                "X",
                "--dob",
                "2030-01-01"
            ]
        )
        .contains("future")
    );
    assert!(
        fails(
            &db,
            &["agenda", "--from", "2026-11-22", "--to", "2026-11-01"]
        )
        .contains("before")
    );
    assert!(fails(&db, &["init"]).contains("already exists"));
    // Nothing above was written.
    assert_eq!(
        json(&db, &["client", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(json(&db, &["due", "--json"]).as_array().unwrap().is_empty());

    let wrong = on(&db)
        .env("CASELOAD_PASSPHRASE", "not the passphrase")
        .arg("check")
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong passphrase"));
    let missing = dir.path().join("nope.db");
    assert!(fails(&missing, &["client", "list"]).contains("caseload init"));
    assert!(
        !missing.exists(),
        "a missing database is not created by a read"
    );
}
