//! Care plans: each review writes a new version; old versions stay readable.

use chrono::NaiveDateTime;
use rusqlite::{Row, params};

use super::audit::record;
use super::rows::{dt, fmt_dt, fmt_opt_date, opt_date};
use super::{Result, Store};
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

impl Store {
    /// Writes a new version of a client's care plan; returns its version number.
    pub fn add_plan_version(
        &mut self,
        client_id: i64,
        plan: &NewCarePlan,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let p = plan.validate()?;
        self.client(client_id)?;
        let tx = self.conn.transaction()?;
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
    pub fn plan_versions(&self, client_id: i64) -> Result<Vec<CarePlan>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, client_id, version, created_at, needs, outcomes, strengths, crisis_plan, next_review
             FROM care_plans WHERE client_id = ?1 ORDER BY version DESC",
        )?;
        let mut plans = stmt
            .query_map([client_id], plan_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT id, what, owner, due, done_on FROM plan_actions WHERE plan_id = ?1 ORDER BY id",
        )?;
        for plan in &mut plans {
            plan.actions = stmt
                .query_map([plan.id], |r| {
                    Ok(PlanAction {
                        id: r.get(0)?,
                        what: r.get(1)?,
                        owner: r.get(2)?,
                        due: opt_date(r, 3)?,
                        done_on: opt_date(r, 4)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
        }
        Ok(plans)
    }

    /// The current (latest) plan, if there is one.
    pub fn current_plan(&self, client_id: i64) -> Result<Option<CarePlan>> {
        Ok(self.plan_versions(client_id)?.into_iter().next())
    }
}
