//! The note editor: a header (when, kind, where, who was present,
//! significant) and the body. The draft is written to the database by the
//! app's autosave (within 2 s of the last keystroke, and on every focus
//! change), so nothing typed is lost to a crash or a closed terminal.

mod keys;
mod kinds;
mod seal;
pub mod view;

use std::time::Instant;

use chrono::NaiveDateTime;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::dates;
use crate::domain::note_outcome::outcome_required;
use crate::domain::text::{one_line, sanitize};
use crate::domain::{NewNote, Note, NoteKind, NoteOutcome};
use crate::privacy::Kind;
use crate::ui::input::Input;
use crate::ui::theme::Theme;
use crate::ui::widgets::{take_left, take_top};
use kinds::{kind_for_key, kind_key, kind_keys};

/// How long a dirty draft waits before it is written (shared with the
/// forms' kept text, so it lives beside the `Screen` trait).
pub use crate::ui::screen::AUTOSAVE_AFTER;

/// Which part of the editor has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// When it happened.
    When,
    /// Kind of contact.
    Kind,
    /// What came of it.
    Outcome,
    /// Where.
    Where,
    /// Who was present.
    Present,
    /// Significant (chronology) flag.
    Significant,
    /// The note text.
    Body,
}

impl Focus {
    const ORDER: [Focus; 7] = [
        Focus::When,
        Focus::Kind,
        Focus::Outcome,
        Focus::Where,
        Focus::Present,
        Focus::Significant,
        Focus::Body,
    ];

    fn step(self, delta: isize) -> Focus {
        let i = Focus::ORDER.iter().position(|f| *f == self).unwrap_or(0) as isize;
        let n = Focus::ORDER.len() as isize;
        Focus::ORDER[usize::try_from((i + delta).rem_euclid(n)).unwrap_or(0)]
    }
}

/// A note being written.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    /// The draft's id once first saved.
    pub note_id: Option<i64>,
    /// Whose note.
    pub client_id: i64,
    /// The client's name, for the title.
    pub client_name: String,
    /// When it happened, as typed.
    pub when: Input,
    /// The last date-time the "when" text resolved to.
    pub occurred_at: NaiveDateTime,
    /// Why "when" does not parse, if it does not.
    pub when_error: Option<String>,
    /// Kind of contact, once chosen (a new note has none: never guessed).
    pub kind: Option<NoteKind>,
    /// What came of it, once chosen (never guessed).
    pub outcome: Option<NoteOutcome>,
    /// Where.
    pub location: Input,
    /// Who was present.
    pub present: Input,
    /// Goes into the chronology.
    pub significant: bool,
    /// The note text.
    pub body: Input,
    /// Which part has the keyboard.
    pub focus: Focus,
    /// Changed since the last save.
    pub dirty: bool,
    /// When the draft was last written (monotonic clock).
    pub last_save: Instant,
    /// Wall-clock time of the last successful save, for the title.
    pub saved_at: Option<NaiveDateTime>,
    /// Finalising was asked for and waits for the draft to be saved.
    pub(super) finalising: bool,
    /// Discarding was asked about and waits for the answer.
    pub(super) discard_asked: bool,
    /// The colours.
    pub theme: Theme,
}

impl NoteEditor {
    /// A new note for a client, happening now.
    #[must_use]
    pub fn new(
        client_id: i64,
        client_name: &str,
        now: NaiveDateTime,
        at: Instant,
        theme: Theme,
    ) -> NoteEditor {
        let mut e = NoteEditor {
            note_id: None,
            client_id,
            client_name: client_name.to_string(),
            when: Input::new(&crate::dates::display::date_time(now), false, theme),
            occurred_at: now,
            when_error: None,
            kind: None,
            outcome: None,
            location: Input::new("", false, theme),
            present: Input::new("", false, theme),
            significant: false,
            body: Input::new("", true, theme),
            focus: Focus::Body,
            dirty: false,
            last_save: at,
            saved_at: None,
            finalising: false,
            discard_asked: false,
            theme,
        };
        e.body.set_focus(true);
        e
    }

