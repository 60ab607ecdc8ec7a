//! `caseload network`: the people around a client (family, carers,
//! professionals), as the TUI's Network tab keeps them: add, list, edit,
//! archive (kept, never deleted).

use crate::store::prelude::*;
use anyhow::{Result, anyhow};
use chrono::NaiveDateTime;
use clap::{Args, Subcommand};

use super::{output, parse};
use crate::domain::NewNetworkMember;
use crate::domain::text::one_line;
use crate::store::Store;

/// Network subcommands.
#[derive(Debug, Subcommand)]
pub enum NetworkCmd {
    /// Add someone to a client's network. Prints the new member's id.
    Add {
        /// The client: id, record number, or part of the name.
        client: String,
        /// Their name.
        #[arg(long)]
        name: String,
        /// Their role: GP, mother, advocate, social worker…
        #[arg(long)]
        role: String,
        /// The rest of their details.
        #[command(flatten)]
        details: Details,
    },
    /// A client's network, current members first, then archived ones.
    List {
        /// The client: id, record number, or part of the name.
        client: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a member's details: only what is given changes; an empty
    /// value clears an optional one.
    Edit {
        /// The member's id (`network list` shows it).
        member: String,
        /// Their name.
        #[arg(long)]
        name: Option<String>,
        /// Their role.
        #[arg(long)]
        role: Option<String>,
        /// The rest of their details.
        #[command(flatten)]
        details: Details,
    },
    /// Archive a member who is no longer involved: kept and shown as
    /// archived, never deleted; `caseload undo` takes it back.
    Archive {
        /// The member's id.
        member: String,
    },
}

/// The optional details of a member.
#[derive(Debug, Args)]
pub struct Details {
    /// Organisation.
    #[arg(long)]
    organisation: Option<String>,
    /// Relationship to the client.
    #[arg(long)]
    relationship: Option<String>,
    /// Phone.
    #[arg(long)]
    phone: Option<String>,
    /// Email.
    #[arg(long)]
    email: Option<String>,
    /// Whether the client consents to information being shared with them:
    /// yes or no.
    #[arg(long, value_name = "yes|no")]
    consent: Option<String>,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
}

impl Details {
    /// Applies what was given to `m`; an empty value clears.
    fn apply(self, m: &mut NewNetworkMember) -> Result<()> {
        let set = |slot: &mut Option<String>, given: Option<String>| {
            if let Some(v) = given {
                *slot = Some(v).filter(|v| !v.trim().is_empty());
            }
        };
        set(&mut m.organisation, self.organisation);
        set(&mut m.relationship, self.relationship);
        set(&mut m.phone, self.phone);
        set(&mut m.email, self.email);
        set(&mut m.notes, self.notes);
        if let Some(c) = self.consent {
            m.consent_to_share = parse::yes_no(&c)
                .ok_or_else(|| anyhow!("--consent is yes or no; nothing was saved"))?;
        }
        Ok(())
    }
}

/// Runs a network subcommand.
pub fn run(store: &mut Store, cmd: NetworkCmd, now: NaiveDateTime) -> Result<()> {
    match cmd {
        NetworkCmd::Add {
            client,
            name,
            role,
            details,
        } => {
            let c = store.resolve_client(&client)?;
            let mut new = NewNetworkMember {
                client_id: c.id,
                name,
                role,
                ..NewNetworkMember::default()
            };
            details.apply(&mut new)?;
            let id = store
                .add_network_member(&new, now)
                .map_err(|e| anyhow!("{e}; nothing was saved"))?;
            println!("{id}");
        }
        NetworkCmd::List { client, json } => {
            let c = store.resolve_client(&client)?;
            let members = store.network(c.id)?;
            if json {
                return output::json(&members);
            }
            if members.is_empty() {
                println!("{} has no one in their network yet.", c.display_name());
                return Ok(());
            }
            let rows: Vec<Vec<String>> = members
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        one_line(&m.name),
                        one_line(&m.role),
                        m.phone.as_deref().map(one_line).unwrap_or_default(),
                        if m.consent_to_share { "yes" } else { "no" }.into(),
                        if m.archived { "archived" } else { "" }.into(),
                    ]
                })
                .collect();
            output::table(&["id", "name", "role", "phone", "consent", ""], &rows);
        }
        NetworkCmd::Edit {
            member,
            name,
            role,
            details,
        } => {
            let id = parse::id("the network member", &member)?;
            let m = store.network_member(id)?;
            let mut new = m.to_new();
            if let Some(n) = name {
                new.name = n;
            }
            if let Some(r) = role {
                new.role = r;
            }
            details.apply(&mut new)?;
            let changed = store
                .update_network_member(id, &new, now)
                .map_err(|e| anyhow!("{e}; nothing was saved"))?;
            if changed.is_empty() {
                println!("Nothing changed.");
            } else {
                println!("Changed: {}.", changed.join(", "));
            }
        }
        NetworkCmd::Archive { member } => {
            let id = parse::id("the network member", &member)?;
            store
                .archive_network_member(id, now)
                .map_err(|e| anyhow!("{e}; nothing changed"))?;
            println!(
                "Network member {id} archived (kept, shown as archived); `caseload undo` takes it back."
            );
        }
    }
    Ok(())
}
