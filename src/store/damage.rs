//! Telling a damaged file from a wrong passphrase. SQLCipher reports both
//! the same way: the first page fails its HMAC. But every page carries its
//! own HMAC under the same key (derived from the passphrase and the salt in
//! the file's first 16 bytes), so when page 1 fails, page 2 decides: a
//! throwaway probe database is made with the same passphrase and salt, its
//! second page is swapped for the file's, and SQLCipher checks that page's
//! HMAC. If it holds, the passphrase is right and the file is damaged; a
//! damaged file must never count as a wrong guess.

use rusqlite::Connection;
use secrecy::{ExposeSecret, SecretString};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// SQLCipher 4's page size (the program never changes it).
const PAGE: usize = 4096;

/// Whether `passphrase` is the file's key although page 1 does not open:
/// `true` only when page 2 verifies under it (so the file is damaged).
#[must_use]
pub(crate) fn page_one_damaged(path: &Path, passphrase: &SecretString) -> bool {
    let probe = probe_path(path);
    let verdict = probe_page_two(path, &probe, passphrase).unwrap_or(false);
    let _ = fs::remove_file(&probe);
    verdict
}

fn probe_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".damage-probe");
    PathBuf::from(name)
}

fn probe_page_two(path: &Path, probe: &Path, passphrase: &SecretString) -> Option<bool> {
    let mut head = vec![0u8; 2 * PAGE];
    fs::File::open(path).ok()?.read_exact(&mut head).ok()?;
    let salt: String = head[..16].iter().map(|b| format!("{b:02x}")).collect();
    let _ = fs::remove_file(probe);
    {
        let _one_at_a_time = super::open::cipher_lock();
        let conn = Connection::open(probe).ok()?;
        let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
        conn.pragma_update(None, "key", passphrase.expose_secret())
            .ok()?;
        conn.execute_batch(&format!(
            "PRAGMA cipher_salt = \"x'{salt}'\";
             PRAGMA journal_mode = DELETE;
             CREATE TABLE probe (x BLOB);
             INSERT INTO probe VALUES (zeroblob(3000));"
        ))
        .ok()?;
        conn.close().ok()?;
    }
    let mut bytes = fs::read(probe).ok()?;
    if bytes.len() < 2 * PAGE || bytes[..16] != head[..16] {
        return None;
    }
    bytes[PAGE..2 * PAGE].copy_from_slice(&head[PAGE..2 * PAGE]);
    fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(probe)
        .ok()?
        .write_all(&bytes)
        .ok()?;
    let _one_at_a_time = super::open::cipher_lock();
    let conn = Connection::open(probe).ok()?;
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    conn.pragma_update(None, "key", passphrase.expose_secret())
        .ok()?;
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check").ok()?;
    let failures = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .ok()?
        .filter_map(std::result::Result::ok)
        .filter(|line| line.contains("page 2"))
        .count();
    Some(failures == 0)
}

/// The newest backup found beside `path` (`<db>.*.bak`), named with the
/// day it was made, for the "restore from a backup" message.
#[must_use]
pub(crate) fn latest_backup(path: &Path) -> Option<String> {
    let dir = path.parent()?;
    let stem = path.file_name()?.to_string_lossy().into_owned();
    let newest = fs::read_dir(dir)
        .ok()?
        .filter_map(std::result::Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&stem) && n.ends_with(".bak")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .max_by_key(|(t, _)| *t)?;
    let made: chrono::DateTime<chrono::Local> = newest.0.into();
    Some(format!(
        "{} (made {})",
        newest.1.display(),
        crate::dates::display::date_time(made.naive_local())
    ))
}
