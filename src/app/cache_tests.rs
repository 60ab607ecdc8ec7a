//! The cache loads again exactly when something it depends on changed: a
//! write by this store, a commit by another connection, a new minute (for
//! Today), a new day or the closed flag (for the rows).

use crate::store::prelude::*;
use std::cell::Cell;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use secrecy::SecretString;

use super::{Cache, Cached, Stamped};
use crate::domain::{ClientSummary, NewClient, NewDeadline, NewNote, NoteKind};
use crate::store::{ClosurePreview, DataStamp, SearchFilter, SearchHit, Store};
use crate::ui::data::{CalendarData, ClientData, ClientRows, NoteData, Source, TodayData};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap()
}

/// A store that counts how often Today and the rows are loaded from it.
struct Counting {
    store: Store,
    todays: Cell<u32>,
    rows: Cell<u32>,
    /// When set, the stamp cannot be read.
    blind: bool,
}

impl Counting {
    fn new(store: Store) -> Counting {
        Counting {
            store,
            todays: Cell::new(0),
            rows: Cell::new(0),
            blind: false,
        }
    }

    fn today_at(&self, cache: &Cache, at: NaiveDateTime) -> TodayData {
        Cached::new(self, cache, at.date()).today(at).unwrap()
    }

    fn rows_on(&self, cache: &Cache, day: NaiveDate, closed: bool) -> Vec<ClientSummary> {
        Cached::new(self, cache, day)
            .clients(closed)
            .unwrap()
            .to_vec()
    }
}

impl Source for Counting {
    fn today(&self, now: NaiveDateTime) -> Result<TodayData, String> {
        self.todays.set(self.todays.get() + 1);
        self.store.today(now)
    }
    fn clients(&self, closed: bool) -> Result<ClientRows, String> {
        self.rows.set(self.rows.get() + 1);
        Source::clients(&self.store, closed)
    }
    fn client(&self, id: i64, day: NaiveDate) -> Result<ClientData, String> {
        Source::client(&self.store, id, day)
    }
    fn note(&self, id: i64) -> Result<NoteData, String> {
        Source::note(&self.store, id)
    }
    fn search(&self, words: &str, filter: &SearchFilter) -> Result<Vec<SearchHit>, String> {
        Source::search(&self.store, words, filter)
    }
    fn calendar(&self, from: NaiveDate, to: NaiveDate) -> Result<CalendarData, String> {
        Source::calendar(&self.store, from, to)
    }
    fn activity(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<crate::practice::activity::Activity, String> {
        Source::activity(&self.store, from, to, today)
    }
    fn closure(&self, id: i64, on: NaiveDate) -> Result<ClosurePreview, String> {
        Source::closure(&self.store, id, on)
    }
}

impl Stamped for Counting {
    fn stamp(&self) -> Option<DataStamp> {
        if self.blind { None } else { self.store.stamp() }
    }
}

fn person(given: &str) -> NewClient {
    NewClient {
        given_name: given.into(),
        family_name: "Testperson".into(),
        visit_every_days: Some(14),
        opened_on: NaiveDate::from_ymd_opt(2026, 6, 1),
        ..NewClient::default()
    }
}

fn deadline(client: i64, what: &str) -> NewDeadline {
    NewDeadline {
        client_id: Some(client),
        what: what.into(),
        due: Some(now().date()),
        ..NewDeadline::default()
    }
}

/// A store with one client, read once so its caches are warm.
fn with_ada() -> (Counting, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let ada = s.add_client(&person("Ada"), now()).unwrap();
    Source::today(&s, now()).unwrap();
    (Counting::new(s), ada)
}

fn whats(t: &TodayData) -> Vec<&str> {
    t.due.iter().map(|d| d.what.as_str()).collect()
}

#[test]
fn today_is_loaded_once_in_the_same_minute_with_nothing_written() {
    let (src, _) = with_ada();
    let cache = Cache::default();
    let first = src.today_at(&cache, now());
    let again = src.today_at(&cache, now() + Duration::seconds(59));
    assert_eq!(src.todays.get(), 1);
    assert_eq!(first, again);
}

#[test]
fn a_new_minute_loads_today_again() {
    let (src, _) = with_ada();
    let cache = Cache::default();
    src.today_at(&cache, now());
    src.today_at(&cache, now() + Duration::minutes(1));
    assert_eq!(src.todays.get(), 2);
}

#[test]
fn a_write_through_this_store_loads_today_and_the_rows_again() {
    let (mut src, ada) = with_ada();
    let cache = Cache::default();
    src.today_at(&cache, now());
    src.rows_on(&cache, now().date(), false);
    src.store
        .add_deadline(&deadline(ada, "Fictional review"), now())
        .unwrap();
    let t = src.today_at(&cache, now());
    assert!(whats(&t).contains(&"Fictional review"), "{:?}", whats(&t));
    src.rows_on(&cache, now().date(), false);
    assert_eq!((src.todays.get(), src.rows.get()), (2, 2));
}

#[test]
fn an_undo_loads_today_again() {
    let (mut src, ada) = with_ada();
    let cache = Cache::default();
    src.store
        .add_deadline(&deadline(ada, "Fictional review"), now())
        .unwrap();
    assert_eq!(whats(&src.today_at(&cache, now())), ["Fictional review"]);
    src.store.undo_last(now()).unwrap();
    assert!(whats(&src.today_at(&cache, now())).is_empty());
    assert_eq!(src.todays.get(), 2);
}

#[test]
fn a_commit_by_another_connection_loads_today_and_the_rows_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let key = SecretString::from("correct horse battery");
    let mut tui = Store::open(&db, &key).unwrap();
    let ada = tui.add_client(&person("Ada"), now()).unwrap();
    let src = Counting::new(tui);
    let cache = Cache::default();
    assert!(whats(&src.today_at(&cache, now())).is_empty());
    assert_eq!(src.rows_on(&cache, now().date(), false).len(), 1);
    src.today_at(&cache, now());
    src.rows_on(&cache, now().date(), false);
    assert_eq!((src.todays.get(), src.rows.get()), (1, 1), "kept");

