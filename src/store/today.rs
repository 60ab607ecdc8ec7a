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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewClient, NewNote, NoteKind};

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .and_then(|x| x.and_hms_opt(h, m, 0))
            .unwrap()
    }

    #[test]
    fn drafts_contacts_and_week_bounds() {
        let mut s = Store::open_in_memory().unwrap();
        let now = at(22, 9, 0);
        let client = |s: &mut Store, given: &str| {
            s.add_client(
                &NewClient {
                    given_name: given.into(),
                    family_name: "Testperson".into(),
                    ..NewClient::default()
                },
                now,
            )
            .unwrap()
        };
        let (a, b) = (client(&mut s, "Ann"), client(&mut s, "Ben"));
        let note = |s: &mut Store, c, kind, when, significant| {
            s.add_note(
                &NewNote {
                    client_id: c,
                    kind,
                    occurred_at: when,
                    location: None,
                    present: None,
                    body: "Fictional text.".into(),
                    significant,
                },
                now,
            )
            .unwrap()
        };
        // Week Mon 16 – Sun 22: the first minute of Monday and the last of
        // Sunday are in it; the minute before and after are not.
        note(&mut s, a, NoteKind::HomeVisit, at(15, 23, 59), false);
        let first = note(&mut s, a, NoteKind::Phone, at(16, 0, 0), true);
        let last = note(&mut s, b, NoteKind::Office, at(21, 23, 59), false);
        let from = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let ids: Vec<i64> = s
            .agenda(from, to)
            .unwrap()
            .into_iter()
            .filter(|i| i.kind == "contact")
            .map(|i| i.id)
            .collect();
        assert_eq!(ids, vec![first, last]);

        let drafts = s.draft_rows().unwrap();
        assert_eq!(drafts.len(), 3);
        assert_eq!(drafts[1].note_id, first);
        assert_eq!(drafts[1].name, "Ann Testperson");
        assert!(drafts[1].significant);
        assert!(!drafts[2].significant);

        let seen = s.last_contacts(&[a, b, 999]).unwrap();
        assert_eq!(seen.get(&a), Some(&at(16, 0, 0).date()));
        assert_eq!(seen.get(&b), Some(&at(21, 0, 0).date()));
        assert_eq!(seen.get(&999), None);
    }
}