    /// Reopens a stored draft.
    #[must_use]
    pub fn resume(note: &Note, client_name: &str, at: Instant, theme: Theme) -> NoteEditor {
        let mut e = NoteEditor {
            note_id: Some(note.id),
            client_id: note.client_id,
            client_name: client_name.to_string(),
            when: Input::new(
                &crate::dates::display::date_time(note.occurred_at),
                false,
                theme,
            ),
            occurred_at: note.occurred_at,
            when_error: None,
            kind: note.kind,
            outcome: note.outcome,
            location: Input::new(
                &one_line(note.location.as_deref().unwrap_or("")),
                false,
                theme,
            ),
            present: Input::new(
                &one_line(note.present.as_deref().unwrap_or("")),
                false,
                theme,
            ),
            significant: note.significant,
            body: Input::new(&sanitize(&note.body), true, theme),
            focus: Focus::Body,
            dirty: false,
            last_save: at,
            saved_at: Some(note.written_at),
            finalising: false,
            discard_asked: false,
            theme,
        };
        e.body.set_focus(true);
        e
    }

    /// The note as it stands, for saving. An unparsable "when" keeps the last
    /// good value so the text is still saved.
    #[must_use]
    pub fn to_new_note(&self) -> NewNote {
        NewNote {
            client_id: self.client_id,
            kind: self.kind,
            occurred_at: self.occurred_at,
            location: Some(self.location.text()),
            present: Some(self.present.text()),
            body: self.body.text(),
            significant: self.significant,
            outcome: self.outcome,
        }
    }

    /// Whether there is anything worth keeping.
    #[must_use]
    pub fn has_content(&self) -> bool {
        self.note_id.is_some()
            || !self.body.is_blank()
            || !self.location.is_blank()
            || !self.present.is_blank()
    }

    /// Moves focus; the caller saves on focus change.
    pub fn move_focus(&mut self, delta: isize) {
        if let Some(i) = self.input_mut() {
            i.set_focus(false);
        }
        self.focus = self.focus.step(delta);
        if let Some(i) = self.input_mut() {
            i.set_focus(true);
        }
    }

    /// Gives the keyboard to one field.
    pub fn focus_on(&mut self, field: Focus) {
        if let Some(i) = self.input_mut() {
            i.set_focus(false);
        }
        self.focus = field;
        if let Some(i) = self.input_mut() {
            i.set_focus(true);
        }
    }

    fn input_mut(&mut self) -> Option<&mut Input> {
        match self.focus {
            Focus::When => Some(&mut self.when),
            Focus::Where => Some(&mut self.location),
            Focus::Present => Some(&mut self.present),
            Focus::Body => Some(&mut self.body),
            Focus::Kind | Focus::Outcome | Focus::Significant => None,
        }
    }

