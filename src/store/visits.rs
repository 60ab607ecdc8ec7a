//! Visits: plan, record outcomes per person, move, cancel; an unplanned
//! visit recorded with its note in one step; a statutory visit deadline
//! completed by recording the visit (through `Store::complete_deadline`). Each user action is one transaction.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{Connection, params};

use super::audit::record;
use super::generated_rows::write_completion;
use super::notes::insert_note;
use super::rows::fmt_dt;
use super::rules_apply::Completed;
use super::{Result, Store, StoreError};
use crate::domain::validate::{self, MAX_SHORT};
use crate::domain::{NewNote, NewVisit, NoteKind, Visit, VisitOutcome, VisitStatus};

/// Inserts a visit and its people inside the caller's transaction.
fn insert_visit(
    conn: &Connection,
    v: &NewVisit,
    status: VisitStatus,
    occurred_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO visits (status, kind, planned_at, occurred_at, minutes, location, with_whom,
                             lone_check, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            status,
            v.kind.unwrap_or(NoteKind::HomeVisit),
            v.at.map(fmt_dt),
            occurred_at.map(fmt_dt),
            v.minutes,
            v.location,
            v.with_whom,
            v.lone_check.map(|t| t.format("%H:%M").to_string()),
            fmt_dt(now)
        ],
    )?;
    let id = conn.last_insert_rowid();
    for c in &v.clients {
        conn.execute(
            "INSERT INTO visit_people (visit_id, client_id) VALUES (?1, ?2)",
            params![id, c],
        )?;
    }
    Ok(id)
}

