//! The app: the stack of screens, the store, and the loop's entry points.
//! Keys become actions through the keymap (`events.rs`); the screen on top
//! turns an action into effects, which `run.rs` carries out (writes through
//! `write.rs`, data through `load.rs`). The app knows screens only through
//! the `Screen` trait.

mod cache;
mod events;
mod export;
mod form_drafts;
pub mod load;
mod lockable;
mod run;
pub mod session;
mod write;
mod write_case;

use crate::store::prelude::*;
use std::time::Instant;

use chrono::NaiveDateTime;

use crate::action::Action;
use crate::keymap::{Keymap, Mode};
use crate::store::Store;
use crate::ui::caseload::CaseloadView;
use crate::ui::client::Tab;
use crate::ui::confirm::Confirm;
use crate::ui::data::Source;
use crate::ui::help::HelpView;
use crate::ui::palette::{PaletteView, Target};
use crate::ui::screen::{Effect, Screen, Write};
use crate::ui::search::SearchView;
use crate::ui::theme::Theme;
use crate::ui::today::TodayView;
use crate::ui::{Overlay, Shell, View, forms};

pub use crate::ui::Status;
pub use crate::ui::note::AUTOSAVE_AFTER;

/// Where the app gets the time: `crate::clock::now` in the program, a fixed
/// time in tests.
pub type Clock = Box<dyn Fn() -> NaiveDateTime>;

/// How many replaced screens wait for an idle moment to be freed.
const RETIRED_AT_MOST: usize = 4;

/// The whole state of the terminal UI.
pub struct App {
    store: Store,
    clock: Clock,
    /// The live keymap.
    pub keymap: Keymap,
    /// The colours.
    pub theme: Theme,
    /// The screens, the one shown last; the first is always Today.
    pub stack: Vec<View>,
    /// A popup over the screen.
    pub overlay: Option<Overlay>,
    /// The status line's message.
    pub status: Option<Status>,
    /// Set when the app should end.
    pub should_quit: bool,
    /// Set when the practitioner asked to lock (the session acts on it).
    pub lock_requested: bool,
    /// A write happened that the screens underneath have not reloaded.
    stale: bool,
    /// Today sits beneath the Caseload table without having been loaded
    /// (`c` loads the table alone); it loads when it is back on top.
    root_unloaded: bool,
    /// Drafts already offered back ("carry on with the draft?" is asked
    /// once per draft in a session).
    offered_drafts: std::collections::HashSet<i64>,
    /// The privacy sweep's known names: built when the store is opened and
    /// after a write that adds or renames a person, never per key.
    redactor: crate::privacy::Redactor,
    /// Today and the Caseload rows, kept until something changes.
    cache: cache::Cache,
    /// The Caseload rows are still to be loaded ahead of the first `c`
    /// (done once, when no key is waiting: see [`App::idle`]).
    prefetch_due: bool,
    /// Screens a key replaced or closed: freed when no key is waiting, after
    /// the frame the key changed is drawn (a Today or a table of thousands
    /// of rows takes a millisecond to free).
    retired: Vec<View>,
    /// The folder the Export menu offers (`~/Documents/caseload`).
    pub export_dir: Option<std::path::PathBuf>,
    /// A clipboard copy (OSC 52 sequence) waiting to go to the terminal.
    pub clipboard: Option<String>,
}

impl App {
    /// Opens on the Today screen.
    pub fn new(store: Store, clock: Clock, keymap: Keymap, theme: Theme) -> App {
        let mut app = App {
            store,
            clock,
            keymap,
            theme,
            stack: Vec::new(),
            overlay: None,
            status: None,
            should_quit: false,
            lock_requested: false,
            stale: false,
            root_unloaded: false,
            offered_drafts: std::collections::HashSet::new(),
            redactor: crate::privacy::Redactor::default(),
            cache: cache::Cache::default(),
            prefetch_due: true,
            retired: Vec::new(),
            export_dir: crate::paths::exports_dir(),
            clipboard: None,
        };
        app.rebuild_names();
        app.push_today();
        app.mention_kept_forms();
        app
    }

