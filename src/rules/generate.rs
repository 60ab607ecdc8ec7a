//! Turns an episode into its chain of deadlines: the first deadlines from
//! the start (a date, or a date and time for rules counted in hours), the
//! next after a completion, those counted from dates entered by hand
//! (marks), and an extension. Each deadline carries the reading of the law
//! it uses: the date to act by is the earlier reading at a month's end, the
//! date a window opens the later one.

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::engine::Target;
use super::hours;
use super::pack::{Chain, CountsFrom, Rule, RuleSet};
use super::period::{Unit, before, period_end, window_opens, window_start};
use crate::domain::{Deadline, EpisodeKind, NewDeadline};

/// What an episode's deadlines count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeStart {
    /// The start date (admission, referral, strategy discussion…).
    pub on: NaiveDate,
    /// The start time, for rules counted in hours (arrival at the place of
    /// safety); none counts hours from the start of the day.
    pub at: Option<NaiveDateTime>,
}

impl EpisodeStart {
    /// A start with a date only.
    #[must_use]
    pub fn day(on: NaiveDate) -> EpisodeStart {
        EpisodeStart { on, at: None }
    }
}

/// A deadline the engine made, with what a plain date cannot carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The deadline to store (`due` is the date to act by).
    pub deadline: NewDeadline,
    /// The time it falls due, for rules counted in hours (wall-clock UK).
    pub due_at: Option<NaiveDateTime>,
    /// The day the window to do it opens (later reading), for rules with one.
    pub window_opens: Option<NaiveDate>,
    /// The act-by date on the later reading, where it differs from `due`.
    pub later_due: Option<NaiveDate>,
}

/// How a period is counted: from where, and how the readings differ.
#[derive(Clone, Copy)]
struct Count {
    base: NaiveDate,
    base_at: Option<NaiveDateTime>,
    index: usize,
    beginning_with: bool,
    /// A renewal "from the expiration": also work out the later reading
    /// (beginning with the day after `base`).
    renewal: bool,
}

impl RuleSet {
    fn generate(&self, rule: &Rule, c: Count, target: Target) -> Option<Generated> {
        if rule.skip_first && c.index == 0 && !c.renewal {
            // The first period carries no duty or right: the first deadline
            // is the end of the period after it, counted as renewals are.
            let first = self.generate_period(rule, c, target)?;
            return self.renewal_at(rule, first.deadline.due?, 1, target);
        }
        self.generate_period(rule, c, target)
    }

    /// The deadline ending the period `c` counts (see `generate`).
    fn generate_period(&self, rule: &Rule, c: Count, target: Target) -> Option<Generated> {
        let period_start = if c.beginning_with && !c.renewal {
            c.base
        } else {
            c.base.succ_opt()?
        };
        let n = rule.period_for(c.index, target.dob, period_start)?;
        let (due, due_at) = if rule.unit == Unit::Hours {
            let from = c.base_at.or_else(|| c.base.and_hms_opt(0, 0, 0))?;
            let at = hours::add_hours(from, n).ok()?;
            (at.date(), Some(at))
        } else {
            (
                period_end(c.base, n, rule.unit, c.beginning_with, &self.calendar)?,
                None,
            )
        };
        let later = if c.renewal {
            period_end(c.base.succ_opt()?, n, rule.unit, true, &self.calendar).filter(|l| *l != due)
        } else {
            None
        };
        let opens = if rule.window_whole_period {
            Some(period_start)
        } else {
            rule.window.and_then(|w| {
                let unit = rule.window_unit.unwrap_or(rule.unit);
                window_opens(later.unwrap_or(due), w, unit, &self.calendar)
            })
        };
        Some(self.made(rule, c.index, due, due_at, opens, later, target))
    }

