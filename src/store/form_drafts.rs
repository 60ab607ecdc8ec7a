//! Text typed into a form and not yet saved (migration 0012): kept as the
//! practitioner types, offered back when the same form opens again, and
//! removed when the form is saved or left on purpose. Each call is one
//! statement, so one transaction.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};

use super::rows::{dt, fmt_dt};
use super::{Result, Store};

/// A form's unsaved text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormDraft {
    /// The fields as the form wrote them (JSON).
    pub fields: String,
    /// When it was last kept.
    pub saved_at: NaiveDateTime,
}

/// Unsaved forms kept between sessions.
pub trait FormDrafts {
    /// Keeps the unsaved fields of the form `key`, replacing what was kept.
    fn keep_form_draft(&self, key: &str, fields: &str, now: NaiveDateTime) -> Result<()>;

    /// The unsaved fields kept for the form `key`, if any.
    fn form_draft(&self, key: &str) -> Result<Option<FormDraft>>;

    /// The keys of the forms with unsaved text kept, oldest first.
    fn kept_form_drafts(&self) -> Result<Vec<String>>;

    /// Forgets the unsaved fields of the form `key` (it was saved, or left on purpose).
    fn drop_form_draft(&self, key: &str) -> Result<()>;
}

impl FormDrafts for Store {
    /// Keeps the unsaved fields of the form `key`, replacing what was kept.
    fn keep_form_draft(&self, key: &str, fields: &str, now: NaiveDateTime) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO form_drafts (key, fields, saved_at) VALUES (?1, ?2, ?3)",
            params![key, fields, fmt_dt(now)],
        )?;
        Ok(())
    }

    /// The unsaved fields kept for the form `key`, if any.
    fn form_draft(&self, key: &str) -> Result<Option<FormDraft>> {
        Ok(self
            .conn
            .query_row(
                "SELECT fields, saved_at FROM form_drafts WHERE key = ?1",
                [key],
                |r| {
                    Ok(FormDraft {
                        fields: r.get(0)?,
                        saved_at: dt(r, 1)?,
                    })
                },
            )
            .optional()?)
    }

    /// The keys of the forms with unsaved text kept, oldest first.
    fn kept_form_drafts(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key FROM form_drafts ORDER BY saved_at, key")?;
        let keys = stmt.query_map([], |r| r.get(0))?;
        Ok(keys.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Forgets the unsaved fields of the form `key` (it was saved, or left
    /// on purpose).
    fn drop_form_draft(&self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM form_drafts WHERE key = ?1", [key])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_draft_is_read_back_replaced_and_dropped() {
        let s = Store::open_in_memory().unwrap();
        let at = |m| {
            chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
                .and_then(|d| d.and_hms_opt(9, m, 0))
                .unwrap()
        };
        assert_eq!(s.form_draft("plan-review:1").unwrap(), None);
        s.keep_form_draft("plan-review:1", "[1]", at(1)).unwrap();
        s.keep_form_draft("plan-review:1", "[2]", at(2)).unwrap();
        s.keep_form_draft("deadline:1", "[3]", at(3)).unwrap();
        assert_eq!(
            s.form_draft("plan-review:1").unwrap(),
            Some(FormDraft {
                fields: "[2]".into(),
                saved_at: at(2)
            })
        );
        s.drop_form_draft("plan-review:1").unwrap();
        assert_eq!(s.form_draft("plan-review:1").unwrap(), None);
        assert!(s.form_draft("deadline:1").unwrap().is_some());
        assert_eq!(s.kept_form_drafts().unwrap(), ["deadline:1"]);
    }
}
