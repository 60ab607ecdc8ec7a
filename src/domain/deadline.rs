//! Deadlines (dated things that must happen) and actions (small to-dos).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::validate::{self, MAX_SHORT, ValidationError};
use super::visit::VisitOutcome;
use super::when::{When, overdue_at};

/// A deadline as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// Database id.
    pub id: i64,
    /// Whose deadline, if anyone's.
    pub client_id: Option<i64>,
    /// The legal episode that generated it, if any.
    pub episode_id: Option<i64>,
    /// What must happen.
    pub what: String,
    /// When it is due.
    pub due: NaiveDate,
    /// From when it should be shown as coming up (a rule's warning window).
    pub warn_from: Option<NaiveDate>,
    /// The id of the rule that generated it.
    pub rule: Option<String>,
    /// The rule's citation.
    pub source: Option<String>,
    /// Legal consequence of missing it: higher ranks first.
    pub weight: i64,
    /// Position in its rule's chain (0 for the first).
    pub chain_index: i64,
    /// When it was done.
    pub completed_on: Option<NaiveDate>,
    /// What came of it.
    pub outcome: Option<String>,
    /// Withdrawn (for example the episode ended first); kept, not deleted.
    pub cancelled: bool,
    /// When it was recorded.
    pub created_at: NaiveDateTime,
    /// The time it falls due, for periods counted in hours (UK wall clock).
    #[serde(default, with = "minutes_opt", skip_serializing_if = "Option::is_none")]
    pub due_at: Option<NaiveDateTime>,
    /// The day the window to do it opens, for rules with a window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_opens: Option<NaiveDate>,
    /// The act-by date on the later reading of the law, where it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later_due: Option<NaiveDate>,
}

impl Deadline {
    /// Whether it is open and overdue at `now`: after its time for a clock
    /// counted in hours (an s136 that ended at 08:00 is overdue at 08:01),
    /// after its day else. Done and cancelled deadlines are never overdue.
    #[must_use]
    pub fn is_overdue(&self, now: NaiveDateTime) -> bool {
        self.is_open() && overdue_at(self.due, self.due_at, now)
    }

    /// Neither done nor cancelled.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.completed_on.is_none() && !self.cancelled
    }

    /// When it falls due, in words, seen from `now`: its time and countdown
    /// for a clock counted in hours, its day and the days left else.
    #[must_use]
    pub fn when(&self, now: NaiveDateTime) -> When {
        When::new(self.due, self.due_at, now)
    }
}

/// How a deadline is marked done: the one choice [`crate::store::Store`]'s
/// `complete_deadline` takes, typed so no free text is parsed later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// A statutory visit deadline: the visit is recorded with this outcome
    /// (seen or seen alone completes it; not seen or cancelled records the
    /// attempt and leaves it open).
    Visit(VisitOutcome),
    /// Any other deadline: what came of it, if anything is said.
    Outcome(Option<String>),
}

impl Completion {
    /// An outcome in words ("renewed").
    #[must_use]
    pub fn outcome(text: &str) -> Completion {
        Completion::Outcome(Some(text.to_string()))
    }
}

/// `YYYY-MM-DDTHH:MM` for times that deadlines fall due.
pub mod minutes_opt {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) const FMT: &str = "%Y-%m-%dT%H:%M";

    /// Writes the time to the minute.
    pub fn serialize<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&t.format(FMT).to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads a time written to the minute.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        text.map(|t| NaiveDateTime::parse_from_str(&t, FMT).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// A deadline to add by hand or from a rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewDeadline {
    /// Whose deadline.
    pub client_id: Option<i64>,
    /// Generating episode.
    pub episode_id: Option<i64>,
    /// What must happen.
    pub what: String,
    /// When.
    pub due: Option<NaiveDate>,
    /// Warning window start.
    pub warn_from: Option<NaiveDate>,
    /// Rule id.
    pub rule: Option<String>,
    /// Citation.
    pub source: Option<String>,
    /// Weight (defaults to 10).
    pub weight: Option<i64>,
    /// Chain position.
    pub chain_index: i64,
}

