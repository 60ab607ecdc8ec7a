//! Conversions between stored text and domain values.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Row;

use crate::domain::{DATE_FMT, DATETIME_FMT};

/// A date as stored.
pub(crate) fn fmt_date(d: NaiveDate) -> String {
    d.format(DATE_FMT).to_string()
}

/// An optional date as stored.
pub(crate) fn fmt_opt_date(d: Option<NaiveDate>) -> Option<String> {
    d.map(fmt_date)
}

/// A local time as stored (seconds precision, `T` separator).
pub(crate) fn fmt_dt(t: NaiveDateTime) -> String {
    t.format(DATETIME_FMT).to_string()
}

/// Reads a local time column.
pub(crate) fn dt(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDateTime> {
    r.get(i)
}

/// Reads an optional local time column.
pub(crate) fn opt_dt(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    r.get(i)
}

/// Reads a date column.
pub(crate) fn date(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    r.get(i)
}

/// Reads an optional date column.
pub(crate) fn opt_date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get(i)
}

/// Reads a 0/1 column.
pub(crate) fn flag(r: &Row<'_>, i: usize) -> rusqlite::Result<bool> {
    Ok(r.get::<_, i64>(i)? != 0)
}
