//! The caseload table and a client's record: filter, sort, tabs, mouse,
//! long lists.

use caseload::app::App;
use caseload::domain::NewClient;
use caseload::store::prelude::*;
use caseload::ui::View;
use caseload::ui::client::Tab;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::support::*;

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
    assert_eq!(c.deadlines.cursor.selected, 1);
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 20,
        row: 6,
        modifiers: KeyModifiers::NONE,
    }));
    let View::Client(c) = top(&app) else { panic!() };
    assert_eq!(c.deadlines.cursor.selected, 0);
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
