//! Who writes the notes (issue 25, item 8): `caseload config set
//! author.name …` (and role, team, Social Work England registration) is
//! kept in `config.toml` and shown by `caseload config show`; no database
//! is needed. Fictional people only.

mod common;

use common::Sandbox;

fn run(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    let mut c = assert_cmd::Command::cargo_bin("caseload").unwrap();
    common::Envs::sandbox(&mut c, sb);
    c.args(args).output().unwrap()
}

fn ok(sb: &Sandbox, args: &[&str]) -> String {
    let out = run(sb, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn config_set_keeps_the_author_and_config_show_says_it() {
    let sb = Sandbox::new();
    let shown = ok(&sb, &["config", "show"]);
    assert!(shown.contains("author not recorded"), "{shown}");
    ok(&sb, &["config", "set", "author.name", "Priya Testworker"]);
    ok(&sb, &["config", "set", "author.role", "AMHP"]);
    ok(&sb, &["config", "set", "author.team", "North AMHP team"]);
    ok(&sb, &["config", "set", "author.registration", "SW123456"]);
    let shown = ok(&sb, &["config", "show"]);
    assert!(
        shown.contains(
            "Notes you seal say: Priya Testworker, AMHP, North AMHP team (Social Work England SW123456)"
        ),
        "{shown}"
    );
    let file = std::fs::read_to_string(sb.path("config/config.toml")).unwrap();
    assert!(
        file.contains("[author]") && file.contains("Priya Testworker"),
        "{file}"
    );
    // Changeable; a wrong key is refused naming the right ones, nothing changed.
    ok(&sb, &["config", "set", "author.role", "Social worker"]);
    let out = run(&sb, &["config", "set", "author.nmae", "Someone Else"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("author.name"), "{err}");
    let shown = ok(&sb, &["config", "show"]);
    assert!(shown.contains("Priya Testworker, Social worker"), "{shown}");
    assert!(!shown.contains("Someone Else"), "{shown}");
}
