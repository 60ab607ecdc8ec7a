//! Privacy mode cannot leak: every screen, every client tab and every
//! overlay is drawn on the demo caseload in privacy mode at 80×24 and
//! 120×40, and none of the demo's names, record numbers, phone numbers,
//! streets, postcodes, network members' names, or any 12-character run of
//! any note, addendum or plan text may appear. The frames are drawn by the
//! screens alone (no sweep), so this tests the first line of defence; the
//! app's own draw (with the sweep and its test-build assertion that it
//! found nothing) runs on every frame too. The test enumerates the screen
//! registry and the overlay variants: a screen or popup it never drew fails.

mod common;

use caseload::store::prelude::*;
use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use caseload::app::App;
use caseload::app::session::Lockable;
use caseload::demo::data::{DemoClient, load};
use caseload::keymap::Keymap;
use caseload::store::Store;
use caseload::ui::theme::Theme;
use caseload::ui::{Overlay, View, forms};
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

const TITLES: [&str; 6] = ["dr", "mr", "mrs", "ms", "mx", "miss"];

/// What must never show: whole words (names, streets) and any run of text.
struct Needles {
    words: AhoCorasick,
    runs: AhoCorasick,
}

fn name_words(name: &str, out: &mut Vec<String>) {
    for w in name.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        let starts_upper = w.chars().next().is_some_and(char::is_uppercase);
        if w.chars().count() >= 2 && starts_upper && !TITLES.contains(&w.to_lowercase().as_str()) {
            out.push(w.to_string());
        }
    }
}

fn runs_of(text: &str, out: &mut Vec<String>) {
    for line in text.lines() {
        let chars: Vec<char> = line.trim().chars().collect();
        for w in chars.windows(12) {
            if !w[0].is_whitespace() && !w[11].is_whitespace() {
                out.push(w.iter().collect());
            }
        }
    }
}

fn needles(clients: &[DemoClient]) -> Needles {
    let (mut words, mut runs) = (Vec::new(), Vec::new());
    for c in clients {
        name_words(&c.given, &mut words);
        name_words(&c.family, &mut words);
        if let Some(p) = &c.preferred {
            name_words(p, &mut words);
        }
        words.extend(c.record.iter().cloned());
        words.extend(c.phone.iter().cloned());
        if let Some(a) = &c.address {
            // The flat, street and postcode; not the town (also a team's
            // name): every part but a one-word one.
            for part in a.split(',').map(str::trim) {
                if part.split_whitespace().count() > 1 {
                    words.push(part.to_string());
                }
            }
        }
        for m in &c.network {
            // A service ("Fennick Leaving Care personal adviser") is not a
            // name to look for: its words are ordinary ones.
            if caseload::privacy::sweep::is_persons_name(&m.name) {
                name_words(&m.name, &mut words);
            }
            words.extend(m.phone.iter().cloned());
            words.extend(m.email.iter().cloned());
        }
        for n in &c.note {
            runs_of(&n.text, &mut runs);
            for a in &n.addendum {
                runs_of(&a.text, &mut runs);
            }
        }
        for p in &c.plan {
            for t in [&p.needs, &p.outcomes, &p.strengths, &p.crisis] {
                runs_of(t, &mut runs);
            }
        }
    }
    // A rule's own words ("s117 aftercare review") are the program's,
    // shown in privacy mode; a plan may quote them.
    let rule_words: Vec<&str> = clients
        .iter()
        .flat_map(|c| &c.deadline)
        .filter(|d| d.rule.is_some())
        .map(|d| d.what.as_str())
        .collect();
    // So are the rule packs' (a visit falling due is "Statutory visit to
    // the looked-after child").
    let mut packs = String::new();
    for f in std::fs::read_dir("data/rules").unwrap() {
        packs.push_str(&std::fs::read_to_string(f.unwrap().path()).unwrap());
    }
    // And a network member's role ("Young carers worker") is shown: it is
    // a job, not a person.
    for m in clients.iter().flat_map(|c| &c.network) {
        packs.push_str(&m.role);
        packs.push('\n');
    }
    runs.retain(|r| {
        let r = r.trim();
        !packs.contains(r) && !rule_words.iter().any(|w| w.contains(r))
    });
    let build = |pats: &[String]| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .unwrap()
    };
    Needles {
        words: build(&words),
        runs: build(&runs),
    }
}

