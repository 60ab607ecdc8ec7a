//! Clients: add, read, list with derived facts, close, find.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, params};

use super::audit::record;
use super::rows::{date, dt, flag, fmt_date, fmt_dt, fmt_opt_date, opt_date};
use super::{Result, Store, StoreError};
use crate::domain::retention::RetentionSchedule;

use crate::domain::{CaseStatus, Client, NewClient, RiskLevel, Service};

pub(super) const CLIENT_COLS: &str =
    "c.id, c.given_name, c.family_name, c.preferred_name, c.pronouns, c.dob,
    c.record_no, c.address, c.phone, c.language, c.interpreter, c.team, c.service, c.status,
    c.opened_on, c.closed_on, c.closure_reason, c.visit_every_days, c.risk, c.risk_summary,
    c.risk_reviewed_on, c.alerts, c.created_at, c.updated_at, c.retain_until, c.nhs_number, c.gp,
    c.consent_to_share, c.consent_recorded_on";

/// How many columns `CLIENT_COLS` reads (queries add theirs after).
pub(super) const CLIENT_COL_COUNT: usize = 29;

pub(super) fn client_from_row(r: &Row<'_>) -> rusqlite::Result<Client> {
    let alerts: String = r.get(21)?;
    Ok(Client {
        id: r.get(0)?,
        given_name: r.get(1)?,
        family_name: r.get(2)?,
        preferred_name: r.get(3)?,
        pronouns: r.get(4)?,
        dob: opt_date(r, 5)?,
        record_no: r.get(6)?,
        address: r.get(7)?,
        phone: r.get(8)?,
        language: r.get(9)?,
        interpreter: flag(r, 10)?,
        team: r.get(11)?,
        service: r.get(12)?,
        status: r.get(13)?,
        opened_on: date(r, 14)?,
        closed_on: opt_date(r, 15)?,
        closure_reason: r.get(16)?,
        visit_every_days: r.get(17)?,
        risk: r.get(18)?,
        risk_summary: r.get(19)?,
        risk_reviewed_on: opt_date(r, 20)?,
        alerts: serde_json::from_str(&alerts).unwrap_or_default(),
        created_at: dt(r, 22)?,
        updated_at: dt(r, 23)?,
        retain_until: opt_date(r, 24)?,
        nhs_number: r.get(25)?,
        gp: r.get(26)?,
        consent_to_share: r.get(27)?,
        consent_recorded_on: opt_date(r, 28)?,
    })
}

