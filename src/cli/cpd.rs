//! `caseload cpd …`: the practitioner's CPD and reflective record, kept
//! apart from the people's: no client, no export, its text checked for
//! anyone the caseload knows before it is saved or pasted.

use crate::store::prelude::*;
use anyhow::{Result, bail};
use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Subcommand};

use super::{output, parse};
use crate::domain::cpd::{CpdEntry, CpdType, NewCpd};
use crate::domain::text::one_line;
use crate::practice::cpd;
use crate::privacy::scan::{Hit, Scanner};
use crate::store::Store;

/// The fields of an entry, as typed (all optional for `cpd edit`).
#[derive(Debug, Args)]
pub struct CpdFields {
    /// Kind of activity: course, reading, supervision, peer-discussion,
    /// research, shadowing, conference, online, other.
    #[arg(long = "type", value_name = "TYPE")]
    kind: Option<String>,
    /// A short title.
    #[arg(long)]
    title: Option<String>,
    /// When it took place (2026-10-02, yesterday…).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// What the activity was and why it was relevant.
    #[arg(long)]
    description: Option<String>,
    /// What you learnt.
    #[arg(long)]
    learning: Option<String>,
    /// The impact on your practice and on people who use services.
    #[arg(long)]
    impact: Option<String>,
    /// What you learnt from discussing it with a peer.
    #[arg(long)]
    peer_reflection: Option<String>,
    /// A part of standard 4 it meets, 4.1 to 4.8 (repeat; on edit, replaces the list).
    #[arg(long, value_name = "4.N")]
    standard: Vec<String>,
}

