//! Forms: problems beside the field, deadlines, plan reviews, network
//! members, actions, leaving with text.

use caseload::ui::forms::Spec;
use caseload::ui::{Overlay, View};
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

#[test]
fn forms_show_the_problem_beside_the_field() {
    let mut app = app();
    keys(&mut app, "N");
    assert!(matches!(top(&app), View::Form(_)));
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app, 80, 24);
    let line = text.lines().find(|l| l.contains("Given name")).unwrap();
    assert!(line.contains("must not be empty"), "{line}");
    keys(&mut app, "Dee");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Okafor");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "31/02/2000");
    let text = screen_text(&app, 100, 30);
    let line = text.lines().find(|l| l.contains("Date of birth")).unwrap();
    assert!(line.contains("not a real date"), "{line}");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Form(_)), "refused");
    retype(&mut app, 10, "03/12/1990");
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("→ Mon 3 Dec 1990"), "{text}");
    press(&mut app, KeyCode::Enter);
    match top(&app) {
        View::Client(c) => {
            assert_eq!(c.client.family_name, "Okafor");
            assert_eq!(c.client.dob, NaiveDate::from_ymd_opt(1990, 12, 3));
        }
        other => panic!("expected the new client, got {}", other.title()),
    }
}

#[test]
fn deadline_dates_are_typed_naturally_and_marked_done() {
    let mut app = app();
    open_ada(&mut app);
    keys(&mut app, "4a");
    keys(&mut app, "Best interests meeting");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "+2w");
    press(&mut app, KeyCode::Enter);
    let d = app.store().deadlines(1).unwrap();
    let new = d
        .iter()
        .find(|d| d.what == "Best interests meeting")
        .unwrap();
    assert_eq!(new.due, day(12, 6));
    // The first row (overdue review) is marked done with the date and an outcome.
    keys(&mut app, "g");
    keys(&mut app, "D");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Held; plan agreed");
    press(&mut app, KeyCode::Enter);
    let d = app.store().deadline(1).unwrap();
    assert_eq!(d.completed_on, Some(now().date()));
    assert_eq!(d.outcome.as_deref(), Some("Held; plan agreed"));
}

#[test]
fn a_plan_review_writes_a_new_version_and_old_ones_stay_readable() {
    let mut app = app();
    open_ada(&mut app);
    keys(&mut app, "3a");
    keys(&mut app, " and friends");
    ctrl(&mut app, 's');
    let plans = app.store().plan_versions(1).unwrap();
    assert_eq!(plans.len(), 3);
    assert_eq!(plans[0].needs, "Company and a routine and friends");
    assert_eq!(plans[0].actions[0].what, "Day centre referral v2");
    keys(&mut app, "[[");
    let text = screen_text(&app, 80, 24);
    assert!(
        text.contains("Version 1 of 3") && text.contains("earlier version"),
        "{text}"
    );
    keys(&mut app, "]]");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Version 3 of 3"), "{text}");
}

#[test]
fn network_members_are_added() {
    let mut app = app();
    open_ada(&mut app);
    keys(&mut app, "5a");
    keys(&mut app, "Sam Example");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Advocate");
    ctrl(&mut app, 's');
    let n = app.store().network(1).unwrap();
    assert!(
        n.iter()
            .any(|m| m.name == "Sam Example" && m.role == "Advocate")
    );
}

#[test]
fn leaving_a_form_with_text_asks_and_an_empty_one_does_not() {
    let mut app = app();
    keys(&mut app, "N");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(top(&app), View::Today(_)));
    keys(&mut app, "N");
    keys(&mut app, "Someone");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    keys(&mut app, "n");
    assert!(
        matches!(top(&app), View::Form(f) if matches!(&f.spec, Spec::NewClient(c) if c.given.value() == "Someone"))
    );
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "y");
    assert!(matches!(top(&app), View::Today(_)));
}

#[test]
fn actions_can_be_added_from_anywhere_and_marked_done() {
    let mut app = app();
    keys(&mut app, "A");
    keys(&mut app, "Renew my ID badge");
    press(&mut app, KeyCode::Enter);
    let all = app.store().actions(None).unwrap();
    assert!(
        all.iter()
            .any(|a| a.what == "Renew my ID badge" && a.client_id.is_none())
    );
    // Bob's action is on his Deadlines tab; D marks it done.
    keys(&mut app, "c/riv");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "4D");
    let a = app.store().action(1).unwrap();
    assert_eq!(a.done_on, Some(now().date()));
}
