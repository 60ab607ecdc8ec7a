//! Issue 15, the Summary and its neighbours: the legal status with the
//! current period's end and renewal window, the legal name beside the
//! preferred one, NHS number (check digit verified in the form), GP and
//! consent; the note editor's kind; an old care-plan version opened from
//! search; the Caseload's sized columns and next due with planned visits.

use caseload::app::App;
use caseload::domain::{
    EpisodeKind, NewCarePlan, NewClient, NewEpisode, NewNote, NewVisit, NoteKind,
};
use caseload::keymap::Keymap;
use caseload::store::Store;
use caseload::store::prelude::*;
use caseload::ui::View;
use caseload::ui::theme::Theme;
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const GP: &str = "Dr Iris Vantongeren, Quayside Medical Practice";

/// Peggy (legally Margaret) Oduya, detained under s3 since 31 May 2026:
/// the period ends 30 November, the renewal window opened 1 October.
fn store() -> (Store, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let t = now() - chrono::Duration::days(200);
    let id = s
        .add_client(
            &NewClient {
                given_name: "Margaret".into(),
                family_name: "Oduya".into(),
                preferred_name: Some("Peggy".into()),
                record_no: Some("FIC-3003".into()),
                nhs_number: Some("943 476 5919".into()),
                gp: Some(GP.into()),
                consent_to_share: Some(true),
                risk_summary: Some("Settled on the ward; leave going well.".into()),
                ..NewClient::default()
            },
            t,
        )
        .unwrap();
    s.add_legal_episode(
        &NewEpisode {
            client_id: id,
            kind: EpisodeKind::MhaS3,
            start_on: day(2026, 5, 31),
            notes: None,
        },
        t,
    )
    .unwrap();
    (s, id)
}

fn app_with(s: Store) -> App {
    App::new(
        s,
        Box::new(now),
        Keymap::defaults().unwrap(),
        Theme::new(false),
    )
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| caseload::ui::draw(f, app)).unwrap();
    t
}

fn text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The text with every run of spaces and newlines made one space.
fn flat(s: &str) -> String {
    s.replace('\n', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The app on Peggy's Summary.
fn on_summary() -> App {
    let (s, _) = store();
    let mut app = app_with(s);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.stack.last(), Some(View::Client(_))));
    app
}

#[test]
fn summary_under_s3_shows_the_period_end_and_renewal_window_at_every_size() {
    let app = on_summary();
    for (w, h) in [(80u16, 24u16), (120, 40), (60, 16)] {
        let t = draw(&app, w, h);
        insta::assert_snapshot!(format!("summary_s3_{w}x{h}"), t.backend());
        let all = flat(&text(&t));
        assert!(
            all.contains("expires 30 Nov 2026, renewal window from 1 Oct"),
            "{w}x{h}: {all}"
        );
        if w >= 100 {
            // Side by side: everything at once.
            assert!(
                all.contains("Peggy Oduya (legal name Margaret Oduya)"),
                "{all}"
            );
            assert!(all.contains("NHS number 943 476 5919"), "{all}");
            assert!(all.contains(GP), "{all}");
            assert!(all.contains("to share: yes (recorded"), "{all}");
        } else {
            // What does not fit is counted, not dropped.
            assert!(all.contains("more below"), "{all}");
        }
    }
}

#[test]
fn scrolling_the_summary_reaches_every_field_at_60x16() {
    let mut app = on_summary();
    let mut seen = String::new();
    for _ in 0..30 {
        seen.push_str(&flat(&text(&draw(&app, 60, 16))));
        press(&mut app, KeyCode::Down);
    }
    for want in [
        "NHS number 943 476 5919",
        "Consent to share: yes",
        "Legal name",
    ] {
        let want = want.replace("Legal name", "legal name Margaret");
        assert!(seen.contains(&want), "{want}: {seen}");
    }
}

#[test]
fn privacy_mode_hides_the_nhs_number_and_gp() {
    let mut app = on_summary();
    ctrl(&mut app, 'o');
    let all = flat(&text(&draw(&app, 120, 40)));
    assert!(all.contains("NHS number"), "{all}");
    assert!(!all.contains("943 476 5919"), "{all}");
    assert!(!all.contains("9434765919"), "{all}");
    assert!(!all.contains("Vantongeren"), "{all}");
    assert!(!all.contains("Margaret"), "{all}");
}

/// The client form refuses a mistyped NHS number beside the field, and
/// takes a good one with spaces.
#[test]
fn the_client_form_checks_the_nhs_number() {
    let (s, id) = store();
    let mut app = app_with(s);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    let Some(View::Form(f)) = app.stack.last() else {
        panic!("the client form")
    };
    let nhs = f
        .spec
        .fields()
        .iter()
        .position(|f| f.key == "NHS number")
        .unwrap();
    for _ in 0..nhs {
        press(&mut app, KeyCode::Tab);
    }
    for _ in 0..12 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "943 476 5918");
    ctrl(&mut app, 's');
    let screen = text(&draw(&app, 80, 24));
    let row = screen
        .lines()
        .find(|l| l.starts_with("NHS number"))
        .unwrap_or_default()
        .to_string();
    assert!(
        matches!(app.stack.last(), Some(View::Form(_))),
        "the form stays open"
    );
    assert!(flat(&screen).contains("check digit"), "{screen}");
    assert!(row.contains("943 476 5918"), "{row}");
    assert_eq!(
        app.store().client(id).unwrap().nhs_number.as_deref(),
        Some("9434765919"),
        "nothing written"
    );
    press(&mut app, KeyCode::Backspace);
    keys(&mut app, "9");
    ctrl(&mut app, 's');
    assert!(matches!(app.stack.last(), Some(View::Client(_))));
    assert_eq!(
        app.store().client(id).unwrap().nhs_number.as_deref(),
        Some("9434765919")
    );
}

