//! How much of the file a piece of work touched: SQLite's own page
//! counters, for tests that pin "opening one client reads only its rows".

use rusqlite::ffi;

use super::{Result, Store, StoreError};

impl Store {
    /// Runs `work` and counts the database pages it asked SQLite for (page
    /// cache hits plus misses: every page looked at, decrypted or not).
    /// For tests and measurements; the number does not depend on how warm
    /// the cache is.
    pub fn pages_touched<T>(&self, work: impl FnOnce(&Store) -> T) -> Result<(T, i64)> {
        self.page_counters(true)?;
        let out = work(self);
        let touched = self.page_counters(false)?;
        Ok((out, touched))
    }

    /// Cache hits plus misses since the last reset; `reset` zeroes them.
    fn page_counters(&self, reset: bool) -> Result<i64> {
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
}
