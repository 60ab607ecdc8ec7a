//! The audit trail: who/what/when of every change, as ids and field names.

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::rows::{dt, fmt_dt};
use super::{Result, Store};

/// One audit row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Row id.
    pub id: i64,
    /// When.
    pub at: NaiveDateTime,
    /// Which kind of record (client, note, deadline…).
    pub entity: String,
    /// The record's id.
    pub entity_id: i64,
    /// The client it concerns, if any.
    pub client_id: Option<i64>,
    /// What happened: create, update, close, finalise, addendum, complete…
    pub op: String,
    /// Names of the fields changed, comma-separated.
    pub fields: String,
}

/// Records one change inside the caller's transaction.
pub(crate) fn record(
    conn: &Connection,
    at: NaiveDateTime,
    entity: &str,
    entity_id: i64,
    client_id: Option<i64>,
    op: &str,
    fields: &[&str],
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit (at, entity, entity_id, client_id, op, fields, at_offset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![fmt_dt(at), entity, entity_id, client_id, op, fields.join(","), crate::clock::stamp_offset(at)],
    )?;
    Ok(())
}

/// The audit log: who changed what, when.
pub trait AuditLog {
    /// The audit trail, newest first, optionally for one client.
    fn audit_log(&self, client_id: Option<i64>, limit: u32) -> Result<Vec<AuditEntry>>;
}

impl AuditLog for Store {
    /// The audit trail, newest first, optionally for one client.
    fn audit_log(&self, client_id: Option<i64>, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, entity, entity_id, client_id, op, fields FROM audit
             WHERE ?1 IS NULL OR client_id = ?1 ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![client_id, limit], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: dt(r, 1)?,
                entity: r.get(2)?,
                entity_id: r.get(3)?,
                client_id: r.get(4)?,
                op: r.get(5)?,
                fields: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
