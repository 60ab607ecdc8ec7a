//! The forms that add to a client's record: a network member (new or
//! edited) and a care plan review (a new version). Each is a struct of
//! typed fields with its conversion to the domain value.

use chrono::NaiveDate;

use super::draft::DraftKey;
use super::{Field, FieldKind, Form, FormSpec, Problem, fields_of, typed_form};
use crate::action::Action;
use crate::domain::text::sanitize;
use crate::domain::{CarePlan, NewCarePlan, NewNetworkMember};
use crate::ui::screen::{Effect, Outcome};
use crate::ui::theme::Theme;
use crate::ui::write::Write;

/// A stored value as a form shows it (sanitised; blank when none).
pub(super) fn s(v: Option<&String>) -> String {
    v.map(|x| sanitize(x).into_owned()).unwrap_or_default()
}

typed_form! {
    /// A new member of a client's network.
    NetworkForm {
        /// Name.
        name,
        /// Role.
        role,
        /// Organisation.
        organisation,
        /// Relationship to the client.
        relationship,
        /// Phone.
        phone,
        /// Email.
        email,
        /// Consent to share information.
        consent,
        /// Notes.
        notes,
    }
}

impl NetworkForm {
    /// A blank form.
    #[must_use]
    pub fn new(theme: Theme) -> NetworkForm {
        let t = |label, key, kind| Field::text(label, key, kind, "", theme);
        NetworkForm {
            name: t("Name", "name", FieldKind::Text).required(),
            role: t("Role", "role", FieldKind::Text),
            organisation: t("Organisation", "organisation", FieldKind::Text),
            relationship: t("Relationship", "relationship", FieldKind::Text),
            phone: t("Phone", "phone", FieldKind::Text),
            email: t("Email", "email", FieldKind::Text),
            consent: Field::check("Consent to share", "consent", false, theme),
            notes: t("Notes", "notes", FieldKind::Long),
        }
    }

    /// Filled from a stored member (to edit it).
    #[must_use]
    pub fn filled(m: &crate::domain::NetworkMember, theme: Theme) -> NetworkForm {
        let mut f = NetworkForm::new(theme);
        let v = |x: &String| sanitize(x).into_owned();
        f.name.input.set_text(&v(&m.name));
        f.role.input.set_text(&v(&m.role));
        f.organisation.input.set_text(&s(m.organisation.as_ref()));
        f.relationship.input.set_text(&s(m.relationship.as_ref()));
        f.phone.input.set_text(&s(m.phone.as_ref()));
        f.email.input.set_text(&s(m.email.as_ref()));
        f.consent.checked = m.consent_to_share;
        f.notes.input.set_text(&s(m.notes.as_ref()));
        f
    }

    /// The member as filled in.
    #[must_use]
    pub fn to_member(&self, client_id: i64) -> NewNetworkMember {
        NewNetworkMember {
            client_id,
            name: self.name.value(),
            role: self.role.value(),
            organisation: self.organisation.opt(),
            relationship: self.relationship.opt(),
            phone: self.phone.opt(),
            email: self.email.opt(),
            consent_to_share: self.consent.checked,
            notes: self.notes.opt(),
        }
    }
}

typed_form! {
    /// A care plan review: writes a new version.
    PlanForm {
        /// Needs.
        needs,
        /// Outcomes.
        outcomes,
        /// Strengths.
        strengths,
        /// Crisis plan.
        crisis,
        /// Actions, one a line: what ; who ; by.
        actions,
        /// Next review.
        next_review,
    }
}

impl PlanForm {
    /// Filled from the current version (a review writes a new one).
    #[must_use]
    pub fn new(current: Option<&CarePlan>, theme: Theme) -> PlanForm {
        let t = |label, key, kind, v: String| Field::text(label, key, kind, &v, theme);
        let text = |f: fn(&CarePlan) -> &String| {
            current
                .map(|p| sanitize(f(p)).into_owned())
                .unwrap_or_default()
        };
        let actions = current
            .map(|p| {
                p.actions
                    .iter()
                    .map(|a| sanitize(&crate::domain::plan::action_line(a)).into_owned())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        PlanForm {
            needs: t("Needs", "needs", FieldKind::Long, text(|p| &p.needs)),
            outcomes: t(
                "Outcomes",
                "outcomes",
                FieldKind::Long,
                text(|p| &p.outcomes),
            ),
            strengths: t(
                "Strengths",
                "strengths",
                FieldKind::Long,
                text(|p| &p.strengths),
            ),
            crisis: t(
                "Crisis plan",
                "crisis plan",
                FieldKind::Long,
                text(|p| &p.crisis_plan),
            ),
            // The store calls a plan action's problems "owner" or "plan action".
            actions: t(
                "Actions: what ; who ; by",
                "plan action",
                FieldKind::Long,
                actions,
            )
            .also_for("owner"),
            next_review: t(
                "Next review",
                "next review",
                FieldKind::Date { required: false },
                current
                    .and_then(|p| p.next_review)
                    .map(crate::dates::display::date)
                    .unwrap_or_default(),
            ),
        }
    }

    /// The new version as filled in.
    pub fn to_plan(&self, today: NaiveDate) -> Result<NewCarePlan, Problem> {
        let mut actions = Vec::new();
        let text = self.actions.value();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            actions.push(
                crate::domain::plan::parse_action_line(line, today)
                    .map_err(|e| self.actions.problem(&e))?,
            );
        }
        Ok(NewCarePlan {
            needs: self.needs.value(),
            outcomes: self.outcomes.value(),
            strengths: self.strengths.value(),
            crisis_plan: self.crisis.value(),
            next_review: self.next_review.date(today)?,
            actions,
        })
    }
}

/// A new network member for a client.
#[derive(Debug, Clone)]
pub struct NetworkSpec {
    /// The client.
    pub client_id: i64,
    /// The fields.
    pub form: NetworkForm,
}

impl FormSpec for NetworkSpec {
    fields_of!(form);

    fn to_write(&self, _today: NaiveDate) -> Result<Write, Problem> {
        Ok(Write::AddNetwork(self.form.to_member(self.client_id)))
    }

    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Action(Action::TabNetwork)]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::Network(self.client_id))
    }
}

/// The network member form.
#[must_use]
pub fn network(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let spec = NetworkSpec {
        client_id,
        form: NetworkForm::new(theme),
    };
    Form::new(spec, "New network member".into(), today, theme)
}

/// A new care plan version for a client.
#[derive(Debug, Clone)]
pub struct PlanSpec {
    /// The client.
    pub client_id: i64,
    /// The fields.
    pub form: PlanForm,
}

impl FormSpec for PlanSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        Ok(Write::AddPlan(self.client_id, self.form.to_plan(today)?))
    }

    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Action(Action::TabPlan)]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::PlanReview(self.client_id))
    }
}

/// The care plan form, filled from the current version.
#[must_use]
pub fn plan(client_id: i64, current: Option<&CarePlan>, theme: Theme, today: NaiveDate) -> Form {
    let title = match current {
        Some(p) => format!("Review care plan (writes version {})", p.version + 1),
        None => "New care plan".into(),
    };
    let spec = PlanSpec {
        client_id,
        form: PlanForm::new(current, theme),
    };
    Form::new(spec, title, today, theme)
}
