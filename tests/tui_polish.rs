//! Issue 15 (a terminal UI learnt in ten minutes): Today's detail pane
//! shows the rule, its source and why an item ranks where it does; nothing
//! is hidden at 60×16 without "+N more"; help scrolls to its end.

mod common;

use caseload::app::App;
use caseload::domain::{NewClient, NewDeadline, NoteKind};
use caseload::store::Store;
use caseload::store::prelude::*;
use ratatui::crossterm::event::KeyCode;

use common::tui::{app_on, ctrl, draw, keys, press, screen as screen_at, text};
use common::{day, new_note, now};

/// The sizes the detail pane and the sized columns are checked at.
const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (60, 16)];

const LONG: &str = "Tribunal application window closes for the nearest relative's \
                    application to the First-tier Tribunal (Mental Health)";
const SOURCE: &str = "Mental Health Act 1983 s66(1)(a) and (2)(a): within 6 months";

/// Two fictional clients; one long statutory deadline and a handful of
/// short ones so Due has more than fits at 60×16.
fn app() -> App {
    let mut s = Store::open_in_memory().unwrap();
    let t = now() - chrono::Duration::days(30);
    let ida = client(&mut s, "Ida", "Quennell", t);
    s.add_deadline(
        &NewDeadline {
            client_id: Some(ida),
            what: LONG.into(),
            due: Some(day(11, 20)),
            rule: Some("mha-s3-tribunal".into()),
            source: Some(SOURCE.into()),
            weight: Some(90),
            ..NewDeadline::default()
        },
        t,
    )
    .unwrap();
    for (i, what) in [
        "Send the letter",
        "Phone the GP",
        "Book a room",
        "Chase the referral",
        "Return the form",
        "Update the plan",
        "Arrange transport",
        "Write to the housing officer",
    ]
    .iter()
    .enumerate()
    {
        s.add_deadline(
            &NewDeadline {
                client_id: Some(ida),
                what: (*what).into(),
                due: Some(day(11, 23 + u32::try_from(i).unwrap())),
                ..NewDeadline::default()
            },
            t,
        )
        .unwrap();
    }
    app_on(s)
}

