//! `caseload client …`

use anyhow::Result;
use clap::Subcommand;

use super::output;
use crate::clock;
use crate::domain::validate::parse_date;
use crate::domain::{NewClient, RiskLevel, Service};
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
        /// Date of birth, YYYY-MM-DD.
        #[arg(long)]
        dob: Option<String>,
        /// The employer's record number.
        #[arg(long = "ref")]
        record_no: Option<String>,
        /// Target days between visits.
        #[arg(long)]
        visit_every: Option<u32>,
        /// Risk level: low, medium or high.
        #[arg(long)]
        risk: Option<RiskLevel>,
        /// Service: adult or children.
        #[arg(long)]
        service: Option<Service>,
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
}

/// Runs a client subcommand.
pub fn run(store: &mut Store, cmd: ClientCmd) -> Result<()> {
    let now = clock::now();
    match cmd {
        ClientCmd::Add {
            given,
            family,
            dob,
            record_no,
            visit_every,
            risk,
            service,
        } => {
            let dob = dob.map(|d| parse_date("date of birth", &d)).transpose()?;
            let id = store.add_client(
                &NewClient {
                    given_name: given,
                    family_name: family,
                    dob,
                    record_no,
                    visit_every_days: visit_every,
                    risk,
                    service,
                    ..NewClient::default()
                },
                now,
            )?;
            println!("{id}");
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
                        s.next_due.map(|d| d.to_string()).unwrap_or_default(),
                        s.last_seen.map(|d| d.to_string()).unwrap_or_default(),
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
                ],
                &table,
            );
        }
    }
    Ok(())
}
