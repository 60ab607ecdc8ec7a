//! Loading the shipped demo caseload into a store, through the same typed
//! methods a practitioner's actions use (so every record is validated and
//! audited), with dates made relative to `today`.

use crate::store::prelude::*;
use chrono::{Days, Months, NaiveDate, NaiveDateTime, NaiveTime};

use super::DemoError;
use super::data::{self, DemoClient};
use crate::domain::{
    NewAction, NewCarePlan, NewClient, NewDeadline, NewEpisode, NewNetworkMember, NewNote,
    PlanAction,
};
use crate::store::Store;

/// What the seed wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedSummary {
    /// Clients added.
    pub clients: usize,
    /// Notes added.
    pub notes: usize,
    /// Deadlines added.
    pub deadlines: usize,
}

/// `today` shifted by `offset` days.
pub(crate) fn day(today: NaiveDate, offset: i64) -> NaiveDate {
    let n = Days::new(offset.unsigned_abs());
    let d = if offset < 0 {
        today.checked_sub_days(n)
    } else {
        today.checked_add_days(n)
    };
    d.unwrap_or(today)
}

fn at(date: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN))
}

/// Loads the demo caseload from `data/demo.toml` into `store`, dated
/// relative to `now`. Meant for an empty store.
pub fn seed(store: &mut Store, now: NaiveDateTime) -> Result<SeedSummary, DemoError> {
    let file = data::load().map_err(|e| DemoError::Data(e.to_string()))?;
    let mut summary = SeedSummary::default();
    let mut ids = std::collections::HashMap::new();
    for (i, c) in file.client.iter().enumerate() {
        let id = seed_client(store, c, i, now, &mut summary)?;
        ids.insert(format!("{} {}", c.given, c.family), id);
    }
    super::visits::seed_visits(store, &file, &ids, now)?;
    let morning = at(now.date(), 8, 0).min(now);
    for a in &file.action {
        add_action(store, None, a, now, morning)?;
    }
    Ok(summary)
}

fn seed_client(
    store: &mut Store,
    c: &DemoClient,
    index: usize,
    now: NaiveDateTime,
    summary: &mut SeedSummary,
) -> Result<i64, DemoError> {
    let today = now.date();
    let opened = day(today, c.opened);
    let opened_at = at(opened, 9, 0);
    // Spread birthdays over the year so ages look natural.
    let dob = c.age.and_then(|years| {
        today
            .checked_sub_months(Months::new(years * 12))
            .map(|d| day(d, -i64::try_from(index * 37 % 360).unwrap_or(0)))
    });
    let new = NewClient {
        given_name: c.given.clone(),
        family_name: c.family.clone(),
        preferred_name: c.preferred.clone(),
        pronouns: c.pronouns.clone(),
        dob,
        record_no: c.record.clone(),
        nhs_number: c.nhs.clone(),
        gp: c.gp.clone(),
        consent_to_share: c.consent,
        address: c.address.clone(),
        phone: c.phone.clone(),
        language: c.language.clone(),
        interpreter: c.interpreter,
        team: c.team.clone(),
        service: Some(c.service),
        visit_every_days: c.visit_every,
        risk: Some(c.risk),
        risk_summary: c.risk_summary.clone(),
        alerts: c.alerts.clone(),
        opened_on: Some(opened),
    };
    // The risk summary is entered at a later review, so it carries a recent date.
    let id = store.add_client(
        &NewClient {
            risk_summary: None,
            ..new.clone()
        },
        opened_at,
    )?;
    if new.risk_summary.is_some() {
        let reviewed = day(today, -i64::try_from(index * 7 % 60).unwrap_or(0)).max(opened);
        store.update_client(id, &new, at(reviewed, 12, 0).min(now))?;
    }
    summary.clients += 1;
    let mut episodes = Vec::new();
    for e in &c.episode {
        let start = day(today, e.start);
        let eid = store.add_episode(
            &NewEpisode {
                client_id: id,
                kind: e.kind,
                start_on: start,
                notes: e.notes.clone(),
            },
            at(start, 17, 0).min(now),
        )?;
        if let Some(end) = e.end {
            store.end_episode(eid, day(today, end), now)?;
        }
        episodes.push((e.kind, eid));
    }
    for m in &c.network {
        store.add_network_member(
            &NewNetworkMember {
                client_id: id,
                name: m.name.clone(),
                role: m.role.clone(),
                organisation: m.organisation.clone(),
                relationship: m.relationship.clone(),
                phone: m.phone.clone(),
                email: m.email.clone(),
                consent_to_share: m.consent,
                notes: None,
            },
            opened_at,
        )?;
    }
    for p in &c.plan {
        let actions = p
            .action
            .iter()
            .map(|a| PlanAction {
                id: 0,
                what: a.what.clone(),
                owner: a.owner.clone(),
                due: a.due.map(|d| day(today, d)),
                done_on: a.done.map(|d| day(today, d)),
            })
            .collect();
        store.add_plan_version(
            id,
            &NewCarePlan {
                needs: p.needs.clone(),
                outcomes: p.outcomes.clone(),
                strengths: p.strengths.clone(),
                crisis_plan: p.crisis.clone(),
                next_review: p.review.map(|d| day(today, d)),
                actions,
            },
            at(day(today, p.day), 16, 0).min(now),
        )?;
    }
    seed_notes(store, c, id, now, summary)?;
    for d in &c.deadline {
        let did = store.add_deadline(
            &NewDeadline {
                client_id: Some(id),
                episode_id: d.episode.and_then(|k| {
                    episodes
                        .iter()
                        .find(|(kind, _)| *kind == k)
                        .map(|(_, e)| *e)
                }),
                what: d.what.clone(),
                due: Some(day(today, d.due)),
                warn_from: d.warn.map(|w| day(today, w)),
                rule: d.rule.clone(),
                source: d.source.clone(),
                weight: d.weight,
                chain_index: 0,
            },
            opened_at,
        )?;
        if let Some(done) = d.done {
            // A statutory visit deadline is done by its visit's outcome.
            let how = if store.is_visit_deadline(did)? {
                crate::domain::Completion::Visit(
                    d.outcome
                        .as_deref()
                        .and_then(|o| o.parse().ok())
                        .unwrap_or(crate::domain::VisitOutcome::Seen),
                )
            } else {
                crate::domain::Completion::Outcome(d.outcome.clone())
            };
            store.complete_deadline(did, day(today, done), how, now)?;
        }
        summary.deadlines += 1;
    }
    for a in &c.action {
        add_action(store, Some(id), a, now, opened_at)?;
    }
    if let Some(closed) = c.closed {
        let reason = c.closure_reason.as_deref().unwrap_or("Case closed");
        store.close_client(id, day(today, closed), reason, now)?;
    }
    Ok(id)
}