    #[allow(clippy::too_many_arguments)]
    fn made(
        &self,
        rule: &Rule,
        index: usize,
        due: NaiveDate,
        due_at: Option<NaiveDateTime>,
        opens: Option<NaiveDate>,
        later: Option<NaiveDate>,
        target: Target,
    ) -> Generated {
        let warn_from = rule.warn.and_then(|w| {
            window_start(due, w, rule.warn_unit.unwrap_or(rule.unit), &self.calendar)
        });
        let what = if index == 0 {
            rule.event.clone()
        } else {
            format!("{} (#{})", rule.event, index + 1)
        };
        Generated {
            deadline: NewDeadline {
                client_id: Some(target.client_id),
                episode_id: target.episode_id,
                what,
                due: Some(due),
                warn_from,
                rule: Some(rule.id.clone()),
                source: Some(rule.citation()),
                weight: Some(rule.weight),
                chain_index: i64::try_from(index).unwrap_or(i64::MAX),
            },
            due_at,
            window_opens: opens,
            later_due: later,
        }
    }

    /// The deadline of `rule` at chain position `index` for a period counted
    /// from `base` (including `base` when the rule says "beginning with").
    #[must_use]
    pub fn deadline_at(
        &self,
        rule: &Rule,
        base: NaiveDate,
        index: usize,
        target: Target,
    ) -> Option<Generated> {
        let c = Count {
            base,
            base_at: None,
            index,
            beginning_with: rule.beginning_with,
            renewal: false,
        };
        self.generate(rule, c, target)
    }

    /// The next deadline of a chain that runs on from the previous deadline.
    /// The statutes renew "from the expiration" of the previous period
    /// (MHA s20(2), s20A(3)): counted from the old expiry day, excluded, the
    /// date to act by is the earliest defensible one; counted as beginning
    /// with the day after, the later reading is kept beside it where the
    /// months are uneven (an expiry on 28 February).
    fn renewal_at(
        &self,
        rule: &Rule,
        prev_due: NaiveDate,
        index: usize,
        target: Target,
    ) -> Option<Generated> {
        let c = Count {
            base: prev_due,
            base_at: None,
            index,
            beginning_with: false,
            renewal: true,
        };
        self.generate(rule, c, target)
    }

    /// The versions of the rules of `kind` counted as `from` says that
    /// govern an episode starting on `start`, one per rule id.
    fn rules_for(&self, kind: EpisodeKind, from: CountsFrom, start: NaiveDate) -> Vec<&Rule> {
        self.rule_ids()
            .into_iter()
            .filter_map(|id| self.version_for(id, start, start))
            .filter(|r| r.kind == Some(kind) && r.counts_from == from)
            .collect()
    }

    /// The deadlines a new episode of `kind` generates at once, earliest
    /// first, each from the version of its rule in force for the episode.
    /// Rules counted from another rule's completion follow when that one is
    /// done; those counted from a mark when it is entered; visits are
    /// worked out from contacts.
    #[must_use]
    pub fn initial_deadlines(
        &self,
        kind: EpisodeKind,
        start: EpisodeStart,
        target: Target,
    ) -> Vec<Generated> {
        self.initial_deadlines_after(kind, start, target, None)
    }

    /// As `initial_deadlines`, for an episode following one of `earlier`'s
    /// kind (rules that apply only after, or not after, that power).
    #[must_use]
    pub fn initial_deadlines_after(
        &self,
        kind: EpisodeKind,
        start: EpisodeStart,
        target: Target,
        earlier: Option<EpisodeKind>,
    ) -> Vec<Generated> {
        let mut out: Vec<Generated> = self
            .rules_for(kind, CountsFrom::EpisodeStart, start.on)
            .into_iter()
            .filter(|r| r.applies_after(earlier))
            .filter_map(|r| {
                let c = Count {
                    base: start.on,
                    base_at: start.at,
                    index: 0,
                    beginning_with: r.beginning_with,
                    renewal: false,
                };
                self.generate(r, c, target)
            })
            .collect();
        sort(&mut out);
        out
    }

