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
