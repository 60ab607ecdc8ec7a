//! The upgrade path.

use super::*;

/// A caseload written by the previous schema (before migration 0006), with
/// sealed notes and addenda, migrates, keeps every seal valid (`caseload
/// check` passes) and can then close a case with a summary.
#[test]
fn a_caseload_from_the_previous_schema_migrates_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let all = Store::migration_scripts();
    // Everything before 0006 (the offsets), wherever later migrations sit.
    let at_0006 = all
        .iter()
        .position(|m| m.contains("ADD COLUMN occurred_offset"))
        .unwrap();
    let before = &all[..at_0006];
    drop(Store::open_with_migrations(&db, &SecretString::from(PASS), before).unwrap());
    // This build writes the offset columns; lend them to the old file while
    // it is filled, then take them away, so the rows are as an old build
    // wrote them (the seals never covered them).
    // (The client columns of 0009 likewise, and 0019's outcome: these old
    // notes are meetings, which have none.)
    const OFFSETS: [(&str, &str); 10] = [
        ("notes", "outcome"),
        ("notes", "occurred_offset"),
        ("notes", "written_offset"),
        ("notes", "finalised_offset"),
        ("addenda", "written_offset"),
        ("audit", "at_offset"),
        ("clients", "nhs_number"),
        ("clients", "gp"),
        ("clients", "consent_to_share"),
        ("clients", "consent_recorded_on"),
    ];
    for (table, column) in OFFSETS {
        raw(&db)
            .execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} TEXT"))
            .unwrap();
    }
    {
        let mut s = Store::open_with_migrations(&db, &SecretString::from(PASS), before).unwrap();
        let c = s
            .add_client(
                &NewClient {
                    given_name: "Ada".into(),
                    family_name: "Kestrel".into(),
                    ..NewClient::default()
                },
                at(11, 1, 9),
            )
            .unwrap();
        for day in 16..20 {
            let new = NewNote {
                client_id: c,
                kind: Some(NoteKind::Meeting),
                outcome: None,
                occurred_at: at(11, day, 10),
                location: None,
                present: None,
                body: format!("Visit on the {day}th."),
                significant: day % 2 == 0,
            };
            let id = s.add_note(&new, at(11, day, 11)).unwrap();
            s.finalise_note(id, None, at(11, day, 12)).unwrap();
            s.add_addendum(id, "Spelling", "Corrected a name.", at(11, day, 13))
                .unwrap();
        }
    }
    for (table, column) in OFFSETS {
        raw(&db)
            .execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
            .unwrap();
    }
    let said = ok(&db, &["check"]);
    assert!(said.starts_with("ok"), "{said}");
    // Every time now has its UTC offset beside it (this machine's zone).
    let conn = raw(&db);
    for sql in [
        "SELECT count(*) FROM notes WHERE occurred_offset IS NULL OR written_offset IS NULL
            OR (finalised_at IS NOT NULL AND finalised_offset IS NULL)",
        "SELECT count(*) FROM addenda WHERE written_offset IS NULL",
        "SELECT count(*) FROM audit WHERE at_offset IS NULL",
    ] {
        let missing: i64 = conn.query_row(sql, [], |r| r.get(0)).unwrap();
        assert_eq!(missing, 0, "{sql}");
    }
    let offset: String = conn
        .query_row("SELECT finalised_offset FROM notes LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(
        offset.len() == 6 && (offset.starts_with('+') || offset.starts_with('-')),
        "{offset}"
    );
    drop(conn);
    let clients = json(&db, &["client", "list", "--json"]);
    let id = clients[0]["id"].to_string();
    ok(
        &db,
        &[
            "client",
            "close",
            &id,
            "--reason",
            "Moved away",
            "--summary",
            "Handed over.",
            "--yes",
        ],
    );
    assert!(ok(&db, &["check"]).starts_with("ok"));
}

/// A caseload from before migration 0009 (no NHS number, GP or consent)
/// opens, its clients read as "not recorded", and the new fields can then
/// be set, shown and taken back with undo (the remade undo triggers).
#[test]
fn a_caseload_from_before_the_client_facts_migration_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let all = Store::migration_scripts();
    let at_0009 = all
        .iter()
        .position(|m| m.contains("ADD COLUMN nhs_number"))
        .unwrap();
    drop(Store::open_with_migrations(&db, &SecretString::from(PASS), &all[..at_0009]).unwrap());
    // A client as the old build wrote it (its columns only).
    raw(&db)
        .execute(
            "INSERT INTO clients (given_name, family_name, opened_on, created_at, updated_at)
             VALUES ('Ada', 'Kestrel', '2026-01-05', '2026-01-05T09:00:00', '2026-01-05T09:00:00')",
            [],
        )
        .unwrap();
    let before = json(&db, &["client", "show", "1", "--json"]);
    assert!(
        dir.path()
            .join(format!("old.db.before-v{}.bak", at_0009 + 1))
            .exists(),
        "the old file is backed up before migrating"
    );
    let c = &before["client"];
    assert_eq!(c["given_name"], "Ada");
    assert!(c["nhs_number"].is_null(), "{c}");
    assert!(c["gp"].is_null());
    assert!(c["consent_to_share"].is_null());
    assert!(ok(&db, &["client", "show", "1"]).contains("not recorded"));

    ok(
        &db,
        &[
            "client",
            "edit",
            "1",
            "--nhs",
            "943 476 5919",
            "--gp",
            "Dr Iris Vantongeren, Quayside Medical Practice",
            "--consent",
            "yes",
        ],
    );
    let after = json(&db, &["client", "show", "1", "--json"]);
    let c = &after["client"];
    assert_eq!(c["nhs_number"], "9434765919");
    assert_eq!(c["gp"], "Dr Iris Vantongeren, Quayside Medical Practice");
    assert_eq!(c["consent_to_share"], true);
    assert!(c["consent_recorded_on"].is_string(), "{c}");
    assert!(ok(&db, &["check"]).starts_with("ok"));

    // Undo takes the whole edit back, new fields included.
    ok(&db, &["undo"]);
    let undone = json(&db, &["client", "show", "1", "--json"]);
    assert!(undone["client"]["nhs_number"].is_null(), "{undone}");
    assert!(undone["client"]["consent_to_share"].is_null());
}
