//! `network`: add, list, edit (only what is given; empty clears) and
//! archive (kept; undo takes it back); mistakes change nothing.

use super::*;

#[test]
fn a_network_member_is_added_edited_archived_and_undone() {
    let (_dir, db) = new_db_with_client("Ada", "Testperson");
    let id = ok(
        &db,
        &[
            "network",
            "add",
            "ada",
            "--name",
            "Nell Testperson",
            "--role",
            "Mother",
            "--phone",
            "01632 960001",
            "--consent",
            "yes",
            "--notes",
            "Calls after 5pm",
        ],
    );
    let id = id.trim();
    let member = |db: &std::path::Path| json(db, &["network", "list", "1", "--json"])[0].clone();
    let m = member(&db);
    assert_eq!(m["id"].to_string(), id);
    assert_eq!(m["name"], "Nell Testperson");
    assert_eq!(m["phone"], "01632 960001");
    assert_eq!(m["consent_to_share"], true);

    // Only what is given changes; an empty value clears.
    let said = ok(
        &db,
        &[
            "network",
            "edit",
            id,
            "--role",
            "Nearest relative",
            "--notes",
            "",
        ],
    );
    assert!(said.contains("Changed"), "{said}");
    let m = member(&db);
    assert_eq!(m["role"], "Nearest relative");
    assert_eq!(m["notes"], Value::Null);
    assert_eq!(m["phone"], "01632 960001");

    // A mistake is refused and changes nothing.
    let e = fails(&db, &["network", "edit", id, "--consent", "maybe"]);
    assert!(
        e.contains("yes or no") && e.contains("nothing was saved"),
        "{e}"
    );
    let e = fails(&db, &["network", "edit", id, "--name", ""]);
    assert!(e.contains("nothing was saved"), "{e}");
    assert_eq!(member(&db)["name"], "Nell Testperson");
    let e = fails(&db, &["network", "edit", "99", "--role", "GP"]);
    assert!(e.contains("99"), "{e}");

    let said = ok(&db, &["network", "archive", id]);
    assert!(said.contains("archived") && said.contains("undo"), "{said}");
    assert_eq!(member(&db)["archived"], true);
    let text = ok(&db, &["network", "list", "ada"]);
    assert!(
        text.contains("Nell Testperson") && text.contains("archived"),
        "{text}"
    );
    let e = fails(&db, &["network", "archive", id]);
    assert!(e.contains("already archived"), "{e}");
    ok(&db, &["undo"]);
    assert_eq!(member(&db)["archived"], false);
}
