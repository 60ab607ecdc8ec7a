//! Privacy mode, for working where others can see the screen.
//!
//! Two lines of defence. The first decides masking where text is produced:
//! every screen and overlay draws each personal field through [`shown`]
//! (or [`client_name`]), naming what the field is ([`Kind`]). In privacy
//! mode a name becomes initials of fixed width ("A.T."), a record number,
//! contact detail or date of birth is hidden, and free text becomes a
//! neutral placeholder with its length ("note, 3 lines"); labels and the
//! program's own words never pass through here, so they are never touched.
//!
//! The second, [`sweep::Redactor`], runs over the finished frame and
//! overwrites any known name the first line missed; in test builds it also
//! asserts that there was nothing to find.

pub mod scan;
pub mod sweep;

use crate::domain::Client;
use crate::domain::text::{one_line, sanitize};

pub use sweep::Redactor;

/// What a masked record number looks like (the same for every record, so
/// its length says nothing).
pub const MASK: &str = "••••";

/// Shown for a hidden contact detail, date of birth or other detail.
pub const HIDDEN: &str = "(hidden)";

/// What a personal field is; decides how privacy mode shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A person's name (a client, a network member, people present).
    Name,
    /// A record number.
    RecordNo,
    /// An address, phone number, email or place.
    Contact,
    /// A date of birth.
    Dob,
    /// Another identifying detail (first language).
    Detail,
    /// Free text (a note, plan, snippet, alert, task), named for the
    /// placeholder: "note" shows as "‹note, 3 lines›".
    Text(&'static str),
    /// What the practitioner is typing into a one-line box (a filter, a
    /// search): one bullet a character, so they can still edit it.
    Typed,
}

/// Initials of fixed width for a full name: the first letters of its first
/// and last words, "Ann Marie Zed-Quill" → "A.Z.", "Ada" → "A.  ". Always
/// four characters wide, so the mask says nothing about the name's length.
#[must_use]
pub fn initials_of(full: &str) -> String {
    let clean = one_line(full);
    let mut words = clean
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()));
    let first = words.next();
    let last = words.next_back();
    let up = |c: char| c.to_uppercase().next().unwrap_or(c);
    match (first, last) {
        (Some(a), Some(b)) => format!("{}.{}.", up(a), up(b)),
        (Some(a), None) => format!("{}.  ", up(a)),
        _ => "?.  ".to_string(),
    }
}

/// The placeholder for free text: "‹note, 1 line›", "‹plan, 4 lines›".
#[must_use]
pub fn placeholder(what: &str, text: &str) -> String {
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    match lines {
        0 | 1 => format!("‹{what}, 1 line›"),
        n if n < 10 => format!("‹{what}, {n} lines›"),
        _ => format!("‹{what}, 10+ lines›"),
    }
}

/// A personal field as shown: the cleaned text, or its mask in privacy
/// mode. The one place that decides what privacy mode shows of a field.
#[must_use]
pub fn shown(kind: Kind, text: &str, on: bool) -> String {
    if !on {
        return match kind {
            Kind::Text(_) => sanitize(text).into_owned(),
            _ => one_line(text),
        };
    }
    if text.trim().is_empty() {
        // Nothing there is nothing to hide (an empty field stays empty).
        return String::new();
    }
    match kind {
        Kind::Name => initials_of(text),
        Kind::RecordNo => MASK.to_string(),
        Kind::Contact | Kind::Dob | Kind::Detail => HIDDEN.to_string(),
        Kind::Text(what) => placeholder(what, text),
        Kind::Typed => "•".repeat(one_line(text).chars().count()),
    }
}

/// An optional personal field: "—" when missing.
#[must_use]
pub fn shown_opt(kind: Kind, text: Option<&str>, on: bool) -> String {
    match text {
        Some(t) if !t.trim().is_empty() => shown(kind, t, on),
        _ => "—".to_string(),
    }
}

