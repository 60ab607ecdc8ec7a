//! A case supervision laid out as the supervision records councils commonly
//! use: case, date, supervisor, discussion, decisions, actions with owners
//! and dates, next review; plain text for pasting into the employer's form.

use chrono::NaiveDateTime;
use std::fmt::Write as _;

use crate::dates::display;
use crate::domain::text::sanitize;
use crate::domain::{Client, NoteStatus, Supervision};

/// The paste pack's text, every field whole (nothing cut short), sanitised.
#[must_use]
pub fn paste(s: &Supervision, client: &Client, made: NaiveDateTime) -> String {
    paste_for(s, &client.display_name(), client.record_no.as_deref(), made)
}

/// [`paste`] for a client known by name and record number.
#[must_use]
pub fn paste_for(
    s: &Supervision,
    name: &str,
    record_no: Option<&str>,
    made: NaiveDateTime,
) -> String {
    let clean = |t: &str| sanitize(t).trim().to_string();
    let mut out = String::from("CASE SUPERVISION RECORD\n");
    let record = record_no
        .map(|r| format!(" ({})", clean(r)))
        .unwrap_or_default();
    let _ = writeln!(out, "Case: {}{record}", clean(name));
    let _ = writeln!(out, "Date of supervision: {}", display::date(s.on.date()));
    let _ = writeln!(out, "Supervisor: {}", clean(&s.supervisor));
    if s.status == NoteStatus::Draft {
        out.push_str("Status: DRAFT, not yet final\n");
    }
    out.push_str("\nDISCUSSION\n");
    if s.discussion.trim().is_empty() {
        out.push_str("Not recorded\n");
    } else {
        let _ = writeln!(out, "{}", clean(&s.discussion));
    }
    out.push_str("\nDECISIONS\n");
    for (n, d) in s.decisions.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", n + 1, clean(d));
    }
    out.push_str("\nACTIONS\n");
    if s.actions.is_empty() {
        out.push_str("None agreed\n");
    }
    for (n, a) in s.actions.iter().enumerate() {
        let by = a.due.map_or_else(|| "no date".to_string(), display::date);
        let owner = a.owner.as_deref().map_or_else(String::new, clean);
        let _ = write!(
            out,
            "{}. {} | Owner: {owner} | By: {by}",
            n + 1,
            clean(&a.what)
        );
        if let Some(done) = a.done_on {
            let _ = write!(out, " | Done: {}", display::date(done));
        }
        out.push('\n');
    }
    let next = s
        .next_review
        .map_or_else(|| "Not set".to_string(), display::date);
    let _ = writeln!(out, "\nNEXT REVIEW\n{next}");
    let _ = writeln!(
        out,
        "\nMade {} from supervision note {} on the client's record.",
        display::date_time(made),
        s.note_id
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_pack_has_the_template_headings_in_order() {
        let on = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let s = Supervision {
            note_id: 4,
            client_id: 1,
            on: on.and_hms_opt(0, 0, 0).unwrap(),
            supervisor: "Sam Reed".into(),
            decisions: vec!["Refer to panel".into()],
            discussion: "Housing".into(),
            next_review: Some(on + chrono::Days::new(28)),
            status: NoteStatus::Final,
            actions: vec![crate::domain::Action {
                id: 1,
                client_id: Some(1),
                what: "Write report".into(),
                due: Some(on + chrono::Days::new(7)),
                done_on: None,
                created_at: on.and_hms_opt(9, 0, 0).unwrap(),
                owner: Some("Me".into()),
                note_id: Some(4),
            }],
        };
        let text = paste_for(&s, "Ada Fictional", None, on.and_hms_opt(10, 0, 0).unwrap());
        let heads = [
            "Case: Ada Fictional",
            "Date of supervision:",
            "Supervisor: Sam Reed",
            "DISCUSSION",
            "DECISIONS",
            "1. Refer to panel",
            "ACTIONS",
            "1. Write report | Owner: Me | By:",
            "NEXT REVIEW",
        ];
        let mut from = 0;
        for h in heads {
            let at = text[from..]
                .find(h)
                .unwrap_or_else(|| panic!("{h} in {text}"));
            from += at + h.len();
        }
    }
}
