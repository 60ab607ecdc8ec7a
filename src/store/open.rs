//! Opening the database: file permissions, the key, safety pragmas, migrations.

use rusqlite::{Connection, OpenFlags};
use secrecy::{ExposeSecret, SecretString};
use std::fs::{self, OpenOptions};
use std::path::Path;

use crate::platform::perms;

use super::{Result, Store, StoreError, migrate};

impl Store {
    /// Opens (creating if needed) the encrypted database at `path` with
    /// `passphrase`. The folder and file are created private to the user
    /// (see [`prepare_file`]); a wrong
    /// passphrase is reported at once rather than at the first query.
    pub fn open(path: &Path, passphrase: &SecretString) -> Result<Store> {
        // Before SQLite starts (its first open sets OpenSSL up).
        crate::platform::crypto_init::once();
        prepare_file(path)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        match apply_key(&conn, passphrase) {
            // Page 1 failing its check is a wrong passphrase or a damaged
            // file: page 2 tells them apart (a damaged file is no guess).
            Err(StoreError::WrongPassphrase)
                if super::damage::page_one_damaged(path, passphrase) =>
            {
                tracing::warn!("page 1 damaged; the key opens page 2");
                return Err(StoreError::Damaged(super::damage::latest_backup(path)));
            }
            other => other?,
        }
        apply_pragmas(&conn, true)?;
        // Every write transaction takes the write lock at BEGIN, so the
        // checks it reads run under the lock and a second writer (the CLI
        // beside the TUI) waits its turn instead of failing mid-transaction.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // Screens read with a few dozen statements; each is prepared once.
        conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            rules: embedded_rules()?,
            late_rule: crate::rules::late::LateEntryRule::default(),
            verified: super::chain::VerifiedSeals::default(),
            facts_rules_checked: std::cell::Cell::new(false),
        };
        migrate::migrate(&mut store, Some(passphrase))?;
        size_page_cache(&store.conn)?;
        ensure_ciphertext(path)?;
        Ok(store)
    }

    /// A fresh, unencrypted in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        apply_pragmas(&conn, false)?;
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let mut store = Store {
            conn,
            path: None,
            rules: embedded_rules()?,
            late_rule: crate::rules::late::LateEntryRule::default(),
            verified: super::chain::VerifiedSeals::default(),
            facts_rules_checked: std::cell::Cell::new(false),
        };
        migrate::migrate(&mut store, None)?;
        Ok(store)
    }

    /// An in-memory database migrated only as far as `migrations` go (for
    /// tests of a later migration).
    #[cfg(test)]
    pub(crate) fn open_in_memory_at(migrations: &[&str]) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        apply_pragmas(&conn, false)?;
        let mut store = Store {
            conn,
            path: None,
            rules: embedded_rules()?,
            late_rule: crate::rules::late::LateEntryRule::default(),
            verified: super::chain::VerifiedSeals::default(),
            facts_rules_checked: std::cell::Cell::new(false),
        };
        migrate::migrate_with(&mut store, None, migrations)?;
        Ok(store)
    }

    /// Whether `path` holds a database already (used to tell "create" from "open").
    #[must_use]
    pub fn exists(path: &Path) -> bool {
        path.metadata().map(|m| m.len() > 0).unwrap_or(false)
    }
}

/// The rule packs shipped with the program. They are checked by the tests,
/// so a failure here means a broken build, reported rather than ignored.
pub(crate) fn embedded_rules() -> Result<crate::rules::RuleSet> {
    crate::rules::RuleSet::embedded().map_err(|e| StoreError::Refused(e.to_string()))
}

/// SQLCipher's crypto provider set-up is not safe to race from several
/// threads (seen as a sporadic "PRAGMA key" failure when tests open databases
/// in parallel). The program itself is single-threaded; this lock only
/// serialises keying within one process.
static CIPHER_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Holds the keying lock; a poisoned lock is still a lock.
pub(crate) fn cipher_lock() -> std::sync::MutexGuard<'static, ()> {
    crate::platform::crypto_init::once();
    CIPHER_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Keys a connection. SQLCipher's own logging is silenced first so that a
/// wrong key cannot print over the TUI; the key is checked with a read.
pub(crate) fn apply_key(conn: &Connection, passphrase: &SecretString) -> Result<()> {
    let _one_at_a_time = cipher_lock();
    // Older SQLCipher builds lack cipher_log_level; ignore that failure only.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    key_checked(conn, passphrase)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(StoreError::WrongPassphrase)
        }
        Err(e) => Err(e.into()),
    }
}