    /// Types a key into the focused part; marks the draft dirty on change.
    pub fn key(&mut self, key: KeyEvent, now: NaiveDateTime) {
        let changed = match self.focus {
            Focus::Kind => {
                let all = NoteKind::ALL;
                let at = self.kind.and_then(|k| all.iter().position(|a| *a == k));
                let n = all.len();
                // From "(choose)", → starts at the first kind and ← at the last.
                let next = match key.code {
                    KeyCode::Right | KeyCode::Char(' ') => {
                        all.get(at.map_or(0, |i| (i + 1) % n)).copied()
                    }
                    KeyCode::Left => all.get(at.map_or(n - 1, |i| (i + n - 1) % n)).copied(),
                    // Each kind has its own key: `h` is always Home visit,
                    // never Hospital because of where the picker stood.
                    KeyCode::Char(c) => kind_for_key(c.to_ascii_lowercase()),
                    _ => None,
                };
                match next {
                    Some(k) if Some(k) != self.kind => {
                        self.kind = Some(k);
                        // An outcome that cannot go with the new kind is
                        // unchosen again, never changed into another.
                        if self.outcome.is_some_and(|o| o.problem_with(k).is_some()) {
                            self.outcome = None;
                        }
                        true
                    }
                    _ => false,
                }
            }
            Focus::Outcome => match outcome_key(key.code, self.outcome, self.kind) {
                Some(o) if Some(o) != self.outcome => {
                    self.outcome = Some(o);
                    true
                }
                _ => false,
            },
            Focus::Significant => {
                if matches!(
                    key.code,
                    KeyCode::Char(' ' | 'y' | 'n' | 'x') | KeyCode::Left | KeyCode::Right
                ) {
                    self.significant = match key.code {
                        KeyCode::Char('y') => true,
                        KeyCode::Char('n') => false,
                        _ => !self.significant,
                    };
                    true
                } else {
                    false
                }
            }
            _ => self.input_mut().is_some_and(|i| i.key(key)),
        };
        if changed {
            self.changed(now);
        }
    }

    /// Pastes text into the focused field in one go; `Err` says why it was
    /// refused (too long), nothing changed.
    pub fn paste(&mut self, text: &str, now: NaiveDateTime) -> Result<(), String> {
        let max = if self.focus == Focus::Body {
            crate::domain::validate::MAX_LONG
        } else {
            crate::domain::validate::MAX_SHORT
        };
        let Some(input) = self.input_mut() else {
            return Ok(());
        };
        if input.paste(text, max)? {
            self.changed(now);
        }
        Ok(())
    }

    /// After the text changed: unsaved, and the time re-read when it was the time.
    fn changed(&mut self, now: NaiveDateTime) {
        {
            self.dirty = true;
            if self.focus == Focus::When {
                match dates::parse_datetime_for(&self.when.text(), now, dates::Tense::Past) {
                    Ok(t) if crate::domain::note::contact_time_problem(t, now).is_some() => {
                        self.when_error =
                            crate::domain::note::contact_time_problem(t, now).map(Into::into);
                    }
                    Ok(t) => {
                        self.occurred_at = t;
                        self.when_error = None;
                    }
                    Err(e) => self.when_error = Some(e),
                }
            }
        }
    }
}

