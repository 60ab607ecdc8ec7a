//! `caseload due --next 12h`: the on-call view, every clock (a legal cliff:
//! someone released or detained unlawfully, or a right lost) that runs out
//! within the next so many hours or days, soonest first, with its time, the
//! client and what happens at its end.

use crate::store::prelude::*;
use anyhow::{Result, bail};
use chrono::NaiveDateTime;
use serde::Serialize;

use super::output;
use crate::domain::DueItem;
use crate::domain::text::one_line;
use crate::store::Store;

/// `YYYY-MM-DDTHH:MM`, as `due --json` writes a deadline's time.
fn to_the_minute<S: serde::Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    crate::domain::deadline::minutes_opt::serialize(&Some(*t), s)
}

/// One clock running out, as `due --next --json` writes it.
#[derive(Debug, Serialize)]
pub struct Clock {
    /// The deadline's id.
    pub id: i64,
    /// Whose.
    pub client_id: Option<i64>,
    /// Their display name.
    pub client_name: Option<String>,
    /// What runs out.
    pub what: String,
    /// The rule it comes from.
    pub rule: Option<String>,
    /// When it runs out (`YYYY-MM-DDTHH:MM`, UK wall clock; the midnight
    /// after its day for a deadline counted in days).
    #[serde(rename = "ends_at", serialize_with = "to_the_minute")]
    pub ends: NaiveDateTime,
    /// Real minutes left.
    pub minutes_left: i64,
    /// What happens at its end, from the rule pack.
    pub at_its_end: String,
}

/// Minutes in "12h", "2d" or "90m" (a whole number and a unit).
pub fn parse_span(text: &str) -> Result<i64> {
    let t = text.trim();
    let (n, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let per = match unit.trim() {
        "h" | "hours" | "hour" => 60,
        "d" | "days" | "day" => 24 * 60,
        "m" | "min" | "minutes" => 1,
        _ => bail!("--next takes hours or days, such as 12h or 2d (not {text:?})"),
    };
    match n.parse::<i64>() {
        Ok(n) if n > 0 && n <= 366 * 24 => Ok(n * per),
        _ => bail!("--next takes a whole number of hours or days above 0, such as 12h or 2d"),
    }
}

/// The clocks running out within `minutes` of `now`, soonest first.
pub fn clocks(store: &Store, now: NaiveDateTime, minutes: i64) -> Result<Vec<Clock>> {
    // Every deadline due by the last day the span reaches.
    let days = u32::try_from(minutes / (24 * 60) + 1).unwrap_or(u32::MAX);
    let mut items: Vec<DueItem> = store
        .due_now(now, days)?
        .into_iter()
        .filter(|i| i.clock_ends_within(now, minutes))
        .collect();
    items.sort_by_key(|i| (i.minutes_left(now), i.id));
    let rules = store.rules();
    Ok(items
        .into_iter()
        .map(|i| Clock {
            ends: i.due_moment(),
            minutes_left: i.minutes_left(now),
            at_its_end: i
                .rule
                .as_deref()
                .and_then(|id| rules.rule(id))
                .and_then(|r| r.cliff.clone())
                .unwrap_or_default(),
            id: i.id,
            client_id: i.client_id,
            client_name: i.client_name,
            what: i.what,
            rule: i.rule,
        })
        .collect())
}

/// `caseload due --next SPAN [--json]`.
pub fn run(store: &Store, now: NaiveDateTime, span: &str, json: bool) -> Result<()> {
    let minutes = parse_span(span)?;
    let list = clocks(store, now, minutes)?;
    if json {
        return output::json(&list);
    }
    if list.is_empty() {
        println!("No clock runs out in the next {}.", span_words(minutes));
        return Ok(());
    }
    println!(
        "Runs out in the next {}: {}",
        span_words(minutes),
        list.len()
    );
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                crate::dates::display::date_time(c.ends),
                crate::dates::uk::countdown(now, c.ends),
                c.client_name
                    .as_deref()
                    .map_or_else(|| "(no client)".into(), one_line),
                one_line(&c.what),
                one_line(&c.at_its_end),
            ]
        })
        .collect();
    output::table(&["ends", "left", "client", "what", "at its end"], &rows);
    Ok(())
}

/// "12 hours", "2 days", "90 minutes".
fn span_words(minutes: i64) -> String {
    use crate::domain::text::count;
    if minutes % (24 * 60) == 0 {
        count(minutes / (24 * 60), "day")
    } else if minutes % 60 == 0 {
        count(minutes / 60, "hour")
    } else {
        count(minutes, "minute")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_is_hours_or_days() {
        assert_eq!(parse_span("12h").unwrap(), 720);
        assert_eq!(parse_span("2d").unwrap(), 2880);
        assert_eq!(parse_span("90m").unwrap(), 90);
        for bad in ["", "h", "0h", "12", "12w", "-3h"] {
            assert!(parse_span(bad).is_err(), "{bad}");
        }
        assert_eq!(span_words(720), "12 hours");
        assert_eq!(span_words(2880), "2 days");
    }
}
