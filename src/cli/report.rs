//! `caseload report …`: the practitioner's own work in counts, for
//! supervision and appraisal (no names).

use crate::store::prelude::*;
use anyhow::{Result, bail};
use chrono::NaiveDateTime;
use clap::Subcommand;

use super::{output, parse};
use crate::practice::activity::Counts;
use crate::store::Store;

/// Report subcommands.
#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Visits by outcome, seen alone, contacts by kind, notes finalised
    /// late, statutory deadlines met and missed, week by week: counts only.
    Activity {
        /// First day (2026-11-01, -4w…).
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day (default today).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a report subcommand.
pub fn run(store: &Store, cmd: ReportCmd, now: NaiveDateTime) -> Result<()> {
    let ReportCmd::Activity { from, to, json } = cmd;
    let today = now.date();
    let from = parse::date("--from", &from, today)?;
    let to = parse::date_or("--to", to.as_deref(), today)?;
    if to < from {
        bail!("--to is before --from; nothing to count");
    }
    let report = store.activity(from, to, today)?;
    if json {
        return output::json(&report);
    }
    let mut rows: Vec<Vec<String>> = report
        .weeks
        .iter()
        .map(|w| row(crate::dates::display::date(w.week_of), &w.counts))
        .collect();
    rows.push(row("total".into(), &report.total));
    output::table(
        &[
            "week of",
            "visits",
            "seen alone",
            "contacts",
            "late notes",
            "met",
            "missed",
        ],
        &rows,
    );
    Ok(())
}

fn row(label: String, c: &Counts) -> Vec<String> {
    let join = |m: &std::collections::BTreeMap<String, usize>| {
        m.iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        label,
        join(&c.visits),
        c.seen_alone.to_string(),
        join(&c.contacts),
        c.notes_finalised_late.to_string(),
        c.deadlines_met.to_string(),
        c.deadlines_missed.to_string(),
    ]
}
