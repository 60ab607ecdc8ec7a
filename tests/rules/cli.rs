//! The rule engine from the command line.

use super::common::Envs as _;
use assert_cmd::Command;
use predicates::prelude::*;

fn cmd(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("caseload").unwrap();
    c.env("CASELOAD_PASSPHRASE", "correct horse battery")
        .env("CASELOAD_NOW", "2026-11-22T09:00:00")
        .sandboxed()
        .env("CASELOAD_RULES", dir.join("rules.toml"))
        .arg("--db")
        .arg(dir.join("x.db"));
    c
}

#[test]
fn episode_add_list_end_and_rules_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    cmd(dir.path()).arg("init").assert().success();
    cmd(dir.path())
        .args(["client", "add", "--given", "Ada", "--family", "Fictional"])
        .assert()
        .success();
    cmd(dir.path())
        .args([
            "episode",
            "add",
            "Ada",
            "--kind",
            "mha-s3",
            "--start",
            "2026-08-31",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("28/02/2027").and(predicate::str::contains("mha-s3-expiry")),
        );
    let out = cmd(dir.path())
        .args(["episode", "list", "1", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v[0]["kind"], "mha-s3");
    assert_eq!(v[0]["deadlines"][0]["rule"], "mha-s3-expiry");
    assert!(
        v[0]["deadlines"][0]["source"]
            .as_str()
            .unwrap()
            .contains("Mental Health Act 1983")
    );
    // Renewal report furnished: the next period follows, from the expiry.
    cmd(dir.path())
        .args([
            "deadline",
            "done",
            "1",
            "--on",
            "2026-11-20",
            "--outcome",
            "renewed",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Next: deadline 4 due 28/08/2027 (mha-s3-expiry)",
        ));
    let out = cmd(dir.path())
        .args(["due", "--within", "120", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v[0]["rule"], "mha-s3-tribunal");
    assert!(v[0]["source"].as_str().unwrap().contains("s66"));
    cmd(dir.path())
        .args(["due", "--within", "120", "--explain"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("weight 80 from rule mha-s3-tribunal")
                .and(predicate::str::contains("   100  mha-s3-expiry")),
        );
    cmd(dir.path())
        .args(["episode", "end", "1", "--on", "2026-11-20"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 open deadline(s)"));
    // An override is marked wherever the rule is shown.
    std::fs::write(
        dir.path().join("rules.toml"),
        "[[rule]]\nid = \"cp-visit\"\nperiod = 4\nunit = \"weeks\"\n",
    )
    .unwrap();
    cmd(dir.path())
        .args(["rules", "list"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("cp-visit *")
                .and(predicate::str::contains("local override of")),
        );
    cmd(dir.path())
        .args(["rules", "show", "cp-visit"])
        .assert()
        .success()
        .stdout(predicate::str::contains("4 weeks").and(predicate::str::contains("overridden")));
    std::fs::write(
        dir.path().join("rules.toml"),
        "[[rule]]\nid = \"cp-visit\"\nperoid = 4\n",
    )
    .unwrap();
    cmd(dir.path())
        .args(["rules", "list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("rules.toml"));
}
