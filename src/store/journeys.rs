//! Journeys in the store: adding a power that follows another (or linking
//! two already recorded), with the law of that joint from the rule packs
//! (`rules::journey`): the earlier power ended, converted, suspended or
//! revoked at the later one's start; the later one's clocks counted from
//! where the law says; duties owed across the journey (s68) carried over;
//! a deadline bounded by the earlier power's. One transaction and one
//! audit row per action, so one undo takes it all back.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::audit::record;
use super::rows::{fmt_date, fmt_dt};
use super::rules_apply::{checked_start, insert_generated_row};
use super::{Result, Store, StoreError};
use crate::domain::{Deadline, EpisodeKind, LegalEpisode, NewEpisode};
use crate::rules::engine::Target;
use crate::rules::{Effect, EpisodeStart, Generated, Succession};

/// How an episode is added beyond its kind and start day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EpisodeOptions {
    /// The start time (required for kinds counted in hours).
    pub start_at: Option<NaiveDateTime>,
    /// The episode this power follows.
    pub follows: Option<i64>,
    /// The end a court, panel or authoriser set (day, and time for hours).
    pub ends: Option<(NaiveDate, Option<NaiveDateTime>)>,
}

/// What following `earlier` does, worked out before anything is written.
pub(crate) struct FollowPlan {
    pub(crate) succession: Succession,
    /// The later power's deadlines from the right starts.
    pub(crate) deadlines: Vec<Generated>,
    /// Open deadlines of duties carried over, to move to the later power.
    pub(crate) carried: Vec<i64>,
    /// The earlier power's open deadlines that stop while the later lasts.
    pub(crate) paused: Vec<i64>,
    /// Open episodes that end (the earlier one, and any `also_ends`), with
    /// the word for how.
    pub(crate) ends: Vec<(LegalEpisode, &'static str)>,
}

/// The later power as planned: whose, what, from when.
#[derive(Clone, Copy)]
pub(crate) struct Later {
    pub(crate) id: Option<i64>,
    pub(crate) client_id: i64,
    pub(crate) kind: EpisodeKind,
    pub(crate) start: EpisodeStart,
    pub(crate) dob: Option<NaiveDate>,
}

/// Whether `a` starts after `b` (by the time where both have one).
fn starts_before(a: &LegalEpisode, b: &EpisodeStart) -> bool {
    match (a.start_at, b.at) {
        (Some(x), Some(y)) => x <= y,
        _ => a.start_on <= b.on,
    }
}

impl Store {
    /// The episodes of the journey `episode_id` belongs to (every episode
    /// linked to it by `follows`, either way), in the order they began.
    pub fn journey(&self, episode_id: i64) -> Result<Vec<LegalEpisode>> {
        let e = self.episode(episode_id)?;
        let all = self.episodes(e.client_id)?;
        let mut members = vec![e.id];
        // Links only join episodes of one client: a few passes suffice.
        loop {
            let before = members.len();
            for x in &all {
                let linked = x.follows_id.is_some_and(|f| members.contains(&f))
                    || all
                        .iter()
                        .any(|y| members.contains(&y.id) && y.follows_id == Some(x.id));
                if linked && !members.contains(&x.id) {
                    members.push(x.id);
                }
            }
            if members.len() == before {
                break;
            }
        }
        let mut out: Vec<LegalEpisode> = all
            .into_iter()
            .filter(|x| members.contains(&x.id))
            .collect();
        out.sort_by_key(|x| (x.start_on, x.start_at, x.id));
        Ok(out)
    }

    /// The client's open episodes that a new episode of `kind` may follow
    /// (the packs have a transition for them), newest first.
    pub fn may_follow_open(&self, client_id: i64, kind: EpisodeKind) -> Result<Vec<LegalEpisode>> {
        Ok(self
            .episodes(client_id)?
            .into_iter()
            .filter(|e| e.end_on.is_none() && self.rules.succession(e.kind, kind).is_some())
            .collect())
    }

    /// `earlier` and the episodes it follows, back to the journey's start.
    fn ancestors(&self, earlier: &LegalEpisode) -> Result<Vec<LegalEpisode>> {
        let mut out = vec![earlier.clone()];
        let mut next = earlier.follows_id;
        while let Some(id) = next {
            if out.iter().any(|e| e.id == id) || out.len() > 100 {
                break;
            }
            let e = self.episode(id)?;
            next = e.follows_id;
            out.push(e);
        }
        Ok(out)
    }

