//! The full-text index during a bulk load: its insert triggers are lifted
//! for the load and the index is built once afterwards, in one pass per
//! kind of record, instead of row by row as every record is written.

use rusqlite::Transaction;

use super::Result;

/// The triggers that index new records as they are written.
const INDEXING_TRIGGERS: &[&str] = &[
    "notes_fts_insert",
    "addenda_fts_insert",
    "care_plans_fts_insert",
    "plan_actions_fts_insert",
];

/// Drops the indexing triggers inside `tx`; returns them to put back.
pub(crate) fn lift_indexing(tx: &Transaction<'_>) -> Result<Vec<String>> {
    let mut lifted = Vec::new();
    for name in INDEXING_TRIGGERS {
        let sql: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .ok();
        if let Some(sql) = sql {
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\";"))?;
            lifted.push(sql);
        }
    }
    Ok(lifted)
}

/// Indexes every note, addendum and care plan not yet in the index (in the
/// order they were written, as the triggers would have), then puts the
/// triggers back, all inside `tx`.
pub(crate) fn index_and_restore(tx: &Transaction<'_>, lifted: &[String]) -> Result<()> {
    // A larger in-memory term table while indexing in one pass: fewer,
    // bigger segments to merge. Put back to FTS5's default (1 MiB) after.
    set_hash_size(tx, BULK_HASH_SIZE);
    let indexed = index_unindexed(tx);
    set_hash_size(tx, DEFAULT_HASH_SIZE);
    indexed?;
    for sql in lifted {
        tx.execute_batch(&format!("{sql};"))?;
    }
    Ok(())
}

/// FTS5's in-memory term table for a bulk index pass, and its default.
const BULK_HASH_SIZE: i64 = 64 * 1024 * 1024;
const DEFAULT_HASH_SIZE: i64 = 1024 * 1024;

/// Sets FTS5's `hashsize`; an SQLite too old to know it keeps its own.
fn set_hash_size(tx: &Transaction<'_>, bytes: i64) {
    if let Err(e) = tx.execute(
        "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?1)",
        [bytes],
    ) {
        tracing::info!(error = %e, "full-text hashsize not set");
    }
}

fn index_unindexed(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "INSERT INTO search_map (src, src_id)
         SELECT src, id FROM (
             SELECT 0 AS src, id, written_at AS t FROM notes
              WHERE id NOT IN (SELECT src_id FROM search_map WHERE src = 0)
             UNION ALL SELECT 1, id, written_at FROM addenda
              WHERE id NOT IN (SELECT src_id FROM search_map WHERE src = 1)
             UNION ALL SELECT 2, id, created_at FROM care_plans
              WHERE id NOT IN (SELECT src_id FROM search_map WHERE src = 2))
         ORDER BY t, src, id;
         CREATE TEMP TABLE bulk_unindexed AS
         SELECT m.id, m.src, m.src_id FROM search_map m
          WHERE m.id NOT IN (SELECT rowid FROM search_index);
         INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
         SELECT u.id, n.body, coalesce(n.location, '') || ' ' || coalesce(n.present, ''),
                'c' || n.client_id, n.client_id, n.occurred_at
           FROM bulk_unindexed u JOIN notes n ON u.src = 0 AND n.id = u.src_id
          ORDER BY u.id;
         INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
         SELECT u.id, a.body, a.reason, 'c' || n.client_id, n.client_id, a.written_at
           FROM bulk_unindexed u JOIN addenda a ON u.src = 1 AND a.id = u.src_id
           JOIN notes n ON n.id = a.note_id
          ORDER BY u.id;
         INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
         SELECT u.id,
                p.needs || char(10) || p.outcomes || char(10) || p.strengths || char(10) || p.crisis_plan,
                coalesce((SELECT group_concat(what, ' ') FROM plan_actions WHERE plan_id = p.id), ''),
                'c' || p.client_id, p.client_id, p.created_at
           FROM bulk_unindexed u JOIN care_plans p ON u.src = 2 AND p.id = u.src_id
          ORDER BY u.id;
         DROP TABLE bulk_unindexed;",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::demo::{SynthOptions, generate};
    use crate::store::prelude::*;
    use crate::store::{SearchFilter, Store};
    use chrono::NaiveDate;

    #[test]
    fn a_bulk_load_is_fully_indexed_and_later_writes_are_indexed_again() {
        let mut s = Store::open_in_memory().unwrap();
        let now = NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let opts = SynthOptions {
            notes_per_client: 8,
            ..SynthOptions::new(12, 3)
        };
        generate(&mut s, opts, now).unwrap();
        let count = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let records = count(
            "SELECT (SELECT count(*) FROM notes) + (SELECT count(*) FROM addenda)
                  + (SELECT count(*) FROM care_plans)",
        );
        assert!(records > 96);
        assert_eq!(count("SELECT count(*) FROM search_index"), records);
        assert_eq!(count("SELECT count(*) FROM search_map"), records);
        s.conn
            .execute_batch("INSERT INTO search_index (search_index) VALUES ('integrity-check');")
            .unwrap();
        let triggers = count(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts_insert'",
        );
        assert_eq!(triggers, 4, "the indexing triggers are back");
        // The newest record comes first, as the triggers would have had it.
        let (newest, body): (i64, String) = s
            .conn
            .query_row(
                "SELECT id, body FROM notes ORDER BY written_at DESC, id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let word = body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 4)
            .max_by_key(|w| w.len())
            .unwrap()
            .to_string();
        let hits = s.search(&word, &SearchFilter::default()).unwrap();
        assert!(hits.iter().any(|h| h.note_id == Some(newest)), "{word}");
    }
}
