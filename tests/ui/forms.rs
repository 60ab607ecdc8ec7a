//! Forms: problems beside the field, deadlines, plan reviews, network
//! members, actions, leaving with text.

use caseload::store::prelude::*;
use caseload::ui::forms::draft::DraftKey;
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
        matches!(top(&app), View::Form(f) if f.draft_key == Some(DraftKey::NewClient)
            && f.field("given name").is_some_and(|g| g.value() == "Someone"))
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

/// The store under `app`, taken out as a crash leaves it (nothing the app
/// would do on a clean exit is done).
fn crashed(mut app: caseload::app::App) -> caseload::store::Store {
    use caseload::app::session::Lockable;
    let empty = caseload::store::Store::open_in_memory().unwrap();
    std::mem::replace(app.store_mut(), empty)
}

#[test]
fn a_forms_text_is_kept_as_it_is_typed_and_put_back_after_a_crash() {
    use std::time::{Duration, Instant};
    let mut app = app();
    open_ada(&mut app);
    keys(&mut app, "d");
    assert!(matches!(top(&app), View::Form(f) if f.draft_key == Some(DraftKey::Deadline(1))));
    keys(&mut app, "Chase the housing report");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "4/12/2026");
    // Not yet: typing has not paused for a second.
    app.tick_at(Instant::now());
    assert_eq!(app.store().form_draft("deadline:1").unwrap(), None);
    app.tick_at(Instant::now() + Duration::from_millis(1100));
    let kept = app.store().form_draft("deadline:1").unwrap().unwrap();
    assert!(kept.fields.contains("Chase the housing report"), "{kept:?}");

    // The program dies with the form open; the same form opened again
    // holds what was typed, and says so.
    let mut app = app_with(crashed(app));
    let said = app.status.clone().unwrap().text;
    assert!(
        said.contains("Unsaved text kept: New deadline (Ada Lovelace)"),
        "{said}"
    );
    open_ada(&mut app);
    keys(&mut app, "d");
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("Chase the housing report"), "{text}");
    assert!(text.contains("→ Fri 4 Dec 2026"), "{text}");
    let said = app.status.clone().unwrap().text;
    assert!(said.contains("Put back your unsaved text from"), "{said}");
    // Saving it saves the deadline and forgets the kept text.
    ctrl(&mut app, 's');
    assert!(!matches!(top(&app), View::Form(_)));
    let deadlines = app.store().deadlines(1).unwrap();
    assert!(
        deadlines
            .iter()
            .any(|d| d.what == "Chase the housing report")
    );
    assert_eq!(app.store().form_draft("deadline:1").unwrap(), None);
}

#[test]
fn leaving_a_form_on_purpose_forgets_its_text_and_staying_keeps_it() {
    use std::time::{Duration, Instant};
    let mut app = app();
    keys(&mut app, "N");
    keys(&mut app, "Dee");
    app.tick_at(Instant::now() + Duration::from_millis(1100));
    assert!(app.store().form_draft("new-client").unwrap().is_some());
    // Esc asks; no keeps the form and its text.
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    keys(&mut app, "n");
    assert!(matches!(top(&app), View::Form(_)));
    assert!(app.store().form_draft("new-client").unwrap().is_some());
    // Yes leaves it and forgets the text: the next new client form is blank.
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "y");
    assert!(!matches!(top(&app), View::Form(_)));
    assert_eq!(app.store().form_draft("new-client").unwrap(), None);
    keys(&mut app, "N");
    let text = screen_text(&app, 100, 30);
    assert!(!text.contains("Dee"), "{text}");
}

#[test]
fn a_clean_quit_keeps_the_text_typed_since_the_last_tick() {
    let mut app = app();
    keys(&mut app, "N");
    keys(&mut app, "Dee");
    app.shutdown();
    let kept = app.store().form_draft("new-client").unwrap().unwrap();
    assert!(kept.fields.contains("Dee"), "{kept:?}");
}
