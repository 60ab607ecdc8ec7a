//! The real binary in tmux at 80×24: what only the CLI could do, done from
//! the terminal UI (end a legal episode, archive a network member, close
//! the case), then read back through the CLI's `--json`; and a retention
//! review that has come, flagged on Today as `due` flags it.

mod common;

use caseload::store::prelude::*;
use std::time::{Duration, Instant};

use caseload::domain::retention::{Closing, RetentionSchedule};
use caseload::domain::{EpisodeKind, NewClient, NewEpisode, NewNetworkMember, Service};
use chrono::NaiveDate;
use common::cli::{json, ok};
use common::tmux::{self, Tmux};
use common::{Fixture, Sandbox, now};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Ada (adult, open since 1 September, MHA s3 from 1 October, her mother
/// in her network) and Otto, closed in 2019: his record's review date
/// (six years after closure) has come.
fn caseload_on_disk() -> (tempfile::TempDir, std::path::PathBuf) {
    let mut f = Fixture::new();
    let ada = f.client_with(NewClient {
        given_name: "Ada".into(),
        family_name: "Testperson".into(),
        service: Some(Service::Adult),
        opened_on: Some(day(2026, 9, 1)),
        ..NewClient::default()
    });
    f.store
        .add_legal_episode(
            &NewEpisode {
                client_id: ada,
                kind: EpisodeKind::MhaS3,
                start_on: day(2026, 10, 1),
                notes: None,
            },
            now(),
        )
        .unwrap();
    f.store
        .add_network_member(
            &NewNetworkMember {
                client_id: ada,
                name: "Nell Testperson".into(),
                role: "Nearest relative".into(),
                email: Some("nell@example.org".into()),
                notes: Some("Prefers calls after 5pm".into()),
                ..NewNetworkMember::default()
            },
            now(),
        )
        .unwrap();
    let otto = f.client_with(NewClient {
        given_name: "Otto".into(),
        family_name: "Oldcase".into(),
        opened_on: Some(day(2015, 1, 5)),
        ..NewClient::default()
    });
    let closing = Closing {
        on: day(2019, 6, 30),
        reason: "Moved away".into(),
        summary: String::new(),
    };
    f.store
        .close_case(otto, &closing, &RetentionSchedule::default(), now())
        .unwrap();
    f.into_files()
}

/// The screen once it shows one of `needles`: which one, and the screen.
fn wait_for_either(t: &Tmux, needles: &[&str]) -> (usize, String) {
    let start = Instant::now();
    loop {
        let pane = t.screen();
        if let Some(i) = needles.iter().position(|n| pane.contains(n)) {
            return (i, pane);
        }
        assert!(
            start.elapsed() < tmux::WAIT,
            "never saw any of {needles:?}; the screen:\n{pane}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_episode_ended_a_member_archived_and_a_case_closed_in_the_tui_read_back_as_json() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let (_dir, db) = caseload_on_disk();
    let t = tmux::launch(&sb, "case").db(&db).start();
    t.unlock();

    // Today flags Otto's retention review, and says what it is.
    let pane = t.wait_for("Records due a retention review (1)");
    assert!(pane.contains("Otto Oldcase"), "{pane}");

    // Ada's record (the caseload lists open cases only).
    t.keys(&["c", "Enter"]);
    let pane = t.wait_for("Legal episodes");
    assert!(
        pane.contains("E end episode") && pane.contains("Z close case"),
        "{pane}"
    );

    // End the s3 episode today.
    t.keys(&["E"]);
    let pane = t.wait_for("End a legal episode");
    assert!(pane.contains("MHA s3 since"), "{pane}");
    t.keys(&["C-s"]);
    t.wait_for("Episode ended");

    // The network member: details in full, then archived after asking.
    t.keys(&["5"]);
    t.wait_for("Nell Testperson");
    t.keys(&["Enter"]);
    let pane = t.wait_for("Network member (");
    assert!(pane.contains("nell@example.org"), "{pane}");
    assert!(pane.contains("Prefers calls after 5pm"), "{pane}");
    t.keys(&["X"]);
    t.wait_for("Archive Nell Testperson");
    t.keys(&["y"]);
    t.wait_for("Network member archived");

    // Close the case, with its summary; anything still tracked is listed
    // and asked about first.
    t.keys(&["Z"]);
    t.wait_for("Closing date");
    t.type_text("Moved to another area");
    t.keys(&["Tab"]);
    t.type_text("Handed over to the new area's team.");
    t.keys(&["C-s"]);
    let (which, pane) = wait_for_either(&t, &["Please confirm", "Case closed."]);
    if which == 0 {
        assert!(pane.contains("stops tracking"), "{pane}");
        assert!(
            !pane.contains("legal episode"),
            "the episode was ended: {pane}"
        );
        t.keys(&["y"]);
    }
    let pane = t.wait_for("Case closed.");
    assert!(pane.contains("Retention review due"), "{pane}");
    assert!(
        pane.contains("Retention       review due 22/11/2032"),
        "{pane}"
    );
    t.keys(&["q", "q", "q"]);
    t.exited();

    // The CLI reads what the TUI did.
    let shown = json(&db, &["client", "show", "1", "--json"]);
    let client = &shown["client"];
    assert_eq!(client["status"], "closed", "{shown}");
    assert_eq!(client["closure_reason"], "Moved to another area");
    assert_eq!(client["retain_until"], "2032-11-22");
    let episode = &shown["episodes"][0];
    assert_eq!(episode["kind"], "mha-s3");
    assert_eq!(episode["end_on"], "2026-11-22");
    let member = &shown["network"][0];
    assert_eq!(member["name"], "Nell Testperson");
    assert_eq!(member["archived"], true);
    // No s3 deadline after the end is left open.
    let deadlines = shown["deadlines"].as_array().unwrap();
    assert!(
        deadlines.iter().all(|d| {
            d["rule"].is_null()
                || d["cancelled"] == true
                || d["completed_on"].is_string()
                || d["due"].as_str().unwrap() <= "2026-11-22"
        }),
        "{shown}"
    );
    // `due` flags the same retention review Today did.
    let due = ok(&db, &["due"]);
    assert!(due.contains("Otto Oldcase"), "{due}");
}
