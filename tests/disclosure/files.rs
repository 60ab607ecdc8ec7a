//! Files created private: exports redirected by a real shell into a file
//! the umask made 0644 end 0600, `export json --out`, and the warning that
//! a whole-caseload export holds every client unencrypted.

use crate::common::cli::{new_db_with_client, ok, on};
use crate::common::{Envs as _, NOW, PASS};
use std::path::Path;

/// Runs `caseload --db DB ARGS > FILE` through `sh -c` under umask 022
/// (what a practitioner's shell does); returns stderr.
#[cfg(unix)]
fn redirected(db: &Path, args: &str, file: &Path) -> String {
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg(format!("umask 022; \"$0\" --db \"$1\" {args} > \"$2\""))
        .arg(assert_cmd::cargo::cargo_bin("caseload"))
        .arg(db)
        .arg(file)
        .env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_NOW", NOW)
        .sandboxed();
    let out = c.output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{args}: {stderr}");
    stderr
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn json_csv_and_ics_redirected_by_the_shell_end_readable_by_the_owner_only() {
    let (dir, db) = new_db_with_client("Ada", "Fictionalson");
    for (args, name) in [
        ("export json", "all.json"),
        ("export csv caseload", "caseload.csv"),
        ("export ics --names", "visits.ics"),
    ] {
        let f = dir.path().join(name);
        let stderr = redirected(&db, args, &f);
        assert_eq!(mode(&f), 0o600, "{args} left {name} open to others");
        assert!(
            stderr.contains("readable by you only"),
            "{args} did not say it restricted the file: {stderr}"
        );
        assert!(
            !std::fs::read(&f).unwrap().is_empty(),
            "{args} wrote nothing"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_file_already_private_is_not_mentioned() {
    let (dir, db) = new_db_with_client("Ada", "Fictionalson");
    let f = dir.path().join("c.ics");
    std::fs::write(&f, "").unwrap();
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg("umask 077; \"$0\" --db \"$1\" export ics >> \"$2\"")
        .arg(assert_cmd::cargo::cargo_bin("caseload"))
        .arg(&db)
        .arg(&f)
        .env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_NOW", NOW)
        .sandboxed();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = c.output().unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("readable by you only"));
}

#[test]
fn export_json_out_writes_a_private_file_and_warns_once() {
    let (dir, db) = new_db_with_client("Ada", "Fictionalson");
    let f = dir.path().join("all.json");
    let out = on(&db)
        .args(["export", "json", "--out"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.matches("unencrypted").count(),
        1,
        "the whole-caseload warning once: {stderr}"
    );
    assert!(stderr.contains("caseload backup"), "{stderr}");
    let text = std::fs::read_to_string(&f).unwrap();
    assert!(text.contains("Fictionalson"));
    #[cfg(unix)]
    assert_eq!(mode(&f), 0o600);
    // What went to the file is what standard output would have held.
    let printed = ok(&db, &["export", "json"]);
    assert_eq!(text, printed);
}
