//! Contact notes: a visit, call or meeting, with two clocks and addenda.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::validate::{self, MAX_LONG, MAX_SHORT, ValidationError};

string_enum! {
    /// What kind of contact a note records.
    pub enum NoteKind {
        /// A visit to the person's home.
        HomeVisit => ("home-visit", "Home visit"),
        /// A phone call.
        Phone => ("phone", "Phone call"),
        /// Seen at the office.
        Office => ("office", "Office"),
        /// Seen in hospital.
        Hospital => ("hospital", "Hospital"),
        /// A video call.
        Video => ("video", "Video call"),
        /// An MDT or professionals meeting.
        Meeting => ("meeting", "MDT / professionals meeting"),
        /// A review meeting.
        Review => ("review", "Review meeting"),
        /// A tribunal or court hearing.
        Court => ("court", "Tribunal or court"),
        /// Anything else.
        Other => ("other", "Other"),
        /// Case supervision with a manager about this person (decisions and
        /// actions agreed); not a contact with them.
        Supervision => ("supervision", "Case supervision"),
    }
}

impl NoteKind {
    /// Whether this kind of contact counts as seeing the person, for
    /// "days since seen" and visiting frequency.
    #[must_use]
    pub fn is_contact(self) -> bool {
        matches!(
            self,
            NoteKind::HomeVisit
                | NoteKind::Office
                | NoteKind::Hospital
                | NoteKind::Video
                | NoteKind::Phone
                | NoteKind::Review
        )
    }

    /// Whether this kind of contact is in person, so it can be a visit
    /// (a phone or video call is a contact, never a visit, unless a local
    /// visiting rule's `contact_kinds` says so).
    #[must_use]
    pub fn is_in_person(self) -> bool {
        matches!(
            self,
            NoteKind::HomeVisit | NoteKind::Office | NoteKind::Hospital | NoteKind::Review
        )
    }
}

string_enum! {
    /// A note is a draft until finalised; after that it never changes.
    pub enum NoteStatus {
        /// Still being written; autosaved.
        Draft => ("draft", "Draft"),
        /// Finalised: corrections only by addendum.
        Final => ("final", "Final"),
    }
}

/// A contact note as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Database id.
    pub id: i64,
    /// Whose note.
    pub client_id: i64,
    /// Kind of contact: none on a draft whose kind is not chosen yet (a
    /// final note always has one).
    pub kind: Option<NoteKind>,
    /// When the contact happened.
    pub occurred_at: NaiveDateTime,
    /// When the note was (last) written.
    pub written_at: NaiveDateTime,
    /// Where it happened.
    pub location: Option<String>,
    /// Who was present.
    pub present: Option<String>,
    /// The text.
    pub body: String,
    /// Goes into the chronology.
    pub significant: bool,
    /// Draft or final.
    pub status: NoteStatus,
    /// When it was finalised.
    pub finalised_at: Option<NaiveDateTime>,
    /// Why it was written up late, when it was.
    pub late_reason: Option<String>,
    /// Tamper-evidence hash of the previous final entry for this client.
    pub prev_hash: Option<String>,
    /// Tamper-evidence hash of this entry.
    pub hash: Option<String>,
    /// The UTC offset of `occurred_at` ("+01:00"), so the hour the clocks
    /// go back is unambiguous (none for notes from before it was kept).
    #[serde(default)]
    pub occurred_offset: Option<String>,
    /// What came of the contact, as chosen (none on a note written before
    /// notes had an outcome: see [`super::note_outcome::BEFORE_OUTCOMES`]).
    #[serde(default)]
    pub outcome: Option<super::NoteOutcome>,
}

/// The words shown where a draft's kind is not chosen yet.
pub const KIND_NOT_CHOSEN: &str = "kind not chosen";

/// A kind as shown: its label, or [`KIND_NOT_CHOSEN`].
#[must_use]
pub fn kind_label(kind: Option<NoteKind>) -> &'static str {
    kind.map_or(KIND_NOT_CHOSEN, NoteKind::label)
}

impl Note {
    /// The kind's label, or "kind not chosen" on a draft without one.
    #[must_use]
    pub fn kind_label(&self) -> &'static str {
        kind_label(self.kind)
    }

    /// Whether this is a final contact note written before notes had an
    /// outcome (it counts by its kind, as it did then, and says so).
    #[must_use]
    pub fn before_outcomes(&self) -> bool {
        self.status == NoteStatus::Final
            && self.outcome.is_none()
            && self.kind.is_some_and(super::note_outcome::outcome_required)
    }

    /// The outcome as a listing shows it: its label, "recorded before
    /// outcomes" for a final contact note from before them, else empty.
    #[must_use]
    pub fn outcome_words(&self) -> &'static str {
        match self.outcome {
            Some(o) => o.label(),
            None if self.before_outcomes() => super::note_outcome::BEFORE_OUTCOMES,
            None => "",
        }
    }
}

