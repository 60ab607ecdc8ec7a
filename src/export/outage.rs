//! The outage pack: what a practitioner needs on paper when the main system
//! is down. The caseload list with addresses, phone numbers, alerts and
//! legal status, the due list for the next four weeks in date-time order
//! grouped by day, then one printed page (or more) per client with the
//! legal status and where it ends, the next visit due, planned visits, the
//! crisis plan, key contacts and chronology. One self-contained HTML file
//! (no scripts, no network, print stylesheet) and the same as plain text.

use super::doc::{Block, Doc, Section};
use super::gather::{Caseload, ClientFile};
use super::{Format, Made, Period, chronology, summary};
use crate::domain::DueItem;
use crate::domain::when::due_moment;

/// Days ahead the due list covers.
pub const DUE_DAYS: u32 = 28;

/// The file names written into the chosen folder.
pub const HTML_FILE: &str = "outage-pack.html";
/// The plain-text twin.
pub const TEXT_FILE: &str = "outage-pack.txt";

/// The pack as a document model.
#[must_use]
pub fn doc(caseload: &Caseload, made: &Made) -> Doc {
    let list = caseload
        .files
        .iter()
        .map(|f| {
            let c = &f.client;
            vec![
                c.display_name(),
                c.record_no.clone().unwrap_or_default(),
                c.address.clone().unwrap_or_default(),
                c.phone.clone().unwrap_or_default(),
                c.risk.label().into(),
                c.alerts.join("\n"),
                legal(f).join("\n"),
            ]
        })
        .collect();
    let due = due_by_day(&caseload.due, made);
    let mut sections = vec![
        Section::new(
            "Caseload",
            vec![Block::Table(
                [
                    "Name", "Record", "Address", "Phone", "Risk", "Alerts", "Legal",
                ]
                .map(String::from)
                .to_vec(),
                list,
            )],
        ),
        Section::new(
            format!("Due in the next {DUE_DAYS} days (and overdue)"),
            if due.is_empty() {
                vec![Block::Text("Nothing due.".into())]
            } else {
                due
            },
        ),
    ];
    for f in &caseload.files {
        let mut blocks = vec![
            Block::Fields(summary::details(f)),
            Block::Fields(visits_and_status(f)),
        ];
        blocks.extend(summary::risk_blocks(f));
        blocks.push(Block::Text(format!(
            "CRISIS PLAN:\n{}",
            summary::crisis_plan(f)
        )));
        if f.current_network().is_empty() {
            blocks.push(Block::Text("Key contacts: none recorded.".into()));
        } else {
            blocks.push(Block::Table(
                summary::network_header(),
                summary::network_rows(f),
            ));
        }
        let period = Period::default();
        blocks.push(Block::Raw {
            html: chronology::html_section(f, &period, made, 3),
            text: chronology::render(f, &period, made, Format::Txt).unwrap_or_default(),
        });
        sections.push(Section {
            title: format!(
                "{} — crisis plan, contacts, chronology",
                f.client.display_name()
            ),
            blocks,
            page_break: true,
        });
    }
    Doc {
        title: "Caseload outage pack".into(),
        made: vec![
            format!("{}; from {} open client record(s) and the due list.", made.line(), caseload.files.len()),
            "Confidential: holds personal data. Keep it secure and destroy it when the system is back.".into(),
        ],
        sections,
    }
}

/// The client's legal status, a line per open episode with its end ("s3,
/// expires 13/03/2027", "s136, ends 08/12/2026 14:30"); "none" without one.
fn legal(f: &ClientFile) -> Vec<String> {
    let lines = crate::practice::legal_status(&f.episodes, &f.deadlines, &f.periods);
    if lines.is_empty() {
        vec!["none".into()]
    } else {
        lines
    }
}

/// Legal status, the next visit a visiting rule wants and the planned
/// visits, for the client's page.
fn visits_and_status(f: &ClientFile) -> Vec<(String, String)> {
    let next = f.visits_due.first().map_or_else(
        || "none under a visiting rule".to_string(),
        |v| format!("{} — {}", crate::dates::display::date(v.due), v.what),
    );
    let planned: Vec<String> = f
        .visits
        .iter()
        .map(|v| {
            let at = v.time.map_or_else(
                || crate::dates::display::date(v.date),
                |t| crate::dates::display::date_time(v.date.and_time(t)),
            );
            format!("{at} — {}", v.what)
        })
        .collect();
    vec![
        ("Legal status".into(), legal(f).join("; ")),
        ("Next visit due".into(), next),
        (
            "Planned visits".into(),
            if planned.is_empty() {
                "none planned".into()
            } else {
                planned.join("; ")
            },
        ),
    ]
}

/// The due list in date-time order (a clock counted in hours at its time,
/// the rest at the start of their day), a heading and a list per day. One
/// line per item rather than a table: a printed table wraps long items
/// across columns, and the line stays whole on paper.
fn due_by_day(due: &[DueItem], made: &Made) -> Vec<Block> {
    let mut items: Vec<&DueItem> = due.iter().collect();
    items.sort_by_key(|d| (due_moment(d.due, d.due_at), d.id));
    let mut blocks = Vec::new();
    let mut day = None;
    let mut lines = Vec::new();
    for d in items {
        if day != Some(d.due) {
            if let Some(was) = day {
                blocks.push(Block::Text(crate::dates::display::day_date(was)));
                blocks.push(Block::List(std::mem::take(&mut lines)));
            }
            day = Some(d.due);
        }
        lines.push(format!(
            "{} — {} — {} [{}]",
            d.when(made.at),
            d.client_name.as_deref().unwrap_or("no client"),
            d.what,
            d.kind.label()
        ));
    }
    if let Some(was) = day {
        blocks.push(Block::Text(crate::dates::display::day_date(was)));
        blocks.push(Block::List(lines));
    }
    blocks
}

/// The pack as (HTML, plain text).
#[must_use]
pub fn render(caseload: &Caseload, made: &Made) -> (String, String) {
    let d = doc(caseload, made);
    (d.render(Format::Html), d.render(Format::Txt))
}