    /// The deadlines counted from a date entered by hand on an episode of
    /// `kind` (`mark`: "hearing", "panel", "placement-change"…).
    #[must_use]
    pub fn mark_deadlines(
        &self,
        kind: EpisodeKind,
        mark: &str,
        outcome: Option<&str>,
        on: EpisodeStart,
        target: Target,
    ) -> Vec<Generated> {
        let outcome = outcome.map(|o| o.trim().to_lowercase());
        let mut out: Vec<Generated> = self
            .rules_for(kind, CountsFrom::Mark, on.on)
            .into_iter()
            .filter(|r| r.mark.as_deref() == Some(mark))
            .filter(|r| {
                r.when_outcome.is_empty()
                    || outcome
                        .as_deref()
                        .is_some_and(|o| r.when_outcome.iter().any(|w| w.eq_ignore_ascii_case(o)))
            })
            .filter_map(|r| {
                if r.before {
                    let due = before(on.on, r.period, r.unit, &self.calendar)?;
                    let at = on.at.filter(|_| r.unit == Unit::Hours).and_then(|t| {
                        t.checked_sub_signed(chrono::TimeDelta::hours(r.period.into()))
                    });
                    return Some(self.made(r, 0, due, at, None, None, target));
                }
                if r.period == 0 {
                    return Some(self.made(r, 0, on.on, on.at, None, None, target));
                }
                let c = Count {
                    base: on.on,
                    base_at: on.at,
                    index: 0,
                    beginning_with: r.beginning_with,
                    renewal: false,
                };
                self.generate(r, c, target)
            })
            .collect();
        sort(&mut out);
        out
    }

    /// The rules of `kind` that restart from the latest `mark`, counted
    /// from `on` (the ICPC from a further strategy discussion).
    #[must_use]
    pub fn restarted_by(
        &self,
        kind: EpisodeKind,
        mark: &str,
        on: NaiveDate,
        target: Target,
    ) -> Vec<Generated> {
        self.rules_for(kind, CountsFrom::EpisodeStart, on)
            .into_iter()
            .filter(|r| r.restart_mark.as_deref() == Some(mark))
            .filter_map(|r| self.deadline_at(r, on, 0, target))
            .collect()
    }

    /// The ids of the rules of `kind` whose chain stops at `mark`.
    #[must_use]
    pub fn stopped_by(&self, kind: EpisodeKind, mark: &str) -> Vec<&str> {
        self.rule_ids()
            .into_iter()
            .filter(|id| {
                self.versions(id)
                    .iter()
                    .any(|r| r.kind == Some(kind) && r.stop_mark.as_deref() == Some(mark))
            })
            .collect()
    }