/// A correction or addition appended to a final note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Addendum {
    /// Database id.
    pub id: i64,
    /// The final note it belongs to.
    pub note_id: i64,
    /// When it was written.
    pub written_at: NaiveDateTime,
    /// Why it was added.
    pub reason: String,
    /// The text.
    pub body: String,
    /// Hash of the previous final entry for this client.
    pub prev_hash: Option<String>,
    /// Hash of this entry.
    pub hash: Option<String>,
}

/// What a new note (or an update to a draft) carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewNote {
    /// Whose note.
    pub client_id: i64,
    /// Kind of contact, once chosen (a draft may wait; finalising may not).
    pub kind: Option<NoteKind>,
    /// When the contact happened.
    pub occurred_at: NaiveDateTime,
    /// Where.
    pub location: Option<String>,
    /// Who was present.
    pub present: Option<String>,
    /// The text.
    pub body: String,
    /// Goes into the chronology.
    pub significant: bool,
    /// What came of the contact, once chosen (a draft may wait; finalising
    /// a contact may not).
    #[serde(default)]
    pub outcome: Option<super::NoteOutcome>,
}

impl NewNote {
    /// Checks the note's fields. `now` refuses contacts dated in the future
    /// (see [`contact_time_problem`]).
    pub fn validate(&self, now: NaiveDateTime) -> Result<NewNote, ValidationError> {
        if let Some(problem) = contact_time_problem(self.occurred_at, now) {
            return Err(ValidationError::new("when it happened", problem));
        }
        validate::limit("note text", &self.body, MAX_LONG)?;
        if let (Some(o), Some(kind)) = (self.outcome, self.kind)
            && let Some(problem) = o.problem_with(kind)
        {
            return Err(ValidationError::new("outcome", problem));
        }
        Ok(NewNote {
            client_id: self.client_id,
            kind: self.kind,
            occurred_at: self.occurred_at,
            location: validate::optional("where", self.location.as_deref(), MAX_SHORT)?,
            present: validate::optional("who was present", self.present.as_deref(), MAX_SHORT)?,
            body: self.body.clone(),
            significant: self.significant,
            outcome: self.outcome,
        })
    }
}

/// Minutes a contact time may run ahead of the clock (a watch a little fast).
pub const FUTURE_GRACE_MINUTES: i64 = 5;

/// Why a contact time cannot be recorded at `now`, if it cannot: a contact
/// has happened, so it is never in the future (a future time belongs to a
/// planned visit). The one check the CLI, the TUI and the store all apply.
///
/// Both are local wall-clock times, compared as instants in the local time
/// zone: in the hour the clocks go back, a wall time could be either of two
/// instants, and the contact is refused only when even its earlier reading
/// is after the later reading of now (01:50 BST typed at 01:10 GMT is fine).
#[must_use]
pub fn contact_time_problem(
    occurred_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Option<&'static str> {
    contact_time_problem_in(&chrono::Local, occurred_at, now)
}

/// [`contact_time_problem`] in a given time zone.
#[must_use]
pub fn contact_time_problem_in<Tz: chrono::TimeZone>(
    zone: &Tz,
    occurred_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Option<&'static str> {
    use chrono::LocalResult;
    let instant = |t: NaiveDateTime, later: bool| match zone.from_local_datetime(&t) {
        LocalResult::Single(a) => Some(a.naive_utc()),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.naive_utc(), b.naive_utc());
            Some(if later { a.max(b) } else { a.min(b) })
        }
        LocalResult::None => None,
    };
    let grace = chrono::Duration::minutes(FUTURE_GRACE_MINUTES);
    let future = match (instant(occurred_at, false), instant(now, true)) {
        (Some(o), Some(n)) => o > n + grace,
        // A wall time the clocks skipped: compare as written.
        _ => occurred_at > now + grace,
    };
    future.then_some(
        "is in the future; a note records a contact that has happened (plan a visit instead)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn kinds_round_trip_and_accept_spaces() {
        for k in NoteKind::ALL {
            assert_eq!(k.as_str().parse::<NoteKind>().unwrap(), *k);
        }
        assert_eq!(
            "Home visit".parse::<NoteKind>().unwrap(),
            NoteKind::HomeVisit
        );
    }

    #[test]
    fn a_note_in_the_future_is_refused() {
        let n = NewNote {
            client_id: 1,
            kind: Some(NoteKind::Phone),
            occurred_at: at(25, 9),
            location: None,
            present: None,
            body: "x".into(),
            significant: false,
            outcome: None,
        };
        assert!(n.validate(at(22, 9)).is_err());
        // Tomorrow is the future too (it used to pass on a day's grace).
        assert!(n.validate(at(24, 10)).is_err());
        assert!(n.validate(at(25, 8)).is_err());
        assert!(n.validate(at(25, 9)).is_ok());
        let minutes_ahead = at(25, 9) + chrono::Duration::minutes(FUTURE_GRACE_MINUTES);
        assert!(contact_time_problem(minutes_ahead, at(25, 9)).is_none());
    }
}
