//! Security: nothing readable left behind, hostile text inert, the
//! passphrase rules, rekeying, backups, and the panic hook. Fictional people only.

mod common;

use assert_cmd::Command;
use caseload::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use common::Sandbox;
use secrecy::SecretString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use caseload::domain::{NewNote, NoteKind};
use caseload::store::Store;

use common::{NOW, PASS};
const MARKER: &str = "Zqxmarker";
/// Set in a child copy of this test binary to make it act a part.
const CHILD_ENV: &str = "CASELOAD_SECURITY_CHILD";

/// Running the binary inside the shared test sandbox (`tests/common`).
trait SandboxCmd {
    fn cmd(&self, args: &[&str]) -> Command;
    fn cmd_on(&self, db: &Path, args: &[&str]) -> Command;
}

impl SandboxCmd for Sandbox {
    /// `caseload --db data/x.db ARGS` with the test passphrase and clock.
    fn cmd(&self, args: &[&str]) -> Command {
        self.cmd_on(&self.db(), args)
    }
    fn cmd_on(&self, db: &Path, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("caseload").unwrap();
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("CASELOAD_PASSPHRASE", PASS)
            .env("CASELOAD_NOW", NOW)
            .envs(self.envs())
            .arg("--db")
            .arg(db)
            .args(args);
        c
    }
}

fn at(h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn note(client_id: i64, body: &str) -> NewNote {
    NewNote {
        client_id,
        kind: Some(NoteKind::HomeVisit),
        outcome: caseload::demo::written_outcome(NoteKind::HomeVisit),
        occurred_at: at(8),
        location: Some(format!("{MARKER} Road")),
        present: None,
        body: body.into(),
        significant: true,
    }
}

/// Every regular file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Asserts no file under the sandbox holds the marker in its raw bytes
/// (as typed, or upper/lower-cased). Returns the files checked.
fn assert_marker_nowhere(sb: &Sandbox) -> Vec<PathBuf> {
    let files = files_under(sb.root.path());
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        for m in [
            MARKER.to_string(),
            MARKER.to_lowercase(),
            MARKER.to_uppercase(),
        ] {
            assert!(
                !contains(&bytes, m.as_bytes()),
                "{} holds the marker in plain text",
                f.display()
            );
        }
    }
    files
}

fn assert_ciphertext_header(f: &Path) {
    let bytes = std::fs::read(f).unwrap();
    assert!(bytes.len() > 1024, "{} is too small", f.display());
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "{} is a plain SQLite file",
        f.display()
    );
}

