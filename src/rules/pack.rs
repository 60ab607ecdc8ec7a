//! Rule packs: the TOML files in `data/rules/` that name each framework's
//! dates, read with serde. The packs are embedded in the binary; a
//! practitioner's `rules.toml` is applied on top (see `overrides`).

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

use super::RulesError;
use super::calendar::Calendar;
use super::period::Unit;
use crate::domain::{EpisodeKind, NoteKind};

/// The embedded packs: (file name, text).
pub const EMBEDDED_PACKS: &[(&str, &str)] = &[
    (
        "mental-health.toml",
        include_str!("../../data/rules/mental-health.toml"),
    ),
    ("adults.toml", include_str!("../../data/rules/adults.toml")),
    (
        "children.toml",
        include_str!("../../data/rules/children.toml"),
    ),
    (
        "visiting.toml",
        include_str!("../../data/rules/visiting.toml"),
    ),
];

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
        s
    }

    /// Whether this is a visiting rule computed from contacts.
    #[must_use]
    pub fn is_visit(&self) -> bool {
        self.counts_from == CountsFrom::LastContact
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    family: String,
    #[allow(dead_code)]
    title: String,
    #[serde(default, rename = "rule")]
    rules: Vec<Rule>,
}

/// The active rules and the calendar they count working days with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSet {
    pub(crate) rules: Vec<Rule>,
    pub(crate) calendar: Calendar,
}

impl RuleSet {
    /// The packs shipped with the program, England and Wales calendar.
    pub fn embedded() -> Result<RuleSet, RulesError> {
        let texts: Vec<(&str, &str)> = EMBEDDED_PACKS.to_vec();
        RuleSet::from_packs(&texts, Calendar::england_and_wales()?)
    }

    /// Rules from pack texts (file name, TOML).
    pub fn from_packs(packs: &[(&str, &str)], calendar: Calendar) -> Result<RuleSet, RulesError> {
        let mut rules = Vec::new();
        for (name, text) in packs {
            let pack: PackFile = toml::from_str(text)
                .map_err(|e| RulesError::Parse((*name).into(), e.to_string()))?;
            for mut r in pack.rules {
                r.family.clone_from(&pack.family);
                rules.push(r);
            }
        }
        let set = RuleSet { rules, calendar };
        set.check()?;
        Ok(set)
    }

    /// Every rule, in pack order.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    #[must_use]
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The working-day calendar.
    #[must_use]
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Checks that the rules make sense together.
    pub(crate) fn check(&self) -> Result<(), RulesError> {
        let mut seen = HashSet::new();
        for r in &self.rules {
            let bad = |why: &str| Err(RulesError::Invalid(r.id.clone(), why.to_string()));
            if r.id.trim().is_empty() || !seen.insert(r.id.as_str()) {
                return bad("the id is empty or used twice");
            }
            if r.period == 0 || r.then.contains(&0) {
                return bad("a period must be at least 1");
            }
            if r.event.trim().is_empty() || r.source.trim().is_empty() {
                return bad("the event and the source must not be empty");
            }
            match r.counts_from {
                CountsFrom::Completion => match &r.after {
                    Some(a) if self.rule(a).is_some() && a != &r.id => {}
                    _ => {
                        return bad(
                            "counts_from = \"completion\" needs `after` naming another rule",
                        );
                    }
                },
                CountsFrom::LastContact if r.contact_kinds.is_empty() => {
                    return bad("counts_from = \"last-contact\" needs contact_kinds");
                }
                CountsFrom::EpisodeStart if r.kind.is_none() => {
                    return bad("a rule counted from the episode start needs a kind");
                }
                _ => {}
            }
            if r.kind.is_none() && !r.is_visit() {
                return bad("only the visiting rule may have no kind");
            }
        }
        Ok(())
    }
}
