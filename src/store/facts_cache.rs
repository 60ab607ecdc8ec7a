//! The visit facts cache (migration 0010): each client's last seen, last
//! contact and visits due, as `crate::practice` last worked them out, so the
//! due list, the agenda, Today and the Caseload table read one row per client
//! instead of their notes and visits. The practice layer stays the one place
//! that decides; this file only stores what it said.
//!
//! Kept current on write: triggers mark a client's row stale in the same
//! transaction as any change its facts rest on (undo and closures included).
//! Stale rows (and any client left without a row) are worked out again, and
//! stored, at the next read, inside a write-locked transaction so a
//! concurrent change cannot slip in between.
//! Rows worked out under other rules (a changed `rules.toml`, or a build
//! whose visit rules changed) are all dropped when the store first reads.

use chrono::NaiveDate;
use rusqlite::{Row, TransactionBehavior, params, params_from_iter};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

use super::due::{CLIENT_NAMES, NAME_SQL};
use super::rows::{date, fmt_date, fmt_opt_date, opt_date, parse_day};
use super::visit_facts::Scope;
use super::{Result, Store};
use crate::practice::{self, VisitFacts};
use crate::rules::VisitDue;

/// Above this many stale clients they are worked out in one pass over the
/// scope (a few grouped queries) rather than one client at a time.
const ONE_PASS_FROM: usize = 32;

/// The code that decides the facts: a change to any of it (a new build)
/// empties the cache, as a change of rules does.
const DECIDING_SOURCES: [&str; 5] = [
    include_str!("../practice/due.rs"),
    include_str!("../practice/seen.rs"),
    include_str!("../rules/engine.rs"),
    include_str!("../rules/placement.rs"),
    include_str!("visit_facts.rs"),
];

/// The form the rows are written in (see [`CachedDue`]): a new form empties
/// the cache once, as a change of rules does, so every row is written anew.
const ROW_FORM: &str =
    "visits a line each, the rule by its place (JSON when not); next_what, due_days (5)";

/// The columns `facts_from_row` reads, from `visit_facts f` and `clients c`.
fn facts_cols() -> String {
    format!("f.client_id, {NAME_SQL}, f.last_seen, f.last_contact, f.due")
}

/// A cached row with a visit due by `?1` or a warning window open by `?2`.
const DUE_OR_WARNED: &str = "(f.next_due <= ?1 OR f.first_warn <= ?2)";

