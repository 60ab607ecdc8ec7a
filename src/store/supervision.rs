//! Case supervision: one note of kind `supervision` on the client's record,
//! its parts in `supervisions`, its actions in `actions` with their owner;
//! all written in one transaction (migration 0015).

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::audit::record;
use super::deadlines::{ACTION_COLS, action_from_row};
use super::notes::{client_exists, finalise_in, insert_note, note_from_row};
use super::rows::{fmt_date, fmt_dt, opt_date};
use super::{Result, Store, StoreError};
use crate::domain::{NewNote, NewSupervision, NoteKind, Supervision};

/// The columns read for a supervision: its note's, then its parts.
const SUPERVISION_SQL: &str = "SELECT n.id, n.client_id, n.kind, n.occurred_at, n.written_at,
    n.location, n.present, n.body, n.significant, n.status, n.finalised_at, n.late_reason,
    n.prev_hash, n.hash, n.occurred_offset, n.outcome, s.supervisor, s.decisions, s.discussion, s.next_review
    FROM supervisions s JOIN notes n ON n.id = s.note_id";

/// Case supervision kept on a client's record.
pub trait SupervisionRecords {
    /// Records a case supervision (its note, parts and actions), all or nothing.
    fn add_supervision(
        &mut self,
        new: &NewSupervision,
        finalise: bool,
        late_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<i64>;

    /// The case supervisions recorded, newest first; for one client or all.
    fn supervisions(&self, client_id: Option<i64>) -> Result<Vec<Supervision>>;

    /// One case supervision, by its note's id.
    fn supervision(&self, note_id: i64) -> Result<Supervision>;
}

impl SupervisionRecords for Store {
    /// Records a case supervision: its note on the client's record
    /// (significant, so it is in the chronology), its parts and its actions,
    /// all or nothing; with `finalise`, sealed at once like a note (a late
    /// entry needs `late_reason`). Returns the note's id.
    fn add_supervision(
        &mut self,
        new: &NewSupervision,
        finalise: bool,
        late_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let s = new.validate()?;
        let note = NewNote {
            client_id: s.client_id,
            kind: Some(NoteKind::Supervision),
            occurred_at: s.on,
            location: None,
            present: Some(s.supervisor.clone()),
            body: s.body(),
            significant: true,
            outcome: None,
        }
        .validate(now)?;
        let late = self.late_entry_by(self.late_rule);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        client_exists(&tx, s.client_id)?;
        let id = insert_note(&tx, &note, now)?;
        let decisions = serde_json::to_string(&s.decisions)
            .map_err(|_| StoreError::Refused("the decisions could not be stored".into()))?;
        tx.execute(
            "INSERT INTO supervisions (note_id, supervisor, decisions, discussion, next_review)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                s.supervisor,
                decisions,
                s.discussion,
                s.next_review.map(fmt_date)
            ],
        )?;
        for a in &s.actions {
            tx.execute(
                "INSERT INTO actions (client_id, what, due, created_at, owner, note_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    s.client_id,
                    a.what,
                    fmt_date(a.by),
                    fmt_dt(now),
                    a.owner,
                    id
                ],
            )?;
        }
        // One audit row claims the parts and the actions for undo.
        record(
            &tx,
            now,
            "supervision",
            id,
            Some(s.client_id),
            "create",
            &["*"],
        )?;
        if finalise {
            finalise_in(&tx, id, late_reason, &late, now)?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// The case supervisions recorded, newest first; for one client or all.
    fn supervisions(&self, client_id: Option<i64>) -> Result<Vec<Supervision>> {
        let mut stmt = self.conn.prepare(&format!(
            "{SUPERVISION_SQL} WHERE ?1 IS NULL OR n.client_id = ?1
             ORDER BY n.occurred_at DESC, n.id DESC"
        ))?;
        let rows = stmt.query_map([client_id], read)?;
        let mut out = Vec::new();
        for row in rows {
            let mut s = row?;
            s.actions = supervision_actions(&self.conn, s.note_id)?;
            out.push(s);
        }
        Ok(out)
    }

    /// One case supervision, by its note's id.
    fn supervision(&self, note_id: i64) -> Result<Supervision> {
        let found = self
            .conn
            .query_row(
                &format!("{SUPERVISION_SQL} WHERE s.note_id = ?1"),
                [note_id],
                read,
            )
            .optional()?;
        let mut s = found.ok_or(StoreError::NotFound {
            entity: "supervision",
            id: note_id,
        })?;
        s.actions = supervision_actions(&self.conn, note_id)?;
        Ok(s)
    }
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Supervision> {
    let note = note_from_row(r)?;
    let decisions: String = r.get(17)?;
    Ok(Supervision {
        note_id: note.id,
        client_id: note.client_id,
        on: note.occurred_at,
        supervisor: r.get(16)?,
        // Written by us as a JSON list; a damaged one reads as no decisions
        // (the note's sealed text still holds them).
        decisions: serde_json::from_str(&decisions).unwrap_or_default(),
        discussion: r.get(18)?,
        next_review: opt_date(r, 19)?,
        status: note.status,
        actions: Vec::new(),
    })
}

fn supervision_actions(conn: &Connection, note_id: i64) -> Result<Vec<crate::domain::Action>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ACTION_COLS} FROM actions WHERE note_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([note_id], action_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
