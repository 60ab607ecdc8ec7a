//! Contact notes: drafts (autosaved), finalising, addenda.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::audit::record;
use super::chain;
use super::rows::{dt, flag, fmt_dt, opt_dt};
use super::{Result, Store, StoreError};
use crate::clock;
use crate::domain::note::contact_time_problem;
use crate::domain::note_outcome::outcome_required;
use crate::domain::validate::{self, MAX_LONG, MAX_SHORT};
use crate::domain::{Addendum, NewNote, Note, NoteStatus};
use crate::rules::late::{LateEntry, LateEntryRule};

const NOTE_COLS: &str = "id, client_id, kind, occurred_at, written_at, location, present, body,
    significant, status, finalised_at, late_reason, prev_hash, hash, occurred_offset, outcome";

pub(crate) fn note_from_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        client_id: r.get(1)?,
        kind: r.get(2)?,
        occurred_at: dt(r, 3)?,
        written_at: dt(r, 4)?,
        location: r.get(5)?,
        present: r.get(6)?,
        body: r.get(7)?,
        significant: flag(r, 8)?,
        status: r.get(9)?,
        finalised_at: opt_dt(r, 10)?,
        late_reason: r.get(11)?,
        prev_hash: r.get(12)?,
        hash: r.get(13)?,
        occurred_offset: r.get(14)?,
        outcome: r.get(15)?,
    })
}

/// Case notes: drafts, sealing, late entries, addenda and reading them back.
pub trait NoteRecords {
    /// Adds a note as a draft; returns its id.
    fn add_note(&mut self, new: &NewNote, now: NaiveDateTime) -> Result<i64>;

    /// Saves a draft's header and body (the autosave).
    fn save_draft(&mut self, id: i64, new: &NewNote, now: NaiveDateTime) -> Result<bool>;

