//! The terminal UI for issue 9, driven with key events and no terminal:
//! completing a statutory deadline names it and asks its question, undo
//! says what it will undo and asks. Fictional people; a fixed clock.

use caseload::app::App;
use caseload::domain::{EpisodeKind, NewClient, NewEpisode};
use caseload::store::Store;
use caseload::store::prelude::*;
use caseload::ui::{Overlay, View};
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

mod common;

use common::now;
use common::tui::{app_on as app_with, keys, press};

fn app() -> App {
    app_with(store())
}

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let c = s
        .add_client(
            &NewClient {
                given_name: "Ivy".into(),
                family_name: "Example".into(),
                opened_on: NaiveDate::from_ymd_opt(2026, 6, 1),
                ..NewClient::default()
            },
            now(),
        )
        .unwrap();
    s.add_legal_episode(
        &NewEpisode {
            client_id: c,
            kind: EpisodeKind::MhaS3,
            start_on: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            notes: None,
        },
        now(),
    )
    .unwrap();
    s
}

fn form_title(app: &App) -> String {
    match app.stack.last().unwrap() {
        View::Form(f) => f.title.clone(),
        other => panic!("expected a form, got {}", other.title()),
    }
}

#[test]
fn completing_an_s3_expiry_names_it_asks_renewed_and_undo_asks_first() {
    let mut app = app();
    keys(&mut app, "c/ivy");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "4");
    keys(&mut app, "g");
    keys(&mut app, "D");
    let title = form_title(&app);
    assert!(title.contains("Renewed?"), "{title}");
    assert!(title.contains("Section 3"), "{title}");
    // Without an outcome nothing is recorded.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.stack.last(), Some(View::Form(_))));
    let s3 = app.store().deadline(1).unwrap();
    assert!(s3.completed_on.is_none());
    // The problem is shown beside the outcome, which now has the focus.
    keys(&mut app, "renewed");
    press(&mut app, KeyCode::Enter);
    let s3 = app.store().deadline(1).unwrap();
    assert_eq!(s3.completed_on, Some(now().date()));
    let said = app.status.clone().unwrap().text;
    assert!(said.contains(&s3.what), "{said}");

    // Undo names the step and asks; no leaves it done, yes undoes it.
    keys(&mut app, "u");
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("undo did not ask")
    };
    assert!(c.question.contains("complete deadline"), "{}", c.question);
    assert!(c.question.contains(&s3.what), "{}", c.question);
    keys(&mut app, "n");
    assert!(app.store().deadline(1).unwrap().completed_on.is_some());
    keys(&mut app, "u");
    keys(&mut app, "y");
    assert!(app.store().deadline(1).unwrap().completed_on.is_none());
}

#[test]
fn a_plan_action_is_ticked_off_from_the_plan_tab() {
    use caseload::domain::{NewCarePlan, PlanAction};
    let mut s = store();
    let plan = NewCarePlan {
        needs: "A bed".into(),
        actions: vec![
            PlanAction {
                what: "Buy and deliver a bed".into(),
                owner: "Sam".into(),
                ..PlanAction::default()
            },
            PlanAction {
                what: "Ring the GP".into(),
                ..PlanAction::default()
            },
        ],
        ..NewCarePlan::default()
    };
    s.add_plan_version(1, &plan, now()).unwrap();
    let mut app = app_with(s);
    keys(&mut app, "c/ivy");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "3");
    keys(&mut app, "D");
    assert!(form_title(&app).contains("plan action"));
    // The first open action is offered; Tab to the date, Enter saves.
    press(&mut app, KeyCode::Enter);
    let p = app.store().current_plan(1).unwrap().unwrap();
    assert_eq!(p.actions[0].done_on, Some(now().date()));
    assert!(p.actions[1].done_on.is_none());
    let said = app.status.clone().unwrap().text;
    assert!(said.contains("Buy and deliver a bed"), "{said}");
    // Next time the second one is offered.
    keys(&mut app, "D");
    press(&mut app, KeyCode::Enter);
    let p = app.store().current_plan(1).unwrap().unwrap();
    assert_eq!(p.actions[1].done_on, Some(now().date()));
}

/// A draft whose contact is still ahead of the clock (saved when the clock
/// was later, or on another machine) cannot be finalised in the TUI either.
#[test]
fn the_tui_refuses_to_finalise_a_future_dated_note() {
    use caseload::domain::{NewNote, NoteKind, NoteStatus};
    let mut s = store();
    let tomorrow = now() + chrono::Duration::days(1);
    let id = s
        .add_note(
            &NewNote {
                client_id: 1,
                kind: Some(NoteKind::Phone),
                outcome: caseload::demo::written_outcome(NoteKind::Phone),
                occurred_at: tomorrow,
                location: None,
                present: None,
                body: "Rang Ivy.".into(),
                significant: false,
            },
            tomorrow,
        )
        .unwrap();
    let mut app = app_with(s);
    keys(&mut app, "c/ivy");
    press(&mut app, KeyCode::Enter);
    // Opening offers the draft back: take it.
    keys(&mut app, "y");
    assert!(matches!(app.stack.last(), Some(View::Editor(_))));
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('f'),
        KeyModifiers::CONTROL,
    )));
    if matches!(app.overlay, Some(Overlay::Confirm(_))) {
        keys(&mut app, "y");
    }
    assert_eq!(app.store().note(id).unwrap().status, NoteStatus::Draft);
    let said = app.status.clone().map(|s| s.text).unwrap_or_default();
    assert!(said.contains("future"), "{said:?}");
}
