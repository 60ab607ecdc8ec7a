//! `caseload client …`

use anyhow::Result;
use clap::Subcommand;

use super::{output, parse, show};
use chrono::NaiveDateTime;

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
        /// Date of birth (03/12/1985 or 1985-12-03; 3/12/85 is 1985).
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
        /// The client-level facts: NHS number, GP, consent to share.
        #[command(flatten)]
        facts: FactArgs,
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
        /// The name they like to be called.
        #[arg(long)]
        preferred: Option<String>,
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
        /// The client-level facts: NHS number, GP, consent to share.
        #[command(flatten)]
        facts: FactArgs,
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

/// The NHS number, GP and consent options `client add` and `client edit` share.
#[derive(Debug, clap::Args)]
pub struct FactArgs {
    /// NHS number, 10 digits (spaces allowed: "943 476 5919"); refused
    /// unless its check digit matches.
    #[arg(long)]
    nhs: Option<String>,
    /// The GP (name and practice).
    #[arg(long)]
    gp: Option<String>,
    /// Consent to share information: yes, no, or unknown (not recorded).
    #[arg(long, value_name = "yes|no|unknown", value_parser = parse_consent)]
    consent: Option<Consent>,
}

/// A consent answer as typed.
#[derive(Debug, Clone, Copy)]
pub struct Consent(Option<bool>);

fn parse_consent(typed: &str) -> std::result::Result<Consent, String> {
    if let Some(answer) = super::parse::yes_no(typed) {
        return Ok(Consent(Some(answer)));
    }
    match typed.trim().to_lowercase().as_str() {
        "unknown" | "not recorded" | "" => Ok(Consent(None)),
        _ => Err("should be yes, no or unknown".into()),
    }
}

impl FactArgs {
    /// Puts the options given into `c` (an empty value clears a field).
    fn apply(self, c: &mut NewClient) {
        if let Some(n) = self.nhs {
            c.nhs_number = Some(n);
        }
        if let Some(g) = self.gp {
            c.gp = Some(g);
        }
        if let Some(Consent(v)) = self.consent {
            c.consent_to_share = v;
        }
    }
}

/// Runs a client subcommand.
pub fn run(store: &mut Store, cmd: ClientCmd, now: NaiveDateTime) -> Result<()> {
    match cmd {
        ClientCmd::Add {
            given,
            family,
            dob,
            record_no,
            visit_every,
            risk,
            service,
            facts,
        } => {
            let dob = dob
                .map(|d| parse::birth_date("--dob", &d, now.date()))
                .transpose()?;
            let mut new = NewClient {
                given_name: given,
                family_name: family,
                dob,
                record_no,
                visit_every_days: visit_every,
                risk,
                service,
                ..NewClient::default()
            };
            facts.apply(&mut new);
            let id = store.add_client(&new, now)?;
            println!("{id}");
        }
        ClientCmd::Edit {
            client,
            given,
            family,
            preferred,
            dob,
            record_no,
            visit_every,
            risk,
            facts,
        } => {
            let c = store.resolve_client(&client)?;
            let mut new = c.to_new();
            if let Some(g) = given {
                new.given_name = g;
            }
            if let Some(f) = family {
                new.family_name = f;
            }
            if let Some(p) = preferred {
                new.preferred_name = Some(p);
            }
            if let Some(d) = dob {
                new.dob = if d.trim().is_empty() {
                    None
                } else {
                    Some(parse::birth_date("--dob", &d, now.date())?)
                };
            }
            if let Some(r) = record_no {
                new.record_no = Some(r);
            }
            if visit_every.is_some() {
                new.visit_every_days = visit_every;
            }
            if risk.is_some() {
                new.risk = risk;
            }
            facts.apply(&mut new);
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
                            .map(crate::dates::display::date)
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
