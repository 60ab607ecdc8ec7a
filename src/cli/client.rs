//! `caseload client …`

use crate::store::prelude::*;
use anyhow::Result;
use clap::Subcommand;

use super::client_args::Details;
use super::{output, show};
use chrono::NaiveDateTime;

use crate::domain::NewClient;
use crate::store::Store;

/// Client subcommands.
#[derive(Debug, Subcommand)]
pub enum ClientCmd {
    /// Add a client; prints the new id.
    Add {
        /// Given name.
        #[arg(long)]
        given: String,
        /// Family name.
        #[arg(long)]
        family: String,
        /// Everything else the client form holds.
        #[command(flatten)]
        details: Details,
    },
    /// Change a client's details: only the options given change (an empty
    /// value clears a field).
    Edit {
        /// The client: id, record number, or part of the name.
        client: String,
        /// Given name.
        #[arg(long)]
        given: Option<String>,
        /// Family name.
        #[arg(long)]
        family: Option<String>,
        /// Everything else the client form holds.
        #[command(flatten)]
        details: Details,
    },
    /// List open clients (all with --all).
    List {
        /// Include closed cases.
        #[arg(long)]
        all: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one client: details, network, legal episodes, plan, what is due.
    Show {
        /// The client: id, record number, or part of the name.
        client: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Close a case with a reason (kept, never deleted).
    Close {
        /// The client: id, record number, or part of the name.
        client: String,
        /// Why the case is closing.
        #[arg(long)]
        reason: String,
        /// The closure summary: what was done and where things stand.
        #[arg(long)]
        summary: Option<String>,
        /// The closing date (2026-12-03, 03/12/2026, today, +2w, next tue…; default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// Close even though a legal episode is still open (after the warning).
        #[arg(long)]
        yes: bool,
    },
    /// Link clients as one household (siblings, a parent and child who are
    /// both clients), so one visit can see them all.
    Link {
        /// The clients (two or more): id, record number, or part of the name.
        #[arg(required = true, num_args = 2..)]
        clients: Vec<String>,
    },
    /// Take a client out of their household.
    Unlink {
        /// The client: id, record number, or part of the name.
        client: String,
    },
}

/// Runs a client subcommand.
pub fn run(store: &mut Store, cmd: ClientCmd, now: NaiveDateTime) -> Result<()> {
    match cmd {
        ClientCmd::Add {
            given,
            family,
            details,
        } => {
            let mut new = NewClient {
                given_name: given,
                family_name: family,
                ..NewClient::default()
            };
            details.apply(&mut new, now.date())?;
            let id = store.add_client(&new, now)?;
            println!("{id}");
        }
        ClientCmd::Edit {
            client,
            given,
            family,
            details,
        } => {
            let c = store.resolve_client(&client)?;
            let mut new = c.to_new();
            if let Some(g) = given {
                new.given_name = g;
            }
            if let Some(f) = family {
                new.family_name = f;
            }
            details.apply(&mut new, now.date())?;
            let changed = store.update_client(c.id, &new, now)?;
            if changed.is_empty() {
                println!("Nothing changed for client {}.", c.id);
            } else {
                println!("Client {} changed: {}.", c.id, changed.join(", "));
            }
        }
        ClientCmd::List { all, json } => {
            let rows = store.client_summaries(all)?;
            if json {
                return output::json(&rows);
            }
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|s| {
                    vec![
                        s.client.id.to_string(),
                        s.client.display_name(),
                        s.client.record_no.clone().unwrap_or_default(),
                        s.client.status.label().into(),
                        s.client.risk.label().into(),
                        s.next_due
                            .map(|d| crate::domain::when::due_at_words(d, s.next_due_at))
                            .unwrap_or_default(),
                        s.last_seen
                            .map(crate::dates::display::date)
                            .unwrap_or_default(),
                        s.last_contact
                            .map(crate::dates::display::date)
                            .unwrap_or_default(),
                        retention_flag(s.client.retain_until, now.date()),
                    ]
                })
                .collect();
            output::table(
                &[
                    "id",
                    "name",
                    "record",
                    "status",
                    "risk",
                    "next due",
                    "last seen",
                    "last contact",
                    "retention",
                ],
                &table,
            );
        }
        ClientCmd::Show { client, json } => {
            let c = store.resolve_client(&client)?;
            let view = show::ClientView::load(store, c, now.date())?;
            if json {
                return output::json(&view);
            }
            view.print();
        }
        ClientCmd::Close {
            client,
            reason,
            summary,
            on,
            yes,
        } => super::close::close(
            store,
            super::close::CloseArgs {
                client: &client,
                reason,
                summary,
                on: on.as_deref(),
                yes,
            },
            now,
        )?,
        ClientCmd::Link { clients } => {
            let ids = clients
                .iter()
                .map(|c| store.resolve_client(c).map(|c| c.id))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            let household = store.link_household(&ids, now)?;
            println!("{household}");
        }
        ClientCmd::Unlink { client } => {
            let c = store.resolve_client(&client)?;
            store.unlink_household(c.id, now)?;
            println!("Client {} is no longer in a household.", c.id);
        }
    }
    Ok(())
}

/// The retention column: "review due" once the review date has come.
fn retention_flag(retain_until: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> String {
    match retain_until {
        Some(d) if crate::domain::retention::review_due(retain_until, today) => {
            format!("review due {}", crate::dates::display::date(d))
        }
        Some(d) => format!("until {}", crate::dates::display::date(d)),
        None => String::new(),
    }
}
