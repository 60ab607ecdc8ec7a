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

/// The separator between an action's what, who and by-when when typed on
/// one line: a semicolon with a space each side, so a `;` written inside
/// the text ("bed; then the cooker") stays in the text.
pub const ACTION_SEPARATOR: &str = " ; ";

/// One action as a line of the plan form: "what ; who ; by".
#[must_use]
pub fn action_line(a: &PlanAction) -> String {
    let due = a.due.map(crate::dates::display::date).unwrap_or_default();
    let mut line = a.what.clone();
    if !a.owner.is_empty() || !due.is_empty() {
        line.push_str(ACTION_SEPARATOR);
        line.push_str(&a.owner);
    }
    if !due.is_empty() {
        line.push_str(ACTION_SEPARATOR);
        line.push_str(&due);
    }
    line
}

/// Reads one typed line "what ; who ; by" (who and by optional). Only
/// " ; " separates; a by-when that is not a date is an error, never dropped.
pub fn parse_action_line(line: &str, today: NaiveDate) -> Result<PlanAction, String> {
    let parts: Vec<&str> = line.split(ACTION_SEPARATOR).map(str::trim).collect();
    let (what, owner, due) = match parts.as_slice() {
        [what] => (*what, "", None),
        [what, owner] => (*what, *owner, None),
        [what, owner, due] => (*what, *owner, Some(*due).filter(|d| !d.is_empty())),
        _ => {
            return Err(format!(
                "an action is \"what{ACTION_SEPARATOR}who{ACTION_SEPARATOR}by\"; this line has more parts"
            ));
        }
    };
    let due = due
        .map(|d| crate::dates::parse_date(d, today).map_err(|e| format!("by when: {e}")))
        .transpose()?;
    Ok(PlanAction {
        id: 0,
        what: what.trim_end_matches([' ', ';']).to_string(),
        owner: owner.to_string(),
        due,
        done_on: None,
    })
}

/// Carries the done state of the previous version's actions into a new
/// version: an action with the same text (ignoring case and spacing) that
/// was done stays done, with its date. A review never undoes work.
pub fn carry_forward(previous: &[PlanAction], actions: &mut [PlanAction]) {
    let key = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    for a in actions.iter_mut().filter(|a| a.done_on.is_none()) {
        if let Some(done) = previous
            .iter()
            .find(|p| p.done_on.is_some() && key(&p.what) == key(&a.what))
        {
            a.done_on = done.done_on;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::display::{DateStyle, scoped};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_semicolon_in_the_text_does_not_split_the_action() {
        let a =
            parse_action_line("Buy a bed; then the cooker ; Sam ; 2026-12-03", d(11, 22)).unwrap();
        assert_eq!(a.what, "Buy a bed; then the cooker");
        assert_eq!(a.owner, "Sam");
        assert_eq!(a.due, Some(d(12, 3)));
        let a = parse_action_line("Buy a bed; then the cooker", d(11, 22)).unwrap();
        assert_eq!(a.what, "Buy a bed; then the cooker");
        assert_eq!(a.owner, "");
        assert!(parse_action_line("Bed ; Sam ; whenever", d(11, 22)).is_err());
        assert!(parse_action_line("a ; b ; 2026-12-03 ; d", d(11, 22)).is_err());
    }

    #[test]
    fn a_line_written_for_the_form_reads_back_the_same() {
        for a in [
            PlanAction {
                what: "Buy a bed; deliver it".into(),
                owner: "Sam".into(),
                due: Some(d(12, 3)),
                ..PlanAction::default()
            },
            PlanAction {
                what: "Ring GP".into(),
                owner: String::new(),
                due: Some(d(12, 3)),
                ..PlanAction::default()
            },
            PlanAction {
                what: "Ring GP".into(),
                owner: "Jo".into(),
                due: None,
                ..PlanAction::default()
            },
            PlanAction {
                what: "Ring GP".into(),
                ..PlanAction::default()
            },
        ] {
            for style in [DateStyle::Uk, DateStyle::Iso] {
                let _style = scoped(style);
                assert_eq!(parse_action_line(&action_line(&a), d(11, 22)).unwrap(), a);
            }
        }
        // The by-when is written as dates are shown.
        let a = PlanAction {
            what: "Ring GP".into(),
            due: Some(d(12, 3)),
            ..PlanAction::default()
        };
        let _uk = scoped(DateStyle::Uk);
        assert_eq!(action_line(&a), "Ring GP ;  ; 03/12/2026");
    }

    #[test]
    fn a_review_keeps_done_actions_done() {
        let before = vec![
            PlanAction {
                id: 4,
                what: "Buy and deliver a bed".into(),
                done_on: Some(d(11, 20)),
                ..PlanAction::default()
            },
            PlanAction {
                id: 5,
                what: "Ring GP".into(),
                ..PlanAction::default()
            },
        ];
        let mut after = vec![
            PlanAction {
                what: "buy and  deliver a bed".into(),
                ..PlanAction::default()
            },
            PlanAction {
                what: "Ring GP".into(),
                ..PlanAction::default()
            },
        ];
        carry_forward(&before, &mut after);
        assert_eq!(after[0].done_on, Some(d(11, 20)));
        assert_eq!(after[1].done_on, None);
    }
}
