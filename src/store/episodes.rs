//! Legal episodes. Generating their deadlines is the rule engine's work.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, params};

use super::audit::record;
use super::rows::{date, dt, fmt_date, fmt_dt, opt_date, opt_dt};
use super::{Result, Store, StoreError};
use crate::domain::{LegalEpisode, NewEpisode};

/// The columns `episode_from_row` reads, in its order.
pub(crate) const EPISODE_COLS: &str = "id, client_id, kind, start_on, end_on, notes, created_at, start_at, follows_id, end_at, end_reason";

pub(crate) fn episode_from_row(r: &Row<'_>) -> rusqlite::Result<LegalEpisode> {
    Ok(LegalEpisode {
        id: r.get(0)?,
        client_id: r.get(1)?,
        kind: r.get(2)?,
        start_on: date(r, 3)?,
        end_on: opt_date(r, 4)?,
        notes: r.get(5)?,
        created_at: dt(r, 6)?,
        start_at: opt_dt(r, 7)?,
        follows_id: r.get(8)?,
        end_at: opt_dt(r, 9)?,
        end_reason: r.get(10)?,
    })
}

/// Legal episodes and other episodes of care: add, end, read.
pub trait EpisodeRecords {
    /// Adds a legal episode; returns its id.
    fn add_episode(&mut self, new: &NewEpisode, now: NaiveDateTime) -> Result<i64>;

    /// Ends an episode on a date.
    fn end_episode(&mut self, id: i64, on: NaiveDate, now: NaiveDateTime) -> Result<()>;

    /// Ends an episode on a date (and a time, for hours); its later open deadlines are cancelled.
    fn end_episode_at(
        &mut self,
        id: i64,
        on: NaiveDate,
        at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<usize>;

    /// One episode.
    fn episode(&self, id: i64) -> Result<LegalEpisode>;

    /// A client's episodes, current ones first, newest first.
    fn episodes(&self, client_id: i64) -> Result<Vec<LegalEpisode>>;
}

impl EpisodeRecords for Store {
    /// Adds a legal episode; returns its id.
    fn add_episode(&mut self, new: &NewEpisode, now: NaiveDateTime) -> Result<i64> {
        let e = new.validate()?;
        self.client(e.client_id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO legal_episodes (client_id, kind, start_on, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![e.client_id, e.kind, fmt_date(e.start_on), e.notes, fmt_dt(now)],
        )?;
        let id = tx.last_insert_rowid();
        record(&tx, now, "episode", id, Some(e.client_id), "create", &["*"])?;
        tx.commit()?;
        Ok(id)
    }

    /// Ends an episode on a date. Its open deadlines due after the end are
    /// cancelled (kept, marked cancelled); completed ones are never touched.
    fn end_episode(&mut self, id: i64, on: NaiveDate, now: NaiveDateTime) -> Result<()> {
        self.end_episode_at(id, on, None, now).map(|_| ())
    }

    /// Ends an episode on a date and, for a clock counted in hours, at a
    /// time: its open deadlines falling after that moment are cancelled
    /// (kept), so Today drops a clock that has stopped. Returns how many.
    fn end_episode_at(
        &mut self,
        id: i64,
        on: NaiveDate,
        at: Option<NaiveDateTime>,
        now: NaiveDateTime,
    ) -> Result<usize> {
        let e = self.episode(id)?;
        if e.end_on.is_some() {
            return Err(StoreError::Refused(format!(
                "episode {id} has already ended"
            )));
        }
        let before_start = match (at, e.start_at) {
            (Some(a), Some(s)) => a < s,
            _ => on < e.start_on,
        };
        if before_start {
            return Err(StoreError::Refused("the end is before the start".into()));
        }
        if let Some(a) = at {
            crate::rules::hours::local_to_utc(a)
                .map_err(|err| StoreError::Refused(err.to_string()))?;
        }
        let tx = self.conn.transaction()?;
        let n = super::journeys::end_in(&tx, &e, on, at, None, crate::rules::Effect::Ends)?;
        record(
            &tx,
            now,
            "episode",
            id,
            Some(e.client_id),
            "end",
            &["end_on", "end_at"],
        )?;
        tx.commit()?;
        Ok(n)
    }

    /// One episode.
    fn episode(&self, id: i64) -> Result<LegalEpisode> {
        self.conn
            .query_row(
                &format!("SELECT {EPISODE_COLS} FROM legal_episodes WHERE id = ?1"),
                [id],
                episode_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "legal episode",
                id,
            })
    }

    /// A client's episodes, current ones first, newest first.
    fn episodes(&self, client_id: i64) -> Result<Vec<LegalEpisode>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {EPISODE_COLS} FROM legal_episodes
             WHERE client_id = ?1 ORDER BY end_on IS NOT NULL, start_on DESC, id DESC"
        ))?;
        let rows = stmt.query_map([client_id], episode_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
