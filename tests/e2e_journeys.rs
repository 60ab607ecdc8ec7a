//! The real binary in tmux at 80×24: a legal journey worked from the
//! terminal UI as an AMHP would on the night (issue 36). A new power added
//! while one it may follow is open is not saved until the practitioner
//! says whether it follows it; following applies the law of the
//! transition; a CTO is revoked from the client's record. Read back
//! through the CLI's `--json`.

mod common;

use caseload::domain::{EpisodeKind, NewClient, NewEpisode, Service};
use caseload::store::EpisodeOptions;
use caseload::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use common::cli::json;
use common::tmux;
use common::{Fixture, Sandbox, now};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

/// Ada, taken to a place of safety under s136 at 23:30 on 21 November;
/// Bea, under a CTO since 1 June 2026 that followed her s3 of 10 January.
fn caseload_on_disk() -> (tempfile::TempDir, std::path::PathBuf) {
    let mut f = Fixture::new();
    let mut client = |given: &str| {
        f.client_with(NewClient {
            given_name: given.into(),
            family_name: "Testperson".into(),
            service: Some(Service::Adult),
            opened_on: Some(day(2026, 1, 5)),
            ..NewClient::default()
        })
    };
    let (ada, bea) = (client("Ada"), client("Bea"));
    let mut add = |client_id, kind, start_on, start_at, follows| {
        f.store
            .add_episode_with(
                &NewEpisode {
                    client_id,
                    kind,
                    start_on,
                    notes: None,
                },
                EpisodeOptions {
                    start_at,
                    follows,
                    ends: None,
                },
                now(),
            )
            .unwrap()
            .0
    };
    add(
        ada,
        EpisodeKind::MhaS136,
        day(2026, 11, 21),
        Some(time(2026, 11, 21, 23, 30)),
        None,
    );
    let s3 = add(bea, EpisodeKind::MhaS3, day(2026, 1, 10), None, None);
    add(bea, EpisodeKind::Cto, day(2026, 6, 1), None, Some(s3));
    f.into_files()
}

fn episodes(db: &std::path::Path, client: &str) -> Vec<serde_json::Value> {
    let shown = json(db, &["client", "show", client, "--json"]);
    shown["episodes"].as_array().unwrap().clone()
}

fn deadline_due(db: &std::path::Path, client: &str, episode: i64, rule: &str) -> String {
    let shown = json(db, &["client", "show", client, "--json"]);
    let found = shown["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["episode_id"] == episode && d["rule"] == rule && d["cancelled"] == false)
        .unwrap_or_else(|| panic!("no open {rule} on episode {episode}: {shown}"))
        .clone();
    found["due"].as_str().unwrap().to_string()
}

/// s136 then s2 (MHA s136(2)/(2A), s2(4)): the s2 application made at
/// 08:00 on 22 November. Until the practitioner says whether it follows
/// the open s136, nothing is saved. Following it: the s136 ends at 08:00
/// (not 23:30 on the 22nd, its own 24 hours), and the s2's 28 days begin
/// with the day of admission under it, 22 November: the last day is
/// 19 December 2026 (22 + 27).
#[test]
fn a_new_power_asks_whether_it_follows_the_open_one_s136_then_s2() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let (_dir, db) = caseload_on_disk();
    let t = tmux::launch(&sb, "journey").db(&db).start();
    t.unlock();

    t.keys(&["c"]);
    let pane = t.wait_for("Bea Testperson");
    // The Legal column shows short names, not the stored ids (issue 26).
    assert!(
        pane.contains("s136") && !pane.contains("mha-s136"),
        "{pane}"
    );
    t.keys(&["Enter"]);
    t.wait_for("Legal episodes");
    t.keys(&["L"]);
    t.wait_for("New legal episode");
    let s2 = EpisodeKind::ALL
        .iter()
        .position(|k| *k == EpisodeKind::MhaS2)
        .unwrap();
    for _ in 0..s2 {
        t.keys(&["Right"]);
    }
    t.wait_for("‹ MHA s2 ›");
    t.keys(&["Tab", "Tab"]);
    t.type_text("08:00");
    t.keys(&["Tab"]);
    let pane = t.wait_for("‹ (choose one) ›");
    assert!(pane.contains("Follows"), "{pane}");
    t.keys(&["C-s"]);
    let pane = t.wait_for("does this MHA s2 follow the open");
    assert!(pane.contains("MHA s136 (episode 1)"), "{pane}");
    assert_eq!(
        episodes(&db, "1").len(),
        1,
        "nothing is saved until Follows is chosen"
    );

    // "f": the first "follows …" option, the open s136.
    t.keys(&["f"]);
    let pane = t.wait_for("follows MHA s136 (episode 1) from 21/11/2026 23:30");
    assert!(!pane.contains("is still open"), "{pane}");
    t.keys(&["C-s"]);
    let pane = t.wait_for("MHA s2 episode added");
    assert!(pane.contains("it follows the MHA s136"), "{pane}");
    // The Summary shows the hour clock with its times (issue 26).
    assert!(
        pane.contains("MHA s136 21/11/2026 23:30 to 22/11/2026 08:00"),
        "{pane}"
    );
    t.keys(&["q", "q", "q"]);
    t.exited();

    let eps = episodes(&db, "1");
    let s136 = eps.iter().find(|e| e["kind"] == "mha-s136").unwrap();
    let s2 = eps.iter().find(|e| e["kind"] == "mha-s2").unwrap();
    assert_eq!(s136["end_on"], "2026-11-22", "{eps:?}");
    assert_eq!(s136["end_at"], "2026-11-22T08:00:00", "{eps:?}");
    assert_eq!(s2["follows_id"], s136["id"], "{eps:?}");
    assert_eq!(s2["start_at"], "2026-11-22T08:00:00", "{eps:?}");
    let s2_id = s2["id"].as_i64().unwrap();
    assert_eq!(deadline_due(&db, "1", s2_id, "mha-s2-expiry"), "2026-12-19");
}

