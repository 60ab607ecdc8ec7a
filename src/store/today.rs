//! The small, index-driven queries behind the Today screen: drafts with
//! their client's name, and the last contact of just the clients listed as
//! not seen (rather than a summary of the whole caseload).

use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;

use super::rows::dt;
use super::{Result, Store};

/// The note kinds that count as seeing a client ("last seen").
pub(crate) const CONTACT_KINDS_SQL: &str =
    "('home-visit','office','hospital','video','phone','review')";

/// A note still in draft, as Today lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    /// The note.
    pub note_id: i64,
    /// Whose.
    pub client_id: i64,
    /// Their display name.
    pub name: String,
    /// When the contact happened.
    pub occurred_at: NaiveDateTime,
    /// Whether the note is flagged significant (a shorter late-entry limit).
    pub significant: bool,
}

impl Store {
    /// Every draft note, oldest contact first, with its client's name
    /// (read through the `notes_status` index, without note bodies).
    pub fn draft_rows(&self) -> Result<Vec<DraftRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT n.id, n.client_id,
                    coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name,
                    n.occurred_at, n.significant
               FROM notes n JOIN clients c ON c.id = n.client_id
              WHERE n.status = 'draft'
              ORDER BY n.occurred_at, n.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DraftRow {
                note_id: r.get(0)?,
                client_id: r.get(1)?,
                name: r.get(2)?,
                occurred_at: dt(r, 3)?,
                significant: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The date of the last contact with each of `clients` that has one:
    /// one indexed lookup per client (`notes_client_kind_occurred`).
    pub fn last_contacts(&self, clients: &[i64]) -> Result<HashMap<i64, NaiveDate>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT max(occurred_at) FROM notes
              WHERE client_id = ?1 AND kind IN {CONTACT_KINDS_SQL}"
        ))?;
        let mut out = HashMap::new();
        for id in clients {
            let at: Option<NaiveDateTime> = stmt.query_row([id], |r| r.get(0))?;
            if let Some(at) = at {
                out.insert(*id, at.date());
            }
        }
        Ok(out)
    }
}
