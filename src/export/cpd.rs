//! A CPD entry laid out for Social Work England's online CPD form: its
//! headings in the form's order, each field's text under its heading, and a
//! warning where a field is longer than the form takes. The form logs out
//! after 60 minutes and has no import, so practitioners draft here and
//! paste field by field. This is the practitioner's own record: no client
//! export reads it.

use std::fmt::Write as _;

use crate::dates::display;
use crate::domain::cpd::CpdEntry;
use crate::domain::text::sanitize;

/// The form's headings in order, with the most characters each takes.
/// The limits are this program's reading of the form (checked by hand in
/// 2026); a field over its limit is flagged, never cut.
pub const FORM: [(&str, usize); 8] = [
    ("Title of CPD", 200),
    ("Date of CPD", 10),
    ("Type of CPD", 100),
    ("Description of the activity and why it is relevant", 2_000),
    ("What did you learn", 2_000),
    (
        "Impact on your practice and on people who use services",
        2_000,
    ),
    (
        "Peer reflection: what you learnt from discussing it with a peer",
        2_000,
    ),
    ("Professional standards (standard 4)", 100),
];

/// The fields of `e` in the form's order.
#[must_use]
pub fn fields(e: &CpdEntry) -> [String; 8] {
    let clean = |t: &str| sanitize(t).trim().to_string();
    [
        clean(&e.title),
        display::date(e.on),
        e.kind.label().to_string(),
        clean(&e.description),
        clean(&e.learning),
        clean(&e.impact),
        e.peer_reflection.as_deref().map(clean).unwrap_or_default(),
        e.standards.join(", "),
    ]
}

/// The headings of the fields over the form's length, with their lengths.
#[must_use]
pub fn too_long(e: &CpdEntry) -> Vec<(&'static str, usize, usize)> {
    FORM.iter()
        .zip(fields(e))
        .filter_map(|(&(heading, max), text)| {
            let n = text.chars().count();
            (n > max).then_some((heading, n, max))
        })
        .collect()
}

/// The text to paste: each heading, then its field (or "(not written)").
#[must_use]
pub fn paste(e: &CpdEntry) -> String {
    let mut out = String::new();
    for (&(heading, max), text) in FORM.iter().zip(fields(e)) {
        let n = text.chars().count();
        let _ = writeln!(out, "{heading}");
        if text.is_empty() {
            out.push_str("(not written)\n\n");
        } else {
            let _ = writeln!(out, "{text}");
            if n > max {
                let _ = writeln!(
                    out,
                    "[over the form's limit: {n} characters of {max}; shorten before pasting]"
                );
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cpd::CpdType;
    use chrono::NaiveDate;

    fn entry() -> CpdEntry {
        let on = NaiveDate::from_ymd_opt(2026, 10, 2).unwrap();
        CpdEntry {
            id: 1,
            kind: CpdType::PeerDiscussion,
            title: "Group supervision on trauma-informed practice".into(),
            on,
            description: "Monthly group supervision.".into(),
            learning: "Naming the pattern helps.".into(),
            impact: "I plan visits differently.".into(),
            peer_reflection: Some("A colleague challenged my view.".into()),
            standards: vec!["4.1".into(), "4.6".into()],
            created_at: on.and_hms_opt(9, 0, 0).unwrap(),
            updated_at: on.and_hms_opt(9, 0, 0).unwrap(),
        }
    }

    #[test]
    fn the_paste_has_the_form_headings_in_order() {
        let text = paste(&entry());
        let mut from = 0;
        for (heading, _) in FORM {
            let at = text[from..]
                .find(heading)
                .unwrap_or_else(|| panic!("{heading} in {text}"));
            from += at + heading.len();
        }
        assert!(text.contains("4.1, 4.6"));
        assert!(too_long(&entry()).is_empty());
    }

    #[test]
    fn a_field_over_its_length_is_flagged_not_cut() {
        let mut e = entry();
        e.learning = "x".repeat(2_001);
        assert_eq!(too_long(&e), [("What did you learn", 2_001, 2_000)]);
        let text = paste(&e);
        assert!(text.contains(&"x".repeat(2_001)));
        assert!(text.contains("2001 characters of 2000"));
    }
}
