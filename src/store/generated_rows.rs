//! Writing what the rule engine made, inside the caller's transaction:
//! generated deadlines with their times and readings, a start checked
//! against the law's unit, open deadlines cancelled (kept), a completion
//! and the deadlines that follow it. `rules_apply.rs` and the episode
//! files call these; none is a transaction of its own.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::audit::record;
use super::deadlines::insert_deadline_row;
use super::rows::{fmt_date, fmt_dt, fmt_opt_date};
use super::{Result, StoreError};
use crate::domain::{Deadline, EpisodeKind};
use crate::rules::period::Unit;
use crate::rules::{CountsFrom, Generated, RuleSet};

/// Inserts a deadline the engine made, with its time, window and readings,
/// inside the caller's transaction.
pub(crate) fn insert_generated(
    conn: &Connection,
    g: &Generated,
    now: NaiveDateTime,
) -> Result<i64> {
    write_generated(conn, g, now, true)
}

/// As [`insert_generated`], without its own audit row (the caller records
/// one for the whole action, so one undo takes it all back).
pub(crate) fn insert_generated_row(
    conn: &Connection,
    g: &Generated,
    now: NaiveDateTime,
) -> Result<i64> {
    write_generated(conn, g, now, false)
}

fn write_generated(
    conn: &Connection,
    g: &Generated,
    now: NaiveDateTime,
    audit: bool,
) -> Result<i64> {
    let d = g.deadline.validate()?;
    let due = d
        .due
        .ok_or_else(|| StoreError::Refused("a due date is needed".into()))?;
    let id = insert_deadline_row(conn, &d, due, now)?;
    if audit {
        record(conn, now, "deadline", id, d.client_id, "create", &["*"])?;
    }
    if g.due_at.is_some() || g.window_opens.is_some() || g.later_due.is_some() {
        conn.execute(
            "UPDATE deadlines SET due_at = ?2, window_opens = ?3, later_due = ?4 WHERE id = ?1",
            params![
                id,
                g.due_at.map(fmt_dt),
                fmt_opt_date(g.window_opens),
                fmt_opt_date(g.later_due)
            ],
        )?;
    }
    Ok(id)
}

/// Whether an episode of `kind` counts in hours (one of its rules does).
#[must_use]
pub fn counts_in_hours(rules: &RuleSet, kind: EpisodeKind) -> bool {
    rules.rules().iter().any(|r| {
        r.kind == Some(kind) && r.unit == Unit::Hours && r.counts_from == CountsFrom::EpisodeStart
    })
}

/// The start time to keep: required for kinds counted in hours, on the
/// start date, and a time that happened on the UK clock.
pub(crate) fn checked_start(
    rules: &RuleSet,
    kind: EpisodeKind,
    on: NaiveDate,
    at: Option<NaiveDateTime>,
) -> Result<Option<NaiveDateTime>> {
    if let Some(t) = at {
        if t.date() != on {
            return Err(StoreError::Refused(
                "the start time is not on the start date".into(),
            ));
        }
        crate::rules::hours::local_to_utc(t).map_err(|e| StoreError::Refused(e.to_string()))?;
        return Ok(Some(t));
    }
    if counts_in_hours(rules, kind) {
        return Err(StoreError::Refused(format!(
            "{} counts in hours: give a start time (\"YYYY-MM-DD HH:MM\" with episode add --start; Start time in the form)",
            kind.label()
        )));
    }
    Ok(None)
}

/// Cancels the open deadlines of an episode (all of them, or those due after
/// `after`), inside the caller's transaction; completed ones are never
/// touched. Returns how many were cancelled.
pub(crate) fn cancel_open(
    conn: &Connection,
    episode_id: i64,
    client_id: i64,
    after: Option<NaiveDate>,
    rule: Option<&str>,
    now: NaiveDateTime,
) -> Result<usize> {
    let ids: Vec<i64> = {
        let mut stmt = conn.prepare(
            "SELECT id FROM deadlines WHERE episode_id = ?1 AND completed_on IS NULL
               AND cancelled = 0 AND (?2 IS NULL OR due > ?2) AND (?3 IS NULL OR rule_id = ?3)",
        )?;
        stmt.query_map(params![episode_id, after.map(fmt_date), rule], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    for id in &ids {
        conn.execute("UPDATE deadlines SET cancelled = 1 WHERE id = ?1", [id])?;
        record(
            conn,
            now,
            "deadline",
            *id,
            Some(client_id),
            "cancel",
            &["cancelled"],
        )?;
    }
    Ok(ids.len())
}

/// Marks `d` done on `on` and adds the deadlines that follow (skipping any
/// already open), inside the caller's transaction. Returns the new ids.
pub(crate) fn write_completion(
    conn: &Connection,
    d: &Deadline,
    on: NaiveDate,
    outcome: Option<&str>,
    next: Vec<Generated>,
    now: NaiveDateTime,
) -> Result<Vec<i64>> {
    // Checked again under the write lock: another window may have
    // completed it since it was read.
    let changed = conn.execute(
        "UPDATE deadlines SET completed_on=?2, outcome=?3
         WHERE id=?1 AND completed_on IS NULL AND cancelled = 0",
        params![d.id, fmt_date(on), outcome],
    )?;
    if changed == 0 {
        return Err(StoreError::Refused(format!(
            "deadline {} is already done or cancelled (changed elsewhere just now)",
            d.id
        )));
    }
    record(
        conn,
        now,
        "deadline",
        d.id,
        d.client_id,
        "complete",
        &["completed_on", "outcome"],
    )?;
    let mut ids = Vec::new();
    for n in next {
        let exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM deadlines WHERE episode_id IS ?1 AND client_id IS ?2
               AND rule_id = ?3 AND chain_index = ?4 AND cancelled = 0 AND completed_on IS NULL",
            params![
                n.deadline.episode_id,
                n.deadline.client_id,
                n.deadline.rule,
                n.deadline.chain_index
            ],
            |r| r.get(0),
        )?;
        if exists {
            continue;
        }
        ids.push(insert_generated(conn, &n, now)?);
    }
    Ok(ids)
}