/// Inserts an already validated client, open since `opened_on` (else
/// `today`), inside the caller's transaction; shared by `add_client` and the
/// bulk loader so the two can never write clients differently.
pub(crate) fn insert_client(
    conn: &rusqlite::Connection,
    c: &NewClient,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<i64> {
    let alerts = serde_json::to_string(&c.alerts).unwrap_or_else(|_| "[]".into());
    conn.prepare_cached(
        "INSERT INTO clients (given_name, family_name, preferred_name, pronouns, dob, record_no,
            address, phone, language, interpreter, team, service, status, opened_on,
            visit_every_days, risk, risk_summary, risk_reviewed_on, alerts, created_at, updated_at,
            nhs_number, gp, consent_to_share, consent_recorded_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'open', ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?19, ?20, ?21, ?22, ?23)",
    )?
    .execute(params![
        c.given_name,
        c.family_name,
        c.preferred_name,
        c.pronouns,
        fmt_opt_date(c.dob),
        c.record_no,
        c.address,
        c.phone,
        c.language,
        c.interpreter,
        c.team,
        c.service.unwrap_or(Service::Adult),
        fmt_date(c.opened_on.unwrap_or(today)),
        c.visit_every_days,
        c.risk.unwrap_or(RiskLevel::Low),
        c.risk_summary,
        c.risk_summary.as_ref().map(|_| fmt_date(today)),
        alerts,
        fmt_dt(now),
        c.nhs_number,
        c.gp,
        c.consent_to_share,
        c.consent_to_share.map(|_| fmt_date(today)),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Clients: add, update, read, list, find, close and reopen.
pub trait ClientRecords {
    /// Adds a client; returns the new id.
    fn add_client(&mut self, new: &NewClient, now: NaiveDateTime) -> Result<i64>;

    /// Replaces a client's editable details; returns the names of the fields that changed.
    fn update_client(
        &mut self,
        id: i64,
        new: &NewClient,
        now: NaiveDateTime,
    ) -> Result<Vec<&'static str>>;

    /// One client by id.
    fn client(&self, id: i64) -> Result<Client>;

    /// Closes a case with a reason (no summary, the default retention schedule).
    fn close_client(
        &mut self,
        id: i64,
        on: NaiveDate,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()>;

    /// Reopens a closed case.
    fn reopen_client(&mut self, id: i64, now: NaiveDateTime) -> Result<()>;

    /// Whether there is any client at all, closed ones included.
    fn has_clients(&self) -> Result<bool>;

    /// All clients (open only unless `include_closed`).
    fn clients(&self, include_closed: bool) -> Result<Vec<Client>>;

    /// The one client meant by what was typed: an id, a record number or a name fragment.
    fn resolve_client(&self, typed: &str) -> Result<Client>;
}

impl ClientRecords for Store {
    /// Adds a client; returns the new id. One transaction, audited.
    fn add_client(&mut self, new: &NewClient, now: NaiveDateTime) -> Result<i64> {
        let c = new.validate(now.date())?;
        let tx = self.conn.transaction()?;
        let id = insert_client(&tx, &c, now.date(), now)?;
        record(&tx, now, "client", id, Some(id), "create", &["*"])?;
        tx.commit()?;
        Ok(id)
    }

    /// Replaces a client's editable details; returns the names of the fields
    /// that changed. Status and dates of opening/closing are not touched.
    fn update_client(
        &mut self,
        id: i64,
        new: &NewClient,
        now: NaiveDateTime,
    ) -> Result<Vec<&'static str>> {
        let c = new.validate(now.date())?;
        let old = self.client(id)?;
        let mut changed = Vec::new();
        macro_rules! diff {
            ($name:literal, $a:expr, $b:expr) => {
                if $a != $b {
                    changed.push($name);
                }
            };
        }
        diff!("given_name", old.given_name, c.given_name);
        diff!("family_name", old.family_name, c.family_name);
        diff!("preferred_name", old.preferred_name, c.preferred_name);
        diff!("pronouns", old.pronouns, c.pronouns);
        diff!("dob", old.dob, c.dob);
        diff!("record_no", old.record_no, c.record_no);
        diff!("address", old.address, c.address);
        diff!("phone", old.phone, c.phone);
        diff!("language", old.language, c.language);
        diff!("interpreter", old.interpreter, c.interpreter);
        diff!("team", old.team, c.team);
        diff!(
            "service",
            Some(old.service),
            c.service.or(Some(old.service))
        );
        diff!("visit_every_days", old.visit_every_days, c.visit_every_days);
        diff!("risk", Some(old.risk), c.risk.or(Some(old.risk)));
        diff!("risk_summary", old.risk_summary, c.risk_summary);
        diff!("alerts", old.alerts, c.alerts);
        diff!("nhs_number", old.nhs_number, c.nhs_number);
        diff!("gp", old.gp, c.gp);
        diff!("consent_to_share", old.consent_to_share, c.consent_to_share);
        // The opening day changes only when one is given (the forms give none).
        let opened_on = c.opened_on.unwrap_or(old.opened_on);
        diff!("opened_on", old.opened_on, opened_on);
        if old.closed_on.is_some_and(|closed| opened_on > closed) {
            return Err(crate::domain::ValidationError::new(
                "opened",
                "is after the day the case closed",
            )
            .into());
        }
        if changed.is_empty() {
            return Ok(changed);
        }
        let risk_reviewed = if changed.contains(&"risk_summary") || changed.contains(&"risk") {
            Some(now.date())
        } else {
            old.risk_reviewed_on
        };
        let consent_on = if changed.contains(&"consent_to_share") {
            c.consent_to_share.map(|_| now.date())
        } else {
            old.consent_recorded_on
        };
        let alerts = serde_json::to_string(&c.alerts).unwrap_or_else(|_| "[]".into());
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE clients SET given_name=?2, family_name=?3, preferred_name=?4, pronouns=?5, dob=?6,
                record_no=?7, address=?8, phone=?9, language=?10, interpreter=?11, team=?12,
                service=?13, visit_every_days=?14, risk=?15, risk_summary=?16, risk_reviewed_on=?17,
                alerts=?18, updated_at=?19, nhs_number=?20, gp=?21, consent_to_share=?22,
                consent_recorded_on=?23, opened_on=?24 WHERE id=?1",
            params![
                id,
                c.given_name,
                c.family_name,
                c.preferred_name,
                c.pronouns,
                fmt_opt_date(c.dob),
                c.record_no,
                c.address,
                c.phone,
                c.language,
                c.interpreter,
                c.team,
                c.service.unwrap_or(old.service),
                c.visit_every_days,
                c.risk.unwrap_or(old.risk),
                c.risk_summary,
                fmt_opt_date(risk_reviewed),
                alerts,
                fmt_dt(now),
                c.nhs_number,
                c.gp,
                c.consent_to_share,
                fmt_opt_date(consent_on),
                fmt_date(opened_on),
            ],
        )?;
        record(&tx, now, "client", id, Some(id), "update", &changed)?;
        tx.commit()?;
        Ok(changed)
    }

    /// One client by id.
    fn client(&self, id: i64) -> Result<Client> {
        self.conn
            .query_row(
                &format!("SELECT {CLIENT_COLS} FROM clients c WHERE c.id = ?1"),
                [id],
                client_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: "client",
                id,
            })
    }

    /// Closes a case with a reason (no summary, the default retention
    /// schedule). Closing twice is refused.
    fn close_client(
        &mut self,
        id: i64,
        on: NaiveDate,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        let closing = crate::domain::retention::Closing {
            on,
            reason: reason.to_string(),
            summary: String::new(),
        };
        self.close_case(id, &closing, &RetentionSchedule::default(), now)
            .map(|_| ())
    }

    /// Reopens a closed case.
    fn reopen_client(&mut self, id: i64, now: NaiveDateTime) -> Result<()> {
        let client = self.client(id)?;
        if client.status == CaseStatus::Open {
            return Err(StoreError::Refused(format!("client {id} is already open")));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE clients SET status='open', closed_on=NULL, closure_reason=NULL, updated_at=?2 WHERE id=?1",
            params![id, fmt_dt(now)],
        )?;
        record(
            &tx,
            now,
            "client",
            id,
            Some(id),
            "reopen",
            &["status", "closed_on", "closure_reason"],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Whether there is any client at all, closed ones included (Today on a
    /// new database says how to add the first).
    fn has_clients(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS(SELECT 1 FROM clients)", [], |r| r.get(0))?)
    }

    /// All clients (open only unless `include_closed`).
    fn clients(&self, include_closed: bool) -> Result<Vec<Client>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {CLIENT_COLS} FROM clients c WHERE ?1 OR c.status = 'open'
             ORDER BY c.family_name COLLATE NOCASE, c.given_name COLLATE NOCASE, c.id"
        ))?;
        let rows = stmt.query_map([include_closed], client_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Finds the one client meant by what was typed: a numeric id, a record
    /// number, or a fragment of a name matching exactly one open client.
    fn resolve_client(&self, typed: &str) -> Result<Client> {
        let t = typed.trim();
        if t.is_empty() {
            return Err(StoreError::NoClientMatch);
        }
        if let Ok(id) = t.parse::<i64>()
            && let Ok(c) = self.client(id)
        {
            return Ok(c);
        }
        let by_ref: Vec<Client> = {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT {CLIENT_COLS} FROM clients c WHERE c.record_no = ?1 COLLATE NOCASE"
            ))?;
            stmt.query_map([t], client_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        if by_ref.len() == 1 {
            return by_ref.into_iter().next().ok_or(StoreError::NoClientMatch);
        }
        let needle = t.to_lowercase();
        let matches: Vec<Client> = self
            .clients(false)?
            .into_iter()
            .filter(|c| {
                let full = format!(
                    "{} {} {}",
                    c.given_name,
                    c.preferred_name.as_deref().unwrap_or(""),
                    c.family_name
                )
                .to_lowercase();
                full.contains(&needle)
                    || format!("{} {}", c.given_name, c.family_name)
                        .to_lowercase()
                        .contains(&needle)
            })
            .collect();
        match matches.len() {
            0 => Err(StoreError::NoClientMatch),
            1 => matches.into_iter().next().ok_or(StoreError::NoClientMatch),
            _ => Err(StoreError::Ambiguous(
                matches
                    .iter()
                    .map(|c| {
                        format!(
                            "  {:>5}  {}  {}",
                            c.id,
                            crate::domain::text::one_line(&c.display_name()),
                            c.record_no
                                .as_deref()
                                .map(crate::domain::text::one_line)
                                .unwrap_or_default()
                        )
                    })
                    .collect(),
            )),
        }
    }
}
