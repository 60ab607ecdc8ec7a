//! Care plans: versioned; a review makes a new version, old ones stay readable.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::validate::{self, MAX_LONG, ValidationError};

/// An action agreed in a care plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanAction {
    /// Database id (0 before it is stored).
    pub id: i64,
    /// What was agreed.
    pub what: String,
    /// Who will do it.
    pub owner: String,
    /// By when.
    pub due: Option<NaiveDate>,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
}

/// One version of a client's care plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CarePlan {
    /// Database id.
    pub id: i64,
    /// Whose plan.
    pub client_id: i64,
    /// Version number, from 1.
    pub version: i64,
    /// When this version was written.
    pub created_at: NaiveDateTime,
    /// Needs, in the person's own words.
    pub needs: String,
    /// Outcomes they want.
    pub outcomes: String,
    /// What the person brings.
    pub strengths: String,
    /// Crisis and contingency plan: triggers, early signs, who to contact, where to go.
    pub crisis_plan: String,
    /// When the plan is next reviewed.
    pub next_review: Option<NaiveDate>,
    /// Actions agreed.
    pub actions: Vec<PlanAction>,
}

/// The contents of a new plan version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewCarePlan {
    /// Needs.
    pub needs: String,
    /// Outcomes.
    pub outcomes: String,
    /// Strengths.
    pub strengths: String,
    /// Crisis plan.
    pub crisis_plan: String,
    /// Next review.
    pub next_review: Option<NaiveDate>,
    /// Actions.
    pub actions: Vec<PlanAction>,
}

impl NewCarePlan {
    /// Checks the fields.
    pub fn validate(&self) -> Result<NewCarePlan, ValidationError> {
        validate::limit("needs", &self.needs, MAX_LONG)?;
        validate::limit("outcomes", &self.outcomes, MAX_LONG)?;
        validate::limit("strengths", &self.strengths, MAX_LONG)?;
        validate::limit("crisis plan", &self.crisis_plan, MAX_LONG)?;
        let mut actions = Vec::new();
        for a in &self.actions {
            actions.push(PlanAction {
                what: validate::required("plan action", &a.what, 500)?,
                owner: validate::optional("owner", Some(&a.owner), 200)?.unwrap_or_default(),
                ..a.clone()
            });
        }
        Ok(NewCarePlan {
            actions,
            ..self.clone()
        })
    }
}
