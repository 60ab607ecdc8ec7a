//! Collecting the domain values a document is made from, through the
//! store's typed methods (no SQL here). Planned visits come from ONE place,
//! [`planned_visits`], so the visits layer plugs in there.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveTime};

use crate::domain::{
    Action, Addendum, CarePlan, Client, ClientSummary, Deadline, DueItem, LegalEpisode,
    NetworkMember, Note, VisitStatus,
};
use crate::store::{AuditEntry, ChronologyEntry, Result, Store, VisitFilter};

/// A visit planned in the diary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedVisit {
    /// A stable key for calendars: the visit keeps it when it is moved.
    pub key: String,
    /// Everyone to be visited (a household visit has several).
    pub clients: Vec<i64>,
    /// The day.
    pub date: NaiveDate,
    /// The time, when planned for one.
    pub time: Option<NaiveTime>,
    /// Expected length in minutes.
    pub minutes: Option<u32>,
    /// What kind of visit, and where.
    pub what: String,
    /// What kind of visit alone ("Home visit"): what a calendar without
    /// names shows, since where is often someone's home.
    pub kind: String,
}

/// When a visiting rule next wants the client seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRuleDue {
    /// The day.
    pub due: NaiveDate,
    /// What is due.
    pub what: String,
    /// The rule's citation.
    pub source: String,
    /// The visiting rule's id.
    pub rule: String,
}

/// Everything held about one client, as domain values.
#[derive(Debug, Clone)]
pub struct ClientFile {
    /// The client.
    pub client: Client,
    /// Their network, including archived members.
    pub network: Vec<NetworkMember>,
    /// Legal episodes.
    pub episodes: Vec<LegalEpisode>,
    /// Where each open episode's current period ends and its renewal
    /// window opens (the same facts as the Summary tab).
    pub periods: Vec<crate::practice::CurrentPeriod>,
    /// Deadlines, open and done.
    pub deadlines: Vec<Deadline>,
    /// Actions (small to-dos).
    pub actions: Vec<Action>,
    /// Care plan versions, oldest first.
    pub plans: Vec<CarePlan>,
    /// Every note (drafts too), oldest first, each with its addenda.
    pub notes: Vec<(Note, Vec<Addendum>)>,
    /// The chronology, oldest first.
    pub chronology: Vec<ChronologyEntry>,
    /// Planned visits from today on.
    pub visits: Vec<PlannedVisit>,
    /// The next visit each visiting rule wants, earliest first.
    pub visits_due: Vec<VisitRuleDue>,
    /// The day the client was last seen in person (the practice layer's rules).
    pub last_seen: Option<NaiveDate>,
    /// The day of the last contact of any kind.
    pub last_contact: Option<NaiveDate>,
}

impl ClientFile {
    /// The newest care plan version, if any.
    #[must_use]
    pub fn current_plan(&self) -> Option<&CarePlan> {
        self.plans.iter().max_by_key(|p| p.version)
    }

    /// Deadlines neither done nor cancelled, soonest first.
    #[must_use]
    pub fn open_deadlines(&self) -> Vec<&Deadline> {
        let mut v: Vec<&Deadline> = self
            .deadlines
            .iter()
            .filter(|d| d.completed_on.is_none() && !d.cancelled)
            .collect();
        v.sort_by_key(|d| (d.due, d.id));
        v
    }

    /// The last `n` contacts recorded, newest first.
    #[must_use]
    pub fn last_contacts(&self, n: usize) -> Vec<&Note> {
        self.notes
            .iter()
            .rev()
            .map(|(note, _)| note)
            .filter(|note| note.kind.is_some_and(crate::domain::NoteKind::is_contact))
            .take(n)
            .collect()
    }

    /// Current network members (not archived).
    #[must_use]
    pub fn current_network(&self) -> Vec<&NetworkMember> {
        self.network.iter().filter(|m| !m.archived).collect()
    }
}

/// Reads everything held about `client_id`; planned visits from `today`
/// up to `today + horizon_days`.
pub fn client_file(
    store: &Store,
    client_id: i64,
    today: NaiveDate,
    horizon_days: u32,
) -> Result<ClientFile> {
    let visits = planned_visits(store, today, today + chrono::Days::new(horizon_days.into()))?;
    file_with(store, client_id, &visits, today)
}

