//! Start-up hardening, called once from `main`: no core dumps, a panic hook
//! that restores the terminal and prints nothing from the panic itself, and
//! logging to a private file (never to the terminal).

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The log file's name, kept in the database's folder.
pub const LOG_FILE: &str = "caseload.log";

/// What a practitioner sees after a crash: no payload (it could quote client
/// text), no backtrace, just what to do.
pub const PANIC_MESSAGE: &str = "caseload stopped because of an internal error. \
Everything saved before this moment is safe in the encrypted database. \
Please report the problem (the log file holds no client details).";

/// Keeps a crash from writing the decrypted caseload (or the key) to disk:
/// no core dumps on Unix, no Windows Error Reporting dumps or dialogs on
/// Windows. Returns whether it took effect.
pub fn disable_core_dumps() -> bool {
    crate::platform::crashdump::disable()
}

/// Whether crash dumps are off for this process, for tests and the log.
#[must_use]
pub fn core_dumps_disabled() -> bool {
    crate::platform::crashdump::disabled()
}

/// Replaces the panic hook: leave the alternate screen and raw mode if the
/// TUI was up, print [`PANIC_MESSAGE`], and log only where it happened.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if ratatui::crossterm::terminal::is_raw_mode_enabled().unwrap_or(false) {
            crate::tui::restore_terminal();
        }
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(location = %location, "panic");
        eprintln!("{PANIC_MESSAGE}");
    }));
}

/// Starts logging to `caseload.log` in `dir`, both private to the user
/// (0600/0700 on Unix, an owner-only ACL on Windows), `dir` created if
/// missing. Returns the log's path. Log lines carry ids and counts only; the
/// log never goes to stdout or stderr, which the TUI owns.
pub fn init_logging(dir: &Path) -> std::io::Result<PathBuf> {
    if !dir.as_os_str().is_empty() && !dir.exists() {
        crate::platform::perms::create_dir_all(dir)?;
    }
    let path = dir.join(LOG_FILE);
    // An existing log made by an older build may be wider open: `open` tightens it.
    let file = crate::platform::perms::open(OpenOptions::new().create(true).append(true), &path)?;
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .try_init();
    Ok(path)
}