    /// Works out what `later` following `earlier` does, refusing a joint the
    /// law does not make.
    pub(crate) fn plan_follow(&self, later: Later, earlier: &LegalEpisode) -> Result<FollowPlan> {
        if earlier.client_id != later.client_id {
            return Err(StoreError::Refused(
                "an episode can only follow another episode of the same client".into(),
            ));
        }
        if later.id == Some(earlier.id) {
            return Err(StoreError::Refused(
                "an episode cannot follow itself".into(),
            ));
        }
        let Some(succession) = self.rules.succession(earlier.kind, later.kind).cloned() else {
            return Err(StoreError::Refused(format!(
                "{} cannot follow {}: the rule packs have no such transition ({} may follow: {}; see `caseload rules show {}`)",
                later.kind.label(),
                earlier.kind.label(),
                later.kind.label(),
                self.rules.may_follow_words(later.kind),
                later.kind.as_str()
            )));
        };
        if !starts_before(earlier, &later.start) {
            return Err(StoreError::Refused(format!(
                "{} starts before the {} it would follow",
                later.kind.label(),
                earlier.kind.label()
            )));
        }
        let ends_earlier = succession.effect.ended_word().is_some();
        let hour_clock = super::rules_apply::counts_in_hours(&self.rules, earlier.kind);
        if ends_earlier && hour_clock && later.start.at.is_none() {
            return Err(StoreError::Refused(format!(
                "{} counts in hours and ends when {} begins: give the time (--start \"YYYY-MM-DD HH:MM\")",
                earlier.kind.label(),
                later.kind.label()
            )));
        }
        let line = self.ancestors(earlier)?;
        let target = Target {
            client_id: later.client_id,
            episode_id: later.id,
            dob: later.dob,
        };
        let base = if succession.counts_from_earlier {
            EpisodeStart {
                on: earlier.start_on,
                at: earlier.start_at.or(later.start.at),
            }
        } else {
            later.start
        };
        let mut duty_deadlines: Vec<Deadline> = Vec::new();
        for e in &line {
            duty_deadlines.extend(
                self.episode_deadlines(e.id)?
                    .into_iter()
                    .filter(|d| !d.cancelled && self.duty_of(d).is_some()),
            );
        }
        let present = |duty: &str| {
            duty_deadlines
                .iter()
                .any(|d| self.duty_of(d).as_deref() == Some(duty))
        };
        let mut deadlines = Vec::new();
        for g in self
            .rules
            .initial_deadlines_after(later.kind, base, target, Some(earlier.kind))
        {
            let Some(rule) = g.deadline.rule.as_deref().and_then(|r| self.rules.rule(r)) else {
                deadlines.push(g);
                continue;
            };
            if let Some(duty) = &rule.journey_duty
                && succession.carries.contains(duty)
                && present(duty)
            {
                continue;
            }
            let first = line
                .iter()
                .filter(|e| rule.journey_start.contains(&e.kind))
                .map(|e| e.start_on)
                .min();
            match first {
                Some(day) if day < base.on => {
                    deadlines.extend(self.rules.deadline_at(rule, day, 0, target));
                }
                _ => deadlines.push(g),
            }
        }
        if let (Some(bound_rule), Some(bound_by)) = (&succession.bound_rule, &succession.bound_by) {
            let bound = self
                .episode_deadlines(earlier.id)?
                .into_iter()
                .filter(|d| d.rule.as_deref() == Some(bound_by) && d.completed_on.is_none())
                .filter(|d| !d.cancelled)
                .min_by_key(|d| (d.due, d.id));
            if let Some(b) = bound {
                for g in &mut deadlines {
                    bound_to(g, bound_rule, b.due, earlier.kind);
                }
            }
        }
        let carried = if ends_earlier {
            duty_deadlines
                .iter()
                .filter(|d| d.episode_id == Some(earlier.id) && d.completed_on.is_none())
                .filter(|d| {
                    self.duty_of(d)
                        .is_some_and(|duty| succession.carries.contains(&duty))
                })
                .map(|d| d.id)
                .collect()
        } else {
            Vec::new()
        };
        let paused = self
            .episode_deadlines(earlier.id)?
            .into_iter()
            .filter(|d| d.completed_on.is_none() && !d.cancelled)
            .filter(|d| {
                d.rule
                    .as_ref()
                    .is_some_and(|r| succession.pauses.contains(r))
            })
            .map(|d| d.id)
            .collect();
        let mut ends = Vec::new();
        if let Some(word) = succession.effect.ended_word()
            && earlier.end_on.is_none()
        {
            ends.push((earlier.clone(), word));
        }
        if !succession.also_ends.is_empty() {
            for e in self.journey(earlier.id)? {
                if e.end_on.is_none()
                    && e.id != earlier.id
                    && Some(e.id) != later.id
                    && succession.also_ends.contains(&e.kind)
                {
                    ends.push((e, "ended"));
                }
            }
        }
        Ok(FollowPlan {
            succession,
            deadlines,
            carried,
            paused,
            ends,
        })
    }

