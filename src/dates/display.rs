//! Every date a person reads goes through here, so the whole program agrees
//! on one convention: UK `dd/mm/yyyy` by default, ISO `yyyy-mm-dd` when the
//! config says `date_style = "iso"`. Machine formats (storage, `--json`,
//! CSV, ICS, file names) stay ISO and do not come here.
//!
//! The style is set once at start-up from the config ([`set_style`]) for the
//! thread that prints or draws (the program prints and draws on one thread);
//! tests set it for their own thread with [`scoped`].
//!
//! The forms shown, under each style:
//!
//! | function | UK | ISO |
//! |---|---|---|
//! | [`date`] | `01/12/2026` | `2026-12-01` |
//! | [`day_date`] | `Tue 01/12/2026` | `Tue 2026-12-01` |
//! | [`date_time`] | `01/12/2026 14:30` | `2026-12-01 14:30` |
//! | [`day_date_time`] | `Tue 01/12/2026 14:30` | `Tue 2026-12-01 14:30` |
//! | [`short`] (compact columns) | `01/12` | `2026-12-01` |
//! | [`short_day`] | `Tue 01/12` | `Tue 2026-12-01` |
//! | [`short_day_time`] | `Tue 01/12 14:30` | `Tue 2026-12-01 14:30` |
//!
//! ISO has no short form: `12-01` reads as the 12th of January to many, so
//! compact columns show the full ISO date. Dates confirmed in words
//! ([`words`], "Thu 3 Dec 2026", what a typed date was understood as) name
//! the month and read the same under both styles.

use std::cell::Cell;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

/// How dates are shown: the `date_style` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateStyle {
    /// Day first, `01/12/2026`, as a UK practitioner reads a date.
    #[default]
    Uk,
    /// ISO 8601, `2026-12-01`.
    Iso,
}

thread_local! {
    static STYLE: Cell<DateStyle> = const { Cell::new(DateStyle::Uk) };
}

/// Sets the style dates are shown in on this thread (from the config, at
/// start-up).
pub fn set_style(style: DateStyle) {
    STYLE.with(|s| s.set(style));
}

/// The style dates are shown in on this thread.
#[must_use]
pub fn style() -> DateStyle {
    STYLE.with(Cell::get)
}

/// Puts the previous style back when dropped (see [`scoped`]).
#[derive(Debug)]
#[must_use = "the style reverts when this is dropped"]
pub struct StyleGuard(DateStyle);

impl Drop for StyleGuard {
    fn drop(&mut self) {
        set_style(self.0);
    }
}

/// Shows dates in `style` on this thread until the guard is dropped.
pub fn scoped(style: DateStyle) -> StyleGuard {
    let before = self::style();
    set_style(style);
    StyleGuard(before)
}

/// `01/12/2026` or `2026-12-01`.
#[must_use]
pub fn date(d: NaiveDate) -> String {
    d.format(match style() {
        DateStyle::Uk => "%d/%m/%Y",
        DateStyle::Iso => "%Y-%m-%d",
    })
    .to_string()
}

/// `Tue 01/12/2026` or `Tue 2026-12-01`.
#[must_use]
pub fn day_date(d: NaiveDate) -> String {
    format!("{} {}", d.format("%a"), date(d))
}

/// `01/12/2026 14:30` or `2026-12-01 14:30`.
#[must_use]
pub fn date_time(t: NaiveDateTime) -> String {
    format!("{} {}", date(t.date()), t.format("%H:%M"))
}

/// `01/12/2026 14:30:05` or `2026-12-01 14:30:05` (an audit trail).
#[must_use]
pub fn date_time_seconds(t: NaiveDateTime) -> String {
    format!("{} {}", date(t.date()), t.format("%H:%M:%S"))
}

/// `Tue 01/12/2026 14:30` or `Tue 2026-12-01 14:30`.
#[must_use]
pub fn day_date_time(t: NaiveDateTime) -> String {
    format!("{} {}", day_date(t.date()), t.format("%H:%M"))
}

/// A date in a compact column: `01/12` (the year is near), or the full
/// `2026-12-01` under ISO, which has no unambiguous short form.
#[must_use]
pub fn short(d: NaiveDate) -> String {
    match style() {
        DateStyle::Uk => d.format("%d/%m").to_string(),
        DateStyle::Iso => date(d),
    }
}

/// `Tue 01/12` or `Tue 2026-12-01`.
#[must_use]
pub fn short_day(d: NaiveDate) -> String {
    format!("{} {}", d.format("%a"), short(d))
}

/// `Tue 01/12 14:30` or `Tue 2026-12-01 14:30`.
#[must_use]
pub fn short_day_time(t: NaiveDateTime) -> String {
    format!("{} {}", short_day(t.date()), t.format("%H:%M"))
}

/// A label at most `width` characters for a week in a chart, from its
/// first day: the short form when it fits, else the day of the month.
#[must_use]
pub fn chart_label(d: NaiveDate, width: usize) -> String {
    let s = short(d);
    if s.chars().count() <= width {
        s
    } else {
        d.format("%d").to_string()
    }
}

/// "Thu 3 Dec 2026": a date confirmed in words, the same under both
/// styles (the month is named, so it cannot be misread).
#[must_use]
pub fn words(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// "Thu 3 Dec 2026 14:30".
#[must_use]
pub fn words_time(t: NaiveDateTime) -> String {
    t.format("%a %-d %b %Y %H:%M").to_string()
}

/// "30 Nov 2026": a date in running text (a period's end), the month
/// named, the same under both styles.
#[must_use]
pub fn day_month_year(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "3 Nov": a date in running text whose year goes without saying (a
/// chronology's source, a window in the same year as its end).
#[must_use]
pub fn day_month(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

/// "December 2026", a month's heading.
#[must_use]
pub fn month_year(d: NaiveDate) -> String {
    d.format("%B %Y").to_string()
}

/// "Thursday 3 December 2026", a heading.
#[must_use]
pub fn words_long(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

#[cfg(test)]
mod tests;
