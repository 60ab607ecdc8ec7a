//! `caseload batch`: many commands on one open database, each answered on
//! standard output in order, a failing line reported without stopping the rest.

mod common;

use serde_json::Value;

use common::cli::{new_db, on};

const SCRIPT: &str = "\
# two clients, then what is there
client add --given Bertie --family Quill
[\"client\", \"add\", \"--given\", \"Ada Mae\", \"--family\", \"O'Hare\"]

client list --json
client show nobody-by-this-name
due --json
";

#[test]
fn json_lines_answer_every_command_in_order() {
    let (_dir, db) = new_db();
    let out = on(&db)
        .args(["batch", "--json"])
        .write_stdin(SCRIPT)
        .output()
        .unwrap();
    assert!(!out.status.success(), "one line failed, so the batch fails");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let answers: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let lines: Vec<u64> = answers
        .iter()
        .map(|a| a["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 5, 6, 7]);
    let ok: Vec<bool> = answers.iter().map(|a| a["ok"].as_bool().unwrap()).collect();
    assert_eq!(ok, [true, true, true, false, true]);
    let list = answers[2]["output"].as_array().unwrap();
    let families: Vec<&str> = list
        .iter()
        .map(|c| c["family_name"].as_str().unwrap())
        .collect();
    assert!(
        families.contains(&"Quill") && families.contains(&"O'Hare"),
        "{list:?}"
    );
    let error = answers[3]["error"].as_str().unwrap();
    assert!(error.contains("no open client matches"), "{error}");
    assert!(answers[4]["output"].is_object() || answers[4]["output"].is_array());
}

#[test]
fn plain_answers_end_with_ok_or_error_and_batch_only_commands_are_refused() {
    let (_dir, db) = new_db();
    let out = on(&db)
        .arg("batch")
        .write_stdin("client list\nunlock\n--demo client list\nclient list --json\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let marks: Vec<&str> = stdout.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(marks.len(), 4, "{stdout}");
    assert_eq!(marks[0], "# ok");
    assert!(marks[1].starts_with("# error: this command cannot run inside a batch"));
    assert!(marks[2].starts_with("# error: a batch runs on one database"));
    assert_eq!(marks[3], "# ok");
    assert!(stdout.contains("[]"), "{stdout}");
}

/// The README's batch example, word for word (it lives in the docs; this
/// is the command it shows, run as a shell would run it, with HOME in a
/// fresh sandbox and the passphrase from the environment).
#[cfg(unix)]
const README_EXAMPLE: &str = r#"export CASELOAD_DB=~/caseload-test.db
caseload init
caseload client add --given Marnie --family Thistlewood --risk high
echo "Visited at home; all well." | caseload note add marnie --kind home-visit --outcome seen --final
caseload due --json | jq '.[] | select(.overdue)'

caseload unlock                        # asks once
printf '%s\n' 'client list --json' 'due --json' | caseload batch --json
caseload lock
"#;

#[cfg(unix)]
#[test]
fn the_readme_batch_example_runs_as_written_with_caseload_db() {
    use common::Envs;
    if !common::require_tool("jq", "apt-get install jq") {
        return;
    }
    let sb = common::Sandbox::new();
    // `caseload` on PATH as the example expects, this build's binary.
    let bin_dir = sb.path("bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin("caseload"),
        bin_dir.join("caseload"),
    )
    .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut sh = std::process::Command::new("sh");
    sh.arg("-e")
        .arg("-c")
        .arg(README_EXAMPLE)
        .sandbox(&sb)
        .env_remove("XDG_RUNTIME_DIR")
        .env("PATH", path)
        .env("CASELOAD_PASSPHRASE", common::PASS)
        .env("CASELOAD_NOW", common::NOW);
    let out = sh.output().unwrap();
    // Whatever happened, no agent is left running.
    let _ = common::caseload()
        .sandbox(&sb)
        .env_remove("XDG_RUNTIME_DIR")
        .arg("--db")
        .arg(sb.path("home/caseload-test.db"))
        .arg("lock")
        .output();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let answers: Vec<Value> = stdout
        .lines()
        .filter(|l| l.starts_with("{\"line\""))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), 2, "{stdout}");
    assert!(answers.iter().all(|a| a["ok"] == true), "{stdout}");
    let families: Vec<&str> = answers[0]["output"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["family_name"].as_str())
        .collect();
    assert_eq!(families, ["Thistlewood"]);
    assert!(sb.path("home/caseload-test.db").exists());
}

#[test]
fn batch_honours_caseload_db_and_its_lines_cannot_name_another_database() {
    use common::Envs;
    let (_dir, db) = new_db();
    let (_other_dir, other) = new_db();
    let mut c = common::caseload();
    c.sandboxed().env("CASELOAD_DB", &db);
    let out = c
        .arg("batch")
        .write_stdin(format!(
            "client add --given Bertie --family Quill\n--db {} client list\nclient list --json\n",
            other.display()
        ))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let marks: Vec<&str> = stdout.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(marks.len(), 3, "{stdout}");
    assert_eq!(marks[0], "# ok", "{stdout}");
    assert!(
        marks[1].starts_with("# error: a batch runs on one database"),
        "{stdout}"
    );
    assert_eq!(marks[2], "# ok", "{stdout}");
    assert!(stdout.contains("Quill"), "{stdout}");
    // The line naming another database changed nothing there.
    let listed = common::cli::json(&other, &["client", "list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 0);
}
