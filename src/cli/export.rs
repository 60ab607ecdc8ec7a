//! `caseload export …`, `caseload paste` and `caseload import json`: the
//! export layer's documents on stdout (or, for packs, into a folder).

use crate::store::prelude::*;
use anyhow::{Result, bail};
use chrono::NaiveDateTime;
use clap::Subcommand;
use std::path::{Path, PathBuf};

use super::parse;
use crate::export::csv::Listing;
use crate::export::files::{self, Job};
use crate::export::{Format, Period, json};
use crate::store::Store;

/// `caseload export …`.
#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// A client summary: details, network, legal status, risk, care plan, what is due, last contacts.
    Summary {
        /// The client (id, record number or part of the name).
        client: String,
        /// md, html or txt.
        #[arg(long, value_enum, default_value = "md")]
        format: Format,
    },
    /// A chronology for a court or tribunal bundle: numbered, dated, full text.
    Chronology {
        /// The client (id, record number or part of the name).
        client: String,
        /// First day (2026-12-03, 03/12/2026, today, +2w, next tue…; default: the first record).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day (2026-12-03, 03/12/2026, today, +2w, next tue…; default: the last record).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// md, html or csv.
        #[arg(long, value_enum, default_value = "md")]
        format: Format,
    },
    /// A calendar (.ics): planned visits at their time, clocks counted in
    /// hours at the minute they run out (with alarms), other deadlines and
    /// visits falling due as all-day events.
    Ics {
        /// First day (default today).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day (default 180 days after --from).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Show clients' names instead of initials.
        #[arg(long)]
        names: bool,
    },
    /// A spreadsheet: caseload, due, contacts or deadlines.
    Csv {
        /// Which listing.
        #[arg(value_enum)]
        what: Listing,
        /// First day (by the record's date).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
    },
    /// Every record, lossless, as JSON (read back with `caseload import json`).
    Json {
        /// Write into FILE (readable by you only) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The outage pack: printable HTML and plain text of the caseload, due list,
    /// crisis plans, key contacts and chronologies, written into DIR.
    Outage {
        /// The folder to write into (created, owner-only).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Subject access: everything held about one person, third parties marked
    /// for review, and a list of what was found, written into DIR.
    Sar {
        /// The client (id, record number or part of the name).
        client: String,
        /// The folder to write into (created, owner-only).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

/// `caseload import …`.
#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Loads a `caseload export json` file into a NEW (or empty) database given by --db.
    Json {
        /// The exported file.
        file: PathBuf,
    },
}

fn period(from: Option<&str>, to: Option<&str>, today: chrono::NaiveDate) -> Result<Period> {
    let p = Period {
        from: from.map(|f| parse::date("--from", f, today)).transpose()?,
        to: to.map(|t| parse::date("--to", t, today)).transpose()?,
    };
    if let (Some(f), Some(t)) = (p.from, p.to)
        && t < f
    {
        bail!("--to is before --from; give the earlier date first");
    }
    Ok(p)
}

fn allow(format: Format, allowed: &[Format], what: &str) -> Result<Format> {
    if allowed.contains(&format) {
        return Ok(format);
    }
    let names: Vec<&str> = allowed.iter().map(|f| f.extension()).collect();
    bail!("a {what} is written as {}", names.join(", "))
}

/// Runs `caseload export …`.
pub fn run(store: &Store, cmd: ExportCmd, now: NaiveDateTime) -> Result<()> {
    let job = match cmd {
        ExportCmd::Summary { client, format } => Job::Summary(
            store.resolve_client(&client)?.id,
            allow(format, &[Format::Md, Format::Html, Format::Txt], "summary")?,
        ),
        ExportCmd::Chronology {
            client,
            from,
            to,
            format,
        } => Job::Chronology(
            store.resolve_client(&client)?.id,
            period(from.as_deref(), to.as_deref(), now.date())?,
            allow(
                format,
                &[Format::Md, Format::Html, Format::Csv],
                "chronology",
            )?,
        ),
        ExportCmd::Ics { from, to, names } => {
            Job::Calendar(period(from.as_deref(), to.as_deref(), now.date())?, names)
        }
        ExportCmd::Csv { what, from, to } => {
            let job = Job::Csv(what, period(from.as_deref(), to.as_deref(), now.date())?);
            super::private::warn_whole_caseload();
            job
        }
        ExportCmd::Json { out } => {
            super::private::warn_whole_caseload();
            if let Some(path) = out {
                return to_file(store, &Job::Json, &path, now);
            }
            Job::Json
        }
        ExportCmd::Outage { out } => {
            super::private::warn_whole_caseload();
            return to_folder(store, &Job::Outage, &out, now);
        }
        ExportCmd::Sar { client, out } => {
            let id = store.resolve_client(&client)?.id;
            return to_folder(store, &Job::Sar(id), &out, now);
        }
    };
    for f in files::make(store, &job, now)? {
        print!("{}", f.content);
    }
    Ok(())
}

fn to_file(store: &Store, job: &Job, path: &Path, now: NaiveDateTime) -> Result<()> {
    let content: String = files::make(store, job, now)?
        .into_iter()
        .map(|f| f.content)
        .collect();
    crate::export::write::private_file(path, content.as_bytes())?;
    println!("Wrote {}", path.display());
    Ok(())
}

fn to_folder(store: &Store, job: &Job, dir: &Path, now: NaiveDateTime) -> Result<()> {
    let made = files::make(store, job, now)?;
    for p in files::write_into(dir, &made)? {
        println!("Wrote {}", p.display());
    }
    Ok(())
}

/// `caseload paste NOTE [--template NAME]`: the whole text, or an error.
pub fn paste(
    store: &Store,
    note: &str,
    template: Option<String>,
    now: NaiveDateTime,
) -> Result<()> {
    let id = parse::id("note", note)?;
    for f in files::make(store, &Job::Paste(id, template), now)? {
        print!("{}", f.content);
    }
    Ok(())
}

/// `caseload import json FILE --db NEW`: all or nothing, into a database
/// that holds no records; a database it had to create is removed again
/// when the import fails.
pub fn import(db: &Path, cmd: ImportCmd) -> Result<()> {
    let ImportCmd::Json { file } = cmd;
    let text = std::fs::read_to_string(&file)
        .map_err(|e| anyhow::anyhow!("could not read {}: {e}", file.display()))?;
    let dump = json::parse(&text)?;
    // The whole file is checked against an empty database of this schema
    // before any file is made or any passphrase asked for.
    Store::open_in_memory()?.check_dump(&dump, crate::clock::now().date())?;
    let created = !Store::exists(db);
    let mut store = if created {
        let key = crate::passphrase::ask_new()?;
        Store::open(db, &key)?
    } else {
        super::open_existing(db)?.0
    };
    match store.load_dump(&dump) {
        Ok(n) => {
            println!(
                "Imported {n} rows into {}; every final note and addendum matches its seal.",
                db.display()
            );
            Ok(())
        }
        Err(e) => {
            drop(store);
            if created {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = db.as_os_str().to_owned();
                    p.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
            }
            Err(e.into())
        }
    }
}
