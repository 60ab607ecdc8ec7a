//! Closing a case: what stops being tracked (said before closing), the
//! closure summary, and the retention review date it sets. Records past
//! their review date are flagged, never deleted or changed automatically.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::audit::record;
use super::rows::{fmt_date, fmt_dt, fmt_opt_date, opt_date};
use super::{Result, Store, StoreError};
use crate::domain::closure::{ClosurePreview, RetentionDue};
use crate::domain::retention::{Closing, RetentionSchedule};
use crate::domain::validate::{self, MAX_LONG, MAX_SHORT};
use crate::domain::{CaseStatus, Deadline, EpisodeKind};

/// Closing a case: the preview, the closure, retention.
pub trait Closures {
    /// What closing client `id` on `on` would stop tracking, and its retention date.
    fn closure_preview(
        &self,
        id: i64,
        on: NaiveDate,
        schedule: &RetentionSchedule,
    ) -> Result<ClosurePreview>;

    /// Closes a case with its summary and sets the retention review date from `schedule`.
    fn close_case(
        &mut self,
        id: i64,
        closing: &Closing,
        schedule: &RetentionSchedule,
        now: NaiveDateTime,
    ) -> Result<ClosurePreview>;

    /// The latest closure summary of a client, if the case was ever closed with one.
    fn closure_summary(&self, id: i64) -> Result<Option<String>>;

    /// The latest closure of a client (its summary and retention rule), if ever closed.
    fn latest_closure(&self, id: i64) -> Result<Option<(String, Option<String>)>>;

    /// Closed cases whose retention review date has come by `today`, earliest first.
    fn retention_due(&self, today: NaiveDate) -> Result<Vec<RetentionDue>>;
}

impl Closures for Store {
    /// What closing client `id` on `on` would stop tracking, and the
    /// retention review date `schedule` would set.
    fn closure_preview(
        &self,
        id: i64,
        on: NaiveDate,
        schedule: &RetentionSchedule,
    ) -> Result<ClosurePreview> {
        let client = self.client(id)?;
        let episodes = self.episodes(id)?;
        let looked_after = episodes
            .iter()
            .any(|e| matches!(e.kind, EpisodeKind::Lac | EpisodeKind::CareLeaver));
        let open_deadlines: Vec<Deadline> = self
            .deadlines(id)?
            .into_iter()
            .filter(|d| d.completed_on.is_none() && !d.cancelled)
            .collect();
        let open_actions = self
            .actions(Some(id))?
            .iter()
            .filter(|a| a.done_on.is_none())
            .count();
        let drafts = self
            .notes(id)?
            .iter()
            .filter(|n| n.status == crate::domain::NoteStatus::Draft)
            .count();
        Ok(ClosurePreview {
            open_episodes: episodes
                .into_iter()
                .filter(|e| e.end_on.is_none())
                .collect(),
            open_deadlines,
            open_actions,
            drafts,
            retention: schedule.review(client.service, client.dob, looked_after, on),
        })
    }

    /// Closes a case: records the closure with its summary and sets the
    /// retention review date from `schedule`. Returns what was previewed
    /// (so the caller can say what stopped being tracked).
    fn close_case(
        &mut self,
        id: i64,
        closing: &Closing,
        schedule: &RetentionSchedule,
        now: NaiveDateTime,
    ) -> Result<ClosurePreview> {
        let reason = validate::required("reason", &closing.reason, MAX_SHORT)?;
        let summary = validate::optional("closure summary", Some(&closing.summary), MAX_LONG)?
            .unwrap_or_default();
        let on = closing.on;
        // What stops being tracked, the retention date and the checks are
        // all read inside the IMMEDIATE transaction, so a write from
        // another process between them cannot slip past the preview.
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let done = self.close_case_inside(id, on, &reason, &summary, schedule, now);
        match done {
            Ok(preview) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(preview)
            }
            Err(e) => {
                // The error is what the practitioner needs; a failed
                // rollback leaves SQLite to roll back on close.
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// The latest closure summary of a client, if the case was ever closed
    /// with one.
    fn closure_summary(&self, id: i64) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT summary FROM closures WHERE client_id = ?1 ORDER BY id DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The latest closure of a client: its summary and the retention rule
    /// applied ("6 years after closure"), if the case was ever closed.
    fn latest_closure(&self, id: i64) -> Result<Option<(String, Option<String>)>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT summary, basis FROM closures WHERE client_id = ?1 ORDER BY id DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Closed cases whose retention review date has come (on or before
    /// `today`), earliest first: flagged for the practitioner to review.
    fn retention_due(&self, today: NaiveDate) -> Result<Vec<RetentionDue>> {
        let name = super::due::NAME_SQL;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.id, {name}, c.retain_until
             FROM clients c WHERE c.status = 'closed' AND c.retain_until IS NOT NULL
             ORDER BY c.retain_until, c.id",
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, opt_date(r, 2)?)))?;
        let mut due = Vec::new();
        for row in rows {
            let (client_id, name, retain_until): (i64, String, Option<NaiveDate>) = row?;
            // The one test of "has come" (`client list` uses it too).
            if let Some(retain_until) =
                retain_until.filter(|_| crate::domain::retention::review_due(retain_until, today))
            {
                due.push(RetentionDue {
                    client_id,
                    name,
                    retain_until,
                });
            }
        }
        Ok(due)
    }
}

impl Store {
    /// The body of [`Self::close_case`], run inside its transaction.
    fn close_case_inside(
        &self,
        id: i64,
        on: NaiveDate,
        reason: &str,
        summary: &str,
        schedule: &RetentionSchedule,
        now: NaiveDateTime,
    ) -> Result<ClosurePreview> {
        let preview = self.closure_preview(id, on, schedule)?;
        let tx = &self.conn;
        let (status, opened_on): (CaseStatus, NaiveDate) = tx.query_row(
            "SELECT status, opened_on FROM clients WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, opt_date(r, 1)?.unwrap_or(on))),
        )?;
        if status == CaseStatus::Closed {
            return Err(StoreError::Refused(format!(
                "client {id} is already closed"
            )));
        }
        if on < opened_on {
            return Err(StoreError::Refused(
                "the closing date is before the case was opened".into(),
            ));
        }
        let retain = preview.retention.as_ref().map(|r| r.on);
        tx.execute(
            "UPDATE clients SET status='closed', closed_on=?2, closure_reason=?3, retain_until=?4, updated_at=?5
             WHERE id=?1",
            params![id, fmt_date(on), reason, fmt_opt_date(retain), fmt_dt(now)],
        )?;
        tx.execute(
            "INSERT INTO closures (client_id, closed_on, reason, summary, retain_until, basis, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                fmt_date(on),
                reason,
                summary,
                fmt_opt_date(retain),
                preview.retention.as_ref().map(|r| r.basis.clone()),
                fmt_dt(now)
            ],
        )?;
        record(
            tx,
            now,
            "client",
            id,
            Some(id),
            "close",
            &[
                "status",
                "closed_on",
                "closure_reason",
                "retain_until",
                "closure_summary",
            ],
        )?;
        Ok(preview)
    }
}
