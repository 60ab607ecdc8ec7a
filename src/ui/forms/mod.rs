//! The forms caseload shows, each a struct of typed fields with its
//! conversion to the domain value the store takes. Validation itself lives
//! in the domain; a problem found here or by the store is shown beside its
//! field (the store names fields by `ValidationError::field`, which each
//! field carries as its `key`).

pub mod case;
pub mod draft;
pub mod episode;
pub mod form;
pub mod record;
mod screen;
pub mod supervision;
pub mod visit;

use chrono::NaiveDate;

use self::form::{Field, FieldKind, Form, Problem};
use crate::domain::{
    CarePlan, Client, Completion, Deadline, NewAction, NewDeadline, Visit, VisitOutcome,
};
use crate::ui::theme::Theme;
use crate::ui::write::Write;

/// Declares a form: a struct of fields, listed top to bottom.
macro_rules! typed_form {
    ( $(#[$m:meta])* $name:ident { $( $(#[$fm:meta])* $field:ident ),+ $(,)? } ) => {
        $(#[$m])*
        #[derive(Debug, Clone)]
        pub struct $name {
            $( $(#[$fm])* pub $field: Field, )+
        }

        impl $name {
            /// The fields, top to bottom.
            #[must_use]
            pub fn fields(&self) -> Vec<&Field> {
                vec![$(&self.$field),+]
            }

            /// The fields, top to bottom, mutably.
            pub fn fields_mut(&mut self) -> Vec<&mut Field> {
                vec![$(&mut self.$field),+]
            }
        }
    };
}

pub use self::episode::{EpisodeForm, episode};
pub use self::record::{ClientForm, NetworkForm, PlanForm};
pub use self::visit::{CancelForm, MoveForm, OutcomeForm, VisitForm};
pub(super) use typed_form;

typed_form! {
    /// A deadline or a small action: what, and when it is due.
    DueForm {
        /// What.
        what,
        /// When it is due.
        due,
    }
}

impl DueForm {
    /// A blank form; `due_required` for a deadline.
    #[must_use]
    pub fn new(due_required: bool, theme: Theme) -> DueForm {
        DueForm {
            what: Field::text("What", "what", FieldKind::Text, "", theme).required(),
            due: Field::text(
                "Due",
                "due",
                FieldKind::Date {
                    required: due_required,
                },
                "",
                theme,
            ),
        }
    }

    /// The deadline as filled in.
    pub fn to_deadline(&self, client_id: i64, today: NaiveDate) -> Result<NewDeadline, Problem> {
        let due = self.due.required_date(today, "a due date is needed")?;
        Ok(NewDeadline {
            client_id: Some(client_id),
            what: self.what.value(),
            due: Some(due),
            ..NewDeadline::default()
        })
    }

    /// The action as filled in.
    pub fn to_action(
        &self,
        client_id: Option<i64>,
        today: NaiveDate,
    ) -> Result<NewAction, Problem> {
        Ok(NewAction {
            client_id,
            what: self.what.value(),
            due: self.due.date(today)?,
        })
    }
}

typed_form! {
    /// An addendum to a final note.
    AddendumForm {
        /// Why it is added.
        reason,
        /// What it says.
        text,
    }
}

typed_form! {
    /// The reason a note is finalised late.
    LateForm {
        /// Why late.
        reason,
    }
}

typed_form! {
    /// Marking a deadline done.
    DoneForm {
        /// When it was done.
        on,
        /// What came of it.
        outcome,
    }
}

typed_form! {
    /// Ticking off a care plan action.
    PlanDoneForm {
        /// Its number on the Plan tab.
        number,
        /// When it was done.
        on,
    }
}

/// Which form, with the records it concerns.
#[derive(Debug, Clone)]
pub enum Spec {
    /// A new client.
    NewClient(ClientForm),
    /// A client's details.
    EditClient(i64, ClientForm),
    /// A new network member for a client.
    Network(i64, NetworkForm),
    /// A new care plan version for a client.
    PlanReview(i64, PlanForm),
    /// A new deadline for a client.
    Deadline(i64, DueForm),
    /// A new legal episode for a client, with the ids of
    /// the client's open episodes offered in Follows, in the order offered.
    Episode(i64, EpisodeForm, Vec<i64>),
    /// A new action, for a client or none.
    Action(Option<i64>, DueForm),
    /// An addendum to a final note.
    Addendum(i64, AddendumForm),
    /// Finalising a late note (the draft's id).
    LateFinalise(i64, LateForm),
    /// Marking a deadline done.
    DeadlineDone(i64, DoneNeeds, DoneForm),
    /// Planning a visit to a client (with the household members who may come too).
    PlanVisit(i64, Vec<i64>, VisitForm),
    /// What came of a visit (the client whose note opens next, the visit).
    VisitOutcome(i64, Box<Visit>, OutcomeForm),
    /// Moving a planned visit.
    MoveVisit(i64, MoveForm),
    /// Cancelling a planned visit.
    CancelVisit(i64, CancelForm),
    /// Marking a plan action done: the current plan's action ids, in the
    /// order (and numbering from 1) the Plan tab shows them.
    PlanActionDone(Vec<i64>, PlanDoneForm),
    /// Closing a case, ending or moving an episode, editing a network member.
    Case(self::case::CaseSpec),
    /// A case supervision about a client.
    Supervision(i64, Box<self::supervision::SupervisionForm>),
}

impl Spec {
    /// The fields, top to bottom.
    #[must_use]
    pub fn fields(&self) -> Vec<&Field> {
        match self {
            Spec::NewClient(f) | Spec::EditClient(_, f) => f.fields(),
            Spec::Network(_, f) => f.fields(),
            Spec::PlanReview(_, f) => f.fields(),
            Spec::Deadline(_, f) | Spec::Action(_, f) => f.fields(),
            Spec::Episode(_, f, _) => f.fields(),
            Spec::Addendum(_, f) => f.fields(),
            Spec::LateFinalise(_, f) => f.fields(),
            Spec::DeadlineDone(_, _, f) => f.fields(),
            Spec::PlanVisit(_, _, f) => f.fields(),
            Spec::VisitOutcome(_, _, f) => f.fields(),
            Spec::MoveVisit(_, f) => f.fields(),
            Spec::CancelVisit(_, f) => f.fields(),
            Spec::PlanActionDone(_, f) => f.fields(),
            Spec::Case(c) => c.fields(),
            Spec::Supervision(_, f) => f.fields(),
        }
    }

    /// The fields, mutably.
    pub fn fields_mut(&mut self) -> Vec<&mut Field> {
        match self {
            Spec::NewClient(f) | Spec::EditClient(_, f) => f.fields_mut(),
            Spec::Network(_, f) => f.fields_mut(),
            Spec::PlanReview(_, f) => f.fields_mut(),
            Spec::Deadline(_, f) | Spec::Action(_, f) => f.fields_mut(),
            Spec::Episode(_, f, _) => f.fields_mut(),
            Spec::Addendum(_, f) => f.fields_mut(),
            Spec::LateFinalise(_, f) => f.fields_mut(),
            Spec::DeadlineDone(_, _, f) => f.fields_mut(),
            Spec::PlanVisit(_, _, f) => f.fields_mut(),
            Spec::VisitOutcome(_, _, f) => f.fields_mut(),
            Spec::MoveVisit(_, f) => f.fields_mut(),
            Spec::CancelVisit(_, f) => f.fields_mut(),
            Spec::PlanActionDone(_, f) => f.fields_mut(),
            Spec::Case(c) => c.fields_mut(),
            Spec::Supervision(_, f) => f.fields_mut(),
        }
    }

    /// The write this form asks for, or the field at fault.
    pub fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        if let Some(w) = self::visit::to_write(self, today) {
            return w;
        }
        Ok(match self {
            Spec::NewClient(f) => Write::AddClient(f.to_client(today)?),
            Spec::EditClient(id, f) => Write::UpdateClient(*id, f.to_client(today)?),
            Spec::Network(cid, f) => Write::AddNetwork(f.to_member(*cid)),
            Spec::PlanReview(cid, f) => Write::AddPlan(*cid, f.to_plan(today)?),
            Spec::Deadline(cid, f) => Write::AddDeadline(f.to_deadline(*cid, today)?),
            Spec::Episode(cid, f, ids) => f.to_write(*cid, ids, today)?,
            Spec::Action(cid, f) => Write::AddAction(f.to_action(*cid, today)?),
            Spec::Addendum(note_id, f) => Write::AddAddendum {
                note_id: *note_id,
                reason: f.reason.value(),
                text: f.text.value(),
            },
            Spec::LateFinalise(note_id, f) => Write::Finalise {
                note_id: *note_id,
                reason: Some(f.reason.opt().ok_or_else(|| {
                    f.reason
                        .problem("give the reason this note is written up late")
                })?),
            },
            Spec::DeadlineDone(id, needs, f) => Write::CompleteDeadline {
                id: *id,
                on: f
                    .on
                    .required_date(today, "the date it was done is needed")?,
                how: match needs {
                    DoneNeeds::Visit => Completion::Visit(
                        VisitOutcome::ALL
                            .get(f.outcome.choice)
                            .copied()
                            .ok_or_else(|| f.outcome.problem("choose what came of the visit"))?,
                    ),
                    DoneNeeds::Outcome if f.outcome.opt().is_none() => {
                        return Err(f.outcome.problem(
                            "say what happened (renewed: the next period starts); if it ended, end the legal episode instead",
                        ));
                    }
                    DoneNeeds::Outcome | DoneNeeds::Nothing => Completion::Outcome(f.outcome.opt()),
                },
            },
            Spec::Case(c) => c.to_write(today)?,
            Spec::Supervision(cid, f) => f.to_write(*cid, today)?,
            Spec::PlanVisit(..)
            | Spec::VisitOutcome(..)
            | Spec::MoveVisit(..)
            | Spec::CancelVisit(..) => {
                return Err(Problem {
                    field: "",
                    message: "not a form of this kind".into(),
                });
            }
            Spec::PlanActionDone(ids, f) => {
                let n = f.number.value();
                let id = n
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| ids.get(i))
                    .ok_or_else(|| {
                        f.number.problem(&format!(
                            "give the action's number on the Plan tab (1 to {})",
                            ids.len()
                        ))
                    })?;
                Write::CompletePlanAction {
                    id: *id,
                    on: f
                        .on
                        .required_date(today, "the date it was done is needed")?,
                }
            }
        })
    }
}

/// The client form, blank or filled from `c`.
#[must_use]
pub fn client(c: Option<&Client>, theme: Theme, today: NaiveDate) -> Form {
    let form = ClientForm::new(c, theme);
    match c {
        Some(c) => Form::new(
            Spec::EditClient(c.id, form),
            "Edit client".into(),
            today,
            theme,
        ),
        None => Form::new(Spec::NewClient(form), "New client".into(), today, theme),
    }
}

/// The network member form.
#[must_use]
pub fn network(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let spec = Spec::Network(client_id, NetworkForm::new(theme));
    Form::new(spec, "New network member".into(), today, theme)
}

/// The care plan form, filled from the current version.
#[must_use]
pub fn plan(client_id: i64, current: Option<&CarePlan>, theme: Theme, today: NaiveDate) -> Form {
    let title = match current {
        Some(p) => format!("Review care plan (writes version {})", p.version + 1),
        None => "New care plan".into(),
    };
    let spec = Spec::PlanReview(client_id, PlanForm::new(current, theme));
    Form::new(spec, title, today, theme)
}

/// The deadline form.
#[must_use]
pub fn deadline(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let spec = Spec::Deadline(client_id, DueForm::new(true, theme));
    Form::new(spec, "New deadline".into(), today, theme)
}

/// The action form.
#[must_use]
pub fn action(client_id: Option<i64>, theme: Theme, today: NaiveDate) -> Form {
    let spec = Spec::Action(client_id, DueForm::new(false, theme));
    Form::new(spec, "New action (a small to-do)".into(), today, theme)
}

/// The addendum form.
#[must_use]
pub fn addendum(note_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let spec = Spec::Addendum(
        note_id,
        AddendumForm {
            reason: Field::text("Reason", "reason", FieldKind::Text, "", theme).required(),
            text: Field::text("Text", "addendum text", FieldKind::Long, "", theme).required(),
        },
    );
    Form::new(spec, "Addendum to a final note".into(), today, theme)
}

/// The reason asked for when a note is finalised late (`days` working days
/// after the contact); saving it finalises the note.
#[must_use]
pub fn late_reason(note_id: i64, days: u32, theme: Theme, today: NaiveDate) -> Form {
    let spec = Spec::LateFinalise(
        note_id,
        LateForm {
            reason: Field::text(
                "Reason for late entry",
                "reason for late entry",
                FieldKind::Text,
                "",
                theme,
            ),
        },
    );
    let title = format!("Finalise a late entry ({days} working days after the contact): why late?");
    Form::new(spec, title, today, theme)
}

/// The "mark a plan action done" form over the current plan; the first
/// action not yet done is offered.
#[must_use]
pub fn plan_action_done(plan: &CarePlan, theme: Theme, today: NaiveDate) -> Form {
    let first_open = plan
        .actions
        .iter()
        .position(|a| a.done_on.is_none())
        .map_or(String::new(), |i| (i + 1).to_string());
    let spec = Spec::PlanActionDone(
        plan.actions.iter().map(|a| a.id).collect(),
        PlanDoneForm {
            number: Field::text(
                "Action number",
                "number",
                FieldKind::Text,
                &first_open,
                theme,
            ),
            on: Field::text(
                "Done on",
                "done on",
                FieldKind::Date { required: true },
                "today",
                theme,
            ),
        },
    );
    Form::new(spec, "Mark a plan action done".into(), today, theme)
}

/// Whether completing a deadline needs its outcome said first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoneNeeds {
    /// Any deadline: the outcome is optional.
    Nothing,
    /// A renewal (s3 expiry, CTO, DoLS): completing records that it was
    /// renewed and starts the next period, so the outcome must be said.
    Outcome,
    /// A statutory visit: the outcome is chosen from the visit outcomes
    /// (only seen or seen alone completes it), never typed.
    Visit,
}

/// The "mark deadline done" form: it names the deadline and, for a
/// statutory one, asks the question completing it answers ("Renewed?").
#[must_use]
pub fn deadline_done(d: &Deadline, theme: Theme, today: NaiveDate) -> Form {
    let rules = crate::rules::RuleSet::embedded().ok();
    let rule = d
        .rule
        .as_deref()
        .and_then(|id| rules.as_ref().and_then(|r| r.rule(id)));
    let meaning = crate::rules::completion::completion_meaning(rule);
    let needs = if rule.is_some_and(|r| r.records_visit) {
        DoneNeeds::Visit
    } else if meaning.needs_outcome {
        DoneNeeds::Outcome
    } else {
        DoneNeeds::Nothing
    };
    let outcome = match needs {
        DoneNeeds::Visit => {
            let labels: Vec<&str> = VisitOutcome::ALL.iter().map(|o| o.label()).collect();
            Field::choice("Outcome", "outcome", labels, 0, theme)
        }
        DoneNeeds::Outcome => {
            Field::text("Renewed? Outcome", "outcome", FieldKind::Text, "", theme)
        }
        DoneNeeds::Nothing => Field::text("Outcome", "outcome", FieldKind::Text, "", theme),
    };
    let spec = Spec::DeadlineDone(
        d.id,
        needs,
        DoneForm {
            on: Field::text(
                "Done on",
                "done on",
                FieldKind::Date { required: true },
                "today",
                theme,
            ),
            outcome,
        },
    );
    let what = crate::domain::cell::cell_text(&d.what);
    let title = if rule.is_some() {
        format!("{} \"{what}\" — {}", meaning.question, meaning.meaning)
    } else {
        format!("Mark \"{what}\" done")
    };
    Form::new(spec, title, today, theme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::screen::Write;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn type_into(f: &mut Field, text: &str) {
        for c in text.chars() {
            f.input.key(ratatui::crossterm::event::KeyEvent::from(
                ratatui::crossterm::event::KeyCode::Char(c),
            ));
        }
    }

    #[test]
    fn a_deadline_needs_its_due_date_and_converts_to_a_typed_write() {
        let mut spec = Spec::Deadline(7, DueForm::new(true, Theme::default()));
        let err = spec.to_write(today()).unwrap_err();
        assert_eq!(err.field, "due");
        let Spec::Deadline(_, f) = &mut spec else {
            unreachable!()
        };
        type_into(&mut f.what, "Ring the GP");
        type_into(&mut f.due, "+3d");
        match spec.to_write(today()).unwrap() {
            Write::AddDeadline(d) => {
                assert_eq!(d.client_id, Some(7));
                assert_eq!(d.what, "Ring the GP");
                assert_eq!(d.due, NaiveDate::from_ymd_opt(2026, 11, 25));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn required_fields_carry_their_own_star_and_store_names_find_their_field() {
        let f = client(None, Theme::default(), today());
        let starred: Vec<&str> = f
            .spec
            .fields()
            .iter()
            .filter(|x| x.required)
            .map(|x| x.key)
            .collect();
        assert_eq!(starred, ["given name", "family name"]);
        let plan = plan(1, None, Theme::default(), today());
        assert_eq!(plan.key_for("owner"), "plan action");
        assert_eq!(plan.key_for("next review"), "next review");
    }

    #[test]
    fn a_late_entry_needs_a_reason() {
        let spec = Spec::LateFinalise(
            3,
            LateForm {
                reason: Field::text(
                    "Reason",
                    "reason for late entry",
                    FieldKind::Text,
                    "",
                    Theme::default(),
                ),
            },
        );
        assert_eq!(
            spec.to_write(today()).unwrap_err().field,
            "reason for late entry"
        );
    }
}
