//! The key's life: changing the passphrase in place with SQLCipher's
//! `PRAGMA rekey`, and closing the file (for the lock screen).

use crate::store::prelude::*;
use chrono::NaiveDateTime;
use secrecy::{ExposeSecret, SecretString};

use super::{Result, Store, StoreError, audit};

/// The key and the store's life: change the passphrase, close, the late-entry rule in use.
pub trait Keying {
    /// Re-encrypts the database under a new passphrase (`PRAGMA rekey`), audited.
    fn change_passphrase(&mut self, new: &SecretString, now: NaiveDateTime) -> Result<()>;

    /// Closes the file so SQLCipher wipes its copy of the key; later queries fail harmlessly.
    fn close(&mut self) -> Result<()>;

    /// Sets the late-entry limits finalising applies (from the config).
    fn use_late_entry_rule(&mut self, rule: crate::rules::late::LateEntryRule);

    /// The late-entry limits in force (the config's, or the defaults).
    #[must_use]
    fn late_entry_rule(&self) -> crate::rules::late::LateEntryRule;

    /// The late-entry limits in force, counted by the rule engine's calendar.
    #[must_use]
    fn late_entry_in_force(&self) -> crate::rules::late::LateEntry;

    /// Whether the store is closed (locked) or in memory.
    #[must_use]
    fn is_closed(&self) -> bool;
}

impl Keying for Store {
    /// Re-encrypts the whole database under `new` (`PRAGMA rekey`), then
    /// checks the file still reads and records the change in the audit trail
    /// (no key material). Refused for an unencrypted in-memory store.
    fn change_passphrase(&mut self, new: &SecretString, now: NaiveDateTime) -> Result<()> {
        if self.path.is_none() {
            return Err(StoreError::Refused(
                "an in-memory database has no passphrase to change".into(),
            ));
        }
        // Fold the WAL into the main file first so every page is rewritten
        // under the new key and no frame under the old one is left behind.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        self.conn
            .pragma_update(None, "rekey", new.expose_secret())?;
        self.conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
        let tx = self.conn.transaction()?;
        audit::record(&tx, now, "database", 0, None, "rekey", &["passphrase"])?;
        tx.commit()?;
        tracing::info!("passphrase changed");
        Ok(())
    }

    /// Closes the database file, so SQLCipher wipes its copy of the key,
    /// leaving an empty in-memory placeholder: any query until the app
    /// reopens the file fails harmlessly. Used when the TUI locks.
    fn close(&mut self) -> Result<()> {
        let placeholder = rusqlite::Connection::open_in_memory()?;
        let old = std::mem::replace(&mut self.conn, placeholder);
        self.path = None;
        old.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        tracing::info!("database closed for lock");
        Ok(())
    }

    /// Sets the late-entry limits [`Store::finalise_note`] applies (the
    /// practitioner's config; the defaults otherwise).
    fn use_late_entry_rule(&mut self, rule: crate::rules::late::LateEntryRule) {
        self.late_rule = rule;
    }

    /// The late-entry limits in force.
    fn late_entry_rule(&self) -> crate::rules::late::LateEntryRule {
        self.late_rule
    }

    /// The late-entry limits in force, counted by the rule engine's calendar
    /// (overrides included): what finalising applies.
    fn late_entry_in_force(&self) -> crate::rules::late::LateEntry {
        crate::rules::late::LateEntry::new(self.late_rule, self.rules().calendar().clone())
    }

    /// Whether the store is closed (locked) or in memory.
    fn is_closed(&self) -> bool {
        self.path.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretString;

    #[test]
    fn close_lets_go_of_the_file_and_queries_fail_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let key = SecretString::from("correct horse battery");
        let mut store = Store::open(&db, &key).unwrap();
        assert!(!store.is_closed());
        store.close().unwrap();
        assert!(store.is_closed());
        assert!(store.clients(false).is_err());
        // Closing checkpointed and removed the WAL: the file is complete.
        assert!(!dir.path().join("x.db-wal").exists());
        let again = Store::open(&db, &key).unwrap();
        assert!(again.integrity_problems().unwrap().is_empty());
    }
}
