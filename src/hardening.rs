//! Start-up hardening, called once from `main`: no core dumps, a panic hook
//! that restores the terminal and prints nothing from the panic itself, and
//! logging to a private file (never to the terminal).

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The log file's name, kept in the database's folder.
pub const LOG_FILE: &str = "caseload.log";

/// What a practitioner sees after a crash: no payload (it could quote client
/// text), no backtrace, just what to do.
pub const PANIC_MESSAGE: &str = "caseload stopped because of an internal error. \
Everything saved before this moment is safe in the encrypted database. \
Please report the problem (the log file holds no client details).";

/// Sets the core-dump size limit to zero so a crash cannot write the
/// decrypted caseload (or the key) to disk. Returns whether it took effect.
pub fn disable_core_dumps() -> bool {
    let zero = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit reads the struct we pass and has no other effect on
    // this process's memory.
    let rc = unsafe { libc::setrlimit(libc::RLIMIT_CORE, &raw const zero) };
    rc == 0
}

/// The core-dump limit now in force (soft limit), for tests and `check`.
#[must_use]
pub fn core_limit() -> Option<u64> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct we own.
    let rc = unsafe { libc::getrlimit(libc::RLIMIT_CORE, &raw mut lim) };
    (rc == 0).then_some(lim.rlim_cur)
}

/// Replaces the panic hook: leave the alternate screen and raw mode if the
/// TUI was up, print [`PANIC_MESSAGE`], and log only where it happened.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if ratatui::crossterm::terminal::is_raw_mode_enabled().unwrap_or(false) {
            ratatui::restore();
        }
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(location = %location, "panic");
        eprintln!("{PANIC_MESSAGE}");
    }));
}

/// Starts logging to `caseload.log` (0600) in `dir`, created 0700 if
/// missing. Returns the log's path. Log lines carry ids and counts only; the
/// log never goes to stdout or stderr, which the TUI owns.
pub fn init_logging(dir: &Path) -> std::io::Result<PathBuf> {
    if !dir.as_os_str().is_empty() && !dir.exists() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    let path = dir.join(LOG_FILE);
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(&path)?;
    // An existing log made by an older build may be wider open.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .try_init();
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_dumps_are_off_after_disabling() {
        assert!(disable_core_dumps());
        assert_eq!(core_limit(), Some(0));
    }
}
