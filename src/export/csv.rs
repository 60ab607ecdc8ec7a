//! Spreadsheets: one row per record, ISO dates, and every cell that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, return)
//! neutralised with a leading apostrophe.

use super::gather::Caseload;
use super::{ExportError, Period, Result, clean};
use crate::domain::DueItem;

/// Which listing to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Listing {
    /// The caseload list: one row per client.
    Caseload,
    /// What is due: deadlines, actions and visits.
    Due,
    /// Contacts recorded: one row per contact note.
    Contacts,
    /// Deadlines, open and done, with their rules.
    Deadlines,
}

/// A cell made safe: control characters removed, and a leading apostrophe
/// when a spreadsheet would read the cell as a formula.
#[must_use]
pub fn neutralise(cell: &str) -> String {
    let c = clean(cell);
    // A plain number ("-2", "-0.5") is a value, not a formula.
    let number = c.strip_prefix('-').is_some_and(|n| {
        !n.is_empty()
            && n.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
            && n.parse::<f64>().is_ok()
    });
    if !number && c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{c}")
    } else {
        c
    }
}

/// Every addendum of a note in full, each with its time and reason, so a
/// corrected note's correction travels with it.
fn addenda_text(addenda: &[crate::domain::Addendum]) -> String {
    addenda
        .iter()
        .map(|a| {
            format!(
                "Addendum {} written {} {} (reason: {}):\n{}",
                a.id,
                crate::dates::stored::text(a.written_at.date()),
                a.written_at.format("%H:%M"),
                a.reason,
                a.body
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A CSV document: the header, then each row, every cell neutralised.
pub fn document(header: &[&str], rows: &[Vec<String>]) -> Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let fail = |e: ::csv::Error| ExportError::Format(format!("CSV: {e}"));
    w.write_record(header).map_err(fail)?;
    for r in rows {
        w.write_record(r.iter().map(|c| neutralise(c)))
            .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::Format(format!("CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| ExportError::Format(format!("CSV: {e}")))
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The time a clock counted in hours runs out, as `due --json` writes it
/// (`2026-12-08T08:00`); empty for a deadline counted in days.
fn due_at(t: Option<chrono::NaiveDateTime>) -> String {
    t.map(|t| {
        t.format(crate::domain::deadline::minutes_opt::FMT)
            .to_string()
    })
    .unwrap_or_default()
}

/// The listing as CSV. `period` filters by the record's date (contact day,
/// due day); the caseload list ignores it.
pub fn listing(
    what: Listing,
    caseload: &Caseload,
    due: &[DueItem],
    period: &Period,
) -> Result<String> {
    match what {
        Listing::Caseload => document(
            &[
                "client_id",
                "record_no",
                "given_name",
                "family_name",
                "preferred_name",
                "dob",
                "status",
                "risk",
                "address",
                "phone",
                "team",
                "service",
                "opened_on",
                "last_seen",
                "next_due",
                "next_due_what",
                "alerts",
                "nhs_number",
                "gp",
                "next_due_at",
            ],
            &caseload
                .clients
                .iter()
                .map(|s| {
                    let c = &s.client;
                    vec![
                        c.id.to_string(),
                        opt(c.record_no.as_ref()),
                        c.given_name.clone(),
                        c.family_name.clone(),
                        opt(c.preferred_name.as_ref()),
                        opt(c.dob),
                        c.status.as_str().into(),
                        c.risk.as_str().into(),
                        opt(c.address.as_ref()),
                        opt(c.phone.as_ref()),
                        opt(c.team.as_ref()),
                        c.service.as_str().into(),
                        c.opened_on.to_string(),
                        opt(s.last_seen),
                        opt(s.next_due),
                        opt(s.next_due_what.as_ref()),
                        c.alerts.join("; "),
                        opt(c.nhs_number.as_ref()),
                        opt(c.gp.as_ref()),
                        due_at(s.next_due_at),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
        Listing::Due => document(
            &[
                "due",
                "days",
                "overdue",
                "kind",
                "client_id",
                "client",
                "what",
                "rule",
                "source",
                "due_at",
            ],
            &due.iter()
                .filter(|d| period.contains(d.due))
                .map(|d| {
                    vec![
                        d.due.to_string(),
                        d.days.to_string(),
                        d.overdue.to_string(),
                        d.kind.as_str().into(),
                        opt(d.client_id),
                        opt(d.client_name.as_ref()),
                        d.what.clone(),
                        opt(d.rule.as_ref()),
                        opt(d.source.as_ref()),
                        due_at(d.due_at),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
        Listing::Contacts => {
            let mut rows = Vec::new();
            for f in &caseload.files {
                for (n, addenda) in &f.notes {
                    if !n.kind.is_some_and(crate::domain::NoteKind::is_contact)
                        || !period.contains(n.occurred_at.date())
                    {
                        continue;
                    }
                    rows.push(vec![
                        n.id.to_string(),
                        f.client.id.to_string(),
                        f.client.display_name(),
                        n.occurred_at.date().to_string(),
                        n.occurred_at.format("%H:%M").to_string(),
                        n.kind.map_or("", crate::domain::NoteKind::as_str).into(),
                        opt(n.location.as_ref()),
                        opt(n.present.as_ref()),
                        n.status.as_str().into(),
                        n.significant.to_string(),
                        addenda.len().to_string(),
                        n.body.clone(),
                        addenda_text(addenda),
                    ]);
                }
            }
            rows.sort_by(|a, b| (&a[3], &a[4], &a[0]).cmp(&(&b[3], &b[4], &b[0])));
            document(
                &[
                    "note_id",
                    "client_id",
                    "client",
                    "date",
                    "time",
                    "kind",
                    "location",
                    "present",
                    "status",
                    "significant",
                    "addenda",
                    "text",
                    "addenda_text",
                ],
                &rows,
            )
        }
        Listing::Deadlines => {
            let mut rows = Vec::new();
            for f in &caseload.files {
                for d in &f.deadlines {
                    if !period.contains(d.due) {
                        continue;
                    }
                    rows.push(vec![
                        d.id.to_string(),
                        f.client.id.to_string(),
                        f.client.display_name(),
                        opt(d.episode_id),
                        d.what.clone(),
                        d.due.to_string(),
                        opt(d.warn_from),
                        opt(d.rule.as_ref()),
                        opt(d.source.as_ref()),
                        d.weight.to_string(),
                        opt(d.completed_on),
                        opt(d.outcome.as_ref()),
                        d.cancelled.to_string(),
                        due_at(d.due_at),
                    ]);
                }
            }
            rows.sort_by(|a, b| (&a[5], &a[0]).cmp(&(&b[5], &b[0])));
            document(
                &[
                    "deadline_id",
                    "client_id",
                    "client",
                    "episode_id",
                    "what",
                    "due",
                    "warn_from",
                    "rule",
                    "source",
                    "weight",
                    "completed_on",
                    "outcome",
                    "cancelled",
                    "due_at",
                ],
                &rows,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_read_back_whole() {
        for bad in ["=1+1", "+44 20", "-2+3", "-A1", "@SUM(A1)", "-"] {
            assert!(neutralise(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralise("-2"), "-2");
        assert_eq!(neutralise("-0.5"), "-0.5");
        assert_eq!(neutralise("2026-11-22"), "2026-11-22");
        let doc = document(
            &["a", "b"],
            &[vec!["=HYPERLINK(\"x\")".into(), "l1\nl2, \"q\"".into()]],
        )
        .unwrap();
        let mut r = ::csv::Reader::from_reader(doc.as_bytes());
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[0], "'=HYPERLINK(\"x\")");
        assert_eq!(&rec[1], "l1\nl2, \"q\"");
    }
}
