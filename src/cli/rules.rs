//! `caseload rules …`: print the rule packs (with local overrides marked) so
//! a practitioner can check them against their own procedures; and loading
//! the practitioner's `rules.toml`.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;
use std::path::PathBuf;

use super::{output, parse};
use crate::clock;
use crate::paths;
use crate::rules::{RULES_ENV, Rule, RuleSet};

/// Rules subcommands.
#[derive(Debug, Subcommand)]
pub enum RulesCmd {
    /// List every rule: id, framework, period, what it counts from, weight, source.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one rule in full (the version in force), with its first dates
    /// from an example start and any change in the law to come.
    Show {
        /// The rule id (see `caseload rules list`), or an episode kind
        /// (`mha-s3`): its rules, what it may follow and what follows it.
        rule: String,
        /// Example start, 2026-12-03 or 03/12/2026, or "2026-12-03 14:30" (default: the --on
        /// date, or today).
        #[arg(long)]
        from: Option<String>,
        /// Show the version of the rule in force on this date (default: today).
        #[arg(long)]
        on: Option<String>,
    },
}

/// Where the practitioner's overrides live: `$CASELOAD_RULES`, else
/// `rules.toml` in the config folder.
#[must_use]
pub fn overrides_path() -> Option<PathBuf> {
    match std::env::var_os(RULES_ENV) {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => paths::config_dir().map(|d| d.join("rules.toml")),
    }
}

/// The embedded packs with the practitioner's overrides, if any.
pub fn active_rules() -> Result<RuleSet> {
    let set = RuleSet::embedded()?;
    let Some(path) = overrides_path() else {
        return Ok(set);
    };
    if !path.exists() {
        return Ok(set);
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("could not read your rule overrides at {}", path.display()))?;
    set.with_overrides(&path.display().to_string(), &text)
        .with_context(|| format!("your rule overrides at {} need fixing", path.display()))
}

#[derive(Serialize)]
struct RuleView<'a> {
    #[serde(flatten)]
    rule: &'a Rule,
    citation: String,
}

/// Runs a rules subcommand (no database needed).
pub fn run(cmd: RulesCmd) -> Result<()> {
    let set = active_rules()?;
    match cmd {
        RulesCmd::List { json } => {
            if json {
                let views: Vec<RuleView<'_>> = set
                    .rules()
                    .iter()
                    .map(|rule| RuleView {
                        rule,
                        citation: rule.citation(),
                    })
                    .collect();
                return output::json(&views);
            }
            let rows: Vec<Vec<String>> = set
                .rules()
                .iter()
                .map(|r| {
                    vec![
                        format!(
                            "{}{}",
                            r.id,
                            if r.overridden || r.added_locally {
                                " *"
                            } else {
                                ""
                            }
                        ),
                        r.kind.map_or("(client)".into(), |k| k.as_str().to_string()),
                        r.describe_periods(),
                        counts_from(r),
                        set.version_period(r),
                        r.weight.to_string(),
                        r.citation(),
                    ]
                })
                .collect();
            output::table(
                &[
                    "rule",
                    "kind",
                    "period",
                    "counts from",
                    "law",
                    "weight",
                    "source",
                ],
                &rows,
            );
            if set.rules().iter().any(|r| r.overridden || r.added_locally) {
                println!("* changed or added by your rules.toml");
            }
        }
        RulesCmd::Show { rule, from, on } => {
            let id = rule.trim();
            if set.rule(id).is_none()
                && let Ok(kind) = id.parse::<crate::domain::EpisodeKind>()
            {
                print!("{}", super::rules_kind::describe_kind(&set, kind));
                return Ok(());
            }
            if set.rule(id).is_none() {
                bail!("there is no rule called that; see `caseload rules list`");
            }
            let on: NaiveDate = match on {
                Some(f) => parse::date("--on", &f, clock::now().date())?,
                None => clock::now().date(),
            };
            let Some(r) = set.rule_on(id, on) else {
                bail!(
                    "no version of {id} is in force on {}; see `caseload rules list`",
                    crate::dates::display::date(on)
                );
            };
            // A time ("2026-10-24 23:30") matters for rules counted in hours.
            let (start, at) = match from {
                Some(f) => parse::date_maybe_time("--from", &f, clock::now())?,
                None => (on, None),
            };
            print!("{}", describe(&set, r, start, at));
        }
    }
    Ok(())
}

fn counts_from(r: &Rule) -> String {
    match (r.counts_from, &r.after) {
        (crate::rules::CountsFrom::Completion, Some(a)) => format!("completion of {a}"),
        (crate::rules::CountsFrom::LastContact, _) => "last contact".into(),
        (crate::rules::CountsFrom::Mark, _) => format!(
            "{}the date entered as {}",
            if r.before { "before " } else { "" },
            r.mark.as_deref().unwrap_or("?")
        ),
        (crate::rules::CountsFrom::Placement, _) => format!(
            "the current placement ({}) and the last visit in it",
            r.placement
                .as_ref()
                .map(|p| p
                    .types
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", "))
                .unwrap_or_default()
        ),
        (c, _) => c.as_str().to_string(),
    }
}

