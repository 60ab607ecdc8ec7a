//! Turns an episode kind and start date into its chain of deadlines, works
//! out the next deadline after a completion, and the next visit due from the
//! last contact.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::pack::{Chain, CountsFrom, Rule, RuleSet};
use super::period::{period_end, window_start};
use crate::domain::{Deadline, EpisodeKind, NewDeadline, NoteKind};

/// Whose deadlines are being made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The client.
    pub client_id: i64,
    /// The generating episode, once it has an id.
    pub episode_id: Option<i64>,
}

/// What the store knows about a client for working out visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitBasis {
    /// The client.
    pub client_id: i64,
    /// The client's display name.
    pub client_name: String,
    /// The client's own visiting frequency, in days.
    pub visit_every_days: Option<u32>,
    /// When the case opened (counted from when there is no contact yet).
    pub opened_on: NaiveDate,
    /// Current (not ended) episodes: kind and start.
    pub episodes: Vec<(EpisodeKind, NaiveDate)>,
    /// The latest contact of each kind: kind and date.
    pub last_contacts: Vec<(NoteKind, NaiveDate)>,
}

/// A visit that falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitDue {
    /// The visiting rule.
    pub rule: String,
    /// The citation as shown.
    pub source: String,
    /// What is due.
    pub what: String,
    /// When.
    pub due: NaiveDate,
    /// From when to show it.
    pub warn_from: Option<NaiveDate>,
    /// The rule's weight.
    pub weight: i64,
}

impl RuleSet {
    /// The deadline of `rule` at chain position `index` for a period counted
    /// from `base` (including `base` when the rule says "beginning with").
    #[must_use]
    pub fn deadline_at(
        &self,
        rule: &Rule,
        base: NaiveDate,
        index: usize,
        target: Target,
    ) -> Option<NewDeadline> {
        self.deadline_counted(rule, base, index, target, rule.beginning_with)
    }

    /// The next deadline of a chain that runs on from the previous deadline.
    /// The statutes renew "from the expiration" of the previous period
    /// (MHA s20(2), s20A(3)), so the next period is counted from the old
    /// expiry day, excluded: where months are uneven (a period ending on
    /// 28 February) this gives the earliest defensible date, never a later one.
    fn renewal_at(
        &self,
        rule: &Rule,
        prev_due: NaiveDate,
        index: usize,
        target: Target,
    ) -> Option<NewDeadline> {
        self.deadline_counted(rule, prev_due, index, target, false)
    }

    fn deadline_counted(
        &self,
        rule: &Rule,
        base: NaiveDate,
        index: usize,
        target: Target,
        beginning_with: bool,
    ) -> Option<NewDeadline> {
        let n = rule.period_at(index)?;
        let due = period_end(base, n, rule.unit, beginning_with, &self.calendar)?;
        let warn_from = rule.warn.and_then(|w| {
            window_start(due, w, rule.warn_unit.unwrap_or(rule.unit), &self.calendar)
        });
        let what = if index == 0 {
            rule.event.clone()
        } else {
            format!("{} (#{})", rule.event, index + 1)
        };
        Some(NewDeadline {
            client_id: Some(target.client_id),
            episode_id: target.episode_id,
            what,
            due: Some(due),
            warn_from,
            rule: Some(rule.id.clone()),
            source: Some(rule.citation()),
            weight: Some(rule.weight),
            chain_index: i64::try_from(index).unwrap_or(i64::MAX),
        })
    }

    /// The deadlines a new episode of `kind` starting on `start` generates
    /// at once, earliest first. Rules counted from another rule's completion
    /// follow when that one is done; visits are worked out from contacts.
    #[must_use]
    pub fn initial_deadlines(
        &self,
        kind: EpisodeKind,
        start: NaiveDate,
        target: Target,
    ) -> Vec<NewDeadline> {
        let mut out: Vec<NewDeadline> = self
            .rules
            .iter()
            .filter(|r| r.kind == Some(kind) && r.counts_from == CountsFrom::EpisodeStart)
            .filter_map(|r| self.deadline_at(r, start, 0, target))
            .collect();
        out.sort_by(|a, b| a.due.cmp(&b.due).then(b.weight.cmp(&a.weight)));
        out
    }

