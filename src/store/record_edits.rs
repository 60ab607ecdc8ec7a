//! Changes the terminal UI makes to records it already shows: editing and
//! archiving a network member, and discarding a draft note. Each is one
//! transaction with its audit row, so `undo` takes it back (a discarded
//! draft is put back from the values the undo log kept).

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::NewNetworkMember;

/// Edits to records already kept: network members and unsealed drafts.
pub trait RecordEdits {
    /// Changes a network member's details; returns the names of the fields changed.
    fn update_network_member(
        &mut self,
        id: i64,
        new: &NewNetworkMember,
        now: NaiveDateTime,
    ) -> Result<Vec<&'static str>>;

    /// Archives a network member (no longer involved): kept, shown as archived, never deleted.
    fn archive_network_member(&mut self, id: i64, now: NaiveDateTime) -> Result<()>;

    /// Discards a draft note (its text kept in the undo log, so `undo` puts it back).
    fn discard_draft(&mut self, id: i64, now: NaiveDateTime) -> Result<()>;
}

impl RecordEdits for Store {
    /// Changes a network member's details; returns the names of the fields
    /// that changed (none: nothing is written).
    fn update_network_member(
        &mut self,
        id: i64,
        new: &NewNetworkMember,
        now: NaiveDateTime,
    ) -> Result<Vec<&'static str>> {
        let m = new.validate()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = tx
            .query_row(
                "SELECT client_id, name, role, organisation, relationship, phone, email,
                        consent_to_share, notes
                 FROM network_members WHERE id = ?1",
                [id],
                |r| {
                    Ok(NewNetworkMember {
                        client_id: r.get(0)?,
                        name: r.get(1)?,
                        role: r.get(2)?,
                        organisation: r.get(3)?,
                        relationship: r.get(4)?,
                        phone: r.get(5)?,
                        email: r.get(6)?,
                        consent_to_share: r.get::<_, i64>(7)? != 0,
                        notes: r.get(8)?,
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "network member",
                id,
            })?;
        let mut changed = Vec::new();
        let pairs: [(&'static str, bool); 8] = [
            ("name", old.name != m.name),
            ("role", old.role != m.role),
            ("organisation", old.organisation != m.organisation),
            ("relationship", old.relationship != m.relationship),
            ("phone", old.phone != m.phone),
            ("email", old.email != m.email),
            (
                "consent_to_share",
                old.consent_to_share != m.consent_to_share,
            ),
            ("notes", old.notes != m.notes),
        ];
        for (field, differs) in pairs {
            if differs {
                changed.push(field);
            }
        }
        if changed.is_empty() {
            return Ok(changed);
        }
        tx.execute(
            "UPDATE network_members SET name=?2, role=?3, organisation=?4, relationship=?5,
                phone=?6, email=?7, consent_to_share=?8, notes=?9 WHERE id=?1",
            params![
                id,
                m.name,
                m.role,
                m.organisation,
                m.relationship,
                m.phone,
                m.email,
                m.consent_to_share,
                m.notes
            ],
        )?;
        record(
            &tx,
            now,
            "network_member",
            id,
            Some(old.client_id),
            "edit",
            &changed,
        )?;
        tx.commit()?;
        Ok(changed)
    }

    /// Archives a network member (no longer involved): kept, shown as
    /// archived, never deleted.
    fn archive_network_member(&mut self, id: i64, now: NaiveDateTime) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row: Option<(i64, bool)> = tx
            .query_row(
                "SELECT client_id, archived FROM network_members WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)),
            )
            .optional()?;
        let (client_id, archived) = row.ok_or(StoreError::NotFound {
            entity: "network member",
            id,
        })?;
        if archived {
            return Err(StoreError::Refused(format!(
                "network member {id} is already archived"
            )));
        }
        tx.execute(
            "UPDATE network_members SET archived = 1 WHERE id = ?1",
            [id],
        )?;
        record(
            &tx,
            now,
            "network_member",
            id,
            Some(client_id),
            "archive",
            &["archived"],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Discards a draft note: it leaves the record, its text kept in the
    /// undo log, so `undo` puts it back. A final note is refused (it can
    /// only be corrected by addendum); a visit it was started from keeps
    /// the visit, without the note.
    fn discard_draft(&mut self, id: i64, now: NaiveDateTime) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row: Option<(i64, String)> = tx
            .query_row(
                "SELECT client_id, status FROM notes WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (client_id, status) = row.ok_or(StoreError::NotFound { entity: "note", id })?;
        if status != "draft" {
            return Err(StoreError::Refused(format!(
                "note {id} is final; a final note cannot be discarded (correct it with an addendum)"
            )));
        }
        // The visit first, so undo (newest first) puts the note back
        // before the visit points at it again.
        tx.execute("UPDATE visits SET note_id = NULL WHERE note_id = ?1", [id])?;
        tx.execute("DELETE FROM notes WHERE id = ?1 AND status = 'draft'", [id])?;
        record(&tx, now, "note", id, Some(client_id), "discard", &["*"])?;
        tx.commit()?;
        Ok(())
    }
}
