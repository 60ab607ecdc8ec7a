//! `caseload client close`: says what stops being tracked before closing,
//! records the closure summary and sets the retention review date.

use crate::store::prelude::*;
use anyhow::{Result, bail};
use chrono::NaiveDateTime;

use super::parse;
use crate::domain::retention::Closing;
use crate::store::{ClosurePreview, Store};

/// What `client close` was given.
pub struct CloseArgs<'a> {
    /// The client as typed.
    pub client: &'a str,
    /// Why.
    pub reason: String,
    /// The closure summary.
    pub summary: Option<String>,
    /// The closing date as typed.
    pub on: Option<&'a str>,
    /// Confirmed after the warning.
    pub yes: bool,
}

/// Closes a case. With an open legal episode the warning is printed and
/// nothing changes unless `--yes` was given.
pub fn close(store: &mut Store, args: CloseArgs<'_>, now: NaiveDateTime) -> Result<()> {
    let c = store.resolve_client(args.client)?;
    let on = parse::date_or("--on", args.on, now.date())?;
    let schedule = crate::config::Config::load()?.retention_schedule();
    let preview = store.closure_preview(c.id, on, &schedule)?;
    if !preview.open_episodes.is_empty() && !args.yes {
        eprint!("{}", warning(&preview));
        bail!(
            "the case was NOT closed: it has an open legal episode. End the episode first, or run again with --yes to close anyway"
        );
    }
    let closing = Closing {
        on,
        reason: args.reason,
        summary: args.summary.unwrap_or_default(),
    };
    let done = store.close_case(c.id, &closing, &schedule, now)?;
    if done.needs_warning() {
        print!("{}", warning(&done));
    }
    println!(
        "Closed case {} on {}.",
        c.id,
        crate::dates::display::date(on)
    );
    if let Some(r) = &done.retention {
        println!(
            "{}; the record is flagged then, never deleted automatically.",
            r.words()
        );
    }
    Ok(())
}

/// What closing stops tracking, one line each.
fn warning(p: &ClosurePreview) -> String {
    let mut s = String::from("Closing this case stops tracking:\n");
    for line in p.stops_tracking() {
        s.push_str(&format!("  {line}\n"));
    }
    s
}
