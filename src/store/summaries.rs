//! The Caseload table's rows: each client with the facts the table shows.

use chrono::NaiveDate;
use std::cmp::Ordering;

use super::clients::{CLIENT_COL_COUNT, CLIENT_COLS, client_from_row};
use super::rows::parse_day;
use super::{Result, Store};
use crate::domain::ClientSummary;
use crate::practice;

/// The Caseload table: one summary row per client.
pub trait ClientSummaries {
    /// The Caseload table: every client with their derived facts, by family then given name.
    fn client_summaries(&self, include_closed: bool) -> Result<Vec<ClientSummary>>;
}

impl ClientSummaries for Store {
    /// Clients with their derived facts (last seen and last contact and the
    /// next visit from `crate::practice`, next due, frameworks, drafts),
    /// ordered by family then given name, ignoring the case of ASCII letters
    /// (then by id). Each client's next open deadline (with what it is) is
    /// one seek in `deadlines_client_pending`; drafts are counted in one
    /// pass; the rows are sorted here rather than by SQLite, which would
    /// copy every row with its answers through a sorter. Closed cases only
    /// when `include_closed`.
    fn client_summaries(&self, include_closed: bool) -> Result<Vec<ClientSummary>> {
        let sql = format!(
            "SELECT {CLIENT_COLS},
                (SELECT d.due || ' ' || d.what FROM deadlines d
                   WHERE d.client_id = c.id AND d.completed_on IS NULL AND d.cancelled = 0
                   ORDER BY d.due, d.id LIMIT 1),
                (SELECT group_concat(e.kind, ',') FROM legal_episodes e
                   WHERE e.client_id = c.id AND e.end_on IS NULL),
                coalesce(dr.n, 0),
                (SELECT v.planned_at || ' ' || v.kind FROM visit_people p
                   JOIN visits v ON v.id = p.visit_id
                   WHERE p.client_id = c.id AND v.status = 'planned' AND v.planned_at IS NOT NULL
                   ORDER BY v.planned_at, v.id LIMIT 1),
                (SELECT d.due_at FROM deadlines d
                   WHERE d.client_id = c.id AND d.completed_on IS NULL AND d.cancelled = 0
                   ORDER BY d.due, d.id LIMIT 1)
             FROM clients c
             LEFT JOIN (SELECT client_id, count(*) AS n FROM notes INDEXED BY notes_drafts
                        WHERE status = 'draft' GROUP BY client_id) dr ON dr.client_id = c.id
             WHERE ?1 OR c.status = 'open'"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([include_closed], |r| {
            let deadline: Option<String> = r.get(CLIENT_COL_COUNT)?;
            let frameworks: Option<String> = r.get(CLIENT_COL_COUNT + 1)?;
            let planned: Option<String> = r.get(CLIENT_COL_COUNT + 3)?;
            let deadline_at = super::rows::opt_dt(r, CLIENT_COL_COUNT + 4)?;
            Ok((
                ClientSummary {
                    client: client_from_row(r)?,
                    last_seen: None,
                    last_contact: None,
                    next_due: None,
                    next_due_at: None,
                    next_due_what: None,
                    frameworks: frameworks.as_deref().map(frameworks_of).unwrap_or_default(),
                    drafts: r.get(CLIENT_COL_COUNT + 2)?,
                },
                deadline.as_deref().and_then(next_deadline),
                planned.as_deref().and_then(planned_visit),
                deadline_at,
            ))
        })?;
        let mut facts = self.facts_brief()?;
        let mut out = Vec::new();
        for row in rows {
            let (mut s, deadline, planned, deadline_at) = row?;
            let f = facts.remove(&s.client.id);
            s.last_seen = f.as_ref().and_then(|f| f.last_seen);
            s.last_contact = f.as_ref().and_then(|f| f.last_contact);
            let first_deadline = deadline.clone();
            let next = practice::next_due(deadline, planned, f.and_then(|f| f.next_visit));
            // A deadline counted in hours keeps its time.
            if next.is_some() && next == first_deadline {
                s.next_due_at = deadline_at;
            }
            s.next_due = next.as_ref().map(|(d, _)| *d);
            s.next_due_what = next.map(|(_, w)| w);
            out.push(s);
        }
        out.sort_by(|a, b| {
            nocase(&a.client.family_name, &b.client.family_name)
                .then_with(|| nocase(&a.client.given_name, &b.client.given_name))
                .then(a.client.id.cmp(&b.client.id))
        });
        Ok(out)
    }
}

/// SQLite's NOCASE order: byte by byte with ASCII letters folded to lower
/// case (other letters as they are), a prefix first.
fn nocase(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// The frameworks of a client's current episodes, each once, in order.
fn frameworks_of(kinds: &str) -> Vec<String> {
    let mut kinds: Vec<String> = kinds.split(',').map(str::to_string).collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// "2026-12-01 Review the plan" (a client's next open deadline) as its day
/// and what it is.
fn next_deadline(text: &str) -> Option<(NaiveDate, String)> {
    let day = parse_day(text.get(..10)?)?;
    Some((day, text.get(11..).unwrap_or_default().to_string()))
}

/// "2026-11-24T10:00:00 home-visit" (the earliest planned visit) as its
/// day and words.
fn planned_visit(text: &str) -> Option<(NaiveDate, String)> {
    let (at, kind) = text.split_once(' ')?;
    let day = parse_day(at.get(..10)?)?;
    let kind: crate::domain::NoteKind = kind.parse().ok()?;
    Some((
        day,
        crate::domain::visit::agenda_words(kind, crate::domain::VisitStatus::Planned, None),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_as_sqlite_nocase_does() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let names = [
            "abel", "Abel", "ABELL", "Ab", "Zed", "zara", "Élan", "élan", "O'Neil", "o neil", "",
        ];
        let mut ours: Vec<&str> = names.to_vec();
        ours.sort_by(|a, b| nocase(a, b).then(a.cmp(b)));
        let values = names
            .iter()
            .map(|n| format!("('{}')", n.replace('\'', "''")))
            .collect::<Vec<_>>()
            .join(",");
        let mut stmt = conn
            .prepare(&format!(
                "SELECT column1 FROM (VALUES {values}) ORDER BY column1 COLLATE NOCASE, column1"
            ))
            .unwrap();
        let sqlite: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(ours, sqlite);
    }

    #[test]
    fn a_deadline_and_frameworks_read_back() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            next_deadline("2026-12-01 Review the plan"),
            Some((d, "Review the plan".into()))
        );
        assert_eq!(next_deadline("2026-12-01 "), Some((d, String::new())));
        assert_eq!(next_deadline("not a date"), None);
        assert_eq!(frameworks_of("s3,cp,s3,cin"), ["cin", "cp", "s3"]);
    }
}
