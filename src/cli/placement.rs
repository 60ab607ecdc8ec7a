//! `caseload placement …`: where a looked-after child lives. The visiting
//! duty (reg 28) comes from the current placement and the visits in it.

use crate::store::prelude::*;
use anyhow::Result;
use chrono::NaiveDateTime;
use clap::Subcommand;
use serde::Serialize;

use super::{output, parse};
use crate::domain::text::one_line;
use crate::domain::{NewPlacement, Placement, PlacementType};
use crate::rules::VisitDue;
use crate::store::Store;

/// Placement subcommands.
#[derive(Debug, Subcommand)]
pub enum PlacementCmd {
    /// Record where a looked-after child lives from a date; the placement
    /// before it ends that day, and a visit falls due within one week.
    Add {
        /// The child: id, record number or part of the name.
        client: String,
        /// foster, connected-person, temporary-connected-person (reg 24),
        /// parent-before-assessment (reg 19), parent-interim-order (s38),
        /// parent-care-order (s31), residential, secure, hospital,
        /// other-arrangements.
        #[arg(long = "type", value_name = "TYPE")]
        kind: PlacementType,
        /// The day the child moved in (2026-12-03, 03/12/2026, today…).
        #[arg(long)]
        start: String,
        /// Intended to last until the child is 18 (reg 28(2)(c)(i): 3-monthly
        /// visits after the first year).
        #[arg(long)]
        long_term: bool,
        /// The carer (foster carer, parent, the home).
        #[arg(long)]
        carer: Option<String>,
        /// Where the child lives.
        #[arg(long)]
        address: Option<String>,
        /// The legal basis (s20, interim care order, care order…).
        #[arg(long)]
        legal_basis: Option<String>,
    },
    /// End a placement on the day the child left.
    End {
        /// The placement id (see `caseload placement list`).
        placement: i64,
        /// The day it ended.
        #[arg(long)]
        on: String,
        /// Why it ended.
        #[arg(long)]
        reason: Option<String>,
    },
    /// List a child's placements, the latest first, with the visit due.
    List {
        /// The child: id, record number or part of the name.
        client: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct PlacementList {
    placements: Vec<Placement>,
    /// The next statutory visit under the current placement's rules.
    next_visit: Option<VisitDue>,
}

/// Runs a placement subcommand.
pub fn run(store: &mut Store, cmd: PlacementCmd, now: NaiveDateTime) -> Result<()> {
    match cmd {
        PlacementCmd::Add {
            client,
            kind,
            start,
            long_term,
            carer,
            address,
            legal_basis,
        } => {
            let c = store.resolve_client(&client)?;
            let start_on = parse::date("--start", &start, now.date())?;
            let id = store.add_placement(
                &NewPlacement {
                    client_id: c.id,
                    kind: Some(kind),
                    start_on: Some(start_on),
                    long_term,
                    carer,
                    address,
                    legal_basis,
                },
                now,
            )?;
            println!("Added placement {id}");
            println!(
                "{} for {} from {}.",
                kind.label(),
                one_line(&c.display_name()),
                crate::dates::display::date(start_on)
            );
            if let Some(v) = placement_visit(store, c.id)? {
                print_visit(&v);
            }
        }
        PlacementCmd::End {
            placement,
            on,
            reason,
        } => {
            let on = parse::date("--on", &on, now.date())?;
            store.end_placement(placement, on, reason.as_deref(), now)?;
            println!(
                "Ended placement {placement} on {}.",
                crate::dates::display::date(on)
            );
        }
        PlacementCmd::List { client, json } => {
            let c = store.resolve_client(&client)?;
            let list = PlacementList {
                placements: store.placements(c.id)?,
                next_visit: placement_visit(store, c.id)?,
            };
            if json {
                return output::json(&list);
            }
            if list.placements.is_empty() {
                println!("No placements; add one with `caseload placement add`.");
            }
            for p in &list.placements {
                print_placement(p);
            }
            if let Some(v) = &list.next_visit {
                print_visit(v);
            }
        }
    }
    Ok(())
}

/// The visit due under the child's current placement, as every screen
/// sees it (the visit facts).
fn placement_visit(store: &Store, client_id: i64) -> Result<Option<VisitDue>> {
    let facts = store.client_visit_facts(client_id)?;
    let rules = store.rules();
    Ok(facts.due.into_iter().find(|v| {
        rules
            .rule(&v.rule)
            .is_some_and(|r| r.counts_from == crate::rules::CountsFrom::Placement)
    }))
}

fn print_placement(p: &Placement) {
    let until = p.end_on.map_or_else(
        || " (current)".to_string(),
        |d| format!(" to {}", crate::dates::display::date(d)),
    );
    println!(
        "Placement {}: {} from {}{until}{}",
        p.id,
        p.kind.label(),
        crate::dates::display::date(p.start_on),
        if p.long_term {
            ", intended to last until 18"
        } else {
            ""
        }
    );
    for (label, value) in [
        ("carer", &p.carer),
        ("address", &p.address),
        ("legal basis", &p.legal_basis),
        ("ended because", &p.end_reason),
    ] {
        if let Some(v) = value {
            println!("  {label}: {}", one_line(v));
        }
    }
}

fn print_visit(v: &VisitDue) {
    println!(
        "Next visit due {}: {} ({}; {})",
        crate::dates::display::date(v.due),
        v.what,
        v.rule,
        v.source
    );
}
