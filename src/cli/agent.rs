//! `caseload unlock`, `lock` and `status`: unlock once for many commands.

use anyhow::{Result, bail};
use std::path::Path;
use std::time::Duration;

use crate::agent::{self, Status, kdf};
use crate::attempts::{self, Attempts, UnlockError};
use crate::passphrase;

/// Asks the passphrase once, derives the key with the file's salt, checks
/// it opens the database, and leaves an agent holding only the derived key.
pub fn unlock(db: &Path, idle: Option<Duration>) -> Result<()> {
    if !crate::store::Store::exists(db) {
        bail!(
            "there is no caseload database at {}; create one with `caseload init`",
            db.display()
        );
    }
    if let Status::Unlocked { .. } = agent::status(db) {
        println!("Already unlocked. `caseload lock` locks it.");
        return Ok(());
    }
    let mut attempts = Attempts::beside(db);
    if let Some(wait) = attempts.wait_needed(attempts::unix_now()) {
        return Err(UnlockError::Wait(wait).into());
    }
    let pass = passphrase::ask("Passphrase: ")?;
    let key = kdf::raw_key(&pass, &kdf::file_salt(db)?);
    drop(pass);
    // Opening with the derived key checks it (and migrates, once).
    drop(attempts::open_guarded(
        db,
        &key,
        &mut attempts,
        attempts::unix_now(),
    )?);
    let started = agent::start(db, &key, idle)?;
    tracing::info!(pid = started.pid, "unlocked");
    println!(
        "Unlocked{}. Commands use the key without asking until `caseload lock`.",
        idle.map_or_else(String::new, |d| format!(
            "; it locks after {} idle",
            human(d)
        ))
    );
    if !started.memory_locked {
        eprintln!(
            "caseload: warning: the system would not lock the key's memory (mlock); it could be swapped to disk"
        );
    }
    Ok(())
}

/// Ends the agent.
pub fn lock(db: &Path) {
    if agent::lock(db) {
        println!("Locked: the key is forgotten.");
    } else {
        println!("Already locked.");
    }
}

/// Says whether the database is unlocked and for how long.
pub fn status(db: &Path, json: bool) -> Result<()> {
    let s = agent::status(db);
    if json {
        let v = match s {
            Status::Locked => serde_json::json!({ "unlocked": false }),
            Status::Unlocked {
                unlocked_for,
                idle_left,
            } => serde_json::json!({
                "unlocked": true,
                "unlocked_for_seconds": unlocked_for.as_secs(),
                "locks_in_seconds": idle_left.map(|d| d.as_secs()),
            }),
        };
        return super::output::json(&v);
    }
    match s {
        Status::Locked => println!("Locked."),
        Status::Unlocked {
            unlocked_for,
            idle_left,
        } => println!(
            "Unlocked for {}{}.",
            human(unlocked_for),
            idle_left.map_or_else(String::new, |d| format!(
                "; locks after {} more idle",
                human(nearest_minute(d))
            ))
        ),
    }
    Ok(())
}

/// The agent process itself (started by `unlock`, never by hand).
pub fn serve(socket: &Path, idle_seconds: Option<u64>) -> Result<()> {
    agent::serve_from_stdin(socket, idle_seconds.map(Duration::from_secs))?;
    Ok(())
}

/// Time left, to the nearest whole minute once it is a minute or more: just
/// after `unlock` with 5 minutes idle the agent has 4 min 59 s left, which a
/// person reads as "5 min", not "4 min".
fn nearest_minute(d: Duration) -> Duration {
    let s = d.as_secs();
    if s < 60 {
        d
    } else {
        Duration::from_secs((s + 30) / 60 * 60)
    }
}

/// "1 h 5 min", "4 min", "20 s".
fn human(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        _ => match (s / 3600, (s % 3600) / 60) {
            (h, 0) => format!("{h} h"),
            (h, m) => format!("{h} h {m} min"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_a_person_would_say_them() {
        assert_eq!(human(Duration::from_secs(20)), "20 s");
        assert_eq!(human(Duration::from_secs(240)), "4 min");
        assert_eq!(human(Duration::from_secs(3900)), "1 h 5 min");
        assert_eq!(human(Duration::from_secs(7230)), "2 h");
    }

    #[test]
    fn time_left_is_said_to_the_nearest_minute() {
        let left = |s| human(nearest_minute(Duration::from_secs(s)));
        assert_eq!(left(299), "5 min");
        assert_eq!(left(269), "4 min");
        assert_eq!(left(270), "5 min");
        assert_eq!(left(59), "59 s");
        assert_eq!(left(3599), "1 h");
    }
}
