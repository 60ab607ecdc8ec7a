//! Dates the way people say them, where the sense depends on which way the
//! field looks: `fri` is the coming Friday for a visit being planned and
//! the last one for a contact that has happened; `4 dec` and `04/12` are
//! this year's, or the nearest one on the field's side of today. `last fri`
//! is always the most recent Friday before today.

use chrono::{Datelike, NaiveDate};

use super::words::{month, weekday};

/// Which way a typed date or time looks, where the words alone do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// No side: `fri` is the coming Friday, `4 dec` this year's.
    Any,
    /// A contact that has happened: `fri` is the last Friday before today,
    /// `4 dec` the last 4 December not after today.
    Past,
    /// A visit being planned: `fri` is the coming Friday, `4 dec` the next
    /// 4 December not before today.
    Planned,
}

/// `fri` for a past contact: the most recent Friday before today (typed on
/// a Friday, a week ago, as `fri` typed on a Friday for a plan is a week
/// ahead). `None` when `s` is no weekday.
pub(super) fn last_weekday(s: &str, today: NaiveDate) -> Option<Result<NaiveDate, String>> {
    let wd = weekday(s)?;
    let mut d = today.pred_opt()?;
    while d.weekday() != wd {
        d = d.pred_opt()?;
    }
    Some(Ok(d))
}

/// `04/12` or `4/12`: a day and month with no year (a slash between, as
/// the full form `04/12/2026` is written). `None` when `s` is not that.
pub(super) fn day_slash_month(
    s: &str,
    today: NaiveDate,
    tense: Option<Tense>,
) -> Option<Result<NaiveDate, String>> {
    let (d, m) = s.split_once('/')?;
    let small = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !small(d) || !small(m) {
        return None;
    }
    Some(yearless(d.parse().ok()?, m.parse().ok()?, today, tense))
}

/// `4 dec`: a day and a named month with no year. `None` when it is not.
pub(super) fn day_named_month(
    d: &str,
    m: &str,
    today: NaiveDate,
    tense: Option<Tense>,
) -> Option<Result<NaiveDate, String>> {
    let m = month(m)?;
    if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(yearless(d.parse().ok()?, m, today, tense))
}

/// A day and month in the year the tense gives: this year's; for a past
/// contact the year before when this year's is still to come; for a plan
/// the year after when this year's has gone. A date-only field (no tense)
/// asks for the year, as it always has.
fn yearless(d: u32, m: u32, today: NaiveDate, tense: Option<Tense>) -> Result<NaiveDate, String> {
    let Some(tense) = tense else {
        return Err(format!(
            "add the year, for example {d} {} {}",
            month_abbrev(m),
            today.year()
        ));
    };
    let in_year = |y: i32| NaiveDate::from_ymd_opt(y, m, d);
    // Eight years either way reaches a 29 February from any year.
    let picked = match tense {
        Tense::Any => in_year(today.year()),
        Tense::Past => (0..=8)
            .filter_map(|back| in_year(today.year() - back))
            .find(|date| *date <= today),
        Tense::Planned => (0..=8)
            .filter_map(|on| in_year(today.year() + on))
            .find(|date| *date >= today),
    };
    picked.ok_or_else(|| "is not a real date (check the day and month)".into())
}

fn month_abbrev(m: u32) -> &'static str {
    const ABBREV: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    usize::try_from(m)
        .ok()
        .and_then(|m| ABBREV.get(m.wrapping_sub(1)))
        .copied()
        .unwrap_or("Jan")
}
