//! The terminal UI driven with key events and no terminal: state asserted
//! after each step, screens snapshotted on a `TestBackend` at 80×24 and
//! 120×40 with a fixed clock, and every size from 1×1 to 200×60 drawn.

use std::time::{Duration, Instant};

mod common;

use caseload::action::Action;
use caseload::app::App;
use caseload::domain::{
    NewAction, NewCarePlan, NewClient, NewDeadline, NewNetworkMember, NewNote, NoteKind,
    NoteStatus, PlanAction, RiskLevel,
};
use caseload::keymap::{DEFAULT_KEYMAP, Keymap, Mode};
use caseload::store::Store;
use caseload::ui::client::Tab;
use caseload::ui::forms::Spec;
use caseload::ui::theme::Theme;
use caseload::ui::{Overlay, View};
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A small fictional caseload: ids 1 Ada Lovelace (high risk, an alert, a
/// final note, a draft, a plan in two versions, an overdue deadline),
/// 2 Bob Rivers, 3 Cara Chen (closed).
fn fixture() -> Store {
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
                kind: NoteKind::HomeVisit,
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
            kind: NoteKind::Phone,
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
                kind: NoteKind::Office,
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

fn app_with(store: Store) -> App {
    App::new(
        store,
        Box::new(now),
        Keymap::defaults().unwrap(),
        Theme::new(false),
    )
}

fn app() -> App {
    app_with(fixture())
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

fn screen_text(app: &App, w: u16, h: u16) -> String {
    let t = draw(app, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn top(app: &App) -> &View {
    app.stack.last().unwrap()
}

fn client_tab(app: &App) -> Tab {
    match top(app) {
        View::Client(c) => c.tab,
        other => panic!("expected a client view, got {}", other.title()),
    }
}

/// Opens Ada's record through the Caseload filter, answering "not now" to
/// the draft offer.
fn open_ada(app: &mut App) {
    keys(app, "c/lov");
    press(app, KeyCode::Enter);
    assert!(
        matches!(app.overlay, Some(Overlay::Confirm(_))),
        "draft offered"
    );
    keys(app, "n");
    assert!(app.overlay.is_none());
}

#[test]
fn today_ranks_overdue_first_and_enter_opens_the_right_tab() {
    let mut app = app();
    let text = screen_text(&app, 120, 40);
    let overdue = text.find("Care Act review").unwrap();
    let soon = text.find("Send copy of plan").unwrap();
    assert!(overdue < soon, "overdue first:\n{text}");
    assert!(text.contains("4 days overdue"));
    assert!(text.contains("Drafts to finalise (1)"));
    // The first selectable row is the overdue deadline: Enter opens Ada's Deadlines tab.
    press(&mut app, KeyCode::Enter);
    if let Some(Overlay::Confirm(_)) = app.overlay {
        keys(&mut app, "n");
    }
    assert_eq!(client_tab(&app), Tab::Deadlines);
}

#[test]
fn today_draft_row_opens_the_editor_with_the_draft() {
    let mut app = app();
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    match top(&app) {
        View::Editor(e) => assert!(e.body.text().contains("half written")),
        other => panic!("expected the editor, got {}", other.title()),
    }
    // Back leads to Today, where it was opened from.
    press(&mut app, KeyCode::Esc);
    assert!(matches!(top(&app), View::Today(_)));
}

#[test]
fn every_today_section_is_visible_at_80x24_and_tab_moves_between_them() {
    let mut store = fixture();
    let ada = store.clients(false).unwrap()[0].id;
    for i in 0..30 {
        store
            .add_deadline(
                &NewDeadline {
                    client_id: Some(ada),
                    what: format!("Report {i:02} from the occupational therapy assessment team"),
                    due: Some(day(11, 24)),
                    ..NewDeadline::default()
                },
                now(),
            )
            .unwrap();
    }
    let mut app = app_with(store);
    let text = screen_text(&app, 80, 24);
    for heading in [
        "Due —",
        "This week's contacts and reviews",
        "Not seen within their visiting frequency",
        "Drafts to finalise (1)",
    ] {
        assert!(text.contains(heading), "{heading} missing:\n{text}");
    }
    assert!(text.contains("  +28 more"), "{text}");
    // The draft's late-entry countdown (contact Sat 21 Nov, 5 working days).
    assert!(text.contains("finalise within 5 working days"), "{text}");
    // A long "what" ends in an ellipsis at a word, not cut mid-word.
    assert!(text.contains("from the occupational…"), "{text}");
    assert!(text.contains("Report 00"), "{text}");
    // A click on the draft's line (row 16 at 80×24) selects it.
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 5,
        row: 16,
        modifiers: KeyModifiers::NONE,
    }));
    let View::Today(v) = top(&app) else { panic!() };
    assert!(
        matches!(v.target(), Some(caseload::ui::today::TodayTarget::Draft(_))),
        "{text}"
    );
    press(&mut app, KeyCode::Home);
    // Moving down through Due scrolls within its share: the selection stays
    // drawn and the drafts heading stays on screen.
    for _ in 0..20 {
        press(&mut app, KeyCode::Down);
    }
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Drafts to finalise (1)"), "{text}");
    assert!(text.contains("Report 19"), "{text}");
    assert!(!text.contains("Report 00"), "{text}");
    // Tab jumps section by section; the last is the draft, Enter edits it.
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Enter);
    match top(&app) {
        View::Editor(e) => assert!(e.body.text().contains("half written")),
        other => panic!("expected the editor, got {}", other.title()),
    }
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "t");
    // From the top, Tab reaches this week's contacts: Enter opens Notes.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    if let Some(Overlay::Confirm(_)) = app.overlay {
        keys(&mut app, "n");
    }
    assert_eq!(client_tab(&app), Tab::Notes);
}