impl Widget for &NoteEditor {
    /// Draws the editor.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let theme = self.theme;
        let saved = match (self.dirty, self.saved_at) {
            (true, _) => Span::styled(" unsaved changes ", theme.warn()),
            (false, Some(t)) => Span::styled(
                format!(
                    " draft saved {} {} ",
                    crate::dates::display::short_day(t.date()),
                    t.format("%H:%M:%S")
                ),
                theme.good(),
            ),
            (false, None) => Span::styled(" new note ", theme.dim()),
        };
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(
                format!(
                    " Note · {} ",
                    crate::privacy::shown(Kind::Name, &self.client_name, theme.privacy())
                ),
                theme.heading(),
            ))
            .title(saved);
        let inner = block.inner(area);
        Widget::render(block, area, frame);
        let (w, rest) = take_top(inner, 1);
        let (k, rest) = take_top(rest, 1);
        let (o, rest) = take_top(rest, 1);
        let (l, rest) = take_top(rest, 1);
        let (p, rest) = take_top(rest, 1);
        let (s, rest) = take_top(rest, 1);
        let (sep, body) = take_top(rest, 1);
        let label = |f: Focus, text: &str| {
            let style = if self.focus == f {
                theme.focus()
            } else {
                theme.dim()
            };
            Span::styled(format!("{text:<12}"), style)
        };
        let row = |frame: &mut Buffer, area: Rect, f: Focus, text: &str| -> Rect {
            let (l, rest) = take_left(area, 13);
            Widget::render(Paragraph::new(label(f, text)), l, frame);
            rest
        };
        let rest = row(frame, w, Focus::When, "When");
        let (input, msg) = take_left(rest, 20);
        self.when.draw(frame, input);
        let resolved = match &self.when_error {
            Some(e) => Span::styled(format!(" {e}"), theme.danger()),
            None => Span::styled(
                format!(" → {}", dates::show_dt(self.occurred_at)),
                theme.good(),
            ),
        };
        Widget::render(Paragraph::new(resolved), msg, frame);
        let rest = row(frame, k, Focus::Kind, "Kind");
        Widget::render(
            Paragraph::new(Line::from(vec![
                match self.kind {
                    Some(kind) => Span::styled(
                        format!("‹ {} ({}) ›", kind.label(), kind_key(kind)),
                        theme.text(),
                    ),
                    None => Span::styled("‹ (choose) ›", theme.warn()),
                },
                Span::styled(format!("  ←/→ or {}", kind_keys()), theme.dim()),
            ])),
            rest,
            frame,
        );
        let rest = row(frame, o, Focus::Outcome, "Outcome");
        let needed = self.kind.is_some_and(outcome_required);
        let shown = match self.outcome {
            Some(out) => Span::styled(format!("‹ {} ›", out.label()), theme.text()),
            None if needed => Span::styled("‹ (choose) ›", theme.warn()),
            None => Span::styled("not needed", theme.dim()),
        };
        Widget::render(
            Paragraph::new(Line::from(vec![
                shown,
                Span::styled("  1 seen 2 alone 3 not seen 4 cancelled 5 n/a", theme.dim()),
            ])),
            rest,
            frame,
        );
        let rest = row(frame, l, Focus::Where, "Where");
        self.location
            .draw_private(frame, rest, Kind::Contact, theme.privacy());
        let rest = row(frame, p, Focus::Present, "Present");
        self.present
            .draw_private(frame, rest, Kind::Text("people"), theme.privacy());
        let rest = row(frame, s, Focus::Significant, "Significant");
        Widget::render(
            Paragraph::new(Line::from(vec![
                Span::raw(if self.significant {
                    "[x] yes"
                } else {
                    "[ ] no"
                }),
                Span::styled(
                    "  (Space toggles; significant notes go into the chronology)",
                    theme.dim(),
                ),
            ])),
            rest,
            frame,
        );
        let label_style = if self.focus == Focus::Body {
            theme.focus()
        } else {
            theme.dim()
        };
        Widget::render(
            Paragraph::new(Span::styled("What happened", label_style)),
            sep,
            frame,
        );
        self.body
            .draw_private(frame, body, Kind::Text("note"), theme.privacy());
    }
}

/// The outcome a key picks in the Outcome field: digits 1-5 name one each
/// (no letter is shared with another field's meaning); ←/→ and Space step
/// through those that can go with the kind. None fits no kind yet chosen
/// only when the key names it.
fn outcome_key(
    code: KeyCode,
    now: Option<NoteOutcome>,
    kind: Option<NoteKind>,
) -> Option<NoteOutcome> {
    let fits = |o: &NoteOutcome| kind.is_none_or(|k| o.problem_with(k).is_none());
    let allowed: Vec<NoteOutcome> = NoteOutcome::ALL.iter().copied().filter(fits).collect();
    let n = allowed.len();
    let at = now.and_then(|o| allowed.iter().position(|a| *a == o));
    let picked = match code {
        KeyCode::Char(c @ '1'..='5') => c
            .to_digit(10)
            .and_then(|d| usize::try_from(d).ok())
            .and_then(|d| NoteOutcome::ALL.get(d - 1))
            .copied(),
        KeyCode::Right | KeyCode::Char(' ') if n > 0 => {
            allowed.get(at.map_or(0, |i| (i + 1) % n)).copied()
        }
        KeyCode::Left if n > 0 => allowed.get(at.map_or(n - 1, |i| (i + n - 1) % n)).copied(),
        _ => None,
    };
    picked.filter(fits)
}
