//! Visits: planned in the diary, then recorded with an outcome for each
//! person seen (or not). A visit may be to several clients at once (a
//! household); each person's visiting rule counts only their own outcome.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::validate::{self, MAX_SHORT, ValidationError};
use super::{NewNote, NoteKind};

string_enum! {
    /// What came of a visit, for one person.
    pub enum VisitOutcome {
        /// The person was seen.
        Seen => ("seen", "Seen"),
        /// The person was seen alone (the statutory expectation for a child
        /// on a plan).
        SeenAlone => ("seen-alone", "Seen alone"),
        /// Not seen: nobody home, refused entry, out (a "no access" visit).
        NotSeen => ("not-seen", "Not seen"),
        /// The visit did not happen.
        Cancelled => ("cancelled", "Cancelled"),
    }
}

impl VisitOutcome {
    /// Whether this outcome means the person was seen (and so satisfies a
    /// visiting rule). Not seen and cancelled are recorded but never count.
    #[must_use]
    pub fn counts(self) -> bool {
        matches!(self, VisitOutcome::Seen | VisitOutcome::SeenAlone)
    }
}

string_enum! {
    /// Where a visit is in its life.
    pub enum VisitStatus {
        /// In the diary, not yet happened.
        Planned => ("planned", "Planned"),
        /// Happened (or was attempted) and its outcomes are recorded.
        Done => ("done", "Done"),
        /// Called off before it happened, with a reason.
        Cancelled => ("cancelled", "Cancelled"),
    }
}

/// One person on a visit, with their own outcome once it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitPerson {
    /// The client.
    pub client_id: i64,
    /// Their display name.
    pub name: String,
    /// What came of the visit for them (none while planned).
    pub outcome: Option<VisitOutcome>,
}

/// A planned visit moved to another time: the history a move keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitMove {
    /// The time it was planned for.
    pub from: NaiveDateTime,
    /// The time it moved to.
    pub to: NaiveDateTime,
    /// When it was moved.
    pub moved_at: NaiveDateTime,
}

/// A visit as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// Database id.
    pub id: i64,
    /// Planned, done or cancelled.
    pub status: VisitStatus,
    /// What kind of contact it is (a home visit unless said otherwise).
    pub kind: NoteKind,
    /// When it is (or was) planned for; none for a visit recorded after
    /// the event without being planned.
    pub planned_at: Option<NaiveDateTime>,
    /// When it happened, once done.
    pub occurred_at: Option<NaiveDateTime>,
    /// Expected length in minutes.
    pub minutes: Option<u32>,
    /// Where.
    pub location: Option<String>,
    /// Who else is coming.
    pub with_whom: Option<String>,
    /// Lone working: the time by which the practitioner rings back.
    pub lone_check: Option<NaiveTime>,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    /// The note that records it, if any.
    pub note_id: Option<i64>,
    /// The statutory visit deadline it completed, if any.
    pub deadline_id: Option<i64>,
    /// Everyone visited, each with their outcome.
    pub people: Vec<VisitPerson>,
    /// Earlier times it was planned for, oldest first.
    pub moves: Vec<VisitMove>,
}

impl Visit {
    /// The time that places it in the diary: when it happened, else when it
    /// is planned for.
    #[must_use]
    pub fn when(&self) -> Option<NaiveDateTime> {
        self.occurred_at.or(self.planned_at)
    }

    /// The day it is on, if it has one.
    #[must_use]
    pub fn date(&self) -> Option<NaiveDate> {
        self.when().map(|t| t.date())
    }

    /// Whether it is planned and its time has passed (so its outcome is due).
    #[must_use]
    pub fn awaits_outcome(&self, now: NaiveDateTime) -> bool {
        self.status == VisitStatus::Planned && self.planned_at.is_some_and(|t| t <= now)
    }

    /// The draft note that records this visit for `client_id`, filled in
    /// from the visit: its kind, when it happened (else was planned), where,
    /// who was there, and each person's outcome as the first line.
    #[must_use]
    pub fn note_draft(&self, client_id: i64) -> Option<NewNote> {
        let when = self.when()?;
        // Present: only the people recorded as seen (issue 25). Anyone not
        // seen, and whoever was planned to come along, was not recorded as
        // there; the practitioner adds who else was.
        let present: Vec<String> = self
            .people
            .iter()
            .filter(|p| p.outcome.is_some_and(VisitOutcome::counts))
            .map(|p| p.name.clone())
            .collect();
        // The note carries its own client's outcome, as recorded.
        let own = self
            .people
            .iter()
            .find(|p| p.client_id == client_id)
            .and_then(|p| p.outcome)
            .map(super::NoteOutcome::from_visit);
        let outcome = self.outcome_words();
        let body = if outcome.is_empty() {
            String::new()
        } else {
            format!("Outcome: {outcome}.\n\n")
        };
        Some(NewNote {
            client_id,
            kind: Some(self.kind),
            occurred_at: when,
            location: self.location.clone(),
            present: (!present.is_empty()).then(|| present.join(", ")),
            body,
            significant: self
                .people
                .iter()
                .any(|p| p.outcome.is_some_and(|o| !o.counts())),
            outcome: own,
        })
    }

