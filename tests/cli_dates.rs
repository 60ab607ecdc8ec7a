//! Dates on the command line: every date option takes the forms the TUI's
//! forms take (`03/12/2026`, `2026-12-03`, `next tue`…) and refuses
//! anything else with a message naming the option, changing nothing; text
//! output follows `date_style` (UK by default, ISO on request) and `--json`
//! is ISO whatever the setting. The clock is Sunday 22 November 2026.

mod common;

use std::path::{Path, PathBuf};

use common::{PASS, Sandbox, dates_in_other_style};
use serde_json::Value;

/// A database in its own sandbox (not the shared one `common::cli` uses):
/// each test writes its own `config.toml`.
struct Db {
    sb: Sandbox,
    db: PathBuf,
}

impl Db {
    fn new() -> Db {
        let sb = Sandbox::new();
        let db = sb.db();
        let d = Db { sb, db };
        d.ok(&["init"]);
        d
    }

    fn style(&self, style: &str) {
        std::fs::write(
            self.sb.path("config/config.toml"),
            format!("date_style = \"{style}\"\n"),
        )
        .unwrap();
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut c = assert_cmd::Command::cargo_bin("caseload").unwrap();
        common::Envs::sandbox(&mut c, &self.sb);
        c.env("CASELOAD_PASSPHRASE", PASS)
            .env("CASELOAD_NOW", common::NOW)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        String::from_utf8(out.stderr).unwrap()
    }

    fn path(&self) -> &Path {
        &self.db
    }
}

/// One client with a date of birth, a deadline, an action, a note and a
/// planned visit, all typed in the day-first and relative forms.
fn caseload() -> Db {
    let d = Db::new();
    d.ok(&[
        "client", "add", "--given", "Ada", "--family", "Kestrel", "--dob", "3/12/85",
    ]);
    // Typed on Sunday 22 Nov: the Tuesday of next week, 1 Dec.
    d.ok(&[
        "deadline", "add", "ada", "--what", "Review", "--due", "next tue",
    ]);
    d.ok(&[
        "action",
        "add",
        "ada",
        "--what",
        "Ring the GP",
        "--due",
        "03/12/2026",
    ]);
    d.ok(&[
        "note",
        "add",
        "ada",
        "--kind",
        "phone",
        "--at",
        "20/11/2026 2pm",
        "--text",
        "Spoke.",
    ]);
    d.ok(&["visit", "plan", "ada", "--at", "Tue 24/11/2026 10:00"]);
    d
}

#[test]
fn date_options_take_the_forms_the_forms_take() {
    let d = caseload();
    let c = d.json(&["client", "show", "ada", "--json"]);
    assert_eq!(c["client"]["dob"], "1985-12-03", "{c}");
    let dl = d.json(&["deadline", "list", "ada", "--json"]);
    assert_eq!(dl[0]["due"], "2026-12-01", "next tue from a Sunday: {dl}");
    let a = d.json(&["action", "list", "--json"]);
    assert_eq!(a[0]["due"], "2026-12-03", "{a}");
    let n = d.json(&["note", "list", "ada", "--json"]);
    assert_eq!(n[0]["occurred_at"], "2026-11-20T14:00:00", "{n}");
    let v = d.json(&["visit", "list", "--json"]);
    assert_eq!(v[0]["planned_at"], "2026-11-24T10:00:00", "{v}");
    // The agenda's range in any of the forms, the two ends mixed.
    let ag = d.json(&[
        "agenda",
        "--from",
        "24/11/2026",
        "--to",
        "2026-12-01",
        "--json",
    ]);
    let days: Vec<&str> = ag
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["date"].as_str().unwrap())
        .collect();
    assert!(
        days.contains(&"2026-11-24") && days.contains(&"2026-12-01"),
        "{ag}"
    );
    assert!(!days.contains(&"2026-12-03"), "{ag}");
    let ag = d.json(&["agenda", "--from", "tue", "--to", "+2w", "--json"]);
    assert!(
        ag.as_array()
            .unwrap()
            .iter()
            .any(|i| i["date"] == "2026-12-03"),
        "{ag}"
    );
}

#[test]
fn a_bad_date_is_refused_naming_the_option_and_nothing_changes() {
    let d = caseload();
    let before = d.ok(&["deadline", "list", "ada", "--json"]);
    let e = d.fails(&["agenda", "--from", "31/02/2026"]);
    assert!(e.contains("--from") && e.contains("not a real date"), "{e}");
    let e = d.fails(&["agenda", "--to", "soonish"]);
    assert!(e.contains("--to") && e.contains("03/12/2026"), "{e}");
    let e = d.fails(&["deadline", "add", "ada", "--what", "X", "--due", "12/3/26"]);
    assert!(e.contains("--due") && e.contains("year in full"), "{e}");
    let e = d.fails(&[
        "deadline",
        "add",
        "ada",
        "--what",
        "X",
        "--due",
        "Fri 01/12/2026",
    ]);
    assert!(e.contains("--due") && e.contains("Tuesday"), "{e}");
    let e = d.fails(&["visit", "list", "--from", "2026/12/01"]);
    assert!(e.contains("--from"), "{e}");
    assert_eq!(d.ok(&["deadline", "list", "ada", "--json"]), before);
    assert!(d.path().exists());
}

#[test]
fn text_output_follows_the_date_style_and_json_stays_iso() {
    let d = caseload();
    let text_commands: [&[&str]; 8] = [
        &["agenda", "--from", "20/11/2026", "--to", "+2w"],
        &["client", "show", "ada"],
        &["client", "list"],
        &["deadline", "list", "ada"],
        &["action", "list"],
        &["note", "list", "ada"],
        &["visit", "list"],
        &["due"],
    ];
    for (style, iso) in [("uk", false), ("iso", true)] {
        d.style(style);
        let mut all = String::new();
        for args in text_commands {
            all.push_str(&d.ok(args));
        }
        assert_eq!(
            dates_in_other_style(&all, iso),
            Vec::<String>::new(),
            "{style}:\n{all}"
        );
        let want = if iso {
            [
                "1985-12-03",
                "2026-12-01",
                "2026-12-03",
                "2026-11-20 14:00",
                "Tue 2026-11-24 10:00",
            ]
        } else {
            [
                "03/12/1985",
                "01/12/2026",
                "03/12/2026",
                "20/11/2026 14:00",
                "Tue 24/11/2026 10:00",
            ]
        };
        for w in want {
            assert!(all.contains(w), "{style}: no {w} in\n{all}");
        }
        let j = d.ok(&["deadline", "list", "ada", "--json"]);
        assert!(
            j.contains("\"2026-12-01\"") && !j.contains("01/12/2026"),
            "{j}"
        );
    }
    // A broken setting names the file and what it may be.
    d.style("american");
    let e = d.fails(&["client", "list"]);
    assert!(e.contains("config.toml") && e.contains("iso"), "{e}");
}