/// What a form field holds, from the domain's name for it (the key a
/// form field answers to): `None` for the program's own choices and for
/// fields that say nothing about a person (team, dates due, risk).
#[must_use]
pub fn field_kind(key: &str) -> Option<Kind> {
    Some(match key {
        "given name" | "family name" | "preferred name" | "name" | "owner" | "supervisor"
        | "owner 1" | "owner 2" | "owner 3" => Kind::Name,
        "record number" | "NHS number" => Kind::RecordNo,
        "GP" => Kind::Contact,
        "address" | "phone" | "email" | "organisation" | "location" | "where" => Kind::Contact,
        "with" | "present" => Kind::Text("people"),
        "date of birth" => Kind::Dob,
        "language" => Kind::Detail,
        "needs" | "outcomes" | "strengths" | "crisis plan" | "plan action" => Kind::Text("plan"),
        "risk summary" => Kind::Text("risk summary"),
        "alert" => Kind::Text("alert"),
        "what" | "action 1" | "action 2" | "action 3" => Kind::Text("task"),
        "decision" | "discussion" => Kind::Text("supervision"),
        "notes" | "outcome" => Kind::Text("notes"),
        "reason" | "reason for late entry" => Kind::Text("reason"),
        "addendum text" => Kind::Text("addendum"),
        _ => return None,
    })
}

/// The words of something due: a rule's or the program's own words
/// ("Care plan review", "DoLS: request further authorisation") always;
/// words the practitioner typed for a deadline or action (`kind`
/// "deadline" or "action", no rule) are free text that may name people,
/// shown as a placeholder in privacy mode.
#[must_use]
pub fn due_words(kind: &str, what: &str, by_rule: bool, on: bool) -> String {
    match kind {
        "deadline" if !by_rule => shown(Kind::Text("deadline"), what, on),
        "action" => shown(Kind::Text("action"), what, on),
        _ => one_line(what),
    }
}

/// A client's name as shown: the display name, or initials of given and
/// family name in privacy mode.
#[must_use]
pub fn client_name(c: &Client, on: bool) -> String {
    if on {
        initials_of(&format!("{} {}", c.given_name, c.family_name))
    } else {
        one_line(&c.display_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_fixed_width_initials_only_when_on() {
        assert_eq!(shown(Kind::Name, "Ann Marie Zed-Quill", true), "A.Z.");
        assert_eq!(shown(Kind::Name, "Saoirse Byrne", true), "S.B.");
        assert_eq!(shown(Kind::Name, "Bo", true), "B.  ");
        assert_eq!(shown(Kind::Name, "\u{1b}]0;x\u{7}Dr Bo Kim", true), "D.K.");
        for n in ["Al Li", "Bartholomew Featherstonehaugh", "Jo"] {
            assert_eq!(shown(Kind::Name, n, true).chars().count(), 4, "{n}");
        }
        assert_eq!(shown(Kind::Name, "Ann Zed", false), "Ann Zed");
    }

    #[test]
    fn records_contacts_and_text_are_hidden_by_kind() {
        assert_eq!(shown(Kind::RecordNo, "MOS 123 456", true), MASK);
        assert_eq!(shown(Kind::RecordNo, "MOS 123 456", false), "MOS 123 456");
        assert_eq!(shown(Kind::Contact, "6 Hawthorn Court", true), HIDDEN);
        assert_eq!(shown(Kind::Dob, "1990-01-02", true), HIDDEN);
        assert_eq!(
            shown(Kind::Text("note"), "a\n\nb\nc", true),
            "‹note, 3 lines›"
        );
        assert_eq!(shown(Kind::Text("alert"), "Dog", true), "‹alert, 1 line›");
        assert_eq!(
            shown(Kind::Text("note"), "Saw\u{1b}[2J Ann", false),
            "Saw Ann"
        );
        assert_eq!(shown_opt(Kind::Contact, None, true), "—");
        for kind in [Kind::Name, Kind::Contact, Kind::Text("note"), Kind::Typed] {
            assert_eq!(shown(kind, " ", true), "", "{kind:?}");
        }
        assert_eq!(shown(Kind::Typed, "Saoir", true), "•••••");
        assert_eq!(
            due_words("deadline", "Ring Dr Kim", false, true),
            "‹deadline, 1 line›"
        );
        assert_eq!(
            due_words("deadline", "DoLS: renew", true, true),
            "DoLS: renew"
        );
        assert_eq!(
            due_words("action", "Ring Dr Kim", true, true),
            "‹action, 1 line›"
        );
        assert_eq!(
            due_words("review", "Care plan review", false, true),
            "Care plan review"
        );
        assert_eq!(
            due_words("action", "Ring Dr Kim", false, false),
            "Ring Dr Kim"
        );
        assert_eq!(shown_opt(Kind::Contact, Some("x"), true), HIDDEN);
    }
}