impl NewDeadline {
    /// Checks the fields.
    pub fn validate(&self) -> Result<NewDeadline, ValidationError> {
        let Some(due) = self.due else {
            return Err(ValidationError::new("due", "a due date is needed"));
        };
        Ok(NewDeadline {
            what: validate::required("what", &self.what, 500)?,
            due: Some(due),
            source: validate::optional("source", self.source.as_deref(), MAX_SHORT)?,
            ..self.clone()
        })
    }
}

/// A small to-do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Database id.
    pub id: i64,
    /// Whose, if anyone's.
    pub client_id: Option<i64>,
    /// What to do.
    pub what: String,
    /// Optional due date.
    pub due: Option<NaiveDate>,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
    /// When it was recorded.
    pub created_at: NaiveDateTime,
    /// Who does it, when someone was named (a supervision's actions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The supervision note it was agreed in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_id: Option<i64>,
}

/// An action to add.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewAction {
    /// Whose.
    pub client_id: Option<i64>,
    /// What.
    pub what: String,
    /// Due date.
    pub due: Option<NaiveDate>,
}

impl NewAction {
    /// Checks the fields.
    pub fn validate(&self) -> Result<NewAction, ValidationError> {
        Ok(NewAction {
            what: validate::required("what", &self.what, 500)?,
            ..self.clone()
        })
    }
}

string_enum! {
    /// What a due item is.
    pub enum DueKind {
        /// A deadline (statutory or by hand).
        Deadline => ("deadline", "Deadline"),
        /// An action.
        Action => ("action", "Action"),
        /// A visit falling due (its id is the client's id): done by
        /// recording a contact, not by completing it.
        Visit => ("visit", "Visit due"),
    }
}

/// One row of "what is due": a deadline or an action, with its client.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueItem {
    /// The deadline's or action's id.
    pub id: i64,
    /// Deadline or action.
    pub kind: DueKind,
    /// Whose.
    pub client_id: Option<i64>,
    /// The client's display name.
    pub client_name: Option<String>,
    /// What.
    pub what: String,
    /// Who does it, for an action with an owner (one agreed in supervision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Due date.
    #[serde(with = "crate::dates::stored::day")]
    pub due: NaiveDate,
    /// Past due.
    pub overdue: bool,
    /// Days until due (negative when overdue).
    pub days: i64,
    /// Rule id for generated deadlines.
    pub rule: Option<String>,
    /// Rule citation.
    pub source: Option<String>,
    /// Legal consequence weight.
    pub weight: i64,
    /// The time it falls due, for periods counted in hours.
    #[serde(default, with = "minutes_opt", skip_serializing_if = "Option::is_none")]
    pub due_at: Option<NaiveDateTime>,
    /// The day the window to do it opens (never early), for rules with one.
    #[serde(
        default,
        with = "crate::dates::stored::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub window_opens: Option<NaiveDate>,
    /// Its rule marks its end as a legal cliff (someone released or
    /// detained unlawfully, or a right lost): see `crate::domain::rank`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cliff: bool,
    /// The legal episode it came from has ended (listed only by `due
    /// --all`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub episode_ended: bool,
}

impl DueItem {
    /// Whether it is overdue at `now` (after its time, for a clock counted
    /// in hours; after its day, else).
    #[must_use]
    pub fn is_overdue(&self, now: NaiveDateTime) -> bool {
        overdue_at(self.due, self.due_at, now)
    }

    /// When it falls due, in words, seen from `now`.
    #[must_use]
    pub fn when(&self, now: NaiveDateTime) -> When {
        When::new(self.due, self.due_at, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_needs_a_what_and_a_date() {
        assert!(NewDeadline::default().validate().is_err());
        let ok = NewDeadline {
            what: " Review ".into(),
            due: NaiveDate::from_ymd_opt(2026, 1, 1),
            ..NewDeadline::default()
        };
        assert_eq!(ok.validate().unwrap().what, "Review");
    }
}