impl Store {
    /// Visit facts for every client in `scope`, in id order, from the cache
    /// (worked out and stored first for any client whose row is missing).
    pub(crate) fn facts_in(&self, scope: Scope) -> Result<Vec<VisitFacts>> {
        if !self.refresh_facts()? {
            return self.computed_facts(scope);
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {cols} FROM visit_facts f JOIN clients c ON c.id = f.client_id
              WHERE {} ORDER BY c.id",
            scope.condition(),
            cols = facts_cols()
        ))?;
        let rules = RuleRefs::of(&self.rules);
        let rows = stmt.query_map(params_from_iter(scope.params()), |r| {
            facts_from_row(r, &rules)
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The visit facts of open clients with a visit due by `due_by`, or
    /// (with `warn_by`) one whose warning window opens by then: the only
    /// clients the due list and the agenda need, read through two indexes.
    pub(crate) fn facts_due_by(
        &self,
        due_by: NaiveDate,
        warn_by: Option<NaiveDate>,
    ) -> Result<Vec<VisitFacts>> {
        if !self.refresh_facts()? {
            let mut all = self.computed_facts(Scope::Open)?;
            all.retain(|f| {
                f.next_visit().is_some_and(|v| v.due <= due_by)
                    || warn_by.is_some_and(|by| first_warn(f).is_some_and(|w| w <= by))
            });
            return Ok(all);
        }
        // visit_facts first (CROSS JOIN keeps that order), through its two
        // date indexes, then each candidate's client: not every open client.
        // Written once per process: the statement cache is keyed by text.
        static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
            format!(
                "SELECT {cols} FROM visit_facts f CROSS JOIN {CLIENT_NAMES} ON c.id = f.client_id
                  WHERE {DUE_OR_WARNED} AND c.status = 'open'
                  ORDER BY f.client_id",
                cols = facts_cols()
            )
        });
        let mut stmt = self.conn.prepare_cached(&SQL)?;
        let rules = RuleRefs::of(&self.rules);
        let rows = stmt.query_map(params![fmt_date(due_by), fmt_opt_date(warn_by)], |r| {
            facts_from_row(r, &rules)
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// As [`Store::facts_due_by`] for the clients in `names` (open
    /// clients, named): the names come from there, read once, rather than
    /// from the names index client by client.
    pub(crate) fn facts_due_by_among(
        &self,
        due_by: NaiveDate,
        warn_by: Option<NaiveDate>,
        names: &super::due::ClientNames,
    ) -> Result<Vec<VisitFacts>> {
        if !self.refresh_facts()? {
            let mut all = self.facts_due_by(due_by, warn_by)?;
            all.retain(|f| names.contains_key(&f.client_id));
            return Ok(all);
        }
        // The columns facts_from_row reads, the name left to `names`.
        static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
            format!(
                "SELECT f.client_id, NULL, f.last_seen, f.last_contact, f.due FROM visit_facts f
                  WHERE {DUE_OR_WARNED} ORDER BY f.client_id"
            )
        });
        let mut stmt = self.conn.prepare_cached(&SQL)?;
        let rules = RuleRefs::of(&self.rules);
        let mut rows = stmt.query(params![fmt_date(due_by), fmt_opt_date(warn_by)])?;
        let mut all = Vec::new();
        while let Some(r) = rows.next()? {
            if let Some(name) = names.get(&r.get(0)?) {
                all.push(facts_named(r, name.clone(), &rules)?);
            }
        }
        Ok(all)
    }

    /// How many visits fall due under a visiting rule on each day from
    /// `from` to `to` (open cases; days with none left out): the lines
    /// `practice::agenda_items` makes for the agenda, counted from the
    /// days the cache keeps in a column, without decoding the visits.
    pub(crate) fn visit_days_due(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeMap<NaiveDate, u64>> {
        let mut days = BTreeMap::new();
        if !self.refresh_facts()? {
            for f in self.computed_facts(Scope::Open)? {
                for v in practice::visits_due_between(&f, from, to) {
                    *days.entry(v.due).or_insert(0) += 1;
                }
            }
            return Ok(days);
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT f.due_days FROM visit_facts f CROSS JOIN {CLIENT_NAMES} ON c.id = f.client_id
              WHERE f.next_due <= ?1 AND c.status = 'open'"
        ))?;
        let mut rows = stmt.query([fmt_date(to)])?;
        while let Some(row) = rows.next()? {
            let text: String = row.get(0)?;
            for day in text.split(',').filter(|d| !d.is_empty()) {
                let day = parse_day(day).ok_or_else(|| {
                    to_sql_error(serde::de::Error::custom("a cached visit day is not a date"))
                })?;
                if practice::falls_between(day, from, to) {
                    *days.entry(day).or_insert(0) += 1;
                }
            }
        }
        Ok(days)
    }

    /// Every client's last seen, last contact and next visit due (open and
    /// closed), by id: what the Caseload table shows, read from the cache's
    /// columns without decoding anyone's list of visits due.
    pub(crate) fn facts_brief(&self) -> Result<HashMap<i64, FactsBrief>> {
        if !self.refresh_facts()? {
            return Ok(self
                .computed_facts(Scope::All)?
                .iter()
                .map(|f| (f.client_id, FactsBrief::of(f)))
                .collect());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT client_id, last_seen, last_contact, next_due, next_what FROM visit_facts",
        )?;
        let rows = stmt.query_map([], |r| {
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
        })?;
        Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    /// The day each client was last seen (those never seen are left out),
    /// from the cache in one read: Today asks it for every unseen client.
    pub(crate) fn last_seen_days(&self) -> Result<HashMap<i64, NaiveDate>> {
        if !self.refresh_facts()? {
            return Ok(self
                .computed_facts(Scope::All)?
                .into_iter()
                .filter_map(|f| Some((f.client_id, f.last_seen?)))
                .collect());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT client_id, last_seen FROM visit_facts WHERE last_seen IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, date(r, 1)?)))?;
        Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }

    /// Works out and stores the facts of every client (after a bulk load,
    /// so the first `due` does not pay for them).
    pub(crate) fn fill_visit_facts(&self) -> Result<()> {
        self.refresh_facts().map(|_| ())
    }

