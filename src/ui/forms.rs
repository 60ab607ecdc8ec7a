//! The forms caseload shows, each a struct of typed fields with its
//! conversion to the domain value the store takes. Validation itself lives
//! in the domain; a problem found here or by the store is shown beside its
//! field (the store names fields by `ValidationError::field`, which each
//! field carries as its `key`).

use chrono::NaiveDate;

use super::form::{Field, FieldKind, Form, Problem};
use super::theme::Theme;
use super::write::Write;
use crate::domain::text::sanitize;
use crate::domain::{
    CarePlan, Client, EpisodeKind, NewAction, NewCarePlan, NewClient, NewDeadline, NewEpisode,
    NewNetworkMember, PlanAction, RiskLevel, Service,
};

const SERVICES: [&str; 2] = ["Adult", "Children"];
const RISKS: [&str; 3] = ["Low", "Medium", "High"];

fn s(v: Option<&String>) -> String {
    v.map(|x| sanitize(x).into_owned()).unwrap_or_default()
}

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
        /// Address.
        address,
        /// Phone.
        phone,
        /// First language.
        language,
        /// Needs an interpreter.
        interpreter,
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
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            record: t(
                "Record no.",
                "record number",
                FieldKind::Text,
                s(c.and_then(|c| c.record_no.as_ref())),
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
        Ok(NewClient {
            given_name: self.given.value(),
            family_name: self.family.value(),
            preferred_name: self.preferred.opt(),
            pronouns: self.pronouns.opt(),
            dob: self.dob.date(today)?,
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
                    .map(|a| {
                        format!(
                            "{} ; {} ; {}",
                            sanitize(&a.what),
                            sanitize(&a.owner),
                            a.due.map(|d| d.to_string()).unwrap_or_default()
                        )
                        .trim_end_matches([' ', ';'])
                        .to_string()
                    })
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
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
        }
    }

    /// The new version as filled in.
    pub fn to_plan(&self, today: NaiveDate) -> Result<NewCarePlan, Problem> {
        let mut actions = Vec::new();
        let text = self.actions.value();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let mut parts = line.split(';').map(str::trim);
            let what = parts.next().unwrap_or_default().to_string();
            let owner = parts.next().unwrap_or_default().to_string();
            let due = match parts.next().filter(|d| !d.is_empty()) {
                Some(d) => Some(
                    crate::dates::parse_date(d, today)
                        .map_err(|e| self.actions.problem(&format!("a date: {e}")))?,
                ),
                None => None,
            };
            actions.push(PlanAction {
                id: 0,
                what,
                owner,
                due,
                done_on: None,
            });
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
    /// A legal episode: the framework, its start and notes. Its deadlines
    /// follow from the rule packs when it is saved.
    EpisodeForm {
        /// The legal framework.
        kind,
        /// When it started.
        start,
        /// Notes.
        notes,
    }
}

impl EpisodeForm {
    /// A blank form starting today.
    #[must_use]
    pub fn new(theme: Theme) -> EpisodeForm {
        let kinds: Vec<&'static str> = EpisodeKind::ALL.iter().map(|k| k.label()).collect();
        EpisodeForm {
            kind: Field::choice("Framework", "kind", kinds, 0, theme),
            start: Field::text(
                "Start",
                "start",
                FieldKind::Date { required: true },
                "today",
                theme,
            ),
            notes: Field::text("Notes", "notes", FieldKind::Text, "", theme),
        }
    }

    /// The episode as filled in.
    pub fn to_episode(&self, client_id: i64, today: NaiveDate) -> Result<NewEpisode, Problem> {
        let kind = EpisodeKind::ALL
            .get(self.kind.choice)
            .copied()
            .ok_or_else(|| self.kind.problem("choose a framework"))?;
        Ok(NewEpisode {
            client_id,
            kind,
            start_on: self.start.required_date(today, "a start date is needed")?,
            notes: self.notes.opt(),
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
    /// A new legal episode for a client.
    Episode(i64, EpisodeForm),
    /// A new action, for a client or none.
    Action(Option<i64>, DueForm),
    /// An addendum to a final note.
    Addendum(i64, AddendumForm),
    /// Finalising a late note (the draft's id).
    LateFinalise(i64, LateForm),
    /// Marking a deadline done.
    DeadlineDone(i64, DoneForm),
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
            Spec::Episode(_, f) => f.fields(),
            Spec::Addendum(_, f) => f.fields(),
            Spec::LateFinalise(_, f) => f.fields(),
            Spec::DeadlineDone(_, f) => f.fields(),
        }
    }

    /// The fields, mutably.
    pub fn fields_mut(&mut self) -> Vec<&mut Field> {
        match self {
            Spec::NewClient(f) | Spec::EditClient(_, f) => f.fields_mut(),
            Spec::Network(_, f) => f.fields_mut(),
            Spec::PlanReview(_, f) => f.fields_mut(),
            Spec::Deadline(_, f) | Spec::Action(_, f) => f.fields_mut(),
            Spec::Episode(_, f) => f.fields_mut(),
            Spec::Addendum(_, f) => f.fields_mut(),
            Spec::LateFinalise(_, f) => f.fields_mut(),
            Spec::DeadlineDone(_, f) => f.fields_mut(),
        }
    }

    /// The write this form asks for, or the field at fault.
    pub fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        Ok(match self {
            Spec::NewClient(f) => Write::AddClient(f.to_client(today)?),
            Spec::EditClient(id, f) => Write::UpdateClient(*id, f.to_client(today)?),
            Spec::Network(cid, f) => Write::AddNetwork(f.to_member(*cid)),
            Spec::PlanReview(cid, f) => Write::AddPlan(*cid, f.to_plan(today)?),
            Spec::Deadline(cid, f) => Write::AddDeadline(f.to_deadline(*cid, today)?),
            Spec::Episode(cid, f) => Write::AddEpisode(f.to_episode(*cid, today)?),
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
            Spec::DeadlineDone(id, f) => Write::CompleteDeadline {
                id: *id,
                on: f
                    .on
                    .required_date(today, "the date it was done is needed")?,
                outcome: f.outcome.opt(),
            },
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

/// The legal episode form.
#[must_use]
pub fn episode(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let spec = Spec::Episode(client_id, EpisodeForm::new(theme));
    let title = "New legal episode (deadlines follow from the rules)".into();
    Form::new(spec, title, today, theme)
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

/// The "mark deadline done" form.
#[must_use]
pub fn deadline_done(deadline_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let spec = Spec::DeadlineDone(
        deadline_id,
        DoneForm {
            on: Field::text(
                "Done on",
                "done on",
                FieldKind::Date { required: true },
                "today",
                theme,
            ),
            outcome: Field::text("Outcome", "outcome", FieldKind::Text, "", theme),
        },
    );
    Form::new(spec, "Mark deadline done".into(), today, theme)
}
