//! Who writes the notes (issue 25 item 8): the practitioner's name, role,
//! team and Social Work England registration number, the `[author]`
//! section of `config.toml`, set with `caseload config set author.name …`
//! and read back with `caseload config show`. Every field may be missing;
//! where no name is set a note says "author not recorded".

use serde::{Deserialize, Serialize};
use std::path::Path;

/// The practitioner, as the config holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct Author {
    /// Their name.
    pub name: Option<String>,
    /// Their role ("Social worker", "AMHP").
    pub role: Option<String>,
    /// Their team.
    pub team: Option<String>,
    /// Their Social Work England registration number.
    pub registration: Option<String>,
}

/// What a note says when no author name was set.
pub const NOT_RECORDED: &str = "author not recorded";

/// The settings `caseload config set` writes, with what each holds.
pub const SETTABLE: [(&str, &str); 4] = [
    ("author.name", "your name, as it goes on each note you seal"),
    ("author.role", "your role, such as Social worker or AMHP"),
    ("author.team", "your team"),
    (
        "author.registration",
        "your Social Work England registration number",
    ),
];

impl Author {
    /// "Priya Testworker, AMHP, North team (Social Work England SW123456)",
    /// or [`NOT_RECORDED`] when no name is set.
    #[must_use]
    pub fn shown(&self) -> String {
        let Some(name) = self.name.as_deref().filter(|n| !n.trim().is_empty()) else {
            return NOT_RECORDED.into();
        };
        let mut out = name.to_string();
        for part in [&self.role, &self.team].into_iter().flatten() {
            out.push_str(", ");
            out.push_str(part);
        }
        if let Some(reg) = &self.registration {
            out.push_str(&format!(" (Social Work England {reg})"));
        }
        out
    }

    /// The value of one of [`SETTABLE`], if set.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        match key {
            "author.name" => self.name.as_deref(),
            "author.role" => self.role.as_deref(),
            "author.team" => self.team.as_deref(),
            "author.registration" => self.registration.as_deref(),
            _ => None,
        }
    }
}

/// Sets `key` (one of [`SETTABLE`]) to `value` in the config file at
/// `path`, keeping every other setting in it; an empty value removes it.
/// The file is created, private to the user, when missing. Refused with
/// nothing written for an unknown key, a value over one line or 200
/// characters, or a file that is not valid TOML.
pub fn set_in_file(path: &Path, key: &str, value: &str) -> Result<(), String> {
    let Some((section, field)) = key
        .split_once('.')
        .filter(|_| SETTABLE.iter().any(|(k, _)| *k == key))
    else {
        let keys: Vec<&str> = SETTABLE.iter().map(|(k, _)| *k).collect();
        return Err(format!(
            "\"{}\" is not a setting; use one of: {}",
            crate::domain::text::one_line(key),
            keys.join(", ")
        ));
    };
    let value = value.trim();
    if value.contains(['\n', '\r']) || value.chars().count() > 200 {
        return Err(format!("{key} takes one line of up to 200 characters"));
    }
    let shown = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("could not read {shown}: {e}")),
    };
    let mut table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| format!("{shown} is not valid: {}", e.message()))?;
    let part = table
        .entry(section)
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    let Some(part) = part.as_table_mut() else {
        return Err(format!("{shown} has {section} as a value, not a section"));
    };
    if value.is_empty() {
        part.remove(field);
    } else {
        part.insert(field.into(), toml::Value::String(value.into()));
    }
    let out = toml::to_string(&table).map_err(|e| e.to_string())?;
    crate::config::Config::parse(&out).map_err(|e| format!("{shown} would not be valid: {e}"))?;
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        crate::platform::perms::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let write = || -> std::io::Result<()> {
        let mut file = crate::platform::perms::open(
            std::fs::OpenOptions::new()
                .create(true)
                .write(true)
                .truncate(true),
            path,
        )?;
        std::io::Write::write_all(&mut file, out.as_bytes())
    };
    write().map_err(|e| format!("could not write {shown}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// Issue 25 item 8: who writes the notes is set once, kept in the file
    /// beside the other settings, and changeable.
    #[test]
    fn the_author_is_set_key_by_key_keeping_the_rest_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("config.toml");
        std::fs::write(&f, "idle_lock_minutes = 9\n[rules.s2]\ndays = 28\n").unwrap();
        set_in_file(&f, "author.name", "Priya Testworker").unwrap();
        set_in_file(&f, "author.role", "AMHP").unwrap();
        set_in_file(&f, "author.registration", " SW123456 ").unwrap();
        let c = Config::load_from(&f).unwrap();
        assert_eq!(c.idle_lock_minutes, 9);
        assert_eq!(
            c.author.shown(),
            "Priya Testworker, AMHP (Social Work England SW123456)"
        );
        assert!(std::fs::read_to_string(&f).unwrap().contains("days = 28"));
        // Changeable, and removable with an empty value.
        set_in_file(&f, "author.role", "Social worker").unwrap();
        set_in_file(&f, "author.registration", "").unwrap();
        set_in_file(&f, "author.team", "North team").unwrap();
        let c = Config::load_from(&f).unwrap();
        assert_eq!(
            c.author.shown(),
            "Priya Testworker, Social worker, North team"
        );
        // Refused, nothing written.
        let before = std::fs::read_to_string(&f).unwrap();
        let e = set_in_file(&f, "author.nmae", "x").unwrap_err();
        assert!(e.contains("author.name"), "{e}");
        assert!(set_in_file(&f, "author.name", "two\nlines").is_err());
        assert!(set_in_file(&f, "privacy_mode", "yes").is_err());
        assert_eq!(std::fs::read_to_string(&f).unwrap(), before);
        // A new file (and folder) is made where there was none.
        let fresh = dir.path().join("new").join("config.toml");
        set_in_file(&fresh, "author.team", "North AMHP").unwrap();
        let c = Config::load_from(&fresh).unwrap();
        assert_eq!(c.author.team.as_deref(), Some("North AMHP"));
        // A team alone is no author.
        assert_eq!(c.author.shown(), NOT_RECORDED);
    }
}
