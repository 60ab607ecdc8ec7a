//! Exports checked by real consumers: the calendar parsed by Python's
//! `icalendar`, spreadsheets read back by the `csv` crate and Python's
//! `csv`, the outage pack printed to PDF by headless Chromium and read back
//! by `pdftotext`; the lossless JSON round trip; template snapshots on the
//! demo with a fixed clock. Fictional people only.
//!
//! Tools missing here are reported and the test skipped, unless
//! `CASELOAD_REQUIRE_TOOLS=1` (then it fails): `tests/common`'s decision,
//! with the tool looked up on PATH rather than run (Chromium has no quick
//! version flag). `.ci/consumers.sh` installs them.

mod common;

use caseload::store::prelude::*;
use common::cli::ok;

use assert_cmd::Command;
use caseload::domain::{NewClient, NewNote, NoteKind};
use caseload::export::files::{self, Job};
use caseload::export::{Format, Made, Period, chronology, gather, paste};
use caseload::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn made() -> Made {
    // A fixed schema number: snapshots must not move when a migration lands.
    Made {
        at: now(),
        schema: 4,
    }
}

/// The path of `tool` (a name on PATH, or a path), or None after saying
/// what to install (a failure under CASELOAD_REQUIRE_TOOLS=1).
fn require_tool(tool: &str, install: &str) -> Option<PathBuf> {
    let found = if tool.contains('/') {
        Some(PathBuf::from(tool)).filter(|p| p.exists())
    } else {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(tool))
                .find(|p| p.is_file())
        })
    };
    let required = std::env::var("CASELOAD_REQUIRE_TOOLS").as_deref() == Ok("1");
    common::tool_decision(found.is_some(), required, tool, install);
    found
}

/// The venv's Python with `icalendar` (from CASELOAD_CONSUMER_PYTHON or target/consumer-venv).
fn python() -> Option<PathBuf> {
    let p = std::env::var("CASELOAD_CONSUMER_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/consumer-venv/bin/python")
        });
    require_tool(
        &p.to_string_lossy(),
        "a Python venv with icalendar (python3-venv, pip install icalendar)",
    )
}

/// The binary, sandboxed (HOME and XDG folders in a temporary place), with
/// the test passphrase and clock.
fn bin() -> Command {
    common::caseload()
}

fn demo_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo"]);
    (dir, db)
}

