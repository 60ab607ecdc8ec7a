//! What a hand-added deadline weighs, and what completing a deadline means.
//! Completing a statutory deadline is a statement about the law (a section
//! renewed, an authorisation given), so the program names the deadline and
//! asks the question the completion answers before recording it.

use serde::{Deserialize, Serialize};

use crate::rules::pack::{Chain, Rule};

crate::string_enum! {
    /// How much a hand-added deadline matters, so it ranks among the
    /// statutory ones on Today and in `due` (see the weights in the packs).
    pub enum DeadlineCategory {
        /// A legal duty or court/tribunal date (ranks with statutory visits and conferences).
        Legal => ("legal", "Legal"),
        /// A review or meeting set by guidance or a plan.
        Review => ("review", "Review"),
        /// Everything else.
        Routine => ("routine", "Routine"),
    }
}

impl DeadlineCategory {
    /// The weight it ranks with (the packs use 100 for detention expiry,
    /// 60-75 for statutory visits and reviews, 30-40 for guidance reviews).
    #[must_use]
    pub fn weight(self) -> i64 {
        match self {
            DeadlineCategory::Legal => 80,
            DeadlineCategory::Review => 40,
            DeadlineCategory::Routine => 10,
        }
    }
}

/// What completing a deadline records, in the practitioner's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionMeaning {
    /// The question the completion answers ("Renewed?").
    pub question: String,
    /// What completing records, in a sentence.
    pub meaning: String,
    /// Whether an outcome must be given before it is recorded (a renewal:
    /// completing starts the next period, so it must not be a slip).
    pub needs_outcome: bool,
    /// The only outcomes taken, where the outcome is a fixed choice (empty:
    /// the practitioner's own words).
    pub choices: Vec<String>,
}

/// The answers to a tribunal application window (MHA 1983 s66): an
/// application was made in the period, or the period passed without one
/// (then the managers refer, s68).
const APPLICATION_CHOICES: [&str; 2] = ["applied", "not-applied"];

impl CompletionMeaning {
    /// The outcome as it will be recorded, or why it cannot be: one of
    /// [`Self::choices`] where they are set, and present where
    /// [`Self::needs_outcome`]. Every door (CLI, batch, TUI) asks this.
    pub fn check_outcome(&self, outcome: Option<&str>) -> Result<Option<String>, String> {
        let given = outcome.map(str::trim).filter(|o| !o.is_empty());
        match given {
            None if self.needs_outcome => Err(format!(
                "{} {} Nothing was recorded; say the outcome{}.",
                self.question,
                self.meaning,
                self.choice_list()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default()
            )),
            None => Ok(None),
            Some(o) if self.choices.is_empty() || self.choices.iter().any(|c| c == o) => {
                Ok(Some(o.to_string()))
            }
            Some(_) => Err(format!(
                "the outcome here is a fixed choice: {}",
                self.choice_list().unwrap_or_default()
            )),
        }
    }

    fn choice_list(&self) -> Option<String> {
        (!self.choices.is_empty()).then(|| self.choices.join(", "))
    }
}

/// What completing a deadline means under `rule` (the rule that generated
/// it, if any; none for a deadline added by hand). The caller names the
/// deadline beside it.
#[must_use]
pub fn completion_meaning(rule: Option<&Rule>) -> CompletionMeaning {
    let Some(rule) = rule else {
        return CompletionMeaning {
            question: "Done?".into(),
            meaning: "Completing marks it done on the day given.".into(),
            needs_outcome: false,
            choices: Vec::new(),
        };
    };
    if rule.window_whole_period {
        // A right exercisable throughout each period (the tribunal
        // application windows): completing it says whether it was used.
        return CompletionMeaning {
            question: "Was an application made?".into(),
            meaning: "Completing it records whether an application to the tribunal was made in \
                      this period (applied) or the period passed without one (not-applied: the \
                      managers must then refer, s68); the next period's window follows."
                .into(),
            needs_outcome: true,
            choices: APPLICATION_CHOICES
                .iter()
                .map(|c| (*c).to_string())
                .collect(),
        };
    }
    match rule.chain {
        Chain::PreviousDeadline => CompletionMeaning {
            question: "Renewed?".into(),
            meaning: "Completing it records that it was renewed (a further period authorised) and \
                      starts the next period. If it ended instead, end the legal episode; do not complete this."
                .into(),
            needs_outcome: true,
            choices: Vec::new(),
        },
        Chain::LastCompletion => CompletionMeaning {
            question: "Held?".into(),
            meaning: "Completing it records that it was held on the day given; the next one is counted from that day."
                .into(),
            needs_outcome: false,
            choices: Vec::new(),
        },
        Chain::Stop => CompletionMeaning {
            question: "Dealt with?".into(),
            meaning: "Completing it records that this statutory duty was met on the day given."
                .into(),
            needs_outcome: false,
            choices: Vec::new(),
        },
    }
}

