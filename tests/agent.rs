//! Unlock once (Unix): the agent answers only its own user, on a 0600
//! socket, ends on `lock` and on its idle timeout (removing the socket),
//! and neither its log nor its environment holds the passphrase or the key.
#![cfg(unix)]

use assert_cmd::Command;
use caseload::agent::{kdf, socket::socket_path};
use secrecy::{ExposeSecret, SecretString};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const PASS: &str = "blue kettle river meadow";

/// A command on `db` with no passphrase anywhere (and no terminal): it
/// works only if an agent holds the key.
fn without_passphrase(db: &Path) -> Command {
    let mut c = Command::cargo_bin("caseload").unwrap();
    c.env_remove("CASELOAD_PASSPHRASE")
        .env_remove("CASELOAD_DB")
        .env_remove("XDG_RUNTIME_DIR")
        .env("CASELOAD_NOW", "2026-11-22T09:00:00")
        .arg("--db")
        .arg(db);
    c
}

fn with_passphrase(db: &Path) -> Command {
    let mut c = without_passphrase(db);
    c.env("CASELOAD_PASSPHRASE", PASS);
    c
}

fn run(mut c: Command, args: &[&str]) -> (bool, String, String) {
    let out = c.args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A new database and an agent unlocked for it with `extra` arguments.
fn unlocked(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert!(run(with_passphrase(&db), &["init"]).0);
    let mut args = vec!["unlock"];
    args.extend_from_slice(extra);
    let (ok, out, err) = run(with_passphrase(&db), &args);
    assert!(ok, "unlock failed: {err}");
    assert!(out.contains("Unlocked"), "{out}");
    (dir, db)
}

fn agent_pid(socket: &Path) -> Option<u32> {
    let wanted = socket.as_os_str().as_encoded_bytes();
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let cmd = std::fs::read(e.path().join("cmdline")).ok()?;
        let state = std::fs::read_to_string(e.path().join("stat")).ok()?;
        let alive = !state.contains(") Z ");
        (alive && cmd.windows(wanted.len()).any(|w| w == wanted)).then_some(pid)
    })
}

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    done()
}

