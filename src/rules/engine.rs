//! The next visit due from the last contact; the shared types of the
//! engine. Deadline chains are generated in `generate`.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::pack::{Rule, RuleSet};
use super::period::{period_end, window_start};
use crate::domain::{EpisodeKind, NoteKind};

/// Whose deadlines are being made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The client.
    pub client_id: i64,
    /// The generating episode, once it has an id.
    pub episode_id: Option<i64>,
    /// The person's date of birth, for periods that depend on age (s68:
    /// 1 year under 18; health assessments: 6-monthly under 5).
    pub dob: Option<NaiveDate>,
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
    /// The current placement, for a looked-after child: its visiting duty
    /// replaces the episode's own visiting rule (reg 28).
    pub placement: Option<super::PlacementBasis>,
}

/// A visit that falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
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
    /// The visits due for one client: from their own visiting frequency and
    /// from visiting rules of their current episodes, each counted from the
    /// last contact of a kind the rule accepts (or the start, with none).
    #[must_use]
    pub fn visits_due(&self, basis: &VisitBasis) -> Vec<VisitDue> {
        let mut out = Vec::new();
        for rule in self
            .rules
            .iter()
            .filter(|r| r.counts_from == super::CountsFrom::LastContact)
        {
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
                // The placement's duty replaces this kind's visiting rule.
                Some(kind) if basis.placement.is_some() && self.placement_kind(kind) => {}
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
        if let Some(p) = &basis.placement {
            let kinds = self.placement_contact_kinds(p.kind);
            let last = basis
                .last_contacts
                .iter()
                .filter(|(k, d)| kinds.contains(k) && *d >= p.start)
                .map(|(_, d)| *d)
                .max();
            out.extend(self.placement_visit_due(p, last));
        }
        out
    }

    /// Whether a placement rule belongs to episodes of `kind`.
    fn placement_kind(&self, kind: EpisodeKind) -> bool {
        self.rules
            .iter()
            .any(|r| r.counts_from == super::CountsFrom::Placement && r.kind == Some(kind))
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