fn seed_notes(
    store: &mut Store,
    c: &DemoClient,
    id: i64,
    now: NaiveDateTime,
    summary: &mut SeedSummary,
) -> Result<(), DemoError> {
    let mut notes: Vec<&data::DemoNote> = c.note.iter().collect();
    notes.sort_by_key(|n| n.day);
    for n in notes {
        let (h, m) = n
            .time
            .split_once(':')
            .and_then(|(h, m)| Some((h.parse().ok()?, m.parse().ok()?)))
            .ok_or_else(|| DemoError::Data(format!("bad note time {:?}", n.time)))?;
        let occurred = at(day(now.date(), n.day), h, m).min(now);
        // Written up a couple of hours after the contact (never after now).
        let written = (occurred + chrono::Duration::hours(2)).min(now);
        let nid = store.add_note(
            &NewNote {
                client_id: id,
                kind: Some(n.kind),
                outcome: super::written_outcome(n.kind),
                occurred_at: occurred,
                location: n.location.clone(),
                present: n.present.clone(),
                body: n.text.trim().to_string(),
                significant: n.significant,
            },
            written,
        )?;
        summary.notes += 1;
        if n.draft {
            continue;
        }
        store.finalise_note(nid, None, written)?;
        for a in &n.addendum {
            let when = (written + chrono::Duration::days(a.after)).min(now);
            store.add_addendum(nid, &a.reason, a.text.trim(), when)?;
        }
    }
    Ok(())
}

fn add_action(
    store: &mut Store,
    client_id: Option<i64>,
    a: &data::DemoAction,
    now: NaiveDateTime,
    created: NaiveDateTime,
) -> Result<(), DemoError> {
    let today = now.date();
    let aid = store.add_action(
        &NewAction {
            client_id,
            what: a.what.clone(),
            due: a.due.map(|d| day(today, d)),
        },
        created,
    )?;
    if let Some(done) = a.done {
        store.complete_action(aid, day(today, done), now)?;
    }
    Ok(())
}
