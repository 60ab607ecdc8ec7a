//! `caseload due` and `caseload agenda`: what needs doing, and when.

use crate::store::prelude::*;
use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::{output, parse};
use crate::dates::display;
use crate::domain::DueItem;
use crate::store::{AgendaItem, Store};

/// `caseload due`: overdue and due-soon deadlines, actions and visits,
/// ranked by `DueItem::sort_by_urgency`; with `all`, the deadlines of legal
/// episodes that have ended too; with `explain`, why each ranks where it
/// does.
pub fn due(store: &Store, today: NaiveDate, within: u32, how: DueHow) -> Result<()> {
    // Deadlines counted in hours are overdue from the minute they pass.
    let now = crate::clock::now();
    let now = if now.date() == today {
        now
    } else {
        today.and_time(chrono::NaiveTime::MIN)
    };
    let items = if how.all {
        store.due_with_ended(now, within)?
    } else {
        store.due_now(now, within)?
    };
    if how.json {
        return output::json_written(super::due_json::pretty(&items), &items);
    }
    if how.explain {
        print!(
            "{}",
            crate::rules::explain::explain(&items, store.rules(), now)
        );
        return Ok(());
    }
    print_due(&items, within);
    print_retention(&store.retention_due(today)?);
    Ok(())
}

/// How `caseload due` lists: as JSON, with the ranking explained, and
/// whether the deadlines of ended episodes are kept.
#[derive(Debug, Clone, Copy, Default)]
pub struct DueHow {
    /// Print JSON.
    pub json: bool,
    /// Explain the ranking.
    pub explain: bool,
    /// Keep the deadlines of legal episodes that have ended.
    pub all: bool,
}

/// Closed cases whose records have reached their retention review date:
/// flagged for the practitioner, never acted on.
fn print_retention(due: &[crate::store::RetentionDue]) {
    if due.is_empty() {
        return;
    }
    println!();
    println!("Retention reviews due (closed cases; nothing is deleted automatically):");
    for r in due {
        println!(
            "  client {} {}: review due since {}",
            r.client_id,
            crate::domain::text::one_line(&r.name),
            display::date(r.retain_until)
        );
    }
}

fn print_due(items: &[DueItem], within: u32) {
    if items.is_empty() {
        println!("Nothing overdue or due in the next {within} days.");
        return;
    }
    let now = crate::clock::now();
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            // Periods counted in hours show the time and a countdown.
            let crate::domain::When {
                at: due,
                left: when,
                ..
            } = i.when(now);
            let when = match i.window_opens {
                Some(w) if w > now.date() => {
                    format!("{when} (window opens {})", display::date(w))
                }
                _ => when,
            };
            vec![
                i.id.to_string(),
                i.kind.as_str().into(),
                due,
                when,
                i.client_name
                    .clone()
                    .unwrap_or_else(|| "(no client)".into()),
                i.rule.clone().unwrap_or_default(),
                i.what.clone(),
            ]
        })
        .collect();
    output::table(
        &["id", "kind", "due", "when", "client", "rule", "what"],
        &rows,
    );
}

/// `caseload agenda`: everything dated from `from` to `to`.
pub fn agenda(
    store: &Store,
    today: NaiveDate,
    from: Option<&str>,
    to: Option<&str>,
    json: bool,
) -> Result<()> {
    let from = parse::date_or("--from", from, today)?;
    let to = match to {
        Some(t) => parse::date_or("--to", Some(t), today)?,
        None => from + chrono::Days::new(6),
    };
    if to < from {
        bail!("--to is before --from; give the earlier date first");
    }
    if (to - from).num_days() > 366 * 5 {
        bail!("the range is longer than five years; choose a shorter one");
    }
    let items = store.agenda(from, to)?;
    if json {
        return output::json(&items);
    }
    print_agenda(&items, from, to);
    Ok(())
}

fn print_agenda(items: &[AgendaItem], from: NaiveDate, to: NaiveDate) {
    if items.is_empty() {
        println!(
            "Nothing dated from {} to {}.",
            display::date(from),
            display::date(to)
        );
        return;
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                display::day_date(i.date),
                i.time.clone().unwrap_or_default(),
                i.kind.to_string(),
                i.id.to_string(),
                if i.done { "done".into() } else { String::new() },
                i.client_name.clone().unwrap_or_default(),
                i.what.clone(),
            ]
        })
        .collect();
    output::table(&["day", "time", "kind", "id", "", "client", "what"], &rows);
}

/// What `caseload --demo` prints when it is not in a terminal: the due list
/// and this week's agenda.
pub fn print_overview(store: &Store, today: NaiveDate) -> Result<()> {
    println!(
        "Demo caseload (fictional people), today {}\n",
        display::date(today)
    );
    println!("Due: overdue and the next 14 days");
    print_due(&store.due(today, 14)?, 14);
    let to = today + chrono::Days::new(6);
    println!(
        "\nAgenda: {} to {}",
        display::date(today),
        display::date(to)
    );
    print_agenda(&store.agenda(today, to)?, today, to);
    println!(
        "\nThis demo is thrown away at exit. Try `caseload --demo client list`, \
         or make one you keep: `caseload demo --db PATH`."
    );
    Ok(())
}