    /// The journey duty (s68…) of a deadline's rule, if any.
    fn duty_of(&self, d: &Deadline) -> Option<String> {
        d.rule
            .as_deref()
            .and_then(|r| self.rules.rule(r))
            .and_then(|r| r.journey_duty.clone())
    }

    /// Adds an episode with its start time, the power it follows and the
    /// end an order set, in one transaction: its deadlines, and the law of
    /// the transition applied. Returns the episode id and its deadlines' ids.
    pub fn add_episode_with(
        &mut self,
        new: &NewEpisode,
        opts: EpisodeOptions,
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>)> {
        let planned = self.plan_new(new, opts)?;
        let tx = self.conn.transaction()?;
        let out = write_new(&tx, &planned, now)?;
        record(
            &tx,
            now,
            "episode",
            out.0,
            Some(planned.episode.client_id),
            "create",
            &["*"],
        )?;
        tx.commit()?;
        Ok(out)
    }

    /// Works out a new episode and everything its transition does, before
    /// anything is written.
    pub(crate) fn plan_new(&self, new: &NewEpisode, opts: EpisodeOptions) -> Result<NewPlan> {
        let e = new.validate()?;
        let start_at = checked_start(&self.rules, e.kind, e.start_on, opts.start_at)?;
        let dob = self.client(e.client_id)?.dob;
        let later = Later {
            id: None,
            client_id: e.client_id,
            kind: e.kind,
            start: EpisodeStart {
                on: e.start_on,
                at: start_at,
            },
            dob,
        };
        let plan = match opts.follows {
            Some(f) => {
                let earlier = self.episode(f)?;
                Some(self.plan_follow(later, &earlier)?)
            }
            None => None,
        };
        let mut deadlines = match &plan {
            Some(p) => p.deadlines.clone(),
            None => self.rules.initial_deadlines(
                e.kind,
                later.start,
                Target {
                    client_id: e.client_id,
                    episode_id: None,
                    dob,
                },
            ),
        };
        if let Some(ends) = opts.ends {
            self.set_by_order(e.kind, &mut deadlines, later.start, ends)?;
        }
        Ok(NewPlan {
            episode: e,
            start: later.start,
            follows: opts.follows,
            deadlines,
            plan,
        })
    }

    /// Links episode `later` to the `earlier` one it follows, applying the
    /// law of the transition as if it had been added so: the earlier power
    /// ends (or is suspended…) at the later one's start, carried duties
    /// move, and the later one's open deadlines counted from elsewhere are
    /// worked out again (none whose rule already has a completed deadline).
    /// Returns the new deadlines' ids. One undo takes it back.
    pub fn link_episode(
        &mut self,
        later_id: i64,
        earlier_id: i64,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>> {
        let later_ep = self.episode(later_id)?;
        if later_ep.follows_id.is_some() {
            return Err(StoreError::Refused(format!(
                "episode {later_id} already follows episode {}; undo that link first",
                later_ep.follows_id.unwrap_or_default()
            )));
        }
        let earlier = self.episode(earlier_id)?;
        if self.journey(earlier_id)?.iter().any(|e| e.id == later_id) {
            return Err(StoreError::Refused(
                "the two episodes are already in one journey".into(),
            ));
        }
        let later = Later {
            id: Some(later_id),
            client_id: later_ep.client_id,
            kind: later_ep.kind,
            start: EpisodeStart {
                on: later_ep.start_on,
                at: later_ep.start_at,
            },
            dob: self.client(later_ep.client_id)?.dob,
        };
        let plan = self.plan_follow(later, &earlier)?;
        let existing = self.episode_deadlines(later_id)?;
        // Duties carried in replace the later power's own open ones.
        let kept_rule = |r: Option<&str>| {
            plan.deadlines
                .iter()
                .any(|g| g.deadline.rule.as_deref() == r)
        };
        let replaced: Vec<i64> = existing
            .iter()
            .filter(|d| d.completed_on.is_none() && !d.cancelled && !kept_rule(d.rule.as_deref()))
            .filter(|d| {
                let not_after = d
                    .rule
                    .as_deref()
                    .and_then(|r| self.rules.rule(r))
                    .is_some_and(|r| !r.applies_after(Some(earlier.kind)));
                not_after
                    || self
                        .duty_of(d)
                        .is_some_and(|duty| plan.succession.carries.contains(&duty))
            })
            .map(|d| d.id)
            .collect();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE legal_episodes SET follows_id = ?2 WHERE id = ?1",
            params![later_id, earlier_id],
        )?;
        let mut ids = Vec::new();
        for g in &plan.deadlines {
            let Some(rule) = g.deadline.rule.as_deref() else {
                continue;
            };
            let mine: Vec<&Deadline> = existing
                .iter()
                .filter(|d| d.rule.as_deref() == Some(rule) && !d.cancelled)
                .collect();
            if mine.iter().any(|d| d.completed_on.is_some()) {
                continue;
            }
            let same = mine
                .iter()
                .any(|d| Some(d.due) == g.deadline.due && d.due_at == g.due_at);
            if same {
                continue;
            }
            cancel_ids(&tx, mine.iter().map(|d| d.id))?;
            ids.push(insert_generated_row(&tx, g, now)?);
        }
        cancel_ids(&tx, replaced.into_iter())?;
        apply_ends(&tx, &plan, later_id, later.start)?;
        record(
            &tx,
            now,
            "episode",
            later_id,
            Some(later_ep.client_id),
            "link",
            &["follows_id"],
        )?;
        tx.commit()?;
        Ok(ids)
    }

