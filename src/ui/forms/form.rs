//! A form: labelled fields, one focused, typed into; a problem found on
//! saving is put beside the field it concerns. What the form is for (its
//! fields, its write, what follows) is its [`FormSpec`]; its drawing is in
//! `draw.rs`.

use std::cell::Cell;
use std::time::Instant;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::FormSpec;
use super::draft::DraftKey;
pub use super::field::{Field, FieldKind, Problem};
use crate::ui::theme::Theme;

/// A form on screen.
#[derive(Debug, Clone)]
pub struct Form {
    /// Which form, with its typed fields.
    pub spec: Box<dyn FormSpec>,
    /// The heading.
    pub title: String,
    /// The focused field.
    pub focus: usize,
    /// Anything typed since it opened.
    pub changed: bool,
    /// The day relative dates count from.
    pub today: NaiveDate,
    /// The colours.
    pub theme: Theme,
    /// Which form and what for, as its unsaved text is kept (none for a
    /// form that only confirms a step).
    pub draft_key: Option<DraftKey>,
    /// Typed since the text was last kept.
    pub(super) unkept: bool,
    /// When the text was last kept.
    pub(super) last_kept: Instant,
    pub(super) offset: Cell<u16>,
    pub(super) first_y: Cell<u16>,
}

impl Form {
    /// A form with its first field focused.
    #[must_use]
    pub fn new(
        spec: impl FormSpec + 'static,
        title: String,
        today: NaiveDate,
        theme: Theme,
    ) -> Form {
        let draft_key = spec.draft_key();
        let mut f = Form {
            spec: Box::new(spec),
            title,
            focus: 0,
            changed: false,
            today,
            theme,
            draft_key,
            unkept: false,
            last_kept: Instant::now(),
            offset: Cell::new(0),
            first_y: Cell::new(0),
        };
        f.set_focus(0);
        f
    }

    fn set_focus(&mut self, i: usize) {
        let mut fields = self.spec.fields_mut();
        if let Some(f) = fields.get_mut(self.focus) {
            f.input.set_focus(false);
        }
        self.focus = i.min(fields.len().saturating_sub(1));
        if let Some(f) = fields.get_mut(self.focus) {
            f.input.set_focus(true);
        }
    }

    /// Moves focus by `delta`, wrapping.
    pub fn move_focus(&mut self, delta: isize) {
        let n = self.spec.fields().len().max(1) as isize;
        let i = (self.focus as isize + delta).rem_euclid(n);
        self.set_focus(usize::try_from(i).unwrap_or(0));
    }

    /// Whether the focused field is multi-line (Enter and arrows type there).
    #[must_use]
    pub fn focus_is_long(&self) -> bool {
        self.spec
            .fields()
            .get(self.focus)
            .is_some_and(|f| f.kind == FieldKind::Long)
    }

    /// Types a key into the focused field.
    pub fn key(&mut self, key: KeyEvent) {
        let focus = self.focus;
        let mut fields = self.spec.fields_mut();
        let Some(f) = fields.get_mut(focus) else {
            return;
        };
        let was_choice = matches!(f.kind, FieldKind::Choice(_));
        let changed = match &f.kind {
            FieldKind::Choice(opts) => {
                let n = opts.len().max(1);
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') => {
                        f.choice = (f.choice + 1) % n;
                        true
                    }
                    KeyCode::Left => {
                        f.choice = (f.choice + n - 1) % n;
                        true
                    }
                    KeyCode::Char(c) => match opts
                        .iter()
                        .position(|o| o.to_lowercase().starts_with(c.to_ascii_lowercase()))
                    {
                        Some(i) => {
                            f.choice = i;
                            true
                        }
                        None => false,
                    },
                    _ => false,
                }
            }
            FieldKind::Check => match key.code {
                KeyCode::Char(' ' | 'x') | KeyCode::Left | KeyCode::Right => {
                    f.checked = !f.checked;
                    true
                }
                KeyCode::Char('y') => {
                    f.checked = true;
                    true
                }
                KeyCode::Char('n') => {
                    f.checked = false;
                    true
                }
                _ => false,
            },
            _ => f.input.key(key),
        };
        if changed {
            f.error = None;
            drop(fields);
            self.changed = true;
            self.unkept = true;
            // A field filled from the chosen record follows the choice.
            if was_choice {
                self.spec.follow_choice();
            }
        }
    }

    /// Shows `problem` beside the field named `key` (or the first field) and focuses it.
    pub fn set_error(&mut self, key: &str, problem: String) {
        let mut fields = self.spec.fields_mut();
        let i = fields.iter().position(|f| f.answers_to(key)).unwrap_or(0);
        if let Some(f) = fields.get_mut(i) {
            f.error = Some(problem);
        }
        self.set_focus(i);
    }

    /// The key of the field validation's `name` means (the first field when none).
    #[must_use]
    pub fn key_for(&self, name: &str) -> &'static str {
        let fields = self.spec.fields();
        fields
            .iter()
            .find(|f| f.answers_to(name))
            .or(fields.first())
            .map_or("", |f| f.key)
    }

    /// The field with `key`, to read (tests, and the app's messages).
    #[must_use]
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.spec.fields().into_iter().find(|f| f.key == key)
    }

    /// The field with `key`, to change.
    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.spec.fields_mut().into_iter().find(|f| f.key == key)
    }

    /// Handles a click on a field's row: focuses it.
    pub fn click(&mut self, y: u16) -> bool {
        let mut top = self.offset_area_y();
        let heights: Vec<u16> = self.spec.fields().iter().map(|f| f.height()).collect();
        for (i, h) in heights.into_iter().enumerate() {
            if y >= top && y < top + h {
                self.set_focus(i);
                return true;
            }
            top += h;
        }
        false
    }

    fn offset_area_y(&self) -> u16 {
        // The first field is drawn two rows below the form's top (title, gap),
        // minus the scroll; recorded while drawing.
        self.first_y.get()
    }
}
