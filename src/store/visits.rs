//! Visits: plan, record outcomes per person, move, cancel; an unplanned
//! visit recorded with its note in one step; a statutory visit deadline
//! completed by recording the visit. Each user action is one transaction.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::audit::record;
use super::notes::insert_note;
use super::rows::{fmt_dt, opt_dt};
use super::rules_apply::write_completion;
use super::{Result, Store, StoreError};
use crate::domain::validate::{self, MAX_SHORT};
use crate::domain::{
    NewNote, NewVisit, NoteKind, Visit, VisitMove, VisitOutcome, VisitPerson, VisitStatus,
};

const VISIT_COLS: &str = "v.id, v.status, v.kind, v.planned_at, v.occurred_at, v.minutes,
    v.location, v.with_whom, v.lone_check, v.cancel_reason, v.note_id, v.deadline_id";

fn visit_from_row(r: &Row<'_>) -> rusqlite::Result<Visit> {
    let check: Option<String> = r.get(8)?;
    Ok(Visit {
        id: r.get(0)?,
        status: r.get(1)?,
        kind: r.get(2)?,
        planned_at: opt_dt(r, 3)?,
        occurred_at: opt_dt(r, 4)?,
        minutes: r.get(5)?,
        location: r.get(6)?,
        with_whom: r.get(7)?,
        lone_check: check.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok()),
        cancel_reason: r.get(9)?,
        note_id: r.get(10)?,
        deadline_id: r.get(11)?,
        people: Vec::new(),
        moves: Vec::new(),
    })
}

/// Which visits to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VisitFilter {
    /// Only visits to this client.
    pub client: Option<i64>,
    /// From this day.
    pub from: Option<NaiveDate>,
    /// To this day (inclusive).
    pub to: Option<NaiveDate>,
}

/// What completing a statutory visit deadline did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitDeadlineDone {
    /// The visit recorded.
    pub visit_id: i64,
    /// Whether the deadline was completed (only when the person was seen).
    pub completed: bool,
    /// The deadlines that follow it.
    pub next: Vec<i64>,
}

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

impl Store {
    /// Puts a visit in the diary; returns its id. Every client must be an
    /// open case.
    pub fn plan_visit(&mut self, new: &NewVisit, now: NaiveDateTime) -> Result<i64> {
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

    /// One visit with its people and moves.
    pub fn visit(&self, id: i64) -> Result<Visit> {
        let mut v = self
            .conn
            .query_row(
                &format!("SELECT {VISIT_COLS} FROM visits v WHERE v.id = ?1"),
                [id],
                visit_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "visit",
                id,
            })?;
        self.fill(std::slice::from_mut(&mut v))?;
        Ok(v)
    }

    /// Visits in diary order (by when they happened, else are planned for).
    pub fn visits(&self, f: &VisitFilter) -> Result<Vec<Visit>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {VISIT_COLS} FROM visits v
              WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM visit_people p
                                            WHERE p.visit_id = v.id AND p.client_id = ?1))
                AND (?2 IS NULL OR coalesce(v.occurred_at, v.planned_at) >= ?2)
                AND (?3 IS NULL OR coalesce(v.occurred_at, v.planned_at) < ?3)
              ORDER BY coalesce(v.occurred_at, v.planned_at), v.id"
        ))?;
        let day_after = f.to.and_then(|t| t.succ_opt());
        let rows = stmt.query_map(
            params![
                f.client,
                f.from.map(super::rows::fmt_date),
                day_after.map(super::rows::fmt_date)
            ],
            visit_from_row,
        )?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        self.fill(&mut out)?;
        Ok(out)
    }

    /// Adds each visit's people (with names) and moves.
    fn fill(&self, visits: &mut [Visit]) -> Result<()> {
        let mut people = self.conn.prepare(
            "SELECT p.client_id, coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name,
                    p.outcome
               FROM visit_people p JOIN clients c ON c.id = p.client_id
              WHERE p.visit_id = ?1 ORDER BY p.id",
        )?;
        let mut moves = self.conn.prepare(
            "SELECT from_at, to_at, moved_at FROM visit_moves WHERE visit_id = ?1 ORDER BY id",
        )?;
        for v in visits {
            v.people = people
                .query_map([v.id], |r| {
                    Ok(VisitPerson {
                        client_id: r.get(0)?,
                        name: r.get(1)?,
                        outcome: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            v.moves = moves
                .query_map([v.id], |r| {
                    Ok(VisitMove {
                        from: r.get(0)?,
                        to: r.get(1)?,
                        moved_at: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
        }
        Ok(())
    }

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

    /// Records what came of a planned visit, one outcome for each person on
    /// it, as having happened at `at` (default: the time it was planned
    /// for, which must have passed).
    pub fn record_visit(
        &mut self,
        id: i64,
        outcomes: &[(i64, VisitOutcome)],
        at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<()> {
        let v = self.planned(id)?;
        let on_visit: Vec<i64> = v.people.iter().map(|p| p.client_id).collect();
        for (c, _) in outcomes {
            if !on_visit.contains(c) {
                return Err(StoreError::Refused(format!(
                    "client {c} is not on visit {id}"
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
        let at = at.or(v.planned_at).unwrap_or(now);
        if at > now {
            return Err(StoreError::Refused(
                "the visit's time has not come yet; record it once it has happened".into(),
            ));
        }
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

    /// Moves a planned visit to another time, keeping the old time in its
    /// history.
    pub fn move_visit(&mut self, id: i64, to: NaiveDateTime, now: NaiveDateTime) -> Result<()> {
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
    pub fn cancel_visit(&mut self, id: i64, reason: &str, now: NaiveDateTime) -> Result<()> {
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
    pub fn add_note_with_outcome(
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
    pub fn add_final_note_with_outcome(
        &mut self,
        note: &NewNote,
        outcome: VisitOutcome,
        late_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<(i64, i64)> {
        self.note_with_outcome(note, outcome, Some(late_reason), now)
    }

    fn note_with_outcome(
        &mut self,
        note: &NewNote,
        outcome: VisitOutcome,
        finalise: Option<Option<&str>>,
        now: NaiveDateTime,
    ) -> Result<(i64, i64)> {
        let late = self.late_entry_in_force();
        let n = note.validate(now)?;
        if !n.kind.is_in_person() {
            return Err(StoreError::Refused(format!(
                "a {} is a contact, not a visit; record it without an outcome",
                n.kind.label().to_lowercase()
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
            kind: Some(n.kind),
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

    /// Ties a note to the visit it records (the visit's outcome then
    /// decides whether it counts, never the note on its own).
    pub fn link_visit_note(
        &mut self,
        visit_id: i64,
        note_id: i64,
        now: NaiveDateTime,
    ) -> Result<()> {
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

    /// Completes a statutory visit deadline by recording the visit on `on`
    /// with `outcome`, in one transaction. Seen or seen alone completes the
    /// deadline (and its chain continues, counted from that day); not seen
    /// or cancelled records the attempt and leaves the deadline open.
    pub fn complete_visit_deadline(
        &mut self,
        id: i64,
        on: NaiveDate,
        outcome: VisitOutcome,
        now: NaiveDateTime,
    ) -> Result<VisitDeadlineDone> {
        if !self.is_visit_deadline(id)? {
            return Err(StoreError::Refused(format!(
                "deadline {id} is not a statutory visit"
            )));
        }
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
        Ok(VisitDeadlineDone {
            visit_id,
            completed: outcome.counts(),
            next,
        })
    }
}
