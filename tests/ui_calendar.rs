//! The Calendar screen driven with key events and no terminal: moving by
//! day, week and month, the day's agenda, Enter opening the right place,
//! the palette and help; snapshots at 80×24 and 120×40 with a fixed clock
//! over the demo caseload (fictional people).

mod common;

use caseload::action::Action;
use caseload::app::App;
use caseload::keymap::{Keymap, Mode};
use caseload::store::Store;
use caseload::ui::client::Tab;
use caseload::ui::{Overlay, View};
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::KeyCode;

use common::day;
use common::tui::{app_at, draw, keys, press, screen as text};

/// Wednesday 16 December 2026, 10:00: the month has Christmas and the
/// Boxing Day substitute (Monday 28th) in it.
fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 16)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn app() -> App {
    let mut s = Store::open_in_memory().unwrap();
    caseload::demo::seed(&mut s, now()).unwrap();
    app_at(s, now)
}

fn calendar(app: &App) -> &caseload::ui::calendar::CalendarView {
    match app.stack.last().unwrap() {
        View::Calendar(c) => c,
        other => panic!("not the calendar: {}", other.title()),
    }
}

#[test]
fn the_month_moves_by_day_week_and_month_and_comes_back_to_today() {
    let mut a = app();
    keys(&mut a, "C");
    assert_eq!(calendar(&a).selected, day(12, 16));
    press(&mut a, KeyCode::Right);
    keys(&mut a, "l");
    assert_eq!(calendar(&a).selected, day(12, 18));
    keys(&mut a, "hj");
    assert_eq!(calendar(&a).selected, day(12, 24));
    press(&mut a, KeyCode::Up);
    assert_eq!(calendar(&a).selected, day(12, 17));
    press(&mut a, KeyCode::PageUp);
    let c = calendar(&a);
    assert_eq!((c.selected, c.month), (day(11, 17), day(11, 1)));
    // The November grid was loaded: 30 November is its last Monday.
    assert_eq!(c.grid.last().unwrap()[0].date, day(11, 30));
    press(&mut a, KeyCode::PageDown);
    press(&mut a, KeyCode::PageDown);
    assert_eq!(
        calendar(&a).month,
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
    );
    press(&mut a, KeyCode::Home);
    assert_eq!(calendar(&a).selected, day(12, 16));
    let grid = &calendar(&a).grid;
    let xmas = grid
        .iter()
        .flatten()
        .find(|d| d.date == day(12, 25))
        .unwrap();
    assert!(xmas.bank_holiday && xmas.in_month);
    assert!(grid.iter().flatten().any(|d| d.weekend));
}

#[test]
fn each_day_counts_what_is_on_and_enter_opens_it() {
    let mut a = app();
    keys(&mut a, "C");
    // The demo plans a visit to Jasper 9 days before "now" (the visit is in
    // the past, planned and not yet recorded) and Poppy and Leo's household
    // visit 8 days after.
    let c = calendar(&a);
    let cell = c
        .grid
        .iter()
        .flatten()
        .find(|d| d.date == day(12, 24))
        .unwrap();
    assert_eq!(cell.counts.visits, 2, "Poppy and Leo, one line each");
    // Go to the 24th and into its agenda; Enter opens the client.
    keys(&mut a, "j");
    keys(&mut a, "l");
    assert_eq!(calendar(&a).selected, day(12, 24));
    press(&mut a, KeyCode::Tab);
    assert!(calendar(&a).in_list);
    // Down to the first planned visit on the day.
    let at = calendar(&a)
        .day_items()
        .iter()
        .position(|i| i.kind == caseload::domain::AgendaKind::Visit && i.rule.is_none())
        .unwrap();
    for _ in 0..at {
        keys(&mut a, "j");
    }
    let screen = text(&a, 80, 24);
    assert!(screen.contains("Thursday 24 December 2026"), "{screen}");
    assert!(
        screen.contains("Poppy Amberwell") && screen.contains("Leo Amberwell"),
        "{screen}"
    );
    press(&mut a, KeyCode::Enter);
    match a.stack.last().unwrap() {
        View::Client(c) => {
            assert_eq!(c.tab, Tab::Summary);
            assert!(c.client.display_name().contains("Amberwell"));
        }
        other => panic!("{}", other.title()),
    }
    // Back to the calendar, still on the 24th.
    press(&mut a, KeyCode::Esc);
    assert_eq!(calendar(&a).selected, day(12, 24));
}

#[test]
fn the_calendar_is_in_the_palette_and_its_keys_in_help() {
    let mut a = app();
    keys(&mut a, ":calendar");
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.stack.last().unwrap(), View::Calendar(_)));
    keys(&mut a, "?");
    assert!(matches!(a.overlay, Some(Overlay::Help(_))));
    let help = text(&a, 100, 40);
    assert!(
        help.contains("Select the next day") && help.contains("PgDn"),
        "{help}"
    );
    // The key that opens it is a global one, so the help of every browsing
    // screen lists it.
    let km = Keymap::defaults().unwrap();
    let keys_for = km.keys_for(Mode::Global, Action::GoCalendar);
    assert_eq!(keys_for.len(), 1);
    assert_eq!(keys_for[0].to_string(), "C");
}

#[test]
fn snapshots_of_the_calendar() {
    let mut a = app();
    keys(&mut a, "C");
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let t = draw(&a, w, h);
        insta::assert_snapshot!(format!("calendar_{w}x{h}"), t.backend());
    }
    // The day's agenda focused, on a day with a visit planned.
    keys(&mut a, "jl");
    press(&mut a, KeyCode::Tab);
    let t = draw(&a, 80, 24);
    insta::assert_snapshot!("calendar_day_80x24", t.backend());
}

#[test]
fn every_size_draws_the_calendar_without_panic() {
    let mut a = app();
    keys(&mut a, "C");
    for w in (1..=160u16).step_by(3) {
        for h in 1..=50u16 {
            let area = ratatui::layout::Rect::new(0, 0, w, h);
            let mut buf = ratatui::buffer::Buffer::empty(area);
            caseload::ui::render(&a, area, &mut buf);
        }
    }
}
