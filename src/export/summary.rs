//! The client summary: details, network with consent, legal status with the
//! current expiry dates, risk and alerts, the current care plan with its
//! crisis plan, open deadlines and planned visits, and the last contacts.

use super::doc::{Block, Doc, Section};
use super::{ClientFile, Format, Made, clean_line};

/// How many recent contacts the summary lists.
pub const LAST_CONTACTS: usize = 5;

fn opt(v: Option<&String>) -> String {
    v.map_or_else(|| "—".into(), |s| clean_line(s))
}

/// The client's details as label/value pairs (shared with the outage pack).
#[must_use]
pub fn details(file: &ClientFile) -> Vec<(String, String)> {
    let c = &file.client;
    let mut f = vec![
        ("Name".into(), c.display_name()),
        (
            "Given and family name".into(),
            format!("{} {}", c.given_name, c.family_name),
        ),
        ("Record number".into(), opt(c.record_no.as_ref())),
        (
            "NHS number".into(),
            c.nhs_number
                .as_deref()
                .map_or("—".into(), crate::domain::nhs::display),
        ),
        ("GP".into(), opt(c.gp.as_ref())),
        (
            "Consent to share".into(),
            match c.consent_recorded_on {
                Some(d) if c.consent_to_share.is_some() => {
                    format!(
                        "{} (recorded {})",
                        c.consent_words(),
                        crate::dates::display::date(d)
                    )
                }
                _ => c.consent_words().to_string(),
            },
        ),
        (
            "Date of birth".into(),
            c.dob.map_or("—".into(), crate::dates::display::date),
        ),
        ("Pronouns".into(), opt(c.pronouns.as_ref())),
        ("Address".into(), opt(c.address.as_ref())),
        ("Phone".into(), opt(c.phone.as_ref())),
        ("Language".into(), opt(c.language.as_ref())),
        (
            "Interpreter needed".into(),
            if c.interpreter { "yes" } else { "no" }.into(),
        ),
        (
            "Team / service".into(),
            format!("{} / {}", opt(c.team.as_ref()), c.service.label()),
        ),
        (
            "Case".into(),
            format!(
                "{} since {}",
                c.status.label(),
                crate::dates::display::date(c.opened_on)
            ),
        ),
        (
            "Last seen in person".into(),
            file.last_seen
                .map_or("not seen yet".into(), crate::dates::display::date),
        ),
        (
            "Last contact".into(),
            file.last_contact
                .map_or("no contact recorded".into(), crate::dates::display::date),
        ),
    ];
    if let Some(v) = c.visit_every_days {
        f.push(("Visit every".into(), format!("{v} days")));
    }
    f
}

/// Role, relationship and organisation, each once ("Sister", not "Sister, sister").
fn role_line(m: &crate::domain::NetworkMember) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in [
        Some(m.role.as_str()),
        m.relationship.as_deref(),
        m.organisation.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        if !p.is_empty() && !parts.iter().any(|q| q.eq_ignore_ascii_case(p)) {
            parts.push(p);
        }
    }
    parts.join(", ")
}

/// Network members with their consent to share (shared with the outage pack).
#[must_use]
pub fn network_rows(file: &ClientFile) -> Vec<Vec<String>> {
    file.current_network()
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                role_line(m),
                m.phone.clone().unwrap_or_default(),
                m.email.clone().unwrap_or_default(),
                if m.consent_to_share { "yes" } else { "NO" }.into(),
            ]
        })
        .collect()
}

/// The column names of [`network_rows`].
#[must_use]
pub fn network_header() -> Vec<String> {
    ["Name", "Role", "Phone", "Email", "Consent to share"]
        .map(String::from)
        .to_vec()
}

/// Risk and alerts.
#[must_use]
pub fn risk_blocks(file: &ClientFile) -> Vec<Block> {
    let c = &file.client;
    let mut f = vec![("Risk".into(), c.risk.label().to_string())];
    if let Some(d) = c.risk_reviewed_on {
        f.push(("Risk reviewed".into(), crate::dates::display::date(d)));
    }
    let mut v = vec![Block::Fields(f)];
    if let Some(s) = &c.risk_summary {
        v.push(Block::Text(s.clone()));
    }
    if c.alerts.is_empty() {
        v.push(Block::Text("No alerts.".into()));
    } else {
        v.push(Block::List(
            c.alerts.iter().map(|a| format!("ALERT: {a}")).collect(),
        ));
    }
    v
}

/// The current care plan's crisis plan, or a line saying there is none.
#[must_use]
pub fn crisis_plan(file: &ClientFile) -> String {
    match file.current_plan() {
        Some(p) if !p.crisis_plan.trim().is_empty() => p.crisis_plan.clone(),
        _ => "No crisis plan recorded.".into(),
    }
}

