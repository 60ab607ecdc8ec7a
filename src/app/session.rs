//! The locked/unlocked life of a TUI session. The lock screen comes first;
//! after unlocking, the app runs; on the lock key or after the idle time the
//! app saves its draft, the store closes (SQLCipher wipes its key) and the
//! lock screen is drawn instead of anything else. Unlocking reopens the file
//! and hands it back to the same app, so the practitioner returns to the
//! screen they left, draft and all. Privacy mode is the app's one piece of
//! state; the session only remembers the starting choice until the app
//! exists, and toggles it through the app.
//!
//! The app is reached through [`Lockable`], so this logic is tested without
//! the real screens, and the real `App` only has to implement the trait.

use crate::store::prelude::*;
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use secrecy::SecretString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::attempts::{self, Attempts, UnlockError};
use crate::idle::IdleTimer;
use crate::store::Store;
use crate::ui::lock::{LockOutcome, LockScreen};

/// Said once when the session opens with the agent's key.
pub const OPENED_BY_AGENT: &str =
    "Opened with `caseload unlock`'s key; locking here locks the command line too";

/// What a session needs from the app it locks.
pub trait Lockable {
    /// Draws the app's whole screen.
    fn draw(&self, frame: &mut Frame<'_>);
    /// Handles one terminal event.
    fn handle_event(&mut self, ev: &Event);
    /// The timer tick (autosave).
    fn tick(&mut self, now: Instant);
    /// Saves anything unsaved (the draft being written) before locking.
    fn save_all(&mut self);
    /// The app's store, to close on lock and replace on unlock.
    fn store_mut(&mut self) -> &mut Store;
    /// Whether the app has asked to leave.
    fn should_quit(&self) -> bool;
    /// Whether this key means "lock now" (looked up in every mode).
    fn is_lock_key(&self, key: &KeyEvent) -> bool;
    /// Whether this key toggles privacy mode (looked up in every mode).
    fn is_privacy_key(&self, key: &KeyEvent) -> bool;
    /// Turns privacy mode on or off (the app holds the one flag).
    fn set_privacy(&mut self, on: bool);
    /// Whether the app is in privacy mode (it may toggle it itself, e.g.
    /// from the command palette).
    fn privacy(&self) -> bool;
    /// Whether the app was asked to lock (e.g. from the palette); clears it.
    fn take_lock_request(&mut self) -> bool;
    /// Shows a one-off message in the status line.
    fn notify(&mut self, text: &str);
    /// A store was (re)opened under the app: it rebuilds what it derives
    /// from the whole store once (the privacy sweep's known names).
    fn store_opened(&mut self) {}
    /// Nothing is waiting: a moment for work done ahead (loading what the
    /// next key is likely to show). Called after a frame is drawn.
    fn idle(&mut self) {}
    /// A clipboard copy (an OSC 52 sequence) to write to the terminal, taken once.
    fn take_clipboard(&mut self) -> Option<String> {
        None
    }
}

/// Builds the app once the database is first opened.
pub type MakeApp<A> = Box<dyn FnMut(Store) -> A>;

/// Prepares every freshly opened store (e.g. gives it the rule packs).
pub type StoreSetup = Box<dyn Fn(&mut Store)>;

/// A TUI session: the app (once unlocked) and the lock screen (while locked).
pub struct Session<A: Lockable> {
    /// The database the lock screen reopens; `None` for a session that
    /// cannot lock (the demo, whose key is random and never shown).
    db: Option<PathBuf>,
    app: Option<A>,
    lock: Option<LockScreen>,
    /// Wrong passphrases counted beside the database (none for the demo).
    attempts: Option<Attempts>,
    make_app: Option<MakeApp<A>>,
    setup_store: Option<StoreSetup>,
    idle: IdleTimer,
    /// Privacy mode to start the app in (the app holds the flag after).
    start_private: bool,
    quit: bool,
}

impl<A: Lockable> Session<A> {
    /// A session that starts on the lock screen for `db`; `idle_limit` is
    /// `None` for no idle lock; `privacy` starts privacy mode.
    pub fn new(
        db: &Path,
        idle_limit: Option<Duration>,
        privacy: bool,
        make_app: MakeApp<A>,
        now: Instant,
    ) -> Session<A> {
        Session {
            db: Some(db.to_path_buf()),
            app: None,
            lock: Some(LockScreen::new(!Store::exists(db))),
            attempts: Some(Attempts::beside(db)),
            make_app: Some(make_app),
            setup_store: None,
            idle: IdleTimer::new(idle_limit, now),
            start_private: privacy,
            quit: false,
        }
    }

