//! Dates the way people say them (issue 25, item 10), read back through the
//! command line's JSON and the note editor: a contact's `fri 2pm` is last
//! Friday, a planned visit's the coming one; `4 dec 14:00` and `04/12
//! 14:00` need no year; `14.30` and `14:30 yesterday` are understood. The
//! clock is Sunday 22 November 2026 09:00: the last Friday was the 20th,
//! the coming one is the 27th, and 4 December 2026 is still to come, so a
//! contact on "4 dec" was in 2025 (worked from a calendar).

mod common;

use std::time::Instant;

use chrono::NaiveDateTime;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use caseload::ui::note::{Focus, NoteEditor};
use caseload::ui::theme::Theme;
use common::cli;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn stored(v: &serde_json::Value, key: &str) -> NaiveDateTime {
    let text = v[key].as_str().unwrap_or_else(|| panic!("no {key} in {v}"));
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
}

#[test]
fn a_contact_looks_back_and_a_planned_visit_looks_ahead_on_the_command_line() {
    let (_dir, db) = cli::new_db_with_client("Ada", "Testperson");
    for (typed, want) in [
        ("fri 2pm", "2026-11-20 14:00"),
        ("last fri 10:00", "2026-11-20 10:00"),
        ("4 dec 14:00", "2025-12-04 14:00"),
        ("04/12 14:00", "2025-12-04 14:00"),
        ("14:30 yesterday", "2026-11-21 14:30"),
        ("today 8.15", "2026-11-22 08:15"),
    ] {
        let id = cli::ok(
            &db,
            &[
                "note", "add", "1", "--kind", "phone", "--at", typed, "--text", "Rang.",
            ],
        );
        let notes = cli::json(&db, &["note", "list", "1", "--json"]);
        let note = notes
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"].as_i64().map(|i| i.to_string()).as_deref() == Some(id.trim()))
            .unwrap_or_else(|| panic!("note {id} not listed: {notes}"));
        assert_eq!(stored(note, "occurred_at"), at(want), "{typed}");
    }
    let planned = cli::ok(&db, &["visit", "plan", "1", "--at", "fri 2pm"]);
    let visits = cli::json(&db, &["visit", "list", "--json"]);
    let visit = visits
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"].as_i64().map(|i| i.to_string()).as_deref() == Some(planned.trim()))
        .unwrap_or_else(|| panic!("visit {planned} not listed: {visits}"));
    assert_eq!(stored(visit, "planned_at"), at("2026-11-27 14:00"));
}

fn typed(e: &mut NoteEditor, text: &str, now: NaiveDateTime) {
    for c in text.chars() {
        e.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), now);
    }
}

/// The note editor's When field reads a contact's day backwards and shows
/// what it understood; the value kept is the one shown.
#[test]
fn the_note_editor_reads_fri_2pm_as_last_friday() {
    let now = common::now();
    for (text, want, shown) in [
        ("fri 2pm", "2026-11-20 14:00", "Fri 20 Nov 2026 14:00"),
        ("4 dec 14:00", "2025-12-04 14:00", "Thu 4 Dec 2025 14:00"),
        (
            "14:30 yesterday",
            "2026-11-21 14:30",
            "Sat 21 Nov 2026 14:30",
        ),
    ] {
        let mut e = NoteEditor::new(1, "Ada Testperson", now, Instant::now(), Theme::default());
        e.focus_on(Focus::When);
        e.when.set_text("");
        typed(&mut e, text, now);
        assert_eq!(e.when_error, None, "{text}");
        assert_eq!(e.occurred_at, at(want), "{text}");
        assert_eq!(caseload::dates::show_dt(e.occurred_at), shown, "{text}");
    }
}
