//! Bulk loading for synthetic caseloads and benchmarks: one transaction,
//! prepared statements, validated domain values in. Nothing here is used by
//! a practitioner's everyday actions, which go through the typed methods.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, Statement, params};

use super::rows::{fmt_date, fmt_dt, fmt_opt_date};
use super::{Result, Store, StoreError};
use crate::domain::{
    NewAction, NewCarePlan, NewClient, NewDeadline, NewEpisode, NewNetworkMember, NewNote,
    NoteStatus,
};

/// A writer open inside one transaction; see [`Store::bulk`].
pub struct Bulk<'a> {
    conn: &'a Connection,
    close: Statement<'a>,
    note: Statement<'a>,
    deadline: Statement<'a>,
    episode: Statement<'a>,
    plan: Statement<'a>,
    plan_action: Statement<'a>,
    member: Statement<'a>,
    action: Statement<'a>,
    audit: Statement<'a>,
    now: NaiveDateTime,
    now_offset: String,
}

/// Many records in one transaction (a demo caseload or an import).
pub trait BulkWrites {
    /// Runs `fill` with a [`Bulk`] writer inside one transaction: all of it or nothing.
    fn bulk<T>(
        &mut self,
        now: NaiveDateTime,
        fill: impl FnOnce(&mut Bulk<'_>) -> Result<T>,
    ) -> Result<T>;

    /// Runs `f` with `synchronous = OFF`, then restores and re-checks `synchronous = FULL`.
    fn without_sync<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T>;
}

impl BulkWrites for Store {
    /// Runs `fill` with a [`Bulk`] writer inside ONE transaction: everything
    /// `fill` wrote is committed together, or nothing is when it fails.
    /// Every record still gets its audit row (stamped `now`).
    fn bulk<T>(
        &mut self,
        now: NaiveDateTime,
        fill: impl FnOnce(&mut Bulk<'_>) -> Result<T>,
    ) -> Result<T> {
        // A big page cache keeps the pages being filled in memory instead of
        // encrypting, evicting and decrypting them again mid-load.
        self.conn.execute_batch("PRAGMA cache_size = -262144;")?;
        let result = self.bulk_inner(now, fill);
        // The visit facts of everyone loaded, worked out once now (still
        // with the big cache) so the first `due` does not pay for them.
        if result.is_ok() {
            self.fill_visit_facts()?;
        }
        super::open::size_page_cache(&self.conn)?;
        result
    }

    /// Runs `f` with `synchronous = OFF`, then restores and re-checks
    /// `synchronous = FULL`. Only for filling a brand-new demo database,
    /// where a crash loses nothing of the practitioner's: the demo seed makes
    /// hundreds of small transactions and need not wait for the disk on each.
    fn without_sync<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("PRAGMA synchronous = OFF;")?;
        let out = f(self);
        self.conn.execute_batch("PRAGMA synchronous = FULL;")?;
        let sync: i64 = self
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        if sync != 2 {
            return Err(StoreError::Pragma {
                pragma: "synchronous",
                wanted: "2".into(),
                got: sync.to_string(),
            });
        }
        out
    }
}

impl Store {
    fn bulk_inner<T>(
        &mut self,
        now: NaiveDateTime,
        fill: impl FnOnce(&mut Bulk<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        // A bulk load is not undoable (it fills a brand-new synthetic
        // caseload), so the undo-journal triggers are lifted for its
        // duration and put back, unchanged, in the same transaction: they
        // otherwise double every write.
        let undo_triggers: Vec<(String, String)> = {
            let mut stmt = tx.prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
                   AND (name LIKE '%\\_undo\\_%' ESCAPE '\\' OR name IN ('audit_claims_undo', 'undo_log_prune'))",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        for (name, _) in &undo_triggers {
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\";"))?;
        }
        let indexing = super::bulk_search::lift_indexing(&tx)?;
        let started = std::time::Instant::now();
        let out = {
            let mut b = Bulk::prepare(&tx, now)?;
            fill(&mut b)?
        };
        let written = started.elapsed();
        super::bulk_search::index_and_restore(&tx, &indexing)?;
        tracing::info!(
            write_ms = written.as_millis(),
            index_ms = (started.elapsed() - written).as_millis(),
            "bulk load"
        );
        for (_, sql) in &undo_triggers {
            tx.execute_batch(sql)?;
        }
        tx.commit()?;
        Ok(out)
    }
}

