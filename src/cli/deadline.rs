//! `caseload deadline …` and `caseload action …`.

use crate::store::prelude::*;
use anyhow::{Result, bail};
use chrono::NaiveDateTime;
use clap::Subcommand;

use super::{output, parse};
use crate::domain::text::one_line;
use crate::domain::{Completion, NewAction, NewDeadline, VisitOutcome};
use crate::rules::completion::{DeadlineCategory, completion_meaning};
use crate::store::Store;

/// Deadline subcommands.
#[derive(Debug, Subcommand)]
pub enum DeadlineCmd {
    /// Add a deadline by hand; prints its id.
    Add {
        /// The client: id, record number, or part of the name.
        client: String,
        /// What must happen.
        #[arg(long)]
        what: String,
        /// When it is due (2026-12-03, 03/12/2026, today, +2w, next tue…).
        #[arg(long, value_name = "DATE")]
        due: String,
        /// How much it matters, so it ranks on Today and in `due`: legal,
        /// review or routine (default routine).
        #[arg(long, conflicts_with = "weight")]
        category: Option<String>,
        /// Or a weight as in the rule packs (1-100; higher ranks first).
        #[arg(long)]
        weight: Option<i64>,
    },
    /// Mark a deadline done. A renewal (for example a section 3 expiry)
    /// needs --outcome: completing it records that it was renewed.
    Done {
        /// The deadline's id.
        deadline: String,
        /// The date it was done (2026-12-03, 03/12/2026, today, +2w, next tue…; default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// What came of it. For a statutory visit deadline: seen (default),
        /// seen-alone, not-seen or cancelled; the visit is recorded too, and
        /// only seen or seen alone completes the deadline.
        #[arg(long)]
        outcome: Option<String>,
    },
    /// A client's deadlines, open ones first.
    List {
        /// The client: id, record number, or part of the name.
        client: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Action subcommands.
#[derive(Debug, Subcommand)]
pub enum ActionCmd {
    /// Add an action, for a client or for yourself; prints its id.
    Add {
        /// The client, if it is about one (id, record number, or part of the name).
        client: Option<String>,
        /// What to do.
        #[arg(long)]
        what: String,
        /// When by (2026-12-03, 03/12/2026, today, +2w, next tue…).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
    },
    /// Mark an action done today.
    Done {
        /// The action's id.
        action: String,
    },
    /// Actions, open ones first (one client's with CLIENT).
    List {
        /// The client (id, record number, or part of the name).
        client: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a deadline subcommand.
pub fn run(store: &mut Store, cmd: DeadlineCmd, now: NaiveDateTime) -> Result<()> {
    match cmd {
        DeadlineCmd::Add {
            client,
            what,
            due,
            category,
            weight,
        } => {
            let due = parse::date("--due", &due, now.date())?;
            let weight = deadline_weight(category.as_deref(), weight)?;
            let c = store.resolve_client(&client)?;
            let id = store.add_deadline(
                &NewDeadline {
                    client_id: Some(c.id),
                    what,
                    due: Some(due),
                    weight: Some(weight),
                    ..NewDeadline::default()
                },
                now,
            )?;
            println!("{id}");
        }
        DeadlineCmd::Done {
            deadline,
            on,
            outcome,
        } => {
            let id = parse::id("the deadline", &deadline)?;
            let on = parse::date_or("--on", on.as_deref(), now.date())?;
            let d = store.deadline(id)?;
            let what = one_line(&d.what);
            // A statutory visit deadline is done by the visit's outcome
            // (--outcome, required); any other by what
            // came of it, asked for where the rule needs it said.
            let how = if store.is_visit_deadline(id)? {
                // Never a guessed outcome: "seen" is what the practitioner
                // says, or nothing is recorded.
                let Some(said) = outcome.as_deref() else {
                    bail!(
                        "deadline {id} \"{what}\" is a statutory visit: say what came of it with --outcome ({}). Nothing was recorded.",
                        VisitOutcome::codes()
                    );
                };
                Completion::Visit(super::visit::outcome(said)?)
            } else {
                let rule = d.rule.as_deref().and_then(|r| store.rules().rule(r));
                let meaning = completion_meaning(rule);
                let outcome = meaning
                    .check_outcome(outcome.as_deref())
                    .map_err(|e| anyhow::anyhow!("deadline {id} \"{what}\": {e} (--outcome)"))?;
                Completion::Outcome(outcome)
            };
            let seen = match &how {
                Completion::Visit(o) => Some(*o),
                Completion::Outcome(_) => None,
            };
            let done = store.complete_deadline(id, on, how, now)?;
            if let (Some(o), Some(visit)) = (seen, done.visit_id) {
                let day = crate::dates::display::date(on);
                let said = o.label().to_lowercase();
                if !done.completed {
                    println!(
                        "Visit {visit} recorded on {day}: {said}. Deadline {id} stays open: the person was not seen."
                    );
                    return Ok(());
                }
                println!("Visit {visit} recorded on {day}: {said}.");
            }
            let next = done.next;
            println!(
                "Deadline {id} \"{what}\" done on {}.",
                crate::dates::display::date(on)
            );
            // Where the rule's chain continues, say what comes next.
            for n in next {
                let d = store.deadline(n)?;
                println!(
                    "Next: deadline {n} due {} ({}), {}",
                    crate::domain::when::due_at_words(d.due, d.due_at),
                    d.rule.as_deref().unwrap_or(""),
                    crate::domain::text::one_line(&d.what)
                );
            }
        }
        DeadlineCmd::List { client, json } => {
            let c = store.resolve_client(&client)?;
            let rows = store.deadlines(c.id)?;
            if json {
                return output::json(&rows);
            }
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|d| {
                    let state = match (d.completed_on, d.cancelled) {
                        (Some(on), _) => format!("done {}", crate::dates::display::date(on)),
                        (None, true) => "cancelled".into(),
                        (None, false) => "open".into(),
                    };
                    vec![
                        d.id.to_string(),
                        crate::domain::when::due_at_words(d.due, d.due_at),
                        state,
                        d.rule.clone().unwrap_or_default(),
                        d.what.clone(),
                    ]
                })
                .collect();
            output::table(&["id", "due", "state", "rule", "what"], &table);
        }
    }
    Ok(())
}

/// Runs an action subcommand.
pub fn run_action(store: &mut Store, cmd: ActionCmd, now: NaiveDateTime) -> Result<()> {
    match cmd {
        ActionCmd::Add { client, what, due } => {
            let due = due
                .map(|d| parse::date("--due", &d, now.date()))
                .transpose()?;
            let client_id = match client {
                Some(c) => Some(store.resolve_client(&c)?.id),
                None => None,
            };
            let id = store.add_action(
                &NewAction {
                    client_id,
                    what,
                    due,
                },
                now,
            )?;
            println!("{id}");
        }
        ActionCmd::Done { action } => {
            let id = parse::id("the action", &action)?;
            store.complete_action(id, now.date(), now)?;
            println!("Action {id} done.");
        }
        ActionCmd::List { client, json } => {
            let client_id = match client {
                Some(c) => Some(store.resolve_client(&c)?.id),
                None => None,
            };
            let rows = store.actions(client_id)?;
            if json {
                return output::json(&rows);
            }
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|a| {
                    vec![
                        a.id.to_string(),
                        a.client_id.map(|c| c.to_string()).unwrap_or_default(),
                        a.due.map(crate::dates::display::date).unwrap_or_default(),
                        a.done_on
                            .map(|d| format!("done {}", crate::dates::display::date(d)))
                            .unwrap_or_else(|| "open".into()),
                        a.what.clone(),
                    ]
                })
                .collect();
            output::table(&["id", "client", "due", "state", "what"], &table);
        }
    }
    Ok(())
}

/// The weight of a hand-added deadline: from its category, or as given.
fn deadline_weight(category: Option<&str>, weight: Option<i64>) -> Result<i64> {
    if let Some(w) = weight {
        if !(1..=100).contains(&w) {
            bail!(
                "--weight: should be between 1 and 100 (the rule packs use 100 for detention expiry)"
            );
        }
        return Ok(w);
    }
    let category = match category {
        Some(c) => c.parse::<DeadlineCategory>().map_err(|_| {
            anyhow::anyhow!(
                "--category: \"{}\" is not one of: {}",
                one_line(c),
                DeadlineCategory::codes()
            )
        })?,
        None => DeadlineCategory::Routine,
    };
    Ok(category.weight())
}
