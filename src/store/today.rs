//! The small, index-driven queries behind the Today screen: drafts with
//! their client's name (last seen comes from `Store::last_seen`).

use chrono::NaiveDateTime;

use super::due::{CLIENT_NAMES, NAME_SQL};
use super::rows::dt;
use super::{Result, Store};

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

/// The unsealed drafts Today lists.
pub trait DraftRows {
    /// Every draft note with its client's name, oldest contact first (no note bodies).
    fn draft_rows(&self) -> Result<Vec<DraftRow>>;
}

impl DraftRows for Store {
    /// Every draft note, oldest contact first, with its client's name
    /// (read through the index of drafts, without note bodies).
    fn draft_rows(&self) -> Result<Vec<DraftRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT n.id, n.client_id, {NAME_SQL}, n.occurred_at, n.significant
               FROM notes n INDEXED BY notes_drafts JOIN {CLIENT_NAMES} ON c.id = n.client_id
              WHERE n.status = 'draft'
              ORDER BY n.occurred_at, n.id"
        ))?;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewClient, NewNote, NoteKind};
    use crate::store::prelude::*;
    use chrono::NaiveDate;

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
                    kind: Some(kind),
                    outcome: crate::demo::written_outcome(kind),
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
            .filter(|i| i.kind == crate::domain::AgendaKind::Contact)
            .map(|i| i.id)
            .collect();
        assert_eq!(ids, vec![first, last]);

        let drafts = s.draft_rows().unwrap();
        assert_eq!(drafts.len(), 3);
        assert_eq!(drafts[1].note_id, first);
        assert_eq!(drafts[1].name, "Ann Testperson");
        assert!(drafts[1].significant);
        assert!(!drafts[2].significant);

        // Drafts never count as seen; once final, a visit kind does and a
        // phone call does not.
        assert!(s.last_seen(&[a, b, 999]).unwrap().is_empty());
        for d in s.draft_rows().unwrap() {
            s.finalise_note(d.note_id, Some("test"), now).unwrap();
        }
        let seen = s.last_seen(&[a, b, 999]).unwrap();
        assert_eq!(seen.get(&a), Some(&at(15, 0, 0).date()));
        assert_eq!(seen.get(&b), Some(&at(21, 0, 0).date()));
        assert_eq!(seen.get(&999), None);
    }
}