/// One client's file, given every planned visit (read once for a caseload).
fn file_with(
    store: &Store,
    client_id: i64,
    visits: &[PlannedVisit],
    today: NaiveDate,
) -> Result<ClientFile> {
    let client = store.client(client_id)?;
    let mut notes = Vec::new();
    for n in store.notes(client_id)? {
        let addenda = store.addenda(n.id)?;
        notes.push((n, addenda));
    }
    notes.sort_by_key(|(n, _)| (n.occurred_at, n.id));
    let mut plans = store.plan_versions(client_id)?;
    plans.sort_by_key(|p| p.version);
    let facts = store.client_visit_facts(client_id)?;
    let visits = visits
        .iter()
        .filter(|v| v.clients.contains(&client_id))
        .cloned()
        .collect();
    let episodes = store.episodes(client_id)?;
    let deadlines = store.deadlines(client_id)?;
    Ok(ClientFile {
        periods: crate::practice::current_periods(&episodes, &deadlines, store.rules(), today),
        network: store.network(client_id)?,
        episodes,
        deadlines,
        actions: store.actions(Some(client_id))?,
        plans,
        notes,
        chronology: store.chronology(client_id)?,
        visits,
        visits_due: facts
            .due
            .iter()
            .map(|d| VisitRuleDue {
                due: d.due,
                what: d.what.clone(),
                source: d.source.clone(),
                rule: d.rule.clone(),
            })
            .collect(),
        last_seen: facts.last_seen,
        last_contact: facts.last_contact,
        client,
    })
}

/// The visits planned (not yet done or cancelled) between `from` and `to`:
/// the one place exports read planned visits from.
pub fn planned_visits(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Vec<PlannedVisit>> {
    let visits = store.visits(&VisitFilter {
        client: None,
        from: Some(from),
        to: Some(to),
    })?;
    Ok(visits
        .into_iter()
        .filter(|v| v.status == VisitStatus::Planned)
        .filter_map(|v| {
            let at = v.planned_at?;
            if at.date() < from || at.date() > to {
                return None;
            }
            let what = match &v.location {
                Some(l) if !l.trim().is_empty() => format!("{} at {}", v.kind.label(), l.trim()),
                _ => v.kind.label().to_string(),
            };
            Some(PlannedVisit {
                key: format!("visit-{}", v.id),
                clients: v.people.iter().map(|p| p.client_id).collect(),
                date: at.date(),
                time: Some(at.time()),
                minutes: v.minutes,
                what,
                kind: v.kind.label().to_string(),
            })
        })
        .collect())
}

/// Everything for the caseload-wide documents: every client's file, the
/// due list, and the audit trail.
#[derive(Debug, Clone)]
pub struct Caseload {
    /// The caseload list (open clients first, then closed if asked).
    pub clients: Vec<ClientSummary>,
    /// Each listed client's file, in the same order.
    pub files: Vec<ClientFile>,
    /// Deadlines, actions and visits due from `today` over the horizon (overdue too).
    pub due: Vec<DueItem>,
}

/// Reads the caseload: open clients (and closed ones when asked), each
/// client's file, and what is due over `horizon_days`.
pub fn caseload(
    store: &Store,
    today: NaiveDate,
    horizon_days: u32,
    include_closed: bool,
) -> Result<Caseload> {
    let clients = store.client_summaries(include_closed)?;
    let visits = planned_visits(store, today, today + chrono::Days::new(horizon_days.into()))?;
    let mut files = Vec::with_capacity(clients.len());
    for c in &clients {
        files.push(file_with(store, c.client.id, &visits, today)?);
    }
    Ok(Caseload {
        clients,
        files,
        due: store.due(today, horizon_days)?,
    })
}

/// The audit trail of one client, oldest first.
pub fn client_audit(store: &Store, client_id: i64) -> Result<Vec<AuditEntry>> {
    let mut v = store.audit_log(Some(client_id), u32::MAX)?;
    v.sort_by_key(|a| a.id);
    Ok(v)
}
