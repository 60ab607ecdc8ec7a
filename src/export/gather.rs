//! Collecting the domain values a document is made from, through the
//! store's typed methods (no SQL here). Planned visits come from ONE place,
//! [`planned_visits`], so the visits layer plugs in there.

use chrono::NaiveDate;
use sha2::Digest;

use crate::domain::{
    Action, Addendum, CarePlan, Client, ClientSummary, Deadline, DueItem, DueKind, LegalEpisode,
    NetworkMember, Note,
};
use crate::store::{AuditEntry, ChronologyEntry, Result, Store};

/// A visit planned (or due) for a client on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedVisit {
    /// A stable key for calendars: the same visit keeps it.
    pub key: String,
    /// The client.
    pub client_id: i64,
    /// The day.
    pub date: NaiveDate,
    /// What the visit is for.
    pub what: String,
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
    /// The day of the last contact, if any.
    pub last_seen: Option<NaiveDate>,
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
            .filter(|note| note.kind.is_contact())
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
    file_with(store, client_id, &visits)
}

/// One client's file, given every planned visit (read once for a caseload).
fn file_with(store: &Store, client_id: i64, visits: &[PlannedVisit]) -> Result<ClientFile> {
    let client = store.client(client_id)?;
    let mut notes = Vec::new();
    for n in store.notes(client_id)? {
        let addenda = store.addenda(n.id)?;
        notes.push((n, addenda));
    }
    notes.sort_by_key(|(n, _)| (n.occurred_at, n.id));
    let mut plans = store.plan_versions(client_id)?;
    plans.sort_by_key(|p| p.version);
    let last_seen = store.last_contacts(&[client_id])?.get(&client_id).copied();
    let visits = visits
        .iter()
        .filter(|v| v.client_id == client_id)
        .cloned()
        .collect();
    Ok(ClientFile {
        network: store.network(client_id)?,
        episodes: store.episodes(client_id)?,
        deadlines: store.deadlines(client_id)?,
        actions: store.actions(Some(client_id))?,
        plans,
        notes,
        chronology: store.chronology(client_id)?,
        visits,
        last_seen,
        client,
    })
}

/// The visits planned between `from` and `to` for every open client.
///
/// THE one place visits come from: today these are the visits falling due
/// under each client's "visit every N days" (the due list's visit items);
/// the visits layer's planned visits replace this body.
pub fn planned_visits(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Vec<PlannedVisit>> {
    let within = u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX);
    Ok(store
        .due(from, within)?
        .into_iter()
        .filter(|d| d.kind == DueKind::Visit && d.due >= from && d.due <= to)
        .filter_map(|d| {
            let client_id = d.client_id?;
            // One client can have two visits due the same day under
            // different rules: the key tells them apart by what they are.
            let what = sha2::Sha256::digest(d.what.as_bytes());
            let tag: String = what.iter().take(4).map(|b| format!("{b:02x}")).collect();
            Some(PlannedVisit {
                key: format!("visit-{client_id}-{}-{tag}", d.due),
                client_id,
                date: d.due,
                what: d.what,
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
        files.push(file_with(store, c.client.id, &visits)?);
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
