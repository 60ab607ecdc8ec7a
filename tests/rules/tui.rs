//! The rule engine seen from the terminal UI.

use caseload::domain::NoteKind;
use caseload::store::prelude::*;
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;

use crate::common::tui::{keys, press};
use crate::common::{Fixture, now};

fn screen(app: &caseload::app::App) -> String {
    crate::common::tui::screen(app, 100, 30)
}

#[test]
fn a_legal_episode_added_in_the_tui_shows_its_deadlines_with_rule_and_source() {
    let mut f = Fixture::new();
    let id = f.client("Test", "Fictional");
    f.note(id, NoteKind::HomeVisit, now(), "fictional");
    let (_dir, mut app) = f.app();
    keys(&mut app, "c/fic");
    press(&mut app, KeyCode::Enter);
    if app.overlay.is_some() {
        keys(&mut app, "n");
    }
    // L opens the legal episode form; Right picks the second framework
    // (MHA s3); the start defaults to today; Enter saves.
    keys(&mut app, "L");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    let eps = app.store().episodes(id).unwrap();
    assert_eq!(eps.len(), 1, "{}", screen(&app));
    assert_eq!(eps[0].kind, caseload::domain::EpisodeKind::MhaS3);
    let dls = app.store().deadlines(id).unwrap();
    // Admitted 22 Nov 2026: 6 months beginning with it end 21 May 2027.
    assert!(
        dls.iter()
            .any(|d| d.rule.as_deref() == Some("mha-s3-expiry")
                && d.due == NaiveDate::from_ymd_opt(2027, 5, 21).unwrap())
    );
    // The Deadlines tab shows the selected deadline's rule and citation.
    keys(&mut app, "4");
    let text = screen(&app);
    assert!(text.contains("Rule mha-s3-"), "{text}");
    assert!(text.contains("Mental Health Act 1983"), "{text}");
    // Marking the expiry done (renewal report furnished today) says when
    // the renewed period ends: 6 months from 21 May 2027 = 21 Nov 2027.
    keys(&mut app, "g");
    keys(&mut app, "D");
    // Completing a renewal asks "Renewed?": say so in the outcome.
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "renewed");
    press(&mut app, KeyCode::Enter);
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert_eq!(
        status,
        "\"Section 3 detention ends unless renewed\" marked done; next due 21/11/2027",
        "{}",
        screen(&app)
    );
}
