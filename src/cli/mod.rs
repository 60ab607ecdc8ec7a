//! The command line: the same store, scriptable without the TUI. Every
//! listing can print `--json`; errors go to stderr with a non-zero status.

mod client;
mod maintenance;
mod output;
mod records;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

use crate::passphrase;
use crate::paths;
use crate::store::Store;

/// caseload: an offline, encrypted caseload tracker for social workers.
#[derive(Debug, Parser)]
#[command(name = "caseload", version, about, long_about = None)]
pub struct Cli {
    /// The database file (default: $CASELOAD_DB, else the platform data folder).
    #[arg(long, global = true, env = paths::DB_ENV, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Open a throwaway demo caseload instead of your own.
    #[arg(long)]
    pub demo: bool,
    /// What to do; with none, the terminal UI starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty, encrypted caseload database.
    Init,
    /// Add, list, show and close clients.
    #[command(subcommand)]
    Client(client::ClientCmd),
    /// Check the database's integrity.
    Check,
    /// Show the audit trail: ids, records, operations and field names (never the text).
    Audit {
        /// Only this client (id, record number or part of the name).
        client: Option<String>,
        /// Show at most this many changes, newest first.
        #[arg(long, default_value_t = 200)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Undo the last change, as a new change in the audit trail.
    Undo {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A client's chronology: significant notes, addenda, legal episodes, statutory deadlines done.
    Chronology {
        /// The client (id, record number or part of the name).
        client: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search notes, addenda and care plans: words, "a phrase", prefix*, AND/OR/NOT.
    Search {
        /// What to look for.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only this client (id, record number or part of the name).
        #[arg(long)]
        client: Option<String>,
        /// From this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// To this day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Show at most this many matches.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a consistent, encrypted copy of the database to PATH.
    Backup {
        /// Where to write the copy (must not exist yet).
        path: PathBuf,
    },
}

/// The database path chosen by `--db`, `$CASELOAD_DB` or the platform default.
pub fn db_path(cli_db: Option<&PathBuf>) -> Result<PathBuf> {
    match cli_db {
        Some(p) => Ok(p.clone()),
        None => paths::default_db()
            .context("could not find a home folder for the database; use --db PATH"),
    }
}

/// Opens the existing database, asking for the passphrase.
pub fn open_existing(db: &std::path::Path) -> Result<(Store, secrecy::SecretString)> {
    if !Store::exists(db) {
        anyhow::bail!(
            "there is no caseload database at {}; create one with `caseload init`",
            db.display()
        );
    }
    let key = passphrase::ask("Passphrase: ")?;
    let store = Store::open(db, &key)?;
    Ok((store, key))
}

/// Runs one subcommand.
pub fn run(db: Option<&PathBuf>, command: Command) -> Result<()> {
    let path = db_path(db)?;
    match command {
        Command::Init => maintenance::init(&path),
        Command::Client(cmd) => {
            let (mut store, _) = open_existing(&path)?;
            client::run(&mut store, cmd)
        }
        Command::Check => {
            let (store, _) = open_existing(&path)?;
            maintenance::check(&store)
        }
        Command::Audit {
            client,
            limit,
            json,
        } => {
            let (store, _) = open_existing(&path)?;
            records::audit(&store, client.as_deref(), limit, json)
        }
        Command::Undo { json } => {
            let (mut store, _) = open_existing(&path)?;
            records::undo(&mut store, json)
        }
        Command::Chronology { client, json } => {
            let (store, _) = open_existing(&path)?;
            records::chronology(&store, &client, json)
        }
        Command::Search {
            query,
            client,
            from,
            to,
            limit,
            json,
        } => {
            let (store, _) = open_existing(&path)?;
            let query = query.join(" ");
            records::search(
                &store,
                &records::SearchArgs {
                    query: &query,
                    client: client.as_deref(),
                    from: from.as_deref(),
                    to: to.as_deref(),
                    limit,
                    json,
                },
            )
        }
        Command::Backup { path: dest } => {
            let (store, key) = open_existing(&path)?;
            maintenance::backup(&store, &dest, &key)
        }
    }
}