    /// Makes every client's row current (stale rows are only those of
    /// clients written since the last read). False when the
    /// cache could not be written (another process holds the write lock, or
    /// a transaction is open): the caller works the facts out instead.
    fn refresh_facts(&self) -> Result<bool> {
        if !self.facts_rules_checked.get() {
            if !self.check_facts_rules()? {
                return Ok(false);
            }
            self.facts_rules_checked.set(true);
        }
        if self.stale_clients()?.is_empty() {
            return Ok(true);
        }
        let Some(tx) = self.write_lock() else {
            return Ok(false);
        };
        // Asked again under the lock: only now can nothing change under us.
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
                   (client_id, stale, last_seen, last_contact, next_due, next_what, first_warn,
                    due, due_days)
                 VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let rules = RuleRefs::of(&self.rules);
            for f in &facts {
                let due = rules.encode(&f.due).map_err(to_sql_error)?;
                let first_warn = first_warn(f);
                let next = f.next_visit_what();
                put.execute(params![
                    f.client_id,
                    fmt_opt_date(f.last_seen),
                    fmt_opt_date(f.last_contact),
                    fmt_opt_date(next.as_ref().map(|(day, _)| *day)),
                    next.map(|(_, what)| what),
                    fmt_opt_date(first_warn),
                    due,
                    due_days(f),
                ])?;
            }
        }
        tx.commit()?;
        Ok(true)
    }

    /// The clients whose row is stale, in id order (the partial index).
    fn stale_clients(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT client_id FROM visit_facts WHERE stale = 1 ORDER BY client_id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Whether there are as many rows as clients (counted once per session:
    /// the count reads every page of an index).
    fn every_client_has_a_row(&self) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT (SELECT count(*) FROM clients) = (SELECT count(*) FROM visit_facts)",
        )?;
        Ok(stmt.query_row([], |r| r.get(0))?)
    }

    /// Once per session: marks every row stale when the cache was filled
    /// under other rules or other deciding code, and gives any client left
    /// without a row a stale one; false when that could not be written.
    fn check_facts_rules(&self) -> Result<bool> {
        let mut hash = Sha256::new();
        hash.update(format!("{:?}", self.rules).as_bytes());
        for source in DECIDING_SOURCES {
            hash.update(source.as_bytes());
        }
        hash.update(ROW_FORM.as_bytes());
        let wanted: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let stored = || -> Result<Option<String>> {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT fingerprint FROM visit_facts_rules WHERE id = 1")?;
            let mut rows = stmt.query([])?;
            Ok(match rows.next()? {
                Some(r) => Some(r.get(0)?),
                None => None,
            })
        };
        if stored()?.as_deref() == Some(wanted.as_str()) && self.every_client_has_a_row()? {
            return Ok(true);
        }
        let Some(tx) = self.write_lock() else {
            return Ok(false);
        };
        // A client without a row (a database filled with the triggers off)
        // gets a stale one.
        tx.execute(
            "INSERT OR IGNORE INTO visit_facts (client_id) SELECT id FROM clients",
            [],
        )?;
        if stored()?.as_deref() != Some(wanted.as_str()) {
            tx.execute("UPDATE visit_facts SET stale = 1", [])?;
            tx.execute(
                "INSERT OR REPLACE INTO visit_facts_rules (id, fingerprint) VALUES (1, ?1)",
                [&wanted],
            )?;
            tracing::info!("visit facts cache marked stale: other rules");
        }
        tx.commit()?;
        Ok(true)
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
    /// The brief of worked-out facts (as the cache's columns hold it).
    pub(crate) fn of(f: &VisitFacts) -> FactsBrief {
        FactsBrief {
            last_seen: f.last_seen,
            last_contact: f.last_contact,
            next_visit: f.next_visit_what(),
        }
    }
}

/// The days of a client's visits due, in order, as the `due_days` column
/// keeps them ("2026-12-01,2026-12-14"; empty with none).
fn due_days(f: &VisitFacts) -> String {
    let days: Vec<String> = f.due.iter().map(|v| fmt_date(v.due)).collect();
    days.join(",")
}

/// The day the earliest warning window of a client's visits opens (stored
/// as `first_warn`).
fn first_warn(f: &VisitFacts) -> Option<NaiveDate> {
    f.due.iter().filter_map(|v| v.warn_from).min()
}

/// A cached row (with the client's name, read from `clients`).
fn facts_from_row(r: &Row<'_>, rules: &RuleRefs) -> rusqlite::Result<VisitFacts> {
    facts_named(r, r.get(1)?, rules)
}

/// [`facts_from_row`] with the client's name given (column 1 unread).
fn facts_named(r: &Row<'_>, name: String, rules: &RuleRefs) -> rusqlite::Result<VisitFacts> {
    let due: String = r.get(4)?;
    Ok(VisitFacts {
        client_id: r.get(0)?,
        name,
        last_seen: opt_date(r, 2)?,
        last_contact: opt_date(r, 3)?,
        due: rules.decode(&due).map_err(to_sql_error)?,
    })
}

/// A visit due as a cached row holds it in the JSON form: the rule as its
/// place in the rule set the cache was filled under (its id, citation and
/// weight are that rule's; the fingerprint empties the cache when the
/// rules change), or, for a visit no rule gives so (and rows written
/// before this form), those three written out.
#[derive(serde::Serialize, serde::Deserialize)]
struct CachedDue {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    r: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weight: Option<i64>,
    what: String,
    #[serde(with = "crate::dates::stored::day")]
    due: NaiveDate,
    #[serde(with = "crate::dates::stored::opt_day")]
    warn_from: Option<NaiveDate>,
}

