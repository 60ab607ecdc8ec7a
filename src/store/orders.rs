//! Periods a decision changes: extending one (to a date or time the
//! decision sets, at most the law's extension, once unless the law allows
//! more), with whatever an earlier power bounds following it (Sch A1 para
//! 76(3)); and revoking a CTO (s17F(4)), which revives the s3 (s17G).

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::audit::record;
use super::generated_rows::insert_generated_row;
use super::journeys::{EpisodeOptions, bound_to, cancel_ids, write_new};
use super::rows::{fmt_date, fmt_dt};
use super::{Result, Store, StoreError};
use crate::domain::{EpisodeKind, LegalEpisode, NewEpisode};
use crate::rules::engine::Target;
use crate::rules::{EpisodeStart, RuleSet, Unit};

/// The mark a revoked CTO leaves on the revived s3 (s68(7) counts from it).
pub const CTO_REVOKED: &str = "cto-revoked";

/// Changes to an order: extending a deadline, revoking a CTO.
pub trait OrderChanges {
    /// Extends an open deadline by its rule's full extension (s136: 12 hours; EPO: 7 days).
    fn extend_deadline(&mut self, id: i64, now: NaiveDateTime) -> Result<i64>;

    /// Extends an open deadline to `until` (none: the full extension the law allows).
    fn extend_deadline_until(
        &mut self,
        id: i64,
        until: Option<(NaiveDate, Option<NaiveDateTime>)>,
        now: NaiveDateTime,
    ) -> Result<i64>;

    /// Revokes a CTO at `at` (s17F(4)); the s3 revives as a new period (s17G).
    fn revoke_cto(&mut self, cto_id: i64, at: NaiveDateTime, now: NaiveDateTime) -> Result<i64>;
}

impl OrderChanges for Store {
    /// Extends an open deadline by its rule's full extension (s136: 12
    /// hours; an urgent DoLS authorisation or an EPO: 7 days).
    fn extend_deadline(&mut self, id: i64, now: NaiveDateTime) -> Result<i64> {
        self.extend_deadline_until(id, None, now)
    }

    /// Extends an open deadline to `until` (a day, and a time for clocks
    /// counted in hours; none: the full extension the law allows): the old
    /// deadline is cancelled (kept) and the extended one added. Refused
    /// past the law's extension, where the rule has none, or a second time
    /// where the law allows one extension only (citing it). A deadline an
    /// earlier power bounds in a later one follows it.
    fn extend_deadline_until(
        &mut self,
        id: i64,
        until: Option<(NaiveDate, Option<NaiveDateTime>)>,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let d = self.deadline(id)?;
        if d.completed_on.is_some() || d.cancelled {
            return Err(StoreError::Refused(format!(
                "deadline {id} is no longer open"
            )));
        }
        let Some(episode_id) = d.episode_id else {
            return Err(StoreError::Refused(
                "only a deadline of a legal episode can be extended".into(),
            ));
        };
        let e = self.episode(episode_id)?;
        let rule = d
            .rule
            .as_deref()
            .and_then(|r| self.rules.version_for(r, e.start_on, e.start_on))
            .cloned();
        let already = self.episode_deadlines(episode_id)?.iter().any(|o| {
            o.rule == d.rule && o.chain_index == d.chain_index && o.what.contains("(extended ")
        });
        if let Some(r) = &rule
            && already
            && !r.extend_again
        {
            return Err(StoreError::Refused(format!(
                "this period has already been extended, and the law allows one extension only: {}",
                r.citation()
            )));
        }
        let mut g = self
            .rules
            .extended(&d, d.due_at, e.start_on)
            .ok_or_else(|| {
                StoreError::Refused("the law allows no extension of this period".into())
            })?;
        if let (Some((on, at)), Some(r)) = (until, &rule) {
            let hours = r.unit == Unit::Hours;
            if hours && at.is_none() {
                return Err(StoreError::Refused(
                    "this period counts in hours: give the time (--until \"YYYY-MM-DD HH:MM\")"
                        .into(),
                ));
            }
            let max = g.deadline.due.unwrap_or(on);
            let (past_max, not_later) = match (hours, at, g.due_at, d.due_at) {
                (true, Some(a), Some(m), Some(old)) => (a > m, a <= old),
                _ => (on > max, on <= d.due),
            };
            if past_max {
                return Err(StoreError::Refused(format!(
                    "the law allows an extension of at most {} (to {}): {}",
                    r.unit.describe(r.extend.unwrap_or(0)),
                    g.due_at.map_or_else(
                        || crate::dates::display::date(max),
                        crate::dates::display::date_time
                    ),
                    r.citation()
                )));
            }
            if not_later {
                return Err(StoreError::Refused(
                    "an extension must end after the period it extends".into(),
                ));
            }
            g.deadline.due = Some(on);
            g.due_at = at.filter(|_| hours);
            g.deadline.what = format!(
                "{} (extended to {})",
                d.what,
                at.filter(|_| hours).map_or_else(
                    || crate::dates::display::date(on),
                    crate::dates::display::date_time
                )
            );
        }
        let followers = self.bounded_followers(&e)?;
        let by = (
            d.rule.clone().unwrap_or_default(),
            g.deadline.due.unwrap_or(d.due),
        );
        let rules = &self.rules;
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE deadlines SET cancelled = 1 WHERE id = ?1", [id])?;
        let new_id = insert_generated_row(&tx, &g, now)?;
        for f in &followers {
            rebound(rules, &tx, &e, f, (&by.0, by.1), now)?;
        }
        record(
            &tx,
            now,
            "deadline",
            id,
            d.client_id,
            "extend",
            &["cancelled"],
        )?;
        tx.commit()?;
        Ok(new_id)
    }

