//! What the CLI could do and the terminal UI now does too: closing a case
//! (what stops being tracked, asked first; the retention review date
//! shown), ending and moving a legal episode, a network member's details
//! with edit and archive, discarding a draft; and retention reviews that
//! have come, flagged on Today.

use caseload::domain::retention::{Closing, RetentionSchedule};
use caseload::domain::{CaseStatus, EpisodeKind, NewClient, NewEpisode, NoteStatus};
use caseload::store::Store;
use caseload::store::prelude::*;
use caseload::ui::{Overlay, View};
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

/// The fixture with an open MHA s3 episode for Ada from 1 October.
fn with_s3() -> Store {
    let mut s = fixture();
    s.add_legal_episode(
        &NewEpisode {
            client_id: 1,
            kind: EpisodeKind::MhaS3,
            start_on: day(10, 1),
            notes: None,
        },
        now(),
    )
    .unwrap();
    s
}

fn snapshot(name: &str, app: &caseload::app::App) {
    let t = draw(app, 80, 24);
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!(format!("{name}_80x24"), t.backend());
    });
}

fn question(app: &caseload::app::App) -> String {
    match &app.overlay {
        Some(Overlay::Confirm(c)) => c.question.clone(),
        _ => panic!("expected a question"),
    }
}

#[test]
fn closing_asks_about_what_stops_being_tracked_then_sets_the_retention_date() {
    let mut app = app_with(with_s3());
    open_ada(&mut app);
    keys(&mut app, "Z");
    assert!(matches!(top(&app), View::Form(f) if f.title == "Close the case"));
    // A reason is needed.
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    let text = screen_text(&app, 80, 24);
    let reason = text.lines().find(|l| l.starts_with("Reason")).unwrap();
    assert!(reason.contains("say why"), "{reason}");
    keys(&mut app, "Moved to another area");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Handed over to the new team.");
    ctrl(&mut app, 's');
    snapshot("close_confirm", &app);
    // Exactly what closing stops tracking, as `client close` lists it.
    let q = question(&app);
    let preview = app
        .store()
        .closure_preview(1, day(11, 22), &RetentionSchedule::default())
        .unwrap();
    for line in preview.stops_tracking() {
        assert!(q.contains(&line), "{line} missing from {q}");
    }
    assert!(q.contains("MHA s3") && q.contains("Care Act review"), "{q}");
    // No: nothing closed, the form stays.
    keys(&mut app, "n");
    assert_eq!(app.store().client(1).unwrap().status, CaseStatus::Open);
    assert!(matches!(top(&app), View::Form(_)));
    ctrl(&mut app, 's');
    keys(&mut app, "y");
    let c = app.store().client(1).unwrap();
    assert_eq!(c.status, CaseStatus::Closed);
    assert_eq!(c.closure_reason.as_deref(), Some("Moved to another area"));
    // An adult: six years after closure.
    assert_eq!(c.retain_until, NaiveDate::from_ymd_opt(2032, 11, 22));
    assert_eq!(
        app.store().closure_summary(1).unwrap().as_deref(),
        Some("Handed over to the new team.")
    );
    let said = app.status.clone().unwrap().text;
    assert!(
        said.contains("Retention review due") && said.contains("2032"),
        "{said}"
    );
    // The record says so, and a closed case cannot be closed again.
    assert!(matches!(top(&app), View::Client(_)));
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Retention") && text.contains("6 years after closure"));
    assert!(text.contains("Handed over to the new team."), "{text}");
    keys(&mut app, "Z");
    assert!(matches!(top(&app), View::Client(_)));
}

