//! Where the database lives: `--db PATH`, else `$CASELOAD_DB`, else the
//! platform data directory.

use std::path::PathBuf;

/// Environment variable naming the database file.
pub const DB_ENV: &str = "CASELOAD_DB";

/// The default database path in the platform data directory
/// (`~/.local/share/caseload/caseload.db` on Linux,
/// `%LOCALAPPDATA%\caseload\data\caseload.db` on Windows).
#[must_use]
pub fn default_db() -> Option<PathBuf> {
    crate::platform::dirs::data().map(|d| d.join("caseload.db"))
}

/// The platform config directory (`~/.config/caseload` on Linux,
/// `%APPDATA%\caseload\config` on Windows).
#[must_use]
pub fn config_dir() -> Option<PathBuf> {
    crate::platform::dirs::config()
}

/// The practitioner's own paste-pack templates (`~/.config/caseload/templates`,
/// following `XDG_CONFIG_HOME`); a file there overrides the built-in one of
/// the same name.
#[must_use]
pub fn templates_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("templates"))
}

/// Where the terminal UI offers to write exports: `~/Documents/caseload`
/// (the platform's documents folder), else `caseload-exports` in the home folder.
#[must_use]
pub fn exports_dir() -> Option<PathBuf> {
    let user = directories::UserDirs::new()?;
    Some(match user.document_dir() {
        Some(d) => d.join("caseload"),
        None => user.home_dir().join("Documents").join("caseload"),
    })
}
