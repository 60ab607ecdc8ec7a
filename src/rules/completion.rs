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
        };
    };
    match rule.chain {
        Chain::PreviousDeadline => CompletionMeaning {
            question: "Renewed?".into(),
            meaning: "Completing it records that it was renewed (a further period authorised) and \
                      starts the next period. If it ended instead, end the legal episode; do not complete this."
                .into(),
            needs_outcome: true,
        },
        Chain::LastCompletion => CompletionMeaning {
            question: "Held?".into(),
            meaning: "Completing it records that it was held on the day given; the next one is counted from that day."
                .into(),
            needs_outcome: false,
        },
        Chain::Stop => CompletionMeaning {
            question: "Dealt with?".into(),
            meaning: "Completing it records that this statutory duty was met on the day given."
                .into(),
            needs_outcome: false,
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
