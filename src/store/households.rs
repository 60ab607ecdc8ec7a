//! Households: clients linked as one family (siblings, a parent and a child
//! who are both clients), so a visit can be planned to them together.

use crate::store::prelude::*;
use chrono::NaiveDateTime;
use rusqlite::params;

use super::audit::record;
use super::rows::fmt_dt;
use super::{Result, Store, StoreError};

/// Households: which clients live together.
pub trait HouseholdRecords {
    /// Links `clients` as one household, joining any household one is already in.
    fn link_household(&mut self, clients: &[i64], now: NaiveDateTime) -> Result<i64>;

    /// Takes a client out of their household (the others stay linked).
    fn unlink_household(&mut self, client: i64, now: NaiveDateTime) -> Result<()>;

    /// The other members of a client's household (none if not linked), in id order.
    fn household_of(&self, client: i64) -> Result<Vec<i64>>;
}

impl HouseholdRecords for Store {
    /// Links `clients` (two or more) as one household, joining any household
    /// one of them is already in. Returns the household's id.
    fn link_household(&mut self, clients: &[i64], now: NaiveDateTime) -> Result<i64> {
        if clients.len() < 2 {
            return Err(StoreError::Refused(
                "a household links two or more clients".into(),
            ));
        }
        let mut members: Vec<i64> = Vec::new();
        let mut households: Vec<i64> = Vec::new();
        for c in clients {
            self.client(*c)?;
            members.push(*c);
            if let Some(h) = self.household_id(*c)? {
                households.push(h);
                members.extend(self.household_of(*c)?);
            }
        }
        members.sort_unstable();
        members.dedup();
        let id = households
            .iter()
            .copied()
            .min()
            .or_else(|| members.first().copied())
            .unwrap_or_default();
        let tx = self.conn.transaction()?;
        for m in &members {
            tx.execute(
                "INSERT INTO household_members (client_id, household_id, linked_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (client_id) DO UPDATE SET household_id = excluded.household_id",
                params![m, id, fmt_dt(now)],
            )?;
            record(
                &tx,
                now,
                "household",
                id,
                Some(*m),
                "link",
                &["household_id"],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Takes a client out of their household (the others stay linked).
    fn unlink_household(&mut self, client: i64, now: NaiveDateTime) -> Result<()> {
        let Some(id) = self.household_id(client)? else {
            return Err(StoreError::Refused(format!(
                "client {client} is not in a household"
            )));
        };
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM household_members WHERE client_id = ?1",
            [client],
        )?;
        record(
            &tx,
            now,
            "household",
            id,
            Some(client),
            "unlink",
            &["household_id"],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The other members of a client's household (none if not linked), in
    /// id order.
    fn household_of(&self, client: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT m.client_id FROM household_members m
              WHERE m.household_id = (SELECT household_id FROM household_members WHERE client_id = ?1)
                AND m.client_id <> ?1
              ORDER BY m.client_id",
        )?;
        let rows = stmt.query_map([client], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl Store {
    fn household_id(&self, client: i64) -> Result<Option<i64>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT household_id FROM household_members WHERE client_id = ?1",
                [client],
                |r| r.get(0),
            )
            .optional()?)
    }
}