/// Every needle found in `text`: words only at word boundaries.
fn leaks(n: &Needles, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        for m in n.words.find_iter(line) {
            let before = line[..m.start()].chars().next_back();
            let after = line[m.end()..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                out.push(line[m.start()..m.end()].to_string());
            }
        }
        for m in n.runs.find_iter(line) {
            out.push(line[m.start()..m.end()].to_string());
        }
    }
    out
}

fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

struct Sweep {
    needles: Needles,
    views: BTreeSet<&'static str>,
    overlays: BTreeSet<&'static str>,
    frames: usize,
}

impl Sweep {
    /// Draws the app at both sizes and fails on anything it shows.
    fn check(&mut self, app: &App, what: &str) -> String {
        let mut big = String::new();
        for (w, h) in [(80, 24), (120, 40)] {
            // The screens alone: the first line of defence.
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            caseload::ui::render(app, buf.area, &mut buf);
            let shown = text(&buf);
            let found = leaks(&self.needles, &shown);
            assert!(
                found.is_empty(),
                "{what} at {w}x{h} shows {found:?}:\n{shown}"
            );
            // The app's draw: the sweep asserts (test builds) it found nothing.
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| Lockable::draw(app, f)).unwrap();
            self.frames += 1;
            big = shown;
        }
        self.views.insert(app.stack.last().unwrap().name());
        if let Some(o) = &app.overlay {
            self.overlays.insert(o.name());
        }
        big
    }
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Opens a client's record through the palette; a draft offer is left up.
fn open(app: &mut App, c: &DemoClient) {
    keys(app, ":");
    let shown = c.preferred.as_ref().unwrap_or(&c.given);
    keys(app, &format!("{shown} {}", c.family));
    press(app, KeyCode::Enter);
    assert!(
        matches!(app.stack.last(), Some(View::Client(_))),
        "{} did not open: on {} with {:?}",
        c.family,
        app.stack.last().unwrap().title(),
        app.overlay.as_ref().map(Overlay::name)
    );
}

