//! Hostile text (terminal control sequences, bidirectional overrides)
//! stays inert in the table and the JSON.

use super::*;

/// The hostile payloads the issue names, each wrapped in visible text.
fn payloads() -> Vec<String> {
    [
        "\u{1b}]52;c;aGVsbG8=\u{7}",
        "\u{1b}]0;pwned title\u{7}",
        "\u{1b}]8;;http://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\",
        "\u{1b}[2J",
        "\u{1b}[6n",
        "\u{1b}P1$qm\u{1b}\\",
        "\u{9b}31m",
        "\u{9d}0;t\u{7}",
        "\u{202e}gnp.exe",
        "\u{1b}]unterminated",
    ]
    .iter()
    .map(|p| format!("Bo{p}"))
    .collect()
}

fn assert_inert(out: &str) {
    for c in out.chars() {
        assert!(
            !(matches!(c, '\u{202a}'..='\u{202e}') || c.is_control() && c != '\n'),
            "control {c:?} in output:\n{out}"
        );
    }
    for bad in [
        "\\u001b",
        "\\u0007",
        "\\u009b",
        "\\u009d",
        "\\u202e",
        "aGVsbG8=",
        "evil.example",
        "pwned",
    ] {
        assert!(!out.contains(bad), "{bad} survived in:\n{out}");
    }
}

#[test]
fn hostile_names_are_inert_in_the_table_and_json() {
    let sb = Sandbox::new();
    sb.cmd(&["init"]).assert().success();
    let ps = payloads();
    for p in &ps {
        sb.cmd(&["client", "add", "--given", p, "--family", p, "--ref", p])
            .assert()
            .success();
    }
    // Stored as typed.
    {
        let store = Store::open(&sb.db(), &SecretString::from(PASS)).unwrap();
        let stored: Vec<String> = store
            .clients(false)
            .unwrap()
            .into_iter()
            .map(|c| c.given_name)
            .collect();
        assert_eq!(stored.len(), ps.len());
        for p in &ps {
            assert!(stored.contains(p), "not stored as typed: {p:?}");
        }
    }
    let table = sb.cmd(&["client", "list"]).assert().success();
    let table = String::from_utf8(table.get_output().stdout.clone()).unwrap();
    assert_inert(&table);
    assert_eq!(table.lines().count(), ps.len() + 1, "{table}");
    assert!(table.lines().skip(1).all(|l| l.contains("Bo")), "{table}");
    let json = sb.cmd(&["client", "list", "--json"]).assert().success();
    let json = String::from_utf8(json.get_output().stdout.clone()).unwrap();
    assert_inert(&json);
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed.as_array().unwrap().len(), ps.len());
    assert!(json.contains("\"given_name\": \"Bolink\""), "{json}");

    // The same payloads as a note's text, place and people present.
    let all = ps.join(" ");
    sb.cmd(&[
        "note",
        "add",
        "1",
        "--kind",
        "phone",
        "--at",
        "2026-11-22 08:00",
    ])
    .args(["--where", &all, "--present", &all, "--text", &all])
    .assert()
    .success();
    for args in [
        &["note", "list", "1"][..],
        &["note", "list", "1", "--json"],
        &["client", "show", "1"],
        &["client", "show", "1", "--json"],
    ] {
        let out = sb.cmd(args).assert().success();
        let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert_inert(&out);
        assert!(out.contains("Bo"), "{args:?} printed nothing: {out}");
    }
}