    /// Replaces the deadline of the kind's rule whose length an order sets
    /// (`set_by_order`) with the end the order gave, refused past the
    /// statutory maximum or before the start.
    fn set_by_order(
        &self,
        kind: EpisodeKind,
        deadlines: &mut [Generated],
        start: EpisodeStart,
        (on, at): (NaiveDate, Option<NaiveDateTime>),
    ) -> Result<()> {
        let mut found = false;
        for g in deadlines.iter_mut() {
            let Some(rule) = g.deadline.rule.as_deref().and_then(|r| self.rules.rule(r)) else {
                continue;
            };
            if !rule.set_by_order || g.deadline.chain_index != 0 {
                continue;
            }
            found = true;
            let max = g.deadline.due.unwrap_or(on);
            let too_long = match (g.due_at, at) {
                (Some(m), Some(a)) => a > m,
                _ => on > max,
            };
            if too_long {
                return Err(StoreError::Refused(format!(
                    "{}: an order lasts at most {} (to {}): {}",
                    kind.label(),
                    rule.unit.describe(rule.period),
                    g.due_at.map_or_else(
                        || crate::dates::display::date(max),
                        crate::dates::display::date_time
                    ),
                    rule.citation()
                )));
            }
            if on < start.on || at.zip(start.at).is_some_and(|(a, s)| a <= s) {
                return Err(StoreError::Refused(
                    "the end the order set is before its start".into(),
                ));
            }
            if rule.unit == crate::rules::Unit::Hours && at.is_none() {
                return Err(StoreError::Refused(format!(
                    "{} counts in hours: give the end time (--ends \"YYYY-MM-DD HH:MM\")",
                    kind.label()
                )));
            }
            g.deadline.due = Some(on);
            g.due_at = at.filter(|_| rule.unit == crate::rules::Unit::Hours);
            g.later_due = None;
            g.deadline.warn_from = g.deadline.warn_from.map(|w| w.min(on));
            g.window_opens = g.window_opens.map(|w| w.min(on));
            g.deadline.what = format!("{} (the end the order set)", rule.event);
        }
        if found {
            Ok(())
        } else {
            Err(StoreError::Refused(format!(
                "the length of {} is set by law, not by an order: --ends is for kinds whose end a court, panel or authoriser sets ({})",
                kind.label(),
                self.order_kinds().join(", ")
            )))
        }
    }

