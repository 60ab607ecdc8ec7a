//! The visit facts cache (migration 0010): each client's last seen, last
//! contact and visits due, as `crate::practice` last worked them out, so the
//! due list, the agenda, Today and the Caseload table read one row per client
//! instead of their notes and visits. The practice layer stays the one place
//! that decides; this folder only stores what it said.
//!
//! - Kept current on write: triggers mark a client's row stale in the same
//!   transaction as any change its facts rest on (undo and closures
//!   included).
//! - Settled before a read (`settle.rs`): at the session's first, rows
//!   filled under another fingerprint (other rules, or a build whose
//!   deciding files differ) are marked stale; then, whenever rows are
//!   stale, they are worked out again and stored, in one write-locked
//!   transaction. A read of an unchanged cache writes nothing.
//! - Read through one entry point, [`Store::facts_where`]: current rows as
//!   stored, and any row that could not be stored (another process holds
//!   the write lock) worked out afresh in memory.
//! - One row form (`row.rs`): the visits due as JSON, each naming its rule
//!   by its place in the rule set the row was filled under.

mod row;
mod settle;

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use std::collections::{BTreeMap, HashMap};

use super::due::{CLIENT_NAMES, NAME_SQL};
use super::rows::{fmt_date, opt_date};
use super::visit_facts::Scope;
use super::{Result, Store};
use crate::practice::{self, VisitFacts};
use settle::Settled;

/// Which clients' visit facts a reader wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    /// Every client in the scope.
    In(Scope),
    /// Open clients with a visit due by `due_by`, or (with `warn_by`) one
    /// whose warning window opens by then.
    DueBy {
        due_by: NaiveDate,
        warn_by: Option<NaiveDate>,
    },
}

impl Want {
    /// The clients' condition, on `c` (clients) and `f` (visit_facts).
    fn condition(self) -> &'static str {
        match self {
            Want::In(scope) => scope.condition(),
            // Through the two date indexes of visit_facts.
            Want::DueBy { .. } => "(f.next_due <= ?1 OR f.first_warn <= ?2) AND c.status = 'open'",
        }
    }

    fn params(self) -> Vec<Value> {
        match self {
            Want::In(scope) => scope.params().into_iter().map(Value::from).collect(),
            Want::DueBy { due_by, warn_by } => vec![
                Value::from(fmt_date(due_by)),
                warn_by.map_or(Value::Null, |w| Value::from(fmt_date(w))),
            ],
        }
    }

    /// The scope the facts are worked out in when not read from the cache.
    fn scope(self) -> Scope {
        match self {
            Want::In(scope) => scope,
            Want::DueBy { .. } => Scope::Open,
        }
    }

    /// Whether facts worked out in [`Want::scope`] are wanted (the same
    /// test as [`Want::condition`]'s on the cached columns).
    fn keeps(self, f: &VisitFacts) -> bool {
        match self {
            Want::In(_) => true,
            Want::DueBy { due_by, warn_by } => {
                f.next_visit().is_some_and(|v| v.due <= due_by)
                    || warn_by.is_some_and(|by| row::first_warn(f).is_some_and(|w| w <= by))
            }
        }
    }
}

impl Store {
    /// The visit facts of the clients `want` names, in id order: rows
    /// current in the cache as stored, and those still stale after settling
    /// (or all, when the fingerprint could not be checked) worked out
    /// afresh.
    pub(crate) fn facts_where(&self, want: Want) -> Result<Vec<VisitFacts>> {
        let rules = row::RuleRefs::of(&self.rules);
        self.read_cache(
            want,
            &format!("f.client_id, {NAME_SQL}, f.last_seen, f.last_contact, f.due"),
            |r| row::facts_from_row(r, &rules),
            |f| f,
            |f| f.client_id,
        )
    }

