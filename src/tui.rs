//! The terminal: set up (alternate screen always, raw mode, mouse), the
//! event loop, and restoring the terminal on exit, on error and on panic.

use std::io::stdout;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::app::App;
use crate::keymap::Keymap;
use crate::store::Store;
use crate::ui::theme::Theme;

/// How long the loop waits for input before checking the autosave timer.
pub const POLL: Duration = Duration::from_millis(250);

/// Runs the terminal UI over an open store until the user leaves.
pub fn run(store: Store) -> anyhow::Result<()> {
    let (keymap, warning) = Keymap::load_user();
    let mut app = App::new(
        store,
        Box::new(crate::clock::now),
        keymap,
        Theme::from_env(),
    );
    if let Some(w) = warning {
        app.error(w);
    }
    let mut terminal = ratatui::init();
    // A paste arrives as one event, so its newlines cannot submit a form.
    let _ = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    let result = event_loop(&mut terminal, &mut app);
    app.shutdown();
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    while !app.should_quit {
        terminal.draw(|f| crate::ui::draw(f, app))?;
        if event::poll(POLL)? {
            // Read every pending event before drawing again.
            loop {
                let ev = event::read()?;
                app.handle_event(&ev);
                if app.should_quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        app.tick_at(Instant::now());
    }
    Ok(())
}