#[test]
fn a_closed_cases_summary_shows_nothing_as_still_due() {
    let mut app = app_with(with_s3());
    open_ada(&mut app);
    // Open: the s3's period end, the next deadline and a visit due.
    let open = screen_text(&app, 120, 40);
    assert!(open.contains("expires"), "{open}");
    assert!(open.contains("Next visit due"), "{open}");
    let next_deadline = app
        .store()
        .deadlines(1)
        .unwrap()
        .into_iter()
        .find(|d| d.completed_on.is_none() && !d.cancelled)
        .unwrap();
    assert!(open.contains(&next_deadline.what), "{open}");
    keys(&mut app, "Z");
    keys(&mut app, "Moved to another area");
    ctrl(&mut app, 's');
    keys(&mut app, "y");
    assert_eq!(app.store().client(1).unwrap().status, CaseStatus::Closed);
    // Closed: the episode is still open in the record, but no date on the
    // Summary reads as live or missed.
    let closed = screen_text(&app, 120, 40);
    assert!(
        closed.contains("not tracked since the case closed 22/11/2026"),
        "{closed}"
    );
    assert!(!closed.contains("expires"), "{closed}");
    assert!(!closed.contains("Next visit due"), "{closed}");
    assert!(!closed.contains(&next_deadline.what), "{closed}");
    assert!(
        closed.contains("nothing: the case closed 22/11/2026"),
        "{closed}"
    );
    // The same at 80x24, where the status comes first.
    let small = screen_text(&app, 80, 24);
    assert!(small.contains("not tracked since"), "{small}");
}

#[test]
fn the_close_form_fits_at_80x24() {
    let mut app = app_with(with_s3());
    open_ada(&mut app);
    keys(&mut app, "Z");
    snapshot("close_form", &app);
}

#[test]
fn an_episode_is_moved_then_ended_from_the_client_screen() {
    let mut app = app_with(with_s3());
    open_ada(&mut app);
    keys(&mut app, "M");
    snapshot("move_episode_form", &app);
    // The start is offered as it is; Ctrl-U clears it.
    ctrl(&mut app, 'u');
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    keys(&mut app, "2026-10-03");
    press(&mut app, KeyCode::Enter);
    let e = &app.store().episodes(1).unwrap()[0];
    assert_eq!(e.start_on, day(10, 3));
    assert!(matches!(top(&app), View::Client(_)));

    keys(&mut app, "E");
    snapshot("end_episode_form", &app);
    press(&mut app, KeyCode::Enter);
    let e = &app.store().episodes(1).unwrap()[0];
    assert_eq!(e.end_on, Some(day(11, 22)));
    let said = app.status.clone().unwrap().text;
    assert!(said.starts_with("Episode ended"), "{said}");
    // None open now: E says so and opens nothing.
    keys(&mut app, "E");
    assert!(matches!(top(&app), View::Client(_)));
    assert_eq!(app.status.clone().unwrap().text, "No legal episode is open");
}

#[test]
fn a_network_member_shows_in_full_is_edited_and_archived_after_asking() {
    let mut app = app();
    open_ada(&mut app);
    keys(&mut app, "5");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Member(_)));
    snapshot("member", &app);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Example Surgery") && text.contains("Email"));

    keys(&mut app, "e");
    let text = screen_text(&app, 80, 24);
    assert!(
        text.contains("Dr Example"),
        "filled from the record: {text}"
    );
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "gp@example.org");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Member(_)));
    assert!(screen_text(&app, 80, 24).contains("gp@example.org"));
    let m = &app.store().network(1).unwrap()[0];
    assert_eq!(m.email.as_deref(), Some("gp@example.org"));
    assert_eq!(m.organisation.as_deref(), Some("Example Surgery"));

    keys(&mut app, "X");
    assert!(question(&app).contains("Archive Dr Example"));
    keys(&mut app, "n");
    assert!(!app.store().network(1).unwrap()[0].archived);
    keys(&mut app, "X");
    keys(&mut app, "y");
    assert!(app.store().network(1).unwrap()[0].archived);
    assert!(matches!(top(&app), View::Client(_)));
    assert!(screen_text(&app, 80, 24).contains("archived: GP"));
}

