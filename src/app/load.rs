//! The screens' data, loaded from the store: one function per screen, each
//! returning plain data (`ui::data`). This is the only place the screens'
//! queries live; a screen reaches them through [`crate::ui::data::Source`] when the app asks
//! it to reload.

use crate::store::prelude::*;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use std::rc::Rc;

use crate::domain::VisitStatus;
use crate::domain::{AgendaKind, ClientSummary, DueItem, DueKind};
use crate::store::{AgendaItem, AgendaKinds, SearchFilter, SearchHit, Store, VisitFilter};
use crate::ui::data::{CalendarData, ClientData, ClientRows, DraftDue, NoteData, Seen, TodayData};
use crate::ui::today::DUE_WITHIN_DAYS;

/// The Today screen's data for `today`.
pub fn today(store: &Store, now: NaiveDateTime) -> crate::store::Result<TodayData> {
    let today = now.date();
    // The chart counts what is due week by week without reading the lines.
    let end = today + Days::new(8 * 7 - 1);
    let chart = crate::practice::weekly_counts(&store.open_work_by_day(today, end)?, today);
    let (overdue_visits, due): (Vec<DueItem>, Vec<DueItem>) = store
        .due_now(now, DUE_WITHIN_DAYS)?
        .into_iter()
        .partition(|d| d.kind == DueKind::Visit && d.overdue);

    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let sunday = monday + Days::new(6);
    let week: Vec<AgendaItem> = store
        .agenda_of(monday, sunday, AgendaKinds::CONTACTS_AND_REVIEWS)?
        .into_iter()
        .filter(|a| matches!(a.kind, AgendaKind::Contact | AgendaKind::Review))
        .collect();

    let unseen_ids: Vec<i64> = overdue_visits.iter().filter_map(|v| v.client_id).collect();
    let last_seen = store.last_seen(&unseen_ids)?;
    let unseen = overdue_visits
        .into_iter()
        .map(|visit| {
            let days = visit
                .client_id
                .and_then(|c| last_seen.get(&c))
                .map(|d| (today - *d).num_days());
            (visit, days)
        })
        .collect();

    // The same rule (config.toml's limits) the store applies when a draft
    // is finalised.
    let rule = store.late_entry_in_force();
    let midnight = today.and_time(NaiveTime::MIN);
    let drafts = store
        .draft_rows()?
        .into_iter()
        .map(|d| DraftDue {
            note_id: d.note_id,
            client_id: d.client_id,
            name: d.name,
            occurred: d.occurred_at,
            days_left: rule.working_days_left(d.occurred_at, midnight, d.significant),
        })
        .collect();

    let visits = store
        .visits(&VisitFilter {
            to: Some(sunday),
            ..VisitFilter::default()
        })?
        .into_iter()
        .filter(|v| v.status == VisitStatus::Planned)
        .collect();
    Ok(TodayData {
        has_clients: store.has_clients()?,
        visits,
        due,
        local_rules: store.rules().local_rule_ids(),
        week,
        unseen,
        drafts,
        chart,
        // The same list `due` prints.
        retention: store.retention_due(today)?,
        cpd: cpd_reminder(store, today)?,
    })
}

/// Today's CPD line: the registration year read only from 1 September.
fn cpd_reminder(store: &Store, today: NaiveDate) -> crate::store::Result<Option<String>> {
    let Some((from, to)) = crate::practice::cpd::reminder_range(today) else {
        return Ok(None);
    };
    let entries = store.cpd_entries(Some(from), Some(to))?;
    Ok(crate::practice::cpd::reminder(&entries, today))
}

/// The Caseload table's rows.
pub fn caseload(store: &Store, closed: bool) -> crate::store::Result<Vec<ClientSummary>> {
    store.client_summaries(closed)
}

/// A client's record as of `today`.
pub fn client(store: &Store, id: i64, today: NaiveDate) -> crate::store::Result<ClientData> {
    let client = store.client(id)?;
    let notes = store.notes(id)?;
    let facts = store.client_visit_facts(id)?;
    let next = facts.next_visit();
    let planned = store
        .visits(&VisitFilter {
            client: Some(id),
            ..VisitFilter::default()
        })?
        .into_iter()
        .filter(|v| v.status == VisitStatus::Planned)
        .collect();
    let mut household = Vec::new();
    for other in store.household_of(id)? {
        household.push((other, store.client(other)?.display_name()));
    }
    let seen = Seen {
        last: facts.last_seen,
        last_contact: facts.last_contact,
        next_visit: next.map(|v| (v.due, v.what.clone())),
        overdue: facts.visit_overdue(today),
        planned,
        household,
    };
    let deadlines = store.deadlines(id)?;
    let episodes = store.episodes(id)?;
    Ok(ClientData {
        periods: crate::practice::current_periods(&episodes, &deadlines, store.rules(), today),
        notes,
        plans: store.plan_versions(id)?,
        deadlines,
        actions: store.actions(Some(id))?,
        network: store.network(id)?,
        episodes,
        chronology: store.chronology(id)?,
        chain_break: store.verify_chain(id)?,
        seen,
        closure: match client.status {
            crate::domain::CaseStatus::Closed => store.latest_closure(id)?,
            crate::domain::CaseStatus::Open => None,
        },
        client,
    })
}

/// A note with its addenda and client.
pub fn note(store: &Store, id: i64) -> crate::store::Result<NoteData> {
    let note = store.note(id)?;
    Ok(NoteData {
        addenda: store.addenda(id)?,
        client: store.client(note.client_id)?,
        note,
    })
}

/// Search matches.
pub fn search(
    store: &Store,
    words: &str,
    filter: &SearchFilter,
) -> crate::store::Result<Vec<SearchHit>> {
    store.search(words, filter)
}

/// The calendar's days from `from` to `to`.
pub fn calendar(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> crate::store::Result<CalendarData> {
    let cal = store.rules().calendar();
    let bank_holidays = (from.year()..=to.year())
        .flat_map(|y| cal.bank_holidays(y))
        .filter(|d| (from..=to).contains(d))
        .collect();
    Ok(CalendarData {
        items: store.agenda(from, to)?,
        bank_holidays,
    })
}

impl crate::ui::data::Source for Store {
    fn today(&self, now: NaiveDateTime) -> Result<TodayData, String> {
        today(self, now).map_err(|e| e.to_string())
    }

    fn clients(&self, closed: bool) -> Result<ClientRows, String> {
        caseload(self, closed)
            .map(Rc::new)
            .map_err(|e| e.to_string())
    }

    fn client(&self, id: i64, day: NaiveDate) -> Result<ClientData, String> {
        client(self, id, day).map_err(|e| e.to_string())
    }

    fn note(&self, id: i64) -> Result<NoteData, String> {
        note(self, id).map_err(|e| e.to_string())
    }

    fn search(&self, words: &str, filter: &SearchFilter) -> Result<Vec<SearchHit>, String> {
        search(self, words, filter).map_err(|e| e.to_string())
    }

    fn calendar(&self, from: NaiveDate, to: NaiveDate) -> Result<CalendarData, String> {
        calendar(self, from, to).map_err(|e| e.to_string())
    }

    fn activity(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<crate::practice::activity::Activity, String> {
        ActivityCounts::activity(self, from, to, today).map_err(|e| e.to_string())
    }

    fn closure(&self, id: i64, on: NaiveDate) -> Result<crate::store::ClosurePreview, String> {
        let schedule = super::write_case::retention_schedule().map_err(|e| e.message)?;
        self.closure_preview(id, on, &schedule)
            .map_err(|e| e.to_string())
    }
}
