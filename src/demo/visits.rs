//! Seeding the demo's households and visits, after every client exists (a
//! visit may see several clients, named "Given Family").

use crate::store::prelude::*;
use chrono::{NaiveDateTime, NaiveTime};
use std::collections::HashMap;

use super::DemoError;
use super::data::{DemoFile, DemoVisit};
use super::seed::day;
use crate::domain::{NewNote, NewVisit, NoteKind};
use crate::store::Store;

fn clock(t: &str) -> Result<NaiveTime, DemoError> {
    NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| DemoError::Data(format!("bad time {t:?}")))
}

fn id_of(ids: &HashMap<String, i64>, name: &str) -> Result<i64, DemoError> {
    ids.get(name)
        .copied()
        .ok_or_else(|| DemoError::Data(format!("no demo client named {name:?}")))
}

/// Links the households and records every client's visits.
pub(super) fn seed_visits(
    store: &mut Store,
    file: &DemoFile,
    ids: &HashMap<String, i64>,
    now: NaiveDateTime,
) -> Result<(), DemoError> {
    for h in &file.household {
        let members = h
            .members
            .iter()
            .map(|m| id_of(ids, m))
            .collect::<Result<Vec<_>, _>>()?;
        store.link_household(&members, now)?;
    }
    for c in &file.client {
        let id = id_of(ids, &format!("{} {}", c.given, c.family))?;
        for v in &c.visit {
            seed_visit(store, id, v, ids, now)?;
        }
    }
    Ok(())
}

fn seed_visit(
    store: &mut Store,
    client: i64,
    v: &DemoVisit,
    ids: &HashMap<String, i64>,
    now: NaiveDateTime,
) -> Result<(), DemoError> {
    let at = day(now.date(), v.day).and_time(clock(&v.time)?);
    let mut clients = vec![client];
    for a in &v.also {
        clients.push(id_of(ids, a)?);
    }
    // Planned a week before (never after now).
    let planned_on = (at - chrono::Duration::days(7)).min(now);
    let visit = store.plan_visit(
        &NewVisit {
            clients: clients.clone(),
            at: Some(at),
            kind: Some(NoteKind::HomeVisit),
            minutes: v.minutes,
            location: v.location.clone(),
            with_whom: v.with.clone(),
            lone_check: v.lone_check.as_deref().map(clock).transpose()?,
        },
        planned_on,
    )?;
    if let Some(reason) = &v.cancelled {
        store.cancel_visit(
            visit,
            reason,
            planned_on.max(at - chrono::Duration::days(1)).min(now),
        )?;
        return Ok(());
    }
    let Some(outcome) = v.outcome else {
        return Ok(());
    };
    let others = v.also_outcome.unwrap_or(outcome);
    let outcomes: Vec<_> = clients
        .iter()
        .map(|c| (*c, if *c == client { outcome } else { others }))
        .collect();
    let written = (at + chrono::Duration::hours(2)).min(now);
    store.record_visit(visit, &outcomes, None, written)?;
    if let Some(text) = &v.text {
        let note = store.add_note(
            &NewNote {
                client_id: client,
                kind: Some(NoteKind::HomeVisit),
                outcome: Some(crate::domain::NoteOutcome::from_visit(outcome)),
                occurred_at: at,
                location: v.location.clone(),
                present: None,
                body: text.trim().to_string(),
                significant: !outcome.counts(),
            },
            written,
        )?;
        store.finalise_note(note, None, written)?;
        store.link_visit_note(visit, note, written)?;
    }
    Ok(())
}
