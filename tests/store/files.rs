//! File databases: modes, pragmas, the key, the trigger, and backups.

use super::*;

#[test]
fn file_database_modes_pragmas_key_and_trigger() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new-folder").join("case.db");
    let id;
    {
        let mut s = Store::open(&path, &key()).unwrap();
        let folder = path
            .parent()
            .unwrap()
            .metadata()
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(folder & 0o777, 0o700);
        assert_eq!(path.metadata().unwrap().permissions().mode() & 0o777, 0o600);
        let p = s.safety_settings().unwrap();
        assert_eq!(p.journal_mode, "wal");
        assert_eq!(p.synchronous, 2, "FULL");
        assert_eq!(p.foreign_keys, 1);
        assert_eq!(p.temp_store, 2, "MEMORY");
        let c = s.add_client(&client("Ada", "L"), now()).unwrap();
        id = s
            .add_note(&note(c, "2026-11-21 10:00", "Seen"), now())
            .unwrap();
        s.finalise_note(id, None, now()).unwrap();
        // without_sync restores FULL.
        s.without_sync(|_| Ok(())).unwrap();
        assert_eq!(s.safety_settings().unwrap().synchronous, 2);
    }
    let wrong = SecretString::from("not the passphrase".to_string());
    assert!(matches!(
        Store::open(&path, &wrong),
        Err(StoreError::WrongPassphrase)
    ));
    // The file is unreadable without the key.
    let raw = std::fs::read(&path).unwrap();
    assert!(!raw.windows(15).any(|w| w == b"SQLite format 3"));

    // The database itself refuses to change or delete a final note.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "key", "correct horse battery")
        .unwrap();
    let e = conn
        .execute("UPDATE notes SET body = 'rewritten' WHERE id = ?1", [id])
        .unwrap_err();
    assert!(
        e.to_string().contains("final note cannot be changed"),
        "{e}"
    );
    assert!(
        conn.execute("DELETE FROM notes WHERE id = ?1", [id])
            .is_err()
    );
    drop(conn);
    let s = Store::open(&path, &key()).unwrap();
    assert_eq!(s.note(id).unwrap().body, "Seen");
    assert!(s.integrity_problems().unwrap().is_empty());
}

#[test]
fn an_older_database_is_backed_up_beside_it_before_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let v1: Vec<&str> = Store::migration_scripts().to_vec();
    let mut newer = v1.clone();
    newer.push("CREATE TABLE extra_for_test (x INTEGER);");
    let latest = i64::try_from(v1.len()).unwrap();
    {
        let mut s = Store::open_with_migrations(&path, &key(), &v1).unwrap();
        s.add_client(&client("Ada", "Old"), now()).unwrap();
        assert_eq!(s.schema_version().unwrap(), latest);
    }
    let s = Store::open_with_migrations(&path, &key(), &newer).unwrap();
    assert_eq!(s.schema_version().unwrap(), latest + 1);
    assert_eq!(s.clients(true).unwrap().len(), 1);
    drop(s);
    let backup = dir
        .path()
        .join(format!("old.db.before-v{}.bak", latest + 1));
    assert!(backup.exists(), "backup beside the file");
    assert_eq!(
        backup.metadata().unwrap().permissions().mode() & 0o777,
        0o600
    );
    let conn = rusqlite::Connection::open(&backup).unwrap();
    conn.pragma_update(None, "key", "correct horse battery")
        .unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, latest, "the backup is the database as it was");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    drop(conn);
    // A database newer than this build is refused, untouched.
    assert!(matches!(
        Store::open_with_migrations(&path, &key(), &v1),
        Err(StoreError::TooNew { .. })
    ));
    // A migration that fails rolls back and leaves the version where it was.
    let mut broken = newer.clone();
    broken.push("CREATE TABLE clients (x);");
    assert!(Store::open_with_migrations(&path, &key(), &broken).is_err());
    let s = Store::open_with_migrations(&path, &key(), &newer).unwrap();
    assert_eq!(s.schema_version().unwrap(), latest + 1);
}

#[test]
fn backups_are_consistent_encrypted_and_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut s = Store::open(&path, &key()).unwrap();
    s.add_client(&client("Ada", "L"), now()).unwrap();
    let dest = dir.path().join("copy.db");
    s.backup_to(&dest, &key()).unwrap();
    assert!(matches!(
        s.backup_to(&dest, &key()),
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        s.backup_to(&path, &key()),
        Err(StoreError::Refused(_))
    ));
    let copy = Store::open(&dest, &key()).unwrap();
    assert_eq!(copy.clients(true).unwrap().len(), 1);
    assert!(copy.integrity_problems().unwrap().is_empty());
}
