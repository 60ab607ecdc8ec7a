//! Talking to a running agent, and starting one (Unix only).

use secrecy::{ExposeSecret, SecretString};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::protocol::{Reply, Request};
use super::socket::{own_uid, peer_allowed, peer_uid, socket_path};
use super::{AgentError, Started, Status};

/// How long a command waits for the agent before going on without it.
const TIMEOUT: Duration = Duration::from_secs(2);

/// Sends one request to the agent for `db`; `None` when no agent answers
/// (a socket left by an agent that died is removed).
pub fn ask(db: &Path, request: Request) -> Option<Reply> {
    let path = socket_path(db);
    let stream = match UnixStream::connect(&path) {
        Ok(s) => s,
        Err(e) => {
            if e.kind() == std::io::ErrorKind::ConnectionRefused {
                let _ = std::fs::remove_file(&path);
            }
            return None;
        }
    };
    // The agent must be ours too: never take a key from another user's socket.
    if !peer_uid(&stream).is_ok_and(|uid| peer_allowed(uid, own_uid())) {
        tracing::warn!("the agent socket belongs to another user; ignored");
        return None;
    }
    stream.set_read_timeout(Some(TIMEOUT)).ok()?;
    stream.set_write_timeout(Some(TIMEOUT)).ok()?;
    (&stream).write_all(request.encode().as_bytes()).ok()?;
    let mut line = zeroize::Zeroizing::new(String::new());
    BufReader::new(&stream).read_line(&mut line).ok()?;
    Reply::parse(line.trim_end())
}

/// The derived key held for `db`, if it is unlocked.
#[must_use]
pub fn key_for(db: &Path) -> Option<SecretString> {
    match ask(db, Request::Key)? {
        Reply::Key(k) => Some(k),
        _ => None,
    }
}

/// Whether `db` is unlocked, and for how long.
#[must_use]
pub fn status(db: &Path) -> Status {
    match ask(db, Request::Status) {
        Some(Reply::Status {
            unlocked_for,
            idle_left,
        }) => Status::Unlocked {
            unlocked_for,
            idle_left,
        },
        _ => Status::Locked,
    }
}

/// Ends the agent for `db`; whether one was running.
#[must_use]
pub fn lock(db: &Path) -> bool {
    matches!(ask(db, Request::Lock), Some(Reply::Locked))
}

/// Starts an agent for `db` holding `key` (already checked against the
/// file): this program again, as `agent-serve`, with an empty environment,
/// the key on its standard input (never in its arguments or environment).
pub fn start(db: &Path, key: &SecretString, idle: Option<Duration>) -> Result<Started, AgentError> {
    let exe = std::env::current_exe().map_err(AgentError::Io)?;
    let socket = socket_path(db);
    let mut cmd = Command::new(exe);
    cmd.env_clear()
        .arg("--db")
        .arg(db)
        .arg("agent-serve")
        .arg("--socket")
        .arg(&socket)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .current_dir("/");
    if let Some(idle) = idle {
        cmd.arg("--idle-seconds").arg(idle.as_secs().to_string());
    }
    let mut child = cmd.spawn().map_err(AgentError::Io)?;
    let ready = hand_over(&mut child, key);
    // The process started forks the agent off and ends at once (see
    // `server::detach`): reaped here, it leaves no zombie behind.
    let _ = child.wait();
    let ready = ready?;
    let mut words = ready.split_whitespace();
    let memory_locked = match (words.next(), words.next()) {
        (Some("ready"), Some("locked")) => true,
        (Some("ready"), Some("unlocked-memory")) => false,
        _ => return Err(AgentError::NoAnswer),
    };
    let pid = words
        .next()
        .and_then(|p| p.parse().ok())
        .ok_or(AgentError::NoAnswer)?;
    Ok(Started {
        pid,
        socket,
        memory_locked,
    })
}

/// Writes the key to the starting agent's standard input and reads its
/// "ready" line.
fn hand_over(child: &mut std::process::Child, key: &SecretString) -> Result<String, AgentError> {
    {
        let mut stdin = child.stdin.take().ok_or(AgentError::NoAnswer)?;
        let line = zeroize::Zeroizing::new(format!("{}\n", key.expose_secret()));
        stdin.write_all(line.as_bytes()).map_err(AgentError::Io)?;
    }
    let stdout = child.stdout.take().ok_or(AgentError::NoAnswer)?;
    let mut ready = String::new();
    BufReader::new(stdout)
        .read_line(&mut ready)
        .map_err(AgentError::Io)?;
    Ok(ready)
}

/// The `agent-serve` side of [`start`]: reads the key from standard input,
/// hardens the process, binds the socket, says it is ready and serves.
pub fn serve_from_stdin(socket: &Path, idle: Option<Duration>) -> Result<(), AgentError> {
    super::server::detach().map_err(AgentError::Io)?;
    super::server::harden_process();
    let mut line = zeroize::Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(AgentError::Io)?;
    let key = SecretString::from(line.trim_end());
    drop(line);
    if !super::kdf::is_raw_key(&key) {
        return Err(AgentError::NotAKey);
    }
    let held = super::server::LockedKey::new(&key);
    drop(key);
    let listener = super::server::bind_private(socket).map_err(AgentError::Io)?;
    tracing::info!(memory_locked = held.is_locked(), "agent started");
    {
        let mut out = std::io::stdout().lock();
        let word = if held.is_locked() {
            "locked"
        } else {
            "unlocked-memory"
        };
        writeln!(out, "ready {word} {}", std::process::id()).map_err(AgentError::Io)?;
        out.flush().map_err(AgentError::Io)?;
    }
    // Nothing more is written: let the starter's pipe close.
    // SAFETY: closing our own standard output and error descriptors.
    unsafe {
        libc::close(1);
        libc::close(2);
    }
    super::server::serve(&listener, socket, &held, idle).map_err(AgentError::Io)?;
    Ok(())
}
