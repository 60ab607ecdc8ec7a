//! The real binary in tmux at 80×24: a note records only what the
//! practitioner chose (issue 25). A new note has no kind until one is
//! picked, however the client's last note was recorded; read back through
//! `note list --json`.

mod common;

use common::cli::{json, ok};
use common::tmux::{self, Tmux};
use common::{Fixture, Sandbox};

/// Opens client 1 and a new note on it, with a body typed.
fn new_note(t: &Tmux) {
    t.unlock();
    t.keys(&["c", "Enter"]);
    t.wait_for("Legal episodes");
    t.keys(&["n"]);
    t.wait_for("What happened");
}

/// Leaves the editor (the draft is kept) and quits.
fn quit(t: &Tmux) {
    t.keys(&["Escape"]);
    t.wait_for("Draft kept");
    t.keys(&["q", "q", "q"]);
    t.exited();
}

#[test]
fn a_new_note_has_no_kind_until_one_is_picked_and_is_not_sealed_without() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let mut f = Fixture::new();
    f.client("Ada", "Testperson");
    let (_dir, db) = f.into_files();
    // The client's last note was a phone call: a new note used to start as
    // one (a home visit was then sealed as a call).
    ok(
        &db,
        &[
            "note",
            "add",
            "1",
            "--kind",
            "phone",
            "--outcome",
            "not-applicable",
            "--at",
            "yesterday 10:00",
            "--final",
            "--text",
            "Rang Ada.",
        ],
    );

    let t = tmux::launch(&sb, "nokind").db(&db).start();
    new_note(&t);
    let pane = t.wait_for("(choose)");
    assert!(!pane.contains("Phone call (p)"), "{pane}");
    t.type_text("Saw Ada at home; she was well.");
    t.keys(&["C-f"]);
    let pane = t.wait_for("Not finalised: Kind");
    assert!(!pane.contains("Please confirm"), "{pane}");
    // Focus is now on Kind: a draft may change kind freely.
    t.keys(&["p"]);
    t.wait_for("Phone call (p)");
    t.keys(&["h"]);
    t.wait_for("Home visit (h)");
    quit(&t);

    let notes = json(&db, &["note", "list", "1", "--json"]);
    let notes = notes.as_array().unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    let draft = notes.iter().find(|n| n["status"] == "draft").unwrap();
    assert_eq!(draft["kind"], "home-visit", "{draft}");
}

#[test]
fn a_draft_left_without_a_kind_keeps_none() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let mut f = Fixture::new();
    f.client("Ada", "Testperson");
    let (_dir, db) = f.into_files();

    let t = tmux::launch(&sb, "nokinddraft").db(&db).start();
    new_note(&t);
    t.type_text("Text from Ada's mother.");
    quit(&t);

    let notes = json(&db, &["note", "list", "1", "--json"]);
    assert_eq!(notes[0]["status"], "draft", "{notes}");
    assert!(notes[0]["kind"].is_null(), "no kind was chosen: {notes}");
}

/// Issue 25 item 3: a home visit written in the editor says what came of
/// it; Ctrl-F is refused naming Outcome until it is chosen, the confirm box
/// shows it, and "not seen" never makes the person seen.
#[test]
fn a_home_visit_not_seen_is_sealed_with_its_outcome_and_never_counts_as_seen() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let mut f = Fixture::new();
    f.client("Ada", "Testperson");
    let (_dir, db) = f.into_files();

    let t = tmux::launch(&sb, "outcome").db(&db).start();
    new_note(&t);
    t.type_text("No answer at the door.");
    // Body → When → Kind: a home visit.
    t.keys(&["Tab", "Tab", "h"]);
    t.wait_for("Home visit (h)");
    t.keys(&["C-f"]);
    t.wait_for("Not finalised: Outcome");
    t.keys(&["3"]);
    t.wait_for("Not seen / no access");
    t.keys(&["C-f"]);
    let pane = t.wait_for("Finalise this note?");
    assert!(pane.contains("Outcome: Not seen / no access"), "{pane}");
    t.keys(&["y"]);
    t.wait_for("Note finalised");
    t.keys(&["q", "q", "q"]);
    t.exited();

    let notes = json(&db, &["note", "list", "1", "--json"]);
    assert_eq!(notes[0]["status"], "final", "{notes}");
    assert_eq!(notes[0]["kind"], "home-visit", "{notes}");
    assert_eq!(notes[0]["outcome"], "not-seen", "{notes}");
    let show = json(&db, &["client", "show", "1", "--json"]);
    assert!(show["last_seen"].is_null(), "{show}");
}

/// Issue 25 item 4: the note opened from a visit's outcome lists as present
/// only the people recorded as seen (Ben, not seen, was listed too).
#[test]
fn the_note_from_a_visit_lists_only_the_people_seen_as_present() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let mut f = Fixture::new();
    f.client("Ann", "Testperson");
    f.client("Ben", "Testperson");
    let (_dir, db) = f.into_files();
    // Planned at 09:00 (the tests' clock) for 10:00, with Ben and a student.
    ok(
        &db,
        &[
            "visit",
            "plan",
            "1",
            "--also",
            "2",
            "--at",
            "2026-11-22 10:00",
            "--where",
            "Home",
            "--with",
            "Sam Student",
        ],
    );

    // 11:00: Today asks for the outcome; Ann seen alone, Ben not seen.
    let t = tmux::launch(&sb, "present")
        .env("CASELOAD_NOW", "2026-11-22T11:00:00")
        .db(&db)
        .start();
    t.unlock();
    t.wait_for("outcome?");
    t.keys(&["Enter"]);
    t.wait_for("Visit outcome");
    // Outcome → Seen alone; Everyone else stays "Not seen".
    t.keys(&["Right", "C-s"]);
    let pane = t.wait_for("Outcome: Ann Testperson: seen alone");
    let present = pane
        .lines()
        .find(|l| l.starts_with("Present"))
        .unwrap_or_default()
        .to_string();
    assert!(present.contains("Ann Testperson"), "{pane}");
    assert!(!present.contains("Ben"), "Ben was not seen: {pane}");
    assert!(!present.contains("Sam"), "not recorded as there: {pane}");
    t.keys(&["C-s", "Escape"]);
    t.wait_for("Today");
    t.keys(&["q"]);
    t.exited();

    let notes = json(&db, &["note", "list", "1", "--json"]);
    assert_eq!(notes[0]["present"], "Ann Testperson", "{notes}");
    assert_eq!(notes[0]["outcome"], "seen-alone", "{notes}");
}
