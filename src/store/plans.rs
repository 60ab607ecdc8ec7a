//! Care plans: each review writes a new version; old versions stay readable.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::audit::record;
use super::rows::{dt, fmt_date, fmt_dt, fmt_opt_date, opt_date};
use super::{Result, Store, StoreError};
use crate::domain::plan::carry_forward;
use crate::domain::{CarePlan, NewCarePlan, PlanAction};

fn plan_from_row(r: &Row<'_>) -> rusqlite::Result<CarePlan> {
    Ok(CarePlan {
        id: r.get(0)?,
        client_id: r.get(1)?,
        version: r.get(2)?,
        created_at: dt(r, 3)?,
        needs: r.get(4)?,
        outcomes: r.get(5)?,
        strengths: r.get(6)?,
        crisis_plan: r.get(7)?,
        next_review: opt_date(r, 8)?,
        actions: Vec::new(),
    })
}

/// Care plans: versions, reviews, actions done.
pub trait PlanRecords {
    /// Writes a new version of a client's care plan; returns its version number.
    fn add_plan_version(
        &mut self,
        client_id: i64,
        plan: &NewCarePlan,
        now: NaiveDateTime,
    ) -> Result<i64>;

    /// Every version of a client's plan, newest first, with their actions.
    fn plan_versions(&self, client_id: i64) -> Result<Vec<CarePlan>>;

    /// Reviews a client's plan: a new version with its actions carried forward.
    fn review_plan(
        &mut self,
        client_id: i64,
        next_review: Option<NaiveDate>,
        now: NaiveDateTime,
    ) -> Result<i64>;

    /// Marks an action of a client's current plan done on `on` (not in the future).
    fn mark_plan_action_done(
        &mut self,
        action_id: i64,
        on: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<PlanAction>;

    /// The current (latest) plan, if there is one.
    fn current_plan(&self, client_id: i64) -> Result<Option<CarePlan>>;
}

impl PlanRecords for Store {
    /// Writes a new version of a client's care plan; returns its version number.
    fn add_plan_version(
        &mut self,
        client_id: i64,
        plan: &NewCarePlan,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let mut p = plan.validate()?;
        self.client(client_id)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // A review never undoes work: done actions stay done.
        if let Some(current) = plans_of(&tx, client_id)?.into_iter().next() {
            carry_forward(&current.actions, &mut p.actions);
        }
        let version: i64 = tx.query_row(
            "SELECT coalesce(max(version), 0) + 1 FROM care_plans WHERE client_id = ?1",
            [client_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO care_plans (client_id, version, created_at, needs, outcomes, strengths, crisis_plan, next_review)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                client_id,
                version,
                fmt_dt(now),
                p.needs,
                p.outcomes,
                p.strengths,
                p.crisis_plan,
                fmt_opt_date(p.next_review)
            ],
        )?;
        let plan_id = tx.last_insert_rowid();
        for a in &p.actions {
            tx.execute(
                "INSERT INTO plan_actions (plan_id, what, owner, due, done_on) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![plan_id, a.what, a.owner, fmt_opt_date(a.due), fmt_opt_date(a.done_on)],
            )?;
        }
        record(
            &tx,
            now,
            "care_plan",
            plan_id,
            Some(client_id),
            "create",
            &["*"],
        )?;
        tx.commit()?;
        Ok(version)
    }

    /// Every version of a client's plan, newest first, with their actions.
    fn plan_versions(&self, client_id: i64) -> Result<Vec<CarePlan>> {
        plans_of(&self.conn, client_id)
    }

    /// Reviews a client's plan: a new version from the current one, its
    /// actions (done or not) carried forward, with a new review date.
    /// Returns the new version number.
    fn review_plan(
        &mut self,
        client_id: i64,
        next_review: Option<NaiveDate>,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let Some(current) = self.current_plan(client_id)? else {
            return Err(StoreError::Refused(
                "this client has no care plan yet; write one first".into(),
            ));
        };
        let plan = NewCarePlan {
            needs: current.needs,
            outcomes: current.outcomes,
            strengths: current.strengths,
            crisis_plan: current.crisis_plan,
            next_review: next_review.or(current.next_review),
            actions: current.actions,
        };
        self.add_plan_version(client_id, &plan, now)
    }

    /// Marks a plan action done on `on` (not in the future); only actions
    /// of a client's current plan can be ticked off. Returns the action.
    fn mark_plan_action_done(
        &mut self,
        action_id: i64,
        on: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<PlanAction> {
        if on > now.date() {
            return Err(StoreError::Refused(
                "the day it was done is in the future".into(),
            ));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: Option<(i64, i64, Option<String>)> = tx
            .query_row(
                "SELECT p.client_id, p.version, a.done_on FROM plan_actions a
                 JOIN care_plans p ON p.id = a.plan_id WHERE a.id = ?1",
                [action_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((client_id, version, done_on)) = found else {
            return Err(StoreError::NotFound {
                entity: "plan action",
                id: action_id,
            });
        };
        let latest: i64 = tx.query_row(
            "SELECT max(version) FROM care_plans WHERE client_id = ?1",
            [client_id],
            |r| r.get(0),
        )?;
        if version != latest {
            return Err(StoreError::Refused(format!(
                "plan action {action_id} belongs to version {version} of the plan, not the current one ({latest})"
            )));
        }
        if let Some(d) = done_on {
            let d = chrono::NaiveDate::parse_from_str(&d, crate::domain::DATE_FMT)
                .map_or(d, crate::dates::display::date);
            return Err(StoreError::Refused(format!(
                "plan action {action_id} was already marked done on {d}"
            )));
        }
        tx.execute(
            "UPDATE plan_actions SET done_on = ?2 WHERE id = ?1",
            params![action_id, fmt_date(on)],
        )?;
        record(
            &tx,
            now,
            "plan_action",
            action_id,
            Some(client_id),
            "update",
            &["done_on"],
        )?;
        let action = tx.query_row(
            "SELECT id, what, owner, due, done_on FROM plan_actions WHERE id = ?1",
            [action_id],
            action_from_row,
        )?;
        tx.commit()?;
        Ok(action)
    }

    /// The current (latest) plan, if there is one.
    fn current_plan(&self, client_id: i64) -> Result<Option<CarePlan>> {
        Ok(self.plan_versions(client_id)?.into_iter().next())
    }
}

fn action_from_row(r: &Row<'_>) -> rusqlite::Result<PlanAction> {
    Ok(PlanAction {
        id: r.get(0)?,
        what: r.get(1)?,
        owner: r.get(2)?,
        due: opt_date(r, 3)?,
        done_on: opt_date(r, 4)?,
    })
}

/// Every version of a client's plan, newest first, with their actions.
fn plans_of(conn: &Connection, client_id: i64) -> Result<Vec<CarePlan>> {
    let mut stmt = conn.prepare(
        "SELECT id, client_id, version, created_at, needs, outcomes, strengths, crisis_plan, next_review
         FROM care_plans WHERE client_id = ?1 ORDER BY version DESC",
    )?;
    let mut plans = stmt
        .query_map([client_id], plan_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT id, what, owner, due, done_on FROM plan_actions WHERE plan_id = ?1 ORDER BY id",
    )?;
    for plan in &mut plans {
        plan.actions = stmt
            .query_map([plan.id], action_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }
    Ok(plans)
}