/// The word for a completed deadline of `rule` in a record of what
/// happened: a renewable period "renewed", a review "held", anything else
/// "done" (the answer to [`completion_meaning`]'s question).
#[must_use]
pub fn done_word(rule: Option<&Rule>) -> &'static str {
    match rule.map(|r| r.chain) {
        Some(Chain::PreviousDeadline) => "renewed",
        Some(Chain::LastCompletion) => "held",
        Some(Chain::Stop) | None => "done",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn an_s3_expiry_asks_whether_it_was_renewed() {
        let rules = RuleSet::embedded().unwrap();
        let s3 = rules.rule("mha-s3-expiry").unwrap();
        let m = completion_meaning(Some(s3));
        assert_eq!(m.question, "Renewed?");
        assert!(m.needs_outcome);
        assert!(m.meaning.contains("renewed"));
        let by_hand = completion_meaning(None);
        assert!(!by_hand.needs_outcome);
    }

    /// MHA 1983 s66(1)(b) and (f): the tribunal application window is a
    /// right the patient may use in each period, not a renewal, so its
    /// completion asks whether an application was made, and only the two
    /// answers the law distinguishes are taken (none means the managers
    /// refer, s68).
    #[test]
    fn the_s3_tribunal_window_asks_about_an_application_not_a_renewal() {
        let rules = RuleSet::embedded().unwrap();
        let window = rules.rule("mha-s3-tribunal").unwrap();
        let m = completion_meaning(Some(window));
        assert_ne!(m.question, "Renewed?");
        assert!(!m.meaning.contains("renewed"), "{}", m.meaning);
        assert_eq!(m.choices, ["applied", "not-applied"]);
        assert_eq!(
            m.check_outcome(Some(" applied ")),
            Ok(Some("applied".into()))
        );
        let refused = m.check_outcome(Some("renewed for 6 months")).unwrap_err();
        assert!(refused.contains("applied, not-applied"), "{refused}");
        assert!(m.check_outcome(None).is_err());
        // A renewal keeps its free-text outcome (the report's words).
        let s3 = completion_meaning(rules.rule("mha-s3-expiry"));
        assert_eq!(
            s3.check_outcome(Some("renewed, report furnished")),
            Ok(Some("renewed, report furnished".into()))
        );
        assert!(s3.check_outcome(Some("  ")).is_err());
    }

    #[test]
    fn categories_rank_legal_above_review_above_routine() {
        let w: Vec<i64> = DeadlineCategory::ALL.iter().map(|c| c.weight()).collect();
        assert!(w[0] > w[1] && w[1] > w[2], "{w:?}");
        assert_eq!(
            "legal".parse::<DeadlineCategory>().unwrap(),
            DeadlineCategory::Legal
        );
    }

    #[test]
    fn a_completed_renewal_reads_renewed_and_a_review_held() {
        let rules = RuleSet::embedded().unwrap();
        assert_eq!(done_word(rules.rule("mha-s3-expiry")), "renewed");
        assert_eq!(done_word(None), "done");
        let held = rules
            .rules()
            .iter()
            .find(|r| r.chain == Chain::LastCompletion)
            .unwrap();
        assert_eq!(done_word(Some(held)), "held");
    }
}
