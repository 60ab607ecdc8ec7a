//! The one form a cached row's visits due are written in: JSON, a visit an
//! object, naming its rule by its place in the rule set the row was filled
//! under (the rule's id, citation and weight are that rule's: the
//! fingerprint empties the cache when the rules change, and this file is
//! one of those it hashes).

use chrono::NaiveDate;
use rusqlite::Row;

use crate::practice::VisitFacts;
use crate::rules::VisitDue;
use crate::store::rows::opt_date;

/// A visit due as a cached row holds it.
#[derive(serde::Serialize, serde::Deserialize)]
struct CachedDue {
    /// The rule's place in the rule set.
    r: usize,
    what: String,
    #[serde(with = "crate::dates::stored::day")]
    due: NaiveDate,
    #[serde(with = "crate::dates::stored::opt_day")]
    warn_from: Option<NaiveDate>,
}

/// Each rule's id, citation and weight, by its place in the rule set.
pub(super) struct RuleRefs(Vec<(String, String, i64)>);

impl RuleRefs {
    pub(super) fn of(rules: &crate::rules::RuleSet) -> RuleRefs {
        RuleRefs(
            rules
                .rules()
                .iter()
                .map(|r| (r.id.clone(), r.citation(), r.weight))
                .collect(),
        )
    }

    /// A client's visits due as the cache keeps them; refused for a visit
    /// no rule of the set gives (every visit the engine makes names one).
    pub(super) fn encode(&self, due: &[VisitDue]) -> serde_json::Result<String> {
        let rows = due
            .iter()
            .map(|v| {
                let r = self
                    .0
                    .iter()
                    .position(|(id, source, weight)| {
                        *id == v.rule && *source == v.source && *weight == v.weight
                    })
                    .ok_or_else(no_rule)?;
                Ok(CachedDue {
                    r,
                    what: v.what.clone(),
                    due: v.due,
                    warn_from: v.warn_from,
                })
            })
            .collect::<serde_json::Result<Vec<_>>>()?;
        serde_json::to_string(&rows)
    }

    /// The visits due [`RuleRefs::encode`] wrote.
    pub(super) fn decode(&self, text: &str) -> serde_json::Result<Vec<VisitDue>> {
        let rows: Vec<CachedDue> = serde_json::from_str(text)?;
        rows.into_iter()
            .map(|c| {
                let (rule, source, weight) = self.0.get(c.r).ok_or_else(no_rule)?;
                Ok(VisitDue {
                    rule: rule.clone(),
                    source: source.clone(),
                    what: c.what,
                    due: c.due,
                    warn_from: c.warn_from,
                    weight: *weight,
                })
            })
            .collect()
    }
}

fn no_rule() -> serde_json::Error {
    serde::de::Error::custom("a cached visit names no rule of the set")
}

/// The day the earliest warning window of a client's visits opens (stored
/// as `first_warn`, which the due list's index reads).
pub(super) fn first_warn(f: &VisitFacts) -> Option<NaiveDate> {
    f.due.iter().filter_map(|v| v.warn_from).min()
}

/// A cached row: client id, name, last seen, last contact, visits due.
pub(super) fn facts_from_row(r: &Row<'_>, rules: &RuleRefs) -> rusqlite::Result<VisitFacts> {
    let due: String = r.get(4)?;
    Ok(VisitFacts {
        client_id: r.get(0)?,
        name: r.get(1)?,
        last_seen: opt_date(r, 2)?,
        last_contact: opt_date(r, 3)?,
        due: rules.decode(&due).map_err(to_sql_error)?,
    })
}

pub(super) fn to_sql_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}
