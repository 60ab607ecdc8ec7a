//! The outage pack: what a practitioner needs on paper when the main system
//! is down. The caseload list with addresses, phone numbers and alerts, the
//! due list for the next four weeks, then one printed page (or more) per
//! client with the crisis plan, key contacts and chronology. One
//! self-contained HTML file (no scripts, no network, print stylesheet) and
//! the same as plain text.

use super::doc::{Block, Doc, Section};
use super::gather::Caseload;
use super::{Format, Made, Period, chronology, summary};

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
            ]
        })
        .collect();
    // One line per item rather than a table: a printed table wraps long
    // items across columns, and the line stays whole on paper.
    let due: Vec<String> = caseload
        .due
        .iter()
        .map(|d| {
            let days = |n: i64| {
                if n == 1 {
                    "1 day".to_string()
                } else {
                    format!("{n} days")
                }
            };
            let when = match d.days {
                0 => "today".to_string(),
                n if n < 0 => format!("OVERDUE by {}", days(-n)),
                n => format!("in {}", days(n)),
            };
            format!(
                "{} ({when}) — {} — {} [{}]",
                crate::dates::display::date(d.due),
                d.client_name.as_deref().unwrap_or("no client"),
                d.what,
                d.kind.label()
            )
        })
        .collect();
    let mut sections = vec![
        Section::new(
            "Caseload",
            vec![Block::Table(
                ["Name", "Record", "Address", "Phone", "Risk", "Alerts"]
                    .map(String::from)
                    .to_vec(),
                list,
            )],
        ),
        Section::new(
            format!("Due in the next {DUE_DAYS} days (and overdue)"),
            vec![if due.is_empty() {
                Block::Text("Nothing due.".into())
            } else {
                Block::List(due)
            }],
        ),
    ];
    for f in &caseload.files {
        let mut blocks = vec![Block::Fields(summary::details(f))];
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

/// The pack as (HTML, plain text).
#[must_use]
pub fn render(caseload: &Caseload, made: &Made) -> (String, String) {
    let d = doc(caseload, made);
    (d.render(Format::Html), d.render(Format::Txt))
}