/// Runs `PRAGMA key` and insists on SQLCipher's "ok": a key it could not
/// apply must never leave a new file silently unencrypted. Under heavy
/// parallel load SQLCipher has been seen to refuse a key once, so the key is
/// tried a few times before giving up.
fn key_checked(conn: &Connection, passphrase: &SecretString) -> Result<()> {
    for attempt in 0..3 {
        let answer: rusqlite::Result<String> =
            conn.pragma_update_and_check(None, "key", passphrase.expose_secret(), |r| r.get(0));
        if matches!(answer.as_deref(), Ok("ok")) {
            return Ok(());
        }
        tracing::warn!(attempt, "SQLCipher did not accept the key; trying again");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Err(StoreError::Refused(
        "the encryption key could not be applied to the database; nothing was written".into(),
    ))
}

/// Refuses a file that SQLite wrote in plain text (it starts with the
/// well-known header): every file this program writes must be ciphertext.
pub(crate) fn ensure_ciphertext(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut file = fs::File::open(path)?;
    let n = file.read(&mut head)?;
    if n == 16 && &head == b"SQLite format 3\0" {
        return Err(StoreError::Refused(
            "the database file is not encrypted; refusing to use it".into(),
        ));
    }
    Ok(())
}

/// How many prepared statements a connection keeps (rusqlite's default is
/// 16, fewer than Today alone reads with).
const STATEMENTS_KEPT: usize = 64;

/// The most page cache a connection asks for, in KiB (64 MiB).
const PAGE_CACHE_MAX_KIB: i64 = 64 * 1024;
/// SQLite's own default (2 MiB), the least we ask for.
const PAGE_CACHE_MIN_KIB: i64 = 2 * 1024;

/// The page cache for a database of `pages` pages of `page_size` bytes:
/// the whole file up to [`PAGE_CACHE_MAX_KIB`], so a query that revisits a
/// page (an index then its rows) finds it decrypted instead of decrypting
/// and checking it again. Memory is only taken as pages are read.
#[must_use]
pub(crate) fn page_cache_kib(pages: i64, page_size: i64) -> i64 {
    (pages.saturating_mul(page_size) / 1024).clamp(PAGE_CACHE_MIN_KIB, PAGE_CACHE_MAX_KIB)
}

/// Sizes the connection's page cache for the caseload in the file (every
/// open; the default 2 MiB made an 8,000-client due list read pages three
/// times over).
pub(crate) fn size_page_cache(conn: &Connection) -> Result<()> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    // SQLCipher answers `page_size` with its own setting, as text.
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| {
            r.get::<_, rusqlite::types::Value>(0)
        })
        .map(|v| match v {
            rusqlite::types::Value::Integer(n) => n,
            rusqlite::types::Value::Text(t) => t.trim().parse().unwrap_or(4096),
            _ => 4096,
        })?;
    let kib = page_cache_kib(pages, page_size);
    conn.execute_batch(&format!("PRAGMA cache_size = -{kib};"))?;
    Ok(())
}

/// Sets and reads back the pragmas the safety rules depend on.
pub(crate) fn apply_pragmas(conn: &Connection, on_disk: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    if on_disk {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        expect_pragma("journal_mode", "wal", &mode.to_ascii_lowercase())?;
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
    )?;
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
    expect_pragma("synchronous", "2", &sync.to_string())?;
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    expect_pragma("foreign_keys", "1", &fk.to_string())?;
    let temp: i64 = conn.query_row("PRAGMA temp_store", [], |r| r.get(0))?;
    expect_pragma("temp_store", "2", &temp.to_string())?;
    Ok(())
}

fn expect_pragma(pragma: &'static str, wanted: &str, got: &str) -> Result<()> {
    if wanted == got {
        Ok(())
    } else {
        Err(StoreError::Pragma {
            pragma,
            wanted: wanted.to_string(),
            got: got.to_string(),
        })
    }
}

/// Creates the parent folder and an empty file, private to the user (0700
/// and 0600 on Unix, an owner-only ACL on Windows), when missing, and
/// tightens an existing file the same way.
pub(crate) fn prepare_file(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        perms::create_dir_all(dir)?;
    }
    if path.exists() {
        perms::restrict(path)?;
    } else {
        perms::open(OpenOptions::new().write(true).create_new(true), path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_cache_follows_the_file_between_bounds() {
        assert_eq!(page_cache_kib(10, 4096), PAGE_CACHE_MIN_KIB);
        assert_eq!(page_cache_kib(5_000, 4096), 20_000);
        assert_eq!(page_cache_kib(10_000_000, 4096), PAGE_CACHE_MAX_KIB);
    }

    #[test]
    fn opening_sets_the_sized_page_cache() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let key = SecretString::from("correct horse battery".to_string());
        let store = Store::open(&path, &key).unwrap();
        let kib: i64 = store
            .conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kib, -PAGE_CACHE_MIN_KIB);
    }

    #[test]
    fn a_plain_text_database_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        let c = Connection::open(&plain).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        drop(c);
        assert!(matches!(
            ensure_ciphertext(&plain),
            Err(StoreError::Refused(_))
        ));
    }

    #[test]
    fn a_keyed_database_passes_and_its_key_is_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let key = SecretString::from("correct horse battery".to_string());
        let store = Store::open(&path, &key).unwrap();
        drop(store);
        ensure_ciphertext(&path).unwrap();
        let c = Connection::open(&path).unwrap();
        key_checked(&c, &key).unwrap();
        let n: i64 = c
            .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
