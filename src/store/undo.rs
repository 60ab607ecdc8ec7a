//! Undo: the last change is undone as a new, audited change (op "undo"),
//! never by rewriting history. Triggers (migration 0002) keep, inside the
//! encrypted database, the values each change replaced; the audit row of the
//! same transaction claims them. Finalising and addenda cannot be undone.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::audit::record;
use super::rows::{fmt_date, fmt_dt};
use super::undo_label::{Change, label, next_step};
use super::{Result, Store, StoreError};

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Undone {
    /// The audit row of the change that was undone.
    pub undid_audit_id: i64,
    /// The audit row recording the undo itself.
    pub audit_id: i64,
    /// Which kind of record.
    pub entity: String,
    /// Its id.
    pub entity_id: i64,
    /// Whose, if anyone's.
    pub client_id: Option<i64>,
    /// The operation undone (create, update, close…).
    pub op: String,
    /// The fields that change touched.
    pub fields: String,
    /// What was undone, in the words the practitioner saw ("complete
    /// deadline 'CPA review'").
    pub label: String,
    /// What was done, in words.
    pub summary: String,
}

/// The next undo step, described before it is done, so the practitioner
/// can be asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UndoStep {
    /// What undo would take back ("complete deadline 'CPA review'").
    pub label: String,
    /// Why it cannot be undone, when it cannot (nothing will change).
    pub blocked: Option<String>,
}

/// Tables whose changes can be undone (the names come from our own
/// triggers, but are checked before they reach SQL all the same).
const TABLES: &[&str] = &[
    "clients",
    "network_members",
    "notes",
    "care_plans",
    "plan_actions",
    "legal_episodes",
    "deadlines",
    "actions",
    "closures",
    "visits",
    "visit_people",
    "visit_moves",
    "supervisions",
    "placements",
];

struct LogRow {
    tbl: String,
    row_id: i64,
    op: String,
    before: Option<String>,
}

fn refuse(msg: impl Into<String>) -> StoreError {
    StoreError::Refused(msg.into())
}

