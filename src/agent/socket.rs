//! Where the agent listens and who may talk to it (Unix only).
//!
//! The socket lives in `$XDG_RUNTIME_DIR` (a per-user 0700 folder that the
//! system empties at log-out) when that folder is usable, else beside the
//! database in the data folder (also 0700). Its name carries a digest of
//! the database's path, so two caseloads get two agents. Every connection's
//! peer credentials are checked: only the same user is answered.

use sha2::{Digest, Sha256};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};

/// Longest socket path the kernel accepts (`sun_path`, less the NUL).
const SUN_PATH_MAX: usize = 107;

/// The agent's socket for the database at `db`.
#[must_use]
pub fn socket_path(db: &Path) -> PathBuf {
    let db = db.canonicalize().unwrap_or_else(|_| db.to_path_buf());
    let digest = Sha256::digest(db.as_os_str().as_encoded_bytes());
    let tag: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("caseload-agent-{tag}.sock");
    if let Some(run) = runtime_dir() {
        let p = run.join(&name);
        if p.as_os_str().len() <= SUN_PATH_MAX {
            return p;
        }
    }
    db.parent()
        .map_or_else(|| PathBuf::from(&name), |d| d.join(format!(".{name}")))
}

/// `$XDG_RUNTIME_DIR` when it is an absolute folder of ours, closed to others.
fn runtime_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("XDG_RUNTIME_DIR")?);
    let meta = std::fs::metadata(&dir).ok()?;
    let private = meta.permissions().mode() & 0o077 == 0;
    (dir.is_absolute() && meta.is_dir() && meta.uid() == own_uid() && private).then_some(dir)
}

/// This process's real user id.
#[must_use]
pub fn own_uid() -> u32 {
    // SAFETY: getuid has no arguments and cannot fail.
    unsafe { libc::getuid() }
}

/// The user id at the other end of a connected socket, from the kernel.
pub fn peer_uid(stream: &UnixStream) -> std::io::Result<u32> {
    use std::os::fd::AsRawFd;
    let fd = stream.as_raw_fd();
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let mut cred = libc::ucred {
            pid: 0,
            uid: 0,
            gid: 0,
        };
        let mut len = libc::socklen_t::try_from(std::mem::size_of::<libc::ucred>())
            .map_err(|_| std::io::Error::other("ucred size"))?;
        // SAFETY: fd is an open socket owned by `stream`; the kernel writes
        // at most `len` bytes into `cred`, which we own.
        let rc = unsafe {
            libc::getsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_PEERCRED,
                (&raw mut cred).cast(),
                &raw mut len,
            )
        };
        if rc != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(cred.uid)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let (mut uid, mut gid) = (0, 0);
        // SAFETY: fd is an open socket; getpeereid writes the two ids.
        let rc = unsafe { libc::getpeereid(fd, &raw mut uid, &raw mut gid) };
        if rc != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(uid)
    }
}

/// Whether a peer running as `peer` may be answered by a process of `own`:
/// the same user only (not even root is answered by another user's agent,
/// although root can read any process's memory anyway).
#[must_use]
pub fn peer_allowed(peer: u32, own: u32) -> bool {
    peer == own
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_user_is_allowed() {
        assert!(peer_allowed(1000, 1000));
        assert!(!peer_allowed(1001, 1000));
        assert!(!peer_allowed(0, 1000));
        assert!(!peer_allowed(1000, 0));
    }

    #[test]
    fn the_peer_of_a_socket_pair_is_this_user() {
        let (a, _b) = UnixStream::pair().unwrap();
        assert_eq!(peer_uid(&a).unwrap(), own_uid());
    }

    #[test]
    fn two_databases_get_two_sockets_and_one_gets_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.db");
        let b = dir.path().join("b.db");
        assert_ne!(socket_path(&a), socket_path(&b));
        assert_eq!(socket_path(&a), socket_path(&a));
        assert!(socket_path(&a).as_os_str().len() <= SUN_PATH_MAX);
    }
}
