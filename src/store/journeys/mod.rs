//! Journeys in the store: adding a power that follows another (or linking
//! two already recorded), with the law of that joint from the rule packs
//! (`rules::journey`): the earlier power ended, converted, suspended or
//! revoked at the later one's start; the later one's clocks counted from
//! where the law says; duties owed across the journey (s68) carried over;
//! a deadline bounded by the earlier power's. One transaction and one
//! audit row per action, so one undo takes it all back.

mod plan;
mod write;

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::audit::record;
use super::generated_rows::insert_generated_row;
use super::{Result, Store, StoreError};
use crate::domain::{Deadline, EpisodeKind, LegalEpisode, NewEpisode};
use crate::rules::{EpisodeStart, Generated, Succession};

pub(crate) use plan::bound_to;
use write::apply_ends;
pub(crate) use write::{cancel_ids, end_in, write_new};

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

/// How one episode follows another: the journey, what may follow, linking.
pub trait EpisodeJourneys {
    /// The episodes linked by `follows` to `episode_id`'s journey, in the order they began.
    fn journey(&self, episode_id: i64) -> Result<Vec<LegalEpisode>>;

    /// The client's open episodes a new episode of `kind` may follow, newest first.
    fn may_follow_open(&self, client_id: i64, kind: EpisodeKind) -> Result<Vec<LegalEpisode>>;

    /// Adds an episode with its start time, what it follows and its end, in one transaction.
    fn add_episode_with(
        &mut self,
        new: &NewEpisode,
        opts: EpisodeOptions,
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>)>;

    /// Links episode `later` to the `earlier` one it follows, applying the transition's law.
    fn link_episode(
        &mut self,
        later_id: i64,
        earlier_id: i64,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>>;
}

impl EpisodeJourneys for Store {
    /// The episodes of the journey `episode_id` belongs to (every episode
    /// linked to it by `follows`, either way), in the order they began.
    fn journey(&self, episode_id: i64) -> Result<Vec<LegalEpisode>> {
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
    fn may_follow_open(&self, client_id: i64, kind: EpisodeKind) -> Result<Vec<LegalEpisode>> {
        Ok(self
            .episodes(client_id)?
            .into_iter()
            .filter(|e| e.end_on.is_none() && self.rules.succession(e.kind, kind).is_some())
            .collect())
    }

    /// Adds an episode with its start time, the power it follows and the
    /// end an order set, in one transaction: its deadlines, and the law of
    /// the transition applied. Returns the episode id and its deadlines' ids.
    fn add_episode_with(
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

    /// Links episode `later` to the `earlier` one it follows, applying the
    /// law of the transition as if it had been added so: the earlier power
    /// ends (or is suspended…) at the later one's start, carried duties
    /// move, and the later one's open deadlines counted from elsewhere are
    /// worked out again (none whose rule already has a completed deadline).
    /// Returns the new deadlines' ids. One undo takes it back.
    fn link_episode(
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
}

impl Store {
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
}