#[test]
fn privacy_mode_shows_nothing_personal_on_any_screen_tab_or_overlay() {
    let demo = load().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    caseload::demo::seed(&mut store, now()).unwrap();
    let mut app = App::new(
        store,
        Box::new(now),
        Keymap::defaults().unwrap(),
        Theme::new(false),
    );
    app.set_privacy(true);
    assert!(app.known_names() > 50, "the sweep knows the demo's names");
    let mut sw = Sweep {
        needles: needles(&demo.client),
        views: BTreeSet::new(),
        overlays: BTreeSet::new(),
        frames: 0,
    };
    let first = &demo.client[0];

    sw.check(&app, "Today");
    keys(&mut app, "c");
    let table = sw.check(&app, "Caseload");
    assert!(table.contains("M.T."), "initials shown:\n{table}");
    keys(&mut app, "/");
    keys(&mut app, &first.family);
    sw.check(&app, "Caseload filtered");
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "?");
    sw.check(&app, "Help");
    press(&mut app, KeyCode::Esc);
    keys(&mut app, ":");
    keys(&mut app, &first.family[..4]);
    sw.check(&app, "Palette");
    press(&mut app, KeyCode::Esc);

    // Every client, every tab (the draft offer where there is one).
    for c in &demo.client {
        open(&mut app, c);
        if app.overlay.is_some() {
            sw.check(&app, &format!("draft offer for {}", c.family));
            keys(&mut app, "n");
        }
        for tab in '1'..='6' {
            keys(&mut app, &tab.to_string());
            let shown = sw.check(&app, &format!("{} tab {tab}", c.family));
            assert!(!shown.contains(&c.family), "{shown}");
            // A network member's details (email and notes too).
            if tab == '5' && !c.network.is_empty() {
                press(&mut app, KeyCode::Enter);
                assert!(matches!(app.stack.last(), Some(View::Member(_))));
                sw.check(&app, &format!("{}'s network member", c.family));
                press(&mut app, KeyCode::Esc);
            }
        }
        press(&mut app, KeyCode::Esc);
    }

    // The first client's draft in the editor, a final note read-only.
    // (Its draft was offered above, and is asked about once per draft:
    // open it from the Notes tab.)
    open(&mut app, first);
    assert!(app.overlay.is_none(), "the draft is offered once");
    keys(&mut app, "2");
    let draft_row = match app.stack.last() {
        Some(View::Client(v)) => v
            .notes
            .notes
            .iter()
            .position(|n| n.status == caseload::domain::NoteStatus::Draft)
            .unwrap(),
        _ => panic!("not on the client"),
    };
    for _ in 0..draft_row {
        keys(&mut app, "j");
    }
    press(&mut app, KeyCode::Enter);
    let editor = sw.check(&app, "the draft in the editor");
    assert!(editor.contains("‹note,"), "{editor}");
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "2");
    let final_row = match app.stack.last() {
        Some(View::Client(v)) => v
            .notes
            .notes
            .iter()
            .position(|n| n.status == caseload::domain::NoteStatus::Final)
            .unwrap(),
        _ => panic!("not on the client"),
    };
    for _ in 0..final_row {
        keys(&mut app, "j");
    }
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.stack.last(), Some(View::NoteView(_))));
    sw.check(&app, "a final note");
    press(&mut app, KeyCode::Esc);

    // Each form, with a name typed into its first field where that field
    // is personal, and the edit forms filled from the record.
    let (id, theme, today) = (1, app.theme, now().date());
    let client = app.store().client(id).unwrap();
    let plan = app.store().plan_versions(id).unwrap();
    let deadline = app.store().deadlines(id).unwrap();
    let every_form = [
        forms::client(None, theme, today),
        forms::client(Some(&client), theme, today),
        forms::network(id, theme, today),
        forms::plan(id, plan.first(), theme, today),
        forms::deadline(id, theme, today),
        forms::episode(id, &[], theme, today),
        forms::action(Some(id), theme, today),
        forms::addendum(1, theme, today),
        forms::late_reason(1, 3, theme, today),
        forms::deadline_done(&deadline[0], theme, today),
        forms::plan_action_done(&plan[0], theme, today),
        caseload::ui::forms::visit::plan(id, vec![], theme, today),
        caseload::ui::forms::visit::move_visit(1, theme, today),
        caseload::ui::forms::visit::cancel_visit(1, theme, today),
        caseload::ui::forms::supervision::supervision(id, theme, today),
    ];
    for f in every_form {
        let title = f.title.clone();
        let personal = caseload::privacy::field_kind(f.spec.fields()[f.focus].key).is_some();
        app.stack.push(f.into());
        if personal {
            keys(&mut app, &format!("{} {}", first.given, first.family));
        }
        sw.check(&app, &format!("form {title}"));
        app.stack.pop();
    }

    case_forms(&mut app, &mut sw, first);

    // The calendar (month, then the day's list), the export menu over a
    // client, and a paste pack shown as text.
    keys(&mut app, "tr");
    let chart = sw.check(&app, "Activity chart");
    assert!(chart.contains("counts only"), "{chart}");
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "C");
    sw.check(&app, "Calendar");
    press(&mut app, KeyCode::Tab);
    let day = sw.check(&app, "Calendar day list");
    assert!(day.contains('.'), "{day}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    open(&mut app, first);
    if app.overlay.is_some() {
        keys(&mut app, "n");
    }
    keys(&mut app, "x");
    sw.check(&app, "Export menu");
    press(&mut app, KeyCode::Esc);
    app.stack.push(
        caseload::ui::text_view::TextView {
            heading: "Paste pack".into(),
            text: format!("{} {}\n{}", first.given, first.family, first.note[0].text),
            copied: true,
            names: vec![first.given.clone(), first.family.clone()],
            scroll: 0,
            theme: app.theme,
        }
        .into(),
    );
    sw.check(&app, "a paste pack");
    app.stack.pop();

    // Search with results.
    keys(&mut app, "f");
    keys(&mut app, "visit");
    let search = sw.check(&app, "search");
    assert!(search.contains("‹snippet"), "results shown:\n{search}");
    press(&mut app, KeyCode::Esc);

    let all_views: BTreeSet<&str> = View::NAMES.iter().copied().collect();
    assert_eq!(sw.views, all_views, "a screen the sweep never drew");
    let all_overlays: BTreeSet<&str> = Overlay::NAMES.iter().copied().collect();
    assert_eq!(sw.overlays, all_overlays, "a popup the sweep never drew");
    assert!(sw.frames > 300, "{} frames", sw.frames);
    eprintln!("{} frames drawn, views {:?}", sw.frames, sw.views);
}

