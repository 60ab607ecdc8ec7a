//! Deadlines and actions: add, complete, list.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, params};

use super::audit::record;
use super::rows::{date, dt, flag, fmt_date, fmt_dt, fmt_opt_date, opt_date, opt_dt};
use super::{Result, Store, StoreError};
use crate::domain::{Action, Deadline, NewAction, NewDeadline};

pub(crate) const DEADLINE_COLS: &str = "id, client_id, episode_id, what, due, warn_from, rule_id,
    source, weight, chain_index, completed_on, outcome, cancelled, created_at, due_at, window_opens,
    later_due";

pub(crate) fn deadline_from_row(r: &Row<'_>) -> rusqlite::Result<Deadline> {
    Ok(Deadline {
        id: r.get(0)?,
        client_id: r.get(1)?,
        episode_id: r.get(2)?,
        what: r.get(3)?,
        due: date(r, 4)?,
        warn_from: opt_date(r, 5)?,
        rule: r.get(6)?,
        source: r.get(7)?,
        weight: r.get(8)?,
        chain_index: r.get(9)?,
        completed_on: opt_date(r, 10)?,
        outcome: r.get(11)?,
        cancelled: flag(r, 12)?,
        created_at: dt(r, 13)?,
        due_at: opt_dt(r, 14)?,
        window_opens: opt_date(r, 15)?,
        later_due: opt_date(r, 16)?,
    })
}

pub(crate) fn action_from_row(r: &Row<'_>) -> rusqlite::Result<Action> {
    Ok(Action {
        id: r.get(0)?,
        client_id: r.get(1)?,
        what: r.get(2)?,
        due: opt_date(r, 3)?,
        done_on: opt_date(r, 4)?,
        created_at: dt(r, 5)?,
        owner: r.get(6)?,
        note_id: r.get(7)?,
    })
}

/// The columns [`action_from_row`] reads, in its order.
pub(crate) const ACTION_COLS: &str =
    "id, client_id, what, due, done_on, created_at, owner, note_id";

/// Inserts a validated deadline inside the caller's transaction.
pub(crate) fn insert_deadline(
    conn: &rusqlite::Connection,
    d: &NewDeadline,
    due: NaiveDate,
    now: NaiveDateTime,
) -> Result<i64> {
    let id = insert_deadline_row(conn, d, due, now)?;
    record(conn, now, "deadline", id, d.client_id, "create", &["*"])?;
    Ok(id)
}

/// Inserts a validated deadline without its own audit row: the caller
/// records one for the whole action, so one undo takes it all back.
pub(crate) fn insert_deadline_row(
    conn: &rusqlite::Connection,
    d: &NewDeadline,
    due: NaiveDate,
    now: NaiveDateTime,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO deadlines (client_id, episode_id, what, due, warn_from, rule_id, source, weight, chain_index, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            d.client_id,
            d.episode_id,
            d.what,
            fmt_date(due),
            fmt_opt_date(d.warn_from),
            d.rule,
            d.source,
            d.weight.unwrap_or(10),
            d.chain_index,
            fmt_dt(now)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Deadlines and actions added by hand: add, read, complete.
pub trait DeadlineRecords {
    /// Adds a deadline; returns its id.
    fn add_deadline(&mut self, new: &NewDeadline, now: NaiveDateTime) -> Result<i64>;

    /// One deadline.
    fn deadline(&self, id: i64) -> Result<Deadline>;

    /// A client's deadlines: open ones first by date, then completed ones.
    fn deadlines(&self, client_id: i64) -> Result<Vec<Deadline>>;

    /// Adds an action; returns its id.
    fn add_action(&mut self, new: &NewAction, now: NaiveDateTime) -> Result<i64>;

    /// Marks an action done.
    fn complete_action(&mut self, id: i64, on: NaiveDate, now: NaiveDateTime) -> Result<()>;

    /// One action.
    fn action(&self, id: i64) -> Result<Action>;

    /// Actions, open ones first; for one client or all.
    fn actions(&self, client_id: Option<i64>) -> Result<Vec<Action>>;
}

impl DeadlineRecords for Store {
    /// Adds a deadline; returns its id.
    fn add_deadline(&mut self, new: &NewDeadline, now: NaiveDateTime) -> Result<i64> {
        let d = new.validate()?;
        if let Some(c) = d.client_id {
            self.client(c)?;
        }
        let due = d
            .due
            .ok_or_else(|| StoreError::Refused("a due date is needed".into()))?;
        let tx = self.conn.transaction()?;
        let id = insert_deadline(&tx, &d, due, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// One deadline.
    fn deadline(&self, id: i64) -> Result<Deadline> {
        self.conn
            .query_row(
                &format!("SELECT {DEADLINE_COLS} FROM deadlines WHERE id = ?1"),
                [id],
                deadline_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "deadline",
                id,
            })
    }

    /// A client's deadlines: open ones first by date, then completed ones.
    fn deadlines(&self, client_id: i64) -> Result<Vec<Deadline>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {DEADLINE_COLS} FROM deadlines WHERE client_id = ?1
             ORDER BY completed_on IS NOT NULL, cancelled, due, id"
        ))?;
        let rows = stmt.query_map([client_id], deadline_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Adds an action; returns its id.
    fn add_action(&mut self, new: &NewAction, now: NaiveDateTime) -> Result<i64> {
        let a = new.validate()?;
        if let Some(c) = a.client_id {
            self.client(c)?;
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO actions (client_id, what, due, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![a.client_id, a.what, fmt_opt_date(a.due), fmt_dt(now)],
        )?;
        let id = tx.last_insert_rowid();
        record(&tx, now, "action", id, a.client_id, "create", &["*"])?;
        tx.commit()?;
        Ok(id)
    }

    /// Marks an action done.
    fn complete_action(&mut self, id: i64, on: NaiveDate, now: NaiveDateTime) -> Result<()> {
        let a = self.action(id)?;
        if a.done_on.is_some() {
            return Err(StoreError::Refused(format!("action {id} is already done")));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE actions SET done_on=?2 WHERE id=?1",
            params![id, fmt_date(on)],
        )?;
        record(
            &tx,
            now,
            "action",
            id,
            a.client_id,
            "complete",
            &["done_on"],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// One action.
    fn action(&self, id: i64) -> Result<Action> {
        self.conn
            .query_row(
                &format!("SELECT {ACTION_COLS} FROM actions WHERE id = ?1"),
                [id],
                action_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "action",
                id,
            })
    }

    /// Actions, open ones first; for one client or all.
    fn actions(&self, client_id: Option<i64>) -> Result<Vec<Action>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ACTION_COLS} FROM actions
             WHERE ?1 IS NULL OR client_id = ?1
             ORDER BY done_on IS NOT NULL, due IS NULL, due, id"
        ))?;
        let rows = stmt.query_map([client_id], action_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
