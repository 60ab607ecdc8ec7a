//! Changing the passphrase in place with SQLCipher's `PRAGMA rekey`.

use chrono::NaiveDateTime;
use secrecy::{ExposeSecret, SecretString};

use super::{Result, Store, StoreError, audit};

impl Store {
    /// Re-encrypts the whole database under `new` (`PRAGMA rekey`), then
    /// checks the file still reads and records the change in the audit trail
    /// (no key material). Refused for an unencrypted in-memory store.
    pub fn change_passphrase(&mut self, new: &SecretString, now: NaiveDateTime) -> Result<()> {
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
}