    /// The kinds whose length an order sets (`set_by_order`).
    fn order_kinds(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for r in self.rules.rules().iter().filter(|r| r.set_by_order) {
            if let Some(k) = r.kind
                && !out.contains(&k.as_str())
            {
                out.push(k.as_str());
            }
        }
        out
    }
}

/// A new episode as planned by `Store::plan_new`.
pub(crate) struct NewPlan {
    episode: NewEpisode,
    start: EpisodeStart,
    follows: Option<i64>,
    deadlines: Vec<Generated>,
    plan: Option<FollowPlan>,
}

/// Writes a planned episode, its deadlines and its transition inside the
/// caller's transaction (no audit row: the caller records one). Returns the
/// episode id and its deadlines' ids.
pub(crate) fn write_new(
    conn: &Connection,
    p: &NewPlan,
    now: NaiveDateTime,
) -> Result<(i64, Vec<i64>)> {
    let e = &p.episode;
    conn.execute(
        "INSERT INTO legal_episodes (client_id, kind, start_on, notes, created_at, start_at, follows_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.client_id,
            e.kind,
            fmt_date(e.start_on),
            e.notes,
            fmt_dt(now),
            p.start.at.map(fmt_dt),
            p.follows
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut ids = Vec::with_capacity(p.deadlines.len());
    for g in &p.deadlines {
        let mut g = g.clone();
        g.deadline.client_id = Some(e.client_id);
        g.deadline.episode_id = Some(id);
        ids.push(insert_generated_row(conn, &g, now)?);
    }
    if let Some(f) = &p.plan {
        apply_ends(conn, f, id, p.start)?;
    }
    Ok((id, ids))
}

/// Bounds `g` (a deadline of `bound_rule`) by the earlier power's open
/// deadline due `by`: due no later than it.
pub(crate) fn bound_to(g: &mut Generated, bound_rule: &str, by: NaiveDate, earlier: EpisodeKind) {
    if g.deadline.rule.as_deref() != Some(bound_rule) {
        return;
    }
    if g.deadline.due.is_some_and(|due| due > by) {
        g.deadline.due = Some(by);
        g.deadline.warn_from = g.deadline.warn_from.map(|w| w.min(by));
        g.deadline.what = format!(
            "{} (by the end of the {}, {})",
            g.deadline.what,
            earlier.label(),
            crate::dates::display::date(by)
        );
    }
}

/// Cancels deadlines (kept) without their own audit rows.
pub(crate) fn cancel_ids(conn: &Connection, ids: impl Iterator<Item = i64>) -> Result<()> {
    for id in ids {
        conn.execute(
            "UPDATE deadlines SET cancelled = 1 WHERE id = ?1 AND completed_on IS NULL",
            [id],
        )?;
    }
    Ok(())
}

/// Moves the carried duties to `later_id` and ends the episodes the plan
/// ends at `at`, cancelling what of theirs falls after it.
fn apply_ends(conn: &Connection, p: &FollowPlan, later_id: i64, at: EpisodeStart) -> Result<()> {
    for id in &p.carried {
        conn.execute(
            "UPDATE deadlines SET episode_id = ?2 WHERE id = ?1",
            params![id, later_id],
        )?;
    }
    cancel_ids(conn, p.paused.iter().copied())?;
    for (e, word) in &p.ends {
        end_in(conn, e, at.on, at.at, Some(word), p.succession.effect)?;
    }
    Ok(())
}

/// Ends `e` at `on` (and `at`) with `reason`, inside the caller's
/// transaction: its open deadlines falling after the end are cancelled
/// (all of them when it is suspended; for one followed by another power,
/// also those due on the day it ended, since the later power replaces it).
pub(crate) fn end_in(
    conn: &Connection,
    e: &LegalEpisode,
    on: NaiveDate,
    at: Option<NaiveDateTime>,
    reason: Option<&str>,
    effect: Effect,
) -> Result<usize> {
    conn.execute(
        "UPDATE legal_episodes SET end_on = ?2, end_at = ?3, end_reason = ?4 WHERE id = ?1",
        params![e.id, fmt_date(on), at.map(fmt_dt), reason],
    )?;
    let open: Vec<(i64, NaiveDate, Option<NaiveDateTime>)> = {
        let mut stmt = conn.prepare(
            "SELECT id, due, due_at FROM deadlines WHERE episode_id = ?1
               AND completed_on IS NULL AND cancelled = 0",
        )?;
        stmt.query_map([e.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let followed = reason.is_some();
    let after = |due: NaiveDate, due_at: Option<NaiveDateTime>| match (effect, due_at, at) {
        (Effect::Suspends, _, _) => true,
        (_, Some(d), Some(a)) => d > a,
        _ if followed => due >= on,
        _ => due > on,
    };
    let ids: Vec<i64> = open
        .into_iter()
        .filter(|(_, due, due_at)| after(*due, *due_at))
        .map(|(id, _, _)| id)
        .collect();
    let n = ids.len();
    cancel_ids(conn, ids.into_iter())?;
    Ok(n)
}
