//! The agent process: holds one derived key in locked memory and answers
//! the same user on a 0600 socket until `lock`, its idle timeout, or the end
//! of the session (Unix only).

use secrecy::{ExposeSecret, SecretString};
use std::io::{BufRead, BufReader, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::time::{Duration, Instant};

use super::protocol::{Reply, Request};
use super::socket::{own_uid, peer_allowed, peer_uid};

/// Longest request line read from a client.
const MAX_LINE: u64 = 256;
/// How long one client may take to send its request.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(2);

/// The derived key in memory that is locked (never swapped) and wiped on drop.
pub struct LockedKey {
    bytes: Box<[u8]>,
    locked: bool,
}

impl LockedKey {
    /// Copies `key` into a fresh buffer and locks its pages in memory.
    #[must_use]
    pub fn new(key: &SecretString) -> LockedKey {
        let bytes: Box<[u8]> = key.expose_secret().as_bytes().into();
        // SAFETY: the pointer and length describe the buffer we own; mlock
        // only changes how the kernel pages it.
        let locked = unsafe { libc::mlock(bytes.as_ptr().cast(), bytes.len()) } == 0;
        LockedKey { bytes, locked }
    }

    /// Whether the kernel agreed to keep the key out of swap.
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.locked
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes).unwrap_or_default()
    }
}

impl Drop for LockedKey {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut *self.bytes);
        if self.locked {
            // SAFETY: the same range we locked, still owned by us.
            unsafe { libc::munlock(self.bytes.as_ptr().cast(), self.bytes.len()) };
        }
    }
}

/// Forks, and ends the parent at once: the agent carries on as a child of
/// nobody who outlives it but init (or the nearest subreaper), so whoever
/// started it reaps the parent straight away and an ended agent is never
/// left as a zombie of a long-running process (the terminal UI, a test).
/// Called first thing in `agent-serve`, before any thread or key exists.
pub fn detach() -> std::io::Result<()> {
    // SAFETY: `agent-serve` has started no thread yet, so the child is a
    // whole copy; the parent only calls `_exit`, which runs no destructor.
    match unsafe { libc::fork() } {
        -1 => Err(std::io::Error::last_os_error()),
        0 => Ok(()),
        _ => unsafe { libc::_exit(0) },
    }
}

/// Makes this process unfit for core dumps and (on Linux) for other
/// processes of the same user to read its memory through /proc or ptrace,
/// and detaches it from the terminal that started it.
pub fn harden_process() {
    crate::hardening::disable_core_dumps();
    #[cfg(any(target_os = "linux", target_os = "android"))]
    // SAFETY: PR_SET_DUMPABLE with 0 only changes this process's flags.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
    // SAFETY: setsid has no arguments; failing (already a leader) is harmless.
    unsafe {
        libc::setsid();
    }
}

/// Binds the socket at `path` readable and writable by this user only.
pub fn bind_private(path: &Path) -> std::io::Result<UnixListener> {
    if path.exists() {
        std::fs::remove_file(path)?;
    }
    // The mode is set through the umask so the socket never exists wider
    // open, not even between bind and chmod.
    // SAFETY: umask only changes this process's file-creation mask.
    let old = unsafe { libc::umask(0o177) };
    let bound = UnixListener::bind(path);
    // SAFETY: as above, restoring the previous mask.
    unsafe { libc::umask(old) };
    let listener = bound?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    Ok(listener)
}

/// What ended the agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// A `lock` request.
    Locked,
    /// No key was asked for within the idle timeout.
    Idle,
}

/// Serves `listener` until locked or idle for `idle`, then removes the
/// socket file at `path`. The key is wiped when `key` drops.
pub fn serve(
    listener: &UnixListener,
    path: &Path,
    key: &LockedKey,
    idle: Option<Duration>,
) -> std::io::Result<Ended> {
    let started = Instant::now();
    let mut last_use = Instant::now();
    let own = own_uid();
    let ended = loop {
        let left = idle.map(|i| i.saturating_sub(last_use.elapsed()));
        if left == Some(Duration::ZERO) {
            break Ended::Idle;
        }
        if !wait_readable(listener, left)? {
            continue;
        }
        let Ok((stream, _)) = listener.accept() else {
            continue;
        };
        match peer_uid(&stream) {
            Ok(uid) if peer_allowed(uid, own) => {}
            Ok(uid) => {
                tracing::warn!(uid, "agent refused a connection from another user");
                let _ = answer(&stream, &Reply::Refused);
                continue;
            }
            Err(_) => continue,
        }
        let Some(request) = read_request(&stream) else {
            let _ = answer(&stream, &Reply::Error("unknown request".into()));
            continue;
        };
        let reply = match request {
            Request::Key => {
                last_use = Instant::now();
                Reply::Key(SecretString::from(key.as_str()))
            }
            Request::Status => Reply::Status {
                unlocked_for: started.elapsed(),
                idle_left: idle.map(|i| i.saturating_sub(last_use.elapsed())),
            },
            Request::Lock => Reply::Locked,
        };
        let _ = answer(&stream, &reply);
        if matches!(reply, Reply::Locked) {
            break Ended::Locked;
        }
    };
    let _ = std::fs::remove_file(path);
    tracing::info!(?ended, "agent ended");
    Ok(ended)
}

/// Waits until a connection is pending or `timeout` passes; false on timeout.
fn wait_readable(listener: &UnixListener, timeout: Option<Duration>) -> std::io::Result<bool> {
    let mut fds = libc::pollfd {
        fd: listener.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // Wake at least once a minute: a long sleep would miss a suspended
    // laptop's lost time less gracefully.
    let ms = timeout.map_or(60_000, |t| t.as_millis().min(60_000));
    let ms = i32::try_from(ms).unwrap_or(60_000);
    // SAFETY: one pollfd we own, count 1.
    let rc = unsafe { libc::poll(&raw mut fds, 1, ms) };
    if rc < 0 {
        let e = std::io::Error::last_os_error();
        return if e.kind() == std::io::ErrorKind::Interrupted {
            Ok(false)
        } else {
            Err(e)
        };
    }
    Ok(rc > 0)
}

fn read_request(stream: &UnixStream) -> Option<Request> {
    stream.set_read_timeout(Some(CLIENT_TIMEOUT)).ok()?;
    let mut line = String::new();
    BufReader::new(std::io::Read::take(stream, MAX_LINE))
        .read_line(&mut line)
        .ok()?;
    Request::parse(line.trim_end())
}

fn answer(mut stream: &UnixStream, reply: &Reply) -> std::io::Result<()> {
    let _ = stream.set_write_timeout(Some(CLIENT_TIMEOUT));
    let text = reply.encode();
    stream.write_all(text.expose_secret().as_bytes())?;
    stream.flush()
}
