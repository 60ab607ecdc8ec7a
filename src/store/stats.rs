//! How much of the file a piece of work touched: SQLite's own page
//! counters, for tests that pin "opening one client reads only its rows".

use rusqlite::ffi;

use super::{Result, Store, StoreError};

/// How many database pages a piece of work touched (for tests and measurements).
pub trait PageStats {
    /// Runs `work` and counts the database pages it asked SQLite for.
    fn pages_touched<T>(&self, work: impl FnOnce(&Store) -> T) -> Result<(T, i64)>;
}

impl PageStats for Store {
    /// Runs `work` and counts the database pages it asked SQLite for (page
    /// cache hits plus misses: every page looked at, decrypted or not).
    /// For tests and measurements; the number does not depend on how warm
    /// the cache is.
    fn pages_touched<T>(&self, work: impl FnOnce(&Store) -> T) -> Result<(T, i64)> {
        self.page_counters(true)?;
        let out = work(self);
        let touched = self.page_counters(false)?;
        Ok((out, touched))
    }
}

impl Store {
    /// Cache hits plus misses since the last reset; `reset` zeroes them.
    pub(crate) fn page_counters(&self, reset: bool) -> Result<i64> {
        let mut total = 0i64;
        for op in [
            ffi::SQLITE_DBSTATUS_CACHE_HIT,
            ffi::SQLITE_DBSTATUS_CACHE_MISS,
        ] {
            let (mut current, mut highest) = (0, 0);
            // SAFETY: the handle is this store's open connection, used on
            // this thread only; SQLite writes the two ints we own.
            let rc = unsafe {
                ffi::sqlite3_db_status(
                    self.conn.handle(),
                    op,
                    &raw mut current,
                    &raw mut highest,
                    i32::from(reset),
                )
            };
            if rc != ffi::SQLITE_OK {
                return Err(StoreError::Refused(format!(
                    "SQLite did not report its page counters (code {rc})"
                )));
            }
            total += i64::from(current);
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::prelude::*;

    #[test]
    fn reading_a_table_touches_pages_and_doing_nothing_does_not() {
        let store = Store::open_in_memory().unwrap();
        let (_, idle) = store.pages_touched(|_| ()).unwrap();
        assert_eq!(idle, 0);
        let (n, read) = store
            .pages_touched(|s| s.clients(false).map(|c| c.len()))
            .unwrap();
        assert_eq!(n.unwrap(), 0);
        assert!(read > 0, "{read}");
    }

    /// The pages `work` touches with the perf index and without it.
    fn with_and_without_indexes(work: impl Fn(&Store)) -> (i64, i64) {
        let mut s = Store::open_in_memory().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let opts = crate::demo::SynthOptions {
            notes_per_client: 10,
            ..crate::demo::SynthOptions::new(300, 5)
        };
        crate::demo::generate(&mut s, opts, now).unwrap();
        work(&s); // warm: both runs start from the same cache
        let (_, with) = s.pages_touched(&work).unwrap();
        s.conn
            .execute_batch("DROP INDEX deadlines_client_pending;")
            .unwrap();
        let (_, without) = s.pages_touched(&work).unwrap();
        (with, without)
    }

    #[test]
    fn the_caseload_list_reads_each_clients_next_deadline_from_the_index() {
        let (with, without) = with_and_without_indexes(|s| {
            s.client_summaries(false).unwrap();
        });
        eprintln!("client_summaries: {with} pages with the index, {without} without");
        assert!(
            with < without,
            "summaries: {with} pages with the index, {without} without"
        );
    }
}
