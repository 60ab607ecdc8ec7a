//! Why each due item ranks where it does (`caseload due --explain`).

use chrono::NaiveDateTime;

use super::pack::RuleSet;
use crate::domain::DueItem;
use crate::domain::rank::{Step, weight_factor};
use crate::domain::text::{count, one_line};

/// The ranking in words, as the user guide states it.
pub const RANKING: &str = "Ranking (one order for Today and `due`):
  1. a legal cliff (at its end someone must be released or is detained
     unlawfully, or a right is lost) due in the next 48 hours, nearest
     first, above everything overdue;
  2. then overdue items, by weight (the legal consequence of missing it),
     the longest overdue first among equal weights;
  3. then the rest by weight and nearness together: the days left divided
     by the weight factor 2^((weight - 100) / 10), smallest first (each 10
     points of weight below 100 counts as twice as far off).
Items of a legal episode that has ended are left out (`due --all` lists them).
";

/// The ranking, in words: one block per item, in the order given (the
/// caller sorts with `DueItem::sort_by_urgency` at `now`), then the weight
/// scale.
#[must_use]
pub fn explain(items: &[DueItem], rules: &RuleSet, now: NaiveDateTime) -> String {
    let mut out = format!("{RANKING}\n");
    for (i, item) in items.iter().enumerate() {
        let who = item
            .client_name
            .as_deref()
            .map_or_else(|| "(no client)".to_string(), one_line);
        out.push_str(&format!(
            "{:>3}. {} {} {}: {}\n     {}\n",
            i + 1,
            item.when(now).at,
            item.kind.label(),
            who,
            one_line(&item.what),
            why(item, rules, now)
        ));
        if let Some(end) = item
            .rule
            .as_deref()
            .and_then(|id| rules.rule(id))
            .and_then(|r| r.cliff.as_deref())
        {
            out.push_str(&format!("     at its end: {}\n", one_line(end)));
        }
        if item.episode_ended {
            out.push_str("     its legal episode has ended (listed only with --all)\n");
        }
        if let Some(src) = item.source.as_deref() {
            out.push_str(&format!("     source: {}\n", one_line(src)));
        }
    }
    out.push_str("\nWeights in the rule packs (higher ranks first; * a legal cliff):\n");
    // One line per rule, not per version of the law.
    let mut weights: Vec<(i64, &str, bool)> = rules
        .rule_ids()
        .into_iter()
        .filter_map(|id| rules.rule(id).map(|r| (r.weight, id, r.cliff.is_some())))
        .collect();
    weights.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    for (w, id, cliff) in weights {
        let mark = if cliff { " *" } else { "" };
        out.push_str(&format!("  {w:>4}  {id}{mark}\n"));
    }
    out.push_str("    10  deadlines added by hand\n     5  actions\n");
    out
}

/// Which step ranked one item and why, in one line: "step 2 (overdue, by
/// weight): overdue by 2 days; weight 100 from rule mha-s3-expiry" (the
/// `due --explain` line).
#[must_use]
pub fn why(item: &DueItem, rules: &RuleSet, now: NaiveDateTime) -> String {
    let local = item
        .rule
        .as_deref()
        .and_then(|id| rules.rule(id))
        .is_some_and(|r| r.overridden || r.added_locally);
    format!("{}: {}", step_words(item, now), plain(item, local, now))
}

/// The step that placed an item, in words: "step 1 (a legal cliff within
/// 48 hours, nearest first)", "step 2 (overdue, by weight)", "step 3
/// (weight and nearness: 25.6 days left / 1.00 = 25.6)".
#[must_use]
pub fn step_words(item: &DueItem, now: NaiveDateTime) -> String {
    let rank = item.rank(now);
    match rank.step {
        Step::Cliff => "step 1 (a legal cliff within 48 hours, nearest first)".to_string(),
        Step::Overdue => "step 2 (overdue, by weight)".to_string(),
        Step::Rest => {
            // Minutes to days, for one decimal place.
            #[allow(clippy::cast_precision_loss)]
            let days = rank.minutes_left.max(0) as f64 / 1440.0;
            format!(
                "step 3 (weight and nearness: {days:.1} days left / {:.2} = {:.1})",
                weight_factor(item.weight),
                rank.effective_days
            )
        }
    }
}

/// Why one item ranks where it does, short enough for Today's detail pane:
/// "overdue by 2 days; weight 100 from rule mha-s3-expiry", with "a legal
/// cliff within 48 hours: " before it when that placed it first. Told
/// whether the item's rule was changed or added locally (Today works this
/// out once per screen and the words only for the selected line).
#[must_use]
pub fn why_with(item: &DueItem, local_rule: bool, now: NaiveDateTime) -> String {
    let why = plain(item, local_rule, now);
    if item.rank(now).step == Step::Cliff {
        format!("a legal cliff within 48 hours: {why}")
    } else {
        why
    }
}

