//! The forms that make or change a client's record: details, network
//! members, care plan reviews. Each is a struct of typed fields with its
//! conversion to the domain value.

use chrono::NaiveDate;

use super::form::{Field, FieldKind, Problem};
use super::typed_form;
use crate::domain::text::sanitize;
use crate::domain::{
    CarePlan, Client, NewCarePlan, NewClient, NewNetworkMember, RiskLevel, Service,
};
use crate::ui::theme::Theme;

const SERVICES: [&str; 2] = ["Adult", "Children"];
const RISKS: [&str; 3] = ["Low", "Medium", "High"];
/// Consent to share, in the order of [`consent_choice`].
const CONSENT: [&str; 3] = ["Not recorded", "Yes", "No"];

/// The consent choice's index for a stored answer.
fn consent_choice(consent: Option<bool>) -> usize {
    match consent {
        None => 0,
        Some(true) => 1,
        Some(false) => 2,
    }
}

fn s(v: Option<&String>) -> String {
    v.map(|x| sanitize(x).into_owned()).unwrap_or_default()
}

typed_form! {
    /// A client's details, risk and alerts.
    ClientForm {
        /// Given name.
        given,
        /// Family name.
        family,
        /// Preferred name.
        preferred,
        /// Pronouns.
        pronouns,
        /// Date of birth.
        dob,
        /// Record number.
        record,
        /// NHS number (check digit verified).
        nhs,
        /// Address.
        address,
        /// Phone.
        phone,
        /// First language.
        language,
        /// Needs an interpreter.
        interpreter,
        /// The GP.
        gp,
        /// Consent to share: not recorded, yes, no.
        consent,
        /// Team.
        team,
        /// Adult or children's service.
        service,
        /// Visiting frequency in days.
        visit_every,
        /// Risk level.
        risk,
        /// Risk summary.
        risk_summary,
        /// Alerts, one a line.
        alerts,
    }
}

impl ClientForm {
    /// Blank, or filled from `c`.
    #[must_use]
    pub fn new(c: Option<&Client>, theme: Theme) -> ClientForm {
        let t = |label, key, kind, v: String| Field::text(label, key, kind, &v, theme);
        let risk = c.map_or(0, |c| {
            RiskLevel::ALL
                .iter()
                .position(|r| *r == c.risk)
                .unwrap_or(0)
        });
        let service = c.map_or(0, |c| {
            Service::ALL
                .iter()
                .position(|r| *r == c.service)
                .unwrap_or(0)
        });
        let name = |f: fn(&Client) -> &String| c.map(|c| sanitize(f(c)).into_owned());
        ClientForm {
            given: t(
                "Given name",
                "given name",
                FieldKind::Text,
                name(|c| &c.given_name).unwrap_or_default(),
            )
            .required(),
            family: t(
                "Family name",
                "family name",
                FieldKind::Text,
                name(|c| &c.family_name).unwrap_or_default(),
            )
            .required(),
            preferred: t(
                "Preferred name",
                "preferred name",
                FieldKind::Text,
                s(c.and_then(|c| c.preferred_name.as_ref())),
            ),
            pronouns: t(
                "Pronouns",
                "pronouns",
                FieldKind::Text,
                s(c.and_then(|c| c.pronouns.as_ref())),
            ),
            dob: t(
                "Date of birth",
                "date of birth",
                FieldKind::Date { required: false },
                c.and_then(|c| c.dob)
                    .map(crate::dates::display::date)
                    .unwrap_or_default(),
            ),
            record: t(
                "Record no.",
                "record number",
                FieldKind::Text,
                s(c.and_then(|c| c.record_no.as_ref())),
            ),
            nhs: t(
                "NHS number",
                crate::domain::nhs::FIELD,
                FieldKind::Text,
                c.and_then(|c| c.nhs_number.as_deref())
                    .map(crate::domain::nhs::display)
                    .unwrap_or_default(),
            ),
            address: t(
                "Address",
                "address",
                FieldKind::Text,
                s(c.and_then(|c| c.address.as_ref())),
            ),
            phone: t(
                "Phone",
                "phone",
                FieldKind::Text,
                s(c.and_then(|c| c.phone.as_ref())),
            ),
            language: t(
                "First language",
                "language",
                FieldKind::Text,
                s(c.and_then(|c| c.language.as_ref())),
            ),
            interpreter: Field::check(
                "Interpreter",
                "interpreter",
                c.is_some_and(|c| c.interpreter),
                theme,
            ),
            gp: t(
                "GP",
                "GP",
                FieldKind::Text,
                s(c.and_then(|c| c.gp.as_ref())),
            ),
            consent: Field::choice(
                "Consent to share",
                "consent to share",
                CONSENT.to_vec(),
                consent_choice(c.and_then(|c| c.consent_to_share)),
                theme,
            ),
            team: t(
                "Team",
                "team",
                FieldKind::Text,
                s(c.and_then(|c| c.team.as_ref())),
            ),
            service: Field::choice("Service", "service", SERVICES.to_vec(), service, theme),
            visit_every: t(
                "Visit every (days)",
                "visit every",
                FieldKind::Text,
                c.and_then(|c| c.visit_every_days)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            risk: Field::choice("Risk", "risk", RISKS.to_vec(), risk, theme),
            risk_summary: t(
                "Risk summary",
                "risk summary",
                FieldKind::Long,
                s(c.and_then(|c| c.risk_summary.as_ref())),
            ),
            alerts: t(
                "Alerts (one a line)",
                "alert",
                FieldKind::Long,
                c.map(|c| {
                    c.alerts
                        .iter()
                        .map(|a| sanitize(a).into_owned())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default(),
            ),
        }
    }

    /// The client as filled in.
    pub fn to_client(&self, today: NaiveDate) -> Result<NewClient, Problem> {
        let visit = match self.visit_every.opt() {
            None => None,
            Some(v) => Some(v.trim().parse::<u32>().map_err(|_| {
                self.visit_every
                    .problem("should be a number of days, for example 28")
            })?),
        };
        // The same check the store makes, so the problem shows beside the
        // field before anything is sent.
        let nhs_number = crate::domain::nhs::parse_opt(self.nhs.opt().as_deref())
            .map_err(|e| self.nhs.problem(&e.problem))?;
        Ok(NewClient {
            nhs_number,
            gp: self.gp.opt(),
            consent_to_share: match self.consent.choice {
                1 => Some(true),
                2 => Some(false),
                _ => None,
            },
            given_name: self.given.value(),
            family_name: self.family.value(),
            preferred_name: self.preferred.opt(),
            pronouns: self.pronouns.opt(),
            dob: self.dob.birth_date(today)?,
            record_no: self.record.opt(),
            address: self.address.opt(),
            phone: self.phone.opt(),
            language: self.language.opt(),
            interpreter: self.interpreter.checked,
            team: self.team.opt(),
            service: Service::ALL.get(self.service.choice).copied(),
            visit_every_days: visit,
            risk: RiskLevel::ALL.get(self.risk.choice).copied(),
            risk_summary: self.risk_summary.opt(),
            alerts: self
                .alerts
                .value()
                .lines()
                .map(str::to_string)
                .filter(|a| !a.trim().is_empty())
                .collect(),
            opened_on: None,
        })
    }
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
