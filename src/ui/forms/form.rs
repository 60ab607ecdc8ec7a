//! A form: labelled fields, one focused; a problem found on saving is shown
//! beside the field it concerns, and a typed date is shown resolved beside
//! the field before it is saved.

use std::cell::Cell;
use std::time::Instant;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Spec;
use crate::dates;
use crate::ui::input::Input;
use crate::ui::theme::Theme;
use crate::ui::widgets::take_left;

/// What kind of value a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Long,
    /// A date, typed in any form `dates` knows; `required` when it must be given.
    Date {
        /// Whether it may be left blank.
        required: bool,
    },
    /// One of a few labelled options.
    Choice(Vec<String>),
    /// Yes or no.
    Check,
}

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    /// The label shown.
    pub label: &'static str,
    /// The name validation uses for it (matches `ValidationError::field`).
    pub key: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Text typed (text and date fields).
    pub input: Input,
    /// Chosen option (choice fields).
    pub choice: usize,
    /// Ticked (check fields).
    pub checked: bool,
    /// What is wrong with it, after a failed save.
    pub error: Option<String>,
    /// Must be filled in (marked with a star).
    pub required: bool,
    /// Another name validation may use for it.
    pub also: Option<&'static str>,
}

/// A problem with a field: its `key`, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field's key (`ValidationError::field`).
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

impl Field {
    /// A text, long or date field holding `value`.
    #[must_use]
    pub fn text(
        label: &'static str,
        key: &'static str,
        kind: FieldKind,
        value: &str,
        theme: Theme,
    ) -> Field {
        let multiline = kind == FieldKind::Long;
        Field {
            label,
            key,
            kind,
            input: Input::new(value, multiline, theme),
            choice: 0,
            checked: false,
            error: None,
            required: false,
            also: None,
        }
    }

    /// The same field, marked as needing a value.
    #[must_use]
    pub fn required(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }

    /// The same field, also answering to validation's `name`.
    #[must_use]
    pub fn also_for(self, name: &'static str) -> Field {
        Field {
            also: Some(name),
            ..self
        }
    }

    /// Whether validation's `name` means this field.
    #[must_use]
    pub fn answers_to(&self, name: &str) -> bool {
        self.key == name || self.also == Some(name)
    }

    /// The text typed.
    #[must_use]
    pub fn value(&self) -> String {
        self.input.text()
    }

    /// The text typed, `None` when blank.
    #[must_use]
    pub fn opt(&self) -> Option<String> {
        let v = self.value();
        if v.trim().is_empty() { None } else { Some(v) }
    }

    /// A problem with this field.
    #[must_use]
    pub fn problem(&self, message: &str) -> Problem {
        Problem {
            field: self.key,
            message: message.to_string(),
        }
    }

    /// A date field's value (relative dates count from `today`): `Ok(None)` when blank.
    pub fn date(&self, today: NaiveDate) -> Result<Option<NaiveDate>, Problem> {
        let v = self.value();
        if v.trim().is_empty() {
            return Ok(None);
        }
        dates::resolve_date_for(&v, today, date_use(self.key))
            .map(|r| Some(r.value()))
            .map_err(|e| self.problem(&e))
    }

    /// A date of birth: as [`Field::date`], with a two-digit year in the past.
    pub fn birth_date(&self, today: NaiveDate) -> Result<Option<NaiveDate>, Problem> {
        let v = self.value();
        if v.trim().is_empty() {
            return Ok(None);
        }
        dates::resolve_date_for(&v, today, dates::DateUse::Birth)
            .map(|r| Some(r.value()))
            .map_err(|e| self.problem(&e))
    }

    /// A date field that must be given; `missing` says so when blank.
    pub fn required_date(&self, today: NaiveDate, missing: &str) -> Result<NaiveDate, Problem> {
        self.date(today)?.ok_or_else(|| self.problem(missing))
    }

