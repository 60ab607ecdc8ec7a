//! When each person's next visit is due, and how that shows in `due`, the
//! agenda and the 8-week chart.

use chrono::{Days, NaiveDate, NaiveTime};
use serde::Serialize;
use std::collections::BTreeMap;

use super::seen::{Contact, last_contact, last_seen, latest_seen_by_kind};
use crate::domain::{AgendaItem, DueItem, DueKind, EpisodeKind};
use crate::rules::{PlacementBasis, RuleSet, VisitBasis, VisitDue};

/// What the visiting rules need to know about a client besides contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientBasis {
    /// The client.
    pub client_id: i64,
    /// Their display name.
    pub name: String,
    /// Their own visiting frequency, in days.
    pub visit_every_days: Option<u32>,
    /// When the case opened (counted from when nobody has been seen yet).
    pub opened_on: NaiveDate,
    /// Whether the case is open (no visit falls due on a closed case).
    pub open: bool,
    /// Current (not ended) legal episodes: kind and start.
    pub episodes: Vec<(EpisodeKind, NaiveDate)>,
    /// The current placement of a looked-after child, and the day the
    /// first review was held.
    pub placement: Option<PlacementBasis>,
}

/// Everything known about one client's visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitFacts {
    /// The client.
    pub client_id: i64,
    /// Their display name.
    pub name: String,
    /// The latest day they were seen in person.
    pub last_seen: Option<NaiveDate>,
    /// The latest contact of any kind (calls included).
    pub last_contact: Option<NaiveDate>,
    /// The next visit under each visiting rule that applies, earliest first.
    pub due: Vec<VisitDue>,
}

impl VisitFacts {
    /// The earliest visit due under any rule.
    #[must_use]
    pub fn next_visit(&self) -> Option<&VisitDue> {
        self.due.first()
    }

    /// Whether the earliest visit due is overdue on `today` (a visit falls
    /// due on a day: overdue from the day after).
    #[must_use]
    pub fn visit_overdue(&self, today: NaiveDate) -> bool {
        self.next_visit()
            .is_some_and(|v| visit_overdue(v.due, today))
    }

    /// The earliest visit due under any rule, as its day and what it is
    /// (what [`next_due`] weighs, and the facts cache keeps in columns).
    #[must_use]
    pub fn next_visit_what(&self) -> Option<(NaiveDate, String)> {
        self.next_visit().map(|v| (v.due, v.what.clone()))
    }
}

/// Works out a client's visit facts from their basis and recorded contacts
/// (contacts of other clients are ignored).
#[must_use]
pub fn visit_facts(rules: &RuleSet, client: &ClientBasis, contacts: &[Contact]) -> VisitFacts {
    let own: Vec<Contact> = contacts
        .iter()
        .filter(|c| c.client_id == client.client_id)
        .copied()
        .collect();
    let basis = VisitBasis {
        client_id: client.client_id,
        client_name: client.name.clone(),
        visit_every_days: client.visit_every_days,
        opened_on: client.opened_on,
        episodes: client.episodes.clone(),
        last_contacts: latest_seen_by_kind(&own),
        placement: client.placement,
    };
    let mut due = if client.open {
        rules.visits_due(&basis)
    } else {
        Vec::new()
    };
    due.sort_by(|a, b| a.due.cmp(&b.due).then(b.weight.cmp(&a.weight)));
    VisitFacts {
        client_id: client.client_id,
        name: client.name.clone(),
        last_seen: last_seen(&own),
        last_contact: last_contact(&own),
        due,
    }
}

/// The visits of `facts` to list as due on `today`: overdue, due by
/// `horizon`, or inside their rule's warning window. Takes the facts whole:
/// each visit's texts move into its line rather than being copied (a due
/// list over a large caseload makes thousands).
#[must_use]
pub fn due_items(facts: VisitFacts, today: NaiveDate, horizon: NaiveDate) -> Vec<DueItem> {
    let VisitFacts {
        client_id,
        name,
        due,
        ..
    } = facts;
    due.into_iter()
        .filter(|v| v.due <= horizon || v.warn_from.is_some_and(|w| w <= today))
        .map(|v| DueItem {
            id: client_id,
            kind: DueKind::Visit,
            client_id: Some(client_id),
            client_name: Some(name.clone()),
            what: v.what,
            owner: None,
            due: v.due,
            overdue: visit_overdue(v.due, today),
            days: (v.due - today).num_days(),
            rule: Some(v.rule),
            source: Some(v.source),
            weight: v.weight,
            due_at: None,
            window_opens: None,
            cliff: false,
            episode_ended: false,
        })
        .collect()
}

/// Whether a visit due on `due` is overdue on `today`: the domain's rule
/// for anything due on a day.
fn visit_overdue(due: NaiveDate, today: NaiveDate) -> bool {
    crate::domain::overdue_at(due, None, today.and_time(NaiveTime::MIN))
}

/// Whether a visit due on `day` is in the range `from` to `to` inclusive.
#[must_use]
pub fn falls_between(day: NaiveDate, from: NaiveDate, to: NaiveDate) -> bool {
    day >= from && day <= to
}

/// The visits of `facts` falling due between `from` and `to` inclusive.
pub fn visits_due_between(
    facts: &VisitFacts,
    from: NaiveDate,
    to: NaiveDate,
) -> impl Iterator<Item = &VisitDue> {
    facts
        .due
        .iter()
        .filter(move |v| falls_between(v.due, from, to))
}

/// The visits of `facts` falling due between `from` and `to` inclusive, as
/// agenda lines (kind "visit", with the rule).
#[must_use]
pub fn agenda_items(facts: &VisitFacts, from: NaiveDate, to: NaiveDate) -> Vec<AgendaItem> {
    visits_due_between(facts, from, to)
        .map(|v| AgendaItem {
            date: v.due,
            time: None,
            kind: crate::domain::AgendaKind::Visit,
            id: facts.client_id,
            client_id: Some(facts.client_id),
            client_name: Some(facts.name.clone()),
            what: v.what.clone(),
            done: false,
            rule: Some(v.rule.clone()),
        })
        .collect()
}

/// The next thing due for a client: the earliest of their earliest open
/// deadline, their earliest planned visit and their next visit falling due
/// under a visiting rule (a deadline wins a tie, then a planned visit).
/// The Caseload table and `client list` both show this.
#[must_use]
pub fn next_due(
    deadline: Option<(NaiveDate, String)>,
    planned: Option<(NaiveDate, String)>,
    visit: Option<(NaiveDate, String)>,
) -> Option<(NaiveDate, String)> {
    [deadline, planned, visit]
        .into_iter()
        .flatten()
        .enumerate()
        .min_by_key(|(i, (d, _))| (*d, *i))
        .map(|(_, x)| x)
}

/// How much is due in each of the 8 weeks from `today` (week 0 is today and
/// the 6 days after), from how many open lines fall on each day (as
/// `Store::open_work_by_day` counts them); days outside the 8 weeks are
/// left out.
#[must_use]
pub fn weekly_counts(per_day: &BTreeMap<NaiveDate, u64>, today: NaiveDate) -> [u64; 8] {
    let mut chart = [0u64; 8];
    let end = today.checked_add_days(Days::new(8 * 7)).unwrap_or(today);
    for (day, n) in per_day.range(today..end) {
        let week = usize::try_from((*day - today).num_days() / 7).unwrap_or(0);
        if let Some(slot) = chart.get_mut(week) {
            *slot += n;
        }
    }
    chart
}
