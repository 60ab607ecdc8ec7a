//! The values of a dump checked as every other door checks them, before any
//! is written: each value of the kind its column holds, dates real and in
//! range, text within the limits the forms and the CLI apply. Each problem
//! names its place as `table[row].column` (the row's index in the file's
//! `rows`); a value is quoted only when it is a short would-be date. `check`
//! runs the same on the stored rows.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;

use super::{Dump, Result, Store, StoreError};
use crate::domain::validate::{MAX_LONG, MAX_NAME, date_of_birth};
use crate::domain::{DATE_FMT, DATETIME_FMT};

/// The most problems listed before "and N more".
pub const MAX_LISTED: usize = 50;

/// Columns holding a calendar date (`YYYY-MM-DD`), in every table.
const DATE_COLUMNS: [&str; 11] = [
    "dob",
    "opened_on",
    "closed_on",
    "completed_on",
    "retain_until",
    "risk_reviewed_on",
    "consent_recorded_on",
    "start_on",
    "end_on",
    "done_on",
    "on_day",
];

/// Columns holding a date and time (`YYYY-MM-DDTHH:MM:SS`), in every table.
const DATETIME_COLUMNS: [&str; 5] = [
    "created_at",
    "updated_at",
    "occurred_at",
    "written_at",
    "finalised_at",
];

/// Name-like columns (limit [`MAX_NAME`], as the client form).
const NAME_COLUMNS: [(&str, &str); 3] = [
    ("clients", "given_name"),
    ("clients", "family_name"),
    ("clients", "preferred_name"),
];

/// Tables whose text is the program's own journal of other rows (a snapshot
/// of a whole note may exceed one field's limit); their values are only
/// type-checked.
const JOURNAL_TABLES: [&str; 3] = ["undo_log", "form_drafts", "audit"];

/// What a column holds, from its declared type (SQLite's affinity rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    Integer,
    Text,
    Real,
    Any,
}

