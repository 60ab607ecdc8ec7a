//! init, check, backup, passwd.

use crate::store::prelude::*;
use anyhow::{Result, bail};
use secrecy::{ExposeSecret, SecretString};
use std::path::Path;

use crate::clock;
use crate::passphrase::{self, PassphraseError};
use crate::store::Store;

/// `caseload init`: creates a new encrypted database; refuses to touch an existing one.
pub fn init(path: &Path) -> Result<()> {
    if Store::exists(path) {
        bail!(
            "a caseload database already exists at {}; nothing was changed",
            path.display()
        );
    }
    let key = passphrase::ask_new()?;
    let store = Store::open(path, &key)?;
    println!(
        "Created an encrypted caseload at {} (schema version {}).",
        path.display(),
        store.schema_version()?
    );
    Ok(())
}

/// `caseload check`: integrity check and every client's tamper-evidence
/// chain; non-zero exit when anything is wrong.
pub fn check(store: &Store) -> Result<()> {
    let mut problems = store.integrity_problems()?;
    let s = store.safety_settings()?;
    if store.path().is_some() && s.journal_mode != "wal" {
        problems.push(format!("journal mode is {} instead of wal", s.journal_mode));
    }
    if s.synchronous != 2 {
        problems.push("synchronous is not FULL".into());
    }
    if s.foreign_keys != 1 {
        problems.push("foreign keys are not enforced".into());
    }
    // A stored value no door accepts (a date that is not a date) breaks
    // every screen that reads it: reported here with its table and row.
    problems.extend(
        store
            .stored_value_problems(crate::clock::now().date())?
            .into_iter()
            .map(|p| format!("stored value: {p}")),
    );
    problems.extend(
        store
            .verify_chains()?
            .iter()
            .map(|b| format!("tamper evidence: {b}")),
    );
    if problems.is_empty() {
        println!(
            "ok: the database is sound (schema version {}, {} journal, synchronous FULL, foreign keys on); every final note and addendum matches its seal",
            store.schema_version()?,
            s.journal_mode.to_uppercase()
        );
        return Ok(());
    }
    for p in &problems {
        eprintln!("problem: {p}");
    }
    bail!("the integrity check found {} problem(s)", problems.len())
}

/// `caseload backup PATH`.
pub fn backup(store: &Store, dest: &Path, key: &SecretString) -> Result<()> {
    store.backup_to(dest, key)?;
    println!(
        "Backed up to {} (encrypted with the same passphrase).",
        dest.display()
    );
    Ok(())
}

/// Environment variable a script may set to give `caseload passwd` the new
/// passphrase (the current one comes from `CASELOAD_PASSPHRASE`).
pub const NEW_PASSPHRASE_ENV: &str = "CASELOAD_NEW_PASSPHRASE";

/// `caseload passwd`: re-encrypts the database under a new passphrase.
/// Backups made earlier keep the passphrase they were made with.
pub fn passwd(store: &mut Store, current: &SecretString) -> Result<()> {
    let new = passphrase::ask_new_from(NEW_PASSPHRASE_ENV)?;
    if new.expose_secret() == current.expose_secret() {
        return Err(PassphraseError::Unchanged.into());
    }
    store.change_passphrase(&new, clock::now())?;
    println!("Passphrase changed. Backups made before now still open with the old passphrase.");
    Ok(())
}