#[test]
/// Issue 25: a new note has no kind until one is picked; it used to start
/// as the client's last kind, and a home visit was sealed as a phone call.
fn a_new_note_has_no_kind_whatever_the_client_s_last_note_was() {
    let (mut s, id) = store();
    for (kind, hour) in [(NoteKind::HomeVisit, 9), (NoteKind::Phone, 14)] {
        let n = s
            .add_note(
                &NewNote {
                    client_id: id,
                    kind: Some(kind),
                    outcome: caseload::demo::written_outcome(kind),
                    occurred_at: day(2026, 11, 20).and_hms_opt(hour, 0, 0).unwrap(),
                    location: None,
                    present: None,
                    body: "Checked in.".into(),
                    significant: false,
                },
                day(2026, 11, 20).and_hms_opt(hour, 30, 0).unwrap(),
            )
            .unwrap();
        s.finalise_note(n, None, day(2026, 11, 20).and_hms_opt(hour, 40, 0).unwrap())
            .unwrap();
    }
    let mut app = app_with(s);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    let Some(View::Editor(e)) = app.stack.last() else {
        panic!("the note editor")
    };
    assert_eq!(e.kind, None);

    // Nor does a client with no notes start at a home visit.
    let mut app = app_with(store().0);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    let Some(View::Editor(e)) = app.stack.last() else {
        panic!("the note editor")
    };
    assert_eq!(e.kind, None);
}

#[test]
fn an_old_care_plan_version_found_by_search_opens_at_that_version() {
    let (mut s, id) = store();
    for (needs, at) in [
        ("Wants help with the allotment tenancy.", 30),
        ("Wants to return to the choir.", 10),
    ] {
        s.add_plan_version(
            id,
            &NewCarePlan {
                needs: needs.into(),
                ..NewCarePlan::default()
            },
            now() - chrono::Duration::days(at),
        )
        .unwrap();
    }
    let mut app = app_with(s);
    press(&mut app, KeyCode::Char('f'));
    keys(&mut app, "allotment");
    press(&mut app, KeyCode::Enter);
    let Some(View::Client(v)) = app.stack.last() else {
        panic!("the client's record")
    };
    assert_eq!(v.plan.index, 1, "the earlier version");
    let all = flat(&text(&draw(&app, 120, 40)));
    assert!(all.contains("Version 1 of 2"), "{all}");
    assert!(all.contains("allotment tenancy"), "{all}");
    assert!(all.contains("earlier version, read-only"), "{all}");

    // The current version's words open the current version.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('f'));
    keys(&mut app, "choir");
    press(&mut app, KeyCode::Enter);
    let Some(View::Client(v)) = app.stack.last() else {
        panic!("the client's record")
    };
    assert_eq!(v.plan.index, 0);
}

#[test]
fn caseload_columns_fit_their_content_and_next_due_counts_planned_visits() {
    let (mut s, id) = store();
    s.add_client(
        &NewClient {
            given_name: "Bartholomew-Maximilian".into(),
            family_name: "Featherstonehaugh-Wrexham".into(),
            record_no: Some("FIC-0000000000000001".into()),
            ..NewClient::default()
        },
        now(),
    )
    .unwrap();
    s.plan_visit(
        &NewVisit {
            clients: vec![id],
            at: day(2026, 11, 24).and_hms_opt(10, 0, 0),
            ..NewVisit::default()
        },
        now(),
    )
    .unwrap();
    let mut app = app_with(s);
    press(&mut app, KeyCode::Char('c'));
    let wide = text(&draw(&app, 120, 40));
    // At 120 everything fits: nothing is cut.
    assert!(
        wide.contains("Bartholomew-Maximilian Featherstonehaugh-Wrexham"),
        "{wide}"
    );
    assert!(wide.contains("FIC-0000000000000001"), "{wide}");
    // Peggy's next due is the planned visit (before the s3 deadlines).
    let peggy = wide.lines().find(|l| l.contains("Peggy")).unwrap();
    assert!(
        peggy.contains(&caseload::dates::display::date(day(2026, 11, 24))),
        "{peggy}"
    );
    // At 60 columns the long values give way, each cut ending in "…",
    // and the dates stay whole.
    let narrow = text(&draw(&app, 60, 16));
    let row = narrow
        .lines()
        .find(|l| l.contains("Barthol"))
        .unwrap_or_else(|| panic!("{narrow}"));
    assert!(row.contains('…'), "{row}");
    assert!(!row.contains("Featherstonehaugh-Wrexham"), "{row}");
    let peggy = narrow.lines().find(|l| l.contains("Peggy")).unwrap();
    // The name keeps its room before the other columns: a short name whole.
    assert!(peggy.starts_with("Peggy Oduya "), "{peggy}");
    assert!(
        peggy.contains(&caseload::dates::display::date(day(2026, 11, 24))),
        "{peggy}"
    );
    insta::assert_snapshot!("caseload_sized_60x16", draw(&app, 60, 16).backend());
}

#[test]
fn help_scrolled_to_its_end_at_120x40() {
    let mut app = on_summary();
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::End);
    let t = draw(&app, 120, 40);
    insta::assert_snapshot!("help_client_end_120x40", t.backend());
    let all = flat(&text(&t));
    assert!(all.contains(" end "), "{all}");
    assert!(!all.contains("more below"), "{all}");
}
