//! Ids are never reused. A table whose ids reach the audit, an export or
//! the practitioner ("note 12") is declared `INTEGER PRIMARY KEY
//! AUTOINCREMENT`: without it SQLite gives the next row `max(id) + 1`, so
//! discarding the newest draft (or undoing the newest record) hands its id
//! to the next one, and "note 12" in the audit names two notes.
//!
//! A migration marked [`REBUILD_MARK`] rebuilds every such table that lacks
//! the keyword, keeping each row's id, its indexes and triggers, and starts
//! each table's sequence above the highest id it ever gave (the audit names
//! ids whose rows are gone).

use rusqlite::{OptionalExtension, Transaction};

use super::{Result, StoreError};

/// The line that makes a migration rebuild the tables (its SQL is run first).
pub(crate) const REBUILD_MARK: &str = "-- step: rebuild tables with AUTOINCREMENT";

/// Tables with an integer id that is the program's own bookkeeping, never
/// shown or exported as a record's number: left as they are.
const INTERNAL: [&str; 3] = ["undo_log", "search_map", "visit_facts_rules"];

/// The audit's name for the records of each table (`audit.entity`), where
/// the audit names them.
const AUDIT_ENTITY: [(&str, &str); 11] = [
    ("clients", "client"),
    ("notes", "note"),
    ("addenda", "addendum"),
    ("care_plans", "care_plan"),
    ("plan_actions", "plan_action"),
    ("legal_episodes", "episode"),
    ("deadlines", "deadline"),
    ("actions", "action"),
    ("network_members", "network_member"),
    ("visits", "visit"),
    ("episode_marks", "episode_mark"),
];

/// The tables that hold records with an integer id of their own (a column
/// `id INTEGER PRIMARY KEY`), whatever their declaration.
pub(crate) fn record_tables(tx: &rusqlite::Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = tx.prepare(
        "SELECT m.name, m.sql FROM sqlite_master m
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
           AND m.sql NOT LIKE 'CREATE VIRTUAL%'
           AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p
                       WHERE p.name = 'id' AND p.pk = 1 AND upper(p.type) = 'INTEGER')
         ORDER BY m.name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let all = rows.collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    Ok(all
        .into_iter()
        .filter(|(name, _)| !INTERNAL.contains(&name.as_str()))
        .collect())
}

/// Whether a table's declaration gives ids that are never reused.
pub(crate) fn never_reuses(sql: &str) -> bool {
    sql.to_ascii_uppercase().contains("AUTOINCREMENT")
}

/// The declaration with `AUTOINCREMENT` after the id column's primary key,
/// under another name.
fn with_autoincrement(name: &str, sql: &str, new_name: &str) -> Result<String> {
    let bad = || StoreError::Refused(format!("table {name}: its id column was not found"));
    let upper = sql.to_ascii_uppercase();
    let at = upper.find("INTEGER PRIMARY KEY").ok_or_else(bad)?;
    let before = sql.get(..at).ok_or_else(bad)?.trim_end();
    if !before.ends_with("id") {
        return Err(bad());
    }
    let end = at + "INTEGER PRIMARY KEY".len();
    let open = sql.find('(').ok_or_else(bad)?;
    if open > at {
        return Err(bad());
    }
    Ok(format!(
        "CREATE TABLE {new_name} {}{} AUTOINCREMENT{}",
        sql.get(open..at).ok_or_else(bad)?,
        sql.get(at..end).ok_or_else(bad)?,
        sql.get(end..).ok_or_else(bad)?,
    ))
}

/// Rebuilds every record table not yet declared `AUTOINCREMENT`, keeping
/// ids, indexes and triggers. Runs inside the migration's transaction, with
/// foreign keys off (as SQLite's own procedure for changing a table asks).
pub(crate) fn rebuild_all(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch("PRAGMA legacy_alter_table = ON;")?;
    for (name, sql) in record_tables(tx)? {
        if never_reuses(&sql) {
            continue;
        }
        rebuild(tx, &name, &sql)?;
    }
    tx.execute_batch("PRAGMA legacy_alter_table = OFF;")?;
    Ok(())
}

fn rebuild(tx: &Transaction<'_>, name: &str, sql: &str) -> Result<()> {
    let create = with_autoincrement(name, sql, &format!("{name}__rebuilt"))?;
    rebuild_as(tx, name, &create)
}

