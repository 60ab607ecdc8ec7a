//! Case supervision: the decisions and actions agreed with a manager about
//! one person's case. It belongs on that person's record (it can be
//! disclosed in court), so it is kept as a note of kind
//! [`NoteKind::Supervision`](super::NoteKind) whose text says what was
//! decided: the chronology, the exports, the SAR and the seal then treat it
//! as any note. Its parts (supervisor, decisions, discussion, next review)
//! are kept beside the note for listing and the paste pack, and its actions
//! are ordinary actions with an owner.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::validate::{self, MAX_LONG, MAX_NAME, MAX_SHORT, ValidationError};
use super::{Action, NoteStatus};

/// An action agreed in supervision: what, who does it, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionAction {
    /// What is to be done.
    pub what: String,
    /// Who does it (the practitioner, the manager, another service).
    pub owner: String,
    /// By when.
    #[serde(with = "crate::dates::stored::day")]
    pub by: NaiveDate,
}

/// A case supervision to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSupervision {
    /// Whose case.
    pub client_id: i64,
    /// When supervision took place (a day, or a day and a time).
    pub on: NaiveDateTime,
    /// Who supervised.
    pub supervisor: String,
    /// What was decided, one entry each.
    pub decisions: Vec<String>,
    /// What was discussed (may be empty).
    pub discussion: String,
    /// The actions agreed.
    pub actions: Vec<SupervisionAction>,
    /// When the case is next to be reviewed in supervision.
    pub next_review: Option<NaiveDate>,
}

impl NewSupervision {
    /// Checks the fields: a supervisor, at least one decision, each action
    /// with what and who.
    pub fn validate(&self) -> Result<NewSupervision, ValidationError> {
        let supervisor = validate::required("supervisor", &self.supervisor, MAX_NAME)?;
        let decisions = self
            .decisions
            .iter()
            .map(|d| validate::required("decision", d, MAX_SHORT))
            .collect::<Result<Vec<_>, _>>()?;
        if decisions.is_empty() {
            return Err(ValidationError::new(
                "decision",
                "at least one decision is needed",
            ));
        }
        validate::limit("discussion", &self.discussion, MAX_LONG)?;
        let actions = self
            .actions
            .iter()
            .map(|a| {
                Ok(SupervisionAction {
                    what: validate::required("action", &a.what, 500)?,
                    owner: validate::required("owner", &a.owner, MAX_NAME)?,
                    by: a.by,
                })
            })
            .collect::<Result<Vec<_>, ValidationError>>()?;
        Ok(NewSupervision {
            supervisor,
            decisions,
            discussion: self.discussion.trim().to_string(),
            actions,
            ..self.clone()
        })
    }

    /// The note's text: what the chronology, the exports and the seal carry
    /// ("Supervision with Sam Reed: decision: …", then the rest).
    #[must_use]
    pub fn body(&self) -> String {
        let mut out = format!("Supervision with {}: ", self.supervisor);
        for (n, d) in self.decisions.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            out.push_str("decision: ");
            out.push_str(d);
        }
        if !self.discussion.is_empty() {
            out.push_str("\nDiscussion: ");
            out.push_str(&self.discussion);
        }
        for a in &self.actions {
            out.push_str(&format!(
                "\nAction: {} (owner: {}, by {})",
                a.what,
                a.owner,
                crate::dates::display::date(a.by)
            ));
        }
        if let Some(r) = self.next_review {
            out.push_str(&format!(
                "\nNext review: {}",
                crate::dates::display::date(r)
            ));
        }
        out
    }
}

/// A case supervision as stored: its note's id, whose, when, its parts and
/// its actions as they stand now (done or not).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Supervision {
    /// The note holding it (its id on the record).
    pub note_id: i64,
    /// Whose case.
    pub client_id: i64,
    /// When supervision took place.
    pub on: NaiveDateTime,
    /// Who supervised.
    pub supervisor: String,
    /// What was decided.
    pub decisions: Vec<String>,
    /// What was discussed.
    pub discussion: String,
    /// When the case is next reviewed.
    #[serde(with = "crate::dates::stored::opt_day")]
    pub next_review: Option<NaiveDate>,
    /// Draft or final (sealed like any note).
    pub status: NoteStatus,
    /// The actions agreed, with their owners.
    pub actions: Vec<Action>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new() -> NewSupervision {
        NewSupervision {
            client_id: 1,
            on: NaiveDate::from_ymd_opt(2026, 11, 20)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
            supervisor: " Sam Reed ".into(),
            decisions: vec!["Refer to the funding panel".into()],
            discussion: String::new(),
            actions: vec![SupervisionAction {
                what: "Write the panel report".into(),
                owner: "Me".into(),
                by: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            }],
            next_review: None,
        }
    }

    #[test]
    fn the_body_opens_with_who_and_the_decision() {
        let s = new().validate().unwrap();
        let body = s.body();
        assert!(
            body.starts_with("Supervision with Sam Reed: decision: Refer to the funding panel"),
            "{body}"
        );
        assert!(body.contains("Action: Write the panel report (owner: Me, by"));
    }

    #[test]
    fn a_supervision_needs_a_decision_and_each_action_an_owner() {
        let mut s = new();
        s.decisions.clear();
        assert_eq!(s.validate().unwrap_err().field, "decision");
        let mut s = new();
        s.actions[0].owner = " ".into();
        assert_eq!(s.validate().unwrap_err().field, "owner");
    }
}
