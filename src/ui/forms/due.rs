//! The forms for what is due: a new deadline or action, marking a deadline
//! done (a statutory visit's outcome chosen, a renewal's outcome said), and
//! ticking off a care plan action.

use chrono::NaiveDate;

use super::draft::DraftKey;
use super::{Choice, Field, FieldKind, Form, FormSpec, Problem, fields_of, typed_form};
use crate::action::Action;
use crate::domain::{CarePlan, Completion, Deadline, NewAction, NewDeadline, VisitOutcome};
use crate::rules::completion::CompletionMeaning;
use crate::ui::screen::{Effect, Outcome};
use crate::ui::theme::Theme;
use crate::ui::write::Write;

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

/// A new deadline for a client.
#[derive(Debug, Clone)]
pub struct DeadlineSpec {
    /// The client.
    pub client_id: i64,
    /// The fields.
    pub form: DueForm,
}

impl FormSpec for DeadlineSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        Ok(Write::AddDeadline(
            self.form.to_deadline(self.client_id, today)?,
        ))
    }

    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Action(Action::TabDeadlines)]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::Deadline(self.client_id))
    }
}

/// A new action, for a client or none.
#[derive(Debug, Clone)]
pub struct ActionSpec {
    /// The client, if any.
    pub client_id: Option<i64>,
    /// The fields.
    pub form: DueForm,
}

impl FormSpec for ActionSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        Ok(Write::AddAction(
            self.form.to_action(self.client_id, today)?,
        ))
    }

    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Action(Action::TabDeadlines)]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::Action(self.client_id))
    }
}

/// The deadline form.
#[must_use]
pub fn deadline(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let spec = DeadlineSpec {
        client_id,
        form: DueForm::new(true, theme),
    };
    Form::new(spec, "New deadline".into(), today, theme)
}

/// The action form.
#[must_use]
pub fn action(client_id: Option<i64>, theme: Theme, today: NaiveDate) -> Form {
    let spec = ActionSpec {
        client_id,
        form: DueForm::new(false, theme),
    };
    Form::new(spec, "New action (a small to-do)".into(), today, theme)
}

/// The first option of a choice nothing is taken from until it is moved:
/// what is recorded is what the practitioner picked, never a default.
const UNCHOSEN: &str = "(choose one)";

/// What came of a deadline: chosen among the visit outcomes for a
/// statutory visit, among the fixed answers where the law fixes them (a
/// tribunal application window: applied / not-applied), typed otherwise.
#[derive(Debug, Clone)]
pub enum DoneOutcome {
    /// A statutory visit's outcome (only seen or seen alone completes it).
    Visit(Choice<Option<VisitOutcome>>),
    /// One of the rule's fixed answers (MHA 1983 s66: an application was
    /// made in the period, or not).
    Fixed(Choice<Option<String>>),
    /// Words: required for a renewal, optional otherwise, as the rule's
    /// completion meaning says (the same check as the CLI and batch).
    Said(CompletionMeaning, Field),
}

impl super::field::AsField for DoneOutcome {
    fn as_field(&self) -> &Field {
        match self {
            DoneOutcome::Visit(c) => &c.field,
            DoneOutcome::Fixed(c) => &c.field,
            DoneOutcome::Said(_, f) => f,
        }
    }
    fn as_field_mut(&mut self) -> &mut Field {
        match self {
            DoneOutcome::Visit(c) => &mut c.field,
            DoneOutcome::Fixed(c) => &mut c.field,
            DoneOutcome::Said(_, f) => f,
        }
    }
}

/// `options` after the unchosen first option.
fn unchosen_first<T>(options: impl Iterator<Item = (T, String)>) -> Vec<(Option<T>, String)> {
    std::iter::once((None, UNCHOSEN.to_string()))
        .chain(options.map(|(v, l)| (Some(v), l)))
        .collect()
}

typed_form! {
    /// Marking a deadline done.
    DoneForm {
        /// When it was done.
        on,
        /// What came of it.
        outcome: DoneOutcome,
    }
}

/// Marking deadline `id` done.
#[derive(Debug, Clone)]
pub struct DeadlineDoneSpec {
    /// The deadline.
    pub id: i64,
    /// The fields.
    pub form: DoneForm,
}

impl FormSpec for DeadlineDoneSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        let f = &self.form;
        let on =
            f.on.required_date(today, "the date it was done is needed")?;
        let how = match &f.outcome {
            DoneOutcome::Visit(c) => Completion::Visit(
                c.picked("choose what came of the visit")?
                    .ok_or_else(|| c.field.problem("choose what came of the visit"))?,
            ),
            DoneOutcome::Fixed(c) => Completion::Outcome(Some(
                c.picked("choose the outcome")?
                    .ok_or_else(|| c.field.problem("choose the outcome"))?,
            )),
            // The one check every door makes (CLI, batch, this form).
            DoneOutcome::Said(meaning, said) => Completion::Outcome(
                meaning
                    .check_outcome(said.opt().as_deref())
                    .map_err(|e| said.problem(&e))?,
            ),
        };
        Ok(Write::CompleteDeadline {
            id: self.id,
            on,
            how,
        })
    }

    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Action(Action::TabDeadlines)]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::DeadlineDone(self.id))
    }
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
    let outcome = if rule.is_some_and(|r| r.records_visit) {
        let outcomes = unchosen_first(VisitOutcome::ALL.iter().map(|o| (*o, o.label().into())));
        DoneOutcome::Visit(Choice::new("Outcome", "outcome", outcomes, 0, theme))
    } else if !meaning.choices.is_empty() {
        let answers = unchosen_first(meaning.choices.iter().map(|c| (c.clone(), c.clone())));
        DoneOutcome::Fixed(Choice::new("Outcome", "outcome", answers, 0, theme))
    } else {
        let label = if meaning.needs_outcome {
            "Renewed? Outcome"
        } else {
            "Outcome"
        };
        let said = Field::text(label, "outcome", FieldKind::Text, "", theme);
        DoneOutcome::Said(meaning.clone(), said)
    };
    let spec = DeadlineDoneSpec {
        id: d.id,
        form: DoneForm {
            on: Field::text(
                "Done on",
                "done on",
                FieldKind::Date { required: true },
                "today",
                theme,
            ),
            outcome,
        },
    };
    let what = crate::domain::cell::cell_text(&d.what);
    let title = if rule.is_some() {
        format!("{} \"{what}\" — {}", meaning.question, meaning.meaning)
    } else {
        format!("Mark \"{what}\" done")
    };
    Form::new(spec, title, today, theme)
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

/// Marking a plan action done: the current plan's action ids, in the
/// order (and numbering from 1) the Plan tab shows them.
#[derive(Debug, Clone)]
pub struct PlanActionDoneSpec {
    /// The actions' ids, in the Plan tab's order.
    pub ids: Vec<i64>,
    /// The fields.
    pub form: PlanDoneForm,
}

impl FormSpec for PlanActionDoneSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        let (ids, f) = (&self.ids, &self.form);
        let id = f
            .number
            .value()
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
        Ok(Write::CompletePlanAction {
            id: *id,
            on: f
                .on
                .required_date(today, "the date it was done is needed")?,
        })
    }

    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Action(Action::TabPlan)]
    }

    // Only a number and a date are typed.
    fn draft_key(&self) -> Option<DraftKey> {
        None
    }
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
    let spec = PlanActionDoneSpec {
        ids: plan.actions.iter().map(|a| a.id).collect(),
        form: PlanDoneForm {
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
    };
    Form::new(spec, "Mark a plan action done".into(), today, theme)
}
