//! A client's chronology, built from what is already recorded: significant
//! notes and their addenda, legal episodes starting and ending, completed
//! statutory deadlines, and visits with this person's outcome (not seen and
//! cancelled included), in date order.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::{Result, Store};
use crate::domain::chronology::{ChronologyEntry, ChronologySource};
use crate::domain::text::{one_line, sanitize};
use crate::domain::visit::agenda_words;
use crate::domain::{Deadline, LegalEpisode, NoteKind, NoteStatus, VisitStatus};
use crate::rules::Rule;
use crate::rules::completion::done_word;

/// The whole text on one line. A chronology goes into court bundles: it is
/// never cut short here; a screen that lacks room wraps or scrolls it.
fn summary(text: &str) -> String {
    one_line(text).trim().to_string()
}

/// The whole text with its paragraphs, sanitised.
fn full(text: &str) -> String {
    sanitize(text).trim().to_string()
}

/// A day as the source column writes it: "3 Nov".
fn day(d: NaiveDate) -> String {
    crate::dates::display::day_month(d)
}

fn at(entry_time: NaiveDateTime) -> (NaiveDate, Option<NaiveTime>) {
    (entry_time.date(), Some(entry_time.time()))
}

/// "MHA s3 deadline": the episode's framework, else just "Deadline".
fn deadline_label(d: &Deadline, episodes: &[LegalEpisode]) -> String {
    match d
        .episode_id
        .and_then(|id| episodes.iter().find(|e| e.id == id))
    {
        Some(e) => format!("{} deadline", e.kind.label()),
        None => "Deadline".into(),
    }
}

/// The day a renewable period ended without renewal: its deadline was
/// withdrawn because the episode ended first, and it is the episode's last
/// such deadline (an earlier one withdrawn by a corrected start is not).
fn not_renewed(
    d: &Deadline,
    rule: Option<&Rule>,
    deadlines: &[Deadline],
    episodes: &[LegalEpisode],
) -> Option<NaiveDate> {
    if !d.cancelled || d.completed_on.is_some() || !rule.is_some_and(Rule::ends_period) {
        return None;
    }
    let e = episodes.iter().find(|e| Some(e.id) == d.episode_id)?;
    // A period suspended, converted, revoked or ended by the power that
    // followed it was not "not renewed": the law named what happened.
    if e.end_reason.is_some() {
        return None;
    }
    let end = e.end_on?;
    let last = deadlines
        .iter()
        .filter(|o| o.episode_id == d.episode_id && o.rule == d.rule)
        .map(|o| o.id)
        .max();
    (last == Some(d.id) && end <= d.due).then_some(end)
}

/// A client's chronology: every entry in time order.
pub trait ChronologyReads {
    /// The client's chronology, oldest first.
    fn chronology(&self, client_id: i64) -> Result<Vec<ChronologyEntry>>;
}

impl ChronologyReads for Store {
    /// The client's chronology, oldest first.
    fn chronology(&self, client_id: i64) -> Result<Vec<ChronologyEntry>> {
        self.client(client_id)?;
        let mut out = Vec::new();
        for note in self.notes(client_id)?.into_iter().filter(|n| n.significant) {
            let (date, mut time) = at(note.occurred_at);
            // A supervision's text already says what it is ("Supervision
            // with …: decision …"); one given as a day has no time to show.
            let mut event = if note.kind == Some(NoteKind::Supervision) {
                time = time.filter(|t| *t != NaiveTime::MIN);
                summary(&note.body)
            } else {
                format!("{}: {}", note.kind_label(), summary(&note.body))
            };
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
                source_label: format!("{} note, {}", note.kind_label(), day(date)),
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
                    source_label: format!("Addendum, {}", day(date)),
                    note_id: Some(note.id),
                });
            }
        }
        let episodes = self.episodes(client_id)?;
        for e in &episodes {
            let label = format!("{} episode", e.kind.label());
            let earlier = episodes.iter().find(|x| Some(x.id) == e.follows_id);
            let later = episodes.iter().find(|x| x.follows_id == Some(e.id));
            let (started, ended, text) = self.journey_words(e, earlier, later);
            out.push(ChronologyEntry {
                date: e.start_on,
                time: e.start_at.map(|t| t.time()),
                event: started,
                text: text.clone(),
                reason: None,
                source: ChronologySource::Episode,
                source_id: e.id,
                source_label: label.clone(),
                note_id: None,
            });
            if let Some(end) = e.end_on {
                out.push(ChronologyEntry {
                    date: end,
                    time: e.end_at.map(|t| t.time()),
                    event: ended,
                    text,
                    reason: None,
                    source: ChronologySource::Episode,
                    source_id: e.id,
                    source_label: label,
                    note_id: None,
                });
            }
        }
        let deadlines = self.deadlines(client_id)?;
        for d in &deadlines {
            let Some(rule) = &d.rule else {
                continue;
            };
            let rule = self.rules().rule(rule);
            let label = deadline_label(d, &episodes);
            if let Some(done) = d.completed_on.filter(|_| !d.cancelled) {
                // Completing a renewable period records that it was renewed.
                let mut event = format!("{} — {}", summary(&d.what), done_word(rule));
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
                    source_label: label,
                    note_id: None,
                });
            } else if let Some(end) = not_renewed(d, rule, &deadlines, &episodes) {
                out.push(ChronologyEntry {
                    date: end,
                    time: None,
                    event: format!("{} — not renewed", summary(&d.what)),
                    text: String::new(),
                    reason: None,
                    source: ChronologySource::Deadline,
                    source_id: d.id,
                    source_label: label,
                    note_id: None,
                });
            }
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
                source_label: format!("{} record, {}", v.kind.label(), day(date)),
                note_id: v.note_id,
            });
        }
        // Stable: same-day entries keep notes before addenda, episodes after.
        out.sort_by_key(|e| (e.date, e.time));
        Ok(out)
    }
}

impl Store {
    /// The words for an episode's start and end in a journey: what it
    /// followed, and how it ended by the law of the power that followed it
    /// (suspended, converted, revoked, ended); and that joint's source.
    fn journey_words(
        &self,
        e: &LegalEpisode,
        earlier: Option<&LegalEpisode>,
        later: Option<&LegalEpisode>,
    ) -> (String, String, String) {
        let l = e.kind.label();
        let started = match earlier {
            Some(x)
                if e.kind == crate::domain::EpisodeKind::MhaS3
                    && x.end_reason.as_deref() == Some("revoked") =>
            {
                format!("{l} revived on the revocation of the {}", x.kind.label())
            }
            Some(x) => format!("{l} started, following {}", x.kind.label()),
            None => format!("{l} started"),
        };
        let joint = later.and_then(|n| self.rules().succession(e.kind, n.kind).map(|s| (n, s)));
        let ended = match (e.end_reason.as_deref(), joint) {
            (Some("converted"), Some((n, _))) => format!("{l} converted to {}", n.kind.label()),
            (Some("suspended"), Some((n, _))) => {
                format!("{l} suspended while the {} is in force", n.kind.label())
            }
            (Some("revoked"), _) => format!("{l} revoked"),
            (Some(r), Some((n, _))) => format!("{l} {r}: {} began", n.kind.label()),
            (Some(r), None) => format!("{l} {r}"),
            (None, _) => format!("{l} ended"),
        };
        let text = joint.map(|(_, s)| s.source.clone()).unwrap_or_default();
        (started, ended, text)
    }
}
