//! Issue 12 from the command line: hours, the countdown, windows, the law
//! to come, and an example for every rule.

use super::common::Envs as _;
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn cmd(dir: &Path, now: &str) -> Command {
    let mut c = Command::cargo_bin("caseload").unwrap();
    c.env("CASELOAD_PASSPHRASE", "correct horse battery")
        .env("CASELOAD_NOW", now)
        .sandboxed()
        .env("CASELOAD_RULES", dir.join("rules.toml"))
        .arg("--db")
        .arg(dir.join("x.db"));
    c
}

#[test]
fn hours_countdown_windows_and_the_law_to_come_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let now = "2026-10-25T17:10:00";
    cmd(dir.path(), now).arg("init").assert().success();
    cmd(dir.path(), now)
        .args(["client", "add", "--given", "Ada", "--family", "Fictional"])
        .assert()
        .success();
    // A date alone is refused for a kind counted in hours.
    cmd(dir.path(), now)
        .args([
            "episode",
            "add",
            "Ada",
            "--kind",
            "mha-s136",
            "--start",
            "2026-10-24",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("counts in hours"));
    cmd(dir.path(), now)
        .args([
            "episode",
            "add",
            "Ada",
            "--kind",
            "mha-s136",
            "--start",
            "2026-10-24 23:30",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("25/10/2026 22:30"));
    cmd(dir.path(), now)
        .args([
            "episode",
            "add",
            "Ada",
            "--kind",
            "mha-s3",
            "--start",
            "2026-09-01",
        ])
        .assert()
        .success();
    let out = cmd(dir.path(), now)
        .args(["due", "--within", "200", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let items = v.as_array().unwrap();
    let s136 = items
        .iter()
        .find(|i| i["rule"] == "mha-s136-expiry")
        .unwrap();
    assert_eq!(s136["due"], "2026-10-25");
    assert_eq!(s136["due_at"], "2026-10-25T22:30");
    let s3 = items.iter().find(|i| i["rule"] == "mha-s3-expiry").unwrap();
    assert_eq!(s3["due"], "2027-02-28");
    assert_eq!(s3["window_opens"], "2027-01-01");
    assert!(s3.get("due_at").is_none());
    // 17:10 to 22:30 GMT: 5 h 20 min.
    cmd(dir.path(), now)
        .args(["due", "--within", "200"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("5 h 20 min left")
                .and(predicate::str::contains("window opens 01/01/2027")),
        );
    let out = cmd(dir.path(), now)
        .args([
            "agenda",
            "--from",
            "2026-10-25",
            "--to",
            "2026-10-25",
            "--json",
        ])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v[0]["time"], "22:30", "{v}");
    // At 22:31 the s136 has lapsed by the clock: overdue, ranked first.
    let out = cmd(dir.path(), "2026-10-25T22:31:00")
        .args(["due", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v[0]["rule"], "mha-s136-expiry");
    assert_eq!(v[0]["overdue"], true);
    cmd(dir.path(), "2026-10-25T22:31:00")
        .arg("due")
        .assert()
        .success()
        .stdout(predicate::str::contains("overdue by 1 min"));
    // s136B: extended once by 12 hours.
    cmd(dir.path(), now)
        .args(["episode", "extend", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("26/10/2026 10:30"));
    cmd(dir.path(), now)
        .args(["episode", "mark", "1", "hearing", "--on", "2026-10-25"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("takes these dates: none"));
    // A funding panel's decision is kept with its outcome; a refusal gives
    // the date to ask for reconsideration (28 days, local practice).
    cmd(dir.path(), now)
        .args([
            "episode",
            "add",
            "Ada",
            "--kind",
            "funding-panel",
            "--start",
            "2026-10-01",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "episode mark 3 MARK --on DATE`: panel, decision",
        ));
    cmd(dir.path(), now)
        .args(["episode", "mark", "3", "decision", "--on", "2026-10-20"])
        .args(["--outcome", "declined"])
        .assert()
        .success()
        .stdout(predicate::str::contains("17/11/2026"));
    let out = cmd(dir.path(), now)
        .args(["episode", "list", "1", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let panel = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "funding-panel")
        .unwrap();
    assert_eq!(panel["marks"][0]["mark"], "decision");
    assert_eq!(panel["marks"][0]["outcome"], "declined");
    let s136 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "mha-s136")
        .unwrap();
    assert_eq!(s136["start_at"], "2026-10-24T23:30:00");
    cmd(dir.path(), now)
        .args([
            "rules",
            "show",
            "mha-s136-expiry",
            "--from",
            "2026-10-24 23:30",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "from 24/10/2026 23:30: ends 25/10/2026 22:30 (24 real hours",
        ));
    // The MHA 2025 version waits on its commencement.
    cmd(dir.path(), now)
        .args(["rules", "show", "mha-s3-expiry"])
        .assert()
        .success()
        .stdout(predicate::str::contains("in force from 30/09/1983").and(
            predicate::str::contains(
                "when commenced this becomes 6 months, then 3 months, then 6 months (repeating)",
            ),
        ));
    std::fs::write(
        dir.path().join("rules.toml"),
        "[[commencement]]\nid = \"mha-2025-detention-periods\"\non = \"2027-10-01\"\n",
    )
    .unwrap();
    cmd(dir.path(), now)
        .args(["rules", "show", "mha-s3-expiry"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("in force 30/09/1983 to 30/09/2027").and(
                predicate::str::contains("from 01/10/2027 this becomes 6 months, then 3 months"),
            ),
        );
    cmd(dir.path(), now)
        .args(["rules", "show", "mha-s3-expiry", "--on", "2027-10-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("in force from 01/10/2027").and(
            predicate::str::contains("6 months, then 3 months, then 6 months"),
        ));
}

#[test]
fn every_shipped_rule_shows_an_example() {
    let dir = tempfile::tempdir().unwrap();
    let set = super::rules();
    for id in set.rule_ids() {
        let out = cmd(dir.path(), "2026-10-24T09:00:00")
            .args(["rules", "show", id])
            .assert()
            .success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        let example = text
            .lines()
            .find(|l| l.trim_start().starts_with("example"))
            .unwrap_or_else(|| panic!("{id}: no example\n{text}"));
        assert!(example.contains("20"), "{id}: {example}");
        assert!(text.contains("source"), "{id}");
        assert!(text.contains("  law "), "{id}");
    }
}
