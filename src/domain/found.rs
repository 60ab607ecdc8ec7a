//! What a search finds: each hit with its source and its passage, matched
//! words marked, and what narrows a search (the store runs it, screens and
//! the command line show it).

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

/// Where a hit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitSource {
    /// A contact note.
    Note,
    /// An addendum to a final note.
    Addendum,
    /// A care plan version.
    Plan,
}

impl HitSource {
    /// The word shown to the practitioner.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            HitSource::Note => "note",
            HitSource::Addendum => "addendum",
            HitSource::Plan => "care plan",
        }
    }
}

/// A piece of a snippet: matched words have `hit` set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The text, sanitised and on one line.
    pub text: String,
    /// Whether these are matched words.
    pub hit: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Note, addendum or care plan.
    pub source: HitSource,
    /// The record's id (note, addendum or care plan id).
    pub id: i64,
    /// The note to open: the note itself, or the note an addendum is on.
    pub note_id: Option<i64>,
    /// Whose record.
    pub client_id: i64,
    /// The client's display name.
    pub client_name: String,
    /// When: the contact, the addendum's writing, or the plan version.
    pub at: NaiveDateTime,
    /// The matching passage, with the matched words marked.
    pub snippet: Vec<Segment>,
}

impl SearchHit {
    /// The snippet with matched words wrapped in `open` … `close`.
    #[must_use]
    pub fn marked(&self, open: &str, close: &str) -> String {
        self.snippet
            .iter()
            .map(|s| {
                if s.hit {
                    format!("{open}{}{close}", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }
}

/// Narrows a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchFilter {
    /// Only this client's records.
    pub client_id: Option<i64>,
    /// On or after this day.
    pub from: Option<NaiveDate>,
    /// On or before this day.
    pub to: Option<NaiveDate>,
    /// At most this many hits (50 when 0).
    pub limit: u32,
}
