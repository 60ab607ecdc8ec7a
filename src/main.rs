//! Thin entry point: harden the process, parse the command line, set up
//! logging, run, report errors on stderr.

// No unwrap/expect/panic outside tests: a practitioner never sees a crash.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use clap::Parser;
use std::process::ExitCode;

use caseload::cli::{self, Cli};
use caseload::domain::text::sanitize;
use caseload::hardening;

fn main() -> ExitCode {
    // Before anything holds client data: no core dumps, a silent panic hook.
    hardening::disable_core_dumps();
    hardening::install_panic_hook();
    caseload::platform::sigpipe::restore_default();
    // OpenSSL without the machine's openssl.cnf, before SQLite starts.
    caseload::platform::crypto_init::once();
    let args = Cli::parse();
    if !args.demo {
        let log_dir = cli::db_path(args.db.as_ref())
            .ok()
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
        if let Some(dir) = &log_dir {
            let _ = hardening::init_logging(dir);
        }
    }
    tracing::info!(core_dumps_off = hardening::core_dumps_disabled(), "started");
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Only that it failed goes in the log; the message is for the person.
            tracing::info!("command failed");
            eprintln!("caseload: {}", sanitize(&cli::output::error_text(&e)));
            ExitCode::FAILURE
        }
    }
}
