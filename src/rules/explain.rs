//! Why each due item ranks where it does (`caseload due --explain`).

use super::pack::RuleSet;
use crate::domain::DueItem;
use crate::domain::text::{count, one_line};

/// The ranking, in words: one block per item, in the order given (the
/// caller sorts with `DueItem::urgency_cmp`), then the weight scale.
#[must_use]
pub fn explain(items: &[DueItem], rules: &RuleSet) -> String {
    let mut out = String::from(
        "Ranking: overdue items first; then by weight (the legal consequence of \
         missing it, from the rule pack); then by date.\n\n",
    );
    for (i, item) in items.iter().enumerate() {
        let who = item
            .client_name
            .as_deref()
            .map_or_else(|| "(no client)".to_string(), one_line);
        out.push_str(&format!(
            "{:>3}. {} {} {}: {}\n     {}\n",
            i + 1,
            crate::dates::display::date(item.due),
            item.kind.label(),
            who,
            one_line(&item.what),
            why(item, rules)
        ));
        if let Some(src) = item.source.as_deref() {
            out.push_str(&format!("     source: {}\n", one_line(src)));
        }
    }
    out.push_str("\nWeights in the rule packs (higher ranks first):\n");
    // One line per rule, not per version of the law.
    let mut weights: Vec<(i64, &str)> = rules
        .rule_ids()
        .into_iter()
        .filter_map(|id| rules.rule(id).map(|r| (r.weight, id)))
        .collect();
    weights.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    for (w, id) in weights {
        out.push_str(&format!("  {w:>4}  {id}\n"));
    }
    out.push_str("    10  deadlines added by hand\n     5  actions\n");
    out
}

/// Why one item ranks where it does, in one line: "overdue by 2 days;
/// weight 100 from rule mha-s3-expiry" (the `due --explain` line, also
/// shown in Today's detail pane).
#[must_use]
pub fn why(item: &DueItem, rules: &RuleSet) -> String {
    let local = item
        .rule
        .as_deref()
        .and_then(|id| rules.rule(id))
        .is_some_and(|r| r.overridden || r.added_locally);
    why_with(item, local)
}

/// As [`why`], told whether the item's rule was changed or added locally
/// (Today works this out once per screen and the words only for the
/// selected line).
#[must_use]
pub fn why_with(item: &DueItem, local_rule: bool) -> String {
    let when = match item.days {
        d if d < 0 => format!("overdue by {}", count(-d, "day")),
        0 => "due today".to_string(),
        d => format!("due in {}", count(d, "day")),
    };
    let how = match item.rule.as_deref() {
        Some(id) => {
            let marked = if local_rule { " (local)" } else { "" };
            format!(" from rule {id}{marked}")
        }
        None if item.kind == crate::domain::DueKind::Action => {
            " (actions rank below deadlines)".to_string()
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
        let text = explain(&[item], &rules);
        assert!(
            text.contains("overdue by 2 days; weight 100 from rule mha-s3-expiry"),
            "{text}"
        );
        assert!(text.contains("source: Mental Health Act 1983 s20"));
        assert!(text.contains("   100  mha-s3-expiry"));
        assert_eq!(text.matches("  mha-s3-expiry\n").count(), 1, "{text}");
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
            let said = why(&item(id), &rules);
            assert_eq!(said.ends_with("(local)"), marked, "{said}");
            assert_eq!(why_with(&item(id), local.contains(id)), said);
        }
    }
}