#[test]
fn caseload_filters_as_you_type_sorts_and_hides_closed() {
    let mut app = app();
    keys(&mut app, "c");
    let View::Caseload(c) = top(&app) else {
        panic!()
    };
    assert_eq!(c.rows.len(), 2, "closed case hidden");
    keys(&mut app, "x");
    let View::Caseload(c) = top(&app) else {
        panic!()
    };
    assert_eq!(c.rows.len(), 3, "closed case shown on request");
    keys(&mut app, "/riv");
    let View::Caseload(c) = top(&app) else {
        panic!()
    };
    assert_eq!(c.rows.len(), 1);
    assert_eq!(c.selected().unwrap().client.family_name, "Rivers");
    // Esc clears the filter; j/k and arrows both move.
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "j");
    press(&mut app, KeyCode::Down);
    let View::Caseload(c) = top(&app) else {
        panic!()
    };
    assert!(c.filter.is_empty() && !c.filtering);
    assert_eq!(c.cursor.selected, 2);
    keys(&mut app, "k");
    let View::Caseload(c) = top(&app) else {
        panic!()
    };
    assert_eq!(c.cursor.selected, 1);
    // Sorting by risk puts the high-risk client first.
    keys(&mut app, "ssss");
    let View::Caseload(c) = top(&app) else {
        panic!()
    };
    assert_eq!(c.all[c.rows[0]].client.family_name, "Lovelace");
}

#[test]
fn client_tabs_switch_with_keys_and_show_alerts_on_every_tab() {
    let mut app = app();
    open_ada(&mut app);
    for (key, tab) in [
        ('2', Tab::Notes),
        ('3', Tab::Plan),
        ('4', Tab::Deadlines),
        ('5', Tab::Network),
        ('6', Tab::Chronology),
        ('1', Tab::Summary),
    ] {
        press(&mut app, KeyCode::Char(key));
        assert_eq!(client_tab(&app), tab);
        let text = screen_text(&app, 80, 24);
        assert!(text.contains("Dog in the house"), "alert on {tab:?}");
        assert!(text.contains("Risk: HIGH"), "risk on {tab:?}");
    }
    keys(&mut app, "l");
    assert_eq!(client_tab(&app), Tab::Notes);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert_eq!(client_tab(&app), Tab::Chronology);
}