    /// A session already open on `app` that cannot lock (the demo):
    /// privacy mode works, the lock key only says why it does nothing.
    pub fn without_lock(mut app: A, privacy: bool, now: Instant) -> Session<A> {
        app.set_privacy(privacy);
        Session {
            db: None,
            app: Some(app),
            lock: None,
            attempts: None,
            make_app: None,
            setup_store: None,
            idle: IdleTimer::new(None, now),
            start_private: privacy,
            quit: false,
        }
    }

    /// Runs `setup` on every store this session opens, first and after
    /// each unlock.
    #[must_use]
    pub fn with_store_setup(mut self, setup: StoreSetup) -> Session<A> {
        self.setup_store = Some(setup);
        self
    }

    /// Opens the app at once on `store`, opened with a key derived earlier
    /// (the agent's, after `caseload unlock`), as if the passphrase had just
    /// been typed. Only a session on its lock screen for a database opens;
    /// the demo and an open session are left as they are.
    pub fn open_unlocked(&mut self, store: Store, now: Instant) {
        if self.lock.is_some() && self.db.is_some() {
            self.unlocked(store, Some(OPENED_BY_AGENT), now);
        }
    }

    /// Whether the lock screen is showing.
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// Whether privacy mode is on.
    #[must_use]
    pub fn privacy(&self) -> bool {
        self.app
            .as_ref()
            .map_or(self.start_private, Lockable::privacy)
    }

    /// Whether the session should end.
    #[must_use]
    pub fn should_quit(&self) -> bool {
        self.quit || self.app.as_ref().is_some_and(Lockable::should_quit)
    }

    /// A clipboard copy the app asked for, while unlocked (taken once).
    pub fn take_clipboard(&mut self) -> Option<String> {
        if self.is_locked() {
            return None;
        }
        self.app.as_mut().and_then(Lockable::take_clipboard)
    }

    /// The app, once unlocked at least once (tests).
    pub fn app_mut(&mut self) -> Option<&mut A> {
        self.app.as_mut()
    }

    /// How long the event loop may sleep before the idle lock is due.
    #[must_use]
    pub fn idle_remaining(&self, now: Instant) -> Option<Duration> {
        if self.is_locked() {
            None
        } else {
            self.idle.remaining(now)
        }
    }

    /// Handles one terminal event at `now` (`unix` seconds for the attempt limit).
    pub fn handle_event(&mut self, ev: &Event, now: Instant, unix: u64) {
        if let Some(lock) = &mut self.lock {
            if let Event::Paste(text) = ev {
                lock.paste(text);
            }
            if let Event::Key(k) = ev
                && k.kind != KeyEventKind::Release
            {
                match lock.handle_key(*k) {
                    LockOutcome::Stay => {}
                    LockOutcome::Quit => self.quit = true,
                    LockOutcome::Typed {
                        passphrase,
                        warning,
                    } => self.try_open(&passphrase, warning, now, unix),
                }
            }
            return;
        }
        self.idle.touch(now);
        let Some(app) = &mut self.app else { return };
        if let Event::Key(k) = ev
            && k.kind != KeyEventKind::Release
        {
            if app.is_lock_key(k) {
                self.lock_now();
                return;
            }
            if app.is_privacy_key(k) {
                let on = !app.privacy();
                app.set_privacy(on);
                app.notify(if on {
                    "Privacy mode on: initials, masked record numbers, note text hidden"
                } else {
                    "Privacy mode off"
                });
                return;
            }
        }
        app.handle_event(ev);
        if app.take_lock_request() {
            self.lock_now();
        }
    }

