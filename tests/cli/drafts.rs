//! `note discard`: a draft leaves the record (undo puts it back); a final
//! note is refused and nothing changes.

use super::*;

#[test]
fn a_draft_is_discarded_and_undo_puts_it_back_and_a_final_note_is_refused() {
    let (_dir, db) = new_db_with_client("Ada", "Testperson");
    let draft = ok(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--text",
            "Rang about rent",
        ],
    );
    let final_note = ok(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--outcome",
            "not-applicable",
            "--final",
            "--text",
            "Rang the GP",
        ],
    );
    let (draft, final_note) = (draft.trim(), final_note.trim());
    let texts = |db: &std::path::Path| -> Vec<String> {
        json(db, &["note", "list", "1", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["body"].as_str().unwrap().to_string())
            .collect()
    };

    let said = ok(&db, &["note", "discard", draft]);
    assert!(
        said.contains("discarded") && said.contains("undo"),
        "{said}"
    );
    assert_eq!(texts(&db), ["Rang the GP"]);

    let e = fails(&db, &["note", "discard", final_note]);
    assert!(e.contains("final") && e.contains("addendum"), "{e}");
    assert!(e.contains("nothing was discarded"), "{e}");
    assert_eq!(texts(&db), ["Rang the GP"]);

    ok(&db, &["undo"]);
    let mut back = texts(&db);
    back.sort();
    assert_eq!(back, ["Rang about rent", "Rang the GP"]);
}
