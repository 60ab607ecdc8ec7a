//! A client's chronology, built from what is already recorded: significant
//! notes and their addenda, legal episodes starting and ending, completed
//! statutory deadlines, and visits with this person's outcome (not seen and
//! cancelled included), in date order.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::{Result, Store};
use crate::domain::text::{one_line, sanitize};
use crate::domain::visit::agenda_words;
use crate::domain::{NoteStatus, VisitStatus};

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
    /// The note to open (for notes and addenda).
    pub note_id: Option<i64>,
}

impl ChronologyEntry {
    /// "note 12", "episode 3": which record, for the source column.
    #[must_use]
    pub fn source_ref(&self) -> String {
        format!("{} {}", self.source.label(), self.source_id)
    }
}

/// The whole text on one line. A chronology goes into court bundles: it is
/// never cut short here; a screen that lacks room wraps or scrolls it.
fn summary(text: &str) -> String {
    one_line(text).trim().to_string()
}

/// The whole text with its paragraphs, sanitised.
fn full(text: &str) -> String {
    sanitize(text).trim().to_string()
}

fn at(entry_time: NaiveDateTime) -> (NaiveDate, Option<NaiveTime>) {
    (entry_time.date(), Some(entry_time.time()))
}

impl Store {
    /// The client's chronology, oldest first.
    pub fn chronology(&self, client_id: i64) -> Result<Vec<ChronologyEntry>> {
        self.client(client_id)?;
        let mut out = Vec::new();
        for note in self.notes(client_id)?.into_iter().filter(|n| n.significant) {
            let (date, time) = at(note.occurred_at);
            let mut event = format!("{}: {}", note.kind.label(), summary(&note.body));
            if note.status == NoteStatus::Draft {
                event.push_str(" (draft, not yet final)");
            }
            if let Some(reason) = &note.late_reason {
                event.push_str(&format!(" (late entry: {})", summary(reason)));
            }
            out.push(ChronologyEntry {
                date,
                time,
                event,
                text: full(&note.body),
                reason: None,
                source: ChronologySource::Note,
                source_id: note.id,
                note_id: Some(note.id),
            });
            for a in self.addenda(note.id)? {
                let (date, time) = at(a.written_at);
                out.push(ChronologyEntry {
                    date,
                    time,
                    event: format!(
                        "Addendum to the {} note ({}): {}",
                        note.occurred_at.date(),
                        summary(&a.reason),
                        summary(&a.body)
                    ),
                    text: full(&a.body),
                    reason: Some(full(&a.reason)),
                    source: ChronologySource::Addendum,
                    source_id: a.id,
                    note_id: Some(note.id),
                });
            }
        }
        for e in self.episodes(client_id)? {
            out.push(ChronologyEntry {
                date: e.start_on,
                time: None,
                event: format!("{} started", e.kind.label()),
                text: String::new(),
                reason: None,
                source: ChronologySource::Episode,
                source_id: e.id,
                note_id: None,
            });
            if let Some(end) = e.end_on {
                out.push(ChronologyEntry {
                    date: end,
                    time: None,
                    event: format!("{} ended", e.kind.label()),
                    text: String::new(),
                    reason: None,
                    source: ChronologySource::Episode,
                    source_id: e.id,
                    note_id: None,
                });
            }
        }
        for d in self.deadlines(client_id)? {
            let (Some(done), Some(_rule)) = (d.completed_on, &d.rule) else {
                continue;
            };
            if d.cancelled {
                continue;
            }
            let mut event = format!("{} — done", summary(&d.what));
            if let Some(outcome) = &d.outcome {
                event.push_str(&format!(": {}", summary(outcome)));
            }
            out.push(ChronologyEntry {
                date: done,
                time: None,
                event,
                text: String::new(),
                reason: None,
                source: ChronologySource::Deadline,
                source_id: d.id,
                note_id: None,
            });
        }
        let visits = self.visits(&super::VisitFilter {
            client: Some(client_id),
            ..super::VisitFilter::default()
        })?;
        for v in visits {
            let outcome = v
                .people
                .iter()
                .find(|p| p.client_id == client_id)
                .and_then(|p| p.outcome);
            let (when, event) = match (v.status, v.occurred_at, v.planned_at) {
                (VisitStatus::Done, Some(t), _) => (t, agenda_words(v.kind, v.status, outcome)),
                (VisitStatus::Cancelled, _, Some(t)) => (
                    t,
                    format!(
                        "{} planned for then was cancelled: {}",
                        v.kind.label(),
                        summary(v.cancel_reason.as_deref().unwrap_or(""))
                    ),
                ),
                _ => continue,
            };
            let (date, time) = at(when);
            out.push(ChronologyEntry {
                date,
                time,
                event,
                text: String::new(),
                reason: None,
                source: ChronologySource::Visit,
                source_id: v.id,
                note_id: v.note_id,
            });
        }
        // Stable: same-day entries keep notes before addenda, episodes after.
        out.sort_by_key(|e| (e.date, e.time));
        Ok(out)
    }
}
