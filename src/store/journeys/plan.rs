//! Planning a journey's step before anything is written: what following
//! an earlier power does (which deadlines, from which start, what is
//! carried, paused and ended), a new episode's plan, and the end an order
//! set.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};

use super::write::NewPlan;
use super::{EpisodeOptions, FollowPlan, Later, starts_before};
use crate::domain::{Deadline, EpisodeKind, LegalEpisode, NewEpisode};
use crate::rules::engine::Target;
use crate::rules::{EpisodeStart, Generated};
use crate::store::generated_rows::checked_start;
use crate::store::{Result, Store, StoreError};

impl Store {
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
        let hour_clock = crate::store::generated_rows::counts_in_hours(&self.rules, earlier.kind);
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
    pub(super) fn duty_of(&self, d: &Deadline) -> Option<String> {
        d.rule
            .as_deref()
            .and_then(|r| self.rules.rule(r))
            .and_then(|r| r.journey_duty.clone())
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
