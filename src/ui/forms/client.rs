//! The client form: a client's details, risk and alerts, new or edited.
//! Its choices (consent, service, risk) are typed over what they choose.

use chrono::NaiveDate;

use super::draft::DraftKey;
use super::record::s;
use super::{Choice, Field, FieldKind, Form, FormSpec, Problem, fields_of, typed_form};
use crate::domain::text::sanitize;
use crate::domain::{Client, NewClient, RiskLevel, Service};
use crate::ui::screen::Tab;
use crate::ui::screen::{Effect, Outcome};
use crate::ui::theme::Theme;
use crate::ui::write::Write;

/// Consent to share, in the order shown.
const CONSENT: [(Option<bool>, &str); 3] = [
    (None, "Not recorded"),
    (Some(true), "Yes"),
    (Some(false), "No"),
];

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
        consent: Choice<Option<bool>>,
        /// Team.
        team,
        /// Adult or children's service.
        service: Choice<Service>,
        /// Visiting frequency in days.
        visit_every,
        /// Risk level.
        risk: Choice<RiskLevel>,
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
                .position(|s| *s == c.service)
                .unwrap_or(0)
        });
        let services = Service::ALL.iter().map(|s| (*s, s.label())).collect();
        let risks = RiskLevel::ALL.iter().map(|r| (*r, r.label())).collect();
        let consent = c.map_or(0, |c| {
            CONSENT
                .iter()
                .position(|(v, _)| *v == c.consent_to_share)
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
            consent: Choice::new(
                "Consent to share",
                "consent to share",
                CONSENT.to_vec(),
                consent,
                theme,
            ),
            team: t(
                "Team",
                "team",
                FieldKind::Text,
                s(c.and_then(|c| c.team.as_ref())),
            ),
            service: Choice::new("Service", "service", services, service, theme),
            visit_every: t(
                "Visit every (days)",
                "visit every",
                FieldKind::Text,
                c.and_then(|c| c.visit_every_days)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            risk: Choice::new("Risk", "risk", risks, risk, theme),
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
            consent_to_share: self.consent.picked("choose whether they consent")?,
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
            service: Some(self.service.picked("choose the service")?),
            visit_every_days: visit,
            risk: Some(self.risk.picked("choose the risk level")?),
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

/// A new client (`id` none) or a client's details.
#[derive(Debug, Clone)]
pub struct ClientSpec {
    /// The client edited; none for a new one.
    pub id: Option<i64>,
    /// The fields.
    pub form: ClientForm,
}

impl FormSpec for ClientSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        let c = self.form.to_client(today)?;
        Ok(match self.id {
            Some(id) => Write::UpdateClient(id, c),
            None => Write::AddClient(c),
        })
    }

    // A new client's record opens on its Summary.
    fn after_save(&self, saved: &Outcome) -> Vec<Effect> {
        match (self.id, saved.id) {
            (None, Some(id)) => vec![Effect::OpenClient {
                id,
                tab: Tab::Summary,
                offer_draft: false,
            }],
            _ => Vec::new(),
        }
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(match self.id {
            Some(id) => DraftKey::EditClient(id),
            None => DraftKey::NewClient,
        })
    }
}

/// The client form, blank or filled from `c`.
#[must_use]
pub fn client(c: Option<&Client>, theme: Theme, today: NaiveDate) -> Form {
    let spec = ClientSpec {
        id: c.map(|c| c.id),
        form: ClientForm::new(c, theme),
    };
    let title = if c.is_some() {
        "Edit client"
    } else {
        "New client"
    };
    Form::new(spec, title.into(), today, theme)
}
