//! `caseload rules …`: print the rule packs (with local overrides marked) so
//! a practitioner can check them against their own procedures; and loading
//! the practitioner's `rules.toml`.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;
use std::path::PathBuf;

use super::output;
use crate::clock;
use crate::domain::validate::parse_date;
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
    /// Show one rule in full, with its first dates from an example start.
    Show {
        /// The rule id (see `caseload rules list`).
        rule: String,
        /// Example start date, YYYY-MM-DD (default: today).
        #[arg(long)]
        from: Option<String>,
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
                        r.weight.to_string(),
                        r.citation(),
                    ]
                })
                .collect();
            output::table(
                &["rule", "kind", "period", "counts from", "weight", "source"],
                &rows,
            );
            if set.rules().iter().any(|r| r.overridden || r.added_locally) {
                println!("* changed or added by your rules.toml");
            }
        }
        RulesCmd::Show { rule, from } => {
            let r = set
                .rule(rule.trim())
                .context("there is no rule called that; see `caseload rules list`")?;
            let start: NaiveDate = match from {
                Some(f) => parse_date("from", &f)?,
                None => clock::now().date(),
            };
            print!("{}", describe(&set, r, start));
        }
    }
    Ok(())
}

fn counts_from(r: &Rule) -> String {
    match (r.counts_from, &r.after) {
        (crate::rules::CountsFrom::Completion, Some(a)) => format!("completion of {a}"),
        (crate::rules::CountsFrom::LastContact, _) => "last contact".into(),
        (c, _) => c.as_str().to_string(),
    }
}

/// The full text of `rules show`.
fn describe(set: &RuleSet, r: &Rule, start: NaiveDate) -> String {
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
    if !r.is_visit() {
        let dates: Vec<String> = set
            .chain_dates(r, start, 4)
            .iter()
            .map(ToString::to_string)
            .collect();
        line(
            &mut s,
            "example",
            format!("from {start}: {}", dates.join(", ")),
        );
    }
    s
}
