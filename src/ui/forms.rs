//! The forms caseload shows, and turning a filled form into the domain value
//! the store takes. Validation itself lives in the domain; a problem comes
//! back naming its field and is shown beside it.

use chrono::NaiveDate;

use super::form::{Field, FieldKind, Form, FormKind};
use super::theme::Theme;
use crate::domain::text::sanitize;
use crate::domain::{
    CarePlan, Client, EpisodeKind, NewAction, NewCarePlan, NewClient, NewDeadline, NewEpisode,
    NewNetworkMember, RiskLevel, Service,
};

/// A field problem: the field's key and what is wrong.
pub type Problem = (&'static str, String);

const SERVICES: [&str; 2] = ["Adult", "Children"];
const RISKS: [&str; 3] = ["Low", "Medium", "High"];

fn s(v: Option<&String>) -> String {
    v.map(|x| sanitize(x).into_owned()).unwrap_or_default()
}

/// The client form, blank or filled from `c`.
#[must_use]
pub fn client(c: Option<&Client>, theme: Theme, today: NaiveDate) -> Form {
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
    let t = |label, key, kind, v: String| Field::text(label, key, kind, &v, theme);
    let fields = vec![
        t(
            "Given name",
            "given name",
            FieldKind::Text,
            c.map(|c| sanitize(&c.given_name).into_owned())
                .unwrap_or_default(),
        ),
        t(
            "Family name",
            "family name",
            FieldKind::Text,
            c.map(|c| sanitize(&c.family_name).into_owned())
                .unwrap_or_default(),
        ),
        t(
            "Preferred name",
            "preferred name",
            FieldKind::Text,
            s(c.and_then(|c| c.preferred_name.as_ref())),
        ),
        t(
            "Pronouns",
            "pronouns",
            FieldKind::Text,
            s(c.and_then(|c| c.pronouns.as_ref())),
        ),
        t(
            "Date of birth",
            "date of birth",
            FieldKind::Date { required: false },
            c.and_then(|c| c.dob)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        t(
            "Record no.",
            "record number",
            FieldKind::Text,
            s(c.and_then(|c| c.record_no.as_ref())),
        ),
        t(
            "Address",
            "address",
            FieldKind::Text,
            s(c.and_then(|c| c.address.as_ref())),
        ),
        t(
            "Phone",
            "phone",
            FieldKind::Text,
            s(c.and_then(|c| c.phone.as_ref())),
        ),
        t(
            "First language",
            "language",
            FieldKind::Text,
            s(c.and_then(|c| c.language.as_ref())),
        ),
        Field::check(
            "Interpreter",
            "interpreter",
            c.is_some_and(|c| c.interpreter),
            theme,
        ),
        t(
            "Team",
            "team",
            FieldKind::Text,
            s(c.and_then(|c| c.team.as_ref())),
        ),
        Field::choice("Service", "service", SERVICES.to_vec(), service, theme),
        t(
            "Visit every (days)",
            "visit every",
            FieldKind::Text,
            c.and_then(|c| c.visit_every_days)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        Field::choice("Risk", "risk", RISKS.to_vec(), risk, theme),
        t(
            "Risk summary",
            "risk summary",
            FieldKind::Long,
            s(c.and_then(|c| c.risk_summary.as_ref())),
        ),
        t(
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
    ];
    match c {
        Some(c) => Form::new(
            FormKind::EditClient(c.id),
            "Edit client".into(),
            fields,
            today,
        ),
        None => Form::new(FormKind::NewClient, "New client".into(), fields, today),
    }
}

/// Reads the client form.
pub fn to_client(f: &Form) -> Result<NewClient, Problem> {
    let visit = match f.opt("visit every") {
        None => None,
        Some(v) => Some(v.trim().parse::<u32>().map_err(|_| {
            (
                "visit every",
                "should be a number of days, for example 28".to_string(),
            )
        })?),
    };
    Ok(NewClient {
        given_name: f.value("given name"),
        family_name: f.value("family name"),
        preferred_name: f.opt("preferred name"),
        pronouns: f.opt("pronouns"),
        dob: f.date("date of birth")?,
        record_no: f.opt("record number"),
        address: f.opt("address"),
        phone: f.opt("phone"),
        language: f.opt("language"),
        interpreter: f.checked("interpreter"),
        team: f.opt("team"),
        service: Service::ALL.get(f.choice("service")).copied(),
        visit_every_days: visit,
        risk: RiskLevel::ALL.get(f.choice("risk")).copied(),
        risk_summary: f.opt("risk summary"),
        alerts: f
            .value("alert")
            .lines()
            .map(str::to_string)
            .filter(|a| !a.trim().is_empty())
            .collect(),
        opened_on: None,
    })
}

/// The network member form.
#[must_use]
pub fn network(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let t = |label, key, kind| Field::text(label, key, kind, "", theme);
    Form::new(
        FormKind::Network(client_id),
        "New network member".into(),
        vec![
            t("Name", "name", FieldKind::Text),
            t("Role", "role", FieldKind::Text),
            t("Organisation", "organisation", FieldKind::Text),
            t("Relationship", "relationship", FieldKind::Text),
            t("Phone", "phone", FieldKind::Text),
            t("Email", "email", FieldKind::Text),
            Field::check("Consent to share", "consent", false, theme),
            t("Notes", "notes", FieldKind::Long),
        ],
        today,
    )
}

/// Reads the network member form.
#[must_use]
pub fn to_network(f: &Form, client_id: i64) -> NewNetworkMember {
    NewNetworkMember {
        client_id,
        name: f.value("name"),
        role: f.value("role"),
        organisation: f.opt("organisation"),
        relationship: f.opt("relationship"),
        phone: f.opt("phone"),
        email: f.opt("email"),
        consent_to_share: f.checked("consent"),
        notes: f.opt("notes"),
    }
}

/// The care plan form, filled from the current version (a review writes a new one).
#[must_use]
pub fn plan(client_id: i64, current: Option<&CarePlan>, theme: Theme, today: NaiveDate) -> Form {
    let t = |label, key, kind, v: String| Field::text(label, key, kind, &v, theme);
    let actions = current
        .map(|p| {
            p.actions
                .iter()
                .map(|a| sanitize(&crate::domain::plan::action_line(a)).into_owned())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let title = match current {
        Some(p) => format!("Review care plan (writes version {})", p.version + 1),
        None => "New care plan".into(),
    };
    Form::new(
        FormKind::PlanReview(client_id),
        title,
        vec![
            t(
                "Needs",
                "needs",
                FieldKind::Long,
                current
                    .map(|p| sanitize(&p.needs).into_owned())
                    .unwrap_or_default(),
            ),
            t(
                "Outcomes",
                "outcomes",
                FieldKind::Long,
                current
                    .map(|p| sanitize(&p.outcomes).into_owned())
                    .unwrap_or_default(),
            ),
            t(
                "Strengths",
                "strengths",
                FieldKind::Long,
                current
                    .map(|p| sanitize(&p.strengths).into_owned())
                    .unwrap_or_default(),
            ),
            t(
                "Crisis plan",
                "crisis plan",
                FieldKind::Long,
                current
                    .map(|p| sanitize(&p.crisis_plan).into_owned())
                    .unwrap_or_default(),
            ),
            t(
                "Actions: what ; who ; by",
                "plan action",
                FieldKind::Long,
                actions,
            ),
            t(
                "Next review",
                "next review",
                FieldKind::Date { required: false },
                current
                    .and_then(|p| p.next_review)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
        ],
        today,
    )
}

/// Reads the care plan form.
pub fn to_plan(f: &Form) -> Result<NewCarePlan, Problem> {
    let mut actions = Vec::new();
    for line in f
        .value("plan action")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        actions.push(
            crate::domain::plan::parse_action_line(line, f.today)
                .map_err(|e| ("plan action", e))?,
        );
    }
    Ok(NewCarePlan {
        needs: f.value("needs"),
        outcomes: f.value("outcomes"),
        strengths: f.value("strengths"),
        crisis_plan: f.value("crisis plan"),
        next_review: f.date("next review")?,
        actions,
    })
}

/// The deadline form.
#[must_use]
pub fn deadline(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    Form::new(
        FormKind::Deadline(client_id),
        "New deadline".into(),
        vec![
            Field::text("What", "what", FieldKind::Text, "", theme),
            Field::text("Due", "due", FieldKind::Date { required: true }, "", theme),
        ],
        today,
    )
}

/// Reads the deadline form.
pub fn to_deadline(f: &Form, client_id: i64) -> Result<NewDeadline, Problem> {
    let due = f
        .date("due")?
        .ok_or(("due", "a due date is needed".to_string()))?;
    Ok(NewDeadline {
        client_id: Some(client_id),
        what: f.value("what"),
        due: Some(due),
        ..NewDeadline::default()
    })
}

/// The legal episode form: the framework, its start date and notes. The
/// deadlines follow from the rule packs when it is saved.
#[must_use]
pub fn episode(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let kinds: Vec<&'static str> = EpisodeKind::ALL.iter().map(|k| k.label()).collect();
    Form::new(
        FormKind::Episode(client_id),
        "New legal episode (deadlines follow from the rules)".into(),
        vec![
            Field::choice("Framework", "kind", kinds, 0, theme),
            Field::text(
                "Start",
                "start",
                FieldKind::Date { required: true },
                "today",
                theme,
            ),
            Field::text("Notes", "notes", FieldKind::Text, "", theme),
        ],
        today,
    )
}

/// Reads the legal episode form.
pub fn to_episode(f: &Form, client_id: i64) -> Result<NewEpisode, Problem> {
    let kind = EpisodeKind::ALL
        .get(f.choice("kind"))
        .copied()
        .ok_or(("kind", "choose a framework".to_string()))?;
    let start_on = f
        .date("start")?
        .ok_or(("start", "a start date is needed".to_string()))?;
    Ok(NewEpisode {
        client_id,
        kind,
        start_on,
        notes: f.opt("notes"),
    })
}

/// The action form.
#[must_use]
pub fn action(client_id: Option<i64>, theme: Theme, today: NaiveDate) -> Form {
    Form::new(
        FormKind::Action(client_id),
        "New action (a small to-do)".into(),
        vec![
            Field::text("What", "what", FieldKind::Text, "", theme),
            Field::text("Due", "due", FieldKind::Date { required: false }, "", theme),
        ],
        today,
    )
}

/// Reads the action form.
pub fn to_action(f: &Form, client_id: Option<i64>) -> Result<NewAction, Problem> {
    Ok(NewAction {
        client_id,
        what: f.value("what"),
        due: f.date("due")?,
    })
}

/// The addendum form.
#[must_use]
pub fn addendum(note_id: i64, theme: Theme, today: NaiveDate) -> Form {
    Form::new(
        FormKind::Addendum { note_id },
        "Addendum to a final note".into(),
        vec![
            Field::text("Reason", "reason", FieldKind::Text, "", theme),
            Field::text("Text", "addendum text", FieldKind::Long, "", theme),
        ],
        today,
    )
}

/// The reason asked for when a note is finalised late (`days` working days
/// after the contact); saving it finalises the note.
#[must_use]
pub fn late_reason(note_id: i64, days: u32, theme: Theme, today: NaiveDate) -> Form {
    Form::new(
        FormKind::LateFinalise { note_id },
        format!("Finalise a late entry ({days} working days after the contact): why late?"),
        vec![Field::text(
            "Reason for late entry",
            "reason for late entry",
            FieldKind::Text,
            "",
            theme,
        )],
        today,
    )
}

/// The "mark deadline done" form.
#[must_use]
pub fn deadline_done(
    deadline_id: i64,
    client_id: Option<i64>,
    theme: Theme,
    today: NaiveDate,
) -> Form {
    Form::new(
        FormKind::DeadlineDone {
            deadline_id,
            client_id,
        },
        "Mark deadline done".into(),
        vec![
            Field::text(
                "Done on",
                "done on",
                FieldKind::Date { required: true },
                "today",
                theme,
            ),
            Field::text("Outcome", "outcome", FieldKind::Text, "", theme),
        ],
        today,
    )
}