    /// The one way through the cache: `want`'s clients, each read by
    /// `from_row` from the columns `cols` of a current row, or made by
    /// `from_facts` of facts worked out afresh; in id (`id_of`) order.
    fn read_cache<T>(
        &self,
        want: Want,
        cols: &str,
        from_row: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
        from_facts: impl Fn(VisitFacts) -> T,
        id_of: impl Fn(&T) -> i64,
    ) -> Result<Vec<T>> {
        let stale = match self.settle()? {
            Settled::Current => self.stale_clients()?,
            Settled::Unwritten => {
                let mut all = self.computed_facts(want.scope())?;
                all.retain(|f| want.keeps(f));
                return Ok(all.into_iter().map(from_facts).collect());
            }
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {cols}
               FROM visit_facts f CROSS JOIN {CLIENT_NAMES} ON c.id = f.client_id
              WHERE f.stale = 0 AND {} ORDER BY f.client_id",
            want.condition()
        ))?;
        let rows = stmt.query_map(params_from_iter(want.params()), |r| from_row(r))?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        if !stale.is_empty() {
            for id in stale {
                if self.scope_has(want.scope(), id)? {
                    out.extend(
                        self.computed_facts(Scope::One(id))?
                            .into_iter()
                            .filter(|f| want.keeps(f))
                            .map(&from_facts),
                    );
                }
            }
            out.sort_by_key(&id_of);
        }
        Ok(out)
    }

    /// Whether client `id` is in `scope`.
    fn scope_has(&self, scope: Scope, id: i64) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT count(*) FROM clients c WHERE c.id = ?1 AND {}",
            match scope {
                Scope::One(_) => "c.id = ?2",
                _ => scope.condition(),
            }
        ))?;
        let n: i64 = match scope {
            Scope::One(one) => stmt.query_row(rusqlite::params![id, one], |r| r.get(0))?,
            _ => stmt.query_row([id], |r| r.get(0))?,
        };
        Ok(n > 0)
    }

    /// Visit facts for every client in `scope`, in id order.
    pub(crate) fn facts_in(&self, scope: Scope) -> Result<Vec<VisitFacts>> {
        self.facts_where(Want::In(scope))
    }

    /// The visit facts of open clients with a visit due by `due_by`, or
    /// (with `warn_by`) one whose warning window opens by then: the only
    /// clients the due list and the agenda need.
    pub(crate) fn facts_due_by(
        &self,
        due_by: NaiveDate,
        warn_by: Option<NaiveDate>,
    ) -> Result<Vec<VisitFacts>> {
        self.facts_where(Want::DueBy { due_by, warn_by })
    }

    /// How many visits fall due under a visiting rule on each day from
    /// `from` to `to` (open cases; days with none left out): the lines
    /// `practice::agenda_items` makes for the agenda.
    pub(crate) fn visit_days_due(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeMap<NaiveDate, u64>> {
        let mut days = BTreeMap::new();
        for f in self.facts_due_by(to, None)? {
            for v in practice::visits_due_between(&f, from, to) {
                *days.entry(v.due).or_insert(0) += 1;
            }
        }
        Ok(days)
    }

    /// Every client's last seen, last contact and next visit due (open and
    /// closed), by id: what the Caseload table shows.
    pub(crate) fn facts_brief(&self) -> Result<HashMap<i64, FactsBrief>> {
        // From the columns, without decoding anyone's visits due (the
        // Caseload table at 2,000 clients was 1.6-2.5x slower decoding).
        let rows = self.read_cache(
            Want::In(Scope::All),
            "f.client_id, f.last_seen, f.last_contact, f.next_due, f.next_what",
            |r| {
                let next_due = opt_date(r, 3)?;
                let next_what: Option<String> = r.get(4)?;
                Ok((
                    r.get(0)?,
                    FactsBrief {
                        last_seen: opt_date(r, 1)?,
                        last_contact: opt_date(r, 2)?,
                        next_visit: next_due.map(|day| (day, next_what.unwrap_or_default())),
                    },
                ))
            },
            |f| (f.client_id, FactsBrief::of(&f)),
            |(id, _)| *id,
        )?;
        Ok(rows.into_iter().collect())
    }

    /// The day each client was last seen (those never seen are left out):
    /// Today asks it for every unseen client.
    pub(crate) fn last_seen_days(&self) -> Result<HashMap<i64, NaiveDate>> {
        Ok(self
            .facts_in(Scope::All)?
            .into_iter()
            .filter_map(|f| Some((f.client_id, f.last_seen?)))
            .collect())
    }
}

/// What the Caseload table shows of a client's visit facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FactsBrief {
    /// The latest day they were seen in person.
    pub last_seen: Option<NaiveDate>,
    /// The latest contact of any kind.
    pub last_contact: Option<NaiveDate>,
    /// Their next visit due under any rule, and what it is.
    pub next_visit: Option<(NaiveDate, String)>,
}

impl FactsBrief {
    /// The brief of worked-out facts.
    pub(crate) fn of(f: &VisitFacts) -> FactsBrief {
        FactsBrief {
            last_seen: f.last_seen,
            last_contact: f.last_contact,
            next_visit: f.next_visit_what(),
        }
    }
}

#[cfg(test)]
mod settle_tests;
#[cfg(test)]
mod tests;