/// The same sweep through the real binary in tmux at 80×24: the demo in
/// privacy mode (Ctrl-O), on Today, Caseload, a client's six tabs, help,
/// the palette and a search with results.
#[test]
fn privacy_mode_in_the_real_terminal_shows_nothing_personal() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let demo = load().unwrap();
    let needles = needles(&demo.client);
    let sandbox = common::Sandbox::new();
    let t = common::tmux::launch(&sandbox, "privacy")
        .arg("--demo")
        .start();
    let first = &demo.client[0];
    let mut checked = Vec::new();
    let mut check = |what: &str, expect: &str| {
        let pane = t.wait_for(expect);
        assert!(
            pane.contains(expect),
            "{what}: never showed {expect:?}:\n{pane}"
        );
        let found = leaks(&needles, &pane);
        assert!(found.is_empty(), "{what} shows {found:?}:\n{pane}");
        checked.push(what.to_string());
    };
    t.wait_for("Today");
    t.keys(&["C-o"]);
    check("Today", "Privacy mode on");
    t.keys(&["c"]);
    check("Caseload", "M.T.");
    t.keys(&[":"]);
    t.type_text(&first.family);
    check("Palette", "Go to a client");
    t.keys(&["Enter"]);
    check("draft offer", "unfinished draft");
    t.keys(&["n"]);
    for (tab, title) in [
        "Summary",
        "Notes",
        "Plan",
        "Deadlines",
        "Network",
        "Chronology",
    ]
    .iter()
    .enumerate()
    {
        t.keys(&[&(tab + 1).to_string()]);
        check(title, &format!("Client · {title}"));
    }
    t.keys(&["?"]);
    check("Help", "Keys");
    t.keys(&["Escape"]);
    t.keys(&["f"]);
    t.type_text("visit");
    check("Search", "‹snippet");
    t.keys(&["Escape"]);
    t.keys(&["C-o"]);
    let plain = t.wait_for("Privacy mode off");
    drop(t);
    assert!(plain.contains(&first.family), "off again:\n{plain}");
    assert_eq!(checked.len(), 12, "{checked:?}");
}

/// The sweep's names come from the store when it opens and after a person
/// is added; keys alone never rebuild them.
#[test]
fn the_sweeps_names_are_rebuilt_when_a_client_is_added_not_per_key() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .add_client(
            &caseload::domain::NewClient {
                given_name: "Ann".into(),
                family_name: "Zqxmarker".into(),
                record_no: Some("MOS 1".into()),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    let mut app = App::new(
        store,
        Box::new(now),
        Keymap::defaults().unwrap(),
        Theme::new(false),
    );
    app.set_privacy(true);
    let before = app.known_names();
    assert!(before >= 3, "{before}");
    keys(&mut app, "cjjkk");
    assert_eq!(app.known_names(), before);
    keys(&mut app, "N");
    keys(&mut app, "Quentin");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Vexworthy");
    app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(app.store().clients(true).unwrap().len(), 2, "client added");
    assert!(app.known_names() > before, "names rebuilt after the add");
    // And the new client is drawn as initials (the screen goes back to
    // what it was on; the frame is checked whatever it shows).
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
    app.render(buf.area, &mut buf);
    let shown = text(&buf);
    assert!(!shown.contains("Vexworthy"), "{shown}");
}

/// The case forms (close, end or move an episode, edit a network member),
/// filled from the first client's record, one at a time (a form is large:
/// the other forms' array is on the caller's stack).
#[inline(never)]
fn case_forms(app: &mut App, sw: &mut Sweep, first: &DemoClient) {
    use caseload::ui::forms::case::{close, edit_network, end_episode, move_episode};
    let (id, theme, today) = (1, app.theme, now().date());
    let episodes = app.store().episodes(id).unwrap();
    let network = app.store().network(id).unwrap();
    for k in 0..4 {
        let f = match k {
            0 => Some(close(id, theme, today)),
            1 => end_episode(&episodes, theme, today),
            2 => move_episode(&episodes, theme, today),
            _ => network.first().map(|m| edit_network(m, theme, today)),
        };
        let Some(f) = f else { continue };
        let title = f.title.clone();
        app.stack.push(View::Form(Box::new(f)));
        if k == 0 {
            keys(app, &format!("{} {}", first.given, first.family));
        }
        sw.check(app, &format!("form {title}"));
        app.stack.pop();
    }
}