#[test]
fn a_draft_is_discarded_after_asking_and_undo_puts_it_back() {
    let mut app = app();
    open_ada(&mut app);
    keys(&mut app, "2");
    // The final note first: it cannot be discarded.
    keys(&mut app, "j");
    press(&mut app, KeyCode::Delete);
    assert!(app.overlay.is_none());
    keys(&mut app, "k");
    press(&mut app, KeyCode::Delete);
    assert!(question(&app).contains("Discard the draft note of Sat 21/11 16:00"));
    keys(&mut app, "n");
    assert_eq!(app.store().notes(1).unwrap().len(), 2);
    press(&mut app, KeyCode::Delete);
    keys(&mut app, "y");
    let notes = app.store().notes(1).unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes.iter().all(|n| n.status == NoteStatus::Final));
    keys(&mut app, "u");
    assert!(question(&app).contains("discard the draft note of 2026-11-21"));
    keys(&mut app, "y");
    let back = app.store().notes(1).unwrap();
    assert_eq!(back.len(), 2);
    assert!(
        back.iter()
            .any(|n| n.body == "Phoned about the review; half written")
    );
}

#[test]
fn retention_reviews_that_have_come_are_flagged_on_today_and_explained() {
    let mut s = fixture();
    let old = s
        .add_client(
            &NewClient {
                given_name: "Otto".into(),
                family_name: "Oldcase".into(),
                opened_on: NaiveDate::from_ymd_opt(2015, 1, 5),
                ..NewClient::default()
            },
            now(),
        )
        .unwrap();
    let closing = Closing {
        on: NaiveDate::from_ymd_opt(2019, 6, 30).unwrap(),
        reason: "Moved away".into(),
        summary: String::new(),
    };
    s.close_case(old, &closing, &RetentionSchedule::default(), now())
        .unwrap();
    // The same list `due` prints.
    let due = s.retention_due(day(11, 22)).unwrap();
    assert_eq!(due.len(), 1);
    let mut app = app_with(s);
    let text = screen_text(&app, 120, 40);
    assert!(
        text.contains("Records due a retention review (1)"),
        "{text}"
    );
    // Tab to its section: the detail pane says what it is.
    let mut found = false;
    for _ in 0..8 {
        press(&mut app, KeyCode::Tab);
        let text = screen_text(&app, 80, 24);
        if text.contains("retention review due") {
            assert!(text.contains("never deletes"), "{text}");
            found = true;
            break;
        }
    }
    assert!(found, "the retention row was never selected");
    snapshot("today_retention", &app);
    // In privacy mode the row and its detail pane do not name the client.
    caseload::app::session::Lockable::set_privacy(&mut app, true);
    let private = screen_text(&app, 80, 24);
    assert!(private.contains("retention review due"), "{private}");
    assert!(
        !private.contains("Otto") && !private.contains("Oldcase"),
        "{private}"
    );
    caseload::app::session::Lockable::set_privacy(&mut app, false);
    // Nothing was acted on: the case is still closed, the record whole.
    assert_eq!(app.store().client(old).unwrap().status, CaseStatus::Closed);
    press(&mut app, KeyCode::Enter);
    match top(&app) {
        View::Client(c) => assert_eq!(c.client.id, old),
        other => panic!("expected Otto's record, got {}", other.title()),
    }
    assert!(screen_text(&app, 80, 24).contains("review due 30/06/2025"));
}

