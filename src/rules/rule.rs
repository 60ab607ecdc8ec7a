//! One rule of a pack, as its TOML says it: what it counts from, how its
//! deadlines chain, when it came into force, and what it tells the
//! engine (citation, periods, whether it is a visiting rule).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::period::Unit;
use crate::domain::{EpisodeKind, NoteKind};

/// What the first deadline of a rule is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CountsFrom {
    /// The episode's start date (admission, referral, placement…).
    EpisodeStart,
    /// The day another rule's deadline (`after`) was completed.
    Completion,
    /// The last contact note of one of `contact_kinds` (visits); with no
    /// contact yet, the episode start (or the date the case opened).
    LastContact,
    /// A date entered by hand on the episode (`mark`: a hearing, a panel
    /// date, a medical examination), counted forward or (`before`) back.
    Mark,
    /// The child's current placement and the last visit in it (reg 28;
    /// `placement` says which types and when, see `rules::placement`).
    Placement,
}

/// How an episode that began under an earlier version of the law is
/// treated once this version is in force.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Transition {
    /// Each period follows the version in force on the day it begins: the
    /// current period runs its course, the next one takes the new length.
    #[default]
    PeriodStart,
    /// Only episodes beginning on or after the version's first day use it.
    EpisodeStart,
}

impl Transition {
    /// In words, for `rules show`.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Transition::PeriodStart => {
                "existing episodes: the current period runs its course; periods beginning on or after that day take the new length"
            }
            Transition::EpisodeStart => {
                "only episodes beginning on or after that day; existing ones keep the earlier law"
            }
        }
    }
}

/// A named commencement of a change in the law, dated when it is known
/// (a later release, or a council in its `rules.toml`, sets `on`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commencement {
    /// Stable id, e.g. `mha-2025-detention-periods`.
    pub id: String,
    /// What is commenced.
    pub title: String,
    /// The day it comes into force; none while not yet commenced.
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

/// How a rule's chain continues once a deadline in it is completed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Chain {
    /// No further deadline.
    #[default]
    Stop,
    /// The next period runs on from the previous deadline (detention
    /// renewals: the new period begins the day after the old one expires,
    /// whenever the renewal was done).
    PreviousDeadline,
    /// The next period runs from the day the previous one was completed
    /// (reviews: the next review is due N months after the last was held).
    LastCompletion,
}

impl Chain {
    /// As written in a pack.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Chain::Stop => "stop",
            Chain::PreviousDeadline => "previous-deadline",
            Chain::LastCompletion => "last-completion",
        }
    }
}

impl CountsFrom {
    /// As written in a pack.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CountsFrom::EpisodeStart => "episode-start",
            CountsFrom::Completion => "completion",
            CountsFrom::LastContact => "last-contact",
            CountsFrom::Mark => "mark",
            CountsFrom::Placement => "placement",
        }
    }
}

fn yes() -> bool {
    true
}