    /// The timer: the app's autosave, then the idle lock.
    pub fn tick(&mut self, now: Instant) {
        if self.is_locked() {
            return;
        }
        if let Some(app) = &mut self.app {
            app.tick(now);
        }
        if self.idle.expired(now) {
            self.lock_now();
        }
    }

    /// No key is waiting and the frame is drawn: the app may work ahead
    /// (never while locked).
    pub fn idle(&mut self) {
        if !self.is_locked()
            && let Some(app) = &mut self.app
        {
            app.idle();
        }
    }

    /// Locks: the draft is saved, the store closed (and with it the key),
    /// and the lock screen shown.
    pub fn lock_now(&mut self) {
        let Some(db) = self.db.clone() else {
            if let Some(app) = &mut self.app {
                app.notify("The demo caseload cannot be locked: it is thrown away when you leave");
            }
            return;
        };
        if let Some(app) = &mut self.app {
            app.save_all();
            if let Err(e) = app.store_mut().close() {
                tracing::warn!(error = %e, "closing the store on lock failed");
            }
        }
        // Locking the screen locks the command line too (`caseload unlock`).
        crate::agent::on_tui_lock(&db);
        self.lock = Some(LockScreen::new(!Store::exists(&db)));
        self.attempts = Some(Attempts::beside(&db));
        tracing::info!("locked");
    }

    /// Saves and closes before the program ends.
    pub fn shutdown(&mut self) {
        if !self.is_locked()
            && let Some(app) = &mut self.app
        {
            app.save_all();
        }
    }

    /// Opens the database with what the lock screen returned, counting a
    /// wrong passphrase (and waiting after too many); a refusal goes back to
    /// the lock screen. The passphrase is dropped once tried: the TUI needs
    /// no key after opening.
    fn try_open(
        &mut self,
        passphrase: &SecretString,
        warning: Option<&'static str>,
        now: Instant,
        unix: u64,
    ) {
        let (Some(db), Some(attempts)) = (&self.db, &mut self.attempts) else {
            return;
        };
        match attempts::open_guarded(db, passphrase, attempts, unix) {
            Ok(store) => self.unlocked(store, warning, now),
            Err(e @ (UnlockError::Wrong | UnlockError::Wait(_))) => self.refused(&e.to_string()),
            Err(UnlockError::Store(e)) => self.refused(&e.to_string()),
        }
    }

    fn refused(&mut self, why: &str) {
        if let Some(lock) = &mut self.lock {
            lock.refused(why);
        }
    }

    fn unlocked(&mut self, mut store: Store, warning: Option<&'static str>, now: Instant) {
        if let Some(setup) = &self.setup_store {
            setup(&mut store);
        }
        match &mut self.app {
            Some(app) => {
                *app.store_mut() = store;
                app.store_opened();
            }
            None => {
                // Only a lockable session (which has a maker) ever unlocks.
                let Some(make) = self.make_app.as_mut() else {
                    return;
                };
                let mut app = make(store);
                app.set_privacy(self.start_private);
                self.app = Some(app);
            }
        }
        self.lock = None;
        self.idle.touch(now);
        if let (Some(w), Some(app)) = (warning, &mut self.app) {
            app.notify(w);
        }
        tracing::info!("unlocked");
    }

    /// Draws the lock screen, or the app (which sweeps its own frame in
    /// privacy mode).
    pub fn draw(&self, frame: &mut Frame<'_>) {
        match (&self.lock, &self.app) {
            (Some(lock), _) => frame.render_widget(lock, frame.area()),
            (None, Some(app)) => app.draw(frame),
            (None, None) => {}
        }
    }
}

#[cfg(test)]
mod tests;
