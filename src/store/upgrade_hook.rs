//! A door for tests of the upgrade path: open a file with a migration list
//! other than this build's, to check that an older database is backed up
//! before it is migrated.

use rusqlite::{Connection, OpenFlags};
use secrecy::SecretString;
use std::path::Path;

use super::open::{apply_key, apply_pragmas, embedded_rules, prepare_file};
use super::{Result, Store, migrate};

impl Store {
    /// Like [`Store::open`] but migrating with `migrations` instead of the
    /// built-in list. For tests only; a practitioner's file is always opened
    /// with [`Store::open`].
    #[doc(hidden)]
    pub fn open_with_migrations(
        path: &Path,
        passphrase: &SecretString,
        migrations: &[&str],
    ) -> Result<Store> {
        prepare_file(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        apply_key(&conn, passphrase)?;
        apply_pragmas(&conn, true)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            rules: embedded_rules()?,
            late_rule: crate::rules::late::LateEntryRule::default(),
            verified: super::chain::VerifiedSeals::default(),
            facts_rules_checked: std::cell::Cell::new(false),
        };
        migrate::migrate_with(&mut store, Some(passphrase), migrations)?;
        Ok(store)
    }

    /// The migration scripts this build runs, in order (for tests that
    /// build an older database by hand).
    #[doc(hidden)]
    #[must_use]
    pub fn migration_scripts() -> &'static [&'static str] {
        migrate::MIGRATIONS
    }
}
