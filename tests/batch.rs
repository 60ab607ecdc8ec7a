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