#[test]
fn form_titles_and_labels_are_never_cut_without_a_mark_at_80x24() {
    let mut app = app_with(with_s3());
    open_ada(&mut app);
    for key in ["L", "E", "M", "Z", "d"] {
        keys(&mut app, key);
        let View::Form(f) = top(&app) else {
            panic!("{key} opened no form");
        };
        let labels: Vec<&str> = f.spec.fields().iter().map(|x| x.label).collect();
        let title = f.title.clone();
        let text = screen_text(&app, 80, 24);
        let first = text.lines().next().unwrap();
        // The title gives way to the clock, with a gap and a mark.
        assert!(
            first.trim_end().ends_with("Sun 22 Nov 2026 09:00"),
            "{first}"
        );
        assert!(first.contains("  Sun 22 Nov"), "{first}");
        if !first.contains(&title) {
            assert!(first.contains('…'), "cut without a mark: {first}");
        }
        let heading = text.lines().nth(1).unwrap();
        assert!(
            heading.contains(&title) || heading.contains('…'),
            "{heading}"
        );
        for l in labels {
            assert!(
                text.lines().any(|line| line.starts_with(l)),
                "label {l:?} cut in {text}"
            );
        }
        press(&mut app, KeyCode::Esc);
    }
    // The late-entry reason's label, the one that was cut.
    let f =
        caseload::ui::forms::late_reason(2, 4, caseload::ui::theme::Theme::new(false), day(11, 22));
    app.stack.push(f.into());
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Reason for late entry "), "{text}");
}

#[test]
fn each_client_tabs_hint_keys_are_bound_and_shown() {
    let km = caseload::keymap::Keymap::defaults().unwrap();
    let mut app = app();
    open_ada(&mut app);
    for tab in '1'..='6' {
        keys(&mut app, &tab.to_string());
        let s = top(&app).screen();
        for a in s.hints() {
            assert!(
                !km.keys_for(s.mode(), *a).is_empty(),
                "tab {tab} shows {a:?} with no key"
            );
        }
    }
    keys(&mut app, "1");
    let bar = screen_text(&app, 80, 24)
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(
        bar.contains("Z close case") && bar.contains("E end episode"),
        "{bar}"
    );
    keys(&mut app, "2");
    let bar = screen_text(&app, 80, 24)
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(bar.contains("Delete discard"), "{bar}");
}

#[test]
fn the_draft_open_in_the_editor_is_discarded_after_asking() {
    let mut app = app();
    open_ada(&mut app);
    keys(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Editor(_)));
    assert!(screen_text(&app, 80, 24).contains("Ctrl-d discard"));
    ctrl(&mut app, 'd');
    assert!(question(&app).contains("Discard this draft note?"));
    keys(&mut app, "n");
    assert!(matches!(top(&app), View::Editor(_)), "no: still writing");
    assert_eq!(app.store().notes(1).unwrap().len(), 2);
    // Typed text, then discarded: nothing of it is kept.
    keys(&mut app, " more");
    ctrl(&mut app, 'd');
    keys(&mut app, "y");
    assert!(matches!(top(&app), View::Client(_)));
    let notes = app.store().notes(1).unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes.iter().all(|n| n.status == NoteStatus::Final));
}

#[test]
fn in_privacy_mode_closing_counts_deadlines_instead_of_naming_them() {
    let mut app = app_with(with_s3());
    open_ada(&mut app);
    caseload::app::session::Lockable::set_privacy(&mut app, true);
    keys(&mut app, "Z");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("MHA s3 since"), "{text}");
    assert!(text.contains("6 open deadlines"), "{text}");
    assert!(!text.contains("Care Act review"), "{text}");
    keys(&mut app, "Moved");
    press(&mut app, KeyCode::Enter);
    let q = question(&app);
    assert!(
        q.contains("6 open deadlines") && !q.contains("Care Act review"),
        "{q}"
    );
}

#[test]
fn on_a_short_screen_the_close_form_says_how_much_more_there_is() {
    let mut app = app_with(with_s3());
    open_ada(&mut app);
    keys(&mut app, "Z");
    let text = screen_text(&app, 60, 16);
    assert!(text.contains("legal episode 1: MHA s3"), "{text}");
    assert!(text.contains("more lines"), "{text}");
    let tall = screen_text(&app, 80, 40);
    assert!(!tall.contains("more lines"), "{tall}");
    assert!(
        tall.contains("If closed today: Retention review due"),
        "{tall}"
    );
}
