//! Journeys: one power following another. Each `[[follows]]` entry of a
//! rule pack names a later power, the powers it may follow, and the law of
//! that joint with its source: what happens to the earlier power (it ends at
//! the later one's start, is converted into it, is suspended, is revoked, or
//! continues beside it), whether the later power's clocks count from the
//! earlier one's start (s4(4), s5(5)), which duties owed across the journey
//! move across (the managers' s68 references), and which of the later
//! power's deadlines the earlier one bounds (Sch A1 para 76(3)).
//!
//! Pure data and look-ups; the store applies them.

use serde::{Deserialize, Serialize};

use super::pack::RuleSet;
use crate::domain::EpisodeKind;

/// What happens to the earlier power when the later one begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// The earlier power ends at the later one's start (the time, for
    /// clocks counted in hours).
    Ends,
    /// The earlier power becomes the later one (s4 to s2 on the second
    /// recommendation, s4(4); s5(4) to s5(2), s5(5)): it ends at the later
    /// one's start, whose clocks count from the earlier one's start.
    Converts,
    /// The earlier power is suspended, not ended (an s3 under a CTO,
    /// s17D): its renewal clock stops and revives on revocation.
    Suspends,
    /// The earlier power is revoked (a CTO revoked under s17F(4)).
    Revokes,
    /// The earlier power continues beside the later one (a CTO while the
    /// patient is recalled, s17E; an urgent DoLS authorisation while the
    /// standard request is assessed).
    Continues,
}

impl Effect {
    /// The word for what happened to the earlier power ("ended",
    /// "converted", "suspended", "revoked"); none when it continues.
    #[must_use]
    pub fn ended_word(self) -> Option<&'static str> {
        match self {
            Effect::Ends => Some("ended"),
            Effect::Converts => Some("converted"),
            Effect::Suspends => Some("suspended"),
            Effect::Revokes => Some("revoked"),
            Effect::Continues => None,
        }
    }

    /// As written in a pack.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Ends => "ends",
            Effect::Converts => "converts",
            Effect::Suspends => "suspends",
            Effect::Revokes => "revokes",
            Effect::Continues => "continues",
        }
    }
}

/// The law of one joint: a later power following one of `follows`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Succession {
    /// The later power.
    pub kind: EpisodeKind,
    /// The powers it may follow.
    pub follows: Vec<EpisodeKind>,
    /// What happens to the earlier power.
    pub effect: Effect,
    /// The later power's clocks count from the earlier one's start (date
    /// and time) instead of its own.
    #[serde(default)]
    pub counts_from_earlier: bool,
    /// Duties owed across the journey (a rule's `journey_duty`, such as
    /// "s68") whose open deadlines move from the earlier power to the later
    /// one; the later one then generates none of its own for them.
    #[serde(default)]
    pub carries: Vec<String>,
    /// A rule of the later power whose deadline falls no later than the
    /// earlier power's open deadline of `bound_by` (followed through any
    /// extension).
    #[serde(default)]
    pub bound_rule: Option<String>,
    /// The earlier power's rule that bounds `bound_rule`.
    #[serde(default)]
    pub bound_by: Option<String>,
    /// The earlier power's rules whose open deadlines stop while the later
    /// power lasts (an s2's 28 days while an s29 application is pending,
    /// s29(4)): cancelled, kept.
    #[serde(default)]
    pub pauses: Vec<String>,
    /// Other open powers in the journey, of these kinds, that end too.
    #[serde(default)]
    pub also_ends: Vec<EpisodeKind>,
    /// What the transition does, in words (`rules show`).
    pub does: String,
    /// The citation.
    pub source: String,
    /// The pack it came from (set on loading).
    #[serde(default, skip_deserializing)]
    pub family: String,
}

impl RuleSet {
    /// The law of `later` following `earlier`, if the packs allow it.
    #[must_use]
    pub fn succession(&self, earlier: EpisodeKind, later: EpisodeKind) -> Option<&Succession> {
        self.successions
            .iter()
            .find(|s| s.kind == later && s.follows.contains(&earlier))
    }

    /// The transitions into `kind` (what it may follow).
    #[must_use]
    pub fn follows_of(&self, kind: EpisodeKind) -> Vec<&Succession> {
        self.successions.iter().filter(|s| s.kind == kind).collect()
    }

    /// The transitions out of `kind` (what may follow it).
    #[must_use]
    pub fn followed_by(&self, kind: EpisodeKind) -> Vec<&Succession> {
        self.successions
            .iter()
            .filter(|s| s.follows.contains(&kind))
            .collect()
    }

    /// Every transition, in pack order.
    #[must_use]
    pub fn successions(&self) -> &[Succession] {
        &self.successions
    }

    /// The kinds `kind` may follow, as their codes ("mha-s2, mha-s4"), or
    /// "nothing" (for messages).
    #[must_use]
    pub fn may_follow_words(&self, kind: EpisodeKind) -> String {
        let kinds: Vec<&str> = self
            .follows_of(kind)
            .iter()
            .flat_map(|s| s.follows.iter().map(|k| k.as_str()))
            .collect();
        if kinds.is_empty() {
            "nothing".into()
        } else {
            kinds.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mental_health_joint_the_issue_names_is_in_the_packs() {
        let r = RuleSet::embedded().unwrap();
        use EpisodeKind as K;
        for (a, b) in [
            (K::MhaS136, K::MhaS2),
            (K::MhaS136, K::MhaS3),
            (K::MhaS2, K::MhaS3),
            (K::MhaS3, K::Cto),
            (K::Cto, K::CtoRecall),
            (K::MhaS5_4, K::MhaS5_2),
            (K::MhaS4, K::MhaS2),
            (K::DolsUrgent, K::DolsRequest),
        ] {
            assert!(r.succession(a, b).is_some(), "{a:?} -> {b:?}");
        }
        assert!(
            r.succession(K::MhaS2, K::Cto).is_none(),
            "a CTO follows an s3"
        );
        assert_eq!(
            r.succession(K::MhaS3, K::Cto).unwrap().effect,
            Effect::Suspends
        );
    }
}