/// Revocation from the record (s17F(4), s17G): the CTO ends at 10:15 on
/// 22 November, revoked; the s3 revives as a new episode following it, for
/// 6 months beginning with the day of revocation: the last day is 21 May
/// 2027; the managers refer as soon as possible (s68(7)): due that day.
#[test]
fn a_cto_is_revoked_from_the_record_s17f_s17g_s68_7() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = Sandbox::new();
    let (_dir, db) = caseload_on_disk();
    let t = tmux::launch(&sb, "revoke").db(&db).start();
    t.unlock();

    // Ada has no CTO: the key says so and opens nothing.
    t.keys(&["c"]);
    t.wait_for("Bea Testperson");
    t.keys(&["Enter"]);
    t.wait_for("Legal episodes");
    t.keys(&["R"]);
    t.wait_for("No community treatment order is open");
    t.keys(&["Escape"]);
    t.wait_for("Bea Testperson");
    t.keys(&["Down", "Enter"]);
    t.wait_for("CTO since");
    t.keys(&["R"]);
    t.wait_for("Revoke the CTO");
    t.keys(&["C-s"]);
    t.wait_for("the time of the revocation order");
    assert_eq!(
        episodes(&db, "2").len(),
        2,
        "nothing is saved without a time"
    );
    // The form put the cursor on the field at fault.
    t.type_text("10:15");
    t.keys(&["C-s"]);
    t.wait_for("CTO revoked 22/11/2026 10:15");
    t.keys(&["q", "q", "q"]);
    t.exited();

    let eps = episodes(&db, "2");
    let cto = eps.iter().find(|e| e["kind"] == "cto").unwrap();
    assert_eq!(cto["end_on"], "2026-11-22", "{eps:?}");
    assert_eq!(cto["end_reason"], "revoked", "{eps:?}");
    let revived = eps
        .iter()
        .find(|e| e["kind"] == "mha-s3" && e["follows_id"] == cto["id"])
        .unwrap_or_else(|| panic!("no revived s3: {eps:?}"));
    let id = revived["id"].as_i64().unwrap();
    assert_eq!(deadline_due(&db, "2", id, "mha-s3-expiry"), "2027-05-21");
    assert_eq!(
        deadline_due(&db, "2", id, "mha-s68-revocation"),
        "2026-11-22"
    );
}
