//! Issue 35 item 3: every screen says "overdue" and "outcome?" as the
//! domain decides them (`Deadline::is_overdue`, `Deadline::when`,
//! `Visit::awaits_outcome`), never from the date alone.
//!
//! The case: an s136 begun at 08:00 on Mon 7 Dec 2026 (MHA 1983 s136(2A):
//! 24 hours from arrival at the place of safety) ended at 08:00 on Tue 8
//! Dec; a home visit was planned for 10:00 that day. Viewed at 14:29 on 8
//! Dec, the s136 is 6 h 29 min overdue (though its date is today's) and
//! the visit's outcome is due (though its date is today's).

mod common;

use caseload::app::App;
use caseload::domain::{EpisodeKind, NewClient, NewEpisode, NewVisit};
use caseload::store::Store;
use caseload::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use common::tui::{app_at, draw, keys, press, text};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, d)
        .and_then(|x| x.and_hms_opt(h, m, 0))
        .unwrap()
}

fn now() -> NaiveDateTime {
    at(8, 14, 29)
}

/// Orla Venn (fictional), with the s136 and the planned visit.
fn store() -> (Store, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let id = s
        .add_client(
            &NewClient {
                given_name: "Orla".into(),
                family_name: "Venn".into(),
                ..NewClient::default()
            },
            at(1, 9, 0),
        )
        .unwrap();
    s.add_legal_episode_at(
        &NewEpisode {
            client_id: id,
            kind: EpisodeKind::MhaS136,
            start_on: at(7, 8, 0).date(),
            notes: None,
        },
        Some(at(7, 8, 0)),
        at(7, 8, 5),
    )
    .unwrap();
    s.plan_visit(
        &NewVisit {
            clients: vec![id],
            at: Some(at(8, 10, 0)),
            ..NewVisit::default()
        },
        at(7, 9, 0),
    )
    .unwrap();
    (s, id)
}

/// The s136's end as the domain says it, and the visit's state.
fn domain_facts(s: &Store, id: i64) -> (String, bool, bool) {
    let d = s
        .deadlines(id)
        .unwrap()
        .into_iter()
        .find(|d| d.due_at.is_some())
        .expect("the s136 has a time");
    let visit = s
        .visits(&caseload::store::VisitFilter {
            client: Some(id),
            ..Default::default()
        })
        .unwrap()
        .remove(0);
    (
        d.when(now()).left,
        d.is_overdue(now()),
        visit.awaits_outcome(now()),
    )
}

/// The drawn rows containing `needle`, each with whether any of its
/// cells is drawn as a danger (bold).
fn rows_with(app: &App, needle: &str) -> Vec<(String, bool)> {
    let t = draw(app, 120, 40);
    let buf = t.backend().buffer();
    let all = text(buf);
    all.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(y, l)| {
            let bold = (0..buf.area.width).any(|x| {
                let y = u16::try_from(y).unwrap();
                buf[(x, y)].modifier.contains(Modifier::BOLD) && buf[(x, y)].symbol() != " "
            });
            (l.to_string(), bold)
        })
        .collect()
}

#[test]
fn every_screen_says_overdue_and_outcome_as_the_domain_does() {
    let (s, id) = store();
    let (left, overdue, awaits) = domain_facts(&s, id);
    assert_eq!(left, "overdue by 6 h 29 min");
    assert!(overdue, "MHA s136(2A): 24 hours from 08:00 on 7 Dec");
    assert!(awaits, "a 10:00 visit at 14:29 awaits its outcome");
    let mut app = app_at(s, now);

    // Today: the countdown and the visit's outcome.
    let today = text(draw(&app, 120, 40).backend().buffer());
    assert!(today.contains(&left), "Today:\n{today}");
    assert!(today.contains("outcome?"), "Today:\n{today}");

    // Caseload: the next due with its time, shown as overdue.
    press(&mut app, KeyCode::Char('c'));
    let rows = rows_with(&app, "Venn");
    assert!(
        rows.iter()
            .any(|(l, bold)| l.contains("08/12/2026 08:00") && *bold),
        "Caseload: {rows:?}"
    );

    // Summary: the next deadline with its time, shown as overdue.
    press(&mut app, KeyCode::Enter);
    let rows = rows_with(&app, "08/12/2026 08:00");
    assert!(rows.iter().any(|(_, bold)| *bold), "Summary: {rows:?}");

    // Deadlines tab: the countdown, and the visit awaiting its outcome.
    keys(&mut app, "4");
    let tab = text(draw(&app, 120, 40).backend().buffer());
    assert!(tab.contains(&left), "Deadlines:\n{tab}");
    assert!(!tab.contains("due today"), "Deadlines:\n{tab}");
    let visit = rows_with(&app, "Visit:");
    assert!(
        visit
            .iter()
            .any(|(l, bold)| l.contains("outcome?") && *bold),
        "Deadlines: {visit:?}"
    );
}