fn wal(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

fn shm(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-shm", db.display()))
}

/// In a child copy of this binary: open the database and write notes
/// holding the marker until killed.
#[test]
fn child_writer() {
    if std::env::var(CHILD_ENV).as_deref() != Ok("writer") {
        return;
    }
    let db = PathBuf::from(std::env::var("CHILD_DB").unwrap());
    let mut store = Store::open(&db, &SecretString::from(PASS)).unwrap();
    let id = store.clients(false).unwrap()[0].id;
    let mut i = 0u64;
    loop {
        store
            .add_note(&note(id, &format!("{MARKER} visit {i}")), at(9))
            .unwrap();
        if i == 0 {
            println!("ready");
        }
        i += 1;
    }
}

/// In a child copy of this binary: panic with client text in the payload
/// under the program's panic hook.
#[test]
fn child_panic() {
    if std::env::var(CHILD_ENV).as_deref() != Ok("panic") {
        return;
    }
    caseload::hardening::install_panic_hook();
    let name = format!("{MARKER} Smith");
    panic!("could not save the note for {name}");
}

fn child(role: &str, test: &str, sb: &Sandbox) -> std::process::Command {
    let mut c = std::process::Command::new(std::env::current_exe().unwrap());
    c.args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, role)
        .env("CHILD_DB", sb.db())
        .env("TMPDIR", sb.path("tmp"))
        .env("SQLITE_TMPDIR", sb.path("tmp"))
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

#[test]
fn a_scripted_session_leaves_the_marker_in_no_file() {
    let sb = Sandbox::new();
    std::fs::write(
        sb.path("config/config.toml"),
        "idle_lock_minutes = 3\nprivacy_mode = true\n",
    )
    .unwrap();
    sb.cmd(&["init"]).assert().success();
    let marker_ref = format!("REF-{MARKER}");
    sb.cmd(&[
        "client",
        "add",
        "--given",
        "Ann",
        "--family",
        MARKER,
        "--ref",
        &marker_ref,
    ])
    .assert()
    .success();
    sb.cmd(&["client", "list"])
        .assert()
        .success()
        .stdout(predicates::str::contains(MARKER));
    let note_text = format!("Visited {MARKER} at home; all well.");
    sb.cmd(&[
        "note",
        "add",
        "1",
        "--kind",
        "home-visit",
        "--outcome",
        "seen",
        "--at",
        "2026-11-22 08:00",
        "--significant",
        "--final",
        "--text",
        &note_text,
    ])
    .assert()
    .success();
    sb.cmd(&["note", "list", "1", "--json"])
        .assert()
        .success()
        .stdout(predicates::str::contains(&note_text));

    // A `note add` killed while the text is being typed in.
    let mut typing = std::process::Command::new(assert_cmd::cargo::cargo_bin("caseload"));
    typing
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_NOW", NOW)
        .envs(sb.envs())
        .arg("--db")
        .arg(sb.db())
        .args(["note", "add", "1", "--kind", "phone"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut typing = typing.spawn().unwrap();
    {
        use std::io::Write;
        let stdin = typing.stdin.as_mut().unwrap();
        writeln!(stdin, "Half a note about {MARKER} and").unwrap();
        stdin.flush().unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(600));
    typing.kill().unwrap();
    let status = typing.wait().unwrap();
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "note add ended before the kill");
    }

    // A writer holds the database open: the WAL and SHM must be ciphertext too.
    let db = sb.db();
    {
        let mut store = Store::open(&db, &SecretString::from(PASS)).unwrap();
        let id = store.clients(false).unwrap()[0].id;
        store
            .add_note(&note(id, &format!("Saw {MARKER} at home.")), at(9))
            .unwrap();
        assert!(wal(&db).metadata().unwrap().len() > 0, "no WAL while open");
        assert!(shm(&db).exists(), "no SHM while open");
        assert_marker_nowhere(&sb);

        // Backup while the writer is open, then check the copy.
        let backup = sb.path("data/backup.db");
        sb.cmd(&["backup", backup.to_str().unwrap()])
            .assert()
            .success();
        assert_ciphertext_header(&backup);
        sb.cmd_on(&backup, &["check"])
            .assert()
            .success()
            .stdout(predicates::str::contains("ok"));
        sb.cmd_on(&backup, &["client", "list"])
            .assert()
            .success()
            .stdout(predicates::str::contains(MARKER));
    }

    // A writer killed mid-way leaves its WAL and SHM behind: still ciphertext.
    let mut writer = child("writer", "child_writer", &sb).spawn().unwrap();
    let mut out = BufReader::new(writer.stdout.take().unwrap());
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap() == 0 || line.contains("ready") {
            seen.push_str(&line);
            break;
        }
        seen.push_str(&line);
    }
    assert!(seen.contains("ready"), "the writer did not start: {seen:?}");
    std::thread::sleep(std::time::Duration::from_millis(150));
    writer.kill().unwrap();
    writer.wait().unwrap();
    assert!(wal(&db).metadata().unwrap().len() > 0, "no WAL after kill");
    assert!(shm(&db).exists(), "no SHM after kill");
    let files = assert_marker_nowhere(&sb);
    assert_ciphertext_header(&db);

    // The grep really covered the log and the attempts-free data folder.
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in ["x.db", "x.db-wal", "x.db-shm", "backup.db", "caseload.log"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not written: {names:?}"
        );
    }
    let log = std::fs::read_to_string(sb.path("data/caseload.log")).unwrap();
    assert!(log.contains("database opened"), "{log}");

    // The grep itself finds a marker when one is there.
    std::fs::write(sb.path("tmp/decoy"), format!("xx{MARKER}xx")).unwrap();
    let found = std::panic::catch_unwind(|| assert_marker_nowhere(&sb));
    assert!(found.is_err(), "the grep missed a planted marker");
    std::fs::remove_file(sb.path("tmp/decoy")).unwrap();

    // After the crash the database still opens and is sound.
    sb.cmd(&["check"]).assert().success();
}

