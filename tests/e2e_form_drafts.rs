//! The real binary in tmux at 80×24: text typed into a form survives
//! `kill -9` (kept within about a second of typing, as a note's draft is)
//! and is put back when the same form opens again; saving it saves it.

mod common;

use caseload::store::Store;
use caseload::store::prelude::*;
use common::cli::json;
use common::tmux::{self};
use common::{Fixture, PASS, Sandbox};
use secrecy::SecretString;

#[test]
fn a_half_typed_deadline_survives_kill_9_and_is_saved_after() {
    if !common::require_tool("tmux", "apt-get install tmux")
        || !common::require_tool("pkill", "apt-get install procps")
    {
        return;
    }
    let sb = Sandbox::new();
    let mut f = Fixture::new();
    f.client("Ada", "Testperson");
    let (_dir, db) = f.into_files();

    let t = tmux::launch(&sb, "formdraft").db(&db).start();
    t.unlock();
    t.keys(&["c", "Enter"]);
    t.wait_for("Legal episodes");
    t.keys(&["d"]);
    t.wait_for("New deadline");
    t.type_text("Chase the housing report");
    t.keys(&["Tab"]);
    t.type_text("fri");
    t.wait_for("→ Fri");
    // Kept once typing pauses: wait for it in the file, not on a clock.
    let kept = || {
        let s = Store::open(&db, &SecretString::from(PASS)).unwrap();
        s.form_draft("deadline:1").unwrap()
    };
    let start = std::time::Instant::now();
    while kept().is_none_or(|k| !k.fields.contains("\"fri\"")) {
        assert!(
            start.elapsed() < tmux::WAIT,
            "the form's text was never kept"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // Killed: nothing runs at exit (the screen is left as it was).
    t.kill_caseload();
    drop(t);

    // Started again: the same form holds what was typed.
    let t = tmux::launch(&sb, "formdraft2").db(&db).start();
    t.unlock();
    t.keys(&["c", "Enter"]);
    t.wait_for("Legal episodes");
    t.keys(&["d"]);
    let pane = t.wait_for("Put back your unsaved text");
    assert!(pane.contains("Chase the housing report"), "{pane}");
    assert!(pane.contains("→ Fri"), "{pane}");
    t.keys(&["C-s"]);
    t.wait_for("Deadline added");
    t.keys(&["q", "q", "q"]);
    t.exited();

    let list = json(&db, &["deadline", "list", "1", "--json"]);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|d| d["what"] == "Chase the housing report"),
        "{list}"
    );
    assert!(kept().is_none(), "saved: the kept text is gone");
}
