//! The fixture and key helpers every UI test module shares: a small
//! fictional caseload on a fixed clock, keys, drawing.

use caseload::app::App;
use caseload::domain::{
    NewAction, NewCarePlan, NewClient, NewDeadline, NewNetworkMember, NewNote, NoteKind,
    PlanAction, RiskLevel,
};
use caseload::store::Store;
use caseload::store::prelude::*;
use caseload::ui::client::Tab;
use caseload::ui::{Overlay, View};
use ratatui::crossterm::event::KeyCode;

pub(crate) use crate::common::tui::{
    app_on as app_with, ctrl, draw, keys, press, screen as screen_text,
};
pub(crate) use crate::common::{day, now};

/// A small fictional caseload: ids 1 Ada Lovelace (high risk, an alert, a
/// final note, a draft, a plan in two versions, an overdue deadline),
/// 2 Bob Rivers, 3 Cara Chen (closed).
pub(crate) fn fixture() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let t = now() - chrono::Duration::days(30);
    let ada = s
        .add_client(
            &NewClient {
                given_name: "Ada".into(),
                family_name: "Lovelace".into(),
                pronouns: Some("she/her".into()),
                record_no: Some("M-1001".into()),
                dob: Some(day(1, 1) - chrono::Days::new(365 * 40)),
                address: Some("1 Fictional Row, Exampletown".into()),
                visit_every_days: Some(14),
                risk: Some(RiskLevel::High),
                risk_summary: Some("Low mood; lives alone.".into()),
                alerts: vec!["Dog in the house: visit in pairs".into()],
                opened_on: Some(day(1, 5)),
                ..NewClient::default()
            },
            t,
        )
        .unwrap();
    let bob = s
        .add_client(
            &NewClient {
                given_name: "Bob".into(),
                family_name: "Rivers".into(),
                record_no: Some("M-2002".into()),
                visit_every_days: Some(28),
                ..NewClient::default()
            },
            t,
        )
        .unwrap();
    let cara = s
        .add_client(
            &NewClient {
                given_name: "Cara".into(),
                family_name: "Chen".into(),
                ..NewClient::default()
            },
            t,
        )
        .unwrap();
    s.close_client(cara, day(11, 1), "Moved away", t).unwrap();
    let n = s
        .add_note(
            &NewNote {
                client_id: ada,
                kind: Some(NoteKind::HomeVisit),
                outcome: caseload::demo::written_outcome(NoteKind::HomeVisit),
                occurred_at: day(11, 2).and_hms_opt(10, 30, 0).unwrap(),
                location: Some("Home".into()),
                present: Some("Ada".into()),
                body: "Visited at home. Ada was cheerful.".into(),
                significant: true,
            },
            now(),
        )
        .unwrap();
    s.finalise_note(n, Some("Fixture: written up late"), now())
        .unwrap();
    s.add_note(
        &NewNote {
            client_id: ada,
            kind: Some(NoteKind::Phone),
            outcome: caseload::demo::written_outcome(NoteKind::Phone),
            occurred_at: day(11, 21).and_hms_opt(16, 0, 0).unwrap(),
            location: None,
            present: None,
            body: "Phoned about the review; half written".into(),
            significant: false,
        },
        now(),
    )
    .unwrap();
    let b = s
        .add_note(
            &NewNote {
                client_id: bob,
                kind: Some(NoteKind::Office),
                outcome: caseload::demo::written_outcome(NoteKind::Office),
                occurred_at: day(11, 20).and_hms_opt(11, 0, 0).unwrap(),
                location: None,
                present: None,
                body: "Seen at the office.".into(),
                significant: false,
            },
            now(),
        )
        .unwrap();
    s.finalise_note(b, Some("Fixture: written up late"), now())
        .unwrap();
    for (what, due) in [
        ("Care Act review", day(11, 18)),
        ("Send copy of plan", day(11, 25)),
        ("Tribunal report due", day(12, 30)),
    ] {
        s.add_deadline(
            &NewDeadline {
                client_id: Some(ada),
                what: what.into(),
                due: Some(due),
                ..NewDeadline::default()
            },
            t,
        )
        .unwrap();
    }
    s.add_action(
        &NewAction {
            client_id: Some(bob),
            what: "Ring the housing officer".into(),
            due: Some(day(11, 23)),
        },
        t,
    )
    .unwrap();
    for (needs, v) in [("Company", 1), ("Company and a routine", 2)] {
        s.add_plan_version(
            ada,
            &NewCarePlan {
                needs: needs.into(),
                outcomes: "To feel less alone".into(),
                strengths: "Loves music".into(),
                crisis_plan: "Call the duty team".into(),
                next_review: Some(day(12, 10)),
                actions: vec![PlanAction {
                    what: format!("Day centre referral v{v}"),
                    owner: "Worker".into(),
                    ..PlanAction::default()
                }],
            },
            t,
        )
        .unwrap();
    }
    s.add_network_member(
        &NewNetworkMember {
            client_id: ada,
            name: "Dr Example".into(),
            role: "GP".into(),
            organisation: Some("Example Surgery".into()),
            consent_to_share: true,
            ..NewNetworkMember::default()
        },
        t,
    )
    .unwrap();
    s
}

pub(crate) fn app() -> App {
    app_with(fixture())
}

pub(crate) fn top(app: &App) -> &View {
    app.stack.last().unwrap()
}

pub(crate) fn client_tab(app: &App) -> Tab {
    match top(app) {
        View::Client(c) => c.tab,
        other => panic!("expected a client view, got {}", other.title()),
    }
}

/// Opens Ada's record through the Caseload filter, answering "not now" to
/// the draft offer.
pub(crate) fn open_ada(app: &mut App) {
    keys(app, "c/lov");
    press(app, KeyCode::Enter);
    assert!(
        matches!(app.overlay, Some(Overlay::Confirm(_))),
        "draft offered"
    );
    keys(app, "n");
    assert!(app.overlay.is_none());
}

/// Opens Bob Rivers' record and starts a new note, typing `body`.
pub(crate) fn write_note_for_bob(app: &mut App, body: &str) {
    keys(app, "c/riv");
    press(app, KeyCode::Enter);
    keys(app, "n");
    // No kind nor outcome until picked (issue 25): Body → When → Kind,
    // `h` for a home visit, Outcome `1` seen, then on round to the body.
    for _ in 0..2 {
        press(app, KeyCode::Tab);
    }
    keys(app, "h");
    press(app, KeyCode::Tab);
    keys(app, "1");
    for _ in 0..4 {
        press(app, KeyCode::Tab);
    }
    keys(app, body);
}

/// Clears the focused field with `n` backspaces and types `text`.
pub(crate) fn retype(app: &mut App, n: usize, text: &str) {
    for _ in 0..n {
        press(app, KeyCode::Backspace);
    }
    keys(app, text);
}