#[test]
fn a_typed_note_is_saved_as_a_draft_and_offered_back() {
    let mut app = app();
    keys(&mut app, "c/riv");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "n");
    keys(&mut app, "Bob was well today.");
    assert!(matches!(top(&app), View::Editor(e) if e.dirty));
    // Within a second nothing is written yet; after it, the autosave writes.
    app.tick_at(Instant::now());
    assert_eq!(app.store().drafts().unwrap().len(), 1, "only Ada's draft");
    app.tick_at(Instant::now() + Duration::from_millis(1100));
    let drafts = app.store().drafts().unwrap();
    assert_eq!(drafts.len(), 2);
    assert!(drafts.iter().any(|n| n.body == "Bob was well today."));
    // More typing, then leaving saves at once; the client is offered the draft back.
    keys(&mut app, " More.");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(top(&app), View::Client(_)));
    let bob_draft = app
        .store()
        .drafts()
        .unwrap()
        .into_iter()
        .find(|n| n.client_id == 2)
        .unwrap();
    assert_eq!(bob_draft.body, "Bob was well today. More.");
    keys(&mut app, "q");
    press(&mut app, KeyCode::Enter);
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("draft not offered")
    };
    assert!(c.question.contains("draft"));
    keys(&mut app, "y");
    match top(&app) {
        View::Editor(e) => assert_eq!(e.body.text(), "Bob was well today. More."),
        other => panic!("expected the editor, got {}", other.title()),
    }
}

#[test]
fn focus_change_saves_and_the_header_fields_are_kept() {
    let mut app = app();
    keys(&mut app, "c/riv");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "n");
    keys(&mut app, "Met at the office");
    // Tab to When (the body is last): saving on focus change.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.store().drafts().unwrap().len(), 2);
    // When: clear and type a relative date; Kind: 'p' for phone; Where; Significant.
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "yesterday 14:30");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "p");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Office");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, " ");
    press(&mut app, KeyCode::Tab);
    let d = app
        .store()
        .drafts()
        .unwrap()
        .into_iter()
        .find(|n| n.client_id == 2)
        .unwrap();
    assert_eq!(d.kind, NoteKind::Phone);
    assert_eq!(d.occurred_at, day(11, 21).and_hms_opt(14, 30, 0).unwrap());
    assert_eq!(d.location.as_deref(), Some("Office"));
    assert!(d.significant);
}

#[test]
fn a_date_in_the_future_is_refused_beside_the_field_and_the_text_still_saves() {
    let mut app = app();
    keys(&mut app, "c/riv");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "n");
    keys(&mut app, "Typed first");
    press(&mut app, KeyCode::Tab);
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "+2w 10:00");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("is in the future"), "{text}");
    press(&mut app, KeyCode::Tab);
    assert!(app.status.is_none(), "{:?}", app.status);
    assert!(
        app.store()
            .drafts()
            .unwrap()
            .iter()
            .any(|n| n.body == "Typed first")
    );
}

#[test]
fn finalise_asks_first_then_the_note_is_read_only_with_addenda() {
    let mut app = app();
    keys(&mut app, "c/riv");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "n");
    keys(&mut app, "Home visit went well.");
    ctrl(&mut app, 'f');
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    keys(&mut app, "n");
    assert!(matches!(top(&app), View::Editor(_)), "no keeps editing");
    ctrl(&mut app, 'f');
    keys(&mut app, "y");
    assert_eq!(client_tab(&app), Tab::Notes);
    let notes = app.store().notes(2).unwrap();
    let note = notes
        .iter()
        .find(|n| n.body.starts_with("Home visit"))
        .unwrap();
    assert_eq!(note.status, NoteStatus::Final);
    // Open it (newest first: it is the first row): read-only, then an addendum.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::NoteView(_)));
    keys(&mut app, "a");
    keys(&mut app, "Wrong time recorded");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "The visit was at 10:00.");
    ctrl(&mut app, 's');
    assert!(matches!(top(&app), View::NoteView(_)));
    let add = app.store().addenda(note.id).unwrap();
    assert_eq!(add.len(), 1);
    assert_eq!(add[0].reason, "Wrong time recorded");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("reason: Wrong time recorded"), "{text}");
}

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
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "03/12/1990");
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
fn quitting_from_the_top_asks_nothing() {
    let mut app = app();
    keys(&mut app, "c");
    keys(&mut app, "q");
    assert!(!app.should_quit);
    assert!(matches!(top(&app), View::Today(_)));
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit, "Esc on the first screen does not quit");
    keys(&mut app, "q");
    assert!(app.should_quit);
    assert!(app.overlay.is_none());
}