/// "overdue by 2 days; weight 100 from rule mha-s3-expiry (local)".
fn plain(item: &DueItem, local_rule: bool, now: NaiveDateTime) -> String {
    let when = match (item.due_at, item.days) {
        (Some(_), _) => item.when(now).left,
        (None, d) if d < 0 => format!("overdue by {}", count(-d, "day")),
        (None, 0) => "due today".to_string(),
        (None, d) => format!("due in {}", count(d, "day")),
    };
    let how = match item.rule.as_deref() {
        Some(id) => {
            let marked = if local_rule { " (local)" } else { "" };
            format!(" from rule {id}{marked}")
        }
        None if item.kind == crate::domain::DueKind::Action => {
            " (an action: the lightest weight)".to_string()
        }
        None if item.weight == 10 => " (added by hand: the default)".to_string(),
        None => " (set by hand)".to_string(),
    };
    format!("{when}; weight {}{how}", item.weight)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DueKind;
    use chrono::NaiveDate;

    /// Sunday 22 November 2026, 09:00.
    fn now() -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap()
    }

    /// A fictional client's deadline, two days overdue, under `rule`.
    fn overdue(rule: &str, what: &str, source: Option<&str>, weight: i64) -> DueItem {
        DueItem {
            id: 7,
            kind: DueKind::Deadline,
            client_id: Some(1),
            client_name: Some("Test Fictional".into()),
            what: what.into(),
            owner: None,
            due: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            overdue: true,
            days: -2,
            rule: Some(rule.into()),
            source: source.map(str::to_string),
            weight,
            due_at: None,
            window_opens: None,
            cliff: false,
            episode_ended: false,
        }
    }

    #[test]
    fn explains_weight_rule_and_source_for_each_item() {
        let rules = RuleSet::embedded().unwrap();
        let item = overdue(
            "mha-s3-expiry",
            "Section 3 detention ends unless renewed",
            Some("Mental Health Act 1983 s20"),
            100,
        );
        let text = explain(&[item], &rules, now());
        assert!(
            text.contains(
                "step 2 (overdue, by weight): overdue by 2 days; weight 100 from rule mha-s3-expiry"
            ),
            "{text}"
        );
        assert!(text.contains("source: Mental Health Act 1983 s20"));
        assert!(text.contains("   100  mha-s3-expiry *"), "{text}");
        assert_eq!(text.matches("  mha-s3-expiry *\n").count(), 1, "{text}");
        assert!(text.contains("    70  cp-visit\n"), "{text}");
    }

    /// Each step says why: a police protection 33 hours off is step 1 with
    /// what happens at its end (Children Act 1989 s46(6)); a CTO 25 days
    /// off is step 3 with its days over the weight factor.
    #[test]
    fn explains_the_step_of_a_cliff_and_of_the_rest() {
        let rules = RuleSet::embedded().unwrap();
        let at = |d: u32, h: u32| {
            NaiveDate::from_ymd_opt(2026, 11, d)
                .and_then(|x| x.and_hms_opt(h, 0, 0))
                .unwrap()
        };
        let pp = DueItem {
            due: at(23, 18).date(),
            due_at: Some(at(23, 18)),
            overdue: false,
            days: 1,
            cliff: true,
            ..overdue(
                "police-protection-expiry",
                "Police protection ends",
                None,
                100,
            )
        };
        let cto = DueItem {
            due: NaiveDate::from_ymd_opt(2026, 12, 17).unwrap(),
            overdue: false,
            days: 25,
            cliff: true,
            ..overdue("cto-expiry", "CTO ends", None, 100)
        };
        let text = explain(&[pp, cto], &rules, now());
        assert!(
            text.contains("step 1 (a legal cliff within 48 hours, nearest first): 33 h left"),
            "{text}"
        );
        assert!(
            text.contains("at its end: the child must be released from police protection"),
            "{text}"
        );
        // From 09:00 on 22/11 to the end of 17/12: 25 days 15 hours.
        assert!(
            text.contains("step 3 (weight and nearness: 25.6 days left / 1.00 = 25.6)"),
            "{text}"
        );
        assert!(text.contains("23/11/2026 18:00 Deadline"), "{text}");
    }

    #[test]
    fn a_local_rule_is_marked_and_today_knows_which_rules_are_local() {
        let rules = RuleSet::embedded()
            .unwrap()
            .with_overrides("rules.toml", "[[rule]]\nid = \"cp-visit\"\nperiod = 4\n")
            .unwrap();
        let item = |rule: &str| overdue(rule, "Fictional deadline", None, 70);
        let local = rules.local_rule_ids();
        assert_eq!(local.iter().collect::<Vec<_>>(), ["cp-visit"]);
        for (id, marked) in [("cp-visit", true), ("mha-s3-expiry", false)] {
            let said = why(&item(id), &rules, now());
            assert_eq!(said.ends_with("(local)"), marked, "{said}");
            assert!(said.ends_with(&why_with(&item(id), local.contains(id), now())));
        }
    }
}
