//! The lock screen: shown at start and after the idle lock. It draws nothing
//! about any client, takes the passphrase as masked input (held in a
//! zeroizing buffer) and returns what was typed; the session
//! (`crate::app::session`) opens the database, counting and delaying wrong
//! attempts, and hands a refusal back to be shown. On the first start (no
//! database yet) it asks for a new passphrase twice and checks the policy.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use secrecy::SecretString;
use zeroize::Zeroizing;

use crate::passphrase::{self, Strength};

/// The mask character drawn for each typed character.
pub const MASK_CHAR: char = '•';

/// The most mask characters drawn (a longer passphrase draws no wider).
const MAX_MASK: usize = 30;

/// What the lock screen is asking for.
#[derive(Debug)]
enum Stage {
    /// The passphrase of an existing database.
    Unlock,
    /// A new passphrase (first start), the first time.
    New,
    /// The new passphrase again, to confirm.
    Repeat(Zeroizing<String>),
}

/// What a key press on the lock screen led to.
#[derive(Debug)]
pub enum LockOutcome {
    /// Still locked (typing, or an error shown).
    Stay,
    /// A passphrase was typed (twice and within the policy, for a new
    /// database): the session tries it and calls [`LockScreen::refused`]
    /// when it does not open.
    Typed {
        /// What was typed.
        passphrase: SecretString,
        /// A warning to show once it opens (a short new passphrase).
        warning: Option<&'static str>,
    },
    /// The practitioner asked to leave.
    Quit,
}

/// The lock screen's state.
#[derive(Debug)]
pub struct LockScreen {
    input: Zeroizing<String>,
    stage: Stage,
    message: Option<String>,
    /// The passphrase handed to the session was a new one (a refusal
    /// starts the new passphrase again).
    submitted_new: bool,
}

impl LockScreen {
    /// A lock screen that asks for a new passphrase twice when `creating`
    /// (there is no database yet), else for the passphrase.
    #[must_use]
    pub fn new(creating: bool) -> LockScreen {
        let stage = if creating { Stage::New } else { Stage::Unlock };
        LockScreen {
            input: Zeroizing::new(String::new()),
            stage,
            message: None,
            submitted_new: false,
        }
    }

    /// The typed passphrase did not open the database: `why` is shown
    /// under the input (a new passphrase is asked for again from the start).
    pub fn refused(&mut self, why: &str) {
        self.message = Some(capitalise(why));
        if std::mem::take(&mut self.submitted_new) {
            self.stage = Stage::New;
        }
    }

    /// Whether this screen is creating a new database.
    #[must_use]
    pub fn is_creating(&self) -> bool {
        !matches!(self.stage, Stage::Unlock)
    }

