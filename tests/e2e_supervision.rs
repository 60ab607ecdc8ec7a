//! The real binary in tmux at 80×24 (issue 32): open a client, record a
//! case supervision with an action in the form, seal it, see it in the
//! chronology and the action on Today with its owner, then open the
//! activity chart. Clock pinned at Sunday 22 November 2026, 09:00.
//! Fictional people.

mod common;

use common::cli::json;
use common::tmux;
use common::{Fixture, Sandbox};

#[test]
fn a_supervision_from_a_client_reaches_the_chronology_today_and_the_chart() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let mut f = Fixture::new();
    f.client("Ada", "Testperson");
    let (_dir, db) = f.into_files();

    let t = tmux::launch(&sb, "supervision").db(&db).start();
    t.unlock();
    t.keys(&["c", "Enter"]);
    t.wait_for("Legal episodes");
    t.keys(&["s"]);
    t.wait_for("Case supervision");
    t.keys(&["Tab"]);
    t.type_text("Sam Reed");
    t.keys(&["Tab"]);
    t.type_text("Refer to the funding panel");
    t.keys(&["Tab", "Tab"]);
    t.type_text("Write the panel report");
    t.keys(&["Tab"]);
    t.type_text("Me");
    t.keys(&["Tab"]);
    t.type_text("+3d");
    // Sunday 22 November + 3 days, shown before saving.
    t.wait_for("→ Wed 25 Nov 2026");
    t.keys(&["C-s"]);
    let chron = t.wait_for("Supervision sealed");
    assert!(chron.contains("Chronology"), "{chron}");
    assert!(chron.contains("Supervision with Sam Reed:"), "{chron}");
    t.keys(&["t"]);
    let today = t.wait_for("Write the panel report");
    let line = today
        .lines()
        .find(|l| l.contains("Write the panel report"))
        .unwrap_or_default();
    assert!(line.contains("(owner:"), "{line}");
    t.keys(&["r"]);
    let chart = t.wait_for("counts only, no names");
    assert!(chart.contains("Visits a week (total 0)"), "{chart}");
    assert!(!chart.contains("Testperson"), "{chart}");
    t.keys(&["Tab"]);
    t.wait_for("Seen alone a week");
    t.keys(&["Escape"]);
    std::thread::sleep(std::time::Duration::from_millis(150));
    t.keys(&["q"]);
    t.exited();

    // Sealed on the record, its action owned.
    let list = json(&db, &["supervision", "list", "1", "--json"]);
    assert_eq!(list[0]["status"], "final", "{list}");
    assert_eq!(list[0]["actions"][0]["owner"], "Me", "{list}");
}
