//! Thin entry point: parse the command line, set up logging, run.

// No unwrap/expect/panic outside tests: a practitioner never sees a crash.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use clap::Parser;
use std::process::ExitCode;

use caseload::cli::{self, Cli};

/// Opens the user's database (asking for the passphrase) and runs the TUI.
fn open_and_run(db: Option<&std::path::PathBuf>) -> anyhow::Result<()> {
    let path = cli::db_path(db)?;
    let (store, _key) = cli::open_existing(&path)?;
    caseload::tui::run(store)
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(cmd) => cli::run(args.db.as_ref(), cmd),
        None if args.demo => Err(anyhow::anyhow!(
            "the demo caseload is not available in this build yet"
        )),
        None => open_and_run(args.db.as_ref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("caseload: {e}");
            ExitCode::FAILURE
        }
    }
}