/// The full text of `rules show`.
pub fn describe(
    set: &RuleSet,
    r: &Rule,
    start: NaiveDate,
    at: Option<chrono::NaiveDateTime>,
) -> String {
    let mut s = format!("{}  ({} pack)\n", r.id, r.family);
    let line = |s: &mut String, k: &str, v: String| s.push_str(&format!("  {k:<15} {v}\n"));
    line(&mut s, "event", r.event.clone());
    line(
        &mut s,
        "framework",
        r.kind.map_or("client visiting frequency".into(), |k| {
            format!("{} ({})", k.label(), k.as_str())
        }),
    );
    line(&mut s, "period", r.describe_periods());
    line(&mut s, "counts from", counts_from(r));
    line(&mut s, "chain", r.chain.as_str().to_string());
    if r.unit != crate::rules::Unit::Hours {
        line(
            &mut s,
            "first day",
            if r.beginning_with {
                "included (\"beginning with\")"
            } else {
                "not included (\"from\")"
            }
            .into(),
        );
    }
    if let Some(w) = r.warn {
        line(
            &mut s,
            "shown from",
            format!("{} before", r.warn_unit.unwrap_or(r.unit).describe(w)),
        );
    }
    if !r.contact_kinds.is_empty() {
        let kinds: Vec<&str> = r.contact_kinds.iter().map(|k| k.as_str()).collect();
        line(&mut s, "visits are", kinds.join(", "));
    }
    if r.records_visit {
        line(
            &mut s,
            "completing it",
            "records the visit (seen, seen alone, not seen)".into(),
        );
    }
    line(&mut s, "weight", r.weight.to_string());
    if let Some(c) = &r.cliff {
        line(
            &mut s,
            "at its end",
            format!("{c} (a legal cliff: ranks first in the 48 hours before it)"),
        );
    }
    line(&mut s, "source", r.citation());
    if r.local_practice {
        line(
            &mut s,
            "note",
            "the interval is local practice, not law".into(),
        );
    }
    if r.overridden {
        line(&mut s, "overridden", "yes, by your rules.toml".into());
    }
    if let Some(n) = &r.note {
        line(&mut s, "about", n.clone());
    }
    line(&mut s, "law", set.version_period(r));
    if let Some(next) = set.next_version(r) {
        let when = next.in_force_from.map_or_else(
            || "when commenced".to_string(),
            |d| format!("from {}", crate::dates::display::date(d)),
        );
        line(
            &mut s,
            "changes",
            format!(
                "{when} this becomes {} ({}); {}",
                next.describe_periods(),
                next.source,
                next.transition.describe()
            ),
        );
    }
    if let Some(by) = r.extend {
        line(
            &mut s,
            "extension",
            format!("once, by {} (caseload episode extend)", r.unit.describe(by)),
        );
    }
    line(&mut s, "example", example(set, r, start, at));
    s
}

/// A worked example of the rule's dates from `start`.
fn example(set: &RuleSet, r: &Rule, start: NaiveDate, at: Option<chrono::NaiveDateTime>) -> String {
    use crate::rules::CountsFrom;
    if r.is_visit() {
        let end = crate::rules::period::period_end(start, r.period, r.unit, false, set.calendar());
        return format!(
            "last visit {}: next due by {}",
            crate::dates::display::date(start),
            end.map_or("?".into(), crate::dates::display::date)
        );
    }
    if r.unit == crate::rules::Unit::Hours {
        // Without a time, 23:30 shows the clocks changing on such a night.
        let from = at.or_else(|| start.and_hms_opt(23, 30, 0));
        let end = from.and_then(|t| crate::rules::hours::add_hours(t, r.period).ok());
        return match (from, end) {
            (Some(f), Some(e)) => format!(
                "from {}: ends {} ({} real hours, across any change of the clocks)",
                crate::dates::display::date_time(f),
                crate::dates::display::date_time(e),
                r.period
            ),
            _ => "(out of range)".into(),
        };
    }
    if r.counts_from == CountsFrom::Mark {
        let target = crate::rules::engine::Target {
            client_id: 0,
            episode_id: None,
            dob: None,
        };
        let got = r.kind.map(|k| {
            set.mark_deadlines(
                k,
                r.mark.as_deref().unwrap_or(""),
                r.when_outcome.first().map(String::as_str),
                crate::rules::EpisodeStart::day(start),
                target,
            )
        });
        let due = got
            .unwrap_or_default()
            .into_iter()
            .find(|g| g.deadline.rule.as_deref() == Some(&r.id))
            .and_then(|g| g.deadline.due);
        return format!(
            "{} entered as {}: due {}",
            r.mark.as_deref().unwrap_or("?"),
            crate::dates::display::date(start),
            due.map_or("?".into(), crate::dates::display::date)
        );
    }
    let chain = set.chain(r, start, 4);
    let mut text = format!(
        "from {}: {}",
        crate::dates::display::date(start),
        chain
            .iter()
            .filter_map(|g| g.deadline.due)
            .map(crate::dates::display::date)
            .collect::<Vec<_>>()
            .join(", ")
    );
    for g in &chain {
        if let Some(due) = g.deadline.due
            && let Some(words) = set.readings(&r.id, due, g.later_due, g.window_opens)
        {
            text.push_str(&format!("\n                  {words}"));
        }
    }
    text
}
