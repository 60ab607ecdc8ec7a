//! The command line: the same store, scriptable without the TUI. Every
//! listing can print `--json`; errors go to stderr with a non-zero status.

mod agent;
mod batch;
mod client;
mod client_args;
mod close;
mod config;
mod cpd;
mod deadline;
mod demo;
mod due;
pub mod due_json;
pub mod due_next;
mod episode;
mod export;
mod maintenance;
mod network;
mod note;
pub mod output;
mod parse;
mod placement;
mod plan;
mod private;
mod records;
mod report;
pub mod rules;
mod rules_kind;
mod show;
mod supervision;
mod visit;

use crate::store::prelude::*;
use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use secrecy::SecretString;
use std::path::{Path, PathBuf};

use crate::attempts::{self, Attempts, UnlockError};
use crate::passphrase;
use crate::paths;
use crate::store::Store;

pub use due::print_overview;

/// caseload: an offline, encrypted caseload tracker for social workers.
#[derive(Debug, Parser)]
#[command(name = "caseload", version, about, long_about = None)]
pub struct Cli {
    /// The database file (default: $CASELOAD_DB, else the platform data folder).
    #[arg(long, global = true, env = paths::DB_ENV, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Open a throwaway demo caseload (deleted at exit) instead of your own.
    #[arg(long, global = true)]
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
    /// Your settings: who writes the notes (`config set author.name …`).
    #[command(subcommand)]
    Config(config::ConfigCmd),
    /// Add, list, show and close clients.
    #[command(subcommand)]
    Client(client::ClientCmd),
    /// Legal episodes (MHA sections, DoLS, child protection…) and their deadlines.
    #[command(subcommand)]
    Episode(episode::EpisodeCmd),
    /// Print the statutory rule packs, with your local overrides marked.
    #[command(subcommand)]
    Rules(rules::RulesCmd),
    /// Add, list, finalise contact notes and add addenda.
    #[command(subcommand)]
    Note(note::NoteCmd),
    /// Add, list and complete deadlines.
    #[command(subcommand)]
    Deadline(deadline::DeadlineCmd),
    /// Add, list and complete actions (small to-dos).
    #[command(subcommand)]
    Action(deadline::ActionCmd),
    /// A client's care plan: show it, tick off actions, review it.
    #[command(subcommand)]
    Plan(plan::PlanCmd),
    /// Plan visits, record what came of them (per person), move and cancel them.
    #[command(subcommand)]
    Visit(visit::VisitCmd),
    /// A client's network (family, carers, professionals): add, list, edit, archive.
    #[command(subcommand)]
    Network(network::NetworkCmd),
    /// Your CPD and reflective record (never a client's): add, list, edit, check, paste.
    #[command(subcommand)]
    Cpd(cpd::CpdCmd),
    /// Your own work in counts, for supervision and appraisal (no names).
    #[command(subcommand)]
    Report(report::ReportCmd),
    /// Case supervision on a client's record: add, list, paste.
    #[command(subcommand)]
    Supervision(supervision::SupervisionCmd),
    /// Where a looked-after child lives: the visiting duty (reg 28) comes
    /// from the current placement.
    #[command(subcommand)]
    Placement(placement::PlacementCmd),
    /// Overdue and due-soon deadlines and actions, most urgent first.
    Due {
        /// How many days ahead to look.
        #[arg(long, default_value_t = 14, value_name = "DAYS")]
        within: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Explain the ranking: which step placed each item and why (a
        /// legal cliff within 48 hours, overdue, or weight and nearness),
        /// its rule and source, and the weights in the rule packs.
        #[arg(long, conflicts_with = "json")]
        explain: bool,
        /// Keep the deadlines of legal episodes that have ended (a lapsed
        /// tribunal right of an s2 that is over), left out by default.
        #[arg(long)]
        all: bool,
        /// The on-call view: every clock (a legal cliff) running out in the
        /// next 12h, 2d…, soonest first, with its time, the client and what
        /// happens at its end.
        #[arg(long, value_name = "SPAN", conflicts_with_all = ["explain", "all"])]
        next: Option<String>,
    },
    /// Everything dated in a range of days (default: today and the next 6
    /// days): visits planned, recorded and falling due, deadlines, actions,
    /// contacts and reviews.
    Agenda {
        /// First day (2026-12-03, 03/12/2026, today, +2w, next tue…; default today).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day (2026-12-03, 03/12/2026, today, +2w, next tue…; default six days after --from).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
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
        /// Only say what undo would take back; change nothing.
        #[arg(long)]
        dry_run: bool,
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
        /// From this day (2026-12-03, 03/12/2026, today, +2w, next tue…).
        #[arg(long)]
        from: Option<String>,
        /// To this day (2026-12-03, 03/12/2026, today, +2w, next tue…).
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
    /// Create a fictional demo caseload in a NEW database file (never over an existing one).
    Demo(demo::DemoArgs),
    /// Documents to hand on: summary, chronology, calendar, spreadsheets, JSON, outage pack, subject access.
    #[command(subcommand)]
    Export(export::ExportCmd),
    /// Load a `caseload export json` file into a new, empty database (--db).
    #[command(subcommand)]
    Import(export::ImportCmd),
    /// A note laid out for pasting into the employer's form (see data/templates).
    Paste {
        /// The note's id.
        note: String,
        /// The template: case-note (default), visit-record, care-plan-review,
        /// social-circumstances-report, or one of your own.
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
    },
    /// Change the passphrase: asks the current one, then the new one twice.
    /// Scripts may give the new one in CASELOAD_NEW_PASSPHRASE.
    Passwd,
    /// Unlock once: ask the passphrase, then let later commands run without
    /// asking until `caseload lock` or the idle timeout (Unix only for now).
    Unlock {
        /// Lock after this many idle minutes (default: `idle_lock_minutes`
        /// from the config; 0 never).
        #[arg(long, value_name = "MINUTES")]
        idle_minutes: Option<u32>,
        /// Lock after this many idle seconds (for tests).
        #[arg(long, hide = true, conflicts_with = "idle_minutes")]
        idle_seconds: Option<u64>,
    },
    /// Forget the key held since `caseload unlock`.
    Lock,
    /// Run many commands with one unlock: one command per line on standard
    /// input (words as in a shell, or a JSON array); each answer on standard
    /// output, followed by `# ok` or `# error: …`.
    Batch {
        /// Answer each command with one JSON line: line, ok, output, error.
        #[arg(long)]
        json: bool,
    },
    /// Say whether the caseload is unlocked, and for how long.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The unlock agent itself (started by `caseload unlock`).
    #[command(hide = true)]
    AgentServe {
        /// The socket to listen on.
        #[arg(long)]
        socket: PathBuf,
        /// Lock after this many idle seconds.
        #[arg(long)]
        idle_seconds: Option<u64>,
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

/// Opens the existing database with the key held by `caseload unlock`, or
/// else asking for the passphrase. Wrong attempts are counted beside the
/// database and delayed after ten in five minutes (see [`crate::attempts`]).
pub fn open_existing(db: &Path) -> Result<(Store, SecretString)> {
    open_existing_with(db, true)
}

/// [`open_existing`], optionally never using the agent (changing the
/// passphrase asks for the current one).
fn open_existing_with(db: &Path, use_agent: bool) -> Result<(Store, SecretString)> {
    if !Store::exists(db) {
        bail!(
            "there is no caseload database at {}; create one with `caseload init` \
             (or try `caseload --demo`)",
            db.display()
        );
    }
    // Read the rule overrides first: a broken rules.toml is reported before
    // the passphrase is asked for.
    let rules = rules::active_rules()?;
    let config = crate::config::Config::load()?;
    if use_agent && let Some((mut store, key)) = crate::agent::open_with_agent_key(db)? {
        store.use_rules(rules);
        store.use_late_entry_rule(config.late_entry_rule());
        return Ok((store, key));
    }
    let mut attempts = Attempts::beside(db);
    // Refuse before asking, so nobody types a passphrase that is not tried.
    if let Some(wait) = attempts.wait_needed(attempts::unix_now()) {
        return Err(UnlockError::Wait(wait).into());
    }
    let key = passphrase::ask("Passphrase: ")?;
    let mut store = attempts::open_guarded(db, &key, &mut attempts, attempts::unix_now())?;
    store.use_rules(rules);
    store.use_late_entry_rule(config.late_entry_rule());
    tracing::info!(schema = store.schema_version().ok(), "database opened");
    Ok((store, key))
}

/// Runs the parsed command line. With `--demo` every subcommand works on a
/// throwaway demo database; with no subcommand the demo prints the due list
/// and this week's agenda.
pub fn run(cli: Cli) -> Result<()> {
    // Dates are shown as the config says; a broken config file is reported
    // by the commands that read the rest of it.
    if let Ok(config) = crate::config::Config::load() {
        crate::dates::display::set_style(config.date_style);
    }
    if cli.demo {
        return run_demo(cli.command);
    }
    let Some(command) = cli.command else {
        if !interactive() {
            bail!(
                "the terminal UI needs a terminal; for scripts use a subcommand (see `caseload --help`)"
            );
        }
        // The passphrase is typed on the TUI's own lock screen; a broken
        // config or rules file is reported before the screen is taken over.
        let config = crate::config::Config::load()?;
        let rules = rules::active_rules()?;
        return crate::tui::run_locked(&db_path(cli.db.as_ref())?, &config, rules);
    };
    match command {
        Command::Rules(cmd) => rules::run(cmd),
        Command::Config(cmd) => config::run(cmd),
        Command::Init => maintenance::init(&db_path(cli.db.as_ref())?),
        Command::Demo(args) => demo::run(cli.db.as_ref(), &args),
        Command::Import(cmd) => export::import(&db_path(cli.db.as_ref())?, cmd),
        Command::Unlock {
            idle_minutes,
            idle_seconds,
        } => {
            let idle = match (idle_minutes, idle_seconds) {
                (_, Some(s)) => (s > 0).then(|| std::time::Duration::from_secs(s)),
                (Some(m), None) => {
                    (m > 0).then(|| std::time::Duration::from_secs(u64::from(m) * 60))
                }
                (None, None) => crate::config::Config::load()?.idle_lock(),
            };
            agent::unlock(&db_path(cli.db.as_ref())?, idle)
        }
        Command::Lock => {
            agent::lock(&db_path(cli.db.as_ref())?);
            Ok(())
        }
        Command::Status { json } => agent::status(&db_path(cli.db.as_ref())?, json),
        Command::AgentServe {
            socket,
            idle_seconds,
        } => agent::serve(&socket, idle_seconds),
        Command::Passwd => {
            let db = db_path(cli.db.as_ref())?;
            let (mut store, key) = open_existing_with(&db, false)?;
            maintenance::passwd(&mut store, &key)?;
            // The agent's key was derived from the old passphrase.
            if crate::agent::lock(&db) {
                println!(
                    "The unlocked session was locked; `caseload unlock` with the new passphrase."
                );
            }
            Ok(())
        }
        other => {
            private::stdout_private();
            let (mut store, key) = open_existing(&db_path(cli.db.as_ref())?)?;
            run_on(&mut store, &key, other)
        }
    }
}

/// Whether both ends of the terminal are a terminal (the TUI needs one).
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

fn run_demo(command: Option<Command>) -> Result<()> {
    let now = crate::clock::now();
    let mut db = crate::demo::open_throwaway(now)?;
    db.store.use_rules(rules::active_rules()?);
    match command {
        // In a terminal the demo opens the TUI; piped, it prints an overview.
        None if interactive() => {
            let crate::demo::DemoDb { store, guard, .. } = db;
            let result = crate::tui::run(store);
            drop(guard);
            result
        }
        None => print_overview(&db.store, now.date()),
        Some(Command::Init | Command::Demo(_)) => {
            bail!(
                "--demo already opens a demo caseload; use `caseload demo --db PATH` for one you keep"
            )
        }
        Some(Command::Import(_)) => {
            bail!("import into a database you keep: `caseload import json FILE --db NEW`")
        }
        Some(Command::Backup { .. }) => bail!(
            "the --demo caseload is thrown away at exit; make one you keep with `caseload demo --db PATH`"
        ),
        Some(cmd) => {
            private::stdout_private();
            let key = db.key.clone();
            run_on(&mut db.store, &key, cmd)
        }
    }
}

/// Runs one subcommand on an open store.
pub fn run_on(store: &mut Store, key: &SecretString, command: Command) -> Result<()> {
    let now = crate::clock::now();
    match command {
        Command::Client(cmd) => client::run(store, cmd, now),
        Command::Note(cmd) => note::run(store, cmd, now),
        Command::Deadline(cmd) => deadline::run(store, cmd, now),
        Command::Action(cmd) => deadline::run_action(store, cmd, now),
        Command::Plan(cmd) => plan::run(store, cmd, now),
        Command::Visit(cmd) => visit::run(store, cmd, now),
        Command::Network(cmd) => network::run(store, cmd, now),
        Command::Supervision(cmd) => supervision::run(store, cmd, now),
        Command::Cpd(cmd) => cpd::run(store, cmd, now),
        Command::Report(cmd) => report::run(store, cmd, now),
        Command::Placement(cmd) => placement::run(store, cmd, now),
        Command::Due {
            json,
            next: Some(span),
            ..
        } => due_next::run(store, now, &span, json),
        Command::Due {
            within,
            json,
            explain,
            all,
            next: None,
        } => due::due(
            store,
            now.date(),
            within,
            due::DueHow { json, explain, all },
        ),
        Command::Agenda { from, to, json } => {
            due::agenda(store, now.date(), from.as_deref(), to.as_deref(), json)
        }
        Command::Episode(cmd) => episode::run(store, cmd),
        Command::Rules(cmd) => rules::run(cmd),
        Command::Config(cmd) => config::run(cmd),
        Command::Check => maintenance::check(store),
        Command::Audit {
            client,
            limit,
            json,
        } => records::audit(store, client.as_deref(), limit, json),
        Command::Undo { json, dry_run } => records::undo(store, json, dry_run),
        Command::Chronology { client, json } => records::chronology(store, &client, json),
        Command::Search {
            query,
            client,
            from,
            to,
            limit,
            json,
        } => {
            let query = query.join(" ");
            records::search(
                store,
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
        Command::Backup { path } => maintenance::backup(store, &path, key),
        Command::Export(cmd) => export::run(store, cmd, now),
        Command::Paste { note, template } => export::paste(store, &note, template, now),
        Command::Import(_) => bail!("import makes a new database; it cannot run on an open one"),
        Command::Init | Command::Demo(_) => {
            bail!("this command makes a new database; it cannot run on an open one")
        }
        Command::Passwd => maintenance::passwd(store, key),
        Command::Batch { json } => batch::run(store, key, std::io::stdin().lock(), json),
        Command::Unlock { .. }
        | Command::Lock
        | Command::Status { .. }
        | Command::AgentServe { .. } => {
            bail!("unlock, lock and status work on the database file, not an open caseload")
        }
    }
}