    /// The store through the cache of Today and the Caseload rows: what
    /// every screen loads from.
    fn source(&self, today: chrono::NaiveDate) -> cache::Cached<'_, Store> {
        cache::Cached::new(&self.store, &self.cache, today)
    }

    /// Work done while no key is waiting, after a frame is drawn: the
    /// Caseload rows are loaded once ahead of the first `c`, so that key
    /// shows the table at once too.
    pub fn idle(&mut self) {
        self.retired.clear();
        if std::mem::take(&mut self.prefetch_due) {
            let today = self.now().date();
            if let Err(e) = self.source(today).clients(false) {
                tracing::warn!(error = %e, "could not load the Caseload rows ahead");
            }
        }
    }

    /// The time now, from the injected clock.
    #[must_use]
    pub fn now(&self) -> NaiveDateTime {
        (self.clock)()
    }

    /// The store (read-only), for tests.
    #[must_use]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Shows a message in the status line.
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    /// Shows a problem in the status line.
    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// The screen on top.
    fn top(&self) -> Option<&dyn Screen> {
        self.stack.last().map(View::screen)
    }

    /// The keys live now.
    #[must_use]
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help(_)) => Mode::Help,
            Some(Overlay::Palette(_)) => Mode::Palette,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            None => self.top().map_or(Mode::Today, Screen::mode),
        }
    }

    /// A fresh Today as the only screen.
    fn push_today(&mut self) {
        self.retire_all();
        self.stale = false;
        self.reload_top();
    }

    /// Replaces every screen with a fresh, unloaded Today; the old ones are
    /// freed when no key is waiting.
    fn retire_all(&mut self) {
        let old = std::mem::replace(&mut self.stack, vec![TodayView::new(self.theme).into()]);
        self.keep_retired(old);
    }

    /// Takes the screen on top off the stack; it is freed when no key is
    /// waiting.
    fn retire_top(&mut self) {
        if let Some(v) = self.stack.pop() {
            self.keep_retired(vec![v]);
        }
    }

    /// Keeps replaced screens until the next idle moment; a few at most
    /// (keys arriving faster than frames free the older ones at once).
    fn keep_retired(&mut self, views: Vec<View>) {
        if self.retired.len() >= RETIRED_AT_MOST {
            self.retired.clear();
        }
        self.retired.extend(views);
    }

    /// Does what an action asks.
    pub fn update(&mut self, action: Action) {
        if let Some(overlay) = self.overlay.take() {
            self.update_overlay(overlay, action);
            return;
        }
        let now = self.now();
        let today = now.date();
        // Whose record is on top: asked only by the actions that use it.
        let client = || self.top().and_then(Screen::client);
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help(HelpView::new(self.mode())));
            }
            Action::Palette => match self.source(today).clients(true) {
                Ok(c) => self.overlay = Some(Overlay::Palette(PaletteView::new(&c))),
                Err(e) => self.error(format!("could not list clients: {e}")),
            },
            Action::GoToday => self.go_root(false),
            Action::GoCaseload => self.go_root(true),
            Action::GoCalendar => {
                let v = crate::ui::calendar::CalendarView::new(today, self.theme);
                self.run(vec![Effect::Push(v.into())]);
            }
            Action::GoActivity => {
                let v = crate::ui::activity::ActivityView::new(today, self.theme);
                self.run(vec![Effect::Push(v.into())]);
            }
            Action::NewClient => {
                let f = forms::client(None, self.theme, today);
                self.run(vec![Effect::Push(f.into())]);
            }
            Action::NewAction => {
                let f = forms::action(client().map(|c| c.0), self.theme, today);
                self.run(vec![Effect::Push(f.into())]);
            }
            Action::Undo => self.ask_undo(),
            Action::GoSearch => {
                let v = SearchView::new(client(), self.theme);
                self.run(vec![Effect::Push(v.into())]);
            }
            Action::Quit | Action::Back => self.back(action == Action::Quit),
            Action::Export => self.open_export_menu(),
            Action::Paste => self.paste_note(),
            Action::Lock => self.lock_requested = true,
            Action::TogglePrivacy => self.set_theme(self.theme.with_privacy(!self.theme.privacy())),
            _ => {
                let effects = match self.stack.last_mut() {
                    Some(v) => v.screen_mut().update(action, now),
                    None => Vec::new(),
                };
                self.run(effects);
            }
        }
    }

    /// Rebuilds the privacy sweep's known names from the store: every
    /// client's names and record number and every network member's name
    /// (two queries). Called when the store is opened and after a write
    /// that adds or renames a person.
    pub fn rebuild_names(&mut self) {
        // The store's clients (the screens' `Source` has a `clients` too).
        let clients = ClientRecords::clients(&self.store, true);
        let people = self.store.network_names();
        match (clients, people) {
            (Ok(c), Ok(p)) => {
                self.redactor = crate::privacy::Redactor::build(&c, p.iter().map(String::as_str));
            }
            (Err(e), _) | (_, Err(e)) => {
                tracing::warn!(error = %e, "could not list names for the privacy sweep");
                self.error("Could not list names for privacy mode's sweep");
            }
        }
    }

    /// How many names and name parts the privacy sweep knows (tests, bench).
    #[must_use]
    pub fn known_names(&self) -> usize {
        self.redactor.len()
    }

    /// Draws the frame: the screens (which mask personal fields themselves
    /// in privacy mode), then the sweep as a second line of defence. In
    /// test builds the sweep finding anything is a bug in the first line.
    pub fn draw(&self, frame: &mut ratatui::Frame<'_>) {
        let area = frame.area();
        self.render(area, frame.buffer_mut());
    }

    /// Draws the frame into `area` of a buffer, as [`App::draw`] does.
    pub fn render(&self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
        crate::ui::render(self, area, buf);
        if self.theme.privacy() {
            let missed = self.redactor.apply(buf);
            debug_assert_eq!(
                missed, 0,
                "privacy sweep found names a screen drew unmasked"
            );
            if missed > 0 {
                tracing::warn!(missed, "privacy sweep overwrote unmasked names");
            }
        }
    }

    /// Changes the colours everywhere.
    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
        for v in &mut self.stack {
            v.screen_mut().set_theme(theme);
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        match overlay {
            Overlay::Help(mut h) => match action {
                Action::Back | Action::Quit | Action::Help => {}
                _ => {
                    let page = h.page();
                    match action {
                        Action::Up => h.scroll_by(-1),
                        Action::Down => h.scroll_by(1),
                        Action::PageUp => h.scroll_by(-page),
                        Action::PageDown => h.scroll_by(page),
                        Action::Top => h.scroll_by(i32::MIN / 2),
                        Action::Bottom => h.scroll_by(i32::MAX / 2),
                        _ => {}
                    }
                    self.overlay = Some(Overlay::Help(h));
                }
            },
            Overlay::Palette(mut p) => match action {
                Action::Back => {}
                Action::Up | Action::Down => {
                    p.cursor
                        .step(if action == Action::Up { -1 } else { 1 }, p.matches.len());
                    self.overlay = Some(Overlay::Palette(p));
                }
                Action::Open => match p.selected() {
                    Some(Target::Client(id)) => {
                        self.run(vec![Effect::OpenClient {
                            id,
                            tab: Tab::Summary,
                            offer_draft: true,
                        }]);
                    }
                    Some(Target::Command(a)) => self.update(a),
                    None => self.overlay = Some(Overlay::Palette(p)),
                },
                _ => self.overlay = Some(Overlay::Palette(p)),
            },
            Overlay::Confirm(c) => match action {
                Action::Yes => {
                    self.run(c.yes);
                }
                Action::No => {
                    self.run(c.no);
                }
                _ => self.overlay = Some(Overlay::Confirm(c)),
            },
        }
    }

    /// Asks a yes/no question.
    fn confirm(&mut self, question: String, yes: Vec<Effect>, no: Vec<Effect>) {
        self.overlay = Some(Overlay::Confirm(Confirm { question, yes, no }));
    }

    /// Says what undo would take back and asks first; says why when it
    /// cannot, and changes nothing then.
    fn ask_undo(&mut self) {
        match self.store.next_undo() {
            Ok(None) => self.info("There is nothing to undo"),
            Ok(Some(step)) => match step.blocked {
                Some(why) => self.error(format!("Cannot undo \"{}\": {why}", step.label)),
                None => self.confirm(
                    format!("Undo \"{}\"?", step.label),
                    vec![Effect::Write(Box::new(Write::Undo))],
                    Vec::new(),
                ),
            },
            Err(e) => self.error(format!("Nothing undone: {e}")),
        }
    }

    /// Goes back one screen; `quit` leaves caseload from the first screen.
    fn back(&mut self, quit: bool) {
        if self.stack.len() <= 1 {
            if quit {
                self.should_quit = true;
            } else {
                self.info("Press q to leave caseload");
            }
            return;
        }
        let effects = match self.stack.last_mut() {
            Some(v) => v.screen_mut().back(),
            None => Vec::new(),
        };
        self.run(effects);
    }

    /// Goes to Today (or the Caseload table over it), saving any draft first.
    fn go_root(&mut self, caseload: bool) {
        // The table keeps its filter and sort when you come back to it.
        let kept = self.stack.iter().find_map(|v| match v {
            View::Caseload(c) => Some(c.clone()),
            _ => None,
        });
        while self.stack.len() > 1 {
            let saves = match self.stack.last_mut() {
                Some(v) => v.screen_mut().save(),
                None => Vec::new(),
            };
            if !self.run(saves) {
                return;
            }
            self.retire_top();
        }
        if !caseload {
            return self.push_today();
        }
        // Today goes beneath the table unloaded: it loads when Esc shows it,
        // so `c` loads the table alone.
        self.retire_all();
        self.stale = false;
        self.root_unloaded = true;
        let table = kept.map_or_else(|| CaseloadView::new(self.theme).into(), View::Caseload);
        self.run(vec![Effect::Push(table)]);
        if self.stack.len() == 1 {
            self.reload_top();
        }
    }

    /// Ends the app cleanly: any draft being written is saved.
    pub fn shutdown(&mut self) {
        let saves = match self.stack.last_mut() {
            Some(v) => v.screen_mut().save(),
            None => Vec::new(),
        };
        self.run(saves);
    }

    /// The timer: writes the draft when it is dirty and a second has passed
    /// since the last save. `at` is the monotonic time now.
    pub fn tick_at(&mut self, at: Instant) {
        let effects = match self.stack.last_mut() {
            Some(v) => v.screen_mut().tick(at),
            None => Vec::new(),
        };
        self.run(effects);
    }
}

impl Shell for App {
    fn top(&self) -> Option<&dyn Screen> {
        App::top(self)
    }
    fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }
    fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }
    fn keymap(&self) -> &Keymap {
        &self.keymap
    }
    fn theme(&self) -> Theme {
        self.theme
    }
    fn now(&self) -> NaiveDateTime {
        App::now(self)
    }
    fn mode(&self) -> Mode {
        App::mode(self)
    }
}
