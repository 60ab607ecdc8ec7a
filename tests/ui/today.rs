//! Today: ranking, the draft row, every section at 80×24.

use caseload::domain::NewDeadline;
use caseload::store::prelude::*;
use caseload::ui::client::Tab;
use caseload::ui::{Overlay, View};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::support::*;

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
    // drawn and the drafts heading stays on screen. (The action due
    // tomorrow ranks above the reports due in two days: weight and
    // nearness together, so Report 19 is the 22nd line.)
    for _ in 0..21 {
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
