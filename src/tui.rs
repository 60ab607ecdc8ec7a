//! The terminal: set up (alternate screen always, raw mode, mouse), the
//! event loop, and restoring the terminal on exit, on error, on SIGTERM /
//! SIGHUP and on panic. The loop drives a [`Session`]: the lock screen
//! first, then the app, with the idle lock and privacy mode around it.
//!
//! Nothing of a client may stay in the terminal afterwards. Everything is
//! drawn on the alternate screen, which has no scrollback, but a terminal
//! resized while it was shown may carry part of it back into the main
//! screen's scrollback when it is left (tmux 3.3 kept twelve lines of Today
//! after 80×24 → 120×40). So the screen is erased before it is left, on
//! every way out ([`restore_terminal`]): `q`, an error, SIGTERM / SIGHUP
//! (the loop stops, drafts are saved, then the terminal is restored) and a
//! panic (the hook restores it and prints no part of the panic).

use crate::store::prelude::*;
use std::io::stdout;
use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::{MoveTo, Show};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, LeaveAlternateScreen, disable_raw_mode};

use crate::app::App;
use crate::app::session::Session;
use crate::attempts::unix_now;
use crate::config::Config;
use crate::keymap::Keymap;
use crate::rules::RuleSet;
use crate::store::Store;
use crate::ui::theme::Theme;

/// How long the loop waits for input before checking the autosave timer.
pub const POLL: Duration = Duration::from_millis(250);

fn make_app(store: Store) -> App {
    let (keymap, keymap_warning) = Keymap::load_user();
    let mut app = App::new(
        store,
        Box::new(crate::clock::now),
        keymap,
        Theme::from_env(),
    );
    if let Some(w) = keymap_warning {
        app.error(w);
    }
    app
}

/// Runs the terminal UI on the database at `db`: the passphrase is typed on
/// the lock screen (a new one, twice, when there is no database yet), unless
/// `caseload unlock` left an agent whose key opens it.
pub fn run_locked(db: &Path, config: &Config, rules: RuleSet) -> anyhow::Result<()> {
    let late = config.late_entry_rule();
    let mut session = Session::new(
        db,
        config.idle_lock(),
        config.privacy_mode,
        Box::new(make_app),
        Instant::now(),
    )
    .with_store_setup(Box::new(move |store| {
        store.use_rules(rules.clone());
        store.use_late_entry_rule(late);
    }));
    if let Some(store) = opened_by_agent(db) {
        session.open_unlocked(store, Instant::now());
    }
    run_session(session)
}

/// The database opened with the agent's key, when `caseload unlock` left one
/// that opens it; any failure leaves the lock screen to ask (and to say what
/// is wrong).
fn opened_by_agent(db: &Path) -> Option<Store> {
    if !Store::exists(db) {
        return None;
    }
    match crate::agent::open_with_agent_key(db) {
        Ok(opened) => opened.map(|(store, _key)| store),
        Err(e) => {
            tracing::warn!(error = %e, "the agent's key did not open the database");
            None
        }
    }
}

/// Runs the terminal UI over an open store that cannot lock (the demo).
pub fn run(store: Store) -> anyhow::Result<()> {
    let privacy = Config::load().map(|c| c.privacy_mode).unwrap_or(false);
    let session = Session::without_lock(make_app(store), privacy, Instant::now());
    run_session(session)
}

/// Puts the terminal back as it was before the TUI: mouse and paste modes
/// off, the alternate screen erased (so a terminal resized meanwhile keeps
/// none of it) and left, raw mode off, the cursor shown. Safe to call more
/// than once, and from the panic hook.
pub fn restore_terminal() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        MoveTo(0, 0),
        Clear(ClearType::FromCursorDown),
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

fn run_session(mut session: Session<App>) -> anyhow::Result<()> {
    crate::platform::signals::catch_termination();
    let mut terminal = ratatui::init();
    // A paste arrives as one event, so its newlines cannot submit a form.
    let _ = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    let result = event_loop(&mut terminal, &mut session);
    // Drafts first (a signal stops the loop as `q` does), then the screen.
    session.shutdown();
    restore_terminal();
    result
}

/// Whether the loop should end: the session quit, or SIGTERM / SIGHUP came.
fn ending(session: &Session<App>) -> bool {
    session.should_quit() || crate::platform::signals::termination_asked()
}

fn event_loop(terminal: &mut DefaultTerminal, session: &mut Session<App>) -> anyhow::Result<()> {
    while !ending(session) {
        terminal.draw(|f| session.draw(f))?;
        // A copy to the clipboard goes to the terminal as OSC 52, after the
        // frame so it never lands in the middle of one.
        if let Some(seq) = session.take_clipboard() {
            use std::io::Write;
            let out = terminal.backend_mut();
            out.write_all(seq.as_bytes())?;
            out.flush()?;
        }
        // Work ahead (once: the Caseload rows) only when no key waits, so
        // neither the frame nor a key is held up by it.
        if !event::poll(Duration::ZERO)? {
            session.idle();
        }
        let wait = session
            .idle_remaining(Instant::now())
            .map_or(POLL, |r| r.clamp(Duration::from_millis(10), POLL));
        if event::poll(wait)? {
            // Read every pending event before drawing again.
            loop {
                let ev = event::read()?;
                #[cfg(debug_assertions)]
                test_panic(&ev);
                session.handle_event(&ev, Instant::now(), unix_now());
                if ending(session) || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        session.tick(Instant::now());
    }
    Ok(())
}

/// Debug builds only, for the test that a panic leaves a clean terminal
/// (`tests/terminal_clean.rs`): F12 panics with the text of
/// `CASELOAD_TEST_PANIC` when that is set. Release builds have no such key.
#[cfg(debug_assertions)]
#[allow(
    clippy::panic,
    reason = "a debug-build fault injection for the panic-hook test; not in release builds"
)]
fn test_panic(ev: &event::Event) {
    use event::{Event, KeyCode};
    if let Event::Key(k) = ev
        && k.code == KeyCode::F(12)
        && let Some(payload) = std::env::var_os("CASELOAD_TEST_PANIC")
    {
        std::panic::panic_any(payload.to_string_lossy().into_owned());
    }
}
