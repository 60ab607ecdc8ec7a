//! Dates entered by hand on an episode (marks: a tribunal hearing, a panel
//! date and decision, a medical examination, a placement change, a further
//! strategy discussion) and the deadlines counted from them; and extending
//! a period once where the law allows it. One transaction per action.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::audit::record;
use super::generated_rows::{cancel_open, insert_generated};
use super::rows::{fmt_date, fmt_dt};
use super::{Result, Store, StoreError};
use crate::domain::validate::{self, MAX_SHORT};
use crate::rules::EpisodeStart;
use crate::rules::engine::Target;

/// A date entered by hand on an episode.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewMark {
    /// The episode.
    #[serde(skip)]
    pub episode_id: i64,
    /// The mark's name, one of the episode kind's marks (`rules show`).
    pub mark: String,
    /// The day.
    pub on: NaiveDate,
    /// The time, where it matters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<NaiveDateTime>,
    /// What came of it (a panel's decision).
    pub outcome: Option<String>,
}

/// Marks on an episode (a hearing, a review, an event the rules count from).
pub trait EpisodeMarks {
    /// Records a mark on an episode and adds, restarts or cancels the deadlines counted from it.
    fn add_mark(&mut self, m: &NewMark, now: NaiveDateTime) -> Result<Vec<i64>>;

    /// An episode's marks: (mark, day, time, outcome), in date order.
    fn marks(&self, episode_id: i64) -> Result<Vec<NewMark>>;
}

impl EpisodeMarks for Store {
    /// Records a mark and adds the deadlines counted from it; a rule that
    /// restarts from this mark (and is not yet done) is counted again from
    /// it; a chain that stops at it has its open deadline cancelled (kept).
    /// Returns the new deadlines' ids.
    fn add_mark(&mut self, m: &NewMark, now: NaiveDateTime) -> Result<Vec<i64>> {
        let e = self.episode(m.episode_id)?;
        let dob = self.client(e.client_id)?.dob;
        let outcome = validate::optional("outcome", m.outcome.as_deref(), MAX_SHORT)?;
        let known = self.rules.marks_for(e.kind);
        if !known.contains(&m.mark.as_str()) {
            let list = if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            };
            return Err(StoreError::Refused(format!(
                "{} takes these dates: {list}",
                e.kind.label()
            )));
        }
        if m.on < e.start_on {
            return Err(StoreError::Refused(
                "the date is before the episode began".into(),
            ));
        }
        if let Some(end) = e.end_on
            && m.on > end
        {
            return Err(StoreError::Refused(format!(
                "the episode ended on {}; the date is after it",
                crate::dates::display::date(end)
            )));
        }
        let target = Target {
            client_id: e.client_id,
            episode_id: Some(e.id),
            dob,
        };
        let on = EpisodeStart { on: m.on, at: m.at };
        let made = self
            .rules
            .mark_deadlines(e.kind, &m.mark, outcome.as_deref(), on, target);
        let restarted = self.rules.restarted_by(e.kind, &m.mark, m.on, target);
        let stopped: Vec<String> = self
            .rules
            .stopped_by(e.kind, &m.mark)
            .into_iter()
            .map(String::from)
            .collect();
        let done_rules: Vec<String> = self
            .episode_deadlines(e.id)?
            .into_iter()
            .filter(|d| d.completed_on.is_some())
            .filter_map(|d| d.rule)
            .collect();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO episode_marks (episode_id, mark, on_day, at_time, outcome, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                e.id,
                m.mark,
                fmt_date(m.on),
                m.at.map(fmt_dt),
                outcome,
                fmt_dt(now)
            ],
        )?;
        let mark_id = tx.last_insert_rowid();
        record(
            &tx,
            now,
            "episode_mark",
            mark_id,
            Some(e.client_id),
            "create",
            &["*"],
        )?;
        for rule in &stopped {
            cancel_open(&tx, e.id, e.client_id, None, Some(rule), now)?;
        }
        let mut ids = Vec::new();
        let within = |g: &crate::rules::Generated| {
            e.end_on
                .is_none_or(|end| g.deadline.due.is_none_or(|due| due <= end))
        };
        for g in made.into_iter().filter(within) {
            ids.push(insert_generated(&tx, &g, now)?);
        }
        for g in restarted.into_iter().filter(within) {
            let Some(rule) = g.deadline.rule.clone() else {
                continue;
            };
            if done_rules.contains(&rule) {
                continue;
            }
            cancel_open(&tx, e.id, e.client_id, None, Some(&rule), now)?;
            ids.push(insert_generated(&tx, &g, now)?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// An episode's marks: (mark, day, time, outcome), in date order.
    fn marks(&self, episode_id: i64) -> Result<Vec<NewMark>> {
        let mut stmt = self.conn.prepare(
            "SELECT mark, on_day, at_time, outcome FROM episode_marks
              WHERE episode_id = ?1 ORDER BY on_day, at_time, id",
        )?;
        let rows = stmt.query_map([episode_id], |r| {
            Ok(NewMark {
                episode_id,
                mark: r.get(0)?,
                on: r.get(1)?,
                at: r.get(2)?,
                outcome: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EpisodeKind, NewClient, NewEpisode};

    #[test]
    fn undo_keeps_the_start_time_and_the_deadline_time() {
        let mut s = Store::open_in_memory().unwrap();
        let now = NaiveDate::from_ymd_opt(2026, 10, 25)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let c = s
            .add_client(
                &NewClient {
                    given_name: "Test".into(),
                    family_name: "Fictional".into(),
                    ..NewClient::default()
                },
                now,
            )
            .unwrap();
        let start = NaiveDate::from_ymd_opt(2026, 10, 24)
            .unwrap()
            .and_hms_opt(23, 30, 0);
        let new = NewEpisode {
            client_id: c,
            kind: EpisodeKind::MhaS136,
            start_on: NaiveDate::from_ymd_opt(2026, 10, 24).unwrap(),
            notes: None,
        };
        let (ep, ids) = s.add_legal_episode_at(&new, start, now).unwrap();
        s.conn
            .execute("UPDATE legal_episodes SET notes = 'x' WHERE id = ?1", [ep])
            .unwrap();
        s.conn
            .execute("UPDATE deadlines SET cancelled = 1 WHERE id = ?1", [ids[0]])
            .unwrap();
        let kept: Vec<String> = s
            .conn
            .prepare("SELECT before FROM undo_log WHERE op = 'update' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            kept.iter()
                .any(|b| b.contains("\"start_at\":\"2026-10-24T23:30:00\"")),
            "{kept:?}"
        );
        assert!(
            kept.iter()
                .any(|b| b.contains("\"due_at\":\"2026-10-25T22:30:00\"")),
            "{kept:?}"
        );
    }
}
