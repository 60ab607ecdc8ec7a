//! The schema step that lets a draft wait for its kind (migration 18): the
//! notes table rebuilt with `kind` nullable while a note is a draft, and a
//! CHECK that a final note has one. Everything else about the table (rows,
//! ids, indexes, triggers, the id sequence) is kept by [`super::ids`]'s
//! rebuild.

use rusqlite::Transaction;

use super::{Result, StoreError};

/// The line that makes a migration run this step (its SQL is run first).
pub(crate) const KIND_MAY_WAIT_MARK: &str = "-- step: a draft's kind may wait for a choice";

/// Rebuilds `notes` so a draft's kind may be NULL (a final note's may not).
pub(crate) fn kind_may_wait(tx: &Transaction<'_>) -> Result<()> {
    let sql: String = tx.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'notes'",
        [],
        |r| r.get(0),
    )?;
    let create = loosened(&sql, "notes__rebuilt")?;
    tx.execute_batch("PRAGMA legacy_alter_table = ON;")?;
    super::ids::rebuild_as(tx, "notes", &create)?;
    tx.execute_batch("PRAGMA legacy_alter_table = OFF;")?;
    Ok(())
}

/// The notes declaration under `new_name`, its `kind` column without NOT
/// NULL and a table CHECK that only a draft may lack one.
fn loosened(sql: &str, new_name: &str) -> Result<String> {
    let bad = || StoreError::Refused("table notes: its kind column was not found".into());
    let open = sql.find('(').ok_or_else(bad)?;
    let close = sql.rfind(')').ok_or_else(bad)?;
    let body = sql.get(open + 1..close).ok_or_else(bad)?;
    let mut found = false;
    let columns: Vec<String> = body
        .split(',')
        .map(|col| {
            let words: Vec<&str> = col.split_whitespace().collect();
            if words.first() == Some(&"kind") && col.contains("NOT NULL") {
                found = true;
                col.replacen("NOT NULL", "", 1).trim_end().to_string()
            } else {
                col.to_string()
            }
        })
        .collect();
    if !found {
        return Err(bad());
    }
    Ok(format!(
        "CREATE TABLE {new_name} ({},\n    CHECK (kind IS NOT NULL OR status = 'draft')\n)",
        columns.join(",").trim_end()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::migrate::{MIGRATIONS, migrate_with};

    #[test]
    fn the_kind_loses_not_null_and_gains_the_final_check() {
        let sql = "CREATE TABLE \"notes\" (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,\n    kind         TEXT NOT NULL,\n    status TEXT NOT NULL DEFAULT 'draft', chain_seq INTEGER)";
        let out = loosened(sql, "t").unwrap();
        assert!(out.starts_with("CREATE TABLE t ("), "{out}");
        assert!(out.contains("kind         TEXT,"), "{out}");
        assert!(
            out.contains("status TEXT NOT NULL DEFAULT 'draft'"),
            "{out}"
        );
        assert!(
            out.ends_with("CHECK (kind IS NOT NULL OR status = 'draft')\n)"),
            "{out}"
        );
        assert!(loosened("CREATE TABLE x (id INTEGER)", "t").is_err());
    }

    /// A caseload from before this step keeps its notes, ids, triggers and
    /// sequence; afterwards a draft may lack a kind and a final note not.
    #[test]
    fn an_older_caseload_keeps_its_notes_and_a_draft_may_wait_for_its_kind() {
        let mut s = Store::open_in_memory_at(&MIGRATIONS[..17]).unwrap();
        s.conn
            .execute_batch(
                "INSERT INTO clients (id, given_name, family_name, opened_on, created_at, updated_at)
                 VALUES (1, 'Ada', 'L', '2026-11-01', '2026-11-01T09:00:00', '2026-11-01T09:00:00');
                 INSERT INTO notes (id, client_id, kind, occurred_at, written_at, body)
                 VALUES (4, 1, 'phone', '2026-11-02T10:00:00', '2026-11-02T10:00:00', 'kept');
                 INSERT INTO notes (id, client_id, kind, occurred_at, written_at, body)
                 VALUES (5, 1, 'phone', '2026-11-02T10:00:00', '2026-11-02T10:00:00', 'gone');
                 DELETE FROM notes WHERE id = 5;",
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
        s.conn
            .execute(
                "INSERT INTO notes (client_id, kind, occurred_at, written_at, body)
                 VALUES (1, NULL, '2026-11-03T10:00:00', '2026-11-03T10:00:00', 'draft')",
                [],
            )
            .unwrap();
        assert_eq!(
            s.conn.last_insert_rowid(),
            6,
            "note 5's id is not given again"
        );
        assert!(
            s.conn
                .execute_batch("UPDATE notes SET status = 'final' WHERE id = 6")
                .is_err(),
            "a final note without a kind"
        );
        let kept: String = s
            .conn
            .query_row("SELECT body FROM notes WHERE id = 4", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, "kept");
    }
}
