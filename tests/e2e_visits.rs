//! The real binary in tmux at 80×24: plan a visit on a client, let its time
//! pass (a later fixed clock, `CASELOAD_NOW`), record "seen alone" from
//! Today, write the note that opens, and see the visiting rule move.

mod common;

use std::path::Path;
use std::process::Command;

use common::tmux::{self, Tmux};
use common::{Envs, PASS, Sandbox};

/// Starts caseload on `db` at `now`, and unlocks it.
fn start(sb: &Sandbox, db: &Path, now: &str) -> Tmux {
    let t = tmux::launch(sb, "visits")
        .env("CASELOAD_NOW", now)
        .db(db)
        .start();
    let pane = t.wait_for("Passphrase:");
    assert!(pane.contains("Passphrase:"), "{pane}");
    let pane = t.unlock();
    assert!(pane.contains("Today"), "{pane}");
    t
}

/// Quits caseload (from a client, through its screens) and sees it exit.
fn quit(t: Tmux) {
    t.keys(&["q", "q", "q"]);
    let pane = t.exited();
    assert!(pane.contains("EXITED"), "caseload did not exit:\n{pane}");
}

fn cli(sb: &Sandbox, db: &Path, now: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .sandbox(sb)
        .env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_NOW", now)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_visit_planned_then_recorded_seen_alone_moves_the_visiting_rule() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let db = sb.db();
    // A child visited every 10 days, open since 1 November and never seen.
    let opened = "2026-11-01T09:00:00";
    cli(&sb, &db, opened, &["init"]);
    cli(
        &sb,
        &db,
        opened,
        &[
            "client",
            "add",
            "--given",
            "Tess",
            "--family",
            "Testperson",
            "--service",
            "children",
            "--visit-every",
            "10",
        ],
    );
    // 09:00: the visit is overdue (due 11 Nov); plan one for 10:00 today.
    let tmux = start(&sb, &db, "2026-11-22T09:00:00");
    tmux.keys(&["c", "Enter"]);
    let pane = tmux.wait_for("Next visit due");
    assert!(
        pane.contains("11/11/2026 Visit due (every 10 days) — overdue"),
        "{pane}"
    );
    tmux.keys(&["V"]);
    tmux.wait_for("Plan a visit");
    tmux.type_text("10:00");
    tmux.keys(&["Tab", "Tab"]);
    tmux.type_text("Home");
    tmux.keys(&["C-s"]);
    let pane = tmux.wait_for("Visit planned");
    assert!(
        pane.contains("Visit planned   Sun 22/11/2026 10:00"),
        "{pane}"
    );
    quit(tmux);

    // 11:00: its time has passed; Today asks for the outcome.
    let tmux = start(&sb, &db, "2026-11-22T11:00:00");
    let pane = tmux.wait_for("outcome?");
    assert!(
        pane.contains("Sun 22/11 10:00  outcome? Tess Testperson"),
        "{pane}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("Visit outcome");
    tmux.keys(&["Right", "C-s"]);
    // The note opens, filled in from the visit.
    let pane = tmux.wait_for("Outcome: Seen alone.");
    assert!(pane.contains("Note · Tess Testperson"), "{pane}");
    assert!(pane.contains("Where        Home"), "{pane}");
    tmux.type_text("Tess showed me her room and said school is going well.");
    tmux.keys(&["C-s", "Escape"]);
    // Esc from the note opened from Today goes back to Today; open Tess
    // from the caseload (declining to carry on with the draft now).
    tmux.wait_for("Visits planned this week");
    tmux.keys(&["c", "Enter"]);
    tmux.wait_for("Carry on writing it now?");
    tmux.keys(&["n"]);
    tmux.keys(&["1"]);
    let pane = tmux.wait_for("Last seen");
    assert!(
        pane.contains("Last seen       22/11/2026 (today)"),
        "{pane}"
    );
    assert!(
        pane.contains("Next visit due  02/12/2026 Visit due (every 10 days)"),
        "{pane}"
    );
    assert!(!pane.contains("overdue"), "{pane}");
    tmux.keys(&["t"]);
    let pane = tmux.wait_for("Everyone has been seen on time");
    assert!(pane.contains("Everyone has been seen on time"), "{pane}");
    quit(tmux);

    // The note is kept, with what was typed after the visit's details.
    let notes = cli(&sb, &db, "2026-11-22T11:30:00", &["note", "list", "tess"]);
    assert!(notes.contains("Outcome: Seen alone."), "{notes}");
    let visits = cli(&sb, &db, "2026-11-22T11:30:00", &["visit", "list", "tess"]);
    assert!(visits.contains("Seen alone"), "{visits}");
}
