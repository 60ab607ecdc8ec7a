//! The forms over a note: an addendum to a final note, and the reason a
//! note is written up late (saving it finalises the note).

use chrono::NaiveDate;

use super::draft::DraftKey;
use super::{Field, FieldKind, Form, FormSpec, Problem, fields_of, typed_form};
use crate::action::Action;
use crate::ui::screen::{Effect, Outcome};
use crate::ui::theme::Theme;
use crate::ui::write::Write;

typed_form! {
    /// An addendum to a final note.
    AddendumForm {
        /// Why it is added.
        reason,
        /// What it says.
        text,
    }
}

/// An addendum to final note `note_id`.
#[derive(Debug, Clone)]
pub struct AddendumSpec {
    /// The note.
    pub note_id: i64,
    /// The fields.
    pub form: AddendumForm,
}

impl FormSpec for AddendumSpec {
    fields_of!(form);

    fn to_write(&self, _today: NaiveDate) -> Result<Write, Problem> {
        Ok(Write::AddAddendum {
            note_id: self.note_id,
            reason: self.form.reason.value(),
            text: self.form.text.value(),
        })
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::Addendum(self.note_id))
    }
}

/// The addendum form.
#[must_use]
pub fn addendum(note_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let spec = AddendumSpec {
        note_id,
        form: AddendumForm {
            reason: Field::text("Reason", "reason", FieldKind::Text, "", theme).required(),
            text: Field::text("Text", "addendum text", FieldKind::Long, "", theme).required(),
        },
    };
    Form::new(spec, "Addendum to a final note".into(), today, theme)
}

typed_form! {
    /// The reason a note is finalised late.
    LateForm {
        /// Why late.
        reason,
    }
}

/// Finalising a late note (the draft's id).
#[derive(Debug, Clone)]
pub struct LateSpec {
    /// The draft note.
    pub note_id: i64,
    /// The fields.
    pub form: LateForm,
}

impl FormSpec for LateSpec {
    fields_of!(form);

    fn to_write(&self, _today: NaiveDate) -> Result<Write, Problem> {
        let reason = &self.form.reason;
        Ok(Write::Finalise {
            note_id: self.note_id,
            reason: Some(
                reason.opt().ok_or_else(|| {
                    reason.problem("give the reason this note is written up late")
                })?,
            ),
        })
    }

    // The form sat over the editor: the note is final now.
    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Close, Effect::Action(Action::TabNotes)]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::LateFinalise(self.note_id))
    }
}

/// The reason asked for when a note is finalised late (`days` working days
/// after the contact); saving it finalises the note.
#[must_use]
pub fn late_reason(note_id: i64, days: u32, theme: Theme, today: NaiveDate) -> Form {
    let spec = LateSpec {
        note_id,
        form: late_form(theme),
    };
    let title = format!("Finalise a late entry ({days} working days after the contact): why late?");
    Form::new(spec, title, today, theme)
}

fn late_form(theme: Theme) -> LateForm {
    LateForm {
        reason: Field::text(
            "Reason for late entry",
            "reason for late entry",
            FieldKind::Text,
            "",
            theme,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_entry_needs_a_reason() {
        let spec = LateSpec {
            note_id: 3,
            form: late_form(Theme::default()),
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(
            spec.to_write(today).unwrap_err().field,
            "reason for late entry"
        );
    }
}