/// The text with every run of spaces, newlines and borders made one space.
fn flat(s: &str) -> String {
    s.replace(['│', '\n'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Adds a client `given` `family`, added at `t`; returns its id.
fn client(s: &mut Store, given: &str, family: &str, t: chrono::NaiveDateTime) -> i64 {
    s.add_client(
        &NewClient {
            given_name: given.into(),
            family_name: family.into(),
            ..NewClient::default()
        },
        t,
    )
    .unwrap()
}

/// Tamsin Orrell, added three hours ago with a draft phone note.
fn tamsin_with_a_draft() -> App {
    let mut s = Store::open_in_memory().unwrap();
    let t = now() - chrono::Duration::hours(3);
    let id = client(&mut s, "Tamsin", "Orrell", t);
    s.add_note(&new_note(id, NoteKind::Phone, t, "Rang about the move."), t)
        .unwrap();
    app_on(s)
}

#[test]
fn today_detail_shows_the_rule_source_and_ranking_at_every_size() {
    let app = app();
    for (w, h) in SIZES {
        let t = draw(&app, w, h);
        insta::assert_snapshot!(format!("today_long_deadline_{w}x{h}"), t.backend());
        let screen = text(t.backend().buffer());
        // The list line is cut, and says so.
        let row = screen.lines().find(|l| l.contains("Tribunal")).unwrap();
        assert!(row.contains("Tribunal") && row.contains("…"), "{row}");
        if h >= 24 {
            let all = flat(&screen);
            assert!(all.contains("mha-s3-tribunal"), "{screen}");
            assert!(all.contains(SOURCE), "{screen}");
            assert!(
                all.contains("overdue by 2 days; weight 90 from rule mha-s3-tribunal"),
                "{screen}"
            );
        }
    }
}

#[test]
fn at_60x16_every_due_item_is_shown_or_counted() {
    let screen = screen_at(&app(), 60, 16);
    let lines: Vec<&str> = screen.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("Due")).unwrap();
    let end = lines
        .iter()
        .position(|l| l.starts_with("This week"))
        .unwrap();
    let section = &lines[start..end];
    let shown = section
        .iter()
        .skip(1)
        .filter(|l| l.contains(" 11 ") || l.contains("/11"))
        .count();
    let more: usize = section
        .iter()
        .filter_map(|l| {
            let at = l.find('+')?;
            l[at + 1..].split(' ').next()?.parse::<usize>().ok()
        })
        .sum();
    assert!(shown >= 1, "{screen}");
    assert_eq!(shown + more, 9, "{screen}");
}

#[test]
fn help_scrolls_to_its_end() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let first = screen_at(&app, 80, 24);
    assert!(!first.contains("Search notes, addenda"), "{first}");
    assert!(first.contains("more below"));
    press(&mut app, KeyCode::End);
    let t = draw(&app, 80, 24);
    let end = text(t.backend().buffer());
    insta::assert_snapshot!("help_today_end_80x24", t.backend());
    assert!(end.contains("Search notes, addenda"), "{end}");
    assert!(end.contains("Mouse: the wheel scrolls"), "{end}");
    assert!(end.contains(" end "), "{end}");
    // And back up a page.
    press(&mut app, KeyCode::PageUp);
    assert!(screen_at(&app, 80, 24).contains("more below"));
}

#[test]
fn today_counts_an_hours_deadline_down_and_shows_when_a_window_opens() {
    use caseload::domain::{EpisodeKind, NewEpisode};
    use caseload::rules::Generated;
    let mut s = Store::open_in_memory().unwrap();
    let t = now() - chrono::Duration::hours(2);
    let id = client(&mut s, "Ivo", "Marchetti", t);
    let made = |what: &str, due_at, opens| Generated {
        deadline: NewDeadline {
            what: what.into(),
            due: Some(day(11, 22)),
            rule: Some("mha-s136-expiry".into()),
            source: Some("Mental Health Act 1983 s136(2A)".into()),
            weight: Some(100),
            ..NewDeadline::default()
        },
        due_at,
        window_opens: opens,
        later_due: None,
    };
    s.add_episode_with_deadlines(
        &NewEpisode {
            client_id: id,
            kind: EpisodeKind::MhaS136,
            start_on: day(11, 21),
            notes: None,
        },
        None,
        &[
            made(
                "Place of safety period ends",
                Some(now() + chrono::Duration::minutes(5 * 60 + 20)),
                None,
            ),
            made("Tribunal window", None, Some(day(11, 20))),
        ],
        t,
    )
    .unwrap();
    let mut app = app_on(s);
    let screen = screen_at(&app, 120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("Place of safety"))
        .unwrap();
    assert!(row.contains("5 h 20 min left"), "{screen}");
    // The on-call count (issue 26): the s136 runs out within 12 hours.
    assert!(
        screen.contains("Due — Runs out in the next 12 hours: 1 · "),
        "{screen}"
    );
    // Each, selected, shows its time or when its window opens.
    let mut details = String::new();
    for _ in 0..2 {
        details.push_str(&flat(&screen_at(&app, 120, 40)));
        press(&mut app, KeyCode::Down);
    }
    assert!(
        details.contains("22/11/2026 14:20 (5 h 20 min left)"),
        "{details}"
    );
    assert!(details.contains("Window opens: 20/11/2026"), "{details}");
}

#[test]
fn a_new_database_says_how_to_add_the_first_client_and_hints_search_and_undo() {
    let empty = app_on(Store::open_in_memory().unwrap());
    let screen = screen_at(&empty, 80, 24);
    assert!(
        screen.contains("No clients yet: press N to add your first client"),
        "{screen}"
    );
    let hints = screen.lines().last().unwrap();
    assert!(
        hints.contains("f search") && hints.contains("u undo"),
        "{hints}"
    );
    assert!(hints.contains("? help"), "{hints}");
    // With clients, the usual words.
    let screen = screen_at(&app(), 80, 24);
    assert!(!screen.contains("No clients yet"), "{screen}");
}

/// Where `value` shows on screen, it shows whole or cut with "…": the run
/// of text from its start up to a double space (or the line's end).
fn cut_marked(screen: &str, value: &str) -> Result<(), String> {
    let head: String = value.chars().take(5).collect();
    for line in screen.lines() {
        let Some(at) = line.find(&head) else { continue };
        let run = &line[at..];
        // Cut: the text before the first "…" begins the value; else whole.
        let ok = match run.find('…') {
            Some(i) if !run.starts_with(value) => {
                let prefix = run[..i].trim_end();
                value.starts_with(prefix) && prefix.len() < value.len()
            }
            _ => run.starts_with(value),
        };
        if !ok {
            return Err(format!("{value:?} shown as {run:?}"));
        }
    }
    Ok(())
}

#[test]
fn network_and_deadlines_size_columns_from_content_and_mark_cuts() {
    use caseload::domain::NewNetworkMember;
    let mut s = Store::open_in_memory().unwrap();
    let t = now() - chrono::Duration::days(3);
    let id = client(&mut s, "Odile", "Penhaligon", t);
    let values = [
        "Bartholomew Featherstonehaugh-Wrexham",
        "Nearest relative",
        "Northfield Community Mental Health Team",
        "Brother-in-law",
        "01632 960 123",
    ];
    s.add_network_member(
        &NewNetworkMember {
            client_id: id,
            name: values[0].into(),
            role: values[1].into(),
            organisation: Some(values[2].into()),
            relationship: Some(values[3].into()),
            phone: Some(values[4].into()),
            consent_to_share: true,
            ..NewNetworkMember::default()
        },
        t,
    )
    .unwrap();
    s.add_deadline(
        &NewDeadline {
            client_id: Some(id),
            what: LONG.into(),
            due: Some(day(12, 1)),
            rule: Some("mha-s3-tribunal-window".into()),
            source: Some(SOURCE.into()),
            weight: Some(90),
            ..NewDeadline::default()
        },
        t,
    )
    .unwrap();
    let mut app = app_on(s);
    keys(&mut app, "c");
    press(&mut app, KeyCode::Enter);
    for (tab, name, checked) in [
        ('5', "network", &values[..]),
        ('4', "deadlines", &[LONG, "mha-s3-tribunal-window"][..]),
    ] {
        press(&mut app, KeyCode::Char(tab));
        for (w, h) in SIZES {
            let t = draw(&app, w, h);
            insta::assert_snapshot!(format!("client_{name}_long_{w}x{h}"), t.backend());
            let screen = text(t.backend().buffer());
            for v in checked {
                if let Err(e) = cut_marked(&screen, v) {
                    panic!("{name} at {w}x{h}: {e}\n{screen}");
                }
            }
        }
    }
    // At 120 columns the role is whole (the name gives way first).
    press(&mut app, KeyCode::Char('5'));
    assert!(screen_at(&app, 120, 40).contains("Nearest relative"));
}

#[test]
fn search_as_you_type_finds_a_partly_typed_word() {
    let mut s = Store::open_in_memory().unwrap();
    let t = now() - chrono::Duration::days(3);
    let id = client(&mut s, "Wren", "Ashdown", t);
    s.add_note(
        &new_note(
            id,
            NoteKind::HomeVisit,
            t,
            "Started olanzapine last week; sleeping better.",
        ),
        t,
    )
    .unwrap();
    let mut app = app_on(s);
    press(&mut app, KeyCode::Char('f'));
    keys(&mut app, "olanz");
    let screen = screen_at(&app, 80, 24);
    assert!(!screen.contains("No matches"), "{screen}");
    assert!(screen.contains("Wren Ashdown"), "{screen}");
}

#[test]
fn esc_from_a_draft_opened_from_today_returns_to_today() {
    use caseload::ui::View;
    let mut app = tamsin_with_a_draft();
    // Tab to the drafts section (the last), Enter opens the draft.
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
        if screen_at(&app, 80, 24).contains("Enter opens the draft") {
            break;
        }
    }
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.stack.last(), Some(View::Editor(_))));
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.stack.last(), Some(View::Today(_))),
        "{}",
        screen_at(&app, 80, 24)
    );
}

#[test]
fn carry_on_with_the_draft_is_asked_once_per_draft() {
    use caseload::ui::Overlay;
    let mut app = tamsin_with_a_draft();
    let open = |app: &mut App| {
        press(app, KeyCode::Char('c'));
        press(app, KeyCode::Enter);
    };
    open(&mut app);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Esc);
    open(&mut app);
    assert!(app.overlay.is_none(), "asked a second time");
    assert!(matches!(
        app.stack.last(),
        Some(caseload::ui::View::Client(_))
    ));
}

#[test]
fn the_detail_pane_keeps_privacy_mode() {
    let mut app = app();
    ctrl(&mut app, 'o');
    let screen = screen_at(&app, 120, 40);
    assert!(screen.contains(" Selected "), "{screen}");
    assert!(!screen.contains("Quennell"), "{screen}");
    // The statute is not personal: it still shows.
    assert!(flat(&screen).contains(SOURCE), "{screen}");
}