#[test]
fn help_is_generated_from_the_live_keymap() {
    let km = Keymap::build(DEFAULT_KEYMAP, Some("[caseload]\nfilter = [\"F\"]\n")).unwrap();
    let mut app = App::new(fixture(), Box::new(now), km, Theme::new(false));
    keys(&mut app, "c?");
    assert!(matches!(app.overlay, Some(Overlay::Help(ref h)) if h.mode == Mode::Caseload));
    let text = screen_text(&app, 120, 40);
    let line = text
        .lines()
        .find(|l| l.contains("Filter the table"))
        .unwrap();
    assert!(line.contains(" F "), "{line}");
    assert!(!line.contains(" / "), "{line}");
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    // And the hint bar follows it too.
    let text = screen_text(&app, 120, 40);
    assert!(text.lines().last().unwrap().contains("F filter"));
}

#[test]
fn the_palette_finds_clients_fuzzily_and_runs_commands() {
    let mut app = app();
    keys(&mut app, ":lvlc");
    let Some(Overlay::Palette(p)) = &app.overlay else {
        panic!()
    };
    assert!(p.matches[0].label.starts_with("Ada Lovelace"));
    press(&mut app, KeyCode::Enter);
    if let Some(Overlay::Confirm(_)) = app.overlay {
        keys(&mut app, "n");
    }
    assert!(matches!(top(&app), View::Client(c) if c.client.id == 1));
    keys(&mut app, ":caseload tab");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Caseload(_)));
}

#[test]
fn mouse_clicks_select_tabs_and_rows_and_the_wheel_scrolls() {
    let mut app = app();
    open_ada(&mut app);
    draw(&app, 80, 24);
    // The tab bar is row 3; "Notes" starts after " Summary │".
    let click = |app: &mut App, x, y| {
        app.handle_event(&Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }));
    };
    click(&mut app, 13, 3);
    assert_eq!(client_tab(&app), Tab::Notes);
    draw(&app, 80, 24);
    click(&mut app, 30, 3);
    assert_eq!(client_tab(&app), Tab::Deadlines);
    draw(&app, 80, 24);
    // Rows start below the header row at y=5.
    click(&mut app, 20, 6);
    let View::Client(c) = top(&app) else { panic!() };
    assert_eq!(c.due_cursor.selected, 1);
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 20,
        row: 6,
        modifiers: KeyModifiers::NONE,
    }));
    let View::Client(c) = top(&app) else { panic!() };
    assert_eq!(c.due_cursor.selected, 0);
}

#[test]
fn hostile_stored_text_is_inert_on_screen() {
    let mut s = fixture();
    let id = s
        .add_client(
            &NewClient {
                given_name: "Eve\u{1b}]0;pwned\u{7}".into(),
                family_name: "Hack\u{1b}[2J\u{202e}er".into(),
                alerts: vec!["\u{9b}31mred".into()],
                ..NewClient::default()
            },
            now(),
        )
        .unwrap();
    let mut app = app_with(s);
    keys(&mut app, "c/eve");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Client(c) if c.client.id == id));
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&app, w, h);
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' || c == '\u{202e}'),
            "control characters reached the screen"
        );
        assert!(text.contains("Eve Hacker"), "{text}");
    }
}

#[test]
fn errors_go_to_the_status_line_and_the_app_carries_on() {
    let mut app = app();
    open_ada(&mut app);
    keys(&mut app, "4");
    keys(&mut app, "G");
    keys(&mut app, "D");
    // The last row is an earlier-closed or open deadline: mark it, then try
    // to mark a done deadline again.
    let mut tries = 0;
    while !matches!(top(&app), View::Form(_)) && tries < 3 {
        keys(&mut app, "kD");
        tries += 1;
    }
    press(&mut app, KeyCode::Backspace);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "+5d");
    press(&mut app, KeyCode::Enter);
    let s = app.status.clone().unwrap();
    assert!(s.error && s.text.contains("future"), "{s:?}");
    assert!(matches!(top(&app), View::Form(_)));
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

