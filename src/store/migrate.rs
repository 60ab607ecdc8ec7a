//! Ordered schema migrations, tracked in `PRAGMA user_version`. Each step runs
//! in its own transaction; before migrating an existing database, a backup is
//! taken beside it through SQLite's online backup API.

use crate::store::prelude::*;
use secrecy::SecretString;

use super::{Result, Store, StoreError};

/// The migrations, in order: index 0 takes version 0 to 1, and so on.
/// Append only; never edit one that has shipped.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_records.sql"),
    include_str!("migrations/0003_rules.sql"),
    include_str!("migrations/0004_today.sql"),
    include_str!("migrations/0005_visits.sql"),
    include_str!("migrations/0006_records_integrity.sql"),
    include_str!("migrations/0007_rules_breadth.sql"),
    include_str!("migrations/0008_perf.sql"),
    include_str!("migrations/0009_client_facts.sql"),
    include_str!("migrations/0010_visit_facts.sql"),
    include_str!("migrations/0011_due_indexes.sql"),
    include_str!("migrations/0012_form_drafts.sql"),
    include_str!("migrations/0013_lighter_reads.sql"),
    include_str!("migrations/0014_ids_never_reused.sql"),
    include_str!("migrations/0015_supervision_cpd.sql"),
    include_str!("migrations/0016_journeys.sql"),
    include_str!("migrations/0017_placements.sql"),
    include_str!("migrations/0018_note_kind_chosen.sql"),
    include_str!("migrations/0019_note_outcomes.sql"),
];

/// The schema version this build writes.
#[allow(clippy::cast_possible_wrap)]
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn migrate(store: &mut Store, key: Option<&SecretString>) -> Result<()> {
    migrate_with(store, key, MIGRATIONS)
}

/// Migrates with a given list (the real one, or a longer one in tests of the
/// upgrade path).
pub(crate) fn migrate_with(
    store: &mut Store,
    key: Option<&SecretString>,
    migrations: &[&str],
) -> Result<()> {
    let latest = i64::try_from(migrations.len()).unwrap_or(i64::MAX);
    let current = store.schema_version()?;
    if current > latest {
        return Err(StoreError::TooNew {
            found: current,
            known: latest,
        });
    }
    if current == latest {
        return Ok(());
    }
    if current > 0
        && let (Some(path), Some(key)) = (store.path.clone(), key)
    {
        let mut backup = path.clone().into_os_string();
        backup.push(format!(".before-v{}.bak", current + 1));
        store.backup_to(std::path::Path::new(&backup), key)?;
        tracing::info!(from = current, "backed up before migrating");
    }
    // Foreign keys off while migrating, as SQLite's procedure for changing a
    // table asks (a table rebuilt keeps its rows; dropping the old one must
    // not touch the rows that point at it); each step checks them instead.
    store.conn.execute_batch("PRAGMA foreign_keys = OFF;")?;
    let steps = run_steps(store, migrations, current);
    store.conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    steps
}

fn run_steps(store: &mut Store, migrations: &[&str], current: i64) -> Result<()> {
    for (index, sql) in migrations
        .iter()
        .enumerate()
        .skip(usize::try_from(current).unwrap_or(0))
    {
        let version = i64::try_from(index).unwrap_or(i64::MAX) + 1;
        let tx = store.conn.transaction()?;
        tx.execute_batch(sql)?;
        if sql.contains(super::ids::REBUILD_MARK) {
            super::ids::rebuild_all(&tx)?;
        }
        if sql.contains(super::note_kind::KIND_MAY_WAIT_MARK) {
            super::note_kind::kind_may_wait(&tx)?;
        }
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(StoreError::Refused(format!(
                "migration {version} would leave {broken} row(s) pointing at nothing"
            )));
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        tracing::info!(version, "migrated schema");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_reach_the_latest_version_and_validate() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
        let problems = store.integrity_problems().unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let fk: i64 = store
            .conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk, 0);
    }

    #[test]
    fn each_migration_applies_on_its_own_in_order() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("migration {} fails: {e}", i + 1));
        }
    }
}
