//! The app: its state, and `update`, the only place that calls the store.
//! Keys become actions through the keymap (`events.rs`); what an action does
//! to the store lives in `effects.rs`; per-screen state lives in `ui/`.

mod effects;
mod events;
mod lockable;
mod views;

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use crate::action::Action;
use crate::keymap::{Keymap, Mode};
use crate::store::Store;
use crate::ui::caseload::CaseloadView;
use crate::ui::client::Tab;
use crate::ui::confirm::{Answer, Confirm};
use crate::ui::help::HelpView;
use crate::ui::palette::{PaletteView, Target};
use crate::ui::theme::Theme;
use crate::ui::today::TodayView;
use crate::ui::{Overlay, View, forms};

/// Where the app gets the time: `crate::clock::now` in the program, a fixed
/// time in tests.
pub type Clock = Box<dyn Fn() -> NaiveDateTime>;

/// A draft is written once it is dirty and this long has passed since the
/// last save; with the loop waking at least every 250 ms, nothing typed more
/// than ~1.3 s ago is ever unsaved.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(1);

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The words.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
}

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
        };
        let today = app.load_today();
        app.stack.push(View::Today(today));
        app
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

    /// The keys live now.
    #[must_use]
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help(_)) => return Mode::Help,
            Some(Overlay::Palette(_)) => return Mode::Palette,
            Some(Overlay::Confirm(_)) => return Mode::Confirm,
            None => {}
        }
        match self.stack.last() {
            Some(View::Caseload(c)) if c.filtering => Mode::Filter,
            Some(View::Caseload(_)) => Mode::Caseload,
            Some(View::Client(_)) => Mode::Client,
            Some(View::Editor(_)) => Mode::Editor,
            Some(View::NoteView(_)) => Mode::NoteView,
            Some(View::Form(_)) => Mode::Form,
            Some(View::Search(_)) => Mode::Search,
            Some(View::Today(_)) | None => Mode::Today,
        }
    }

    fn load_today(&mut self) -> TodayView {
        match TodayView::load(&self.store, self.now().date()) {
            Ok(v) => v,
            Err(e) => {
                self.error(format!("could not load Today: {e}"));
                TodayView::default()
            }
        }
    }

    /// Does what an action asks.
    pub fn update(&mut self, action: Action) {
        if let Some(overlay) = self.overlay.take() {
            self.update_overlay(overlay, action);
            return;
        }
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help(HelpView {
                    mode: self.mode(),
                    scroll: 0,
                }));
            }
            Action::Palette => match self.store.client_summaries(true) {
                Ok(c) => self.overlay = Some(Overlay::Palette(PaletteView::new(&c))),
                Err(e) => self.error(format!("could not list clients: {e}")),
            },
            Action::GoToday => self.go_root(false),
            Action::GoCaseload => self.go_root(true),
            Action::NewClient => {
                let f = forms::client(None, self.theme, self.now().date());
                self.stack.push(View::Form(Box::new(f)));
            }
            Action::NewAction => {
                let client = match self.stack.last() {
                    Some(View::Client(c)) => Some(c.client.id),
                    _ => None,
                };
                let f = forms::action(client, self.theme, self.now().date());
                self.stack.push(View::Form(Box::new(f)));
            }
            Action::Undo => self.undo(),
            Action::GoSearch => {
                let scope = match self.stack.last() {
                    Some(View::Client(c)) => Some((c.client.id, c.client.display_name())),
                    _ => None,
                };
                let v = crate::ui::search::SearchView::new(scope);
                self.stack.push(View::Search(Box::new(v)));
            }
            Action::Quit | Action::Back => self.back(action == Action::Quit),
            Action::Lock => self.lock_requested = true,
            Action::TogglePrivacy => self.theme = self.theme.with_privacy(!self.theme.privacy()),
            _ => self.update_view(action),
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        match overlay {
            Overlay::Help(mut h) => match action {
                Action::Back | Action::Quit | Action::Help => {}
                Action::Up => {
                    h.scroll = h.scroll.saturating_sub(1);
                    self.overlay = Some(Overlay::Help(h));
                }
                Action::Down => {
                    h.scroll = h.scroll.saturating_add(1).min(200);
                    self.overlay = Some(Overlay::Help(h));
                }
                _ => self.overlay = Some(Overlay::Help(h)),
            },
            Overlay::Palette(mut p) => match action {
                Action::Back => {}
                Action::Up | Action::Down => {
                    p.cursor
                        .step(if action == Action::Up { -1 } else { 1 }, p.matches.len());
                    self.overlay = Some(Overlay::Palette(p));
                }
                Action::Open => match p.selected() {
                    Some(Target::Client(id)) => self.open_client(id, Tab::Summary, true),
                    Some(Target::Command(a)) => self.update(a),
                    None => self.overlay = Some(Overlay::Palette(p)),
                },
                _ => self.overlay = Some(Overlay::Palette(p)),
            },
            Overlay::Confirm(c) => match action {
                Action::Yes => self.answer(c.yes),
                Action::No => self.answer(c.no),
                _ => self.overlay = Some(Overlay::Confirm(c)),
            },
        }
    }

    fn answer(&mut self, a: Answer) {
        match a {
            Answer::Nothing => {}
            Answer::FinaliseNote => self.finalise_now(),
            Answer::ResumeDraft(id) => self.open_draft(id),
            Answer::DiscardForm => {
                self.stack.pop();
            }
            Answer::Quit => self.should_quit = true,
        }
    }

    /// Asks a yes/no question.
    fn confirm(&mut self, question: String, yes: Answer, no: Answer) {
        self.overlay = Some(Overlay::Confirm(Confirm { question, yes, no }));
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
        match self.stack.last() {
            Some(View::Editor(_)) => {
                if !self.leave_editor() {
                    return;
                }
            }
            Some(View::Form(f)) if f.changed => {
                self.confirm(
                    "Leave this form without saving? What you typed in it will be lost.".into(),
                    Answer::DiscardForm,
                    Answer::Nothing,
                );
                return;
            }
            Some(View::Caseload(c)) if c.filtering => {
                if let Some(View::Caseload(c)) = self.stack.last_mut() {
                    c.filtering = false;
                }
                return;
            }
            _ => {
                self.stack.pop();
            }
        }
        // Only a write makes the screens underneath out of date.
        if self.stale {
            self.reload_top();
        }
    }

    /// Goes to Today (or the Caseload table over it), saving any draft first.
    fn go_root(&mut self, caseload: bool) {
        // The table keeps its filter and sort when you come back to it.
        let kept = self.stack.iter().find_map(|v| match v {
            View::Caseload(c) => Some(c.clone()),
            _ => None,
        });
        while self.stack.len() > 1 {
            if matches!(self.stack.last(), Some(View::Editor(_))) {
                if !self.leave_editor() {
                    return;
                }
            } else {
                self.stack.pop();
            }
        }
        let today = self.load_today();
        self.stack = vec![View::Today(today)];
        self.stale = false;
        if caseload {
            let result = match kept {
                Some(mut c) => c.reload(&self.store).map(|()| c),
                None => CaseloadView::load(&self.store, false, self.now().date()),
            };
            match result {
                Ok(c) => self.stack.push(View::Caseload(c)),
                Err(e) => self.error(format!("could not load the caseload: {e}")),
            }
        }
    }

    /// Opens a client's record at `tab`; `offer_draft` asks to resume a draft.
    fn open_client(&mut self, id: i64, tab: Tab, offer_draft: bool) {
        match crate::ui::client::ClientView::load(&self.store, id, tab) {
            Ok(v) => {
                let draft = v.draft().map(|n| (n.id, n.occurred_at));
                self.stack.push(View::Client(Box::new(v)));
                if let (true, Some((nid, when))) = (offer_draft, draft) {
                    self.confirm(
                        format!(
                            "There is an unfinished draft note for this client (contact on {}). Carry on writing it now?",
                            when.format("%a %-d %b %H:%M")
                        ),
                        Answer::ResumeDraft(nid),
                        Answer::Nothing,
                    );
                }
            }
            Err(e) => self.error(format!("could not open the client: {e}")),
        }
    }

    /// Ends the app cleanly: any draft being written is saved.
    pub fn shutdown(&mut self) {
        if matches!(self.stack.last(), Some(View::Editor(_))) {
            self.save_draft(Instant::now());
        }
    }
}
