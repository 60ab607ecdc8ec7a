//! Which recorded contacts show a person was seen, and when last.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{NoteKind, NoteOutcome, NoteStatus, VisitOutcome};

/// What a dated contact rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "value")]
pub enum Evidence {
    /// A visit recorded with this outcome for the person.
    Outcome(VisitOutcome),
    /// A note with no visit record of its own and no outcome (written
    /// before notes had one), in this state: it counts by its kind, as then.
    Note(NoteStatus),
    /// A final note with no visit record of its own, with the outcome the
    /// practitioner chose: it counts by that outcome, never by its kind.
    NoteOutcome(NoteOutcome),
}

/// One dated contact with one client, as the store reads it (the store may
/// hand over only the latest of each kind and evidence: that is all these
/// rules need).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// The client.
    pub client_id: i64,
    /// The kind of contact (home visit, office, phone…).
    pub kind: NoteKind,
    /// The day.
    pub on: NaiveDate,
    /// What it rests on.
    pub evidence: Evidence,
}

impl Contact {
    /// Whether it shows the contact happened with the person there: a visit
    /// seen or seen alone; a final note whose chosen outcome says so (for a
    /// contact in person, seen or seen alone; for a call or a meeting, not
    /// "not seen" or "cancelled"); or a final note from before outcomes.
    /// Never a draft, never a visit not seen or cancelled. (Whether it
    /// satisfies a visiting rule also depends on the rule's `contact_kinds`.)
    #[must_use]
    pub fn happened(&self) -> bool {
        match self.evidence {
            Evidence::Outcome(o) => o.counts(),
            Evidence::Note(status) => status == NoteStatus::Final,
            Evidence::NoteOutcome(o) => o.happened(self.kind),
        }
    }
}

/// For each kind of contact, the latest day it happened (see
/// [`Contact::happened`]): what the visiting rules count from.
#[must_use]
pub fn latest_seen_by_kind(contacts: &[Contact]) -> Vec<(NoteKind, NaiveDate)> {
    let mut out: Vec<(NoteKind, NaiveDate)> = Vec::new();
    for c in contacts.iter().filter(|c| c.happened()) {
        match out.iter_mut().find(|(k, _)| *k == c.kind) {
            Some((_, d)) => *d = (*d).max(c.on),
            None => out.push((c.kind, c.on)),
        }
    }
    out.sort();
    out
}

/// "Last seen": the latest day the person was seen in person (a visit seen
/// or seen alone, or a final note of an in-person kind).
#[must_use]
pub fn last_seen(contacts: &[Contact]) -> Option<NaiveDate> {
    contacts
        .iter()
        .filter(|c| c.happened() && c.kind.is_in_person())
        .map(|c| c.on)
        .max()
}

/// "Last contact": the latest day of any contact that happened, calls
/// included (a visit not seen is not a contact).
#[must_use]
pub fn last_contact(contacts: &[Contact]) -> Option<NaiveDate> {
    contacts
        .iter()
        .filter(|c| c.happened() && c.kind.is_contact())
        .map(|c| c.on)
        .max()
}