    /// Finalises (seals) a draft under the late-entry limits in force.
    fn finalise_note(
        &mut self,
        id: i64,
        late_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<()>;

    /// How many working days late finalising note `id` at `now` would be (`None`: in time).
    fn late_entry(&self, id: i64, rule: LateEntryRule, now: NaiveDateTime) -> Result<Option<u32>>;

    /// Finalises a draft: a late entry under `rule` needs a reason, which is kept with the note.
    fn finalise_note_with_rule(
        &mut self,
        id: i64,
        late_reason: Option<&str>,
        rule: LateEntryRule,
        now: NaiveDateTime,
    ) -> Result<()>;

    /// Adds a note and finalises it in one transaction (`note add --final`).
    fn add_final_note(
        &mut self,
        new: &NewNote,
        late_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<i64>;

    /// Appends an addendum to a final note; returns its id.
    fn add_addendum(
        &mut self,
        note_id: i64,
        reason: &str,
        body: &str,
        now: NaiveDateTime,
    ) -> Result<i64>;

    /// One note.
    fn note(&self, id: i64) -> Result<Note>;

    /// A client's notes, newest contact first.
    fn notes(&self, client_id: i64) -> Result<Vec<Note>>;

    /// Every draft across the caseload, oldest contact first.
    fn drafts(&self) -> Result<Vec<Note>>;

    /// The addenda of a note, in the order written.
    fn addenda(&self, note_id: i64) -> Result<Vec<Addendum>>;
}

impl NoteRecords for Store {
    /// Adds a note as a draft; returns its id.
    fn add_note(&mut self, new: &NewNote, now: NaiveDateTime) -> Result<i64> {
        let n = new.validate(now)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        client_exists(&tx, n.client_id)?;
        let id = insert_note(&tx, &n, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// Saves a draft's header and body (the autosave). A final note is refused.
    /// Returns false when nothing changed (so nothing was written).
    fn save_draft(&mut self, id: i64, new: &NewNote, now: NaiveDateTime) -> Result<bool> {
        let n = new.validate(now)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = load_note(&tx, id)?;
        if old.status == NoteStatus::Final {
            return Err(StoreError::Refused(format!(
                "note {id} is final and cannot be changed; add an addendum instead"
            )));
        }
        if old.client_id != n.client_id {
            return Err(StoreError::Refused(
                "a note cannot move to another client".into(),
            ));
        }
        let mut changed = Vec::new();
        if old.kind != n.kind {
            changed.push("kind");
        }
        if old.occurred_at != n.occurred_at {
            changed.push("occurred_at");
        }
        if old.location != n.location {
            changed.push("location");
        }
        if old.present != n.present {
            changed.push("present");
        }
        if old.body != n.body {
            changed.push("body");
        }
        if old.significant != n.significant {
            changed.push("significant");
        }
        if old.outcome != n.outcome {
            changed.push("outcome");
        }
        if changed.is_empty() {
            return Ok(false);
        }
        tx.execute(
            "UPDATE notes SET kind=?2, occurred_at=?3, written_at=?4, location=?5, present=?6, body=?7, significant=?8,
                occurred_offset=?9, written_offset=?10, outcome=?11
             WHERE id=?1 AND status='draft'",
            params![
                id,
                n.kind,
                fmt_dt(n.occurred_at),
                fmt_dt(now),
                n.location,
                n.present,
                n.body,
                n.significant,
                clock::contact_offset(n.occurred_at, now),
                clock::stamp_offset(now),
                n.outcome
            ],
        )?;
        record(&tx, now, "note", id, Some(n.client_id), "update", &changed)?;
        tx.commit()?;
        Ok(true)
    }

    /// Finalises a draft under the late-entry limits in force (config.toml's,
    /// or 5 working days, 1 for a significant note). After this the note
    /// never changes.
    fn finalise_note(
        &mut self,
        id: i64,
        late_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.finalise_note_with_rule(id, late_reason, self.late_rule, now)
    }

    /// How many working days late finalising note `id` at `now` would be
    /// under `rule` (`None` when in time): the reason prompt asks when `Some`.
    fn late_entry(&self, id: i64, rule: LateEntryRule, now: NaiveDateTime) -> Result<Option<u32>> {
        let note = self.note(id)?;
        Ok(self
            .late_entry_by(rule)
            .lateness(note.occurred_at, now, note.significant))
    }

    /// Finalises a draft: a late entry under `rule` needs a reason, which is
    /// kept with the note. The note is sealed into its client's chain. The
    /// checks run inside the (immediate) transaction that seals it, so a
    /// write from another process between them cannot slip through.
    fn finalise_note_with_rule(
        &mut self,
        id: i64,
        late_reason: Option<&str>,
        rule: LateEntryRule,
        now: NaiveDateTime,
    ) -> Result<()> {
        let late = self.late_entry_by(rule);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        finalise_in(&tx, id, late_reason, &late, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a note and finalises it in one transaction (`note add --final`):
    /// either the final note is stored or nothing is; never a stray draft.
    fn add_final_note(
        &mut self,
        new: &NewNote,
        late_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let n = new.validate(now)?;
        let late = self.late_entry_by(self.late_rule);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        client_exists(&tx, n.client_id)?;
        let id = insert_note(&tx, &n, now)?;
        finalise_in(&tx, id, late_reason, &late, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// Appends an addendum to a final note; returns its id.
    fn add_addendum(
        &mut self,
        note_id: i64,
        reason: &str,
        body: &str,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let reason = validate::required("reason", reason, MAX_SHORT)?;
        let body = validate::required("addendum text", body, MAX_LONG)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let note = load_note(&tx, note_id)?;
        if note.status != NoteStatus::Final {
            return Err(StoreError::Refused(format!(
                "note {note_id} is still a draft; edit it directly instead of adding an addendum"
            )));
        }
        let written_at = fmt_dt(now);
        let (seq, prev) = chain::chain_head(&tx, note.client_id)?;
        let fields = chain::addendum_fields(note_id, &written_at, &reason, &body);
        let hash = chain::seal("addendum", prev.as_deref(), &fields);
        tx.execute(
            "INSERT INTO addenda (note_id, written_at, reason, body, prev_hash, hash, chain_seq, written_offset)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![note_id, written_at, reason, body, prev, hash, seq, clock::stamp_offset(now)],
        )?;
        chain::advance(&tx, note.client_id, seq, &hash)?;
        let id = tx.last_insert_rowid();
        record(
            &tx,
            now,
            "addendum",
            id,
            Some(note.client_id),
            "create",
            &["*"],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// One note.
    fn note(&self, id: i64) -> Result<Note> {
        load_note(&self.conn, id)
    }

    /// A client's notes, newest contact first.
    fn notes(&self, client_id: i64) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {NOTE_COLS} FROM notes WHERE client_id = ?1 ORDER BY occurred_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([client_id], note_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every draft across the caseload, oldest contact first.
    fn drafts(&self) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {NOTE_COLS} FROM notes WHERE status = 'draft' ORDER BY occurred_at, id"
        ))?;
        let rows = stmt.query_map([], note_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The addenda of a note, in the order written.
    fn addenda(&self, note_id: i64) -> Result<Vec<Addendum>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, note_id, written_at, reason, body, prev_hash, hash FROM addenda
             WHERE note_id = ?1 ORDER BY written_at, id",
        )?;
        let rows = stmt.query_map([note_id], |r| {
            Ok(Addendum {
                id: r.get(0)?,
                note_id: r.get(1)?,
                written_at: dt(r, 2)?,
                reason: r.get(3)?,
                body: r.get(4)?,
                prev_hash: r.get(5)?,
                hash: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl Store {
    /// `rule` counted by the rule engine's working-day calendar.
    pub(crate) fn late_entry_by(&self, rule: LateEntryRule) -> LateEntry {
        LateEntry::new(rule, self.rules.calendar().clone())
    }
}

fn load_note(conn: &Connection, id: i64) -> Result<Note> {
    conn.query_row(
        &format!("SELECT {NOTE_COLS} FROM notes WHERE id = ?1"),
        [id],
        note_from_row,
    )
    .optional()?
    .ok_or(StoreError::NotFound { entity: "note", id })
}

pub(crate) fn client_exists(conn: &Connection, id: i64) -> Result<()> {
    let found: Option<i64> = conn
        .query_row("SELECT id FROM clients WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    found.map(|_| ()).ok_or(StoreError::NotFound {
        entity: "client",
        id,
    })
}

/// Inserts a validated note as a draft inside the caller's transaction.
pub(crate) fn insert_note(conn: &Connection, n: &NewNote, now: NaiveDateTime) -> Result<i64> {
    conn.execute(
        "INSERT INTO notes (client_id, kind, occurred_at, written_at, location, present, body, significant, status,
            occurred_offset, written_offset, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft', ?9, ?10, ?11)",
        params![
            n.client_id,
            n.kind,
            fmt_dt(n.occurred_at),
            fmt_dt(now),
            n.location,
            n.present,
            n.body,
            n.significant,
            clock::contact_offset(n.occurred_at, now),
            clock::stamp_offset(now),
            n.outcome
        ],
    )?;
    let id = conn.last_insert_rowid();
    record(conn, now, "note", id, Some(n.client_id), "create", &["*"])?;
    Ok(id)
}

/// Finalises draft `id` inside the caller's transaction, checking first
/// (inside it) that it is a draft, not empty, not dated in the future, and
/// not a late entry without a reason.
pub(crate) fn finalise_in(
    conn: &Connection,
    id: i64,
    late_reason: Option<&str>,
    late: &LateEntry,
    now: NaiveDateTime,
) -> Result<()> {
    let note = load_note(conn, id)?;
    if note.status == NoteStatus::Final {
        return Err(StoreError::Refused(format!("note {id} is already final")));
    }
    // Nothing sealed that was not chosen: the kind decides what the note
    // counts as (a visit, a call), so it is never guessed.
    if note.kind.is_none() {
        return Err(StoreError::Refused(format!(
            "note {id} cannot be finalised: Kind is not chosen (home visit, phone call, …); \
             choose the kind of contact first"
        )));
    }
    // A contact says what came of it: "seen" is never read from the kind.
    if note.outcome.is_none() && note.kind.is_some_and(outcome_required) {
        return Err(StoreError::Refused(format!(
            "note {id} cannot be finalised: Outcome is not chosen ({}); \
             choose what came of the contact first",
            crate::domain::NoteOutcome::codes()
        )));
    }
    if note.body.trim().is_empty() {
        return Err(StoreError::Refused(
            "an empty note cannot be finalised; write what happened first".into(),
        ));
    }
    if let Some(problem) = contact_time_problem(note.occurred_at, now) {
        return Err(StoreError::Refused(format!(
            "note {id} cannot be finalised: the time of the contact {problem}"
        )));
    }
    let late_reason = validate::optional("reason for late entry", late_reason, MAX_SHORT)?;
    if late_reason.is_none()
        && let Some(days) = late.lateness(note.occurred_at, now, note.significant)
    {
        return Err(StoreError::Refused(format!(
            "note {id} is a late entry: it is being finalised {days} working days after the contact \
             (the limit is {} for {} note); give the reason for the late entry",
            late.allowed(note.significant),
            if note.significant {
                "a significant"
            } else {
                "an ordinary"
            }
        )));
    }
    let finalised_at = fmt_dt(now);
    chain::seal_note(
        conn,
        id,
        note.client_id,
        &finalised_at,
        late_reason.as_deref(),
    )?;
    let mut fields = vec!["status", "finalised_at", "hash"];
    if late_reason.is_some() {
        fields.push("late_reason");
    }
    record(
        conn,
        now,
        "note",
        id,
        Some(note.client_id),
        "finalise",
        &fields,
    )
}