/// CPD subcommands.
#[derive(Debug, Subcommand)]
pub enum CpdCmd {
    /// Record a piece of CPD (never on a client's record). Prints its id.
    Add {
        #[command(flatten)]
        fields: CpdFields,
    },
    /// CPD entries, oldest first; one registration year's with --year.
    List {
        /// The registration year ending 30 November YYYY.
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change an entry: the fields given replace the ones stored.
    Edit {
        /// The entry's id.
        id: String,
        #[command(flatten)]
        fields: CpdFields,
    },
    /// Whether a registration year meets the requirement: two pieces, one
    /// with peer reflection, every field written; days left to 30 November.
    Check {
        /// The registration year ending 30 November YYYY (default: the current one).
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// An entry laid out under the online form's headings, for pasting.
    Paste {
        /// The entry's id.
        id: String,
        /// Paste even though the text names someone the caseload knows.
        #[arg(long)]
        yes: bool,
    },
}

/// Runs a CPD subcommand.
pub fn run(store: &mut Store, cmd: CpdCmd, now: NaiveDateTime) -> Result<()> {
    let today = now.date();
    match cmd {
        CpdCmd::Add { fields } => {
            let new = NewCpd {
                kind: kind(fields.kind.as_deref().unwrap_or_default())?,
                title: fields.title.clone().unwrap_or_default(),
                on: match fields.on.as_deref() {
                    Some(d) => parse::date("--on", d, today)?,
                    None => bail!("--on: the day of the CPD is needed; nothing was saved"),
                },
                description: fields.description.clone().unwrap_or_default(),
                learning: fields.learning.clone().unwrap_or_default(),
                impact: fields.impact.clone().unwrap_or_default(),
                peer_reflection: fields.peer_reflection.clone(),
                standards: fields.standard.clone(),
            };
            let id = store
                .add_cpd(&new, now)
                .map_err(|e| output::not_saved(&e))?;
            warn_names(store, &store.cpd(id)?)?;
            println!("{id}");
        }
        CpdCmd::Edit { id, fields } => {
            let id = parse::id("the CPD entry", &id)?;
            let mut new = store.cpd(id)?.to_new();
            if let Some(k) = &fields.kind {
                new.kind = kind(k)?;
            }
            if let Some(d) = &fields.on {
                new.on = parse::date("--on", d, today)?;
            }
            let set = |to: &mut String, v: &Option<String>| {
                if let Some(v) = v {
                    to.clone_from(v);
                }
            };
            set(&mut new.title, &fields.title);
            set(&mut new.description, &fields.description);
            set(&mut new.learning, &fields.learning);
            set(&mut new.impact, &fields.impact);
            if fields.peer_reflection.is_some() {
                new.peer_reflection.clone_from(&fields.peer_reflection);
            }
            if !fields.standard.is_empty() {
                new.standards.clone_from(&fields.standard);
            }
            store
                .edit_cpd(id, &new, now)
                .map_err(|e| output::not_saved(&e))?;
            warn_names(store, &store.cpd(id)?)?;
            println!("CPD entry {id} changed.");
        }
        CpdCmd::List { year, json } => {
            let (from, to) = match year {
                Some(y) => range(y).map(|(a, b)| (Some(a), Some(b)))?,
                None => (None, None),
            };
            let all = store.cpd_entries(from, to)?;
            if json {
                return output::json(&all);
            }
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        crate::dates::display::date(e.on),
                        e.kind.as_str().into(),
                        if e.has_peer_reflection() { "yes" } else { "" }.into(),
                        one_line(&e.title),
                    ]
                })
                .collect();
            output::table(&["id", "on", "type", "peer", "title"], &rows);
        }
        CpdCmd::Check { year, json } => {
            let year = year.unwrap_or_else(|| cpd::current_year(today));
            let (from, to) = range(year)?;
            let entries = store.cpd_entries(Some(from), Some(to))?;
            let Some(c) = cpd::check(year, &entries, today) else {
                bail!("--year {year} is not a year this program can count");
            };
            if json {
                return output::json(&c);
            }
            println!(
                "Registration year {} to {}: {} of {} recorded, {} with peer reflection; {} days left to 30 November.",
                crate::dates::display::date(c.from),
                crate::dates::display::date(c.to),
                c.recorded,
                cpd::NEEDED,
                c.with_peer_reflection,
                c.days_left
            );
            if c.met {
                println!("The requirement is met.");
            }
            for n in &c.needs {
                println!("Still needed: {n}");
            }
        }
        CpdCmd::Paste { id, yes } => {
            let id = parse::id("the CPD entry", &id)?;
            let e = store.cpd(id)?;
            let hits = warn_names(store, &e)?;
            if !hits.is_empty() && !yes {
                bail!(
                    "entry {id} names someone the caseload knows ({} places above); anonymise it \
                     with `caseload cpd edit {id}`, or paste anyway with --yes",
                    hits.len()
                );
            }
            print!("{}", crate::export::cpd::paste(&e));
        }
    }
    Ok(())
}

fn kind(typed: &str) -> Result<CpdType> {
    typed.parse::<CpdType>().map_err(|_| {
        anyhow::anyhow!(
            "--type: \"{}\" is not a kind of CPD; use one of: {}",
            one_line(typed),
            CpdType::codes()
        )
    })
}

fn range(year: i32) -> Result<(NaiveDate, NaiveDate)> {
    cpd::year_range(year)
        .ok_or_else(|| anyhow::anyhow!("--year {year} is not a year this program can count"))
}

/// Everything in `e` that names someone the caseload knows, said on stderr
/// with where (the text shown by its first letter only).
fn warn_names(store: &Store, e: &CpdEntry) -> Result<Vec<Hit>> {
    let clients = store.clients(true)?;
    let people = store.network_names()?;
    let scanner = Scanner::build(&clients, people.iter().map(String::as_str));
    let hits: Vec<Hit> = e
        .texts()
        .into_iter()
        .flat_map(|(field, text)| scanner.find(field, text))
        .collect();
    for h in &hits {
        let first: String = h.text.chars().take(1).collect();
        eprintln!(
            "CPD entry {}: {}, line {}, column {}: \"{first}…\" is {} in your caseload; \
             anonymise it (\"a young person\", \"a family\").",
            e.id,
            h.field,
            h.line,
            h.column,
            h.what.label()
        );
    }
    Ok(hits)
}
