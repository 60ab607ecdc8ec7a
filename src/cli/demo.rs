//! `caseload demo --db PATH [--clients N] [--seed S]`: a fictional caseload in
//! a NEW database file (the shipped demo, or N synthetic clients).

use crate::store::prelude::*;
use anyhow::{Result, bail};
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::demo::{self, SynthOptions};
use crate::passphrase;
use crate::store::Store;

/// Options of `caseload demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Make N synthetic clients (~100 notes and 10 deadlines each) instead
    /// of the ~25-client demo.
    #[arg(long, value_name = "N")]
    pub clients: Option<usize>,
    /// Seed for the synthetic caseload (the same seed makes the same data).
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
}

/// Runs `caseload demo`. `db` must be given (`--db` or `$CASELOAD_DB`) and
/// must not exist: a demo is never written over anyone's data.
pub fn run(db: Option<&PathBuf>, args: &DemoArgs) -> Result<()> {
    let Some(path) = db else {
        bail!("say where to put the demo database: caseload demo --db PATH");
    };
    if path.exists() {
        bail!(
            "{} already exists; a demo is only ever written to a new file (nothing was changed)",
            path.display()
        );
    }
    if let Some(n) = args.clients
        && !(1..=100_000).contains(&n)
    {
        bail!("--clients must be between 1 and 100000");
    }
    let key = passphrase::ask_new()?;
    let started = Instant::now();
    let result = fill(path, &key, args);
    if result.is_err() {
        remove_db(path);
    }
    let what = result?;
    println!(
        "Made {what} in {:.1} s at {} (fictional people; encrypted with your passphrase).",
        started.elapsed().as_secs_f64(),
        path.display()
    );
    Ok(())
}

fn fill(path: &Path, key: &secrecy::SecretString, args: &DemoArgs) -> Result<String> {
    let now = crate::clock::now();
    let mut store = Store::open(path, key)?;
    Ok(match args.clients {
        Some(n) => {
            let s = demo::generate(&mut store, SynthOptions::new(n, args.seed), now)?;
            format!(
                "a synthetic caseload of {} clients, {} notes and {} deadlines",
                s.clients, s.notes, s.deadlines
            )
        }
        None => {
            let s = store.without_sync(|st| {
                demo::seed(st, now).map_err(|e| match e {
                    demo::DemoError::Store(e) => e,
                    other => crate::store::StoreError::Refused(other.to_string()),
                })
            })?;
            format!(
                "the demo caseload ({} clients, {} notes, {} deadlines)",
                s.clients, s.notes, s.deadlines
            )
        }
    })
}

/// Removes a half-made demo file we created ourselves.
fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
