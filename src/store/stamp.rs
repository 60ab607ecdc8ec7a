//! Whether anything was committed since the last look: a cheap stamp the
//! app compares before loading a screen's data again.
//!
//! Two of SQLite's counters together cover every writer:
//! - `PRAGMA data_version` changes when ANOTHER connection (the CLI beside
//!   the TUI, a second process) commits to the file; it stays the same for
//!   this connection's own commits.
//! - `sqlite3_total_changes()` counts every row this connection inserted,
//!   updated or deleted since it opened, triggers included (undo and the
//!   visit facts cache are ordinary writes), so it moves on each of its own
//!   writes, even one rolled back (a needless reload, never a missed one).

use super::{Result, Store};

/// A point in the database's history as this connection sees it: two equal
/// stamps from the same connection mean nobody committed in between.
/// Stamps from different connections (the store reopened after a lock)
/// must never be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataStamp {
    /// `PRAGMA data_version`: other connections' commits.
    data_version: i64,
    /// `total_changes()`: this connection's own writes.
    own_changes: u64,
}

impl DataStamp {
    /// Whether the two stamps differ only by this connection's own writes
    /// (no other connection committed between them).
    #[must_use]
    pub fn same_outside(&self, other: &DataStamp) -> bool {
        self.data_version == other.data_version
    }
}

/// Has anything been committed since: a stamp of the data.
pub trait DataStamps {
    /// The stamp now (one pragma read; no page of the caseload is read).
    fn data_stamp(&self) -> Result<DataStamp>;
}

impl DataStamps for Store {
    /// The stamp now (one pragma read; no page of the caseload is read).
    fn data_stamp(&self) -> Result<DataStamp> {
        let data_version = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(DataStamp {
            data_version,
            own_changes: self.conn.total_changes(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::store::prelude::*;
    use chrono::{NaiveDate, NaiveDateTime};
    use secrecy::SecretString;

    use crate::domain::NewClient;
    use crate::store::Store;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap()
    }

    fn person(given: &str) -> NewClient {
        NewClient {
            given_name: given.into(),
            family_name: "Testperson".into(),
            opened_on: NaiveDate::from_ymd_opt(2026, 6, 1),
            ..NewClient::default()
        }
    }

    #[test]
    fn reading_a_warm_store_leaves_the_stamp_alone() {
        let mut store = Store::open_in_memory().unwrap();
        store.add_client(&person("Ada"), now()).unwrap();
        // The first read may store what the visit facts cache lacked (a
        // write of its own); reading again writes nothing.
        store.client_summaries(true).unwrap();
        let before = store.data_stamp().unwrap();
        store.client_summaries(true).unwrap();
        store.has_clients().unwrap();
        assert_eq!(store.data_stamp().unwrap(), before);
    }

    #[test]
    fn a_write_through_this_store_moves_the_stamp() {
        let mut store = Store::open_in_memory().unwrap();
        let before = store.data_stamp().unwrap();
        store.add_client(&person("Ada"), now()).unwrap();
        let after = store.data_stamp().unwrap();
        assert_ne!(after, before);
        assert!(after.same_outside(&before), "own writes are not foreign");
    }

    #[test]
    fn an_undo_moves_the_stamp() {
        let mut store = Store::open_in_memory().unwrap();
        store.add_client(&person("Ada"), now()).unwrap();
        let before = store.data_stamp().unwrap();
        store.undo_last(now()).unwrap();
        assert_ne!(store.data_stamp().unwrap(), before);
    }

    #[test]
    fn a_commit_by_another_connection_to_the_encrypted_file_moves_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let key = SecretString::from("correct horse battery");
        let tui = Store::open(&db, &key).unwrap();
        let mut cli = Store::open(&db, &key).unwrap();
        let before = tui.data_stamp().unwrap();
        assert_eq!(tui.data_stamp().unwrap(), before, "stable while idle");
        cli.add_client(&person("Ada"), now()).unwrap();
        let after = tui.data_stamp().unwrap();
        assert_ne!(after, before);
        assert!(!after.same_outside(&before));
        assert_eq!(tui.clients(false).unwrap().len(), 1);
    }
}