    /// What follows when `done` (a deadline generated for an episode) is
    /// completed on `on`: the next in its own chain (where the rule says the
    /// chain continues), and the first deadline of every rule that counts
    /// from this rule's completion.
    #[must_use]
    pub fn next_after(&self, done: &Deadline, on: NaiveDate) -> Vec<NewDeadline> {
        let Some(rule) = done.rule.as_deref().and_then(|id| self.rule(id)) else {
            return Vec::new();
        };
        // Only deadlines generated for an episode continue: a deadline added
        // by hand that merely names a rule has no chain to follow.
        let (Some(client_id), Some(_)) = (done.client_id, done.episode_id) else {
            return Vec::new();
        };
        let target = Target {
            client_id,
            episode_id: done.episode_id,
        };
        let index = usize::try_from(done.chain_index).unwrap_or(0);
        let mut out = Vec::new();
        match rule.chain {
            Chain::Stop => {}
            Chain::PreviousDeadline => {
                out.extend(self.renewal_at(rule, done.due, index + 1, target));
            }
            Chain::LastCompletion => out.extend(self.deadline_at(rule, on, index + 1, target)),
        }
        // A dependent rule starts only once, from its parent's first completion.
        if index == 0 {
            for dep in self.rules.iter().filter(|r| {
                r.counts_from == CountsFrom::Completion && r.after.as_deref() == Some(&rule.id)
            }) {
                out.extend(self.deadline_at(dep, on, 0, target));
            }
        }
        out.sort_by_key(|a| a.due);
        out
    }

    /// The first `count` due dates of a rule's chain from `start`, assuming
    /// each is completed on its due date (for checking a pack by eye).
    #[must_use]
    pub fn chain_dates(&self, rule: &Rule, start: NaiveDate, count: usize) -> Vec<NaiveDate> {
        let target = Target {
            client_id: 0,
            episode_id: None,
        };
        let mut out: Vec<NaiveDate> = Vec::new();
        for index in 0..count {
            let next = match (out.last(), rule.chain) {
                (None, _) => self.deadline_at(rule, start, index, target),
                (Some(_), Chain::Stop) => break,
                (Some(prev), Chain::PreviousDeadline) => {
                    self.renewal_at(rule, *prev, index, target)
                }
                (Some(prev), Chain::LastCompletion) => self.deadline_at(rule, *prev, index, target),
            };
            let Some(d) = next.and_then(|d| d.due) else {
                break;
            };
            out.push(d);
        }
        out
    }

    /// The visits due for one client: from their own visiting frequency and
    /// from visiting rules of their current episodes, each counted from the
    /// last contact of a kind the rule accepts (or the start, with none).
    #[must_use]
    pub fn visits_due(&self, basis: &VisitBasis) -> Vec<VisitDue> {
        let mut out = Vec::new();
        for rule in self.rules.iter().filter(|r| r.is_visit()) {
            let last_since = |since: NaiveDate| {
                basis
                    .last_contacts
                    .iter()
                    .filter(|(k, d)| rule.contact_kinds.contains(k) && *d >= since)
                    .map(|(_, d)| *d)
                    .max()
            };
            match rule.kind {
                None => {
                    let Some(days) = basis.visit_every_days else {
                        continue;
                    };
                    // Any contact counts, even one recorded from before the case opened.
                    let base = last_since(NaiveDate::MIN).unwrap_or(basis.opened_on);
                    let Some(due) = base.checked_add_days(Days::new(u64::from(days))) else {
                        continue;
                    };
                    out.push(self.visit(rule, due, format!("{} (every {days} days)", rule.event)));
                }
                Some(kind) => {
                    for (_, start) in basis.episodes.iter().filter(|(k, _)| *k == kind) {
                        let base = last_since(*start).unwrap_or(*start);
                        let Some(due) =
                            period_end(base, rule.period, rule.unit, false, &self.calendar)
                        else {
                            continue;
                        };
                        out.push(self.visit(rule, due, rule.event.clone()));
                    }
                }
            }
        }
        out
    }

    fn visit(&self, rule: &Rule, due: NaiveDate, what: String) -> VisitDue {
        VisitDue {
            rule: rule.id.clone(),
            source: rule.citation(),
            what,
            due,
            warn_from: rule.warn.and_then(|w| {
                window_start(due, w, rule.warn_unit.unwrap_or(rule.unit), &self.calendar)
            }),
            weight: rule.weight,
        }
    }
}
