//! Visits in the terminal UI without a terminal: plan one on a client (with
//! the household), move and cancel it from the Deadlines tab, and record
//! the outcome of one whose time has passed, which opens its note.

use caseload::app::App;
use caseload::domain::{NewClient, NewVisit, Service, VisitOutcome, VisitStatus};
use caseload::store::prelude::*;
use caseload::store::{Store, VisitFilter};
use caseload::ui::View;
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::KeyCode;

mod common;

use common::tui::{app_at, ctrl, keys, press};

fn at(d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn now() -> NaiveDateTime {
    at(22, 11)
}

/// Ann and Ben, siblings linked as a household; a visit to Ann planned for
/// 10:00 today (passed) and one for Tuesday.
fn store() -> (Store, i64, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let mut add = |g: &str| {
        s.add_client(
            &NewClient {
                given_name: g.into(),
                family_name: "Testperson".into(),
                service: Some(Service::Children),
                visit_every_days: Some(10),
                ..NewClient::default()
            },
            at(1, 9),
        )
        .unwrap()
    };
    let (ann, ben) = (add("Ann"), add("Ben"));
    s.link_household(&[ann, ben], at(1, 9)).unwrap();
    for when in [at(22, 10), at(24, 15)] {
        s.plan_visit(
            &NewVisit {
                clients: vec![ann],
                at: Some(when),
                ..NewVisit::default()
            },
            at(20, 9),
        )
        .unwrap();
    }
    (s, ann, ben)
}

fn app(s: Store) -> App {
    app_at(s, now)
}

fn planned(app: &App, client: i64) -> Vec<caseload::domain::Visit> {
    app.store()
        .visits(&VisitFilter {
            client: Some(client),
            ..VisitFilter::default()
        })
        .unwrap()
}

#[test]
fn visits_are_planned_moved_cancelled_and_recorded_from_the_client() {
    let (s, ann, ben) = store();
    let mut a = app(s);
    // Plan a visit to Ann and (ticked by default) her household.
    keys(&mut a, "c/ann");
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "V");
    keys(&mut a, "thu 16:00");
    ctrl(&mut a, 's');
    let ben_visits = planned(&a, ben);
    assert_eq!(ben_visits.len(), 1, "the household came too");
    assert_eq!(ben_visits[0].planned_at, Some(at(26, 16)));
    assert_eq!(planned(&a, ann).len(), 3);

    // The Deadlines tab lists the planned visits first; m moves the
    // selected one, X cancels it with a reason.
    keys(&mut a, "4");
    keys(&mut a, "j");
    keys(&mut a, "m");
    keys(&mut a, "25/11/2026 09:30");
    ctrl(&mut a, 's');
    let v = &planned(&a, ann)[1];
    assert_eq!(
        v.planned_at,
        Some(at(25, 9) + chrono::Duration::minutes(30))
    );
    assert_eq!(v.moves.len(), 1);
    keys(&mut a, "X");
    ctrl(&mut a, 's');
    assert!(
        matches!(a.stack.last(), Some(View::Form(_))),
        "a reason is needed"
    );
    keys(&mut a, "Family away");
    ctrl(&mut a, 's');
    let cancelled = planned(&a, ann)
        .into_iter()
        .filter(|v| v.status == VisitStatus::Cancelled)
        .count();
    assert_eq!(cancelled, 1);

    // D on a visit still to come says to wait; on the passed one it asks
    // for the outcome, and saving opens the note.
    keys(&mut a, "gD");
    match a.stack.last() {
        Some(View::Form(f)) => assert!(f.title.starts_with("Visit outcome")),
        other => panic!(
            "expected the outcome form, got {:?}",
            other.map(View::title)
        ),
    }
    press(&mut a, KeyCode::Right);
    ctrl(&mut a, 's');
    match a.stack.last() {
        Some(View::Editor(e)) => assert!(e.body.text().starts_with("Outcome: Seen alone.")),
        other => panic!("expected the note editor, got {:?}", other.map(View::title)),
    }
    let first = &planned(&a, ann)[0];
    assert_eq!(first.people[0].outcome, Some(VisitOutcome::SeenAlone));
    let facts = a.store().client_visit_facts(ann).unwrap();
    assert_eq!(facts.last_seen, Some(now().date()));
}