    /// Revokes a CTO at `at` (s17F(4)): the CTO (and an open recall of it)
    /// ends, revoked; the s3 revives as a new period beginning with the day
    /// of revocation (s17G), carrying the s68 references, with a new
    /// six-month right to apply (s66(1)(cb)) and the managers' reference as
    /// soon as possible (s68(7)), which replaces an open first reference
    /// (s68(3)(c)). One transaction, one undo. Returns the revived s3's
    /// episode id.
    fn revoke_cto(&mut self, cto_id: i64, at: NaiveDateTime, now: NaiveDateTime) -> Result<i64> {
        let cto = self.episode(cto_id)?;
        if cto.kind != EpisodeKind::Cto {
            return Err(StoreError::Refused(format!(
                "episode {cto_id} is {}, not a community treatment order",
                cto.kind.label()
            )));
        }
        if cto.end_on.is_some() {
            return Err(StoreError::Refused(format!(
                "episode {cto_id} has already ended"
            )));
        }
        let planned = self.plan_new(
            &NewEpisode {
                client_id: cto.client_id,
                kind: EpisodeKind::MhaS3,
                start_on: at.date(),
                notes: None,
            },
            EpisodeOptions {
                start_at: Some(at),
                follows: Some(cto_id),
                ends: None,
            },
        )?;
        // The recall ends with the revocation too (s17F(4)-(5)).
        let recalls: Vec<LegalEpisode> = self
            .episodes(cto.client_id)?
            .into_iter()
            .filter(|r| r.follows_id == Some(cto_id) && r.end_on.is_none())
            .filter(|r| r.kind == EpisodeKind::CtoRecall)
            .collect();
        let target = Target {
            client_id: cto.client_id,
            episode_id: None,
            dob: self.client(cto.client_id)?.dob,
        };
        let made = self.rules.mark_deadlines(
            EpisodeKind::MhaS3,
            CTO_REVOKED,
            None,
            EpisodeStart {
                on: at.date(),
                at: Some(at),
            },
            target,
        );
        let stopped: Vec<String> = self
            .rules
            .rules()
            .iter()
            .filter(|r| r.stop_mark.as_deref() == Some(CTO_REVOKED))
            .map(|r| r.id.clone())
            .collect();
        let tx = self.conn.transaction()?;
        let (s3, _) = write_new(&tx, &planned, now)?;
        for r in &recalls {
            super::journeys::end_in(
                &tx,
                r,
                at.date(),
                Some(at),
                Some("revoked"),
                crate::rules::Effect::Revokes,
            )?;
        }
        tx.execute(
            "INSERT INTO episode_marks (episode_id, mark, on_day, at_time, outcome, created_at)
             VALUES (?1, ?2, ?3, ?4, NULL, ?5)",
            params![
                s3,
                CTO_REVOKED,
                fmt_date(at.date()),
                fmt_dt(at),
                fmt_dt(now)
            ],
        )?;
        for rule in &stopped {
            tx.execute(
                "UPDATE deadlines SET cancelled = 1 WHERE episode_id = ?1 AND rule_id = ?2
                   AND completed_on IS NULL AND cancelled = 0",
                params![s3, rule],
            )?;
        }
        for g in &made {
            let mut g = g.clone();
            g.deadline.episode_id = Some(s3);
            insert_generated_row(&tx, &g, now)?;
        }
        record(
            &tx,
            now,
            "episode",
            cto_id,
            Some(cto.client_id),
            "revoke",
            &["end_on", "end_reason"],
        )?;
        tx.commit()?;
        Ok(s3)
    }
}

impl Store {
    /// Open episodes following `e` whose transition bounds one of their
    /// deadlines by one of `e`'s.
    fn bounded_followers(&self, e: &LegalEpisode) -> Result<Vec<LegalEpisode>> {
        Ok(self
            .episodes(e.client_id)?
            .into_iter()
            .filter(|f| f.follows_id == Some(e.id) && f.end_on.is_none())
            .filter(|f| {
                self.rules
                    .succession(e.kind, f.kind)
                    .is_some_and(|s| s.bound_rule.is_some())
            })
            .collect())
    }
}

/// Works out again the bounded deadline of `f` after `e`'s deadline of rule
/// `by.0` moved to `by.1`: its own period, no later than that.
fn rebound(
    rules: &RuleSet,
    conn: &Connection,
    e: &LegalEpisode,
    f: &LegalEpisode,
    by: (&str, NaiveDate),
    now: NaiveDateTime,
) -> Result<()> {
    let Some(s) = rules.succession(e.kind, f.kind) else {
        return Ok(());
    };
    let (Some(rule), Some(bound_by)) = (&s.bound_rule, &s.bound_by) else {
        return Ok(());
    };
    if by.0 != bound_by.as_str() {
        return Ok(());
    }
    let open: Vec<i64> = {
        let mut stmt = conn.prepare(
            "SELECT id FROM deadlines WHERE episode_id = ?1 AND rule_id = ?2
               AND completed_on IS NULL AND cancelled = 0",
        )?;
        stmt.query_map(params![f.id, rule], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    if open.is_empty() {
        return Ok(());
    }
    let target = Target {
        client_id: f.client_id,
        episode_id: Some(f.id),
        dob: None,
    };
    let start = EpisodeStart {
        on: f.start_on,
        at: f.start_at,
    };
    for mut g in rules.initial_deadlines(f.kind, start, target) {
        if g.deadline.rule.as_deref() != Some(rule.as_str()) {
            continue;
        }
        bound_to(&mut g, rule, by.1, e.kind);
        cancel_ids(conn, open.iter().copied())?;
        insert_generated_row(conn, &g, now)?;
    }
    Ok(())
}
