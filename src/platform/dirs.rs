//! The per-user folders the program keeps its files in.
//!
//! Linux: `~/.local/share/caseload` (data) and `~/.config/caseload`
//! (config). macOS: `~/Library/Application Support/org.caseload.caseload`
//! for both. Windows: `%LOCALAPPDATA%\caseload\data` and
//! `%APPDATA%\caseload\config`. On Windows the data is deliberately in the
//! *local* profile: a roaming profile would copy the database to the
//! council's profile server at every sign-out.

use directories::ProjectDirs;
use std::path::PathBuf;

/// The program's folders for the current user, if the platform knows them.
#[must_use]
pub fn project() -> Option<ProjectDirs> {
    #[cfg(windows)]
    {
        // `from("org", "caseload", …)` would nest `caseload\caseload`.
        ProjectDirs::from_path(PathBuf::from("caseload"))
    }
    #[cfg(not(windows))]
    {
        ProjectDirs::from("org", "caseload", "caseload")
    }
}

/// The folder the database (and its log) live in by default.
#[must_use]
pub fn data() -> Option<PathBuf> {
    project().map(|d| d.data_local_dir().to_path_buf())
}

/// The folder the config, keymap and local rules live in.
#[must_use]
pub fn config() -> Option<PathBuf> {
    project().map(|d| d.config_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    #[cfg(windows)]
    #[test]
    fn data_is_in_the_local_profile_and_config_in_the_roaming_one() {
        use std::path::PathBuf;
        let local = PathBuf::from(std::env::var_os("LOCALAPPDATA").unwrap());
        let roaming = PathBuf::from(std::env::var_os("APPDATA").unwrap());
        assert_eq!(super::data().unwrap(), local.join("caseload").join("data"));
        assert_eq!(
            super::config().unwrap(),
            roaming.join("caseload").join("config")
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn linux_follows_the_xdg_folders() {
        let data = super::data().unwrap();
        let config = super::config().unwrap();
        assert!(data.ends_with("caseload"), "{}", data.display());
        assert!(config.ends_with("caseload"), "{}", config.display());
        assert_ne!(data, config);
    }
}
