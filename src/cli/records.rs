//! `caseload audit`, `undo`, `chronology` and `search`: records you can
//! trust and find.

use crate::store::prelude::*;
use anyhow::Result;
use std::io::IsTerminal;

use super::{output, parse};
use crate::clock;
use crate::domain::text::one_line;
use crate::store::{SearchFilter, Store};

/// `caseload audit [CLIENT]`: ids, entities, operations and field names.
pub fn audit(store: &Store, client: Option<&str>, limit: u32, json: bool) -> Result<()> {
    let client_id = client
        .map(|c| store.resolve_client(c))
        .transpose()?
        .map(|c| c.id);
    let rows = store.audit_log(client_id, limit)?;
    if json {
        return output::json(&rows);
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                crate::dates::display::date_time_seconds(a.at),
                a.client_id.map(|c| c.to_string()).unwrap_or_default(),
                format!("{} {}", a.entity, a.entity_id),
                a.op.clone(),
                a.fields.replace(',', ", "),
            ]
        })
        .collect();
    output::table(
        &["id", "when", "client", "record", "change", "fields"],
        &table,
    );
    Ok(())
}

/// `caseload undo`: undoes the last change and says what was undone
/// (with `--dry-run`, only says what it would undo).
pub fn undo(store: &mut Store, json: bool, dry_run: bool) -> Result<()> {
    if dry_run {
        let step = store.next_undo()?;
        if json {
            return output::json(&step);
        }
        match step {
            None => println!("There is nothing to undo."),
            Some(s) => match s.blocked {
                None => println!("Undo would take back: {}.", s.label),
                Some(why) => println!("The last change ({}) cannot be undone: {why}", s.label),
            },
        }
        return Ok(());
    }
    let undone = store.undo_last(clock::now())?;
    if json {
        return output::json(&undone);
    }
    println!("Undone: {}.", undone.summary);
    println!(
        "(recorded in the audit trail as change {})",
        undone.audit_id
    );
    Ok(())
}

/// `caseload chronology CLIENT`.
pub fn chronology(store: &Store, client: &str, json: bool) -> Result<()> {
    let client = store.resolve_client(client)?;
    let entries = store.chronology(client.id)?;
    if json {
        return output::json(&entries);
    }
    if entries.is_empty() {
        println!(
            "Nothing in the chronology yet: flag notes as significant, and legal episodes and completed statutory deadlines appear here."
        );
        return Ok(());
    }
    let table: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                crate::dates::display::date(e.date),
                e.time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                e.source_ref(),
                e.event.clone(),
            ]
        })
        .collect();
    output::table(&["date", "time", "source", "event"], &table);
    Ok(())
}

/// What `caseload search` was asked.
#[derive(Debug)]
pub struct SearchArgs<'a> {
    /// The words typed.
    pub query: &'a str,
    /// Only this client.
    pub client: Option<&'a str>,
    /// From this day (a date as the forms take it).
    pub from: Option<&'a str>,
    /// To this day (a date as the forms take it).
    pub to: Option<&'a str>,
    /// At most this many hits.
    pub limit: u32,
    /// Print JSON.
    pub json: bool,
}

/// `caseload search QUERY`: matched words in bold on a terminal, in
/// [brackets] otherwise.
pub fn search(store: &Store, args: &SearchArgs<'_>) -> Result<()> {
    let today = clock::now().date();
    let client_id = args
        .client
        .map(|c| store.resolve_client(c))
        .transpose()?
        .map(|c| c.id);
    let filter = SearchFilter {
        client_id,
        from: args
            .from
            .map(|d| parse::date("--from", d, today))
            .transpose()?,
        to: args.to.map(|d| parse::date("--to", d, today)).transpose()?,
        limit: args.limit,
    };
    let hits = store.search(args.query, &filter)?;
    if args.json {
        return output::json(&hits);
    }
    if hits.is_empty() {
        println!("No matches.");
        return Ok(());
    }
    let (open, close) = if std::io::stdout().is_terminal() {
        ("\u{1b}[1m", "\u{1b}[0m")
    } else {
        ("[", "]")
    };
    for h in &hits {
        let place = match (h.source, h.note_id) {
            (crate::store::HitSource::Addendum, Some(n)) => {
                format!("addendum {} on note {n}", h.id)
            }
            (source, _) => format!("{} {}", source.label(), h.id),
        };
        // Segments are sanitised already; only our own markers are added.
        println!(
            "{}  {}  {}\n    {}",
            crate::dates::display::date(h.at.date()),
            one_line(&h.client_name),
            place,
            h.marked(open, close)
        );
    }
    println!(
        "{} match{}",
        hits.len(),
        if hits.len() == 1 { "" } else { "es" }
    );
    Ok(())
}
