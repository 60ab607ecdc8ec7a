//! Thin entry point: parse the command line, set up logging, run.

// No unwrap/expect/panic outside tests: a practitioner never sees a crash.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use clap::Parser;
use std::process::ExitCode;

use caseload::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(cmd) => cli::run(args.db.as_ref(), cmd),
        None => Err(anyhow::anyhow!(
            "the terminal UI is not built yet; see `caseload --help`"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("caseload: {e}");
            ExitCode::FAILURE
        }
    }
}
