//! Issue 26, the outage pack on paper: printed by headless Chromium and
//! read back by `pdftotext` (as `tests/export.rs` does), each client shows
//! their legal status with where it ends (the time, for a clock counted in
//! hours), the next visit due and planned visits; the due list is in
//! date-time order, grouped by day.
//!
//! The case (fictional people), at the test clock, 09:00 on Sun 22 Nov 2026:
//! - Orla Venn arrived at a place of safety under s136 at 06:30 that day.
//!   MHA 1983 s136(2A): 24 hours beginning with the arrival: it ends at
//!   06:30 on Mon 23 Nov 2026.
//! - Bram Oakes was admitted under s3 on Mon 14 Sep 2026. MHA 1983 s20(1):
//!   6 months beginning with the day of admission: it expires at the end of
//!   Sat 13 Mar 2027. A report of his is due on Mon 23 Nov (a day deadline).
//! - Ava Testchild, looked after since 1 Sep 2026, moved to a foster
//!   placement on Mon 16 Nov 2026. Care Planning, Placement and Case Review
//!   (England) Regulations 2010 reg 28(2)(a): visited within one week of
//!   the start of any placement, by Mon 23 Nov. A home visit is planned at
//!   10:00 on Tue 24 Nov.

mod common;

use common::cli::{new_db, ok};
use std::path::Path;

fn case(db: &Path) {
    for (given, family) in [("Orla", "Venn"), ("Bram", "Oakes"), ("Ava", "Testchild")] {
        ok(db, &["client", "add", "--given", given, "--family", family]);
    }
    let episode = |who: &str, kind: &str, start: &str| {
        ok(
            db,
            &["episode", "add", who, "--kind", kind, "--start", start],
        );
    };
    episode("orla", "mha-s136", "2026-11-22 06:30");
    episode("bram", "mha-s3", "2026-09-14");
    episode("ava", "lac", "2026-09-01");
    ok(
        db,
        &[
            "deadline",
            "add",
            "bram",
            "--what",
            "Send the tribunal report",
            "--due",
            "2026-11-23",
        ],
    );
    ok(
        db,
        &[
            "placement",
            "add",
            "ava",
            "--type",
            "foster",
            "--start",
            "2026-11-16",
        ],
    );
    ok(db, &["visit", "plan", "ava", "--at", "2026-11-24 10:00"]);
}

/// The pack printed to PDF by Chromium and read back by pdftotext, or None
/// (skipped) without them.
fn printed(dir: &Path, html: &Path) -> Option<String> {
    let chromium = which("chromium", "chromium")?;
    let pdftotext = which("pdftotext", "poppler-utils")?;
    let pdf = dir.join("pack.pdf");
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
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
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

fn which(tool: &str, install: &str) -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(tool))
            .find(|p| p.is_file())
    });
    let required = std::env::var("CASELOAD_REQUIRE_TOOLS").as_deref() == Ok("1");
    common::tool_decision(found.is_some(), required, tool, install);
    found
}

/// Each due line's "DATE[ TIME] (" in the order printed, as sortable
/// (yyyymmdd, HH:MM or "") keys; day headings ("Mon 23/11/2026") have no
/// "(" after them and are not items.
fn item_moments(due: &str) -> Vec<(String, String)> {
    let b = due.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let mut out = Vec::new();
    for i in 0..b.len().saturating_sub(12) {
        let d = &b[i..i + 10];
        if !(digits(&d[0..2])
            && d[2] == b'/'
            && digits(&d[3..5])
            && d[5] == b'/'
            && digits(&d[6..10]))
        {
            continue;
        }
        let key = format!(
            "{}{}{}",
            &due[i + 6..i + 10],
            &due[i + 3..i + 5],
            &due[i..i + 2]
        );
        let rest = &due[i + 10..];
        if let Some(r) = rest.strip_prefix(' ') {
            if r.len() >= 7 && r.as_bytes()[2] == b':' && r[5..].starts_with(" (") {
                out.push((key, r[..5].to_string()));
            } else if r.starts_with('(') {
                out.push((key, String::new()));
            }
        }
    }
    out
}

#[test]
fn the_printed_pack_shows_each_legal_status_and_the_due_list_in_date_time_order() {
    let (dir, db) = new_db();
    case(&db);
    let out = dir.path().join("pack");
    ok(&db, &["export", "outage", "--out", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(out.join("outage-pack.txt")).unwrap();
    let pdf = printed(dir.path(), &out.join("outage-pack.html"));
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (which, doc) in [("text", Some(text)), ("pdf", pdf)] {
        let Some(doc) = doc else { continue };
        let doc = squash(&doc);
        // Each client's page has their legal status with its end.
        for (name, status) in [
            ("Orla Venn", "s136, ends 23/11/2026 06:30"),
            ("Bram Oakes", "s3, expires 13/03/2027"),
            ("Ava Testchild", "Looked after, since 01/09/2026"),
        ] {
            let page = doc
                .split(&format!("{name} — crisis plan"))
                .nth(1)
                .unwrap_or_else(|| panic!("{which}: no page for {name}"));
            let page = page.split(" — crisis plan").next().unwrap();
            assert!(page.contains(status), "{which}: {name}: {page}");
        }
        // Ava's next visit (reg 28(2)(a)) and her planned visit.
        assert!(
            doc.contains("Next visit due")
                && doc.contains("23/11/2026 — Visit the child in the placement"),
            "{which}: {doc}"
        );
        assert!(
            doc.contains("24/11/2026 10:00 — Home visit"),
            "{which}: {doc}"
        );
        // The due list: the s136 with its time, in date-time order, by day.
        let due = doc
            .split("Due in the next 28 days (and overdue)")
            .nth(1)
            .unwrap()
            .split("— crisis plan")
            .next()
            .unwrap();
        assert!(
            due.contains("23/11/2026 06:30 (21 h 30 min left)"),
            "{which}: {due}"
        );
        assert!(
            due.contains("Mon 23/11/2026"),
            "{which}: day heading: {due}"
        );
        let moments = item_moments(due);
        assert!(moments.len() >= 4, "{which}: {moments:?} in {due}");
        let mut sorted = moments.clone();
        sorted.sort();
        assert_eq!(moments, sorted, "{which}: not in date-time order: {due}");
    }
}