    /// A choice field.
    #[must_use]
    pub fn choice<S: Into<String>>(
        label: &'static str,
        key: &'static str,
        options: Vec<S>,
        chosen: usize,
        theme: Theme,
    ) -> Field {
        let options: Vec<String> = options.into_iter().map(Into::into).collect();
        Field {
            choice: chosen.min(options.len().saturating_sub(1)),
            ..Field::text(label, key, FieldKind::Choice(options), "", theme)
        }
    }

    /// A yes/no field.
    #[must_use]
    pub fn check(label: &'static str, key: &'static str, checked: bool, theme: Theme) -> Field {
        Field {
            checked,
            ..Field::text(label, key, FieldKind::Check, "", theme)
        }
    }

    fn height(&self) -> u16 {
        if self.kind == FieldKind::Long { 4 } else { 1 }
    }
}

/// A form on screen.
#[derive(Debug, Clone)]
pub struct Form {
    /// Which form, with its typed fields.
    pub spec: Spec,
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
    pub draft_key: Option<String>,
    /// Typed since the text was last kept.
    pub(super) unkept: bool,
    /// When the text was last kept.
    pub(super) last_kept: Instant,
    offset: Cell<u16>,
    first_y: Cell<u16>,
}

impl Form {
    /// A form with its first field focused.
    #[must_use]
    pub fn new(spec: Spec, title: String, today: NaiveDate, theme: Theme) -> Form {
        let draft_key = spec.draft_key();
        let mut f = Form {
            spec,
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
            if was_choice && let Spec::Case(c) = &mut self.spec {
                c.follow_choice();
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

impl Widget for &Form {
    /// Draws the form, scrolled so the focused field shows.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let theme = self.theme;
        // A title longer than the width is cut with "…", never mid-word
        // without a mark.
        let title = crate::ui::fit::fit_str(&self.title, usize::from(area.width).saturating_sub(4));
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(format!(" {title} "), theme.heading()));
        let inner = block.inner(area);
        Widget::render(block, area, frame);
        if inner.height == 0 {
            return;
        }
        // Scroll so the focused field is inside the area.
        let fields = self.spec.fields();
        let tops: Vec<u16> = fields
            .iter()
            .scan(0u16, |y, f| {
                let t = *y;
                *y += f.height();
                Some(t)
            })
            .collect();
        let focus_top = tops.get(self.focus).copied().unwrap_or(0);
        let focus_h = fields.get(self.focus).map_or(1, |f| f.height());
        let mut off = self.offset.get();
        if focus_top < off {
            off = focus_top;
        } else if focus_top + focus_h > off + inner.height {
            off = (focus_top + focus_h).saturating_sub(inner.height);
        }
        self.offset.set(off);
        self.first_y.set(inner.y.saturating_sub(off));
        // Labels as wide as the longest (with its star and a space), up to
        // a third of the width; one longer than that ends in "…".
        let longest = fields
            .iter()
            .map(|f| {
                let star = f.required || matches!(f.kind, FieldKind::Date { required: true });
                crate::domain::cell::width(f.label) + usize::from(star) + 1
            })
            .max()
            .unwrap_or(0);
        let label_w = u16::try_from(longest)
            .unwrap_or(u16::MAX)
            .clamp(20, 26)
            .min(inner.width / 3);
        for (i, f) in fields.iter().enumerate() {
            let top = tops[i];
            if top < off || top + f.height() > off + inner.height {
                continue;
            }
            let y = inner.y + (top - off);
            let row = Rect::new(inner.x, y, inner.width, f.height());
            let (l, rest) = take_left(row, label_w);
            let style = if i == self.focus {
                theme.focus()
            } else {
                theme.dim()
            };
            let required = match f.kind {
                FieldKind::Date { required: true } => "*",
                _ if f.required => "*",
                _ => "",
            };
            let shown = crate::ui::fit::fit_str(
                &format!("{}{required}", f.label),
                usize::from(l.width.saturating_sub(1)),
            );
            Widget::render(Paragraph::new(Span::styled(shown, style)), l, frame);
            let input_w = match &f.kind {
                FieldKind::Long => rest.width.saturating_sub(22).max(rest.width.min(30)),
                // A choice as wide as its longest option ("‹ … ›" round it).
                FieldKind::Choice(opts) => {
                    let longest = opts
                        .iter()
                        .map(|o| crate::domain::cell::width(o) + 4)
                        .max()
                        .unwrap_or(0);
                    u16::try_from(longest)
                        .unwrap_or(u16::MAX)
                        .max(36)
                        .min(rest.width)
                }
                _ => rest.width.min(36),
            };
            let (inp, msg) = take_left(rest, input_w);
            match &f.kind {
                FieldKind::Choice(opts) => {
                    let label = opts.get(f.choice).map_or("", String::as_str);
                    let room = usize::from(inp.width).saturating_sub(4);
                    let label = crate::ui::fit::fit_str(label, room);
                    Widget::render(Paragraph::new(format!("‹ {label} ›")), inp, frame);
                }
                FieldKind::Check => {
                    Widget::render(
                        Paragraph::new(if f.checked { "[x] yes" } else { "[ ] no" }),
                        inp,
                        frame,
                    );
                }
                _ => match crate::privacy::field_kind(f.key) {
                    Some(kind) => f.input.draw_private(frame, inp, kind, theme.privacy()),
                    None => f.input.draw(frame, inp),
                },
            }
            let private = theme.privacy() && crate::privacy::field_kind(f.key).is_some();
            let note = if let Some(e) = &f.error {
                Span::styled(format!(" {e}"), theme.danger())
            } else if matches!(f.kind, FieldKind::Date { .. }) && !f.input.is_blank() && !private {
                match dates::resolve_date_for(&f.input.text(), self.today, date_use(f.key)) {
                    Ok(d) => Span::styled(format!(" → {}", d.shown()), theme.good()),
                    Err(e) => Span::styled(format!(" {e}"), theme.warn()),
                }
            } else if i == self.focus && matches!(f.kind, FieldKind::Choice(_)) {
                // How to change a choice, beside the one being chosen.
                Span::styled(" ←/→ or first letter", theme.dim())
            } else {
                Span::raw("")
            };
            // A long problem is cut with "…" (the status line has it whole).
            let note = crate::ui::fit::fit(Line::from(note), usize::from(msg.width));
            Widget::render(Paragraph::new(note), msg, frame);
        }
        // What the form's record says before saving (closing: what stops
        // being tracked), under the fields where there is room.
        let below = tops.last().copied().unwrap_or(0) + fields.last().map_or(0, |f| f.height()) + 1;
        if let Spec::Case(c) = &self.spec
            && below >= off
            && below - off < inner.height
        {
            let y = inner.y + (below - off);
            let area = Rect::new(inner.x, y, inner.width, inner.bottom() - y);
            let width = usize::from(area.width);
            let mut lines: Vec<Line<'static>> = c
                .notes(theme.privacy())
                .into_iter()
                .flat_map(|l| {
                    let indent = if l.starts_with("• ") { 2 } else { 0 };
                    crate::ui::fit::wrap(&Line::from(l), width, indent)
                })
                .map(|l| l.style(theme.dim()))
                .collect();
            // More than fits: say so rather than cut silently.
            let rows = usize::from(area.height);
            if lines.len() > rows && rows > 0 {
                let more = lines.len() - (rows - 1);
                lines.truncate(rows - 1);
                lines.push(Line::styled(format!("… {more} more lines"), theme.dim()));
            }
            Widget::render(Paragraph::new(lines), area, frame);
        }
    }
}

/// How a date field reads a two-digit year: a date of birth is in the past.
fn date_use(key: &str) -> dates::DateUse {
    if key == "date of birth" {
        dates::DateUse::Birth
    } else {
        dates::DateUse::Any
    }
}
