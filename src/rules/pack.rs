//! Rule packs: the TOML files in `data/rules/` that name each framework's
//! dates, read with serde. The packs are embedded in the binary; a
//! practitioner's `rules.toml` is applied on top (see `overrides`).

use serde::Deserialize;
use std::collections::HashSet;

use super::RulesError;
use super::calendar::Calendar;
use super::journey::Succession;
pub use super::rule::{Chain, Commencement, CountsFrom, Rule, Transition};

// EMBEDDED_PACKS and EMBEDDED_JSON, written by `build.rs` from the files
// in `data/rules/` (ordered by each pack's `order`).
include!(concat!(env!("OUT_DIR"), "/packs.rs"));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    family: String,
    #[allow(dead_code)]
    title: String,
    /// Where the pack comes among the others (`build.rs` reads it).
    #[allow(dead_code)]
    #[serde(default)]
    order: i64,
    #[serde(default, rename = "rule")]
    rules: Vec<Rule>,
    #[serde(default, rename = "commencement")]
    commencements: Vec<Commencement>,
    #[serde(default, rename = "follows")]
    successions: Vec<Succession>,
}

/// The active rules and the calendar they count working days with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSet {
    pub(crate) rules: Vec<Rule>,
    pub(crate) calendar: Calendar,
    pub(crate) commencements: Vec<Commencement>,
    pub(crate) successions: Vec<Succession>,
}

impl RuleSet {
    /// The packs shipped with the program, England and Wales calendar.
    pub fn embedded() -> Result<RuleSet, RulesError> {
        // Parsed once per process (opening the store and reading the
        // practitioner's overrides both start from it).
        static PARSED: std::sync::OnceLock<Result<RuleSet, RulesError>> =
            std::sync::OnceLock::new();
        PARSED
            .get_or_init(|| {
                RuleSet::read_packs(
                    EMBEDDED_JSON,
                    |text| serde_json::from_str(text),
                    Calendar::england_and_wales()?,
                )
            })
            .clone()
    }

    /// Rules from pack texts (file name, TOML).
    pub fn from_packs(packs: &[(&str, &str)], calendar: Calendar) -> Result<RuleSet, RulesError> {
        RuleSet::read_packs(packs, |text| toml::from_str(text), calendar)
    }

    /// Rules from pack texts (file name, text) each read by `parse`, in
    /// order; a pack that does not read is reported by its file name.
    fn read_packs<E: std::fmt::Display>(
        packs: &[(&str, &str)],
        parse: impl Fn(&str) -> Result<PackFile, E>,
        calendar: Calendar,
    ) -> Result<RuleSet, RulesError> {
        let mut rules = Vec::new();
        let mut commencements = Vec::new();
        let mut successions = Vec::new();
        for (name, text) in packs {
            let pack = parse(text).map_err(|e| RulesError::Parse((*name).into(), e.to_string()))?;
            for mut r in pack.rules {
                r.family.clone_from(&pack.family);
                rules.push(r);
            }
            commencements.extend(pack.commencements);
            for mut f in pack.successions {
                f.family.clone_from(&pack.family);
                successions.push(f);
            }
        }
        let mut set = RuleSet {
            rules,
            calendar,
            commencements,
            successions,
        };
        set.resolve_commencements();
        set.check()?;
        Ok(set)
    }

    /// Every rule, in pack order.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The ids of the rules whose first-listed version (the one [`RuleSet::rule`]
    /// gives) was changed or added locally: `explain::why` marks them.
    #[must_use]
    pub fn local_rule_ids(&self) -> std::collections::BTreeSet<String> {
        let mut seen = std::collections::HashSet::new();
        self.rules
            .iter()
            .filter(|r| seen.insert(r.id.as_str()))
            .filter(|r| r.overridden || r.added_locally)
            .map(|r| r.id.clone())
            .collect()
    }

    /// The rule with this id: its first-listed version (the law as it
    /// stands when the pack was written; see `rule_on` for another day).
    #[must_use]
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The working-day calendar.
    #[must_use]
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Checks that the rules make sense together.
    pub(crate) fn check(&self) -> Result<(), RulesError> {
        let mut seen = HashSet::new();
        for r in &self.rules {
            let bad = |why: &str| Err(RulesError::Invalid(r.id.clone(), why.to_string()));
            let version = (r.id.as_str(), r.in_force_from, r.commencement.as_deref());
            if r.id.trim().is_empty() || !seen.insert(version) {
                return bad("the id is empty or used twice for the same version");
            }
            let marked_day = r.counts_from == CountsFrom::Mark && r.period == 0;
            if (r.period == 0 && !marked_day) || r.then.contains(&0) {
                return bad("a period must be at least 1");
            }
            if r.counts_from == CountsFrom::Mark && r.mark.is_none() {
                return bad("counts_from = \"mark\" needs `mark` naming the date");
            }
            if let Some(c) = &r.commencement
                && !self.commencements.iter().any(|k| &k.id == c)
            {
                return bad("its commencement is not listed in any pack");
            }
            if r.event.trim().is_empty() || r.source.trim().is_empty() {
                return bad("the event and the source must not be empty");
            }
            if r.cliff.as_deref().is_some_and(|c| c.trim().is_empty()) {
                return bad("a cliff must say what happens at the end");
            }
            match r.counts_from {
                CountsFrom::Completion => match &r.after {
                    Some(a) if self.rule(a).is_some() && a != &r.id => {}
                    _ => {
                        return bad(
                            "counts_from = \"completion\" needs `after` naming another rule",
                        );
                    }
                },
                CountsFrom::LastContact if r.contact_kinds.is_empty() => {
                    return bad("counts_from = \"last-contact\" needs contact_kinds");
                }
                CountsFrom::Placement
                    if r.placement.is_none() || r.contact_kinds.is_empty() || r.kind.is_none() =>
                {
                    return bad(
                        "counts_from = \"placement\" needs a kind, `placement` and contact_kinds",
                    );
                }
                CountsFrom::EpisodeStart if r.kind.is_none() => {
                    return bad("a rule counted from the episode start needs a kind");
                }
                _ => {}
            }
            if r.kind.is_none() && !r.is_visit() {
                return bad("only the visiting rule may have no kind");
            }
        }
        for f in &self.successions {
            let bad = |why: &str| {
                Err(RulesError::Invalid(
                    format!("follows {}", f.kind.as_str()),
                    why.to_string(),
                ))
            };
            if f.follows.is_empty() || f.does.trim().is_empty() || f.source.trim().is_empty() {
                return bad("a transition needs what it follows, what it does and its source");
            }
            for id in f.bound_rule.iter().chain(&f.bound_by).chain(&f.pauses) {
                if self.rule(id).is_none() {
                    return bad("its bound names a rule that is not in any pack");
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON `build.rs` writes says what the TOML in `data/` says: the
    /// same rules, versions, commencements and bank holidays.
    #[test]
    fn the_embedded_json_reads_as_the_toml_packs() {
        let from_toml = RuleSet::from_packs(
            EMBEDDED_PACKS,
            Calendar::from_extra_toml(super::super::calendar::EXTRA_TOML).unwrap(),
        )
        .unwrap();
        let from_json = RuleSet::embedded().unwrap();
        assert!(from_json.rules().len() > 20);
        assert_eq!(from_json, from_toml);
    }
}