fn demo_store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    caseload::demo::seed(&mut s, now()).unwrap();
    s
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn json_round_trip_on_the_demo_gives_the_same_document_and_listings() {
    let (dir, a) = demo_db();
    let first = ok(&a, &["export", "json"]);
    let file = dir.path().join("all.json");
    std::fs::write(&file, &first).unwrap();
    let b = dir.path().join("new.db");
    ok(&b, &["import", "json", file.to_str().unwrap()]);
    assert_eq!(
        ok(&b, &["export", "json"]),
        first,
        "export → import → export differs"
    );
    ok(&b, &["check"]);
    for args in [
        &["client", "list", "--all", "--json"][..],
        &["due", "--within", "60", "--json"],
        &["search", "visit", "--json"],
        &["audit", "--json"],
    ] {
        assert_eq!(
            ok(&b, args),
            ok(&a, args),
            "{args:?} differs after the import"
        );
    }
    // Importing again into the now non-empty database is refused.
    let out = bin()
        .arg("--db")
        .arg(&b)
        .args(["import", "json", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds records"));
    // A broken file leaves no database behind.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        first.replacen("\"given_name\"", "\"no_such_column\"", 1),
    )
    .unwrap();
    let c = dir.path().join("c.db");
    let out = bin()
        .arg("--db")
        .arg(&c)
        .args(["import", "json", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!c.exists(), "a failed import left a database");
}

#[test]
fn a_5000_character_significant_note_is_whole_in_every_chronology_format() {
    let mut s = Store::open_in_memory().unwrap();
    let id = s
        .add_client(
            &NewClient {
                given_name: "Wren".into(),
                family_name: "Halloway".into(),
                ..NewClient::default()
            },
            now(),
        )
        .unwrap();
    let body: String = (0..5000)
        .map(|i| {
            if i % 7 == 6 {
                ' '
            } else {
                char::from(b'a' + (i % 26) as u8)
            }
        })
        .collect();
    assert_eq!(body.chars().count(), 5000);
    s.add_note(
        &NewNote {
            client_id: id,
            kind: Some(NoteKind::HomeVisit),
            outcome: caseload::demo::written_outcome(NoteKind::HomeVisit),
            occurred_at: now(),
            location: None,
            present: None,
            body: body.clone(),
            significant: true,
        },
        now(),
    )
    .unwrap();
    let file = gather::client_file(&s, id, now().date(), 0).unwrap();
    for f in [Format::Md, Format::Html, Format::Csv] {
        let doc = chronology::render(&file, &Period::default(), &made(), f).unwrap();
        assert!(doc.contains(body.trim()), "{f:?} lost part of the note");
    }
    let csv = chronology::render(&file, &Period::default(), &made(), Format::Csv).unwrap();
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let row = r.records().next().unwrap().unwrap();
    assert_eq!(
        row.get(6).unwrap().chars().count(),
        body.trim().chars().count()
    );
}

#[test]
fn each_template_on_the_demo_matches_its_snapshot() {
    let s = demo_store();
    // Marnie's finalised phone call with an addendum (note 2).
    let file = gather::client_file(&s, 1, now().date(), 28).unwrap();
    for (name, _) in paste::BUILT_IN {
        let t = paste::find(name, None).unwrap();
        let out = paste::render(&t, &file, 2, &made()).unwrap();
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
        insta::assert_snapshot!(format!("paste_{name}"), out);
    }
    insta::assert_snapshot!(
        "summary_md",
        caseload::export::summary::render(&file, &made(), Format::Md)
    );
    insta::assert_snapshot!(
        "chronology_md",
        chronology::render(&file, &Period::default(), &made(), Format::Md).unwrap()
    );
}

#[test]
fn a_broken_template_is_reported_with_its_file_and_line_and_nothing_printed() {
    let cfg = tempfile::tempdir().unwrap();
    let dir = cfg.path().join("caseload/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("broken.j2"),
        "Client: {{ client.name }}\nok\n{{ client.no_such_field }}\n",
    )
    .unwrap();
    std::fs::write(dir.join("syntax.j2"), "a\nb\n{% if %}\n").unwrap();
    let s = demo_store();
    let file = gather::client_file(&s, 1, now().date(), 28).unwrap();
    for (name, line) in [("broken", 3), ("syntax", 3)] {
        let t = paste::find(name, Some(&dir)).unwrap();
        let err = paste::render(&t, &file, 2, &made())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("{name}.j2")) && err.contains(&format!("line {line}")),
            "{err}"
        );
    }
    // Through the command line: stderr names file and line, stdout is empty.
    let (_d, db) = demo_db();
    let out = bin()
        .env("XDG_CONFIG_HOME", cfg.path())
        .arg("--db")
        .arg(&db)
        .args(["paste", "2", "--template", "broken"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "a broken template was half-applied");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.j2") && err.contains("line 3"), "{err}");
    // A user's file overrides the built-in template of the same name.
    std::fs::write(dir.join("case-note.j2"), "MINE {{ note.id }}\n").unwrap();
    let out = bin()
        .env("XDG_CONFIG_HOME", cfg.path())
        .arg("--db")
        .arg(&db)
        .args(["paste", "2"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "MINE 2\n");
}

#[test]
fn spreadsheets_read_back_whole_and_neutralise_formulas() {
    let mut s = demo_store();
    s.add_client(
        &NewClient {
            given_name: "=HYPERLINK(\"http://x\")".into(),
            family_name: "@Sum".into(),
            phone: Some("+44 1632 960000".into()),
            ..NewClient::default()
        },
        now(),
    )
    .unwrap();
    let py = python();
    let tmp = tempfile::tempdir().unwrap();
    for what in ["caseload", "due", "contacts", "deadlines"] {
        let listing =
            <caseload::export::csv::Listing as clap::ValueEnum>::from_str(what, false).unwrap();
        let doc = files::make(&s, &Job::Csv(listing, Period::default()), now())
            .unwrap()
            .remove(0)
            .content;
        let mut r = csv::Reader::from_reader(doc.as_bytes());
        let width = r.headers().unwrap().len();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert!(!rows.is_empty(), "{what} is empty");
        assert!(
            rows.iter().all(|row| row.len() == width),
            "{what}: ragged rows"
        );
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '@']),
                    "{what}: live formula {cell:?}"
                );
            }
        }
        if what == "caseload" {
            assert!(rows.iter().any(|r| &r[2] == "'=HYPERLINK(\"http://x\")"
                && &r[3] == "'@Sum"
                && &r[9] == "'+44 1632 960000"));
        }
        if let Some(py) = &py {
            let p = tmp.path().join(format!("{what}.csv"));
            std::fs::write(&p, &doc).unwrap();
            let out = std::process::Command::new(py)
                .args(["-c", "import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline=''))); print(len(rows)-1, len(set(map(len, rows))))", p.to_str().unwrap()])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(
                String::from_utf8_lossy(&out.stdout).trim(),
                format!("{} 1", rows.len()),
                "{what}"
            );
        }
    }
}

