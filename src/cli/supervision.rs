//! `caseload supervision …`: case supervision on the client's record.

use crate::store::prelude::*;
use anyhow::{Result, bail};
use chrono::NaiveDateTime;
use clap::Subcommand;
use std::io::Write;

use super::{output, parse};
use crate::domain::text::one_line;
use crate::domain::{NewSupervision, SupervisionAction};
use crate::store::Store;

/// Supervision subcommands.
// Parsed once per process: the size of a variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum SupervisionCmd {
    /// Record a case supervision: a dated entry in the client's chronology,
    /// its actions on Today and in `due` with their owners. Prints the id
    /// of its note once stored.
    Add {
        /// The client: id, record number, or part of the name.
        client: String,
        /// When it took place (2026-12-03, yesterday, "2026-12-03 14:00").
        #[arg(long, value_name = "DATE")]
        on: String,
        /// Who supervised.
        #[arg(long = "with", value_name = "NAME")]
        supervisor: String,
        /// What was decided (repeat for each decision).
        #[arg(long, value_name = "TEXT", required = true)]
        decision: Vec<String>,
        /// What was discussed.
        #[arg(long, value_name = "TEXT")]
        discussion: Option<String>,
        /// An action agreed (repeat; each needs its --owner and --by, in order).
        #[arg(long, value_name = "TEXT")]
        action: Vec<String>,
        /// Who does the action given in the same place.
        #[arg(long, value_name = "NAME")]
        owner: Vec<String>,
        /// By when (2026-12-10, +2w, next fri…), for the action in the same place.
        #[arg(long, value_name = "DATE")]
        by: Vec<String>,
        /// When the case is next reviewed in supervision.
        #[arg(long, value_name = "DATE")]
        next_review: Option<String>,
        /// Finalise (seal) at once; corrections are then addenda.
        #[arg(long = "final")]
        finalise: bool,
        /// With --final: why it is written up late, when it is.
        #[arg(long)]
        late_reason: Option<String>,
    },
    /// Case supervisions, newest first: one client's, or everyone's.
    List {
        /// The client: id, record number, or part of the name.
        client: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A supervision laid out as a council supervision record, for pasting.
    Paste {
        /// The supervision's note id.
        note: String,
    },
}

/// Runs a supervision subcommand.
pub fn run(store: &mut Store, cmd: SupervisionCmd, now: NaiveDateTime) -> Result<()> {
    match cmd {
        SupervisionCmd::Add {
            client,
            on,
            supervisor,
            decision,
            discussion,
            action,
            owner,
            by,
            next_review,
            finalise,
            late_reason,
        } => {
            let (day, at) = parse::date_maybe_time("--on", &on, now)?;
            let actions = actions(&action, &owner, &by, now)?;
            let next_review = next_review
                .as_deref()
                .map(|d| parse::date("--next-review", d, now.date()))
                .transpose()?;
            let c = store.resolve_client(&client)?;
            let new = NewSupervision {
                client_id: c.id,
                on: at.unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN)),
                supervisor,
                decisions: decision,
                discussion: discussion.unwrap_or_default(),
                actions,
                next_review,
            };
            let id = store
                .add_supervision(&new, finalise, late_reason.as_deref(), now)
                .map_err(|e| output::not_saved(&e))?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{id}")?;
            out.flush()?;
        }
        SupervisionCmd::List { client, json } => {
            let client_id = match client {
                Some(c) => Some(store.resolve_client(&c)?.id),
                None => None,
            };
            let all = store.supervisions(client_id)?;
            if json {
                return output::json(&all);
            }
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|s| {
                    vec![
                        s.note_id.to_string(),
                        crate::dates::display::date(s.on.date()),
                        one_line(&s.supervisor),
                        s.status.as_str().into(),
                        s.actions.len().to_string(),
                        one_line(&s.decisions.join("; ")),
                    ]
                })
                .collect();
            output::table(
                &["id", "on", "with", "status", "actions", "decisions"],
                &rows,
            );
        }
        SupervisionCmd::Paste { note } => {
            let id = parse::id("the supervision", &note)?;
            let s = store.supervision(id)?;
            let client = store.client(s.client_id)?;
            print!("{}", crate::export::supervision::paste(&s, &client, now));
        }
    }
    Ok(())
}

/// Pairs each `--action` with the `--owner` and `--by` in the same place.
fn actions(
    what: &[String],
    owner: &[String],
    by: &[String],
    now: NaiveDateTime,
) -> Result<Vec<SupervisionAction>> {
    if owner.len() != what.len() || by.len() != what.len() {
        bail!(
            "each --action needs its --owner and --by ({} actions, {} owners, {} dates); nothing was saved",
            what.len(),
            owner.len(),
            by.len()
        );
    }
    what.iter()
        .zip(owner)
        .zip(by)
        .map(|((w, o), b)| {
            Ok(SupervisionAction {
                what: w.clone(),
                owner: o.clone(),
                by: parse::date("--by", b, now.date())?,
            })
        })
        .collect()
}
