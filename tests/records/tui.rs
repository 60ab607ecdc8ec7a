//! Records seen from the terminal UI.

use super::*;

use caseload::app::App;
use caseload::ui::View;
use caseload::ui::client::Tab;
use ratatui::crossterm::event::KeyCode;

use crate::common::tui::{app_at, ctrl, keys, press};

fn app(store: Store) -> App {
    app_at(store, || at(11, 22, 9))
}

fn screen(app: &App) -> String {
    crate::common::tui::screen(app, 100, 30)
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn finalising_late_asks_the_reason_and_the_chronology_shows_it() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    // Mon 16 Nov; now is Sun 22 Nov: 4 working days, late for a significant note.
    let n = note(
        &mut s,
        c,
        at(11, 16, 10),
        "She mentioned the landlord.",
        true,
    );
    let mut app = app(s);
    keys(&mut app, "c");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "y"); // carry on with the draft
    assert!(matches!(app.stack.last(), Some(View::Editor(_))));
    ctrl(&mut app, 'f');
    // What will be sealed is confirmed first (issue 25), then the reason.
    assert!(screen(&app).contains("Please confirm"), "{}", screen(&app));
    keys(&mut app, "y");
    let Some(View::Form(f)) = app.stack.last() else {
        panic!("the late-entry reason is asked for: {}", screen(&app));
    };
    assert!(f.title.contains("late entry"), "{}", f.title);
    assert_eq!(app.store().note(n).unwrap().status, NoteStatus::Draft);
    keys(&mut app, "Off sick");
    ctrl(&mut app, 's');
    let note = app.store().note(n).unwrap();
    assert_eq!(note.status, NoteStatus::Final, "{}", status(&app));
    assert_eq!(note.late_reason.as_deref(), Some("Off sick"));
    assert!(matches!(app.stack.last(), Some(View::Client(_))));

    keys(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("Late entry  Off sick"), "{text}");
    press(&mut app, KeyCode::Esc);

    keys(&mut app, "6");
    let Some(View::Client(v)) = app.stack.last() else {
        panic!("client screen");
    };
    assert_eq!(v.tab, Tab::Chronology);
    let text = screen(&app);
    assert!(text.contains("She mentioned the landlord"), "{text}");
    // The event wraps under itself; the source says what it is.
    // (where it wraps depends on the width: the reason may start one row
    // and end the next)
    let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined.contains("(late entry: Off sick)"), "{text}");
    assert!(text.contains("Home visit note, 16 Nov"), "{text}");

    keys(&mut app, "u");
    assert!(
        status(&app).contains("cannot be undone"),
        "{}",
        status(&app)
    );
    assert_eq!(app.store().note(n).unwrap().status, NoteStatus::Final);
}

#[test]
fn u_undoes_and_says_what() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let d = s
        .add_deadline(
            &NewDeadline {
                client_id: Some(c),
                what: "Review".into(),
                due: Some(day(12, 1)),
                ..NewDeadline::default()
            },
            at(11, 21, 9),
        )
        .unwrap();
    let mut app = app(s);
    keys(&mut app, "u");
    // It says what it will undo and asks first.
    let Some(caseload::ui::Overlay::Confirm(c)) = &app.overlay else {
        panic!("undo did not ask")
    };
    assert!(
        c.question.contains("add deadline 'Review'"),
        "{}",
        c.question
    );
    assert!(!app.store().deadline(d).unwrap().cancelled);
    keys(&mut app, "y");
    assert!(status(&app).contains("cancelled"), "{}", status(&app));
    assert!(app.store().deadline(d).unwrap().cancelled);
    assert_eq!(app.store().audit_log(None, 1).unwrap()[0].op, "undo");
}

#[test]
fn search_screen_highlights_and_opens_and_a_broken_chain_warns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let key = SecretString::from(PASS);
    let n = {
        let mut s = Store::open(&path, &key).unwrap();
        let c = client(&mut s, "Ann", "Example");
        let n = note(
            &mut s,
            c,
            at(11, 20, 10),
            "Spoke about the landlord.",
            false,
        );
        s.finalise_note(n, None, at(11, 20, 12)).unwrap();
        s.add_addendum(n, "Detail", "Rent is paid weekly.", at(11, 21, 9))
            .unwrap();
        n
    };
    let conn = raw(&path);
    conn.execute_batch(
        "DROP TRIGGER addenda_immutable; UPDATE addenda SET body = 'Rent is never paid.';",
    )
    .unwrap();
    drop(conn);
    let mut app = app(Store::open(&path, &key).unwrap());
    keys(&mut app, "c");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("Records changed outside caseload"), "{text}");
    assert!(text.contains("addendum"), "{text}");

    keys(&mut app, "f");
    keys(&mut app, "LANDL*");
    let Some(View::Search(v)) = app.stack.last() else {
        panic!("search screen");
    };
    assert_eq!(v.hits.len(), 1, "{:?}", v.message);
    let text = screen(&app);
    assert!(text.contains("Ann Example"), "{text}");
    assert!(text.contains("landlord"), "{text}");
    press(&mut app, KeyCode::Enter);
    let Some(View::NoteView(nv)) = app.stack.last() else {
        panic!("Enter opens the note: {}", screen(&app));
    };
    assert_eq!(nv.note.id, n);

    press(&mut app, KeyCode::Esc);
    keys(&mut app, " \"unclosed");
    let text = screen(&app);
    assert!(text.contains("quotation mark is not closed"), "{text}");
}