const ICS_CHECK: &str = r#"
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = list(cal.walk('VEVENT'))
uids = [str(e['UID']) for e in events]
assert len(uids) == len(set(uids)), 'duplicate UIDs'
for e in events:
    s = e.decoded('DTSTART')
    if type(s) is datetime.date:
        assert e.decoded('DTEND') - s == datetime.timedelta(days=1), s
    elif str(e['UID']).startswith('deadline-'):
        # A clock counted in hours runs out at a moment: no end.
        assert 'DTEND' not in e and e['DTSTART'].params['TZID'] == 'Europe/London', e
    else:
        assert e['DTSTART'].params['TZID'] == 'Europe/London' and e.decoded('DTEND') > s, s
print(len(events))
print('\n'.join(sorted(uids)))
print('\n'.join(str(e['SUMMARY']) for e in events))
"#;

#[test]
fn the_calendar_parses_in_python_icalendar_with_stable_uids_and_initials() {
    let s = demo_store();
    let doc = files::make(&s, &Job::Calendar(Period::default(), false), now())
        .unwrap()
        .remove(0)
        .content;
    let again = files::make(&s, &Job::Calendar(Period::default(), false), now())
        .unwrap()
        .remove(0)
        .content;
    assert_eq!(doc, again, "the same records give the same calendar");
    assert!(!doc.contains("Thistlewood"), "names shown without --names");
    let named = files::make(&s, &Job::Calendar(Period::default(), true), now())
        .unwrap()
        .remove(0)
        .content;
    assert!(named.contains("Thistlewood"));
    let Some(py) = python() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("caseload.ics");
    std::fs::write(&p, &doc).unwrap();
    let out = std::process::Command::new(py)
        .args(["-c", ICS_CHECK, p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let n: usize = text.lines().next().unwrap().parse().unwrap();
    assert!(n >= 5, "{text}");
    assert!(text.contains("deadline-1@caseload.invalid"), "{text}");
    assert!(text.contains("Visit: M.T."), "{text}");
}

#[test]
fn the_outage_pack_prints_to_pdf_holding_every_client_crisis_plan_and_due_item() {
    let (dir, db) = demo_db();
    let out = dir.path().join("pack");
    ok(&db, &["export", "outage", "--out", out.to_str().unwrap()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), 0o700);
        assert_eq!(mode(&out.join("outage-pack.html")), 0o600);
    }
    let html = std::fs::read_to_string(out.join("outage-pack.html")).unwrap();
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
    let text = std::fs::read_to_string(out.join("outage-pack.txt")).unwrap();
    let s = demo_store();
    let caseload = gather::caseload(&s, now().date(), 28, false).unwrap();
    let chromium = require_tool("chromium", "chromium");
    let pdftotext = require_tool("pdftotext", "poppler-utils");
    let pdf_text = match (chromium, pdftotext) {
        (Some(chromium), Some(pdftotext)) => {
            let profile = dir.path().join("chromium-profile");
            let pdf = dir.path().join("pack.pdf");
            let st = std::process::Command::new(chromium)
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ])
                .arg(format!("--user-data-dir={}", profile.display()))
                .arg(format!("--print-to-pdf={}", pdf.display()))
                .arg(format!("file://{}", out.join("outage-pack.html").display()))
                .output()
                .unwrap();
            assert!(
                pdf.exists(),
                "chromium made no PDF: {}",
                String::from_utf8_lossy(&st.stderr)
            );
            let t = std::process::Command::new(pdftotext)
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            assert!(t.status.success());
            Some(String::from_utf8(t.stdout).unwrap())
        }
        _ => None,
    };
    // pdftotext joins a word hyphenated at a line end ("write-" + "up" →
    // "writeup"), so the PDF is compared with hyphens left out on both sides.
    let dehyphen = |s: &str| s.replace('-', "");
    let docs = [("text", Some(text), false), ("pdf", pdf_text, true)];
    for (which, doc, pdf) in docs {
        let Some(doc) = doc else { continue };
        let norm = |s: &str| if pdf { dehyphen(&squash(s)) } else { squash(s) };
        let doc = norm(&doc);
        let squash = norm;
        for f in &caseload.files {
            let name = squash(&f.client.display_name());
            assert!(doc.contains(&name), "{which}: {name} missing");
            if let Some(p) = f.current_plan() {
                let crisis = squash(&p.crisis_plan);
                assert!(
                    doc.contains(&crisis),
                    "{which}: crisis plan of {name} missing"
                );
            }
        }
        for d in &caseload.due {
            assert!(
                doc.contains(&squash(&d.what)),
                "{which}: due item {:?} missing",
                d.what
            );
        }
    }
}