/// One rule: a dated duty under a framework, with its citation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable id, e.g. `mha-s3-expiry`.
    pub id: String,
    /// The episode kind it belongs to; none for the client's own visiting
    /// frequency.
    #[serde(default)]
    pub kind: Option<EpisodeKind>,
    /// What must happen, as shown on the deadline.
    pub event: String,
    /// The first period's length.
    pub period: u32,
    /// The unit of `period`, `then` and (by default) `warn`.
    pub unit: Unit,
    /// Later periods in the chain, in order (s3: 6 then 12 months).
    #[serde(default)]
    pub then: Vec<u32>,
    /// Whether the last period repeats for as long as the chain continues.
    #[serde(default)]
    pub repeat_last: bool,
    /// What the first deadline counts from.
    pub counts_from: CountsFrom,
    /// For `counts_from = "completion"`: the rule whose completion starts it.
    #[serde(default)]
    pub after: Option<String>,
    /// How the chain continues after a completion.
    #[serde(default)]
    pub chain: Chain,
    /// Show the deadline as coming up this many units before it is due.
    #[serde(default)]
    pub warn: Option<u32>,
    /// The unit of `warn`, if not `unit`.
    #[serde(default)]
    pub warn_unit: Option<Unit>,
    /// Whether the period includes the day it counts from.
    #[serde(default = "yes")]
    pub beginning_with: bool,
    /// Legal consequence of missing it: higher ranks first in `due`.
    pub weight: i64,
    /// What happens at the end, where the end is a legal cliff (someone
    /// must be released or is detained unlawfully, or a right is lost):
    /// such a deadline ranks above everything overdue in the 48 hours
    /// before it (`crate::domain::rank`). None for the rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cliff: Option<String>,
    /// The citation shown to the practitioner.
    pub source: String,
    /// For visit rules: the contact note kinds that count as a visit.
    #[serde(default)]
    pub contact_kinds: Vec<NoteKind>,
    /// Whether the period is set by local practice rather than law.
    #[serde(default)]
    pub local_practice: bool,
    /// Whether a deadline of this rule is a statutory visit: completing it
    /// records the visit (with an outcome), so visiting rules count from it.
    #[serde(default)]
    pub records_visit: bool,
    /// A longer explanation, shown by `caseload rules show`.
    #[serde(default)]
    pub note: Option<String>,
    /// The first day the law this version states is in force.
    #[serde(default)]
    pub in_force_from: Option<NaiveDate>,
    /// The last day it is in force (when not given: the day before the
    /// next version of the same rule comes into force, else still in force).
    #[serde(default)]
    pub in_force_until: Option<NaiveDate>,
    /// A version that comes into force on a named commencement's date
    /// (not in force while that date is unknown).
    #[serde(default)]
    pub commencement: Option<String>,
    /// How existing episodes are treated once this version is in force.
    #[serde(default)]
    pub transition: Transition,
    /// The window in which the duty may be done, ending on the deadline
    /// (the renewal examination in the last 2 months, s20(3)).
    #[serde(default)]
    pub window: Option<u32>,
    /// The unit of `window`, if not `unit`.
    #[serde(default)]
    pub window_unit: Option<Unit>,
    /// The window is the whole period (a tribunal application may be made
    /// at any time in it): it opens the day the period begins.
    #[serde(default)]
    pub window_whole_period: bool,
    /// The chain's first period carries no deadline: the first one is the
    /// second period's (a hospital order: no tribunal application in its
    /// first 6 months, then once in each renewal period, MHA 1983 Sch 1
    /// Pt 1 paras 2 and 9).
    #[serde(default)]
    pub skip_first: bool,
    /// For `counts_from = "mark"`: the name of the date entered by hand.
    #[serde(default)]
    pub mark: Option<String>,
    /// For marks: the deadline falls `period` units before the mark.
    #[serde(default)]
    pub before: bool,
    /// For marks: only when the mark's outcome is one of these (a funding
    /// panel's appeal only after a refusal); empty means always.
    #[serde(default)]
    pub when_outcome: Vec<String>,
    /// A rule counted from the episode start that restarts from the latest
    /// date of this mark while it is not done (the ICPC counts from the
    /// last strategy discussion).
    #[serde(default)]
    pub restart_mark: Option<String>,
    /// The chain stops (its open deadline is cancelled, kept) when this
    /// mark is entered (an advocate allocated, a panel date set).
    #[serde(default)]
    pub stop_mark: Option<String>,
    /// For a person under this age on the day a period begins, the period
    /// is `period_under_age` instead (s68(6): 1 year under 18).
    #[serde(default)]
    pub under_age: Option<u32>,
    /// The period for a person under `under_age`.
    #[serde(default)]
    pub period_under_age: Option<u32>,
    /// For `counts_from = "placement"`: the placement types it covers and
    /// when it applies.
    #[serde(default)]
    pub placement: Option<super::placement::PlacementRule>,
    /// The period may be extended once by this many units (s136(2A)-(2B):
    /// 12 hours; an urgent DoLS authorisation: 7 days).
    #[serde(default)]
    pub extend: Option<u32>,
    /// The period may be extended more than once, by up to `extend` each
    /// time (care proceedings, Children Act 1989 s32(5)); otherwise once.
    #[serde(default)]
    pub extend_again: bool,
    /// The period is the statutory maximum of an order whose own length a
    /// court, panel or authoriser sets (`episode add --ends`): shorter is
    /// allowed, longer refused.
    #[serde(default)]
    pub set_by_order: bool,
    /// A duty owed to the person across a journey of powers (e.g. "s68",
    /// the managers' references): a later power that carries it keeps the
    /// earlier power's deadlines instead of starting its own.
    #[serde(default)]
    pub journey_duty: Option<String>,
    /// Counted from the start of the first episode of one of these kinds in
    /// the journey (s68(5): the day of admission under the first
    /// application), the episode itself included; else its own start.
    #[serde(default)]
    pub journey_start: Vec<EpisodeKind>,
    /// The rule applies only to an episode that follows one of these kinds
    /// (an s2 tribunal application's hearing within 7 days, HESC r37(1)).
    #[serde(default)]
    pub only_following: Vec<EpisodeKind>,
    /// The rule does not apply to an episode that follows one of these
    /// kinds (no 3-week report for an s2 application, r32(5)-(6)).
    #[serde(default)]
    pub not_following: Vec<EpisodeKind>,
    /// The pack it came from (set on loading).
    #[serde(default, skip_deserializing)]
    pub family: String,
    /// Changed by the practitioner's `rules.toml`.
    #[serde(default, skip_deserializing)]
    pub overridden: bool,
    /// Added by the practitioner's `rules.toml` (not in any pack).
    #[serde(default, skip_deserializing)]
    pub added_locally: bool,
}