fn log_rows(conn: &Connection, audit_id: i64) -> Result<Vec<LogRow>> {
    let mut stmt = conn.prepare(
        "SELECT tbl, row_id, op, before FROM undo_log WHERE audit_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([audit_id], |r| {
        Ok(LogRow {
            tbl: r.get(0)?,
            row_id: r.get(1)?,
            op: r.get(2)?,
            before: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Refuses what can never be undone, before anything is touched.
fn check_undoable(change: &Change, rows: &[LogRow]) -> Result<()> {
    if change.op == "finalise" {
        return Err(refuse(format!(
            "the last change finalised note {}; finalising cannot be undone (correct it with an addendum)",
            change.entity_id
        )));
    }
    if change.entity == "addendum" {
        return Err(refuse(format!(
            "the last change added addendum {}; an addendum is part of the final record and cannot be undone (add another addendum to correct it)",
            change.entity_id
        )));
    }
    if rows.is_empty() {
        return Err(refuse(format!(
            "the last change ({} of {} {}) cannot be undone: it is too old or was not kept for undo",
            change.op, change.entity, change.entity_id
        )));
    }
    for row in rows {
        if !TABLES.contains(&row.tbl.as_str()) {
            return Err(refuse(format!(
                "the last change ({} of {} {}) cannot be undone",
                change.op, change.entity, change.entity_id
            )));
        }
        if row.op == "insert" && matches!(row.tbl.as_str(), "care_plans" | "plan_actions") {
            return Err(refuse(
                "the last change wrote a care plan version; versions stay in the plan's history (write a new version to change it)",
            ));
        }
    }
    Ok(())
}

fn safe_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn columns(before: &str) -> Result<Vec<String>> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(before)
        .map_err(|_| refuse("the values kept for undo are damaged; nothing was changed"))?;
    let cols: Vec<String> = map.keys().cloned().collect();
    if cols.iter().all(|c| safe_ident(c)) {
        Ok(cols)
    } else {
        Err(refuse(
            "the values kept for undo are damaged; nothing was changed",
        ))
    }
}

/// Puts back the values a row had before an update.
fn restore(tx: &Transaction<'_>, row: &LogRow) -> Result<()> {
    let before = row.before.as_deref().unwrap_or("{}");
    let sets: Vec<String> = columns(before)?
        .into_iter()
        .filter(|c| c != "id")
        .map(|c| format!("{c} = json_extract(?1, '$.{c}')"))
        .collect();
    if sets.is_empty() {
        return Ok(());
    }
    let sql = format!("UPDATE {} SET {} WHERE id = ?2", row.tbl, sets.join(", "));
    tx.execute(&sql, params![before, row.row_id])?;
    Ok(())
}

/// Puts back a row that a change deleted.
fn reinsert(tx: &Transaction<'_>, row: &LogRow) -> Result<()> {
    let before = row.before.as_deref().unwrap_or("{}");
    let cols = columns(before)?;
    let values: Vec<String> = cols
        .iter()
        .map(|c| format!("json_extract(?1, '$.{c}')"))
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        row.tbl,
        cols.join(", "),
        values.join(", ")
    );
    tx.execute(&sql, [before])?;
    Ok(())
}

/// Takes back a record that a change created: softly where the record has
/// a soft state (close, cancel, archive); a draft or an action, which has
/// none, is removed, its values kept in the undo log.
fn withdraw(tx: &Transaction<'_>, row: &LogRow, now: NaiveDateTime) -> Result<&'static str> {
    let id = row.row_id;
    Ok(match row.tbl.as_str() {
        "clients" => {
            tx.execute(
                "UPDATE clients SET status = 'closed', closed_on = max(opened_on, ?2),
                    closure_reason = 'Added in error (undone)', updated_at = ?3
                 WHERE id = ?1 AND status = 'open'",
                params![id, fmt_date(now.date()), fmt_dt(now)],
            )?;
            "the client was closed as added in error"
        }
        "notes" => {
            let status: Option<String> = tx
                .query_row("SELECT status FROM notes WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            if status.as_deref() == Some("final") {
                return Err(refuse(format!(
                    "note {id} is final; a final note cannot be undone (correct it with an addendum)"
                )));
            }
            tx.execute("DELETE FROM notes WHERE id = ?1 AND status = 'draft'", [id])?;
            "the draft was removed (its text is kept in the undo record)"
        }
        "deadlines" => {
            tx.execute("UPDATE deadlines SET cancelled = 1 WHERE id = ?1", [id])?;
            "the deadline was cancelled"
        }
        "network_members" => {
            tx.execute(
                "UPDATE network_members SET archived = 1 WHERE id = ?1",
                [id],
            )?;
            "the network member was archived"
        }
        "actions" => {
            tx.execute("DELETE FROM actions WHERE id = ?1", [id])?;
            "the action was removed"
        }
        "closures" => {
            tx.execute("DELETE FROM closures WHERE id = ?1", [id])?;
            "the case was reopened"
        }
        "legal_episodes" => {
            let kept: i64 = tx.query_row(
                "SELECT count(*) FROM deadlines WHERE episode_id = ?1
                 AND (cancelled = 0 OR completed_on IS NOT NULL)",
                [id],
                |r| r.get(0),
            )?;
            if kept > 0 {
                return Err(refuse(format!(
                    "episode {id} has deadlines that are still open or done; end the episode instead"
                )));
            }
            tx.execute("DELETE FROM deadlines WHERE episode_id = ?1", [id])?;
            tx.execute("DELETE FROM legal_episodes WHERE id = ?1", [id])?;
            "the episode was removed (its values are kept in the undo record)"
        }
        "visits" => {
            // Kept, as a cancelled visit; its note (a draft, if any) may be
            // removed next, so the link goes.
            tx.execute(
                "UPDATE visits SET status = 'cancelled', note_id = NULL,
                    cancel_reason = 'Added in error (undone)', updated_at = ?2 WHERE id = ?1",
                params![id, fmt_dt(now)],
            )?;
            "the visit was cancelled as added in error"
        }
        "visit_people" => {
            tx.execute(
                "UPDATE visit_people SET outcome = 'cancelled' WHERE id = ?1",
                [id],
            )?;
            "the visit was cancelled as added in error"
        }
        "visit_moves" => {
            tx.execute("DELETE FROM visit_moves WHERE id = ?1", [id])?;
            "the move was taken back"
        }
        // A draft supervision's parts go with it (the trigger keeps a final one).
        "supervisions" => {
            tx.execute("DELETE FROM supervisions WHERE note_id = ?1", [id])?;
            "the supervision record was removed"
        }
        "placements" => {
            tx.execute("DELETE FROM placements WHERE id = ?1", [id])?;
            "the placement was removed (its values are kept in the audit)"
        }
        _ => return Err(refuse("that change cannot be undone")),
    })
}

/// Undo: the next step that can be undone, and undoing it.
pub trait Undoing {
    /// Undoes the most recent change that has not been undone, as a new audited change (op "undo").
    fn undo_last(&mut self, now: NaiveDateTime) -> Result<Undone>;

    /// What the next undo would take back, changing nothing (`None`: nothing to undo).
    fn next_undo(&self) -> Result<Option<UndoStep>>;
}

impl Undoing for Store {
    /// Undoes the most recent change that has not been undone, as a new
    /// audited change (op "undo"). Finalising a note and adding an addendum
    /// cannot be undone; the message says so and nothing changes.
    fn undo_last(&mut self, now: NaiveDateTime) -> Result<Undone> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let step = next_step(&tx)?;
        let Some(change) = step.first().cloned() else {
            return Err(refuse("there is nothing to undo"));
        };
        let what = label(&tx, &step)?;
        let mut rows = Vec::new();
        for c in &step {
            rows.extend(log_rows(&tx, c.id)?);
        }
        check_undoable(&change, &rows)?;
        let mut effect = "the previous values were restored";
        for row in &rows {
            match row.op.as_str() {
                "update" => restore(&tx, row)?,
                "delete" => {
                    reinsert(&tx, row)?;
                    effect = "the removed record was put back";
                }
                _ => effect = withdraw(&tx, row, now)?,
            }
        }
        if step.len() > 1 && step.iter().any(|c| c.op == "complete") {
            effect = "the deadline is open again, and the next one it added was cancelled";
        }
        let fields: Vec<&str> = change.fields.split(',').filter(|f| !f.is_empty()).collect();
        record(
            &tx,
            now,
            &change.entity,
            change.entity_id,
            change.client_id,
            "undo",
            &fields,
        )?;
        let audit_id = tx.last_insert_rowid();
        for c in &step {
            tx.execute(
                "UPDATE undo_log SET undone_by = ?2 WHERE audit_id = ?1",
                params![c.id, audit_id],
            )?;
        }
        tx.commit()?;
        let summary = format!("undid \"{what}\": {effect}");
        Ok(Undone {
            undid_audit_id: change.id,
            audit_id,
            entity: change.entity,
            entity_id: change.entity_id,
            client_id: change.client_id,
            op: change.op,
            fields: change.fields,
            label: what,
            summary,
        })
    }

    /// What the next undo would take back, without changing anything:
    /// `None` when there is nothing to undo.
    fn next_undo(&self) -> Result<Option<UndoStep>> {
        let step = next_step(&self.conn)?;
        let Some(change) = step.first() else {
            return Ok(None);
        };
        let mut rows = Vec::new();
        for c in &step {
            rows.extend(log_rows(&self.conn, c.id)?);
        }
        let blocked = match check_undoable(change, &rows) {
            Ok(()) => None,
            Err(e) => Some(e.to_string()),
        };
        Ok(Some(UndoStep {
            label: label(&self.conn, &step)?,
            blocked,
        }))
    }
}
