//! Reading visits: one, a filtered list in diary order, and the planned
//! visits whose outcome is due.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{OptionalExtension, Row, params};

use super::due::NAME_SQL;
use super::rows::{fmt_date, fmt_dt, opt_dt};
use super::{Result, Store, StoreError};
use crate::domain::{Visit, VisitMove, VisitPerson};

pub(crate) const VISIT_COLS: &str =
    "v.id, v.status, v.kind, v.planned_at, v.occurred_at, v.minutes,
    v.location, v.with_whom, v.lone_check, v.cancel_reason, v.note_id, v.deadline_id";

pub(crate) fn visit_from_row(r: &Row<'_>) -> rusqlite::Result<Visit> {
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

/// Reading visits back: one, a filtered list, those awaiting an outcome.
pub trait VisitReads {
    /// One visit with its people and moves.
    fn visit(&self, id: i64) -> Result<Visit>;

    /// Visits in diary order (by when they happened, else are planned for).
    fn visits(&self, f: &VisitFilter) -> Result<Vec<Visit>>;

    /// Planned visits whose time has passed: their outcome is due.
    fn visits_awaiting_outcome(&self, now: NaiveDateTime) -> Result<Vec<Visit>>;
}

impl VisitReads for Store {
    /// One visit with its people and moves.
    fn visit(&self, id: i64) -> Result<Visit> {
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
    fn visits(&self, f: &VisitFilter) -> Result<Vec<Visit>> {
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
            params![f.client, f.from.map(fmt_date), day_after.map(fmt_date)],
            visit_from_row,
        )?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        self.fill(&mut out)?;
        Ok(out)
    }

    /// Planned visits whose time has passed: their outcome is due.
    fn visits_awaiting_outcome(&self, now: NaiveDateTime) -> Result<Vec<Visit>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {VISIT_COLS} FROM visits v
              WHERE v.status = 'planned' AND v.planned_at <= ?1
              ORDER BY v.planned_at, v.id"
        ))?;
        let rows = stmt.query_map([fmt_dt(now)], visit_from_row)?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        self.fill(&mut out)?;
        Ok(out)
    }
}

impl Store {
    /// Adds each visit's people (with names) and moves.
    pub(crate) fn fill(&self, visits: &mut [Visit]) -> Result<()> {
        let mut people = self.conn.prepare(&format!(
            "SELECT p.client_id, {NAME_SQL}, p.outcome
               FROM visit_people p JOIN clients c ON c.id = p.client_id
              WHERE p.visit_id = ?1 ORDER BY p.id"
        ))?;
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
}