// ---- snapshots ----

/// Every screen, reached by keys, with a name.
fn screens() -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    let mk = |ks: &[&str]| {
        let mut a = app();
        for k in ks {
            match *k {
                "<enter>" => press(&mut a, KeyCode::Enter),
                "<esc>" => press(&mut a, KeyCode::Esc),
                "<tab>" => press(&mut a, KeyCode::Tab),
                "<no>" => {
                    if let Some(Overlay::Confirm(_)) = a.overlay {
                        keys(&mut a, "n");
                    }
                }
                s => keys(&mut a, s),
            }
        }
        a
    };
    let ada = ["c/lov", "<enter>", "<no>"];
    let with = |extra: &[&'static str]| {
        let mut v: Vec<&str> = ada.to_vec();
        v.extend_from_slice(extra);
        v
    };
    out.push(("today", mk(&[])));
    out.push(("caseload", mk(&["c"])));
    out.push(("caseload_filter", mk(&["c/lo"])));
    out.push(("draft_offer", mk(&["c/lov", "<enter>"])));
    out.push(("client_summary", mk(&with(&[]))));
    out.push(("client_notes", mk(&with(&["2"]))));
    out.push(("client_plan", mk(&with(&["3"]))));
    out.push(("client_deadlines", mk(&with(&["4"]))));
    out.push(("client_network", mk(&with(&["5"]))));
    out.push(("note_editor", mk(&with(&["2", "<enter>"]))));
    out.push(("note_view", mk(&with(&["2j", "<enter>"]))));
    out.push(("client_form", mk(&with(&["e"]))));
    out.push(("plan_form", mk(&with(&["3a"]))));
    out.push((
        "deadline_form",
        mk(&with(&["4a", "Review", "<tab>", "next tue"])),
    ));
    out.push(("help_client", mk(&with(&["?"]))));
    out.push(("palette", mk(&[":ri"])));
    out
}

#[test]
fn snapshots_of_every_screen() {
    for (name, app) in screens() {
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            let t = draw(&app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        }
    }
}

/// Every screen shows its dates in the chosen style, and none in the other:
/// UK (the default, the snapshots above) and ISO (`date_style = "iso"`,
/// snapshots of the screens with most dates).
#[test]
fn every_screen_shows_dates_in_the_chosen_style_only() {
    use caseload::dates::display::{DateStyle, scoped};
    for style in [DateStyle::Uk, DateStyle::Iso] {
        let _style = scoped(style);
        let iso = style == DateStyle::Iso;
        for (name, app) in screens() {
            for (w, h) in [(80u16, 24u16), (120, 40)] {
                let text = screen_text(&app, w, h);
                let other = common::dates_in_other_style(&text, iso);
                assert!(
                    other.is_empty(),
                    "{name} {w}x{h} under {style:?}: {other:?}\n{text}"
                );
            }
            let snap = [
                "today",
                "caseload",
                "client_summary",
                "client_notes",
                "client_plan",
                "client_deadlines",
                "note_view",
                "note_editor",
            ];
            if iso && snap.contains(&name) {
                insta::assert_snapshot!(format!("iso_{name}_80x24"), draw(&app, 80, 24).backend());
            }
        }
    }
}

#[test]
fn every_size_draws_without_panic() {
    // Two threads, each drawing every screen at every size in its half of
    // the widths, straight into a buffer (no terminal needed).
    let start = Instant::now();
    std::thread::scope(|scope| {
        for part in 0..2u16 {
            scope.spawn(move || {
                let apps = screens();
                for w in (1..=200u16).filter(|w| w % 2 == part) {
                    for h in 1..=60u16 {
                        let area = ratatui::layout::Rect::new(0, 0, w, h);
                        let mut buf = ratatui::buffer::Buffer::empty(area);
                        for (name, app) in &apps {
                            buf.reset();
                            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                caseload::ui::render(app, area, &mut buf);
                            }));
                            assert!(r.is_ok(), "{name} at {w}x{h}");
                        }
                    }
                }
            });
        }
    });
    eprintln!("size sweep: {:?}", start.elapsed());
    let small = screen_text(&app(), 40, 10);
    assert!(small.contains("Terminal too small"));
}

