//! The command line: the same store, scriptable without the TUI. Every
//! listing can print `--json`; errors go to stderr with a non-zero status.

mod client;
mod maintenance;
mod output;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

use crate::attempts::{self, Attempts, UnlockError};
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
    /// Write a consistent, encrypted copy of the database to PATH.
    Backup {
        /// Where to write the copy (must not exist yet).
        path: PathBuf,
    },
    /// Change the passphrase: asks the current one, then the new one twice.
    /// Scripts may give the new one in CASELOAD_NEW_PASSPHRASE.
    Passwd,
}

/// The database path chosen by `--db`, `$CASELOAD_DB` or the platform default.
pub fn db_path(cli_db: Option<&PathBuf>) -> Result<PathBuf> {
    match cli_db {
        Some(p) => Ok(p.clone()),
        None => paths::default_db()
            .context("could not find a home folder for the database; use --db PATH"),
    }
}

/// Opens the existing database, asking for the passphrase. Wrong attempts
/// are counted beside the database and delayed after ten in five minutes
/// (see [`crate::attempts`]).
pub fn open_existing(db: &std::path::Path) -> Result<(Store, secrecy::SecretString)> {
    if !Store::exists(db) {
        anyhow::bail!(
            "there is no caseload database at {}; create one with `caseload init`",
            db.display()
        );
    }
    let mut attempts = Attempts::beside(db);
    // Refuse before asking, so nobody types a passphrase that is not tried.
    if let Some(wait) = attempts.wait_needed(attempts::unix_now()) {
        return Err(UnlockError::Wait(wait).into());
    }
    let key = passphrase::ask("Passphrase: ")?;
    let store = attempts::open_guarded(db, &key, &mut attempts, attempts::unix_now())?;
    tracing::info!(schema = store.schema_version().ok(), "database opened");
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
        Command::Backup { path: dest } => {
            let (store, key) = open_existing(&path)?;
            maintenance::backup(&store, &dest, &key)
        }
        Command::Passwd => {
            let (mut store, key) = open_existing(&path)?;
            maintenance::passwd(&mut store, &key)
        }
    }
}