#[test]
fn unlock_serves_commands_on_a_private_socket_until_lock() {
    let (_dir, db) = unlocked(&["--idle-minutes", "30"]);
    let socket = socket_path(&db);
    let mode = std::fs::metadata(&socket).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "socket mode {mode:o}");

    let (ok, out, err) = run(without_passphrase(&db), &["client", "list", "--json"]);
    assert!(ok, "a command after unlock asked for the passphrase: {err}");
    assert_eq!(out.trim(), "[]");
    let (_, status, _) = run(without_passphrase(&db), &["status", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(v["unlocked"], true);
    assert!(v["locks_in_seconds"].as_u64().unwrap() > 60 * 29);

    // Nothing secret in the agent's environment, arguments or the log.
    let pid = agent_pid(&socket).expect("the agent runs");
    let raw = kdf::raw_key(&SecretString::from(PASS), &kdf::file_salt(&db).unwrap());
    let hex_key = &raw.expose_secret()[2..66];
    let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
    let log = std::fs::read_to_string(db.with_file_name("caseload.log")).unwrap();
    for (what, text) in [
        (
            "environment",
            String::from_utf8_lossy(&environ).into_owned(),
        ),
        ("arguments", String::from_utf8_lossy(&cmdline).into_owned()),
        ("log", log),
    ] {
        assert!(
            !text.contains(PASS),
            "the passphrase is in the agent's {what}"
        );
        assert!(!text.contains(hex_key), "the key is in the agent's {what}");
    }
    assert!(environ.is_empty(), "the agent's environment is not empty");
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let core = limits.lines().find(|l| l.starts_with("Max core")).unwrap();
    assert!(core.split_whitespace().nth(4) == Some("0"), "{core}");

    let (ok, out, _) = run(without_passphrase(&db), &["lock"]);
    assert!(ok && out.contains("Locked"), "{out}");
    assert!(!socket.exists(), "lock left the socket behind");
    assert!(wait_until(Duration::from_secs(5), || agent_pid(&socket).is_none()));
    let (ok, _, err) = run(without_passphrase(&db), &["client", "list"]);
    assert!(!ok, "a command still ran after lock");
    assert!(
        err.contains("passphrase") || err.contains("terminal"),
        "{err}"
    );
    let (_, status, _) = run(without_passphrase(&db), &["status"]);
    assert_eq!(status.trim(), "Locked.");
}

#[test]
fn the_idle_timeout_ends_the_agent_and_removes_the_socket() {
    let (_dir, db) = unlocked(&["--idle-seconds", "2"]);
    let socket = socket_path(&db);
    assert!(socket.exists());
    assert!(
        wait_until(Duration::from_secs(8), || !socket.exists()),
        "the agent outlived its idle timeout"
    );
    assert!(wait_until(Duration::from_secs(5), || agent_pid(&socket).is_none()));
    let (_, status, _) = run(without_passphrase(&db), &["status"]);
    assert_eq!(status.trim(), "Locked.");
}

#[test]
fn a_backup_made_with_the_agents_key_opens_with_the_passphrase() {
    let (dir, db) = unlocked(&["--idle-minutes", "5"]);
    let copy = dir.path().join("copy.db");
    let (ok, _, err) = run(without_passphrase(&db), &["backup", copy.to_str().unwrap()]);
    assert!(ok, "{err}");
    let _ = run(without_passphrase(&db), &["lock"]);
    let (ok, out, err) = run(with_passphrase(&copy), &["client", "list", "--json"]);
    assert!(ok, "the backup does not open with the passphrase: {err}");
    assert_eq!(out.trim(), "[]");
}

/// A connection from another user is refused even when the file system
/// would let it through (here the folder and socket are opened up on
/// purpose). Needs root to run a process as `nobody`; elsewhere the peer
/// check itself is unit-tested in `agent::socket`.
#[test]
fn another_users_connection_is_refused() {
    // SAFETY: getuid cannot fail.
    let root = unsafe { libc::getuid() } == 0;
    let setpriv = Path::new("/usr/bin/setpriv").exists();
    // The system Python (a per-user shim may not be readable by `nobody`).
    let python = Path::new("/usr/bin/python3").exists();
    if !(root && setpriv && python) {
        eprintln!("skipped: needs root, setpriv and /usr/bin/python3 to act as another user");
        return;
    }
    let (dir, db) = unlocked(&["--idle-minutes", "5"]);
    let socket = socket_path(&db);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o777)).unwrap();
    let script = "import socket,sys\n\
s=socket.socket(socket.AF_UNIX)\n\
s.settimeout(5)\n\
s.connect(sys.argv[1])\n\
try: s.sendall(b'key\\n')\n\
except OSError: pass\n\
print(s.recv(512).decode().strip())\n";
    let out = std::process::Command::new("/usr/bin/setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "/usr/bin/python3",
            "-c",
        ])
        .arg(script)
        .arg(&socket)
        .output()
        .unwrap();
    let answer = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let _ = run(without_passphrase(&db), &["lock"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(answer, "refused");
    let log = std::fs::read_to_string(db.with_file_name("caseload.log")).unwrap();
    assert!(
        log.contains("refused a connection from another user"),
        "{log}"
    );
}

#[test]
fn changing_the_passphrase_locks_the_agent() {
    let (_dir, db) = unlocked(&["--idle-minutes", "5"]);
    let socket = socket_path(&db);
    let mut c = with_passphrase(&db);
    c.env("CASELOAD_NEW_PASSPHRASE", "green ladder autumn harbour");
    let (ok, out, err) = run(c, &["passwd"]);
    assert!(ok, "{err}");
    assert!(out.contains("locked"), "{out}");
    assert!(!socket.exists(), "the old key's agent still listens");
    let (_, status, _) = run(without_passphrase(&db), &["status"]);
    assert_eq!(status.trim(), "Locked.");
}