impl<'a> Bulk<'a> {
    fn prepare(conn: &'a Connection, now: NaiveDateTime) -> Result<Self> {
        Ok(Self {
            conn,
            close: conn.prepare(
                "UPDATE clients SET status='closed', closed_on=?2, closure_reason=?3 WHERE id=?1",
            )?,
            note: conn.prepare(
                "INSERT INTO notes (client_id, kind, occurred_at, written_at, location, present, body,
                    significant, status, finalised_at, occurred_offset, written_offset, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            deadline: conn.prepare(
                "INSERT INTO deadlines (client_id, episode_id, what, due, warn_from, rule_id, source,
                    weight, chain_index, completed_on, outcome, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?,
            episode: conn.prepare(
                "INSERT INTO legal_episodes (client_id, kind, start_on, end_on, notes, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            plan: conn.prepare(
                "INSERT INTO care_plans (client_id, version, created_at, needs, outcomes, strengths,
                    crisis_plan, next_review) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            plan_action: conn.prepare(
                "INSERT INTO plan_actions (plan_id, what, owner, due, done_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            member: conn.prepare(
                "INSERT INTO network_members (client_id, name, role, organisation, relationship, phone,
                    email, consent_to_share, notes, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            action: conn.prepare(
                "INSERT INTO actions (client_id, what, due, done_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            audit: conn.prepare(
                "INSERT INTO audit (at, entity, entity_id, client_id, op, fields, at_offset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            now,
            now_offset: crate::clock::stamp_offset(now),
        })
    }

    fn audit(&mut self, entity: &str, id: i64, client_id: Option<i64>) -> Result<()> {
        self.audit_op(entity, id, client_id, "create", "*")
    }

    fn audit_op(
        &mut self,
        entity: &str,
        id: i64,
        client_id: Option<i64>,
        op: &str,
        fields: &str,
    ) -> Result<()> {
        self.audit.execute(params![
            fmt_dt(self.now),
            entity,
            id,
            client_id,
            op,
            fields,
            self.now_offset
        ])?;
        Ok(())
    }

    /// Adds a client (validated against `today`), open since `new.opened_on`.
    pub fn client(&mut self, new: &NewClient, today: NaiveDate) -> Result<i64> {
        let c = new.validate(today)?;
        let id = super::clients::insert_client(self.conn, &c, today, self.now)?;
        self.audit("client", id, Some(id))?;
        Ok(id)
    }

    /// Closes a client's case.
    pub fn close(&mut self, client_id: i64, on: NaiveDate, reason: &str) -> Result<()> {
        self.close
            .execute(params![client_id, fmt_date(on), reason])?;
        self.audit_op(
            "client",
            client_id,
            Some(client_id),
            "close",
            "status,closed_on,closure_reason",
        )
    }

    /// Adds a note written at `written_at`, final or draft.
    pub fn note(
        &mut self,
        new: &NewNote,
        written_at: NaiveDateTime,
        status: NoteStatus,
    ) -> Result<i64> {
        let n = new.validate(written_at)?;
        // Written as a draft, then sealed into the client's chain like any
        // finalised note, so `check` can vouch for demo data too.
        self.note.execute(params![
            n.client_id,
            n.kind,
            fmt_dt(n.occurred_at),
            fmt_dt(written_at),
            n.location,
            n.present,
            n.body,
            n.significant,
            NoteStatus::Draft,
            None::<String>,
            crate::clock::contact_offset(n.occurred_at, written_at),
            crate::clock::stamp_offset(written_at),
            n.outcome,
        ])?;
        let id = self.conn.last_insert_rowid();
        if status == NoteStatus::Final {
            super::chain::seal_note(self.conn, id, n.client_id, &fmt_dt(written_at), None)?;
        }
        self.audit("note", id, Some(n.client_id))?;
        Ok(id)
    }

    /// Adds a deadline, completed when `completed` is given.
    pub fn deadline(
        &mut self,
        new: &NewDeadline,
        completed: Option<(NaiveDate, &str)>,
    ) -> Result<i64> {
        let d = new.validate()?;
        let due = d
            .due
            .ok_or_else(|| StoreError::Refused("a due date is needed".into()))?;
        self.deadline.execute(params![
            d.client_id,
            d.episode_id,
            d.what,
            fmt_date(due),
            fmt_opt_date(d.warn_from),
            d.rule,
            d.source,
            d.weight.unwrap_or(10),
            d.chain_index,
            completed.map(|(on, _)| fmt_date(on)),
            completed.map(|(_, o)| o),
            fmt_dt(self.now),
        ])?;
        let id = self.conn.last_insert_rowid();
        self.audit("deadline", id, d.client_id)?;
        Ok(id)
    }

    /// Adds a legal episode, ended when `end_on` is given.
    pub fn episode(&mut self, new: &NewEpisode, end_on: Option<NaiveDate>) -> Result<i64> {
        let e = new.validate()?;
        self.episode.execute(params![
            e.client_id,
            e.kind,
            fmt_date(e.start_on),
            fmt_opt_date(end_on),
            e.notes,
            fmt_dt(self.now),
        ])?;
        let id = self.conn.last_insert_rowid();
        self.audit("episode", id, Some(e.client_id))?;
        Ok(id)
    }

    /// Adds care plan version `version` written at `written_at`, with its actions.
    pub fn plan(
        &mut self,
        client_id: i64,
        version: i64,
        plan: &NewCarePlan,
        written_at: NaiveDateTime,
    ) -> Result<i64> {
        let p = plan.validate()?;
        self.plan.execute(params![
            client_id,
            version,
            fmt_dt(written_at),
            p.needs,
            p.outcomes,
            p.strengths,
            p.crisis_plan,
            fmt_opt_date(p.next_review),
        ])?;
        let id = self.conn.last_insert_rowid();
        for a in &p.actions {
            self.plan_action.execute(params![
                id,
                a.what,
                a.owner,
                fmt_opt_date(a.due),
                fmt_opt_date(a.done_on)
            ])?;
        }
        self.audit("care_plan", id, Some(client_id))?;
        Ok(id)
    }

    /// Adds a network member.
    pub fn member(&mut self, new: &NewNetworkMember) -> Result<i64> {
        let m = new.validate()?;
        self.member.execute(params![
            m.client_id,
            m.name,
            m.role,
            m.organisation,
            m.relationship,
            m.phone,
            m.email,
            m.consent_to_share,
            m.notes,
            fmt_dt(self.now),
        ])?;
        let id = self.conn.last_insert_rowid();
        self.audit("network_member", id, Some(m.client_id))?;
        Ok(id)
    }

    /// Adds an action, done when `done_on` is given.
    pub fn action(&mut self, new: &NewAction, done_on: Option<NaiveDate>) -> Result<i64> {
        let a = new.validate()?;
        self.action.execute(params![
            a.client_id,
            a.what,
            fmt_opt_date(a.due),
            fmt_opt_date(done_on),
            fmt_dt(self.now),
        ])?;
        let id = self.conn.last_insert_rowid();
        self.audit("action", id, a.client_id)?;
        Ok(id)
    }
}
