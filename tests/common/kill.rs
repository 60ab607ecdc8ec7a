//! `kill -9` at random moments: writers (`note add 1 --final`) started on a
//! database and killed at a random time if still running, keeping the ids
//! they printed (acknowledged) and how many were killed.

use std::io::Read as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use caseload::demo::rng::Rng;

use super::{Envs as _, NOW, PASS};

/// What a run of killed writers left: the ids printed, and the kills.
pub struct KillLoop {
    /// The note ids writers printed before they ended (acknowledged).
    pub acknowledged: Vec<i64>,
    /// How many writers were killed while still running.
    pub killed: usize,
    /// Random source for the kill times, seeded from the clock.
    pub rng: Rng,
}

impl Default for KillLoop {
    fn default() -> Self {
        KillLoop::new()
    }
}

impl KillLoop {
    /// Nothing acknowledged or killed yet; a new seed each run.
    pub fn new() -> KillLoop {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        KillLoop {
            acknowledged: Vec::new(),
            killed: 0,
            rng: Rng::new(u64::try_from(nanos % 1_000_000).unwrap()),
        }
    }

    /// Starts `caseload note add 1 --kind phone --final --text TEXT` on
    /// `db`, sandboxed, its stdout kept for the id.
    pub fn writer(&self, db: &Path, text: &str) -> Child {
        Command::new(assert_cmd::cargo::cargo_bin("caseload"))
            .arg("--db")
            .arg(db)
            .args([
                "note",
                "add",
                "1",
                "--kind",
                "phone",
                "--outcome",
                "not-applicable",
                "--final",
            ])
            .args(["--text", text])
            .env("CASELOAD_PASSPHRASE", PASS)
            .env("CASELOAD_NOW", NOW)
            .sandboxed()
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }

    /// Kills `child` (SIGKILL) at `start + after` if it is still running
    /// then (never, for `None`), waits for it and keeps the id it printed.
    pub fn reap(&mut self, mut child: Child, start: Instant, after: Option<Duration>) {
        if let Some(after) = after {
            while start.elapsed() < after && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(2));
            }
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap(); // SIGKILL
                self.killed += 1;
            }
        }
        child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        if let Ok(id) = out.trim().parse::<i64>() {
            self.acknowledged.push(id);
        }
    }
}