/// Sets each person's outcome and marks the visit done at `at`.
fn write_outcomes(
    conn: &Connection,
    id: i64,
    outcomes: &[(i64, VisitOutcome)],
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<()> {
    conn.execute(
        "UPDATE visits SET status = 'done', occurred_at = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, fmt_dt(at), fmt_dt(now)],
    )?;
    for (client, outcome) in outcomes {
        conn.execute(
            "UPDATE visit_people SET outcome = ?3 WHERE visit_id = ?1 AND client_id = ?2",
            params![id, client, outcome],
        )?;
    }
    Ok(())
}

/// Visits: plan, record, move, cancel and link them to notes.
pub trait VisitRecords {
    /// Puts a visit in the diary; returns its id.
    fn plan_visit(&mut self, new: &NewVisit, now: NaiveDateTime) -> Result<i64>;

    /// Records what came of a planned visit, one outcome per person on it, at `at`.
    fn record_visit(
        &mut self,
        id: i64,
        outcomes: &[(i64, VisitOutcome)],
        at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<()>;

    /// Records a planned visit's outcomes and starts its note, in one transaction.
    fn record_visit_and_start_note(
        &mut self,
        id: i64,
        outcomes: &[(i64, VisitOutcome)],
        at: Option<NaiveDateTime>,
        client_id: i64,
        now: NaiveDateTime,
    ) -> Result<i64>;

    /// Moves a planned visit to another time, keeping the old time in its history.
    fn move_visit(&mut self, id: i64, to: NaiveDateTime, now: NaiveDateTime) -> Result<()>;

    /// Cancels a planned visit with a reason; it stays in the record.
    fn cancel_visit(&mut self, id: i64, reason: &str, now: NaiveDateTime) -> Result<()>;

    /// Records an unplanned visit and its draft note in one step.
    fn add_note_with_outcome(
        &mut self,
        note: &NewNote,
        outcome: VisitOutcome,
        now: NaiveDateTime,
    ) -> Result<(i64, i64)>;

    /// Records an unplanned visit and its final note in one transaction.
    fn add_final_note_with_outcome(
        &mut self,
        note: &NewNote,
        outcome: VisitOutcome,
        late_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<(i64, i64)>;

    /// Ties a note to the visit it records.
    fn link_visit_note(&mut self, visit_id: i64, note_id: i64, now: NaiveDateTime) -> Result<()>;
}

impl VisitRecords for Store {
    /// Puts a visit in the diary; returns its id. Every client must be an
    /// open case.
    fn plan_visit(&mut self, new: &NewVisit, now: NaiveDateTime) -> Result<i64> {
        let v = new.validate()?;
        for c in &v.clients {
            if self.client(*c)?.status != crate::domain::CaseStatus::Open {
                return Err(StoreError::Refused(format!(
                    "client {c}'s case is closed; reopen it to plan a visit"
                )));
            }
        }
        let tx = self.conn.transaction()?;
        let id = insert_visit(&tx, &v, VisitStatus::Planned, None, now)?;
        record(
            &tx,
            now,
            "visit",
            id,
            v.clients.first().copied(),
            "create",
            &["*"],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Records what came of a planned visit, one outcome for each person on
    /// it, as having happened at `at` (default: the time it was planned
    /// for, which must have passed).
    fn record_visit(
        &mut self,
        id: i64,
        outcomes: &[(i64, VisitOutcome)],
        at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<()> {
        let v = self.planned(id)?;
        self.check_outcomes(&v, outcomes)?;
        let at = self.outcome_time(&v, at, now)?;
        let on_visit: Vec<i64> = v.people.iter().map(|p| p.client_id).collect();
        let tx = self.conn.transaction()?;
        write_outcomes(&tx, id, outcomes, at, now)?;
        record(
            &tx,
            now,
            "visit",
            id,
            on_visit.first().copied(),
            "update",
            &["status", "occurred_at", "outcome"],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records what came of a planned visit (as [`Store::record_visit`])
    /// and, in the same transaction, starts its note for `client_id`: a
    /// draft filled in from the visit (kind, time, place, who was there,
    /// the outcomes), tied to the visit. Returns the draft's id.
    fn record_visit_and_start_note(
        &mut self,
        id: i64,
        outcomes: &[(i64, VisitOutcome)],
        at: Option<NaiveDateTime>,
        client_id: i64,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let mut v = self.planned(id)?;
        self.check_outcomes(&v, outcomes)?;
        if !v.people.iter().any(|p| p.client_id == client_id) {
            return Err(StoreError::Refused(format!(
                "client {client_id} is not on visit {id}"
            )));
        }
        let at = self.outcome_time(&v, at, now)?;
        v.occurred_at = Some(at);
        for p in &mut v.people {
            p.outcome = outcomes
                .iter()
                .find(|(c, _)| *c == p.client_id)
                .map(|(_, o)| *o);
        }
        let note = v
            .note_draft(client_id)
            .ok_or_else(|| StoreError::Refused("the visit has no time".into()))?
            .validate(now)?;
        let tx = self.conn.transaction()?;
        write_outcomes(&tx, id, outcomes, at, now)?;
        let note_id = insert_note(&tx, &note, now)?;
        tx.execute(
            "UPDATE visits SET note_id = ?2 WHERE id = ?1",
            params![id, note_id],
        )?;
        record(
            &tx,
            now,
            "visit",
            id,
            Some(client_id),
            "update",
            &["status", "occurred_at", "outcome", "note_id"],
        )?;
        tx.commit()?;
        Ok(note_id)
    }

    /// Moves a planned visit to another time, keeping the old time in its
    /// history.
    fn move_visit(&mut self, id: i64, to: NaiveDateTime, now: NaiveDateTime) -> Result<()> {
        let v = self.planned(id)?;
        let from = v.planned_at.unwrap_or(to);
        if from == to {
            return Err(StoreError::Refused(format!(
                "visit {id} is already planned for then"
            )));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE visits SET planned_at = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, fmt_dt(to), fmt_dt(now)],
        )?;
        tx.execute(
            "INSERT INTO visit_moves (visit_id, from_at, to_at, moved_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, fmt_dt(from), fmt_dt(to), fmt_dt(now)],
        )?;
        let client = v.people.first().map(|p| p.client_id);
        record(&tx, now, "visit", id, client, "move", &["planned_at"])?;
        tx.commit()?;
        Ok(())
    }

    /// Cancels a planned visit with a reason; it stays in the record.
    fn cancel_visit(&mut self, id: i64, reason: &str, now: NaiveDateTime) -> Result<()> {
        let reason = validate::required("reason", reason, MAX_SHORT)?;
        let v = self.planned(id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE visits SET status = 'cancelled', cancel_reason = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, reason, fmt_dt(now)],
        )?;
        tx.execute(
            "UPDATE visit_people SET outcome = 'cancelled' WHERE visit_id = ?1",
            [id],
        )?;
        let client = v.people.first().map(|p| p.client_id);
        record(
            &tx,
            now,
            "visit",
            id,
            client,
            "cancel",
            &["status", "cancel_reason"],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records an unplanned visit and its note (a draft) in one step: the
    /// note's kind must be a visit (in person). Returns (note id, visit id).
    fn add_note_with_outcome(
        &mut self,
        note: &NewNote,
        outcome: VisitOutcome,
        now: NaiveDateTime,
    ) -> Result<(i64, i64)> {
        self.note_with_outcome(note, outcome, None, now)
    }

    /// As [`Store::add_note_with_outcome`], and the note is finalised in
    /// the same transaction (a late entry needs `late_reason`): a final note
    /// with its visit, or nothing.
    fn add_final_note_with_outcome(
        &mut self,
        note: &NewNote,
        outcome: VisitOutcome,
        late_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<(i64, i64)> {
        self.note_with_outcome(note, outcome, Some(late_reason), now)
    }

    /// Ties a note to the visit it records (the visit's outcome then
    /// decides whether it counts, never the note on its own).
    fn link_visit_note(&mut self, visit_id: i64, note_id: i64, now: NaiveDateTime) -> Result<()> {
        let v = self.visit(visit_id)?;
        let note = self.note(note_id)?;
        if !v.people.iter().any(|p| p.client_id == note.client_id) {
            return Err(StoreError::Refused(format!(
                "note {note_id} is about someone not on visit {visit_id}"
            )));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE visits SET note_id = ?2, updated_at = ?3 WHERE id = ?1",
            params![visit_id, note_id, fmt_dt(now)],
        )?;
        record(
            &tx,
            now,
            "visit",
            visit_id,
            Some(note.client_id),
            "update",
            &["note_id"],
        )?;
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    fn planned(&self, id: i64) -> Result<Visit> {
        let v = self.visit(id)?;
        if v.status != VisitStatus::Planned {
            return Err(StoreError::Refused(format!(
                "visit {id} is {} already",
                v.status.label().to_lowercase()
            )));
        }
        Ok(v)
    }

    /// Refuses outcomes that are not exactly one for each person on `v`.
    fn check_outcomes(&self, v: &Visit, outcomes: &[(i64, VisitOutcome)]) -> Result<()> {
        let on_visit: Vec<i64> = v.people.iter().map(|p| p.client_id).collect();
        for (c, _) in outcomes {
            if !on_visit.contains(c) {
                return Err(StoreError::Refused(format!(
                    "client {c} is not on visit {}",
                    v.id
                )));
            }
        }
        if let Some(missing) = on_visit
            .iter()
            .find(|c| !outcomes.iter().any(|(o, _)| o == *c))
        {
            return Err(StoreError::Refused(format!(
                "give an outcome for each person on the visit (client {missing} has none)"
            )));
        }
        Ok(())
    }

    /// When a visit being recorded happened: `at`, else its planned time;
    /// never in the future.
    fn outcome_time(
        &self,
        v: &Visit,
        at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<NaiveDateTime> {
        let at = at.or(v.planned_at).unwrap_or(now);
        if at > now {
            return Err(StoreError::Refused(
                "the visit's time has not come yet; record it once it has happened".into(),
            ));
        }
        Ok(at)
    }

    fn note_with_outcome(
        &mut self,
        note: &NewNote,
        outcome: VisitOutcome,
        finalise: Option<Option<&str>>,
        now: NaiveDateTime,
    ) -> Result<(i64, i64)> {
        let late = self.late_entry_in_force();
        let mut n = note.validate(now)?;
        // The note carries the outcome its visit records.
        n.outcome = Some(crate::domain::NoteOutcome::from_visit(outcome));
        let Some(kind) = n.kind else {
            return Err(StoreError::Refused(
                "a visit's note needs its kind chosen (home visit, office, hospital, review)"
                    .into(),
            ));
        };
        if !kind.is_in_person() {
            return Err(StoreError::Refused(format!(
                "a {} is a contact, not a visit; record it without an outcome",
                kind.label().to_lowercase()
            )));
        }
        if n.occurred_at > now {
            return Err(StoreError::Refused(
                "a visit with an outcome must have happened already".into(),
            ));
        }
        self.client(n.client_id)?;
        let visit = NewVisit {
            clients: vec![n.client_id],
            kind: Some(kind),
            location: n.location.clone(),
            ..NewVisit::default()
        };
        let tx = self.conn.transaction()?;
        let note_id = insert_note(&tx, &n, now)?;
        let visit_id = insert_visit(&tx, &visit, VisitStatus::Done, Some(n.occurred_at), now)?;
        tx.execute(
            "UPDATE visits SET note_id = ?2 WHERE id = ?1",
            params![visit_id, note_id],
        )?;
        tx.execute(
            "UPDATE visit_people SET outcome = ?2 WHERE visit_id = ?1",
            params![visit_id, outcome],
        )?;
        record(
            &tx,
            now,
            "visit",
            visit_id,
            Some(n.client_id),
            "create",
            &["*"],
        )?;
        if let Some(late_reason) = finalise {
            super::notes::finalise_in(&tx, note_id, late_reason, &late, now)?;
        }
        tx.commit()?;
        Ok((note_id, visit_id))
    }

    /// Completes a statutory visit deadline by recording the visit on `on`
    /// with `outcome`, in one transaction. Seen or seen alone completes the
    /// deadline (and its chain continues, counted from that day); not seen
    /// or cancelled records the attempt and leaves the deadline open.
    pub(super) fn complete_visit_deadline(
        &mut self,
        id: i64,
        on: NaiveDate,
        outcome: VisitOutcome,
        now: NaiveDateTime,
    ) -> Result<Completed> {
        let (d, next) = self.completion_plan(id, on, now)?;
        let client = d
            .client_id
            .ok_or_else(|| StoreError::Refused(format!("deadline {id} has no client to visit")))?;
        // The time of day is not asked for: now when done today, else noon.
        let at = if on == now.date() {
            now
        } else {
            on.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN))
        };
        let tx = self.conn.transaction()?;
        let visit = NewVisit {
            clients: vec![client],
            kind: Some(NoteKind::HomeVisit),
            ..NewVisit::default()
        };
        let visit_id = insert_visit(&tx, &visit, VisitStatus::Done, Some(at), now)?;
        tx.execute(
            "UPDATE visits SET deadline_id = ?2 WHERE id = ?1",
            params![visit_id, id],
        )?;
        tx.execute(
            "UPDATE visit_people SET outcome = ?2 WHERE visit_id = ?1",
            params![visit_id, outcome],
        )?;
        record(&tx, now, "visit", visit_id, Some(client), "create", &["*"])?;
        let next = if outcome.counts() {
            write_completion(&tx, &d, on, Some(outcome.label()), next, now)?
        } else {
            Vec::new()
        };
        tx.commit()?;
        Ok(Completed {
            visit_id: Some(visit_id),
            completed: outcome.counts(),
            next,
        })
    }
}
