//! The shape every screen has. A screen owns its state; it turns an
//! [`Action`] (or a typed key) into changes to that state plus a list of
//! [`Effect`]s, which the app carries out (a store write, opening another
//! screen, a message, a reload). It names its keymap [`Mode`] and hint keys,
//! loads its data through [`Source`] (only when the app asks it to reload,
//! never while drawing or handling keys) and draws itself as a ratatui
//! `Widget` (`impl Widget for &MyScreen`).
//!
//! Adding a screen: one file implementing [`Screen`], one line in the
//! registry (`ui/mod.rs`), its keys in `data/keymap.toml`. See CONTRIBUTING.md.

use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::data::Source;
use super::theme::Theme;
use crate::action::Action;
use crate::keymap::Mode;

pub use super::write::{Outcome, Write, WriteError};

/// Something a screen asks the app to do.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Put a screen on top of the stack (its data is loaded first).
    Push(super::View),
    /// Open a client's record at a tab; `offer_draft` asks to resume a draft.
    OpenClient {
        /// The client.
        id: i64,
        /// The tab to show.
        tab: Tab,
        /// Whether to offer an unfinished draft back.
        offer_draft: bool,
    },
    /// Open a client's Plan tab at one version of the care plan (a search
    /// hit in an earlier version shows that version, not the current one).
    OpenPlanVersion {
        /// The client.
        client: i64,
        /// The care plan version's id.
        plan: i64,
    },
    /// Open a note: a draft in the editor (over its client), a final note read-only.
    OpenNote(i64),
    /// Close the screen on top (no questions asked).
    Close,
    /// Write to the store. When it fails, the effects after it are dropped.
    Write(Box<Write>),
    /// Reload the screen on top from the store.
    Reload,
    /// Keep a form's unsaved text (JSON of its fields) under its key.
    KeepFormDraft {
        /// Which form and what for.
        key: String,
        /// The fields.
        fields: String,
    },
    /// Forget a form's kept text: it was saved, or left on purpose.
    DropFormDraft(String),
    /// Hand an action to the screen on top (after a `Close`: the one beneath).
    Action(Action),
    /// A message in the status line.
    Info(String),
    /// A problem in the status line.
    Error(String),
    /// Ask a yes/no question; the answer's effects run after it.
    Confirm {
        /// The question.
        question: String,
        /// What yes does.
        yes: Vec<Effect>,
        /// What no does.
        no: Vec<Effect>,
    },
    /// Make an export's files and write them into a folder (created 0700,
    /// files 0600); the status line says what was written.
    Export {
        /// What to make.
        job: crate::export::files::Job,
        /// Where to write it.
        dir: std::path::PathBuf,
    },
    /// Make a paste pack, copy it to the clipboard and show it.
    Paste(crate::export::files::Job),
    /// Leave caseload.
    Quit,
}

/// What a click on a screen did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Click {
    /// Nothing there.
    Missed,
    /// Selected a row or tab (a second click on the same row opens it).
    Selected,
}

/// What every screen is and does. `App` knows screens only through this.
pub trait Screen: Paint {
    /// The words in the title bar (never personal text).
    fn title(&self) -> String;

    /// The keymap section live on this screen.
    fn mode(&self) -> Mode;

    /// The actions worth a place in the hint bar.
    fn hints(&self) -> &'static [Action];

    /// Does what an action asks; `now` is the injected clock's time.
    fn update(&mut self, action: Action, now: NaiveDateTime) -> Vec<Effect>;

    /// A key no action claimed (typing modes type it).
    fn type_key(&mut self, _key: KeyEvent, _now: NaiveDateTime) -> Vec<Effect> {
        Vec::new()
    }