/// Open deadlines and planned visits as table rows, soonest first: date,
/// what, source.
#[must_use]
pub fn due_rows(file: &ClientFile) -> Vec<Vec<String>> {
    // Sorted by the date itself: a day-first date does not sort as text.
    let mut rows: Vec<(chrono::NaiveDateTime, Vec<String>)> = file
        .open_deadlines()
        .iter()
        .map(|d| {
            (
                crate::domain::when::due_moment(d.due, d.due_at),
                vec![
                    crate::domain::when::due_at_words(d.due, d.due_at),
                    d.what.clone(),
                    d.rule.as_ref().map_or_else(
                        || format!("deadline {}", d.id),
                        |r| format!("deadline {} ({r})", d.id),
                    ),
                ],
            )
        })
        .collect();
    rows.extend(file.visits_due.iter().map(|v| {
        (
            v.due.and_time(chrono::NaiveTime::MIN),
            vec![
                crate::dates::display::date(v.due),
                v.what.clone(),
                format!("visiting rule ({})", v.source),
            ],
        )
    }));
    rows.extend(file.visits.iter().map(|v| {
        let (at, when) = match v.time {
            Some(t) => (
                v.date.and_time(t),
                crate::dates::display::date_time(v.date.and_time(t)),
            ),
            None => (
                v.date.and_time(chrono::NaiveTime::MIN),
                crate::dates::display::date(v.date),
            ),
        };
        (at, vec![when, v.what.clone(), "planned visit".into()])
    }));
    rows.sort();
    rows.into_iter().map(|(_, r)| r).collect()
}

fn legal(file: &ClientFile) -> Vec<Block> {
    let current: Vec<Vec<String>> = file
        .episodes
        .iter()
        .filter(|e| e.end_on.is_none())
        .map(|e| {
            // The current period first ("expires 30 Nov 2026, renewal
            // window from 1 Oct"), then every open date.
            let expiry = file
                .periods
                .iter()
                .filter(|p| p.episode_id == e.id)
                .map(|p| format!("{}.", p.words()))
                .chain(
                    file.deadlines
                        .iter()
                        .filter(|d| {
                            d.episode_id == Some(e.id) && d.completed_on.is_none() && !d.cancelled
                        })
                        .map(|d| {
                            format!(
                                "{}: {}",
                                crate::domain::when::due_at_words(d.due, d.due_at),
                                d.what
                            )
                        }),
                )
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                e.kind.label().to_string(),
                e.started(),
                if expiry.is_empty() {
                    "—".into()
                } else {
                    expiry
                },
            ]
        })
        .collect();
    if current.is_empty() {
        return vec![Block::Text("No current legal episode.".into())];
    }
    vec![Block::Table(
        ["Episode", "Since", "Current dates"]
            .map(String::from)
            .to_vec(),
        current,
    )]
}

fn plan(file: &ClientFile) -> Vec<Block> {
    let Some(p) = file.current_plan() else {
        return vec![Block::Text("No care plan recorded.".into())];
    };
    let mut v = vec![Block::Fields(vec![
        (
            "Version".into(),
            format!(
                "{} of {}",
                p.version,
                crate::dates::display::date(p.created_at.date())
            ),
        ),
        (
            "Next review".into(),
            p.next_review
                .map_or("—".into(), crate::dates::display::date),
        ),
    ])];
    for (label, text) in [
        ("Needs", &p.needs),
        ("Outcomes", &p.outcomes),
        ("Strengths", &p.strengths),
        ("Crisis plan", &p.crisis_plan),
    ] {
        if !text.trim().is_empty() {
            v.push(Block::Text(format!("{label}:\n{text}")));
        }
    }
    if !p.actions.is_empty() {
        v.push(Block::Table(
            ["Action", "Owner", "Due", "Done"]
                .map(String::from)
                .to_vec(),
            p.actions
                .iter()
                .map(|a| {
                    vec![
                        a.what.clone(),
                        a.owner.clone(),
                        a.due.map(crate::dates::display::date).unwrap_or_default(),
                        a.done_on
                            .map(crate::dates::display::date)
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        ));
    }
    v
}

/// The summary as a document model.
#[must_use]
pub fn doc(file: &ClientFile, made: &Made) -> Doc {
    let contacts: Vec<Vec<String>> = file
        .last_contacts(LAST_CONTACTS)
        .iter()
        .map(|n| {
            vec![
                crate::dates::display::date_time(n.occurred_at),
                n.kind_label().to_string(),
                n.status.label().to_string(),
                format!("note {}", n.id),
            ]
        })
        .collect();
    let c = &file.client;
    Doc {
        title: format!("Client summary: {}", c.display_name()),
        made: vec![format!(
            "{}; from client {} and its network, legal episodes, deadlines, care plan and notes.",
            made.line(),
            c.id
        )],
        sections: vec![
            Section::new("Details", vec![Block::Fields(details(file))]),
            Section::new(
                "Network",
                if file.current_network().is_empty() {
                    vec![Block::Text("No one recorded.".into())]
                } else {
                    vec![Block::Table(network_header(), network_rows(file))]
                },
            ),
            Section::new("Legal status", legal(file)),
            Section::new("Risk and alerts", risk_blocks(file)),
            Section::new("Care plan", plan(file)),
            Section::new(
                "Open deadlines and planned visits",
                vec![Block::Table(
                    ["Date", "What", "Source"].map(String::from).to_vec(),
                    due_rows(file),
                )],
            ),
            Section::new(
                "Last contacts",
                if contacts.is_empty() {
                    vec![Block::Text("No contact recorded.".into())]
                } else {
                    vec![Block::Table(
                        ["When", "Kind", "Status", "Record"]
                            .map(String::from)
                            .to_vec(),
                        contacts,
                    )]
                },
            ),
        ],
    }
}

/// The summary in `format`.
#[must_use]
pub fn render(file: &ClientFile, made: &Made, format: Format) -> String {
    doc(file, made).render(format)
}
