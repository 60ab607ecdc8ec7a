//! The practitioner's settings: `config.toml` in the platform config folder
//! (`~/.config/caseload/config.toml` on Linux), or the file named by
//! `CASELOAD_CONFIG`. Every field has a default, so a missing file or a
//! missing line is fine; an unreadable or malformed file is an error that
//! names the file.

use serde::Deserialize;
use std::path::{Path, PathBuf};

use crate::dates::display::DateStyle;
use crate::paths;
use crate::rules::late::LateEntryRule;

/// Environment variable naming the config file (used by tests and scripts).
pub const CONFIG_ENV: &str = "CASELOAD_CONFIG";

/// The settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
// Unknown keys are ignored (not refused) so other sections of the same file,
// such as rule overrides, can live beside these settings.
#[serde(default)]
pub struct Config {
    /// Minutes without input before the TUI locks itself; 0 never locks.
    pub idle_lock_minutes: u32,
    /// Start the TUI in privacy mode (initials, masked record numbers, note
    /// bodies hidden until opened).
    pub privacy_mode: bool,
    /// Working days after a contact within which its note should be written.
    pub late_entry_working_days: u32,
    /// Working days within which a note flagged significant should be written.
    pub late_entry_significant_working_days: u32,
    /// Retention: adults' records are reviewed this many years after closure.
    pub retention_adult_years_after_closure: u32,
    /// Retention: children's records until this birthday.
    pub retention_children_until_age: u32,
    /// Retention: records of children who were looked after until this birthday.
    pub retention_looked_after_until_age: u32,
    /// How dates are shown: `"uk"` (`01/12/2026`, the default) or `"iso"`
    /// (`2026-12-01`). `--json`, CSV and calendar files are always ISO.
    pub date_style: DateStyle,
    /// Minutes before a clock counted in hours runs out that the calendar
    /// file (`export ics`) reminds you, one alarm each; empty for none.
    pub calendar_alarm_minutes: Vec<u32>,
    /// Who writes the notes (`[author]`): see [`crate::author`].
    pub author: crate::author::Author,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            idle_lock_minutes: 5,
            privacy_mode: false,
            late_entry_working_days: 5,
            late_entry_significant_working_days: 1,
            retention_adult_years_after_closure: 6,
            retention_children_until_age: 25,
            retention_looked_after_until_age: 75,
            date_style: DateStyle::Uk,
            calendar_alarm_minutes: vec![120, 30],
            author: crate::author::Author::default(),
        }
    }
}

/// Why the config could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("could not read the config file {}: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML for these settings.
    #[error("the config file {} is not valid: {message}", .path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
}

impl Config {
    /// Where the config is read from: `$CASELOAD_CONFIG`, else the platform
    /// config folder's `config.toml`.
    #[must_use]
    pub fn path() -> Option<PathBuf> {
        match std::env::var_os(CONFIG_ENV) {
            Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
            _ => paths::config_dir().map(|d| d.join("config.toml")),
        }
    }

    /// Loads the config from [`Config::path`]; defaults when there is none.
    pub fn load() -> Result<Config, ConfigError> {
        match Config::path() {
            Some(p) => Config::load_from(&p),
            None => Ok(Config::default()),
        }
    }

    /// Loads the config from `path`; defaults when the file does not exist.
    pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Config::parse(&text).map_err(|message| ConfigError::Parse {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses config text.
    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    /// The retention schedule for closed cases.
    #[must_use]
    pub fn retention_schedule(&self) -> crate::domain::retention::RetentionSchedule {
        crate::domain::retention::RetentionSchedule {
            adult_years_after_closure: self.retention_adult_years_after_closure,
            children_until_age: self.retention_children_until_age,
            looked_after_until_age: self.retention_looked_after_until_age,
        }
    }

    /// The late-entry limits for finalising notes.
    #[must_use]
    pub fn late_entry_rule(&self) -> LateEntryRule {
        LateEntryRule {
            days: self.late_entry_working_days,
            significant_days: self.late_entry_significant_working_days,
        }
    }

    /// The idle time before locking, or `None` when idle lock is off.
    #[must_use]
    pub fn idle_lock(&self) -> Option<std::time::Duration> {
        (self.idle_lock_minutes > 0)
            .then(|| std::time::Duration::from_secs(u64::from(self.idle_lock_minutes) * 60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_gives_the_defaults() {
        let c = Config::parse("").unwrap();
        assert_eq!(c, Config::default());
        assert_eq!(c.idle_lock_minutes, 5);
        assert!(!c.privacy_mode);
        assert_eq!(c.late_entry_working_days, 5);
        assert_eq!(c.late_entry_significant_working_days, 1);
        assert_eq!(c.late_entry_rule(), LateEntryRule::default());
        assert_eq!(c.idle_lock(), Some(std::time::Duration::from_secs(300)));
        assert_eq!(c.date_style, DateStyle::Uk);
        assert_eq!(c.calendar_alarm_minutes, [120, 30]);
    }

    #[test]
    fn the_calendar_alarms_are_a_list_of_minutes() {
        let c = Config::parse("calendar_alarm_minutes = [60]").unwrap();
        assert_eq!(c.calendar_alarm_minutes, [60]);
        let none = Config::parse("calendar_alarm_minutes = []").unwrap();
        assert!(none.calendar_alarm_minutes.is_empty());
        assert!(Config::parse("calendar_alarm_minutes = [-5]").is_err());
    }

    #[test]
    fn the_date_style_is_uk_or_iso_and_nothing_else() {
        assert_eq!(
            Config::parse("date_style = \"iso\"").unwrap().date_style,
            DateStyle::Iso
        );
        assert_eq!(
            Config::parse("date_style = \"uk\"").unwrap().date_style,
            DateStyle::Uk
        );
        let e = Config::parse("date_style = \"us\"").unwrap_err();
        assert!(e.contains("uk") && e.contains("iso"), "{e}");
    }

    #[test]
    fn fields_override_one_at_a_time_and_zero_disables_the_lock() {
        let c = Config::parse("idle_lock_minutes = 0\nprivacy_mode = true\n").unwrap();
        assert_eq!(c.idle_lock(), None);
        assert!(c.privacy_mode);
        assert_eq!(c.late_entry_working_days, 5);
    }

    #[test]
    fn a_wrong_type_is_an_error_naming_the_file() {
        assert!(Config::parse("idle_lock_minutes = \"five\"").is_err());
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("config.toml");
        std::fs::write(&f, "privacy_mode = 3").unwrap();
        let e = Config::load_from(&f).unwrap_err().to_string();
        assert!(e.contains("config.toml"), "{e}");
    }

    #[test]
    fn a_missing_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load_from(&dir.path().join("none.toml")).unwrap();
        assert_eq!(c, Config::default());
    }
}
