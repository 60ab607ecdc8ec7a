//! `caseload --demo`: the demo caseload in an encrypted database inside a
//! private (0700, or owner-only on Windows) temporary folder, with a random
//! key, removed at exit. The folder holds its demo's lock while it runs, so
//! the next demo can remove it if its demo was killed (see `sweep`).

use crate::store::prelude::*;
use chrono::NaiveDateTime;
use secrecy::SecretString;
use std::fs;
use std::path::{Path, PathBuf};

use super::{DemoError, seed, sweep};
use crate::store::Store;

/// Holds the demo folder's lock, and removes the folder (and everything in
/// it) when dropped.
#[derive(Debug)]
pub struct DirGuard {
    dir: PathBuf,
    lock: Option<fs::File>,
}

impl DirGuard {
    /// The folder.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for DirGuard {
    fn drop(&mut self) {
        // The lock file closes first: Windows cannot remove an open file.
        drop(self.lock.take());
        let _ = fs::remove_dir_all(&self.dir);
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
    let root = std::env::temp_dir();
    sweep::sweep(&root);
    let token = random_hex(8)?;
    let dir = root.join(format!("{}{}-{token}", sweep::PREFIX, std::process::id()));
    // Not recursive: creating fails if the name is taken, so the folder is ours.
    crate::platform::perms::create_dir(&dir)?;
    let mut guard = DirGuard { dir, lock: None };
    guard.lock = Some(sweep::hold(guard.path())?);
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
