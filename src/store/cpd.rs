//! CPD entries: the practitioner's own record (migration 0015). No client
//! id, no search index, left out of the JSON export; the audit row names
//! the entry by id only, as every audit row does.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, params};

use super::audit::record;
use super::rows::{date, dt, fmt_date, fmt_dt};
use super::{Result, Store, StoreError};
use crate::domain::cpd::{CpdEntry, NewCpd};

const COLS: &str = "id, kind, title, on_day, description, learning, impact, peer_reflection,
    standards, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<CpdEntry> {
    let standards: String = r.get(8)?;
    Ok(CpdEntry {
        id: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        on: date(r, 3)?,
        description: r.get(4)?,
        learning: r.get(5)?,
        impact: r.get(6)?,
        peer_reflection: r.get(7)?,
        // Written by us as a JSON list of "4.n".
        standards: serde_json::from_str(&standards).unwrap_or_default(),
        created_at: dt(r, 9)?,
        updated_at: dt(r, 10)?,
    })
}

fn standards_json(new: &NewCpd) -> Result<String> {
    serde_json::to_string(&new.standards)
        .map_err(|_| StoreError::Refused("the standards could not be stored".into()))
}

/// The practitioner's own CPD entries (on no client's record).
pub trait CpdRecords {
    /// Records a CPD entry; returns its id.
    fn add_cpd(&mut self, new: &NewCpd, now: NaiveDateTime) -> Result<i64>;

    /// Replaces a CPD entry's values (a draft for the regulator's form, not sealed).
    fn edit_cpd(&mut self, id: i64, new: &NewCpd, now: NaiveDateTime) -> Result<()>;

    /// One CPD entry.
    fn cpd(&self, id: i64) -> Result<CpdEntry>;

    /// CPD entries dated from `from` to `to` (each end optional), oldest first.
    fn cpd_entries(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<CpdEntry>>;
}

impl CpdRecords for Store {
    /// Records a CPD entry; returns its id.
    fn add_cpd(&mut self, new: &NewCpd, now: NaiveDateTime) -> Result<i64> {
        let c = new.validate()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO cpd_entries (kind, title, on_day, description, learning, impact,
                peer_reflection, standards, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                c.kind,
                c.title,
                fmt_date(c.on),
                c.description,
                c.learning,
                c.impact,
                c.peer_reflection,
                standards_json(&c)?,
                fmt_dt(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        record(&tx, now, "cpd", id, None, "create", &["*"])?;
        tx.commit()?;
        Ok(id)
    }

    /// Replaces a CPD entry's values (it is the practitioner's draft for the
    /// regulator's form, not a sealed record).
    fn edit_cpd(&mut self, id: i64, new: &NewCpd, now: NaiveDateTime) -> Result<()> {
        let c = new.validate()?;
        self.cpd(id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE cpd_entries SET kind = ?2, title = ?3, on_day = ?4, description = ?5,
                learning = ?6, impact = ?7, peer_reflection = ?8, standards = ?9, updated_at = ?10
             WHERE id = ?1",
            params![
                id,
                c.kind,
                c.title,
                fmt_date(c.on),
                c.description,
                c.learning,
                c.impact,
                c.peer_reflection,
                standards_json(&c)?,
                fmt_dt(now)
            ],
        )?;
        record(&tx, now, "cpd", id, None, "update", &["*"])?;
        tx.commit()?;
        Ok(())
    }

    /// One CPD entry.
    fn cpd(&self, id: i64) -> Result<CpdEntry> {
        self.conn
            .query_row(
                &format!("SELECT {COLS} FROM cpd_entries WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "CPD entry",
                id,
            })
    }

    /// CPD entries dated from `from` to `to` (each end optional), oldest first.
    fn cpd_entries(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<CpdEntry>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLS} FROM cpd_entries
             WHERE (?1 IS NULL OR on_day >= ?1) AND (?2 IS NULL OR on_day <= ?2)
             ORDER BY on_day, id"
        ))?;
        let rows = stmt.query_map(params![from.map(fmt_date), to.map(fmt_date)], from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