    /// The marks (dates entered by hand) an episode of `kind` takes.
    #[must_use]
    pub fn marks_for(&self, kind: EpisodeKind) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in self.rules.iter().filter(|r| r.kind == Some(kind)) {
            let names = r
                .mark
                .as_deref()
                .into_iter()
                .chain(r.restart_mark.as_deref())
                .chain(r.stop_mark.as_deref());
            for m in names {
                if !out.contains(&m) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// What follows when `done` (a deadline generated for an episode that
    /// began on `episode_start`) is completed on `on`: the next in its own
    /// chain (from the version of the rule in force for the next period),
    /// and the first deadline of every rule that counts from its completion.
    #[must_use]
    pub fn next_after(
        &self,
        done: &Deadline,
        on: NaiveDate,
        episode_start: NaiveDate,
        dob: Option<NaiveDate>,
    ) -> Vec<Generated> {
        let Some(id) = done.rule.as_deref() else {
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
            dob,
        };
        let index = usize::try_from(done.chain_index).unwrap_or(0);
        let mut out = Vec::new();
        let next_start = done.due.succ_opt().unwrap_or(done.due);
        let Some(this) = self.version_for(id, done.due, episode_start) else {
            return Vec::new();
        };
        match this.chain {
            Chain::Stop => {}
            Chain::PreviousDeadline => {
                if let Some(rule) = self.version_for(id, next_start, episode_start) {
                    out.extend(self.renewal_at(rule, done.due, index + 1, target));
                }
            }
            Chain::LastCompletion => {
                if let Some(rule) = self.version_for(id, on, episode_start) {
                    out.extend(self.deadline_at(rule, on, index + 1, target));
                }
            }
        }
        // A dependent rule starts only once, from its parent's first completion.
        if index == 0 {
            for dep_id in self.rule_ids() {
                let Some(dep) = self.version_for(dep_id, on, episode_start) else {
                    continue;
                };
                if dep.counts_from == CountsFrom::Completion && dep.after.as_deref() == Some(id) {
                    out.extend(self.deadline_at(dep, on, 0, target));
                }
            }
        }
        sort(&mut out);
        out
    }

    /// The deadline `open` extended once by its rule's extension (s136:
    /// 12 hours; urgent DoLS and EPO: 7 days), or none if the rule has none.
    #[must_use]
    pub fn extended(
        &self,
        open: &Deadline,
        due_at: Option<NaiveDateTime>,
        episode_start: NaiveDate,
    ) -> Option<Generated> {
        let rule = self.version_for(open.rule.as_deref()?, episode_start, episode_start)?;
        let by = rule.extend?;
        let target = Target {
            client_id: open.client_id?,
            episode_id: open.episode_id,
            dob: None,
        };
        let index = usize::try_from(open.chain_index).unwrap_or(0);
        let (due, at) = if rule.unit == Unit::Hours {
            let from = due_at.or_else(|| open.due.and_hms_opt(0, 0, 0))?;
            let at = hours::add_hours(from, by).ok()?;
            (at.date(), Some(at))
        } else {
            (
                period_end(open.due, by, rule.unit, false, &self.calendar)?,
                None,
            )
        };
        let mut g = self.made(rule, index, due, at, None, None, target);
        g.deadline.what = format!("{} (extended by {})", open.what, rule.unit.describe(by));
        Some(g)
    }

    /// The first `count` due dates of a rule's chain from `start`, assuming
    /// each is completed on its due date (for checking a pack by eye), each
    /// period from the version of the rule in force when it begins.
    #[must_use]
    pub fn chain_dates(&self, rule: &Rule, start: NaiveDate, count: usize) -> Vec<NaiveDate> {
        self.chain(rule, start, count)
            .into_iter()
            .filter_map(|g| g.deadline.due)
            .collect()
    }

    /// The first `count` deadlines of a rule's chain from `start` (see
    /// `chain_dates`), with their readings and windows.
    #[must_use]
    pub fn chain(&self, rule: &Rule, start: NaiveDate, count: usize) -> Vec<Generated> {
        let target = Target {
            client_id: 0,
            episode_id: None,
            dob: None,
        };
        let mut out: Vec<Generated> = Vec::new();
        if rule.counts_from == CountsFrom::Mark && (rule.before || rule.period == 0) {
            let due = if rule.before {
                before(start, rule.period, rule.unit, &self.calendar)
            } else {
                Some(start)
            };
            out.extend(due.map(|due| self.made(rule, 0, due, None, None, None, target)));
            return out;
        }
        for n in 0..count {
            // A rule whose first period is skipped starts at index 1.
            let index = out.last().map_or(n, |g| {
                usize::try_from(g.deadline.chain_index).unwrap_or(n) + 1
            });
            let prev = out.last().and_then(|g| g.deadline.due);
            let next = match prev {
                None => self.deadline_at(rule, start, index, target),
                Some(prev) => {
                    let day = prev.checked_add_days(Days::new(1)).unwrap_or(prev);
                    let Some(r) = self.version_for(&rule.id, day, start) else {
                        break;
                    };
                    match r.chain {
                        Chain::Stop => break,
                        Chain::PreviousDeadline => self.renewal_at(r, prev, index, target),
                        Chain::LastCompletion => self.deadline_at(r, prev, index, target),
                    }
                }
            };
            let Some(g) = next else { break };
            out.push(g);
        }
        out
    }
}

fn sort(out: &mut [Generated]) {
    out.sort_by(|a, b| {
        (a.deadline.due, a.due_at)
            .cmp(&(b.deadline.due, b.due_at))
            .then(b.deadline.weight.cmp(&a.deadline.weight))
    });
}
