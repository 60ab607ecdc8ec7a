//! CPD and reflective entries in the terminal UI (issue 32): never on a
//! client's screen (any tab, the client's search, the palette), and with
//! privacy mode on they show nowhere but as Today's count line, which
//! names nothing. The clock is pinned at Sunday 22 November 2026, 09:00
//! (inside 1 September to 30 November, so Today shows the CPD line).
//! Fictional people.

mod common;

use caseload::domain::NoteKind;
use caseload::domain::cpd::{CpdType, NewCpd};
use caseload::domain::found::SearchFilter;
use caseload::store::prelude::*;
use caseload::ui::data::Source;
use common::tui::{ctrl, keys, press, screen};
use common::{Fixture, at, now};
use ratatui::crossterm::event::KeyCode;

const MARK: &str = "Zebracorn";

/// Ada with a note, and one reflective supervision entry whose every
/// field carries the marker.
fn fixture() -> Fixture {
    let mut f = Fixture::new();
    let ada = f.client("Ada", "Fictional");
    f.note(ada, NoteKind::Phone, at(8, 30), "Spoke about housing.");
    let field = |what: &str| format!("{MARK} {what}");
    f.store
        .add_cpd(
            &NewCpd {
                kind: CpdType::Supervision,
                title: field("reflective supervision"),
                on: common::day(11, 2),
                description: field("description"),
                learning: field("learning"),
                impact: field("impact"),
                peer_reflection: Some(field("peer reflection")),
                standards: vec!["4.1".into()],
            },
            now(),
        )
        .unwrap();
    f
}

fn assert_unmarked(text: &str, where_: &str) {
    assert!(!text.contains(MARK), "CPD text on {where_}:\n{text}");
}

#[test]
fn a_cpd_entry_is_on_no_client_screen_nor_in_search() {
    let (_dir, mut app) = fixture().app();
    keys(&mut app, "c");
    press(&mut app, KeyCode::Enter);
    for tab in '1'..='6' {
        keys(&mut app, &tab.to_string());
        for (w, h) in [(80, 24), (120, 40)] {
            assert_unmarked(&screen(&app, w, h), &format!("tab {tab} at {w}x{h}"));
        }
    }
    // Not found by the search (everyone's, or Ada's).
    for client_id in [None, Some(1)] {
        let filter = SearchFilter {
            client_id,
            ..SearchFilter::default()
        };
        let hits = Source::search(app.store(), MARK, &filter).unwrap();
        assert!(hits.is_empty(), "{hits:?}");
    }
    // Nor offered by the palette.
    keys(&mut app, ":zebra");
    assert_unmarked(&screen(&app, 120, 40), "the palette");
    press(&mut app, KeyCode::Esc);
}

#[test]
fn in_privacy_mode_cpd_shows_only_as_todays_count_line() {
    let (_dir, mut app) = fixture().app();
    ctrl(&mut app, 'o');
    let today = screen(&app, 120, 60);
    // Counts only: 1 of the 2 pieces, 8 days to 30 November.
    assert!(
        today.contains("CPD: 1 of 2 recorded") && today.contains("8 days left"),
        "{today}"
    );
    assert_unmarked(&today, "Today in privacy mode");
    keys(&mut app, "c");
    press(&mut app, KeyCode::Enter);
    for tab in '1'..='6' {
        keys(&mut app, &tab.to_string());
        assert_unmarked(&screen(&app, 120, 40), &format!("tab {tab}, privacy on"));
    }
}
