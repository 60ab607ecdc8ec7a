//! The rule engine seen from the terminal UI.

use caseload::app::App;
use caseload::domain::{NewClient, NewNote, NoteKind};
use caseload::keymap::Keymap;
use caseload::store::Store;
use caseload::ui::theme::Theme;
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| caseload::ui::draw(f, app)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..30 {
        for x in 0..100 {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_legal_episode_added_in_the_tui_shows_its_deadlines_with_rule_and_source() {
    let mut s = Store::open_in_memory().unwrap();
    let id = s
        .add_client(
            &NewClient {
                given_name: "Test".into(),
                family_name: "Fictional".into(),
                ..NewClient::default()
            },
            now(),
        )
        .unwrap();
    s.add_note(
        &NewNote {
            client_id: id,
            kind: NoteKind::HomeVisit,
            occurred_at: now(),
            location: None,
            present: None,
            body: "fictional".into(),
            significant: false,
        },
        now(),
    )
    .unwrap();
    let mut app = App::new(
        s,
        Box::new(now),
        Keymap::defaults().unwrap(),
        Theme::new(false),
    );
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
