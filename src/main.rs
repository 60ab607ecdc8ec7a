//! Thin entry point: parse the command line, run, report errors on stderr.

// No unwrap/expect/panic outside tests: a practitioner never sees a crash.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use clap::Parser;
use std::process::ExitCode;

use caseload::cli::{self, Cli};

fn main() -> ExitCode {
    restore_sigpipe();
    match cli::run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("caseload: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Lets `caseload … | head` end quietly, as other command-line tools do,
/// instead of panicking when the reader goes away.
fn restore_sigpipe() {
    // SAFETY: called first thing, before any other thread exists; resetting
    // SIGPIPE to its default disposition has no other effect on this process.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