impl Rule {
    /// The citation as shown: overridden and local rules say so.
    #[must_use]
    pub fn citation(&self) -> String {
        if self.added_locally {
            format!("local rule: {}", self.source)
        } else if self.overridden {
            format!("local override of {}", self.source)
        } else {
            self.source.clone()
        }
    }

    /// The period used for chain position `index`, or `None` when the
    /// chain has run out.
    #[must_use]
    pub fn period_at(&self, index: usize) -> Option<u32> {
        if index == 0 {
            return Some(self.period);
        }
        match self.then.get(index - 1) {
            Some(n) => Some(*n),
            None if self.repeat_last => Some(self.then.last().copied().unwrap_or(self.period)),
            None => None,
        }
    }

    /// The period at chain position `index` for a person born on `dob`
    /// whose period begins on `begins` (the under-age period where it
    /// applies; without a date of birth, the ordinary one).
    #[must_use]
    pub fn period_for(
        &self,
        index: usize,
        dob: Option<NaiveDate>,
        begins: NaiveDate,
    ) -> Option<u32> {
        let n = self.period_at(index)?;
        match (self.under_age, self.period_under_age, dob) {
            (Some(limit), Some(p), Some(dob)) if begins.years_since(dob).unwrap_or(0) < limit => {
                Some(p)
            }
            _ => Some(n),
        }
    }

    /// "6 months, then 6 months, then 12 months (repeating)".
    #[must_use]
    pub fn describe_periods(&self) -> String {
        let mut s = self.unit.describe(self.period);
        for n in &self.then {
            s.push_str(", then ");
            s.push_str(&self.unit.describe(*n));
        }
        if self.repeat_last {
            s.push_str(" (repeating)");
        }
        if let (Some(age), Some(p)) = (self.under_age, self.period_under_age) {
            s.push_str(&format!("; under {age}: {}", self.unit.describe(p)));
        }
        s
    }

    /// Whether the rule applies to an episode following `earlier` (none:
    /// an episode that follows nothing).
    #[must_use]
    pub fn applies_after(&self, earlier: Option<EpisodeKind>) -> bool {
        match earlier {
            Some(k) => {
                !self.not_following.contains(&k)
                    && (self.only_following.is_empty() || self.only_following.contains(&k))
            }
            None => self.only_following.is_empty(),
        }
    }

    /// Whether this is a visiting rule computed from contacts (the last
    /// contact, or the last visit in the current placement).
    #[must_use]
    pub fn is_visit(&self) -> bool {
        matches!(
            self.counts_from,
            CountsFrom::LastContact | CountsFrom::Placement
        )
    }

    /// Whether this rule's deadline is the end of the episode's current
    /// period (a detention, a CTO, a guardianship): counted from the start,
    /// renewed period after period, with a window before it in which the
    /// renewal is done.
    #[must_use]
    pub fn ends_period(&self) -> bool {
        self.counts_from == CountsFrom::EpisodeStart
            && self.chain == Chain::PreviousDeadline
            && self.window.is_some()
            && !self.window_whole_period
    }
}
