//! Integrity check and consistent backups.

use rusqlite::Connection;
use rusqlite::backup::Backup;
use secrecy::SecretString;
use std::path::Path;
use std::time::Duration;

use super::open::{apply_key, prepare_file};
use super::{Result, Store, StoreError};

/// The triggers that make final records final, and what each one stops.
const PROTECTIONS: [(&str, &str); 4] = [
    ("notes_final_immutable", "stops a final note being changed"),
    (
        "notes_final_undeletable",
        "stops a final note being deleted",
    ),
    ("addenda_immutable", "stops an addendum being changed"),
    ("addenda_undeletable", "stops an addendum being deleted"),
];

/// Looking after the file: integrity checks, missing protections, backups.
pub trait Upkeep {
    /// SQLite's integrity and foreign-key checks: the problems found (empty when sound).
    fn integrity_problems(&self) -> Result<Vec<String>>;

    /// The triggers keeping final notes and addenda final that are missing, in words.
    fn missing_protections(&self) -> Result<Vec<String>>;

    /// Writes a consistent, encrypted copy of the database to `dest` (online backup).
    fn backup_to(&self, dest: &Path, key: &SecretString) -> Result<()>;
}

impl Upkeep for Store {
    /// Runs SQLite's `integrity_check` and a foreign-key check; returns the
    /// problems found (empty when the database is sound).
    fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for row in rows {
            let line = row?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self
            .conn
            .prepare("SELECT \"table\", rowid FROM pragma_foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{} row {} points at a missing record",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default()
            ))
        })?;
        for row in rows {
            problems.push(row?);
        }
        problems.extend(self.missing_protections()?);
        Ok(problems)
    }

    /// The database's own protections (the triggers that keep final notes
    /// and addenda final) that are missing, in words; empty when all are there.
    fn missing_protections(&self) -> Result<Vec<String>> {
        let mut missing = Vec::new();
        for (name, what) in PROTECTIONS {
            let found: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [name],
                |r| r.get(0),
            )?;
            if found == 0 {
                missing.push(format!("protection missing: trigger {name} ({what})"));
            }
        }
        Ok(missing)
    }

    /// Writes a consistent copy of the database to `dest` through SQLite's
    /// online backup API, encrypted with the same key. Refuses to overwrite
    /// the live database.
    fn backup_to(&self, dest: &Path, key: &SecretString) -> Result<()> {
        if let Some(own) = &self.path
            && same_file(own, dest)
        {
            return Err(StoreError::Refused(
                "the backup path is the database itself; choose another file".into(),
            ));
        }
        if dest.exists() {
            return Err(StoreError::Refused(
                "a file already exists at the backup path; choose a new name".into(),
            ));
        }
        prepare_file(dest)?;
        let result = (|| -> Result<()> {
            let mut out = Connection::open(dest)?;
            apply_key(&out, key)?;
            {
                let _one_at_a_time = super::open::cipher_lock();
                let backup = Backup::new(&self.conn, &mut out)?;
                backup.run_to_completion(256, Duration::from_millis(0), None)?;
            }
            // The copy is a plain rollback-journal file; make it durable.
            out.execute_batch("PRAGMA journal_mode = DELETE;")?;
            drop(out);
            super::open::ensure_ciphertext(dest)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(dest);
        }
        result
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
