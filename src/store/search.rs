//! Full-text search over notes, addenda and care plans (SQLite FTS5). The
//! index is kept in step by triggers (migration 0002) inside the same
//! transaction as the change, so a search never sees a half-written record.

use crate::store::prelude::*;
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

use super::rows::{dt, fmt_opt_date};
use super::{Result, Store, StoreError};
use crate::domain::ValidationError;
use crate::domain::found::{HitSource, SearchFilter, SearchHit, Segment};
use crate::domain::search_query;
use crate::domain::text::one_line;

const OPEN: char = '\u{e000}';
const CLOSE: char = '\u{e001}';

/// Splits an FTS5 snippet marked with private-use characters into segments,
/// sanitising each piece (stored text may hold anything).
fn segments(marked: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    let flush = |text: &mut String, hit: bool, out: &mut Vec<Segment>| {
        if !text.is_empty() {
            let clean = one_line(text);
            if !clean.is_empty() {
                out.push(Segment { text: clean, hit });
            }
            text.clear();
        }
    };
    for c in marked.chars() {
        match c {
            OPEN => {
                flush(&mut current, hit, &mut out);
                hit = true;
            }
            CLOSE => {
                flush(&mut current, hit, &mut out);
                hit = false;
            }
            c => current.push(c),
        }
    }
    flush(&mut current, hit, &mut out);
    out
}

const FILTERS: &str = "FROM search_index WHERE search_index MATCH ?1
    AND (?2 IS NULL OR substr(at, 1, 10) >= ?2) AND (?3 IS NULL OR substr(at, 1, 10) <= ?3)";

/// Search across the caseload or one client.
pub trait SearchRecords {
    /// Searches notes, addenda and care plans, newest first.
    fn search(&self, query: &str, filter: &SearchFilter) -> Result<Vec<SearchHit>>;
}

impl SearchRecords for Store {
    /// Searches notes, addenda and care plans: the most recently written
    /// matching records, shown newest first by date. Quoted phrases,
    /// `prefix*` and AND/OR/NOT work; case does not matter. A query that
    /// cannot be understood is refused with a message saying why.
    fn search(&self, query: &str, filter: &SearchFilter) -> Result<Vec<SearchHit>> {
        let expr = search_query::to_fts(query)?;
        let mut fts = format!("{{body extra}} : ({expr})");
        if let Some(c) = filter.client_id {
            fts.push_str(&format!(" AND tags : \"c{c}\""));
        }
        let limit = if filter.limit == 0 { 50 } else { filter.limit };
        // The index's own order is the order records were written, so the
        // newest matches come straight off it; no ranking, which would read
        // every match of a common word.
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT rowid, client_id, at,
                        snippet(search_index, -1, char(57344), char(57345), '…', 14)
                 {FILTERS} ORDER BY rowid DESC LIMIT ?4"
            ))?
            .query_map(
                params![
                    fts,
                    fmt_opt_date(filter.from),
                    fmt_opt_date(filter.to),
                    limit
                ],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        dt(r, 2)?,
                        r.get::<_, String>(3)?,
                    ))
                },
            )
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(query_error)?;
        let mut names: HashMap<i64, String> = HashMap::new();
        let mut hits = Vec::with_capacity(rows.len());
        for (rowid, client_id, at, snippet) in rows {
            let Some((src, id)) = self.search_source(rowid)? else {
                continue;
            };
            let (source, note_id) = match src {
                0 => (HitSource::Note, Some(id)),
                1 => (HitSource::Addendum, self.addendum_note(id)?),
                _ => (HitSource::Plan, None),
            };
            let client_name = match names.get(&client_id) {
                Some(n) => n.clone(),
                None => {
                    let n = one_line(&self.client(client_id)?.display_name());
                    names.insert(client_id, n.clone());
                    n
                }
            };
            hits.push(SearchHit {
                source,
                id,
                note_id,
                client_id,
                client_name,
                at,
                snippet: segments(&snippet),
            });
        }
        hits.sort_by_key(|h| std::cmp::Reverse(h.at));
        Ok(hits)
    }
}

impl Store {
    fn search_source(&self, rowid: i64) -> Result<Option<(i64, i64)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT src, src_id FROM search_map WHERE id = ?1")?
            .query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    fn addendum_note(&self, id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT note_id FROM addenda WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }
}

/// FTS5 reports syntax problems as plain SQLite errors; they become a
/// message about the search, never an error dump.
fn query_error(e: rusqlite::Error) -> StoreError {
    let text = e.to_string();
    if text.contains("fts5") || text.contains("syntax error") || text.contains("malformed MATCH") {
        StoreError::Invalid(ValidationError::new(
            "search",
            "could not understand that search; use words, \"a phrase\", prefix* and AND/OR/NOT",
        ))
    } else {
        StoreError::Sqlite(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migration_indexes_what_version_1_holds_in_written_order() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(super::super::migrate::MIGRATIONS[0])
            .unwrap();
        conn.execute_batch(
            "INSERT INTO clients (given_name, family_name, opened_on, created_at, updated_at)
                VALUES ('Ann', 'Example', '2026-01-01', '2026-01-01T09:00:00', '2026-01-01T09:00:00');
             INSERT INTO notes (client_id, kind, occurred_at, written_at, body, status)
                VALUES (1, 'phone', '2026-02-01T09:00:00', '2026-02-03T09:00:00', 'spoke of the landlord', 'final');
             INSERT INTO addenda (note_id, written_at, reason, body)
                VALUES (1, '2026-02-02T09:00:00', 'detail', 'the landlord again');
             INSERT INTO care_plans (client_id, version, created_at, needs)
                VALUES (1, 1, '2026-03-01T09:00:00', 'a landlord who listens');
             INSERT INTO plan_actions (plan_id, what) VALUES (1, 'ring the council');",
        )
        .unwrap();
        conn.execute_batch(super::super::migrate::MIGRATIONS[1])
            .unwrap();
        let order: Vec<(i64, i64)> = conn
            .prepare(
                "SELECT m.src, m.src_id FROM search_index s JOIN search_map m ON m.id = s.rowid
                 WHERE search_index MATCH 'landlord' ORDER BY s.rowid",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(order, vec![(1, 1), (0, 1), (2, 1)]);
        let council: i64 = conn
            .query_row(
                "SELECT count(*) FROM search_index WHERE search_index MATCH 'council'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(council, 1);
    }

    #[test]
    fn snippets_split_into_marked_segments() {
        let s = segments("met the \u{e000}landlord\u{e001} about\n\u{1b}[2Jrent");
        assert_eq!(
            s,
            vec![
                Segment {
                    text: "met the ".into(),
                    hit: false
                },
                Segment {
                    text: "landlord".into(),
                    hit: true
                },
                Segment {
                    text: " about rent".into(),
                    hit: false
                },
            ]
        );
    }
}
