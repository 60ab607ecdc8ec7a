//! Placements: where a looked-after child lives. Adding one ends the
//! current one on the day the child moved, and hands the visiting duty to
//! the new placement (reg 28(2)(a): a visit within one week of the start
//! of any placement): the visit deadlines entered by hand on the child's
//! looked-after episodes (the first visit, a placement change, weekly
//! visits under temporary approval) are cancelled, kept, because the
//! placement's own visiting duty, worked out from the visits that happen,
//! takes their place. One transaction per action.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, params};

use super::audit::record;
use super::rows::{date, dt, fmt_date, fmt_dt, opt_date};
use super::{Result, Store, StoreError};
use crate::domain::validate::{self, MAX_SHORT};
use crate::domain::{NewPlacement, Placement};

const COLS: &str = "id, client_id, kind, start_on, end_on, end_reason, long_term, carer, address,
    legal_basis, created_at";

fn placement_from_row(r: &Row<'_>) -> rusqlite::Result<Placement> {
    Ok(Placement {
        id: r.get(0)?,
        client_id: r.get(1)?,
        kind: r.get(2)?,
        start_on: date(r, 3)?,
        end_on: opt_date(r, 4)?,
        end_reason: r.get(5)?,
        long_term: r.get(6)?,
        carer: r.get(7)?,
        address: r.get(8)?,
        legal_basis: r.get(9)?,
        created_at: dt(r, 10)?,
    })
}

/// Placements: where a client lives under an episode.
pub trait PlacementRecords {
    /// Adds a placement; the child's current placement (if any) ends on the day this one begins.
    fn add_placement(&mut self, new: &NewPlacement, now: NaiveDateTime) -> Result<i64>;

    /// Ends a placement on `on` (the day the child left), with a reason.
    fn end_placement(
        &mut self,
        id: i64,
        on: NaiveDate,
        reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<()>;

    /// One placement.
    fn placement(&self, id: i64) -> Result<Placement>;

    /// A child's placements, the latest first.
    fn placements(&self, client_id: i64) -> Result<Vec<Placement>>;

    /// The placement that has not ended (the latest, should there be two).
    fn current_placement(&self, client_id: i64) -> Result<Option<Placement>>;
}

impl PlacementRecords for Store {
    /// Adds a placement; the child's current placement (if any) ends on the
    /// day this one begins. Returns the new placement's id.
    fn add_placement(&mut self, new: &NewPlacement, now: NaiveDateTime) -> Result<i64> {
        let p = new.validate()?;
        self.client(p.client_id)?;
        let current = self.current_placement(p.client_id)?;
        if let Some(c) = &current
            && p.start_on <= c.start_on
        {
            return Err(StoreError::Refused(format!(
                "placement {} began on {}: a new placement must begin after it (end or correct that one first)",
                c.id,
                crate::dates::display::date(c.start_on)
            )));
        }
        let replaced = self.replaced_visit_deadlines(p.client_id)?;
        let tx = self.conn.transaction()?;
        for id in &replaced {
            tx.execute("UPDATE deadlines SET cancelled = 1 WHERE id = ?1", [id])?;
        }
        if let Some(c) = &current {
            tx.execute(
                "UPDATE placements SET end_on = ?2, end_reason = 'moved to a new placement'
                  WHERE id = ?1",
                params![c.id, fmt_date(p.start_on)],
            )?;
        }
        tx.execute(
            "INSERT INTO placements (client_id, kind, start_on, long_term, carer, address,
                                     legal_basis, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                p.client_id,
                p.kind,
                fmt_date(p.start_on),
                p.long_term,
                p.carer,
                p.address,
                p.legal_basis,
                fmt_dt(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        // One audit row for the whole change, so undo takes it back whole.
        record(
            &tx,
            now,
            "placement",
            id,
            Some(p.client_id),
            "create",
            &["*"],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Ends a placement on `on` (the day the child left), with a reason.
    fn end_placement(
        &mut self,
        id: i64,
        on: NaiveDate,
        reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<()> {
        let reason = validate::optional("reason", reason, MAX_SHORT)?;
        let p = self.placement(id)?;
        if p.end_on.is_some() {
            return Err(StoreError::Refused(format!(
                "placement {id} has already ended"
            )));
        }
        if on < p.start_on {
            return Err(StoreError::Refused(
                "the end date is before the placement began".into(),
            ));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE placements SET end_on = ?2, end_reason = ?3 WHERE id = ?1",
            params![id, fmt_date(on), reason],
        )?;
        record(
            &tx,
            now,
            "placement",
            id,
            Some(p.client_id),
            "end",
            &["end_on", "end_reason"],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// One placement.
    fn placement(&self, id: i64) -> Result<Placement> {
        self.conn
            .query_row(
                &format!("SELECT {COLS} FROM placements WHERE id = ?1"),
                [id],
                placement_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "placement",
                id,
            })
    }

    /// A child's placements, the latest first.
    fn placements(&self, client_id: i64) -> Result<Vec<Placement>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLS} FROM placements WHERE client_id = ?1 ORDER BY start_on DESC, id DESC"
        ))?;
        let rows = stmt.query_map([client_id], placement_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The placement that has not ended (the latest, should there be two).
    fn current_placement(&self, client_id: i64) -> Result<Option<Placement>> {
        Ok(self
            .placements(client_id)?
            .into_iter()
            .find(|p| p.end_on.is_none()))
    }
}

impl Store {
    /// The open visit deadlines of the child's current episodes whose duty
    /// a placement's own visiting rules take over (rules that record a
    /// visit, of an episode kind that has placement rules).
    fn replaced_visit_deadlines(&self, client_id: i64) -> Result<Vec<i64>> {
        let mut ids = Vec::new();
        for e in self.episodes(client_id)? {
            if e.end_on.is_some() {
                continue;
            }
            let kind_has_placements = self.rules.rules().iter().any(|r| {
                r.kind == Some(e.kind) && r.counts_from == crate::rules::CountsFrom::Placement
            });
            if !kind_has_placements {
                continue;
            }
            for d in self.episode_deadlines(e.id)? {
                let replaced = d
                    .rule
                    .as_deref()
                    .and_then(|r| self.rules.rule(r))
                    .is_some_and(|r| r.records_visit);
                if replaced && d.completed_on.is_none() && !d.cancelled {
                    ids.push(d.id);
                }
            }
        }
        Ok(ids)
    }
}
