//! Settling the visit facts cache, once per session: rows filled under
//! another fingerprint marked stale, clients without a row given one, and
//! every stale row worked out again and stored, in one write-locked
//! transaction (so a concurrent change cannot slip in between).
//!
//! The fingerprint is the rules in use (a practitioner's `rules.toml`
//! included) and [`FACTS_SOURCE_HASH`]: the crate version and every file
//! that decides a fact, hashed by `build.rs` (see
//! `build/facts_sources.rs`). A release that could change a fact has
//! another fingerprint, and its first read works every row out again.

use rusqlite::{TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::row::{RuleRefs, first_warn};
use crate::store::rows::fmt_opt_date;
use crate::store::visit_facts::Scope;
use crate::store::{Result, Store};

include!(concat!(env!("OUT_DIR"), "/facts_sources.rs"));

/// Above this many stale clients they are worked out in one pass over
/// every client (a few grouped queries) rather than one at a time.
const ONE_PASS_FROM: usize = 32;

/// Whether the cache's rows can be read this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Settled {
    /// Current: every row not marked stale is what the practice layer says.
    Current,
    /// Could not be written (another process holds the write lock, or a
    /// transaction is open): no row can be trusted, work them out.
    Unwritten,
}

impl Store {
    /// Settles the cache: wholly at the session's first read (and after
    /// the rules change), then only when a write since left rows stale. A
    /// read of an unchanged cache writes nothing; rows that could not be
    /// stored stay stale, and the reader works them out.
    pub(super) fn settle(&self) -> Result<Settled> {
        if !self.facts_rules_checked.get() {
            let settled = self.settle_under(FACTS_SOURCE_HASH)?;
            self.facts_rules_checked.set(settled == Settled::Current);
            return Ok(settled);
        }
        if !self.stale_clients()?.is_empty() {
            // Checked this session: only the stale rows can be wrong.
            self.settle_under(FACTS_SOURCE_HASH)?;
        }
        Ok(Settled::Current)
    }

    /// Works out and stores the facts of every client whose row is stale
    /// (after a bulk load, so the first `due` does not pay for them).
    pub(crate) fn fill_visit_facts(&self) -> Result<()> {
        let settled = self.settle_under(FACTS_SOURCE_HASH)?;
        self.facts_rules_checked.set(settled == Settled::Current);
        Ok(())
    }

    /// Settles the cache for a build whose deciding files hash to
    /// `sources`: every row marked stale if it was filled under another
    /// fingerprint, then every stale row worked out and stored.
    pub(super) fn settle_under(&self, sources: &str) -> Result<Settled> {
        let mut hash = Sha256::new();
        hash.update(format!("{:?}", self.rules).as_bytes());
        hash.update(sources.as_bytes());
        let wanted: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let fresh = self.fingerprint()?.as_deref() == Some(wanted.as_str())
            && self.every_client_has_a_row()?
            && self.stale_clients()?.is_empty();
        if fresh {
            return Ok(Settled::Current);
        }
        let Some(tx) = self.write_lock() else {
            return Ok(Settled::Unwritten);
        };
        // A client without a row (a database filled with the triggers off)
        // gets a stale one.
        tx.execute(
            "INSERT OR IGNORE INTO visit_facts (client_id) SELECT id FROM clients",
            [],
        )?;
        if self.fingerprint()?.as_deref() != Some(wanted.as_str()) {
            tx.execute("UPDATE visit_facts SET stale = 1", [])?;
            tx.execute(
                "INSERT OR REPLACE INTO visit_facts_rules (id, fingerprint) VALUES (1, ?1)",
                [&wanted],
            )?;
            tracing::info!("visit facts cache marked stale: other rules or another build");
        }
        // Asked under the lock: only now can nothing change under us.
        let stale = self.stale_clients()?;
        let facts = if stale.len() >= ONE_PASS_FROM {
            let mut all = self.computed_facts(Scope::All)?;
            all.retain(|f| stale.binary_search(&f.client_id).is_ok());
            all
        } else {
            let mut some = Vec::with_capacity(stale.len());
            for id in &stale {
                some.extend(self.computed_facts(Scope::One(*id))?);
            }
            some
        };
        {
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO visit_facts
                   (client_id, stale, last_seen, last_contact, next_due, next_what, first_warn, due)
                 VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let rules = RuleRefs::of(&self.rules);
            for f in &facts {
                let next = f.next_visit_what();
                put.execute(params![
                    f.client_id,
                    fmt_opt_date(f.last_seen),
                    fmt_opt_date(f.last_contact),
                    fmt_opt_date(next.as_ref().map(|(day, _)| *day)),
                    next.map(|(_, what)| what),
                    fmt_opt_date(first_warn(f)),
                    rules.encode(&f.due).map_err(super::row::to_sql_error)?,
                ])?;
            }
        }
        tx.commit()?;
        Ok(Settled::Current)
    }

    /// The fingerprint the rows were filled under.
    fn fingerprint(&self) -> Result<Option<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT fingerprint FROM visit_facts_rules WHERE id = 1")?;
        let mut rows = stmt.query([])?;
        Ok(match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        })
    }

    /// The clients whose row is stale, in id order (the partial index).
    pub(super) fn stale_clients(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT client_id FROM visit_facts WHERE stale = 1 ORDER BY client_id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Whether there are as many rows as clients.
    fn every_client_has_a_row(&self) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT (SELECT count(*) FROM clients) = (SELECT count(*) FROM visit_facts)",
        )?;
        Ok(stmt.query_row([], |r| r.get(0))?)
    }

    /// A write-locked transaction for the cache, or `None` when one cannot
    /// be had now (a transaction is already open, or the database is busy).
    fn write_lock(&self) -> Option<rusqlite::Transaction<'_>> {
        if !self.conn.is_autocommit() {
            return None;
        }
        match rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate) {
            Ok(tx) => Some(tx),
            Err(e) => {
                tracing::warn!(error = %e, "visit facts cache not written");
                None
            }
        }
    }
}
