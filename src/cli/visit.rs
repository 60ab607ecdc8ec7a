//! `caseload visit …`: plan visits, record what came of them, move and
//! cancel them, list them.

use crate::store::prelude::*;
use anyhow::{Result, anyhow, bail};
use chrono::{NaiveDateTime, NaiveTime};
use clap::Subcommand;

use super::{output, parse};
use crate::dates::Tense;
use crate::domain::text::one_line;
use crate::domain::{NewVisit, Visit, VisitOutcome};
use crate::store::{Store, VisitFilter};

/// Visit subcommands.
#[derive(Debug, Subcommand)]
pub enum VisitCmd {
    /// Put a visit in the diary; prints its id.
    Plan {
        /// The client: id, record number, or part of the name.
        client: String,
        /// Another client seen on the same visit (a household); repeat for more.
        #[arg(long, value_name = "CLIENT")]
        also: Vec<String>,
        /// When, "2026-12-03 14:30", "03/12/2026 2pm", "next tue 10am", "fri 2pm"
        /// (the coming Friday), "4 dec 14:00" (the next 4 December).
        #[arg(long, value_name = "WHEN")]
        at: String,
        /// Expected length in minutes.
        #[arg(long)]
        minutes: Option<u32>,
        /// Where.
        #[arg(long = "where", value_name = "PLACE")]
        location: Option<String>,
        /// Who else is coming.
        #[arg(long, value_name = "WHO")]
        with: Option<String>,
        /// Lone working: the time you will ring back by, "HH:MM".
        #[arg(long, value_name = "HH:MM")]
        lone_working_check: Option<String>,
        /// Kind of visit: home-visit (default), office, hospital or review.
        #[arg(long)]
        kind: Option<String>,
    },
    /// Visits in diary order (one client's with CLIENT).
    List {
        /// The client: id, record number, or part of the name.
        client: Option<String>,
        /// From this day (2026-12-03, 03/12/2026, today, +2w, next tue…).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// To this day (2026-12-03, 03/12/2026, today, +2w, next tue…).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record what came of a planned visit.
    Done {
        /// The visit's id.
        visit: String,
        /// seen, seen-alone, not-seen or cancelled; for a household visit
        /// either one outcome for everyone or CLIENT=OUTCOME once per person.
        #[arg(long, required = true)]
        outcome: Vec<String>,
        /// When it happened, "2026-12-03 14:30", "03/12/2026 2pm" or "fri 2pm" (last
        /// Friday) (default: the planned time).
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
    },
    /// Move a planned visit to another time (the old time is kept).
    Move {
        /// The visit's id.
        visit: String,
        /// The new time, "2026-12-03 14:30", "03/12/2026 2pm", "next tue 10am".
        #[arg(long, value_name = "WHEN")]
        at: String,
    },
    /// Cancel a planned visit, with a reason (it stays in the record).
    Cancel {
        /// The visit's id.
        visit: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
}

/// A visit outcome as typed, naming the valid ones when it is not one.
pub fn outcome(typed: &str) -> Result<VisitOutcome> {
    typed.parse::<VisitOutcome>().map_err(|_| {
        anyhow!(
            "--outcome: \"{}\" is not an outcome; use one of: {}",
            one_line(typed),
            VisitOutcome::codes()
        )
    })
}

fn clock(field: &str, typed: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(typed.trim(), "%H:%M")
        .map_err(|_| anyhow!("{field}: should be written HH:MM, for example 15:30"))
}

/// The outcome of each person on `visit` from what was typed.
fn outcomes(store: &Store, visit: &Visit, typed: &[String]) -> Result<Vec<(i64, VisitOutcome)>> {
    let per_person = typed.iter().filter(|t| t.contains('=')).count();
    if per_person == 0 {
        let [one] = typed else {
            bail!("--outcome: give one outcome for everyone, or CLIENT=OUTCOME once per person");
        };
        let o = outcome(one)?;
        return Ok(visit.people.iter().map(|p| (p.client_id, o)).collect());
    }
    if per_person != typed.len() {
        bail!("--outcome: give one outcome for everyone, or CLIENT=OUTCOME once per person");
    }
    typed
        .iter()
        .map(|t| {
            let (who, what) = t.split_once('=').unwrap_or((t, ""));
            Ok((store.resolve_client(who)?.id, outcome(what)?))
        })
        .collect()
}

/// Runs a visit subcommand.
pub fn run(store: &mut Store, cmd: VisitCmd, now: NaiveDateTime) -> Result<()> {
    match cmd {
        VisitCmd::Plan {
            client,
            also,
            at,
            minutes,
            location,
            with,
            lone_working_check,
            kind,
        } => {
            let mut clients = vec![store.resolve_client(&client)?.id];
            for c in &also {
                clients.push(store.resolve_client(c)?.id);
            }
            let new = NewVisit {
                clients,
                at: Some(parse::date_time_for("--at", &at, now, Tense::Planned)?),
                kind: kind.as_deref().map(parse::note_kind).transpose()?,
                minutes,
                location,
                with_whom: with,
                lone_check: lone_working_check
                    .as_deref()
                    .map(|t| clock("--lone-working-check", t))
                    .transpose()?,
            };
            let id = store.plan_visit(&new, now)?;
            println!("{id}");
        }
        VisitCmd::List {
            client,
            from,
            to,
            json,
        } => {
            let filter = VisitFilter {
                client: client
                    .map(|c| store.resolve_client(&c).map(|c| c.id))
                    .transpose()?,
                from: from
                    .map(|d| parse::date_or("--from", Some(&d), now.date()))
                    .transpose()?,
                to: to
                    .map(|d| parse::date_or("--to", Some(&d), now.date()))
                    .transpose()?,
            };
            let rows = store.visits(&filter)?;
            if json {
                return output::json(&rows);
            }
            print_visits(&rows);
        }
        VisitCmd::Done { visit, outcome, at } => {
            let id = parse::id("the visit", &visit)?;
            let v = store.visit(id)?;
            let outcomes = outcomes(store, &v, &outcome)?;
            let at = at
                .map(|a| parse::date_time_for("--at", &a, now, Tense::Past))
                .transpose()?;
            store.record_visit(id, &outcomes, at, now)?;
            println!("Visit {id} recorded: {}.", store.visit(id)?.outcome_words());
        }
        VisitCmd::Move { visit, at } => {
            let id = parse::id("the visit", &visit)?;
            let to = parse::date_time_for("--at", &at, now, Tense::Planned)?;
            store.move_visit(id, to, now)?;
            println!(
                "Visit {id} moved to {}.",
                crate::dates::display::date_time(to)
            );
        }
        VisitCmd::Cancel { visit, reason } => {
            let id = parse::id("the visit", &visit)?;
            store.cancel_visit(id, &reason, now)?;
            println!("Visit {id} cancelled.");
        }
    }
    Ok(())
}

fn print_visits(rows: &[Visit]) {
    if rows.is_empty() {
        println!("No visits.");
        return;
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|v| {
            let who = v
                .people
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            let state = match v.status {
                crate::domain::VisitStatus::Planned => "planned".to_string(),
                crate::domain::VisitStatus::Done => v.outcome_words(),
                crate::domain::VisitStatus::Cancelled => "cancelled".to_string(),
            };
            vec![
                v.id.to_string(),
                v.when()
                    .map(crate::dates::display::day_date_time)
                    .unwrap_or_default(),
                v.kind.as_str().into(),
                state,
                who,
                v.location.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::table(&["id", "when", "kind", "state", "who", "where"], &table);
}