/// Each rule's id, citation and weight, by its place in the rule set.
struct RuleRefs(Vec<(String, String, i64)>);

impl RuleRefs {
    fn of(rules: &crate::rules::RuleSet) -> RuleRefs {
        RuleRefs(
            rules
                .rules()
                .iter()
                .map(|r| (r.id.clone(), r.citation(), r.weight))
                .collect(),
        )
    }

    /// A client's visits due as the cache keeps them: one line a visit,
    /// `place TAB due TAB warn-from TAB what` (the rule by its place in the
    /// set; warn-from empty for none), or, when a visit names no rule of
    /// the set or its text holds a control character, the whole list as
    /// JSON. The short form is a third the size of the JSON, and the due
    /// list reads every open client's row.
    fn encode(&self, due: &[VisitDue]) -> serde_json::Result<String> {
        let places: Vec<Option<usize>> = due.iter().map(|v| self.place(v)).collect();
        let short = places.iter().all(Option::is_some)
            && due.iter().all(|v| !v.what.chars().any(char::is_control));
        if short {
            let mut out = String::new();
            for (v, place) in due.iter().zip(&places) {
                if !out.is_empty() {
                    out.push('\n');
                }
                if let Some(place) = place {
                    out.push_str(&place.to_string());
                }
                out.push('\t');
                out.push_str(&fmt_date(v.due));
                out.push('\t');
                if let Some(w) = v.warn_from {
                    out.push_str(&fmt_date(w));
                }
                out.push('\t');
                out.push_str(&v.what);
            }
            return Ok(out);
        }
        let rows: Vec<CachedDue> = due
            .iter()
            .zip(places)
            .map(|(v, place)| {
                let written = place.is_none();
                CachedDue {
                    r: place,
                    rule: written.then(|| v.rule.clone()),
                    source: written.then(|| v.source.clone()),
                    weight: written.then_some(v.weight),
                    what: v.what.clone(),
                    due: v.due,
                    warn_from: v.warn_from,
                }
            })
            .collect();
        serde_json::to_string(&rows)
    }

    /// The rule giving `v`, by its place in the set.
    fn place(&self, v: &VisitDue) -> Option<usize> {
        self.0.iter().position(|(id, source, weight)| {
            *id == v.rule && *source == v.source && *weight == v.weight
        })
    }

    /// The visits due [`RuleRefs::encode`] wrote, in either form (or a row
    /// of an older form, JSON with every field written out).
    fn decode(&self, text: &str) -> serde_json::Result<Vec<VisitDue>> {
        if text.starts_with('[') {
            return self.decode_json(text);
        }
        text.split('\n')
            .filter(|line| !line.is_empty())
            .map(|line| self.decode_line(line))
            .collect()
    }

    /// One visit of the short form.
    fn decode_line(&self, line: &str) -> serde_json::Result<VisitDue> {
        let bad = || serde::de::Error::custom("a cached visit is not in the short form");
        let mut parts = line.splitn(4, '\t');
        let (Some(place), Some(due), Some(warn), Some(what)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let (rule, source, weight) = place
            .parse::<usize>()
            .ok()
            .and_then(|i| self.0.get(i))
            .ok_or_else(|| serde::de::Error::custom("a cached visit names no rule"))?;
        let warn_from = if warn.is_empty() {
            None
        } else {
            Some(crate::dates::stored::parse(warn.as_bytes()).ok_or_else(bad)?)
        };
        Ok(VisitDue {
            rule: rule.clone(),
            source: source.clone(),
            what: what.to_string(),
            due: crate::dates::stored::parse(due.as_bytes()).ok_or_else(bad)?,
            warn_from,
            weight: *weight,
        })
    }

    /// The JSON form: rules by place, or written out.
    fn decode_json(&self, json: &str) -> serde_json::Result<Vec<VisitDue>> {
        let rows: Vec<CachedDue> = serde_json::from_str(json)?;
        rows.into_iter()
            .map(|c| {
                let (rule, source, weight) = match c.r.and_then(|i| self.0.get(i)) {
                    Some((id, source, weight)) => (id.clone(), source.clone(), *weight),
                    None => match (c.rule, c.source, c.weight) {
                        (Some(rule), Some(source), Some(weight)) => (rule, source, weight),
                        _ => {
                            return Err(serde::de::Error::custom("a cached visit names no rule"));
                        }
                    },
                };
                Ok(VisitDue {
                    rule,
                    source,
                    what: c.what,
                    due: c.due,
                    warn_from: c.warn_from,
                    weight,
                })
            })
            .collect()
    }
}

fn to_sql_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

#[cfg(test)]
#[path = "facts_cache_tests.rs"]
mod tests;
