//! Applying the rule engine to the store: episodes with their generated
//! deadlines, completing a deadline and continuing its chain, moving an
//! episode's start, and the facts the visit rules count from. Each user
//! action is one transaction; deadlines are cancelled (kept), never deleted.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};
use std::collections::BTreeMap;

use super::audit::record;
use super::deadlines::{DEADLINE_COLS, deadline_from_row, insert_deadline};
use super::rows::{date, fmt_date, fmt_dt};
use super::{Result, Store, StoreError};
use crate::domain::validate::{self, MAX_SHORT};
use crate::domain::{Deadline, EpisodeKind, NewDeadline, NewEpisode, NoteKind};
use crate::rules::engine::Target;
use crate::rules::{CountsFrom, RuleSet, VisitBasis};

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

impl Store {
    /// The active rules.
    #[must_use]
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Uses these rules (the embedded packs with a practitioner's overrides)
    /// from now on.
    pub fn use_rules(&mut self, rules: RuleSet) {
        self.rules = rules;
    }

    /// Adds a legal episode and its deadlines in one transaction; each
    /// deadline is tied to the new episode and its client. Returns the
    /// episode id and the deadline ids.
    pub fn add_episode_with_deadlines(
        &mut self,
        new: &NewEpisode,
        deadlines: &[NewDeadline],
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>)> {
        let e = new.validate()?;
        self.client(e.client_id)?;
        let checked = deadlines
            .iter()
            .map(NewDeadline::validate)
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO legal_episodes (client_id, kind, start_on, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![e.client_id, e.kind, fmt_date(e.start_on), e.notes, fmt_dt(now)],
        )?;
        let id = tx.last_insert_rowid();
        record(&tx, now, "episode", id, Some(e.client_id), "create", &["*"])?;
        let mut ids = Vec::with_capacity(checked.len());
        for d in checked {
            let d = NewDeadline {
                client_id: Some(e.client_id),
                episode_id: Some(id),
                ..d
            };
            let due = d
                .due
                .ok_or_else(|| StoreError::Refused("a due date is needed".into()))?;
            ids.push(insert_deadline(&tx, &d, due, now)?);
        }
        tx.commit()?;
        Ok((id, ids))
    }

    /// Adds a legal episode with the deadlines its rules generate.
    pub fn add_legal_episode(
        &mut self,
        new: &NewEpisode,
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>)> {
        let target = Target {
            client_id: new.client_id,
            episode_id: None,
        };
        let deadlines = self.rules.initial_deadlines(new.kind, new.start_on, target);
        self.add_episode_with_deadlines(new, &deadlines, now)
    }

    /// Marks a deadline done on `on` and, in the same transaction, adds the
    /// next deadlines its rule says follow (none past the episode's end, and
    /// none already open). Returns the new deadlines' ids.
    pub fn complete_deadline_and_continue(
        &mut self,
        id: i64,
        on: NaiveDate,
        outcome: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>> {
        let outcome = validate::optional("outcome", outcome, MAX_SHORT)?;
        let d = self.deadline(id)?;
        if d.completed_on.is_some() {
            return Err(StoreError::Refused(format!(
                "deadline {id} is already done"
            )));
        }
        if d.cancelled {
            return Err(StoreError::Refused(format!("deadline {id} was cancelled")));
        }
        if on > now.date() {
            return Err(StoreError::Refused(
                "the date it was done is in the future".into(),
            ));
        }
        let end_on = match d.episode_id {
            Some(e) => self.episode(e)?.end_on,
            None => None,
        };
        let next: Vec<NewDeadline> = self
            .rules
            .next_after(&d, on)
            .into_iter()
            .filter(|n| match (n.due, end_on) {
                (Some(due), Some(end)) => due <= end,
                _ => true,
            })
            .collect();
        let tx = self.conn.transaction()?;
        // Checked again under the write lock: another window may have
        // completed it since it was read.
        let changed = tx.execute(
            "UPDATE deadlines SET completed_on=?2, outcome=?3
             WHERE id=?1 AND completed_on IS NULL AND cancelled = 0",
            params![id, fmt_date(on), outcome],
        )?;
        if changed == 0 {
            return Err(StoreError::Refused(format!(
                "deadline {id} is already done or cancelled (changed elsewhere just now)"
            )));
        }
        record(
            &tx,
            now,
            "deadline",
            id,
            d.client_id,
            "complete",
            &["completed_on", "outcome"],
        )?;
        let mut ids = Vec::new();
        for n in next {
            let exists: bool = tx.query_row(
                "SELECT count(*) > 0 FROM deadlines WHERE episode_id IS ?1 AND client_id IS ?2
                   AND rule_id = ?3 AND chain_index = ?4 AND cancelled = 0 AND completed_on IS NULL",
                params![n.episode_id, n.client_id, n.rule, n.chain_index],
                |r| r.get(0),
            )?;
            if exists {
                continue;
            }
            let n = n.validate()?;
            let due = n
                .due
                .ok_or_else(|| StoreError::Refused("a due date is needed".into()))?;
            ids.push(insert_deadline(&tx, &n, due, now)?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Moves an episode's start date and regenerates its open deadlines that
    /// count from the start. A rule with a completed deadline in this episode
    /// keeps its chain: completed work is never rewritten. Returns the new
    /// deadlines' ids.
    pub fn change_episode_start(
        &mut self,
        id: i64,
        start: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>> {
        let e = self.episode(id)?;
        if e.end_on.is_some_and(|end| start > end) {
            return Err(StoreError::Refused(
                "the new start is after the episode ended".into(),
            ));
        }
        let target = Target {
            client_id: e.client_id,
            episode_id: Some(id),
        };
        let fresh = self.rules.initial_deadlines(e.kind, start, target);
        let completed_rules: Vec<String> = self
            .episode_deadlines(id)?
            .into_iter()
            .filter(|d| d.completed_on.is_some())
            .filter_map(|d| d.rule)
            .collect();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE legal_episodes SET start_on = ?2 WHERE id = ?1",
            params![id, fmt_date(start)],
        )?;
        record(
            &tx,
            now,
            "episode",
            id,
            Some(e.client_id),
            "update",
            &["start_on"],
        )?;
        let mut ids = Vec::new();
        for d in fresh {
            let Some(rule) = d.rule.clone() else { continue };
            if completed_rules.contains(&rule) {
                continue;
            }
            cancel_open(&tx, id, e.client_id, None, Some(&rule), now)?;
            let d = d.validate()?;
            let due = d
                .due
                .ok_or_else(|| StoreError::Refused("a due date is needed".into()))?;
            if e.end_on.is_some_and(|end| due > end) {
                continue;
            }
            ids.push(insert_deadline(&tx, &d, due, now)?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Every deadline of one episode, including completed and cancelled ones.
    pub fn episode_deadlines(&self, episode_id: i64) -> Result<Vec<Deadline>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {DEADLINE_COLS} FROM deadlines WHERE episode_id = ?1 ORDER BY due, id"
        ))?;
        let rows = stmt.query_map([episode_id], deadline_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// What the visit rules count from, for every open client.
    pub(crate) fn visit_bases(&self) -> Result<Vec<VisitBasis>> {
        let mut bases: BTreeMap<i64, VisitBasis> = BTreeMap::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, coalesce(preferred_name, given_name) || ' ' || family_name,
                    visit_every_days, opened_on
               FROM clients WHERE status = 'open'",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(VisitBasis {
                client_id: r.get(0)?,
                client_name: r.get(1)?,
                visit_every_days: r.get(2)?,
                opened_on: date(r, 3)?,
                episodes: Vec::new(),
                last_contacts: Vec::new(),
            })
        })?;
        for b in rows {
            let b = b?;
            bases.insert(b.client_id, b);
        }
        let visit_kinds: Vec<EpisodeKind> = self
            .rules
            .rules()
            .iter()
            .filter(|r| r.counts_from == CountsFrom::LastContact)
            .filter_map(|r| r.kind)
            .collect();
        let mut stmt = self
            .conn
            .prepare("SELECT client_id, kind, start_on FROM legal_episodes WHERE end_on IS NULL")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, EpisodeKind>(1)?,
                date(r, 2)?,
            ))
        })?;
        for row in rows {
            let (client, kind, start) = row?;
            if let Some(b) = bases.get_mut(&client)
                && visit_kinds.contains(&kind)
            {
                b.episodes.push((kind, start));
            }
        }
        // One indexed max() per open client and kind (notes_client_kind_occurred):
        // far cheaper than grouping every note of a large caseload.
        // Only the kinds some visit rule counts; the codes are fixed words.
        let kinds: Vec<String> = NoteKind::ALL
            .iter()
            .filter(|k| {
                self.rules
                    .rules()
                    .iter()
                    .any(|r| r.is_visit() && r.contact_kinds.contains(k))
            })
            .map(|k| format!("('{}')", k.as_str()))
            .collect();
        if kinds.is_empty() {
            return Ok(bases
                .into_values()
                .filter(|b| b.visit_every_days.is_some() || !b.episodes.is_empty())
                .collect());
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT c.id, k.column1,
                    (SELECT max(n.occurred_at) FROM notes n
                      WHERE n.client_id = c.id AND n.kind = k.column1)
               FROM clients c, (VALUES {}) k
              WHERE c.status = 'open'",
            kinds.join(", ")
        ))?;
        let rows = stmt.query_map([], |r| {
            let at: Option<chrono::NaiveDateTime> = r.get(2)?;
            Ok((r.get::<_, i64>(0)?, r.get::<_, NoteKind>(1)?, at))
        })?;
        for row in rows {
            if let (client, kind, Some(at)) = row?
                && let Some(b) = bases.get_mut(&client)
            {
                b.last_contacts.push((kind, at.date()));
            }
        }
        Ok(bases
            .into_values()
            .filter(|b| b.visit_every_days.is_some() || !b.episodes.is_empty())
            .collect())
    }
}