    /// Pasted text (one bracketed paste). By default typed key by key, every
    /// kind of line ending as Enter; the note editor takes it in one go.
    fn paste(&mut self, text: &str, now: NaiveDateTime) -> Vec<Effect> {
        let mut effects = Vec::new();
        for c in crate::domain::cell::normalise_newlines(text).chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            effects.extend(self.type_key(KeyEvent::new(code, KeyModifiers::NONE), now));
        }
        effects
    }

    /// Whether the screen wants this key as text even though the keymap
    /// binds it (Enter and the arrows in a long text field).
    fn wants_raw(&self, _key: &KeyEvent) -> bool {
        false
    }

    /// Going back (Esc, q): by default the screen closes.
    fn back(&mut self) -> Vec<Effect> {
        vec![Effect::Close]
    }

    /// Writes anything unsaved (the app is closing, locking, or leaving
    /// this screen for another); the effects are writes.
    fn save(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    /// The timer: `at` is the monotonic time now (autosave).
    fn tick(&mut self, _at: Instant) -> Vec<Effect> {
        Vec::new()
    }

    /// The time now, given just before every reload (a screen that shows
    /// whether a time has passed keeps it).
    fn set_now(&mut self, _now: NaiveDateTime) {}

    /// (Re)loads what the screen shows from `src`, keeping its selection.
    fn reload(&mut self, _src: &dyn Source, _today: NaiveDate) -> Result<(), String> {
        Ok(())
    }

    /// What to do once the screen is open and loaded (offer a draft back).
    fn opened(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    /// A write this screen asked for succeeded (`Ok`) or failed (`Err`):
    /// what follows. A failure with no effects is shown as it is.
    fn written(&mut self, _write: &Write, _result: Result<&Outcome, &WriteError>) -> Vec<Effect> {
        Vec::new()
    }

    /// A left click at (`x`, `y`).
    fn click(&mut self, _x: u16, _y: u16) -> Click {
        Click::Missed
    }

    /// Where the selection is (tab, row), to tell a second click on a row.
    fn selection(&self) -> Option<(usize, usize)> {
        None
    }

    /// The mouse wheel; true when the screen scrolled itself.
    fn wheel(&mut self, _down: bool) -> bool {
        false
    }

    /// The client whose record this screen is: (id, display name). Scopes
    /// new actions and searches, and tells whether a draft opens over it.
    fn client(&self) -> Option<(i64, String)> {
        None
    }

    /// The note this screen is on or has selected (paste packs use it).
    fn note(&self) -> Option<i64> {
        None
    }

    /// Names of people this screen holds (for the privacy sweep).
    fn people(&self) -> Vec<String> {
        Vec::new()
    }

    /// The colours (and privacy mode) changed.
    fn set_theme(&mut self, theme: Theme);
}

/// Drawing a screen through its `impl Widget for &Screen`.
pub trait Paint {
    /// Draws into `area` of `buf`.
    fn paint(&self, area: Rect, buf: &mut Buffer);
}

impl<T> Paint for T
where
    for<'a> &'a T: Widget,
{
    fn paint(&self, area: Rect, buf: &mut Buffer) {
        self.render(area, buf);
    }
}

/// The tabs of a client's record (`ui/client/`, a file each). Add a tab
/// here, with its file and its state in `ClientView`, to extend the
/// record. It lives here because opening a client names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Details, risk, legal episodes, what is next.
    #[default]
    Summary,
    /// Contact notes, newest first.
    Notes,
    /// The care plan, with earlier versions.
    Plan,
    /// Deadlines and actions.
    Deadlines,
    /// Family, carers, professionals.
    Network,
    /// Significant events in date order.
    Chronology,
}

impl Tab {
    /// Every tab, left to right.
    pub const ALL: [Tab; 6] = [
        Tab::Summary,
        Tab::Notes,
        Tab::Plan,
        Tab::Deadlines,
        Tab::Network,
        Tab::Chronology,
    ];

    /// The tab's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Tab::Summary => "Summary",
            Tab::Notes => "Notes",
            Tab::Plan => "Plan",
            Tab::Deadlines => "Deadlines",
            Tab::Network => "Network",
            Tab::Chronology => "Chronology",
        }
    }

    /// Its place along the bar, from 0.
    #[must_use]
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab `delta` steps along, wrapping.
    #[must_use]
    pub fn step(self, delta: isize) -> Tab {
        let n = Tab::ALL.len();
        let i = (self.index() as isize + delta).rem_euclid(n as isize);
        Tab::ALL[usize::try_from(i).unwrap_or(0)]
    }
}

/// A draft is written once it is dirty and this long has passed since the
/// last save; with the loop waking at least every 250 ms, nothing typed more
/// than ~1.3 s ago is ever unsaved. A form's typed text is kept on the same
/// interval.
pub const AUTOSAVE_AFTER: std::time::Duration = std::time::Duration::from_secs(1);
