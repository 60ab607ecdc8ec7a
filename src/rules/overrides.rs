//! A practitioner's `rules.toml`: change any field of a shipped rule, or add
//! a rule of their own, and add one-off bank holidays. Changed rules are
//! marked `overridden` and their citation reads "local override of …".
//!
//! ```toml
//! [[rule]]
//! id = "cp-visit"        # a shipped rule: only the fields given change
//! period = 4
//! unit = "weeks"
//!
//! [[rule]]
//! id = "my-cin-visit"    # a new rule: needs kind, event, period, unit,
//! kind = "cin"           # counts_from and source
//! event = "Child in need visit"
//! period = 20
//! unit = "working-days"
//! counts_from = "last-contact"
//! contact_kinds = ["home-visit"]
//! source = "Anyshire CIN procedures 4.2"
//!
//! [calendar]
//! extra = ["2027-06-07"]
//! ```

use chrono::NaiveDate;
use serde::Deserialize;

use super::RulesError;
use super::pack::{Chain, CountsFrom, Rule, RuleSet};
use super::period::Unit;
use crate::domain::{EpisodeKind, NoteKind};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    #[serde(default, rename = "rule")]
    rules: Vec<RuleOverride>,
    #[serde(default)]
    calendar: Option<CalendarOverride>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarOverride {
    #[serde(default)]
    extra: Vec<NaiveDate>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleOverride {
    id: String,
    kind: Option<EpisodeKind>,
    event: Option<String>,
    period: Option<u32>,
    unit: Option<Unit>,
    then: Option<Vec<u32>>,
    repeat_last: Option<bool>,
    counts_from: Option<CountsFrom>,
    after: Option<String>,
    chain: Option<Chain>,
    warn: Option<u32>,
    warn_unit: Option<Unit>,
    beginning_with: Option<bool>,
    weight: Option<i64>,
    source: Option<String>,
    contact_kinds: Option<Vec<NoteKind>>,
    local_practice: Option<bool>,
    records_visit: Option<bool>,
    note: Option<String>,
}

impl RuleSet {
    /// This rule set with a practitioner's overrides applied (`name` is
    /// the file's name, for messages). The result is checked as a whole.
    pub fn with_overrides(mut self, name: &str, text: &str) -> Result<RuleSet, RulesError> {
        let file: OverrideFile =
            toml::from_str(text).map_err(|e| RulesError::Parse(name.into(), e.to_string()))?;
        for o in file.rules {
            if let Some(rule) = self.rules.iter_mut().find(|r| r.id == o.id) {
                apply(rule, o);
                rule.overridden = true;
            } else {
                let rule = new_rule(o)?;
                self.rules.push(rule);
            }
        }
        if let Some(cal) = file.calendar {
            self.calendar.add_extra(cal.extra);
        }
        self.check()?;
        Ok(self)
    }
}

fn apply(rule: &mut Rule, o: RuleOverride) {
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = o.$f { rule.$f = v; } )* };
    }
    macro_rules! set_opt {
        ($($f:ident),*) => { $( if o.$f.is_some() { rule.$f = o.$f; } )* };
    }
    set!(event, period, unit, then, repeat_last, counts_from, chain);
    set!(
        beginning_with,
        weight,
        source,
        contact_kinds,
        local_practice,
        records_visit
    );
    set_opt!(kind, after, warn, warn_unit, note);
}

fn new_rule(o: RuleOverride) -> Result<Rule, RulesError> {
    let missing = |field: &str| {
        RulesError::Invalid(
            o.id.clone(),
            format!("is not a shipped rule, so a new rule needs `{field}`"),
        )
    };
    Ok(Rule {
        event: o.event.clone().ok_or_else(|| missing("event"))?,
        period: o.period.ok_or_else(|| missing("period"))?,
        unit: o.unit.ok_or_else(|| missing("unit"))?,
        counts_from: o.counts_from.ok_or_else(|| missing("counts_from"))?,
        source: o.source.clone().ok_or_else(|| missing("source"))?,
        kind: o.kind,
        then: o.then.unwrap_or_default(),
        repeat_last: o.repeat_last.unwrap_or(false),
        after: o.after,
        chain: o.chain.unwrap_or_default(),
        warn: o.warn,
        warn_unit: o.warn_unit,
        beginning_with: o.beginning_with.unwrap_or(true),
        weight: o.weight.unwrap_or(10),
        contact_kinds: o.contact_kinds.unwrap_or_default(),
        local_practice: o.local_practice.unwrap_or(true),
        records_visit: o.records_visit.unwrap_or(false),
        note: o.note,
        family: "local".into(),
        overridden: false,
        added_locally: true,
        id: o.id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_changes_only_the_fields_given_and_is_marked() {
        let set = RuleSet::embedded().unwrap();
        let before = set.rule("cp-visit").unwrap().clone();
        let set = set
            .with_overrides(
                "rules.toml",
                "[[rule]]\nid = \"cp-visit\"\nperiod = 4\nunit = \"weeks\"\n",
            )
            .unwrap();
        let after = set.rule("cp-visit").unwrap();
        assert_eq!((after.period, after.unit), (4, Unit::Weeks));
        assert_eq!(after.source, before.source);
        assert!(after.overridden);
        assert!(after.citation().starts_with("local override of "));
    }

    #[test]
    fn a_new_rule_needs_its_fields_and_a_typo_is_refused() {
        let set = RuleSet::embedded().unwrap();
        let err = set
            .clone()
            .with_overrides("rules.toml", "[[rule]]\nid = \"mine\"\nperiod = 3\n")
            .unwrap_err();
        assert!(err.to_string().contains("needs `event`"), "{err}");
        assert!(
            set.with_overrides("rules.toml", "[[rule]]\nid = \"cp-visit\"\nperiood = 3\n")
                .is_err()
        );
    }
}
