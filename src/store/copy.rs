//! Copying an unencrypted (in-memory) store into a new encrypted file: a
//! large synthetic caseload is built quickly in memory, then saved the way
//! the program keeps real data (benchmarks, demo data).

use rusqlite::params;
use secrecy::{ExposeSecret, SecretString};
use std::path::Path;

use super::open::prepare_file;
use super::{Result, Store, StoreError};

impl Store {
    /// Writes this unencrypted store to a new file at `dest`, encrypted
    /// with `key` (SQLCipher's export). Refuses an existing file, and an
    /// encrypted source (use `backup_to` for those).
    pub fn export_encrypted(&self, dest: &Path, key: &SecretString) -> Result<()> {
        if self.path.is_some() {
            return Err(StoreError::Refused(
                "only an in-memory caseload can be exported this way; use backup".into(),
            ));
        }
        if dest.exists() {
            return Err(StoreError::Refused(
                "a file already exists at that path; choose a new name".into(),
            ));
        }
        prepare_file(dest)?;
        let version = self.schema_version()?;
        let result = (|| -> Result<()> {
            self.conn.execute(
                "ATTACH DATABASE ?1 AS export KEY ?2",
                params![dest.to_string_lossy(), key.expose_secret()],
            )?;
            let copied = self
                .conn
                .query_row("SELECT sqlcipher_export('export')", [], |_| Ok(()))
                .map_err(StoreError::from)
                .and_then(|()| {
                    self.conn
                        .pragma_update(Some("export"), "user_version", version)
                        .map_err(StoreError::from)
                });
            self.conn.execute_batch("DETACH DATABASE export")?;
            copied
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(dest);
        }
        result
    }
}
