//! The case supervision form (`s` on a client): the day, who supervised,
//! what was decided (one decision a line), what was discussed, up to three
//! actions each with its owner and by-date, the next review, and whether to
//! seal it now. What is typed is kept on the timer like any form's text
//! (its `FormSpec::draft_key`), so nothing is lost before it is saved; saved
//! unsealed it is a draft note of kind supervision, finalised from the
//! Notes tab like any draft.

use chrono::{NaiveDate, NaiveTime};

use super::draft::DraftKey;
use super::{Field, FieldKind, Form, FormSpec, Problem, fields_of, typed_form};
use crate::action::Action;
use crate::domain::{NewSupervision, SupervisionAction};
use crate::ui::screen::{Effect, Outcome};
use crate::ui::theme::Theme;
use crate::ui::write::Write;

typed_form! {
    /// A case supervision about one client.
    SupervisionForm {
        /// When supervision took place.
        on,
        /// Who supervised.
        supervisor,
        /// What was decided, one decision a line.
        decisions,
        /// What was discussed.
        discussion,
        /// The first action agreed.
        action1,
        /// Who does it.
        owner1,
        /// By when.
        by1,
        /// A second action.
        action2,
        /// Who does it.
        owner2,
        /// By when.
        by2,
        /// A third action.
        action3,
        /// Who does it.
        owner3,
        /// By when.
        by3,
        /// When the case is next reviewed in supervision.
        next_review,
        /// Seal it now (corrections are then addenda).
        finalise,
        /// Why it is written up late, when it is.
        late_reason,
    }
}

fn text(label: &'static str, key: &'static str, theme: Theme) -> Field {
    Field::text(label, key, FieldKind::Text, "", theme)
}

fn by(label: &'static str, key: &'static str, theme: Theme) -> Field {
    Field::text(label, key, FieldKind::Date { required: false }, "", theme)
}

impl SupervisionForm {
    /// A blank form dated today, to be sealed on saving.
    #[must_use]
    pub fn new(theme: Theme) -> SupervisionForm {
        SupervisionForm {
            on: Field::text(
                "Date",
                "on",
                FieldKind::Date { required: true },
                "today",
                theme,
            ),
            supervisor: text("Supervisor", "supervisor", theme).required(),
            decisions: Field::text(
                "Decisions (a line each)",
                "decision",
                FieldKind::Long,
                "",
                theme,
            )
            .required(),
            discussion: Field::text("Discussion", "discussion", FieldKind::Long, "", theme),
            action1: text("Action 1", "action 1", theme).also_for("action"),
            owner1: text("  owner", "owner 1", theme).also_for("owner"),
            by1: by("  by", "by 1", theme),
            action2: text("Action 2", "action 2", theme),
            owner2: text("  owner", "owner 2", theme),
            by2: by("  by", "by 2", theme),
            action3: text("Action 3", "action 3", theme),
            owner3: text("  owner", "owner 3", theme),
            by3: by("  by", "by 3", theme),
            next_review: by("Next review", "next review", theme),
            finalise: Field::check("Finalise (seal) now", "finalise", true, theme),
            late_reason: text("Reason if late", "reason for late entry", theme),
        }
    }

    /// Each action row that has anything typed in it: what, owner, by;
    /// a row half filled is the field left empty.
    fn actions(&self, today: NaiveDate) -> Result<Vec<SupervisionAction>, Problem> {
        let rows = [
            (&self.action1, &self.owner1, &self.by1),
            (&self.action2, &self.owner2, &self.by2),
            (&self.action3, &self.owner3, &self.by3),
        ];
        let mut out = Vec::new();
        for (what, owner, by) in rows {
            if what.opt().is_none() && owner.opt().is_none() && by.input.is_blank() {
                continue;
            }
            let what_text = what.opt().ok_or_else(|| {
                what.problem("say what is to be done (or clear its owner and date)")
            })?;
            let owner = owner
                .opt()
                .ok_or_else(|| owner.problem("say who does it (you, the manager, a service)"))?;
            let by = by.required_date(today, "say by when")?;
            out.push(SupervisionAction {
                what: what_text,
                owner,
                by,
            });
        }
        Ok(out)
    }