/// Rebuilds table `name` as `create` declares it (a `CREATE TABLE
/// {name}__rebuilt …` with the same columns in the same order), keeping its
/// rows, ids, indexes and triggers, and its id sequence above every id it
/// ever gave. Run with `legacy_alter_table` on, foreign keys off.
pub(crate) fn rebuild_as(tx: &Transaction<'_>, name: &str, create: &str) -> Result<()> {
    let temp = format!("{name}__rebuilt");
    let mut stmt = tx.prepare(
        "SELECT sql FROM sqlite_master
         WHERE tbl_name = ?1 AND type IN ('index', 'trigger') AND sql IS NOT NULL
         ORDER BY type, name",
    )?;
    let attached = stmt
        .query_map([name], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    tx.execute_batch(create)?;
    // (Read once the new declaration exists: sqlite_sequence is made with
    // the first AUTOINCREMENT table.)
    let given: i64 = tx
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = ?1",
            [name],
            |r| r.get::<_, Option<i64>>(0),
        )
        .optional()?
        .flatten()
        .unwrap_or(0);
    tx.execute_batch(&format!(
        "INSERT INTO {temp} SELECT * FROM {name}; DROP TABLE {name}; ALTER TABLE {temp} RENAME TO {name};"
    ))?;
    for s in &attached {
        tx.execute_batch(s)?;
    }
    // Above every id the table ever gave, rows discarded since included.
    let audited = AUDIT_ENTITY
        .iter()
        .find(|(t, _)| *t == name)
        .map(|(_, e)| *e);
    let high: i64 = match audited {
        Some(entity) => tx
            .query_row(
                "SELECT max(entity_id) FROM audit WHERE entity = ?1",
                [entity],
                |r| r.get::<_, Option<i64>>(0),
            )
            .optional()?
            .flatten()
            .unwrap_or(0),
        None => 0,
    };
    let own: i64 = tx.query_row(
        &format!("SELECT coalesce(max(id), 0) FROM {name}"),
        [],
        |r| r.get(0),
    )?;
    let seq = own.max(high).max(given);
    tx.execute("DELETE FROM sqlite_sequence WHERE name = ?1", [name])?;
    tx.execute(
        "INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)",
        rusqlite::params![name, seq],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn every_record_table_gives_ids_that_are_never_reused() {
        let s = Store::open_in_memory().unwrap();
        let tables = record_tables(&s.conn).unwrap();
        assert!(tables.iter().any(|(n, _)| n == "notes"));
        let reusing: Vec<&str> = tables
            .iter()
            .filter(|(_, sql)| !never_reuses(sql))
            .map(|(n, _)| n.as_str())
            .collect();
        assert!(
            reusing.is_empty(),
            "declare these INTEGER PRIMARY KEY AUTOINCREMENT: {reusing:?}"
        );
    }

    #[test]
    fn the_declaration_gains_the_keyword_after_the_id_column() {
        let sql = "CREATE TABLE notes (\n    id  INTEGER PRIMARY KEY,\n    kind TEXT)";
        assert_eq!(
            with_autoincrement("notes", sql, "t").unwrap(),
            "CREATE TABLE t (\n    id  INTEGER PRIMARY KEY AUTOINCREMENT,\n    kind TEXT)"
        );
        assert!(with_autoincrement("x", "CREATE TABLE x (n INTEGER PRIMARY KEY)", "t").is_err());
    }

    /// A database from before this step: its rows, ids, indexes and
    /// triggers come through, and an id the audit named for a draft already
    /// discarded is not given again.
    #[test]
    fn an_older_database_keeps_its_rows_and_retires_discarded_ids() {
        use crate::store::migrate::{MIGRATIONS, migrate_with};
        let mut s = Store::open_in_memory_at(&MIGRATIONS[..13]).unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO clients (id, given_name, family_name, opened_on, created_at, updated_at)
                 VALUES (1, 'Ada', 'L', '2026-11-01', '2026-11-01T09:00:00', '2026-11-01T09:00:00');
                 INSERT INTO notes (id, client_id, kind, occurred_at, written_at, body)
                 VALUES (1, 1, 'phone', '2026-11-02T10:00:00', '2026-11-02T10:00:00', 'kept');
                 INSERT INTO audit (at, entity, entity_id, client_id, op)
                 VALUES ('2026-11-02T10:00:00', 'note', 2, 1, 'discard');",
            )
            .unwrap();
        let shape = |s: &Store| -> i64 {
            s.conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'notes'",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let before = shape(&s);
        migrate_with(&mut s, None, MIGRATIONS).unwrap();
        assert_eq!(shape(&s), before, "the same indexes and triggers");
        let body: String = s
            .conn
            .query_row("SELECT body FROM notes WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(body, "kept");
        s.conn
            .execute(
                "INSERT INTO notes (client_id, kind, occurred_at, written_at, body)
                 VALUES (1, 'phone', '2026-11-03T10:00:00', '2026-11-03T10:00:00', '')",
                [],
            )
            .unwrap();
        assert_eq!(s.conn.last_insert_rowid(), 3, "note 2 was discarded");
        // The final-note trigger is still there.
        s.conn
            .execute_batch("UPDATE notes SET status = 'final' WHERE id = 1")
            .unwrap();
        assert!(
            s.conn
                .execute_batch("UPDATE notes SET body = 'x' WHERE id = 1")
                .is_err()
        );
    }
}
