//! Unlock once: a small agent process that holds the derived database key
//! (never the passphrase) so later commands need not ask or derive again.
//!
//! Unix only for now (a Unix socket with peer credentials); elsewhere every
//! function says the agent is not available and commands ask as before.

pub mod kdf;
pub mod protocol;

#[cfg(unix)]
mod client;
#[cfg(unix)]
pub mod server;
#[cfg(unix)]
pub mod socket;

#[cfg(unix)]
pub use client::{key_for, lock, serve_from_stdin, start, status};

use std::path::PathBuf;
use std::time::Duration;

/// Whether a database is unlocked by an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No agent holds its key.
    Locked,
    /// An agent holds its key.
    Unlocked {
        /// Since `caseload unlock`.
        unlocked_for: Duration,
        /// Until it locks by itself (`None`: no idle timeout).
        idle_left: Option<Duration>,
    },
}

/// A freshly started agent.
#[derive(Debug, Clone)]
pub struct Started {
    /// Its process id.
    pub pid: u32,
    /// Where it listens.
    pub socket: PathBuf,
    /// Whether the kernel keeps its key out of swap (`mlock`).
    pub memory_locked: bool,
}

/// Why the agent could not be started or run.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    /// A file or process operation failed.
    #[error("the unlock agent could not start: {0}")]
    Io(std::io::Error),
    /// The agent did not report that it was ready.
    #[error("the unlock agent did not start")]
    NoAnswer,
    /// The agent was handed something that is not a derived key.
    #[error("the unlock agent was not given a derived key")]
    NotAKey,
    /// Not on this platform.
    #[error("unlocking once is not available on this platform yet; every command asks")]
    Unsupported,
}

/// Ends the agent for `db` if one runs: call wherever the terminal UI
/// locks (Ctrl-L and the idle lock), so locking the screen also locks the
/// command line.
pub fn on_tui_lock(db: &std::path::Path) {
    if lock(db) {
        tracing::info!("agent ended with the screen lock");
    }
}

/// `db` opened with the key `caseload unlock` left, and that key, when an
/// agent holds one; `None` without an agent. A key that no longer opens the
/// file (the passphrase changed since) is useless: that agent is ended and
/// the answer is `None`, so the caller asks for the passphrase.
pub fn open_with_agent_key(
    db: &std::path::Path,
) -> Result<Option<(crate::store::Store, secrecy::SecretString)>, crate::store::StoreError> {
    let Some(key) = key_for(db) else {
        return Ok(None);
    };
    match crate::store::Store::open(db, &key) {
        Ok(store) => {
            tracing::info!("database opened with the agent's key");
            Ok(Some((store, key)))
        }
        Err(crate::store::StoreError::WrongPassphrase) => {
            let _ = lock(db);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
mod unsupported {
    use super::{AgentError, Started, Status};
    use secrecy::SecretString;
    use std::path::Path;
    use std::time::Duration;

    /// No agent on this platform.
    #[must_use]
    pub fn key_for(_db: &Path) -> Option<SecretString> {
        None
    }
    /// Always locked on this platform.
    #[must_use]
    pub fn status(_db: &Path) -> Status {
        Status::Locked
    }
    /// Nothing to lock on this platform.
    #[must_use]
    pub fn lock(_db: &Path) -> bool {
        false
    }
    /// Not available on this platform.
    pub fn start(
        _db: &Path,
        _key: &SecretString,
        _idle: Option<Duration>,
    ) -> Result<Started, AgentError> {
        Err(AgentError::Unsupported)
    }
    /// Not available on this platform.
    pub fn serve_from_stdin(_socket: &Path, _idle: Option<Duration>) -> Result<(), AgentError> {
        Err(AgentError::Unsupported)
    }
}
#[cfg(not(unix))]
pub use unsupported::{key_for, lock, serve_from_stdin, start, status};
