//! Writing a planned journey step inside the caller's transaction: the
//! new episode and its deadlines, carried duties moved, the earlier powers
//! ended and what of theirs falls after the end cancelled.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::FollowPlan;
use crate::domain::{LegalEpisode, NewEpisode};
use crate::rules::{Effect, EpisodeStart, Generated};
use crate::store::Result;
use crate::store::generated_rows::insert_generated_row;
use crate::store::rows::{fmt_date, fmt_dt};

/// A new episode as planned by `Store::plan_new`.
pub(crate) struct NewPlan {
    pub(super) episode: NewEpisode,
    pub(super) start: EpisodeStart,
    pub(super) follows: Option<i64>,
    pub(super) deadlines: Vec<Generated>,
    pub(super) plan: Option<FollowPlan>,
}

/// Writes a planned episode, its deadlines and its transition inside the
/// caller's transaction (no audit row: the caller records one). Returns the
/// episode id and its deadlines' ids.
pub(crate) fn write_new(
    conn: &Connection,
    p: &NewPlan,
    now: NaiveDateTime,
) -> Result<(i64, Vec<i64>)> {
    let e = &p.episode;
    conn.execute(
        "INSERT INTO legal_episodes (client_id, kind, start_on, notes, created_at, start_at, follows_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.client_id,
            e.kind,
            fmt_date(e.start_on),
            e.notes,
            fmt_dt(now),
            p.start.at.map(fmt_dt),
            p.follows
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut ids = Vec::with_capacity(p.deadlines.len());
    for g in &p.deadlines {
        let mut g = g.clone();
        g.deadline.client_id = Some(e.client_id);
        g.deadline.episode_id = Some(id);
        ids.push(insert_generated_row(conn, &g, now)?);
    }
    if let Some(f) = &p.plan {
        apply_ends(conn, f, id, p.start)?;
    }
    Ok((id, ids))
}

/// Cancels deadlines (kept) without their own audit rows.
pub(crate) fn cancel_ids(conn: &Connection, ids: impl Iterator<Item = i64>) -> Result<()> {
    for id in ids {
        conn.execute(
            "UPDATE deadlines SET cancelled = 1 WHERE id = ?1 AND completed_on IS NULL",
            [id],
        )?;
    }
    Ok(())
}

/// Moves the carried duties to `later_id` and ends the episodes the plan
/// ends at `at`, cancelling what of theirs falls after it.
pub(super) fn apply_ends(
    conn: &Connection,
    p: &FollowPlan,
    later_id: i64,
    at: EpisodeStart,
) -> Result<()> {
    for id in &p.carried {
        conn.execute(
            "UPDATE deadlines SET episode_id = ?2 WHERE id = ?1",
            params![id, later_id],
        )?;
    }
    cancel_ids(conn, p.paused.iter().copied())?;
    for (e, word) in &p.ends {
        end_in(conn, e, at.on, at.at, Some(word), p.succession.effect)?;
    }
    Ok(())
}

/// Ends `e` at `on` (and `at`) with `reason`, inside the caller's
/// transaction: its open deadlines falling after the end are cancelled
/// (all of them when it is suspended; for one followed by another power,
/// also those due on the day it ended, since the later power replaces it).
pub(crate) fn end_in(
    conn: &Connection,
    e: &LegalEpisode,
    on: NaiveDate,
    at: Option<NaiveDateTime>,
    reason: Option<&str>,
    effect: Effect,
) -> Result<usize> {
    conn.execute(
        "UPDATE legal_episodes SET end_on = ?2, end_at = ?3, end_reason = ?4 WHERE id = ?1",
        params![e.id, fmt_date(on), at.map(fmt_dt), reason],
    )?;
    let open: Vec<(i64, NaiveDate, Option<NaiveDateTime>)> = {
        let mut stmt = conn.prepare(
            "SELECT id, due, due_at FROM deadlines WHERE episode_id = ?1
               AND completed_on IS NULL AND cancelled = 0",
        )?;
        stmt.query_map([e.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let followed = reason.is_some();
    let after = |due: NaiveDate, due_at: Option<NaiveDateTime>| match (effect, due_at, at) {
        (Effect::Suspends, _, _) => true,
        (_, Some(d), Some(a)) => d > a,
        _ if followed => due >= on,
        _ => due > on,
    };
    let ids: Vec<i64> = open
        .into_iter()
        .filter(|(_, due, due_at)| after(*due, *due_at))
        .map(|(id, _, _)| id)
        .collect();
    let n = ids.len();
    cancel_ids(conn, ids.into_iter())?;
    Ok(n)
}