    /// "Seen alone", or per person "Ann: seen alone; Ben: not seen".
    #[must_use]
    pub fn outcome_words(&self) -> String {
        let outcomes: Vec<Option<VisitOutcome>> = self.people.iter().map(|p| p.outcome).collect();
        match outcomes.first() {
            None => String::new(),
            Some(first) if outcomes.iter().all(|o| o == first) => {
                first.map(|o| o.label().to_string()).unwrap_or_default()
            }
            _ => self
                .people
                .iter()
                .map(|p| {
                    format!(
                        "{}: {}",
                        p.name,
                        p.outcome
                            .map(|o| o.label().to_lowercase())
                            .unwrap_or_else(|| "—".into())
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// How a visit reads in the diary: "Home visit (planned)", "Home visit:
/// seen alone", "Office: cancelled".
#[must_use]
pub fn agenda_words(kind: NoteKind, status: VisitStatus, outcome: Option<VisitOutcome>) -> String {
    match (status, outcome) {
        (VisitStatus::Planned, _) => format!("{} (planned)", kind.label()),
        (_, Some(o)) => format!("{}: {}", kind.label(), o.label().to_lowercase()),
        (s, None) => format!("{}: {}", kind.label(), s.label().to_lowercase()),
    }
}

/// What a new planned visit carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVisit {
    /// The clients visited (at least one; the first is the main one).
    pub clients: Vec<i64>,
    /// When.
    pub at: Option<NaiveDateTime>,
    /// What kind of contact (default: home visit).
    pub kind: Option<NoteKind>,
    /// Expected length in minutes.
    pub minutes: Option<u32>,
    /// Where.
    pub location: Option<String>,
    /// Who else is coming.
    pub with_whom: Option<String>,
    /// Lone working: ring back by this time.
    pub lone_check: Option<NaiveTime>,
}

/// The longest visit a plan may say it takes (a whole day).
pub const MAX_VISIT_MINUTES: u32 = 24 * 60;

impl NewVisit {
    /// Checks the fields: at least one client, each once, a time, a sensible
    /// length, and a visit kind that is a visit (a phone call is not).
    pub fn validate(&self) -> Result<NewVisit, ValidationError> {
        if self.clients.is_empty() {
            return Err(ValidationError::new(
                "who",
                "a visit needs at least one client",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        if !self.clients.iter().all(|c| seen.insert(*c)) {
            return Err(ValidationError::new("who", "names the same client twice"));
        }
        if self.at.is_none() {
            return Err(ValidationError::new(
                "when",
                "a planned visit needs a date and time",
            ));
        }
        if self
            .minutes
            .is_some_and(|m| m == 0 || m > MAX_VISIT_MINUTES)
        {
            return Err(ValidationError::new(
                "minutes",
                format!("must be between 1 and {MAX_VISIT_MINUTES}"),
            ));
        }
        let kind = self.kind.unwrap_or(NoteKind::HomeVisit);
        if !kind.is_in_person() {
            return Err(ValidationError::new(
                "kind",
                "a visit is in person (home visit, office, hospital, review); record a call as a note",
            ));
        }
        Ok(NewVisit {
            kind: Some(kind),
            location: validate::optional("where", self.location.as_deref(), MAX_SHORT)?,
            with_whom: validate::optional("with", self.with_whom.as_deref(), MAX_SHORT)?,
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .and_then(|x| x.and_hms_opt(h, 0, 0))
            .unwrap()
    }

    #[test]
    fn only_seen_and_seen_alone_count() {
        let counted: Vec<&str> = VisitOutcome::ALL
            .iter()
            .filter(|o| o.counts())
            .map(|o| o.as_str())
            .collect();
        assert_eq!(counted, ["seen", "seen-alone"]);
        assert_eq!(
            "seen alone".parse::<VisitOutcome>().unwrap(),
            VisitOutcome::SeenAlone
        );
    }

    #[test]
    fn a_new_visit_needs_clients_a_time_and_an_in_person_kind() {
        let ok = NewVisit {
            clients: vec![1, 2],
            at: Some(at(24, 10)),
            ..NewVisit::default()
        };
        assert_eq!(ok.validate().unwrap().kind, Some(NoteKind::HomeVisit));
        for bad in [
            NewVisit {
                clients: vec![],
                ..ok.clone()
            },
            NewVisit {
                clients: vec![1, 1],
                ..ok.clone()
            },
            NewVisit {
                at: None,
                ..ok.clone()
            },
            NewVisit {
                minutes: Some(0),
                ..ok.clone()
            },
            NewVisit {
                kind: Some(NoteKind::Phone),
                ..ok.clone()
            },
        ] {
            assert!(bad.validate().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn outcome_words_say_one_outcome_or_each_persons() {
        let person = |name: &str, o| VisitPerson {
            client_id: 1,
            name: name.into(),
            outcome: Some(o),
        };
        let mut v = Visit {
            id: 1,
            status: VisitStatus::Done,
            kind: NoteKind::HomeVisit,
            planned_at: Some(at(20, 10)),
            occurred_at: None,
            minutes: None,
            location: None,
            with_whom: None,
            lone_check: None,
            cancel_reason: None,
            note_id: None,
            deadline_id: None,
            people: vec![person("Ann", VisitOutcome::SeenAlone)],
            moves: vec![],
        };
        assert_eq!(v.outcome_words(), "Seen alone");
        v.people.push(person("Ben", VisitOutcome::NotSeen));
        assert_eq!(v.outcome_words(), "Ann: seen alone; Ben: not seen");
        let draft = v.note_draft(1).unwrap();
        assert_eq!(draft.occurred_at, at(20, 10));
        // Issue 25 item 4: Ben was not seen, so only Ann is present.
        assert_eq!(draft.present.as_deref(), Some("Ann"));
        assert_eq!(draft.outcome, Some(crate::domain::NoteOutcome::SeenAlone));
        assert!(
            draft
                .body
                .starts_with("Outcome: Ann: seen alone; Ben: not seen.")
        );
        assert!(draft.significant, "a child not seen goes in the chronology");
        v.status = VisitStatus::Planned;
        assert!(v.awaits_outcome(at(20, 10)));
        assert!(!v.awaits_outcome(at(20, 9)));
    }
}