    let mut cli = Store::open(&db, &key).unwrap();
    cli.add_deadline(&deadline(ada, "Deadline from the CLI"), now())
        .unwrap();
    cli.add_client(&person("Bea"), now()).unwrap();
    let t = src.today_at(&cache, now());
    assert_eq!(whats(&t), ["Deadline from the CLI"]);
    assert_eq!(src.rows_on(&cache, now().date(), false).len(), 2);
    assert_eq!((src.todays.get(), src.rows.get()), (2, 2));
}

#[test]
fn a_load_that_fills_the_visit_facts_cache_is_kept_all_the_same() {
    let (mut src, ada) = with_ada();
    src.store
        .add_note(
            &NewNote {
                client_id: ada,
                kind: Some(NoteKind::HomeVisit),
                outcome: crate::demo::written_outcome(NoteKind::HomeVisit),
                occurred_at: now() - Duration::days(3),
                location: None,
                present: None,
                body: "Fictional visit.".into(),
                significant: false,
            },
            now(),
        )
        .unwrap();
    let cache = Cache::default();
    let before = src.store.data_stamp().unwrap();
    src.today_at(&cache, now());
    assert_ne!(
        src.store.data_stamp().unwrap(),
        before,
        "the load stored Ada's facts (else this test proves nothing)"
    );
    src.today_at(&cache, now());
    assert_eq!(src.todays.get(), 1);
}

#[test]
fn the_rows_are_kept_per_closed_flag_and_day() {
    let (src, _) = with_ada();
    let cache = Cache::default();
    let day = now().date();
    src.rows_on(&cache, day, false);
    src.rows_on(&cache, day, true);
    src.rows_on(&cache, day, false);
    src.rows_on(&cache, day, true);
    assert_eq!(src.rows.get(), 2);
    src.rows_on(&cache, day.succ_opt().unwrap(), false);
    assert_eq!(src.rows.get(), 3);
}

#[test]
fn an_unreadable_stamp_loads_every_time() {
    let (mut src, _) = with_ada();
    src.blind = true;
    let cache = Cache::default();
    src.today_at(&cache, now());
    src.today_at(&cache, now());
    src.rows_on(&cache, now().date(), false);
    src.rows_on(&cache, now().date(), false);
    assert_eq!((src.todays.get(), src.rows.get()), (2, 2));
}

#[test]
fn a_cleared_cache_loads_again() {
    let (src, _) = with_ada();
    let mut cache = Cache::default();
    src.today_at(&cache, now());
    cache.clear();
    src.today_at(&cache, now());
    assert_eq!(src.todays.get(), 2);
}

#[test]
fn a_kept_answer_reads_only_the_header_page() {
    let (src, _) = with_ada();
    let mut cache = Cache::default();
    let both = |cache: &Cache| {
        src.today_at(cache, now());
        src.rows_on(cache, now().date(), false);
    };
    both(&cache);
    let (_, kept) = src.store.pages_touched(|_| both(&cache)).unwrap();
    cache.clear();
    let (_, loaded) = src.store.pages_touched(|_| both(&cache)).unwrap();
    // Reading the stamp starts a read transaction: page 1, once a look.
    assert!(kept <= 2, "{kept} pages for two kept answers");
    assert!(loaded > 2 * kept, "{loaded} pages to load, {kept} kept");
}

/// The app on a store holding Ada (see `with_ada`), on Today.
fn app_with_ada() -> crate::app::App {
    let (src, _) = with_ada();
    crate::app::App::new(
        src.store,
        Box::new(now),
        crate::keymap::Keymap::defaults().unwrap(),
        crate::ui::theme::Theme::new(false),
    )
}

/// The pages the first `c` reads on an app just opened, after `App::idle`
/// or not.
fn pages_for_first_c(idle_first: bool) -> i64 {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app_with_ada();
    if idle_first {
        app.idle();
    }
    app.store.page_counters(true).unwrap();
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    assert_eq!(app.mode(), crate::keymap::Mode::Caseload);
    app.store.page_counters(false).unwrap()
}

#[test]
fn idle_loads_the_rows_ahead_so_the_first_c_reads_only_the_header() {
    let ahead = pages_for_first_c(true);
    let cold = pages_for_first_c(false);
    assert!(ahead <= 1, "{ahead} pages after working ahead");
    assert!(cold > ahead, "{cold} pages without");
}

#[test]
fn screens_a_key_replaces_are_freed_at_the_next_idle_moment_and_never_pile_up() {
    let mut app = app_with_ada();
    app.idle();
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let press = |app: &mut crate::app::App, c: char| {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    };
    press(&mut app, 'c');
    press(&mut app, 't');
    assert_eq!(app.mode(), crate::keymap::Mode::Today);
    assert!(
        !app.retired.is_empty(),
        "the replaced screens wait for the frame"
    );
    app.idle();
    assert!(app.retired.is_empty(), "and are freed once it is drawn");
    for _ in 0..20 {
        press(&mut app, 'c');
        press(&mut app, 't');
    }
    assert!(app.retired.len() <= super::super::RETIRED_AT_MOST + 1);
}
