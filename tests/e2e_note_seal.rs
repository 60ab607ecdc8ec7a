//! The real binary in tmux at 80×24: a note is sealed only with what the
//! practitioner chose (issue 25). A When showing an error refuses Ctrl-F,
//! naming the field, and the note stays a draft (read back through
//! `note list --json`).

mod common;

use common::cli::json;
use common::tmux::{self, Tmux};
use common::{Fixture, Sandbox};

/// Opens client 1 and a new note on it, with a body typed.
fn new_note(t: &Tmux) {
    t.unlock();
    t.keys(&["c", "Enter"]);
    t.wait_for("Legal episodes");
    t.keys(&["n"]);
    t.wait_for("What happened");
    t.type_text("Saw Ada at home; she was well.");
}

/// Leaves the editor (the draft is kept) and quits.
fn quit(t: &Tmux) {
    t.keys(&["Escape"]);
    t.wait_for("Draft kept");
    t.keys(&["q", "q", "q"]);
    t.exited();
}

#[test]
fn a_when_showing_an_error_is_not_sealed_on_ctrl_f_y() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let mut f = Fixture::new();
    f.client("Ada", "Testperson");
    let (_dir, db) = f.into_files();

    let t = tmux::launch(&sb, "sealwhen").db(&db).start();
    new_note(&t);
    // Body → When (Tab wraps round), cleared, and a time later than 09:00.
    t.keys(&["Tab", "C-u"]);
    t.type_text("23:50");
    t.wait_for("future");
    t.keys(&["C-f"]);
    let pane = t.wait_for("Not finalised: When");
    assert!(!pane.contains("Please confirm"), "{pane}");
    // A `y` now is typed into When: nothing is sealed.
    t.keys(&["y"]);
    quit(&t);

    let notes = json(&db, &["note", "list", "1", "--json"]);
    let notes = notes.as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["status"], "draft", "{notes:?}");
}

#[test]
fn h_picks_home_visit_whatever_the_picker_stood_on() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let mut f = Fixture::new();
    f.client("Ada", "Testperson");
    let (_dir, db) = f.into_files();

    let t = tmux::launch(&sb, "sealkind").db(&db).start();
    new_note(&t);
    // Body → When → Kind; `h` on Home visit used to move on to Hospital.
    t.keys(&["Tab", "Tab", "h"]);
    t.wait_for("Home visit (h)");
    t.keys(&["t"]);
    t.wait_for("Hospital (t)");
    t.keys(&["h"]);
    t.wait_for("Home visit (h)");
    quit(&t);

    let notes = json(&db, &["note", "list", "1", "--json"]);
    assert_eq!(notes[0]["kind"], "home-visit", "{notes}");
    assert_eq!(notes[0]["status"], "draft", "{notes}");
}
