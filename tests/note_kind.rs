//! Issue 25: what a note records is what the practitioner chose, on the
//! command line too. Driven through the real binary, read back through
//! `note list --json`, `client show --json` and `visit list --json`.

mod common;

use common::cli::{fails, json, new_db_with_client};

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
