//! Applying the rule engine to the store: episodes with their generated
//! deadlines, completing a deadline and continuing its chain, moving an
//! episode's start. Each user
//! action is one transaction; deadlines are cancelled (kept), never deleted.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::audit::record;
use super::deadlines::{DEADLINE_COLS, deadline_from_row};
use super::rows::{fmt_date, fmt_dt};
use super::{Result, Store, StoreError};
use crate::domain::validate::{self, MAX_SHORT};
use crate::domain::{Completion, Deadline, NewEpisode, VisitOutcome};

/// What marking a deadline done did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completed {
    /// Whether the deadline is now done (a statutory visit only when the
    /// person was seen).
    pub completed: bool,
    /// The visit recorded, for a statutory visit deadline.
    pub visit_id: Option<i64>,
    /// The deadlines that follow it.
    pub next: Vec<i64>,
}
use super::generated_rows::{cancel_open, checked_start, insert_generated, write_completion};
use crate::rules::engine::Target;
use crate::rules::{EpisodeStart, Generated, RuleSet};

/// The rule packs in use and the deadlines they make: legal episodes, completion, start changes.
pub trait RulesInUse {
    /// The active rules.
    #[must_use]
    fn rules(&self) -> &RuleSet;

    /// Uses these rules (the embedded packs with a practitioner's overrides) from now on.
    fn use_rules(&mut self, rules: RuleSet);

    /// Adds a legal episode and the deadlines made for it (each tied to it), in one transaction.
    fn add_episode_with_deadlines(
        &mut self,
        new: &NewEpisode,
        start_at: Option<NaiveDateTime>,
        deadlines: &[Generated],
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>)>;

    /// Adds a legal episode with the deadlines its rules generate.
    fn add_legal_episode(
        &mut self,
        new: &NewEpisode,
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>)>;

    /// Adds a legal episode starting at a date (and a time, for kinds counted in hours).
    fn add_legal_episode_at(
        &mut self,
        new: &NewEpisode,
        start_at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>)>;

    /// Marks a deadline done and adds the next deadlines its rule says follow.
    fn complete_deadline(
        &mut self,
        id: i64,
        on: NaiveDate,
        how: Completion,
        now: NaiveDateTime,
    ) -> Result<Completed>;

    /// Whether deadline `id` is a statutory visit (its rule records a visit).
    fn is_visit_deadline(&self, id: i64) -> Result<bool>;