#[test]
fn subject_access_marks_third_parties_and_lists_what_was_found() {
    let (dir, db) = demo_db();
    let out = dir.path().join("sar");
    ok(
        &db,
        &["export", "sar", "DEMO-1001", "--out", out.to_str().unwrap()],
    );
    let found = std::fs::read_to_string(out.join("client-1-demo-1001-found.txt")).unwrap();
    assert!(found.contains("notes: 4 (drafts 1)"), "{found}");
    assert!(
        found.contains("\"Tilly Thistlewood\", the name of Tilly Thistlewood"),
        "{found}"
    );
    let text = std::fs::read_to_string(out.join("client-1-demo-1001-subject-access.txt")).unwrap();
    assert!(text.contains("[REVIEW third party: Dr Imogen Fairweather]"));
    // Every note, drafts too, is there in full.
    let s = demo_store();
    for n in s.notes(1).unwrap() {
        let first = n
            .body
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(squash(&text).contains(&first), "note {} missing", n.id);
    }
}

#[test]
fn hostile_text_never_reaches_a_document() {
    let mut s = Store::open_in_memory().unwrap();
    let id = s
        .add_client(
            &NewClient {
                given_name: "Ann\u{1b}]52;c;aGk=\u{7}".into(),
                family_name: "Vale\u{202e}x".into(),
                ..NewClient::default()
            },
            now(),
        )
        .unwrap();
    s.add_note(
        &NewNote {
            client_id: id,
            kind: Some(NoteKind::Phone),
            outcome: caseload::demo::written_outcome(NoteKind::Phone),
            occurred_at: now(),
            location: None,
            present: Some("Bo\u{1b}[2J Vale".into()),
            body: "said \u{1b}[31mhello\u{9b}".into(),
            significant: true,
        },
        now(),
    )
    .unwrap();
    let jobs = [
        Job::Summary(id, Format::Md),
        Job::Summary(id, Format::Html),
        Job::Summary(id, Format::Txt),
        Job::Chronology(id, Period::default(), Format::Md),
        Job::Chronology(id, Period::default(), Format::Html),
        Job::Chronology(id, Period::default(), Format::Csv),
        Job::Paste(1, None),
        Job::Calendar(Period::default(), true),
        Job::Outage,
        Job::Sar(id),
    ];
    for job in &jobs {
        for f in files::make(&s, job, now()).unwrap() {
            let bad = f.content.chars().find(|c| {
                (c.is_control() && !matches!(c, '\n' | '\r' | '\u{c}')) || *c == '\u{202e}'
            });
            assert!(bad.is_none(), "{job:?} {}: {bad:?}", f.name);
        }
    }
}

#[test]
fn a_moved_visit_keeps_its_calendar_uid_and_a_household_visit_is_one_event() {
    let mut s = Store::open_in_memory().unwrap();
    let add = |s: &mut Store, g: &str| {
        s.add_client(
            &NewClient {
                given_name: g.into(),
                family_name: "Quill".into(),
                ..NewClient::default()
            },
            now(),
        )
        .unwrap()
    };
    let (a, b) = (add(&mut s, "Ada"), add(&mut s, "Bo"));
    let at = now() + chrono::Duration::days(2);
    let id = s
        .plan_visit(
            &caseload::domain::NewVisit {
                clients: vec![a, b],
                at: Some(at),
                kind: None,
                minutes: Some(45),
                location: None,
                with_whom: None,
                lone_check: None,
            },
            now(),
        )
        .unwrap();
    let ics = |s: &Store| {
        files::make(s, &Job::Calendar(Period::default(), false), now())
            .unwrap()
            .remove(0)
            .content
    };
    let before = ics(&s);
    let uid = format!("UID:visit-{id}@caseload.invalid");
    assert_eq!(before.matches(&uid).count(), 1, "{before}");
    assert!(before.contains("SUMMARY:Visit: A.Q.\\, B.Q."), "{before}");
    assert!(
        before.contains("DTSTART;TZID=Europe/London:20261124T090000")
            && before.contains("DTEND;TZID=Europe/London:20261124T094500"),
        "{before}"
    );
    s.move_visit(id, at + chrono::Duration::days(1), now())
        .unwrap();
    let after = ics(&s);
    assert_eq!(after.matches(&uid).count(), 1);
    assert!(
        after.contains("DTSTART;TZID=Europe/London:20261125T090000"),
        "{after}"
    );
}
