//! The command line on a temporary database: `caseload --db DB …` with the
//! test passphrase and clock in the shared sandbox, and the few ways the
//! tests run it (must succeed, must fail, JSON).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// `caseload --db DB`, sandboxed, with the test passphrase and clock.
pub fn on(db: &Path) -> Command {
    let mut c = super::caseload();
    c.arg("--db").arg(db);
    c
}

/// Runs `args` on `db`, asserting success; returns stdout.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = on(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `args` on `db`, asserting success; returns stdout as JSON.
pub fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

/// Runs `args` on `db`, asserting failure with nothing on stdout; returns
/// stderr.
pub fn fails(db: &Path, args: &[&str]) -> String {
    let out = on(db).args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(
        out.stdout.is_empty(),
        "{args:?} printed to stdout on failure"
    );
    String::from_utf8(out.stderr).unwrap()
}

/// A new, empty database (`init`) in a fresh temporary folder.
pub fn new_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    ok(&db, &["init"]);
    (dir, db)
}

/// A new database holding one client (id 1), added with `client add`.
pub fn new_db_with_client(given: &str, family: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    ok(
        &db,
        &["client", "add", "--given", given, "--family", family],
    );
    (dir, db)
}
