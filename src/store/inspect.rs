//! Reading back the safety settings in force, for `caseload check` and tests.

use serde::Serialize;

use super::{Result, Store};

/// The connection's safety pragmas as SQLite reports them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SafetySettings {
    /// `wal` for a file database (`memory` in memory).
    pub journal_mode: String,
    /// 2 = FULL.
    pub synchronous: i64,
    /// 1 = on.
    pub foreign_keys: i64,
    /// 2 = MEMORY.
    pub temp_store: i64,
}

/// What the open file is: its path, schema version, safety settings and table sizes.
pub trait Inspection {
    /// The file this store was opened from (`None` in memory).
    #[must_use]
    fn path(&self) -> Option<&std::path::Path>;

    /// The schema version of the open database.
    fn schema_version(&self) -> Result<i64>;

    /// The safety pragmas in force on this connection.
    fn safety_settings(&self) -> Result<SafetySettings>;

    /// How many rows each main table holds, for `check` and benchmarks.
    fn table_counts(&self) -> Result<Vec<(&'static str, i64)>>;
}

impl Inspection for Store {
    /// The file this store was opened from (`None` in memory).
    fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The safety pragmas in force on this connection.
    fn safety_settings(&self) -> Result<SafetySettings> {
        let q = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(SafetySettings {
            journal_mode: self
                .conn
                .query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))?
                .to_ascii_lowercase(),
            synchronous: q("PRAGMA synchronous")?,
            foreign_keys: q("PRAGMA foreign_keys")?,
            temp_store: q("PRAGMA temp_store")?,
        })
    }

    /// How many rows each main table holds, for `check` and benchmarks.
    fn table_counts(&self) -> Result<Vec<(&'static str, i64)>> {
        let mut out = Vec::new();
        for t in [
            "clients",
            "notes",
            "addenda",
            "care_plans",
            "legal_episodes",
            "deadlines",
            "actions",
            "network_members",
            "audit",
        ] {
            let n: i64 = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
            out.push((t, n));
        }
        Ok(out)
    }
}