    /// The message shown under the input (error or wait), if any.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Handles one key.
    pub fn handle_key(&mut self, key: KeyEvent) -> LockOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c' | 'q') if ctrl => return LockOutcome::Quit,
            KeyCode::Enter => return self.submit(),
            KeyCode::Esc => {
                self.input.clear();
                if matches!(self.stage, Stage::Repeat(_)) {
                    self.stage = Stage::New;
                }
                self.message = None;
            }
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Char('u') if ctrl => self.input.clear(),
            KeyCode::Char(c) if !ctrl => self.input.push(c),
            _ => {}
        }
        LockOutcome::Stay
    }

    /// Takes pasted text (a password manager's paste) into the input;
    /// line breaks are dropped, never taken as Enter.
    pub fn paste(&mut self, text: &str) {
        self.input.extend(text.chars().filter(|c| !c.is_control()));
    }

    fn take_input(&mut self) -> Zeroizing<String> {
        std::mem::replace(&mut self.input, Zeroizing::new(String::new()))
    }

    fn submit(&mut self) -> LockOutcome {
        let typed = self.take_input();
        match std::mem::replace(&mut self.stage, Stage::Unlock) {
            Stage::Unlock => {
                self.submitted_new = false;
                self.typed(&typed, None)
            }
            Stage::New => {
                match passphrase::check_new(&SecretString::from(typed.as_str())) {
                    Ok(_) => {
                        self.message = None;
                        self.stage = Stage::Repeat(typed);
                    }
                    Err(e) => {
                        self.message = Some(e.to_string());
                        self.stage = Stage::New;
                    }
                }
                LockOutcome::Stay
            }
            Stage::Repeat(first) => {
                if *first != *typed {
                    self.message = Some(passphrase::PassphraseError::Mismatch.to_string());
                    self.stage = Stage::New;
                    return LockOutcome::Stay;
                }
                let short = passphrase::check_new(&SecretString::from(typed.as_str()))
                    .is_ok_and(|s| s == Strength::Short);
                let warning = short.then_some(passphrase::policy::SHORT_WARNING);
                let out = self.typed(&typed, warning);
                if matches!(out, LockOutcome::Typed { .. }) {
                    self.submitted_new = true;
                } else {
                    self.stage = Stage::New;
                }
                out
            }
        }
    }

    fn typed(&mut self, typed: &str, warning: Option<&'static str>) -> LockOutcome {
        if typed.is_empty() {
            self.message = Some("type the passphrase, then Enter".into());
            return LockOutcome::Stay;
        }
        self.message = None;
        LockOutcome::Typed {
            passphrase: SecretString::from(typed),
            warning,
        }
    }

    fn prompt(&self) -> &'static str {
        match self.stage {
            Stage::Unlock => "Passphrase:",
            Stage::New => "New passphrase (at least 12 characters):",
            Stage::Repeat(_) => "Repeat the new passphrase:",
        }
    }

    fn title(&self) -> &'static str {
        if self.is_creating() {
            " caseload: create your encrypted caseload "
        } else {
            " caseload is locked "
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Widget for &LockScreen {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Nothing behind the lock screen may show through.
        Clear.render(area, buf);
        let [v] = Layout::vertical([Constraint::Length(9.min(area.height))])
            .flex(Flex::Center)
            .areas(area);
        let [r] = Layout::horizontal([Constraint::Length(64.min(area.width))])
            .flex(Flex::Center)
            .areas(v);
        let mask: String =
            std::iter::repeat_n(MASK_CHAR, self.input.chars().count().min(MAX_MASK)).collect();
        let err = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
        let lines = vec![
            Line::raw(""),
            Line::raw(self.prompt()),
            Line::styled(
                format!("> {mask}_"),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Line::raw(""),
            Line::styled(self.message.clone().unwrap_or_default(), err),
            Line::raw(""),
            Line::styled(
                "Enter unlock · Esc clear · Ctrl-Q quit",
                Style::new().add_modifier(Modifier::DIM),
            ),
        ];
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(Block::bordered().title(self.title()))
            .render(r, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;
    use secrecy::ExposeSecret;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn type_in(s: &mut LockScreen, text: &str) -> LockOutcome {
        for c in text.chars() {
            s.handle_key(key(KeyCode::Char(c)));
        }
        s.handle_key(key(KeyCode::Enter))
    }

    fn drawn(s: &LockScreen) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
        s.render(buf.area, &mut buf);
        let mut out = String::new();
        for y in 0..24 {
            for x in 0..80 {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn first_start_asks_twice_checks_policy_and_returns_the_passphrase() {
        let mut s = LockScreen::new(true);
        assert!(s.is_creating());
        assert!(matches!(type_in(&mut s, "short"), LockOutcome::Stay));
        assert!(s.message().unwrap().contains("too short"));
        type_in(&mut s, "blue kettle river");
        assert!(drawn(&s).contains("Repeat the new passphrase"));
        assert!(matches!(
            type_in(&mut s, "blue kettle rivet"),
            LockOutcome::Stay
        ));
        assert!(s.message().unwrap().contains("did not match"));
        type_in(&mut s, "blue kettle river");
        match type_in(&mut s, "blue kettle river") {
            LockOutcome::Typed {
                passphrase,
                warning,
            } => {
                assert_eq!(passphrase.expose_secret(), "blue kettle river");
                assert!(warning.is_none());
            }
            other => panic!("not typed: {other:?}"),
        }
        // Refused (the file could not be made): the new passphrase again.
        s.refused("could not create it");
        assert_eq!(s.message(), Some("Could not create it"));
        assert!(drawn(&s).contains("New passphrase"));
    }

    #[test]
    fn typing_is_masked_a_refusal_is_shown_and_ctrl_q_quits() {
        let mut s = LockScreen::new(false);
        assert!(!s.is_creating());
        for c in "secret words".chars() {
            s.handle_key(key(KeyCode::Char(c)));
        }
        let screen = drawn(&s);
        assert!(!screen.contains("secret"), "{screen}");
        assert!(
            screen.contains(&MASK_CHAR.to_string().repeat(12)),
            "{screen}"
        );
        assert!(matches!(
            s.handle_key(key(KeyCode::Enter)),
            LockOutcome::Typed { .. }
        ));
        s.refused("wrong passphrase");
        assert!(s.message().unwrap().starts_with("Wrong passphrase"));
        assert!(drawn(&s).contains("Wrong passphrase"));
        assert!(drawn(&s).contains("Passphrase:"));
        assert!(matches!(
            s.handle_key(key(KeyCode::Enter)),
            LockOutcome::Stay
        ));
        let ctrl_q = KeyEvent {
            kind: KeyEventKind::Press,
            ..KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL)
        };
        assert!(matches!(s.handle_key(ctrl_q), LockOutcome::Quit));
    }
}
