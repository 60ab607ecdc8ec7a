//! A client's network: family, carers, professionals.

use crate::store::prelude::*;
use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Row, params};

use super::audit::record;
use super::rows::{dt, flag, fmt_dt};
use super::{Result, Store, StoreError};
use crate::domain::{NetworkMember, NewNetworkMember};

/// A client's network: the people and professionals around them.
pub trait NetworkRecords {
    /// Adds a network member; returns the id.
    fn add_network_member(&mut self, new: &NewNetworkMember, now: NaiveDateTime) -> Result<i64>;

    /// A client's network, current members first.
    fn network(&self, client_id: i64) -> Result<Vec<NetworkMember>>;

    /// One network member, archived or not.
    fn network_member(&self, id: i64) -> Result<NetworkMember>;

    /// Every network member's name across all clients (for the privacy sweep).
    fn network_names(&self) -> Result<Vec<String>>;
}

impl NetworkRecords for Store {
    /// Adds a network member; returns the id.
    fn add_network_member(&mut self, new: &NewNetworkMember, now: NaiveDateTime) -> Result<i64> {
        let m = new.validate()?;
        self.client(m.client_id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO network_members (client_id, name, role, organisation, relationship, phone, email,
                consent_to_share, notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                m.client_id,
                m.name,
                m.role,
                m.organisation,
                m.relationship,
                m.phone,
                m.email,
                m.consent_to_share,
                m.notes,
                fmt_dt(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        record(
            &tx,
            now,
            "network_member",
            id,
            Some(m.client_id),
            "create",
            &["*"],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// A client's network, current members first.
    fn network(&self, client_id: i64) -> Result<Vec<NetworkMember>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEMBER_COLS} FROM network_members WHERE client_id = ?1 ORDER BY archived, id"
        ))?;
        let rows = stmt.query_map([client_id], member_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One network member, archived or not.
    fn network_member(&self, id: i64) -> Result<NetworkMember> {
        self.conn
            .query_row(
                &format!("SELECT {MEMBER_COLS} FROM network_members WHERE id = ?1"),
                [id],
                member_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "network member",
                id,
            })
    }

    /// Every network member's name, across all clients (one query), for
    /// the privacy sweep's list of known names.
    fn network_names(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT name FROM network_members")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// The columns [`member_from_row`] reads.
const MEMBER_COLS: &str = "id, client_id, name, role, organisation, relationship, phone, email,
    consent_to_share, notes, archived, created_at";

fn member_from_row(r: &Row<'_>) -> rusqlite::Result<NetworkMember> {
    Ok(NetworkMember {
        id: r.get(0)?,
        client_id: r.get(1)?,
        name: r.get(2)?,
        role: r.get(3)?,
        organisation: r.get(4)?,
        relationship: r.get(5)?,
        phone: r.get(6)?,
        email: r.get(7)?,
        consent_to_share: flag(r, 8)?,
        notes: r.get(9)?,
        archived: flag(r, 10)?,
        created_at: dt(r, 11)?,
    })
}
