//! `caseload plan …`: the current care plan, ticking off actions, reviews.

use crate::store::prelude::*;
use anyhow::Result;
use chrono::NaiveDateTime;
use clap::Subcommand;
use serde::Serialize;

use super::{output, parse};
use crate::domain::text::one_line;
use crate::domain::{CarePlan, PlanAction};
use crate::store::Store;

/// Care plan subcommands.
#[derive(Debug, Subcommand)]
pub enum PlanCmd {
    /// The client's current care plan with each action's id.
    Show {
        /// The client: id, record number, or part of the name.
        client: String,
        /// Print JSON (each action with id, what, owner, due, done_on).
        #[arg(long)]
        json: bool,
    },
    /// Mark a plan action done.
    Done {
        /// The action's id (from `plan show`).
        action: String,
        /// The day it was done (2026-12-03, 03/12/2026, today, +2w, next tue…; default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Review the plan: a new version from the current one, actions (done
    /// or not) carried forward.
    Review {
        /// The client: id, record number, or part of the name.
        client: String,
        /// The next review date (2026-12-03, 03/12/2026, today, +2w, next tue…; default: keep the current one).
        #[arg(long, value_name = "DATE")]
        next_review: Option<String>,
    },
}

/// The current plan as `plan show --json` prints it.
#[derive(Debug, Serialize)]
struct PlanJson<'a> {
    client_id: i64,
    version: i64,
    created_at: NaiveDateTime,
    next_review: Option<chrono::NaiveDate>,
    needs: &'a str,
    outcomes: &'a str,
    strengths: &'a str,
    crisis_plan: &'a str,
    actions: &'a [PlanAction],
}

/// Runs a plan subcommand.
pub fn run(store: &mut Store, cmd: PlanCmd, now: NaiveDateTime) -> Result<()> {
    match cmd {
        PlanCmd::Show { client, json } => {
            let c = store.resolve_client(&client)?;
            let plan = store.current_plan(c.id)?;
            if json {
                return output::json(&plan.as_ref().map(plan_json));
            }
            match plan {
                Some(p) => print_plan(&p),
                None => println!("No care plan yet."),
            }
        }
        PlanCmd::Done { action, on } => {
            let id = parse::id("the plan action", &action)?;
            let on = parse::date_or("--on", on.as_deref(), now.date())?;
            let a = store.mark_plan_action_done(id, on, now)?;
            println!(
                "Plan action {id} \"{}\" is done ({}).",
                one_line(&a.what),
                crate::dates::display::date(on)
            );
        }
        PlanCmd::Review {
            client,
            next_review,
        } => {
            let c = store.resolve_client(&client)?;
            let next = next_review
                .map(|d| parse::date("--next-review", &d, now.date()))
                .transpose()?;
            let version = store.review_plan(c.id, next, now)?;
            println!("Care plan reviewed: version {version} written; done actions kept.");
        }
    }
    Ok(())
}

fn plan_json(p: &CarePlan) -> PlanJson<'_> {
    PlanJson {
        client_id: p.client_id,
        version: p.version,
        created_at: p.created_at,
        next_review: p.next_review,
        needs: &p.needs,
        outcomes: &p.outcomes,
        strengths: &p.strengths,
        crisis_plan: &p.crisis_plan,
        actions: &p.actions,
    }
}

fn print_plan(p: &CarePlan) {
    println!(
        "Care plan version {} (written {}; next review {})",
        p.version,
        crate::dates::display::date(p.created_at.date()),
        p.next_review
            .map_or_else(|| "not set".into(), crate::dates::display::date)
    );
    let rows: Vec<Vec<String>> = p
        .actions
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                if a.done_on.is_some() { "[x]" } else { "[ ]" }.into(),
                one_line(&a.what),
                one_line(&a.owner),
                a.due.map(crate::dates::display::date).unwrap_or_default(),
                a.done_on
                    .map(crate::dates::display::date)
                    .unwrap_or_default(),
            ]
        })
        .collect();
    output::table(&["id", "done", "what", "owner", "due", "done on"], &rows);
}
