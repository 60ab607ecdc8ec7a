//! The agent daemonises with a double fork: the process a starter spawns
//! ends at once (and is reaped by it) while the agent serves on, so an
//! agent that ends is never left as a zombie child of whoever started it.
#![cfg(unix)]

use caseload::agent::{Status, kdf, socket::socket_path};
use secrecy::{ExposeSecret, SecretString};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PASS: &str = "amber lantern orchard tide";

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    done()
}

/// The processes whose parent is this test, with their state letter.
fn children() -> Vec<(u32, char)> {
    let me = std::process::id().to_string();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            // "pid (comm) S ppid …": the fields after the command's ')'.
            let mut rest = stat.rsplit_once(')')?.1.split_whitespace();
            let state = rest.next()?.chars().next()?;
            (rest.next()? == me).then_some((pid, state))
        })
        .collect()
}

#[test]
fn the_started_process_is_reaped_and_no_zombie_stays_after_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let init = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .env("CASELOAD_PASSPHRASE", PASS)
        .arg("--db")
        .arg(&db)
        .arg("init")
        .output()
        .unwrap();
    assert!(init.status.success());
    let socket = socket_path(&db);
    let key = kdf::raw_key(&SecretString::from(PASS), &kdf::file_salt(&db).unwrap());

    // As `caseload unlock` starts it: key on standard input, empty environment.
    let mut child = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .env_clear()
        .arg("--db")
        .arg(&db)
        .arg("agent-serve")
        .arg("--socket")
        .arg(&socket)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}", key.expose_secret()).unwrap();
    drop(stdin);
    let mut ready = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut ready)
        .unwrap();
    assert!(ready.starts_with("ready "), "{ready}");
    let agent: u32 = ready.split_whitespace().last().unwrap().parse().unwrap();
    assert_ne!(agent, child.id(), "the agent is not the process started");

    // The process started has ended by itself; the agent serves on.
    assert!(wait_until(Duration::from_secs(5), || child
        .try_wait()
        .unwrap()
        .is_some()));
    assert!(matches!(
        caseload::agent::status(&db),
        Status::Unlocked { .. }
    ));
    assert!(
        !children().iter().any(|(pid, _)| *pid == agent),
        "the agent is still this test's child"
    );

    assert!(caseload::agent::lock(&db));
    assert!(wait_until(Duration::from_secs(5), || !socket.exists()));
    let zombies: Vec<_> = children().into_iter().filter(|(_, s)| *s == 'Z').collect();
    assert!(zombies.is_empty(), "zombie children: {zombies:?}");
}
