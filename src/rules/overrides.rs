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
//!
//! [[commencement]]       # a change in the law comes into force
//! id = "mha-2025-detention-periods"
//! on = "2027-10-01"
//! ```

use chrono::NaiveDate;
use serde::Deserialize;

use super::RulesError;
use super::pack::{Chain, CountsFrom, Rule, RuleSet, Transition};
use super::period::Unit;
use crate::domain::{EpisodeKind, NoteKind};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    #[serde(default, rename = "rule")]
    rules: Vec<RuleOverride>,
    #[serde(default)]
    calendar: Option<CalendarOverride>,
    #[serde(default, rename = "commencement")]
    commencements: Vec<CommencementOverride>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CommencementOverride {
    id: String,
    on: NaiveDate,
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
    cliff: Option<String>,
    in_force_from: Option<NaiveDate>,
    in_force_until: Option<NaiveDate>,
    transition: Option<Transition>,
    window: Option<u32>,
    window_unit: Option<Unit>,
    window_whole_period: Option<bool>,
    mark: Option<String>,
    before: Option<bool>,
    extend: Option<u32>,
    when_outcome: Option<Vec<String>>,
    restart_mark: Option<String>,
    under_age: Option<u32>,
    period_under_age: Option<u32>,
    stop_mark: Option<String>,
    placement: Option<super::placement::PlacementRule>,
}

impl RuleSet {
    /// This rule set with a practitioner's overrides applied (`name` is
    /// the file's name, for messages). The result is checked as a whole.
    pub fn with_overrides(mut self, name: &str, text: &str) -> Result<RuleSet, RulesError> {
        let file: OverrideFile =
            toml::from_str(text).map_err(|e| RulesError::Parse(name.into(), e.to_string()))?;
        for c in file.commencements {
            if !self.commence(&c.id, Some(c.on)) {
                return Err(RulesError::Invalid(
                    c.id,
                    "is not a commencement named in the packs".into(),
                ));
            }
        }
        for o in file.rules {
            // A change applies to every version of the rule.
            if self.rules.iter().any(|r| r.id == o.id) {
                for rule in self.rules.iter_mut().filter(|r| r.id == o.id) {
                    apply(rule, &o);
                    rule.overridden = true;
                }
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

fn apply(rule: &mut Rule, o: &RuleOverride) {
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = &o.$f { rule.$f = v.clone(); } )* };
    }
    macro_rules! set_opt {
        ($($f:ident),*) => { $( if o.$f.is_some() { rule.$f = o.$f.clone(); } )* };
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
    set_opt!(kind, after, warn, warn_unit, note, cliff);
    set!(transition, window_whole_period, before, when_outcome);
    set_opt!(
        restart_mark,
        under_age,
        period_under_age,
        stop_mark,
        placement
    );
    set_opt!(
        in_force_from,
        in_force_until,
        window,
        window_unit,
        mark,
        extend
    );
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
        cliff: o.cliff,
        in_force_from: o.in_force_from,
        in_force_until: o.in_force_until,
        commencement: None,
        transition: o.transition.unwrap_or_default(),
        window: o.window,
        window_unit: o.window_unit,
        window_whole_period: o.window_whole_period.unwrap_or(false),
        skip_first: false,
        mark: o.mark,
        before: o.before.unwrap_or(false),
        extend: o.extend,
        extend_again: false,
        set_by_order: false,
        journey_duty: None,
        journey_start: Vec::new(),
        only_following: Vec::new(),
        not_following: Vec::new(),
        when_outcome: o.when_outcome.unwrap_or_default(),
        restart_mark: o.restart_mark,
        under_age: o.under_age,
        stop_mark: o.stop_mark,
        period_under_age: o.period_under_age,
        placement: o.placement,
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
