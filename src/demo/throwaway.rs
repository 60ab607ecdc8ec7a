//! `caseload --demo`: the demo caseload in an encrypted database inside a
//! private (0700, or owner-only on Windows) temporary folder, with a random key, removed at exit.

use chrono::NaiveDateTime;
use secrecy::SecretString;
use std::fs;
use std::path::{Path, PathBuf};

use super::{DemoError, seed};
use crate::store::Store;

/// Removes its folder (and everything in it) when dropped.
#[derive(Debug)]
pub struct DirGuard(PathBuf);

impl DirGuard {
    /// The folder.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for DirGuard {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// An open throwaway demo database. Fields drop in order: the store closes
/// before the folder holding it is removed.
#[derive(Debug)]
pub struct DemoDb {
    /// The open store holding the demo caseload.
    pub store: Store,
    /// The random key it is encrypted with (never shown or stored).
    pub key: SecretString,
    /// Deletes the temporary folder when dropped.
    pub guard: DirGuard,
}

/// Makes a throwaway encrypted demo database seeded relative to `now`.
pub fn open_throwaway(now: NaiveDateTime) -> Result<DemoDb, DemoError> {
    let token = random_hex(8)?;
    let dir = std::env::temp_dir().join(format!("caseload-demo-{}-{token}", std::process::id()));
    // Not recursive: creating fails if the name is taken, so the folder is ours.
    crate::platform::perms::create_dir(&dir)?;
    let guard = DirGuard(dir);
    let key = SecretString::from(random_hex(32)?);
    let mut store = Store::open(&guard.path().join("demo.db"), &key)?;
    store.without_sync(|s| {
        seed(s, now).map_err(|e| match e {
            DemoError::Store(e) => e,
            other => crate::store::StoreError::Refused(other.to_string()),
        })
    })?;
    Ok(DemoDb { store, key, guard })
}

/// `bytes` random bytes from the operating system, as hex.
fn random_hex(bytes: usize) -> Result<String, DemoError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(std::io::Error::other)?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}