    /// The write as filled in.
    pub fn to_write(&self, client_id: i64, today: NaiveDate) -> Result<Write, Problem> {
        let on = self
            .on
            .required_date(today, "the date of supervision is needed")?;
        let decisions: Vec<String> = self
            .decisions
            .value()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if decisions.is_empty() {
            return Err(self.decisions.problem("write at least one decision"));
        }
        let new = NewSupervision {
            client_id,
            on: on.and_time(NaiveTime::MIN),
            supervisor: self.supervisor.value(),
            decisions,
            discussion: self.discussion.value(),
            actions: self.actions(today)?,
            next_review: self.next_review.date(today)?,
        };
        Ok(Write::AddSupervision {
            new,
            finalise: self.finalise.checked,
            late_reason: self.late_reason.opt(),
        })
    }
}

/// A case supervision about a client.
#[derive(Debug, Clone)]
pub struct SupervisionSpec {
    /// The client.
    pub client_id: i64,
    /// The fields.
    pub form: Box<SupervisionForm>,
}

impl FormSpec for SupervisionSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        self.form.to_write(self.client_id, today)
    }

    // A supervision is an entry in the chronology: show it there.
    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Action(Action::TabChronology)]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::Supervision(self.client_id))
    }
}

/// The case supervision form for a client.
#[must_use]
pub fn supervision(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let spec = SupervisionSpec {
        client_id,
        form: Box::new(SupervisionForm::new(theme)),
    };
    let title = "Case supervision (on the client's record)".into();
    Form::new(spec, title, today, theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn type_into(f: &mut Field, text: &str) {
        f.input.set_text(text);
    }

    fn filled() -> SupervisionForm {
        let mut f = SupervisionForm::new(Theme::default());
        type_into(&mut f.supervisor, "Sam Reed");
        type_into(
            &mut f.decisions,
            "Refer to the panel\n\n Keep the case open ",
        );
        type_into(&mut f.action1, "Write the panel report");
        type_into(&mut f.owner1, "Me");
        type_into(&mut f.by1, "+3d");
        f
    }

    #[test]
    fn each_line_is_a_decision_and_each_filled_row_an_action() {
        let Write::AddSupervision {
            new,
            finalise,
            late_reason,
        } = filled().to_write(7, today()).unwrap()
        else {
            panic!("not a supervision write")
        };
        assert_eq!(new.client_id, 7);
        assert_eq!(new.on, today().and_time(NaiveTime::MIN));
        assert_eq!(new.decisions, ["Refer to the panel", "Keep the case open"]);
        assert_eq!(new.actions.len(), 1);
        assert_eq!(new.actions[0].owner, "Me");
        // 22 November 2026 + 3 days.
        assert_eq!(
            new.actions[0].by,
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
        );
        assert!(finalise, "sealed unless unticked");
        assert_eq!(late_reason, None);
    }

    #[test]
    fn a_half_filled_action_row_names_the_empty_field() {
        let mut f = filled();
        type_into(&mut f.owner1, "");
        assert_eq!(f.to_write(7, today()).unwrap_err().field, "owner 1");
        let mut f = filled();
        type_into(&mut f.by1, "");
        assert_eq!(f.to_write(7, today()).unwrap_err().field, "by 1");
        let mut f = filled();
        type_into(&mut f.owner2, "Manager");
        assert_eq!(f.to_write(7, today()).unwrap_err().field, "action 2");
    }

    #[test]
    fn no_decision_is_refused_beside_its_field() {
        let mut f = filled();
        type_into(&mut f.decisions, "  \n ");
        assert_eq!(f.to_write(7, today()).unwrap_err().field, "decision");
    }
}