fn holds(declared: &str) -> Holds {
    let d = declared.to_ascii_uppercase();
    if d.contains("INT") {
        Holds::Integer
    } else if d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT") {
        Holds::Text
    } else if d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB") {
        Holds::Real
    } else {
        Holds::Any
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Whether `v` is of the kind the column holds.
fn right_kind(h: Holds, v: &Value) -> bool {
    match (h, v) {
        (_, Value::Null) | (Holds::Any, _) => true,
        (Holds::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Holds::Integer, Value::Bool(_)) => true,
        (Holds::Real, Value::Number(_)) => true,
        (Holds::Text, Value::String(_)) => true,
        _ => false,
    }
}

/// The value itself, only when it is short enough to be a would-be date.
fn shown(s: &str) -> String {
    if s.chars().count() <= 32 && !s.chars().any(char::is_control) {
        s.to_string()
    } else {
        "the value".into()
    }
}

fn in_range(d: NaiveDate) -> bool {
    (1900..=2200).contains(&chrono::Datelike::year(&d))
}

/// What is wrong with one value, in words, or None.
fn problem(table: &str, column: &str, h: Holds, v: &Value, today: NaiveDate) -> Option<String> {
    if !right_kind(h, v) {
        let want = match h {
            Holds::Integer => "a whole number",
            Holds::Real => "a number",
            _ => "text",
        };
        return Some(format!("is {}; this column holds {want}", kind_of(v)));
    }
    let Value::String(s) = v else { return None };
    let is_date = DATE_COLUMNS.contains(&column) || (table == "deadlines" && column == "due");
    if is_date {
        return match NaiveDate::parse_from_str(s, DATE_FMT) {
            Err(_) => Some(format!("{} is not a date (YYYY-MM-DD)", shown(s))),
            Ok(d) if !in_range(d) => Some(format!("{} is out of range", shown(s))),
            Ok(d) if column == "dob" => date_of_birth(d, today)
                .err()
                .map(|e| format!("{} {}", shown(s), e.problem)),
            Ok(_) => None,
        };
    }
    if DATETIME_COLUMNS.contains(&column) {
        return match NaiveDateTime::parse_from_str(s, &format!("{DATETIME_FMT}%.f")) {
            Err(_) => Some(format!(
                "{} is not a date and time (YYYY-MM-DDTHH:MM:SS)",
                shown(s)
            )),
            Ok(t) if !in_range(t.date()) => Some(format!("{} is out of range", shown(s))),
            Ok(_) => None,
        };
    }
    if JOURNAL_TABLES.contains(&table) {
        return None;
    }
    let max = if NAME_COLUMNS.contains(&(table, column)) {
        MAX_NAME
    } else {
        MAX_LONG
    };
    crate::domain::validate::limit("", s, max)
        .err()
        .map(|e| e.problem)
}

/// The problems, up to [`MAX_LISTED`], then how many more, one a line.
#[must_use]
pub fn listing(problems: &[String]) -> String {
    let mut out: Vec<String> = problems
        .iter()
        .take(MAX_LISTED)
        .map(|p| format!("  {p}"))
        .collect();
    if problems.len() > MAX_LISTED {
        out.push(format!("  and {} more", problems.len() - MAX_LISTED));
    }
    out.join("\n")
}

/// A dump's values (and the stored rows) checked as every other door checks them.
pub trait DumpChecks {
    /// Every value of `dump` no other door would accept, as `table[row].column: what is wrong`.
    fn dump_problems(&self, dump: &Dump, today: NaiveDate) -> Result<Vec<String>>;

    /// Refuses `dump` when any value is wrong, listing the problems.
    fn check_dump(&self, dump: &Dump, today: NaiveDate) -> Result<()>;

    /// Stored values no door would have accepted, each with its table and row id.
    fn stored_value_problems(&self, today: NaiveDate) -> Result<Vec<String>>;
}

impl DumpChecks for Store {
    /// Every value of `dump` that no other door would accept, each as
    /// `table[row].column: what is wrong` (all of them; see [`listing`]).
    /// Tables and columns this database lacks are left to the loader.
    fn dump_problems(&self, dump: &Dump, today: NaiveDate) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        for t in &dump.tables {
            let declared = self.declared_types(&t.name)?;
            let cols: Vec<Holds> = t
                .columns
                .iter()
                .map(|c| {
                    declared
                        .iter()
                        .find(|(n, _)| n == c)
                        .map_or(Holds::Any, |(_, h)| *h)
                })
                .collect();
            for (i, row) in t.rows.iter().enumerate() {
                for ((c, h), v) in t.columns.iter().zip(&cols).zip(row) {
                    if let Some(p) = problem(&t.name, c, *h, v, today) {
                        problems.push(format!("{}[{i}].{c}: {p}", t.name));
                    }
                }
            }
        }
        Ok(problems)
    }

    /// Refuses `dump` when any value is wrong, listing the problems.
    fn check_dump(&self, dump: &Dump, today: NaiveDate) -> Result<()> {
        let problems = self.dump_problems(dump, today)?;
        if problems.is_empty() {
            return Ok(());
        }
        Err(StoreError::Refused(format!(
            "the file was not imported, nothing was written: {} value(s) no other door accepts:\n{}",
            problems.len(),
            listing(&problems)
        )))
    }

    /// Stored values that no door would have accepted (a date that is not a
    /// date, text of the wrong kind), each with its table and row id.
    fn stored_value_problems(&self, today: NaiveDate) -> Result<Vec<String>> {
        let dump = self.dump()?;
        let mut problems = Vec::new();
        for t in &dump.tables {
            let declared = self.declared_types(&t.name)?;
            let id = t.columns.iter().position(|c| c == "id");
            for row in &t.rows {
                for ((c, (_, h)), v) in t.columns.iter().zip(&declared).zip(row) {
                    if let Some(p) = problem(&t.name, c, *h, v, today) {
                        let at = id
                            .and_then(|i| row.get(i))
                            .map_or_else(String::new, |v| format!(" row {v}"));
                        problems.push(format!("{}{at} {c}: {p}", t.name));
                    }
                }
            }
        }
        Ok(problems)
    }
}

impl Store {
    fn declared_types(&self, table: &str) -> Result<Vec<(String, Holds)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, type FROM pragma_table_info(?1)")?;
        let rows = stmt.query_map([table], |r| {
            Ok((r.get::<_, String>(0)?, holds(&r.get::<_, String>(1)?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn each_kind_of_bad_value_is_named() {
        let t = today();
        let text = Holds::Text;
        assert!(problem("clients", "dob", text, &"2025-02-30".into(), t).is_some());
        assert!(problem("clients", "dob", text, &"2027-01-01".into(), t).is_some());
        assert!(problem("clients", "dob", text, &"2001-02-28".into(), t).is_none());
        assert!(problem("deadlines", "due", text, &"2027-13-45".into(), t).is_some());
        assert!(problem("notes", "body", text, &Value::from(5), t).is_some());
        let long = "x".repeat(MAX_LONG + 1);
        let p = problem("notes", "body", text, &long.into(), t).unwrap();
        assert!(p.contains("too long") && !p.contains("xxx"), "{p}");
        assert!(problem("notes", "id", Holds::Integer, &"a".into(), t).is_some());
    }

    #[test]
    fn the_listing_stops_at_fifty() {
        let many: Vec<String> = (0..60).map(|i| format!("p{i}")).collect();
        let l = listing(&many);
        assert_eq!(l.lines().count(), 51);
        assert!(l.ends_with("and 10 more"));
    }
}