#[test]
fn every_action_has_a_key_or_is_reachable() {
    let km = Keymap::defaults().unwrap();
    let modes = [
        Mode::Global,
        Mode::Today,
        Mode::Caseload,
        Mode::Filter,
        Mode::Client,
        Mode::NoteView,
        Mode::Editor,
        Mode::Form,
        Mode::Search,
        Mode::Palette,
        Mode::Confirm,
        Mode::Help,
        Mode::Calendar,
    ];
    for a in Action::ALL {
        assert!(
            modes.iter().any(|m| !km.keys_for(*m, *a).is_empty()),
            "{a:?} has no key"
        );
    }
}

#[test]
fn long_lists_draw_only_what_shows_and_keep_the_selection_in_view() {
    let mut s = fixture();
    for i in 0..60 {
        s.add_client(
            &NewClient {
                given_name: format!("Person{i:02}"),
                family_name: "Zed".into(),
                ..NewClient::default()
            },
            now(),
        )
        .unwrap();
    }
    let mut app = app_with(s);
    keys(&mut app, "cG");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Person59 Zed"), "{text}");
    assert!(!text.contains("Ada Lovelace"), "{text}");
    keys(&mut app, "g");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Ada Lovelace") && !text.contains("Person59"));
    // A click on a row after scrolling selects that row.
    keys(&mut app, "G");
    draw(&app, 80, 24);
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 5,
        row: 21,
        modifiers: KeyModifiers::NONE,
    }));
    let View::Caseload(c) = top(&app) else {
        panic!()
    };
    assert_eq!(c.selected().unwrap().client.given_name, "Person58");
}

#[test]
fn the_caseload_keeps_its_filter_when_you_come_back() {
    let mut app = app();
    keys(&mut app, "c/riv");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Client(_)));
    keys(&mut app, "c");
    let View::Caseload(c) = top(&app) else {
        panic!()
    };
    assert_eq!(c.filter, "riv");
    assert_eq!(c.rows.len(), 1);
}

#[test]
fn a_paste_types_into_the_note_and_cannot_submit_a_form() {
    let mut app = app();
    keys(&mut app, "N");
    app.handle_event(&Event::Paste("Ada\r\nLine two".into()));
    assert!(
        matches!(top(&app), View::Form(f) if matches!(&f.spec, Spec::NewClient(c) if c.given.value() == "AdaLine two"))
    );
}

#[test]
fn a_late_note_asks_why_before_it_is_finalised() {
    let mut app = app();
    keys(&mut app, "c/riv");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "n");
    keys(&mut app, "Visit written up late.");
    press(&mut app, KeyCode::Tab);
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "09/11/2026 10:00");
    ctrl(&mut app, 'f');
    let View::Form(f) = top(&app) else {
        panic!("expected the late-entry form, got {}", top(&app).title())
    };
    assert!(f.title.contains("late entry"), "{}", f.title);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top(&app), View::Form(_)), "a reason is required");
    keys(&mut app, "Off sick");
    press(&mut app, KeyCode::Enter);
    assert_eq!(client_tab(&app), Tab::Notes);
    let n = app
        .store()
        .notes(2)
        .unwrap()
        .into_iter()
        .find(|n| n.body == "Visit written up late.")
        .unwrap();
    assert_eq!(n.status, NoteStatus::Final);
    assert_eq!(n.late_reason.as_deref(), Some("Off sick"));
}

#[test]
fn a_key_release_does_nothing() {
    // Windows consoles report every key twice, pressed and released.
    let mut app = app();
    keys(&mut app, "c");
    for kind in [KeyEventKind::Press, KeyEventKind::Release] {
        let j = KeyEvent::new_with_kind(KeyCode::Char('j'), KeyModifiers::NONE, kind);
        app.handle_event(&Event::Key(j));
    }
    let View::Caseload(c) = top(&app) else {
        panic!()
    };
    assert_eq!(c.cursor.selected, 1, "moved once, not twice");
}
