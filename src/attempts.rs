//! Slowing down guessing: after [`MAX_FAILURES`] wrong passphrases within
//! [`WINDOW`], the next attempt must wait until the oldest of them is more
//! than [`WINDOW`] old, so guessing runs at most ten tries per five minutes.
//!
//! Only the times of wrong attempts are kept (Unix seconds, one per line) in
//! a private file (0600 on Unix, owner-only on Windows) beside the database, `<db>.attempts`, so the limit holds across
//! command-line runs; it is removed after a right passphrase. No passphrase,
//! name or other text is ever written there. This slows a person at the
//! keyboard; someone who copies the file off the laptop is held back only by
//! the passphrase's strength and SQLCipher's key derivation.

use secrecy::SecretString;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::store::{Store, StoreError};

/// Wrong attempts allowed within [`WINDOW`] before attempts are delayed.
pub const MAX_FAILURES: usize = 10;

/// The window the failures are counted in.
pub const WINDOW: Duration = Duration::from_secs(5 * 60);

/// The record of recent wrong attempts for one database.
#[derive(Debug, Clone, Default)]
pub struct Attempts {
    file: Option<PathBuf>,
    times: Vec<u64>,
}

/// Why an unlock did not open the database.
#[derive(Debug, thiserror::Error)]
pub enum UnlockError {
    /// Too many wrong attempts recently: try again after this long.
    #[error(
        "too many wrong passphrases in the last 5 minutes; wait {} seconds, then try again",
        .0.as_secs().max(1)
    )]
    Wait(Duration),
    /// The passphrase is wrong.
    #[error("wrong passphrase: the database was not opened")]
    Wrong,
    /// Any other failure to open.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Attempts {
    /// The record kept in a file beside `db` (read now if it exists).
    #[must_use]
    pub fn beside(db: &Path) -> Attempts {
        let mut name = db.as_os_str().to_owned();
        name.push(".attempts");
        let file = PathBuf::from(name);
        let times = fs::read_to_string(&file)
            .map(|s| s.lines().filter_map(|l| l.trim().parse().ok()).collect())
            .unwrap_or_default();
        Attempts {
            file: Some(file),
            times,
        }
    }

    /// A record held in memory only (for a TUI session or tests).
    #[must_use]
    pub fn in_memory() -> Attempts {
        Attempts::default()
    }

    /// The file the record is kept in, if any.
    #[must_use]
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// How long the next attempt must wait at `now` (Unix seconds), if at all.
    #[must_use]
    pub fn wait_needed(&self, now: u64) -> Option<Duration> {
        let mut recent = self.recent(now);
        if recent.len() < MAX_FAILURES {
            return None;
        }
        recent.sort_unstable();
        // Once this failure leaves the window, fewer than MAX_FAILURES remain.
        let pivot = recent[recent.len() - MAX_FAILURES];
        let free_at = pivot + WINDOW.as_secs();
        (free_at > now).then(|| Duration::from_secs(free_at - now))
    }

    /// Records a wrong attempt at `now`, forgetting those outside the window.
    pub fn record_failure(&mut self, now: u64) -> std::io::Result<()> {
        self.times = self.recent(now);
        self.times.push(now);
        self.save()
    }

    /// Forgets all failures (after a right passphrase).
    pub fn clear(&mut self) -> std::io::Result<()> {
        self.times.clear();
        match &self.file {
            Some(f) if f.exists() => fs::remove_file(f),
            _ => Ok(()),
        }
    }

    /// Failures within the window ending at `now`.
    fn recent(&self, now: u64) -> Vec<u64> {
        let from = now.saturating_sub(WINDOW.as_secs());
        self.times
            .iter()
            .copied()
            .filter(|t| *t > from && *t <= now)
            .collect()
    }

    fn save(&self) -> std::io::Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let mut f = crate::platform::perms::open(
            OpenOptions::new().write(true).create(true).truncate(true),
            file,
        )?;
        for t in &self.times {
            writeln!(f, "{t}")?;
        }
        f.sync_all()
    }
}

/// Seconds since the Unix epoch, from the system clock.
#[must_use]
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Opens `db` with `key` unless attempts are being delayed; a wrong
/// passphrase is recorded, a right one clears the record.
pub fn open_guarded(
    db: &Path,
    key: &SecretString,
    attempts: &mut Attempts,
    now: u64,
) -> Result<Store, UnlockError> {
    if let Some(wait) = attempts.wait_needed(now) {
        tracing::warn!(wait_s = wait.as_secs(), "unlock delayed");
        return Err(UnlockError::Wait(wait));
    }
    match Store::open(db, key) {
        Ok(store) => {
            attempts.clear().map_err(StoreError::from)?;
            Ok(store)
        }
        Err(StoreError::WrongPassphrase) => {
            attempts.record_failure(now).map_err(StoreError::from)?;
            tracing::warn!(recent = attempts.recent(now).len(), "wrong passphrase");
            Err(UnlockError::Wrong)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_failures_do_not_delay_and_ten_do() {
        let mut a = Attempts::in_memory();
        for i in 0..9 {
            a.record_failure(1000 + i).unwrap();
        }
        assert_eq!(a.wait_needed(1010), None);
        a.record_failure(1009).unwrap();
        // The first failure (t=1000) leaves the window at 1300.
        assert_eq!(a.wait_needed(1010), Some(Duration::from_secs(290)));
        assert_eq!(a.wait_needed(1299), Some(Duration::from_secs(1)));
        assert_eq!(a.wait_needed(1300), None);
    }

    #[test]
    fn old_failures_fall_out_of_the_window() {
        let mut a = Attempts::in_memory();
        for i in 0..10 {
            a.record_failure(i * 40).unwrap();
        }
        // Spread over 360 s: never ten inside any five minutes.
        assert_eq!(a.wait_needed(360), None);
    }

    #[test]
    fn the_file_holds_only_times_is_private_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let mut a = Attempts::beside(&db);
        for i in 0..10 {
            a.record_failure(5000 + i).unwrap();
        }
        let file = a.file().unwrap().to_path_buf();
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.lines().all(|l| l.parse::<u64>().is_ok()), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        // A new run reads the same record.
        assert!(Attempts::beside(&db).wait_needed(5010).is_some());
        a.clear().unwrap();
        assert!(!file.exists());
        assert_eq!(Attempts::beside(&db).wait_needed(5010), None);
    }
}
