//! The forms caseload shows. Each form is a struct of typed fields (a
//! choice is typed over the values it offers) and a [`FormSpec`]: its
//! fields, the write it asks for, what follows saving, and the key its
//! unsaved text is kept under. The generic [`Form`] screen does focus,
//! typing, drawing and showing problems. Validation itself lives in the
//! domain; a problem found here or by the store is shown beside its field
//! (the store names fields by `ValidationError::field`, which each field
//! carries as its `key`).
//!
//! One file per group of forms: `client` (a client's details), `record`
//! (network members, care plan reviews), `due` (deadlines, actions,
//! marking them done), `episode` (a legal episode), `case` (ending or
//! revoking or moving an episode, editing a member), `close` (closing a
//! case), `note` (addenda, late entries), `supervision` (a case
//! supervision), `visit` (planning and recording visits).

pub mod case;
pub mod client;
pub mod close;
pub mod draft;
mod draw;
pub mod due;
pub mod episode;
pub mod field;
pub mod form;
pub mod note;
pub mod record;
mod screen;
pub mod supervision;
pub mod visit;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

pub use self::client::{ClientForm, client};
use self::draft::DraftKey;
pub use self::due::{DueForm, action, deadline, deadline_done, plan_action_done};
pub use self::episode::{EpisodeForm, episode};
pub use self::field::{Choice, Field, FieldKind, Problem};
pub use self::form::Form;
pub use self::note::{addendum, late_reason};
pub use self::record::{NetworkForm, PlanForm, network, plan};
pub use self::visit::{CancelForm, MoveForm, OutcomeForm, VisitForm};
use crate::ui::data::Source;
use crate::ui::screen::{Effect, Outcome};
use crate::ui::write::Write;

/// What one form is: its fields, the write it asks for, what follows a
/// save, and the key its unsaved text is kept under. The hooks with a
/// default are for the forms that need more (closing a case loads what it
/// stops tracking, lists it under the fields and asks before writing).
pub trait FormSpec: std::fmt::Debug + SpecClone {
    /// The fields, top to bottom.
    fn fields(&self) -> Vec<&Field>;

    /// The fields, top to bottom, mutably.
    fn fields_mut(&mut self) -> Vec<&mut Field>;

    /// The write this form asks for, or the field at fault.
    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem>;

    /// What follows a save, once the form has closed (show the tab that
    /// changed, open what was added).
    fn after_save(&self, _saved: &Outcome) -> Vec<Effect> {
        Vec::new()
    }

    /// Which form this is and what for, as its unsaved text is kept;
    /// `None` for a form where nothing but a choice and a date is typed.
    fn draft_key(&self) -> Option<DraftKey>;

    /// After a choice changes: a field filled from the chosen record
    /// follows it.
    fn follow_choice(&mut self) {}

    /// Loads what the form needs from the store once open.
    fn reload(&mut self, _src: &dyn Source, _today: NaiveDate) -> Result<(), String> {
        Ok(())
    }

    /// What saving does: the write, or first a question.
    fn confirm(&self, write: Write, _privacy: bool) -> Vec<Effect> {
        vec![Effect::Write(Box::new(write))]
    }

    /// What the form shows under its fields.
    fn notes(&self, _privacy: bool) -> Vec<String> {
        Vec::new()
    }
}

/// Copies a form behind `Box<dyn FormSpec>` (screens are `Clone`).
pub trait SpecClone {
    /// A boxed copy.
    fn clone_spec(&self) -> Box<dyn FormSpec>;
}

impl<T: FormSpec + Clone + 'static> SpecClone for T {
    fn clone_spec(&self) -> Box<dyn FormSpec> {
        Box::new(self.clone())
    }
}

impl Clone for Box<dyn FormSpec> {
    fn clone(&self) -> Self {
        self.clone_spec()
    }
}

/// Declares a form's fields: a struct of fields listed top to bottom, each
/// a [`Field`] unless typed otherwise (`risk: Choice<RiskLevel>`).
macro_rules! typed_form {
    ( $(#[$m:meta])* $name:ident {
        $( $(#[$fm:meta])* $field:ident $(: $ty:ty)? ),+ $(,)?
    } ) => {
        $(#[$m])*
        #[derive(Debug, Clone)]
        pub struct $name {
            $( $(#[$fm])* pub $field: typed_form!(@ty $($ty)?), )+
        }

        impl $name {
            /// The fields, top to bottom.
            #[must_use]
            pub fn fields(&self) -> Vec<&$crate::ui::forms::Field> {
                use $crate::ui::forms::field::AsField;
                vec![$(self.$field.as_field()),+]
            }

            /// The fields, top to bottom, mutably.
            pub fn fields_mut(&mut self) -> Vec<&mut $crate::ui::forms::Field> {
                use $crate::ui::forms::field::AsField;
                vec![$(self.$field.as_field_mut()),+]
            }
        }
    };
    (@ty) => { $crate::ui::forms::Field };
    (@ty $ty:ty) => { $ty };
}

/// A spec's fields are those of its form, in `self.$form`.
macro_rules! fields_of {
    ($form:ident) => {
        fn fields(&self) -> Vec<&$crate::ui::forms::Field> {
            self.$form.fields()
        }
        fn fields_mut(&mut self) -> Vec<&mut $crate::ui::forms::Field> {
            self.$form.fields_mut()
        }
    };
}

pub(super) use {fields_of, typed_form};