#[test]
fn files_are_private_and_the_database_is_not_plain_sqlite() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    sb.cmd(&["init"]).assert().success();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&sb.db()), 0o600);
    assert_eq!(mode(&sb.path("data/caseload.log")), 0o600);
    assert_ciphertext_header(&sb.db());
}

/// The machine's OpenSSL configuration (here one naming a provider that
/// does not exist, with errors made fatal) is never read: it could load
/// code into the process or change how the records are encrypted, and with
/// this one SQLCipher could not even draw a random number.
#[test]
fn an_openssl_configuration_on_the_machine_is_not_read() {
    let sb = Sandbox::new();
    let conf = sb.path("hostile-openssl.cnf");
    std::fs::write(
        &conf,
        "config_diagnostics = 1\nopenssl_conf = init\n[init]\nproviders = p\n\
         [p]\nnosuch = nosuch_sect\n[nosuch_sect]\nactivate = 1\n",
    )
    .unwrap();
    let with_conf = |args: &[&str]| {
        let mut c = sb.cmd(args);
        c.env("OPENSSL_CONF", &conf);
        c
    };
    with_conf(&["init"]).assert().success();
    with_conf(&["client", "add", "--given", "Ann", "--family", "Testperson"])
        .assert()
        .success();
    let out = with_conf(&["client", "list", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Testperson"));
}

#[path = "security/hostile.rs"]
mod hostile;

#[path = "security/passphrase.rs"]
mod passphrase;

#[test]
fn a_panic_prints_a_generic_message_and_no_payload() {
    let sb = Sandbox::new();
    let out = child("panic", "child_panic", &sb).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stderr.contains(caseload::hardening::PANIC_MESSAGE),
        "stderr: {stderr}"
    );
    assert!(
        !stderr.contains(MARKER),
        "payload leaked to stderr: {stderr}"
    );
    assert!(!stderr.contains("stack backtrace"), "{stderr}");
    assert!(
        !stdout.contains(MARKER),
        "payload leaked to stdout: {stdout}"
    );
}

#[test]
fn the_config_sets_the_late_entry_limits() {
    let sb = Sandbox::new();
    sb.cmd(&["init"]).assert().success();
    sb.cmd(&["client", "add", "--given", "Di", "--family", "Late"])
        .assert()
        .success();
    // A significant contact 14 working days ago: late by default (1 day)…
    let late_note = |sb: &Sandbox| {
        let mut c = sb.cmd(&[
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--outcome",
            "not-applicable",
            "--at",
            "2026-11-02 10:00",
            "--significant",
            "--final",
            "--text",
            "Rang about the move.",
        ]);
        c.assert()
    };
    late_note(&sb)
        .failure()
        .stderr(predicates::str::contains("late entry"));
    // …but not with 20 working days allowed in config.toml.
    std::fs::write(
        sb.path("config/config.toml"),
        "late_entry_significant_working_days = 20\n",
    )
    .unwrap();
    late_note(&sb).success();
    // A broken config is reported, naming the file.
    std::fs::write(sb.path("config/config.toml"), "idle_lock_minutes = \"x\"\n").unwrap();
    sb.cmd(&["client", "list"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("config.toml"));
}
