//! A form's fields: text, long text, a date, a check box, and a choice
//! typed over what it chooses (`Choice<T>`: the value picked, or a problem
//! beside the field; never a default the user did not pick).

use chrono::NaiveDate;

use crate::dates;
use crate::ui::input::Input;
use crate::ui::theme::Theme;

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

    pub(super) fn height(&self) -> u16 {
        if self.kind == FieldKind::Long { 4 } else { 1 }
    }
}

/// A field in a form's struct: a plain [`Field`], or a [`Choice`] over the
/// values it offers.
pub trait AsField {
    /// The field as the form draws and types into it.
    fn as_field(&self) -> &Field;
    /// The same, mutably.
    fn as_field_mut(&mut self) -> &mut Field;
}

impl AsField for Field {
    fn as_field(&self) -> &Field {
        self
    }
    fn as_field_mut(&mut self) -> &mut Field {
        self
    }
}

/// A choice among values of `T`, each shown by its label: what is read
/// back is the value at the index shown, or a problem when the index is
/// past the options (a draft from another version, a bug): never a
/// default.
#[derive(Debug, Clone)]
pub struct Choice<T> {
    /// The field drawn (its options are the labels, in the same order).
    pub field: Field,
    /// The values, in the order shown.
    pub options: Vec<T>,
}

impl<T: Clone> Choice<T> {
    /// A choice among `options` (each with its label), `chosen` first
    /// shown (the last option when past the end).
    #[must_use]
    pub fn new<S: Into<String>>(
        label: &'static str,
        key: &'static str,
        options: Vec<(T, S)>,
        chosen: usize,
        theme: Theme,
    ) -> Choice<T> {
        let (options, labels): (Vec<T>, Vec<String>) =
            options.into_iter().map(|(v, l)| (v, l.into())).unzip();
        Choice {
            field: Field::choice(label, key, labels, chosen, theme),
            options,
        }
    }

    /// The value shown, or `missing` beside the field when there is none
    /// at that index.
    pub fn picked(&self, missing: &str) -> Result<T, Problem> {
        self.options
            .get(self.field.choice)
            .cloned()
            .ok_or_else(|| self.field.problem(missing))
    }

    /// The index of the first option for which `is` holds.
    #[must_use]
    pub fn index_of(&self, is: impl Fn(&T) -> bool) -> Option<usize> {
        self.options.iter().position(is)
    }
}

impl<T> AsField for Choice<T> {
    fn as_field(&self) -> &Field {
        &self.field
    }
    fn as_field_mut(&mut self) -> &mut Field {
        &mut self.field
    }
}

/// How a date field reads a two-digit year: a date of birth is in the past.
pub(super) fn date_use(key: &str) -> dates::DateUse {
    if key == "date of birth" {
        dates::DateUse::Birth
    } else {
        dates::DateUse::Any
    }
}
