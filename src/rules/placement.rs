//! The visiting duty that comes from where a looked-after child lives (Care
//! Planning, Placement and Case Review (England) Regulations 2010 reg 28).
//!
//! A rule with `counts_from = "placement"` names the placement types it
//! covers and when it applies; its period, citation and weight are the
//! rule's own, so `rules show` and the practitioner's `rules.toml` treat it
//! as any other rule. For the current placement:
//! - with no visit since the placement began, the rule marked `first` for
//!   its type gives the visit due (reg 28(2)(a): within one week of the
//!   start; 28(3)(a), 28(4)(a): weekly; 28(5)(a), 28(6)(a));
//! - after a visit, the first rule of its type, in pack order, that applies
//!   gives the next one counted from that visit: `long_term` only for a
//!   placement intended to last until 18 (28(2)(c)(i)); `until =
//!   "first-year"` while the visit it gives falls in the first year of the
//!   placement (28(2)(b), 28(6)(b)); `until = "first-review"` while it falls
//!   before the first review is held (28(3)(a), 28(4)(a): a week that ended
//!   before the review is still owed); otherwise always.
//! - A visit counts wherever the child is living: the rule's
//!   `contact_kinds` (a hospital visit for a child living in hospital).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::engine::VisitDue;
use super::pack::{CountsFrom, Rule, RuleSet};
use super::period::{Unit, period_end};
use crate::domain::{NoteKind, PlacementType};

/// The rule whose deadline, completed, is the first looked-after review
/// (reg 33(1)(a)): holding it ends the weekly visits of reg 28(3)(a), (4)(a).
pub const FIRST_REVIEW_RULE: &str = "lac-review-first";

/// The mark recording the first review held (kept for records made before
/// the review's deadline was completed instead).
pub const FIRST_REVIEW_MARK: &str = "first-review";

/// When a placement rule applies: a rule's `placement = { … }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementRule {
    /// The placement types it covers.
    pub types: Vec<PlacementType>,
    /// It gives the first visit after the placement begins.
    #[serde(default)]
    pub first: bool,
    /// Only for a placement intended to last until the child is 18.
    #[serde(default)]
    pub long_term: bool,
    /// It applies while the visit it gives falls before this.
    #[serde(default)]
    pub until: Option<Until>,
}

/// The event a placement rule runs until.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Until {
    /// The end of the placement's first year.
    FirstYear,
    /// The first looked-after review (Part 6), once held.
    FirstReview,
}

/// What the visiting duty of a placement rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacementBasis {
    /// The type of the current placement.
    pub kind: PlacementType,
    /// The day it began.
    pub start: NaiveDate,
    /// Intended to last until the child is 18.
    pub long_term: bool,
    /// The day the first looked-after review was held, if it has been.
    pub first_review: Option<NaiveDate>,
}

impl RuleSet {
    /// The placement rules covering `kind`, in pack order (each id once,
    /// its first-listed version).
    fn placement_rules(&self, kind: PlacementType) -> Vec<(&Rule, &PlacementRule)> {
        let mut seen = std::collections::HashSet::new();
        self.rules
            .iter()
            .filter(|r| r.counts_from == CountsFrom::Placement && seen.insert(r.id.as_str()))
            .filter_map(|r| r.placement.as_ref().map(|p| (r, p)))
            .filter(|(_, p)| p.types.contains(&kind))
            .collect()
    }

    /// Whether any rule gives a visiting duty from a placement.
    #[must_use]
    pub fn has_placement_rules(&self) -> bool {
        self.rules
            .iter()
            .any(|r| r.counts_from == CountsFrom::Placement)
    }

    /// The contact kinds that count as a visit to a child in a placement
    /// of `kind`.
    #[must_use]
    pub fn placement_contact_kinds(&self, kind: PlacementType) -> Vec<NoteKind> {
        let mut kinds: Vec<NoteKind> = self
            .placement_rules(kind)
            .iter()
            .flat_map(|(r, _)| r.contact_kinds.iter().copied())
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// The next visit due in the current placement, given the latest day
    /// the child was seen there on a visit that counts (`None` when not
    /// since the placement began).
    #[must_use]
    pub fn placement_visit_due(
        &self,
        p: &PlacementBasis,
        last_visit: Option<NaiveDate>,
    ) -> Option<VisitDue> {
        let rules = self.placement_rules(p.kind);
        let last_visit = last_visit.filter(|v| *v >= p.start);
        let Some(from) = last_visit else {
            let (rule, _) = rules.iter().find(|(_, pr)| pr.first)?;
            let due = period_end(p.start, rule.period, rule.unit, false, &self.calendar)?;
            return Some(self.placement_visit(rule, due));
        };
        let year_end = period_end(p.start, 12, Unit::Months, false, &self.calendar)?;
        for (rule, pr) in &rules {
            if pr.first && pr.until.is_none() {
                continue;
            }
            if pr.long_term && !p.long_term {
                continue;
            }
            let due = period_end(from, rule.period, rule.unit, false, &self.calendar)?;
            let applies = match pr.until {
                None => true,
                Some(Until::FirstYear) => due < year_end,
                Some(Until::FirstReview) => p.first_review.is_none_or(|held| due < held),
            };
            if applies {
                return Some(self.placement_visit(rule, due));
            }
        }
        None
    }

    fn placement_visit(&self, rule: &Rule, due: NaiveDate) -> VisitDue {
        VisitDue {
            rule: rule.id.clone(),
            source: rule.citation(),
            what: rule.event.clone(),
            due,
            warn_from: rule.warn.and_then(|w| {
                super::period::window_start(
                    due,
                    w,
                    rule.warn_unit.unwrap_or(rule.unit),
                    &self.calendar,
                )
            }),
            weight: rule.weight,
        }
    }
}

#[cfg(test)]
#[path = "placement_tests.rs"]
mod tests;
