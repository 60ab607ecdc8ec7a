//! A client's chronology as read: one dated line per significant event,
//! with where it comes from (the store gathers them, screens and exports
//! show them).

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

/// Where a chronology entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChronologySource {
    /// A note flagged significant.
    Note,
    /// An addendum to a significant note.
    Addendum,
    /// A legal episode (start or end).
    Episode,
    /// A completed statutory deadline.
    Deadline,
    /// A visit recorded with its outcome for this person, or cancelled.
    Visit,
}

impl ChronologySource {
    /// The word shown to the practitioner.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ChronologySource::Note => "note",
            ChronologySource::Addendum => "addendum",
            ChronologySource::Episode => "episode",
            ChronologySource::Deadline => "deadline",
            ChronologySource::Visit => "visit",
        }
    }
}

/// One line of a chronology.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChronologyEntry {
    /// The day it happened.
    pub date: NaiveDate,
    /// The time, when known (contacts and addenda).
    pub time: Option<NaiveTime>,
    /// What happened, on one line, never cut short.
    pub event: String,
    /// The author's full text (notes and addenda), sanitised, paragraphs
    /// kept; empty for episodes and deadlines.
    pub text: String,
    /// An addendum's reason (why it was added).
    pub reason: Option<String>,
    /// Which kind of record it comes from.
    pub source: ChronologySource,
    /// That record's id.
    pub source_id: i64,
    /// What the source is, in words ("Home visit note, 3 Nov", "MHA s3
    /// episode").
    pub source_label: String,
    /// The note to open (for notes and addenda).
    pub note_id: Option<i64>,
}

impl ChronologyEntry {
    /// "Home visit note, 3 Nov", "MHA s3 episode": which record, in words,
    /// for the source column (the id stays in `source_id`).
    #[must_use]
    pub fn source_ref(&self) -> String {
        self.source_label.clone()
    }
}