    /// Moves an episode's start date and regenerates its open deadlines that count from the start.
    fn change_episode_start(
        &mut self,
        id: i64,
        start: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>>;

    /// As `change_episode_start`, with a start time for kinds counted in hours.
    fn change_episode_start_at(
        &mut self,
        id: i64,
        start: NaiveDate,
        start_at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>>;

    /// Every deadline of one episode, including completed and cancelled ones.
    fn episode_deadlines(&self, episode_id: i64) -> Result<Vec<Deadline>>;
}

impl RulesInUse for Store {
    /// The active rules.
    fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Uses these rules (the embedded packs with a practitioner's overrides)
    /// from now on.
    fn use_rules(&mut self, rules: RuleSet) {
        self.rules = rules;
        self.facts_rules_checked.set(false);
    }

    /// Adds a legal episode and the deadlines the engine made for it in one
    /// transaction; each deadline is tied to the new episode and its client.
    /// Returns the episode id and the deadline ids.
    fn add_episode_with_deadlines(
        &mut self,
        new: &NewEpisode,
        start_at: Option<NaiveDateTime>,
        deadlines: &[Generated],
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>)> {
        let e = new.validate()?;
        self.client(e.client_id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO legal_episodes (client_id, kind, start_on, notes, created_at, start_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                e.client_id,
                e.kind,
                fmt_date(e.start_on),
                e.notes,
                fmt_dt(now),
                start_at.map(fmt_dt)
            ],
        )?;
        let id = tx.last_insert_rowid();
        record(&tx, now, "episode", id, Some(e.client_id), "create", &["*"])?;
        let mut ids = Vec::with_capacity(deadlines.len());
        for g in deadlines {
            let mut g = g.clone();
            g.deadline.client_id = Some(e.client_id);
            g.deadline.episode_id = Some(id);
            ids.push(insert_generated(&tx, &g, now)?);
        }
        tx.commit()?;
        Ok((id, ids))
    }

    /// Adds a legal episode with the deadlines its rules generate.
    fn add_legal_episode(
        &mut self,
        new: &NewEpisode,
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>)> {
        self.add_legal_episode_at(new, None, now)
    }

    /// Adds a legal episode starting at a date and, for kinds counted in
    /// hours, a time (refused without one: hours from midnight would
    /// mislead); its deadlines come from the rule versions in force for it.
    fn add_legal_episode_at(
        &mut self,
        new: &NewEpisode,
        start_at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>)> {
        let start_at = checked_start(&self.rules, new.kind, new.start_on, start_at)?;
        let target = Target {
            client_id: new.client_id,
            episode_id: None,
            dob: self.client(new.client_id)?.dob,
        };
        let start = EpisodeStart {
            on: new.start_on,
            at: start_at,
        };
        let deadlines = self.rules.initial_deadlines(new.kind, start, target);
        self.add_episode_with_deadlines(new, start_at, &deadlines, now)
    }

    /// Marks deadline `id` done on `on` and, in the same transaction, adds
    /// the next deadlines its rule says follow (none past the episode's
    /// end, and none already open). The one place that decides completing:
    /// a statutory visit deadline takes [`Completion::Visit`] and records
    /// the visit (seen or seen alone completes it; not seen or cancelled
    /// records the attempt and leaves it open); any other deadline takes
    /// [`Completion::Outcome`]. The wrong kind is refused, nothing changed.
    fn complete_deadline(
        &mut self,
        id: i64,
        on: NaiveDate,
        how: Completion,
        now: NaiveDateTime,
    ) -> Result<Completed> {
        match (how, self.is_visit_deadline(id)?) {
            (Completion::Visit(outcome), true) => {
                self.complete_visit_deadline(id, on, outcome, now)
            }
            (Completion::Visit(_), false) => Err(StoreError::Refused(format!(
                "deadline {id} is not a statutory visit: say what came of it, not a visit outcome"
            ))),
            (Completion::Outcome(_), true) => Err(StoreError::Refused(format!(
                "deadline {id} is a statutory visit: its outcome is one of {}",
                VisitOutcome::codes()
            ))),
            (Completion::Outcome(outcome), false) => {
                let outcome = validate::optional("outcome", outcome.as_deref(), MAX_SHORT)?;
                let (d, next) = self.completion_plan(id, on, now)?;
                let tx = self.conn.transaction()?;
                let next = write_completion(&tx, &d, on, outcome.as_deref(), next, now)?;
                tx.commit()?;
                Ok(Completed {
                    completed: true,
                    visit_id: None,
                    next,
                })
            }
        }
    }

    /// Whether deadline `id` is a statutory visit (its rule records a visit).
    fn is_visit_deadline(&self, id: i64) -> Result<bool> {
        let d = self.deadline(id)?;
        Ok(d.rule
            .as_deref()
            .and_then(|r| self.rules.rule(r))
            .is_some_and(|r| r.records_visit))
    }

    /// Moves an episode's start date and regenerates its open deadlines that
    /// count from the start. A rule with a completed deadline in this episode
    /// keeps its chain: completed work is never rewritten. Returns the new
    /// deadlines' ids.
    fn change_episode_start(
        &mut self,
        id: i64,
        start: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>> {
        self.change_episode_start_at(id, start, None, now)
    }

    /// As `change_episode_start`, with a start time for kinds counted in hours.
    fn change_episode_start_at(
        &mut self,
        id: i64,
        start: NaiveDate,
        start_at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>> {
        let e = self.episode(id)?;
        let start_at = checked_start(&self.rules, e.kind, start, start_at)?;
        if e.end_on.is_some_and(|end| start > end) {
            return Err(StoreError::Refused(
                "the new start is after the episode ended".into(),
            ));
        }
        let target = Target {
            client_id: e.client_id,
            episode_id: Some(id),
            dob: self.client(e.client_id)?.dob,
        };
        let fresh = self.rules.initial_deadlines(
            e.kind,
            EpisodeStart {
                on: start,
                at: start_at,
            },
            target,
        );
        let completed_rules: Vec<String> = self
            .episode_deadlines(id)?
            .into_iter()
            .filter(|d| d.completed_on.is_some())
            .filter_map(|d| d.rule)
            .collect();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE legal_episodes SET start_on = ?2, start_at = ?3 WHERE id = ?1",
            params![id, fmt_date(start), start_at.map(fmt_dt)],
        )?;
        record(
            &tx,
            now,
            "episode",
            id,
            Some(e.client_id),
            "update",
            &["start_on", "start_at"],
        )?;
        let mut ids = Vec::new();
        for g in fresh {
            let Some(rule) = g.deadline.rule.clone() else {
                continue;
            };
            if completed_rules.contains(&rule) {
                continue;
            }
            cancel_open(&tx, id, e.client_id, None, Some(&rule), now)?;
            if e.end_on
                .is_some_and(|end| g.deadline.due.is_some_and(|due| due > end))
            {
                continue;
            }
            ids.push(insert_generated(&tx, &g, now)?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Every deadline of one episode, including completed and cancelled ones.
    fn episode_deadlines(&self, episode_id: i64) -> Result<Vec<Deadline>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {DEADLINE_COLS} FROM deadlines WHERE episode_id = ?1 ORDER BY due, id"
        ))?;
        let rows = stmt.query_map([episode_id], deadline_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl Store {
    /// Checks that deadline `id` can be completed on `on`, and works out the
    /// deadlines that follow it (none past the episode's end).
    pub(crate) fn completion_plan(
        &self,
        id: i64,
        on: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<(Deadline, Vec<Generated>)> {
        let d = self.deadline(id)?;
        if d.completed_on.is_some() {
            return Err(StoreError::Refused(format!(
                "deadline {id} is already done"
            )));
        }
        if d.cancelled {
            return Err(StoreError::Refused(format!("deadline {id} was cancelled")));
        }
        if on > now.date() {
            return Err(StoreError::Refused(
                "the date it was done is in the future".into(),
            ));
        }
        let (end_on, start_on) = match d.episode_id {
            Some(e) => {
                let e = self.episode(e)?;
                (e.end_on, e.start_on)
            }
            None => (None, d.due),
        };
        let dob = match d.client_id {
            Some(c) => self.client(c)?.dob,
            None => None,
        };
        let next: Vec<Generated> = self
            .rules
            .next_after(&d, on, start_on, dob)
            .into_iter()
            .filter(|n| match (n.deadline.due, end_on) {
                (Some(due), Some(end)) => due <= end,
                _ => true,
            })
            .collect();
        Ok((d, next))
    }
}
