//! Dates and times as a practitioner types them. Anything not fully
//! understood is an error beside the field, never a guess: `2pm` is 14:00,
//! `14` alone is refused (not the year 14), a two-digit year is refused (or,
//! for a date of birth, taken as the most recent such year not in the
//! future). Every accepted value comes back as a [`Resolved`]: the value to
//! save and the words shown for it, so what is saved is what was shown.
//!
//! Dates: `2026-12-03`, `03/12/2026` (day first), `3 Dec 2026`, `Thu 3 Dec
//! 2026`, `Thu 03/12/2026` (as dates are shown), `today`, `tomorrow`,
//! `yesterday`, `+2w`, `+3d`, `+1m`, `-2d`, `fri` or `this fri` (the coming
//! Friday), `next fri` (Friday of next week: weeks start on Monday, and on a
//! Sunday the week starting tomorrow is this week), `last fri` (the most
//! recent Friday before today). Times: `14:30`, `14.30`, `9:05`, `2pm`,
//! `2:30pm`, `noon`, before or after the date (`14:30 yesterday`).
//!
//! With a time, a date may leave out the year (`4 dec 14:00`, `04/12
//! 14:00`), and a weekday alone looks the way the field does ([`Tense`]):
//! for a contact that has happened `fri 2pm` is last Friday and `4 dec` the
//! last 4 December not after today; for a visit being planned, the coming
//! ones. A date-only field still asks for the year.

pub mod display;
mod spoken;
pub mod stored;
pub mod uk;
mod words;

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime};

pub use spoken::Tense;
pub use words::DATE_HELP;
use words::{month, weekday};

/// What to type for a time.
pub const TIME_HELP: &str = "write the time as 14:30, 14.30 or 2:30pm";

/// A typed value as understood: the value saved and the words shown for it
/// before saving. Built only here, so the two cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved<T> {
    value: T,
    shown: String,
}

impl<T: Copy> Resolved<T> {
    /// The value to save.
    #[must_use]
    pub fn value(&self) -> T {
        self.value
    }

    /// The words shown for it ("Thu 3 Dec 2026 14:30").
    #[must_use]
    pub fn shown(&self) -> &str {
        &self.shown
    }
}

/// What a date is for, where that changes how it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateUse {
    /// Any date: a two-digit year is refused.
    Any,
    /// A date of birth: a two-digit year is the latest such year not after today.
    Birth,
}

/// Parses a typed date relative to `today` and shows it.
pub fn resolve_date(input: &str, today: NaiveDate) -> Result<Resolved<NaiveDate>, String> {
    resolve_date_for(input, today, DateUse::Any)
}

/// Parses a typed date for a given use and shows it.
pub fn resolve_date_for(
    input: &str,
    today: NaiveDate,
    use_: DateUse,
) -> Result<Resolved<NaiveDate>, String> {
    let d = date_value(input, today, use_)?;
    Ok(Resolved {
        value: d,
        shown: show(d),
    })
}

/// Parses a typed date relative to `today` (the value of [`resolve_date`]).
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    resolve_date(input, today).map(|r| r.value)
}

/// Parses a typed date and time and shows it: a date as [`resolve_date`]
/// followed by a time, or a time alone (today). Blank or `now` is `now`.
/// A date with no time is refused: the time a contact happened is not
/// guessed.
pub fn resolve_datetime(
    input: &str,
    now: NaiveDateTime,
) -> Result<Resolved<NaiveDateTime>, String> {
    resolve_datetime_for(input, now, Tense::Any)
}

/// Parses a typed date and time for a field that looks one way ([`Tense`]):
/// a contact that has happened reads `fri 2pm` as last Friday, a planned
/// visit as the coming one.
pub fn resolve_datetime_for(
    input: &str,
    now: NaiveDateTime,
    tense: Tense,
) -> Result<Resolved<NaiveDateTime>, String> {
    let t = datetime_value(input, now, tense)?;
    Ok(Resolved {
        value: t,
        shown: show_dt(t),
    })
}

/// Parses a typed date and time (the value of [`resolve_datetime`]).
pub fn parse_datetime(input: &str, now: NaiveDateTime) -> Result<NaiveDateTime, String> {
    resolve_datetime(input, now).map(|r| r.value)
}

/// Parses a typed date and time for a field of a given [`Tense`] (the value
/// of [`resolve_datetime_for`]).
pub fn parse_datetime_for(
    input: &str,
    now: NaiveDateTime,
    tense: Tense,
) -> Result<NaiveDateTime, String> {
    resolve_datetime_for(input, now, tense).map(|r| r.value)
}

/// "Thu 3 Dec 2026", the way a resolved date is shown.
#[must_use]
pub fn show(d: NaiveDate) -> String {
    display::words(d)
}

/// "Thu 3 Dec 2026 14:30".
#[must_use]
pub fn show_dt(t: NaiveDateTime) -> String {
    display::words_time(t)
}

/// Lower-cased words of what was typed, single-spaced.
fn words_of(input: &str) -> Vec<String> {
    input
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
}

fn date_value(input: &str, today: NaiveDate, use_: DateUse) -> Result<NaiveDate, String> {
    let w = words_of(input);
    if w.is_empty() {
        return Err("a date is needed".into());
    }
    let w: Vec<&str> = w.iter().map(String::as_str).collect();
    date_words(&w, today, use_, None)
        .unwrap_or_else(|| Err(format!("not a date I know: {DATE_HELP}")))
}

/// `None` when the words are no date form at all; `Some(Err)` when they
/// are one but wrong (30 February, a two-digit year). `tense` is the way a
/// date-and-time field looks; `None` for a date-only field, which keeps
/// asking for the year.
fn date_words(
    w: &[&str],
    today: NaiveDate,
    use_: DateUse,
    tense: Option<Tense>,
) -> Option<Result<NaiveDate, String>> {
    match w {
        ["today" | "tod"] => Some(Ok(today)),
        ["tomorrow" | "tom"] => Some(today.succ_opt().ok_or_else(far)),
        ["yesterday"] => Some(today.pred_opt().ok_or_else(far)),
        [one] => numeric(one, today, use_)
            .or_else(|| spoken::day_slash_month(one, today, tense))
            .or_else(|| offset(one, today))
            .or_else(|| match tense {
                Some(Tense::Past) => spoken::last_weekday(one, today),
                _ => next_weekday(one, today),
            }),
        ["next", day] => next_week(day, today),
        ["this", day] => next_weekday(day, today),
        ["last", day] => spoken::last_weekday(day, today),
        // "Tue 01/12/2026", as dates are shown.
        [wd, one] => match weekday(wd) {
            Some(want) => Some(
                numeric(one, today, use_)
                    .or_else(|| spoken::day_slash_month(one, today, tense))?
                    .and_then(|date| on_weekday(date, want)),
            ),
            None => spoken::day_named_month(wd, one, today, tense),
        },
        [d, m, y] => named_month(d, m, y, today, use_).or_else(|| {
            let want = weekday(d)?;
            Some(
                spoken::day_named_month(m, y, today, tense)?
                    .and_then(|date| on_weekday(date, want)),
            )
        }),
        [wd, d, m, y] => {
            let want = weekday(wd)?;
            Some(named_month(d, m, y, today, use_)?.and_then(|date| on_weekday(date, want)))
        }
        _ => None,
    }
}

/// The date when it falls on `want`; else says which day it is.
fn on_weekday(date: NaiveDate, want: chrono::Weekday) -> Result<NaiveDate, String> {
    if date.weekday() == want {
        Ok(date)
    } else {
        Err(format!(
            "{} is a {}, not a {}",
            date.format("%-d %b %Y"),
            words::weekday_name(date.weekday()),
            words::weekday_name(want)
        ))
    }
}

fn far() -> String {
    "that date is out of range".into()
}

fn not_real() -> String {
    "is not a real date (check the day and month)".into()
}

/// `2026-12-03`, `3/12/2026`, `3.12.2026`, `3-12-2026`.
fn numeric(s: &str, today: NaiveDate, use_: DateUse) -> Option<Result<NaiveDate, String>> {
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    if !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (y, m, d, ylen) = if parts[0].len() == 4 && s.contains('-') {
        (n[0], n[1], n[2], 4)
    } else if parts[0].len() <= 2 && parts[1].len() <= 2 {
        (n[2], n[1], n[0], parts[2].len())
    } else {
        return None;
    };
    Some(dated((y, ylen), m, d, today, use_))
}

/// `3 dec 2026`, `3 december 85` (a date of birth).
fn named_month(
    d: &str,
    m: &str,
    y: &str,
    today: NaiveDate,
    use_: DateUse,
) -> Option<Result<NaiveDate, String>> {
    let m = month(m)?;
    if d.is_empty() || d.len() > 2 || y.is_empty() || y.len() > 4 {
        return None;
    }
    let d: u32 = d.parse().ok()?;
    let yn: u32 = y.parse().ok()?;
    Some(dated((yn, y.len()), m, d, today, use_))
}

/// A year as typed: four digits as is; two digits only for a date of birth
/// (then the latest such date not after today); anything else refused.
fn dated(
    (y, digits): (u32, usize),
    m: u32,
    d: u32,
    today: NaiveDate,
    use_: DateUse,
) -> Result<NaiveDate, String> {
    let y = i32::try_from(y).map_err(|_| far())?;
    match (digits, use_) {
        (4, _) if y >= 1000 => NaiveDate::from_ymd_opt(y, m, d).ok_or_else(not_real),
        (2, DateUse::Birth) => {
            let century = today.year() - today.year().rem_euclid(100);
            let this = NaiveDate::from_ymd_opt(century + y, m, d);
            match this {
                Some(date) if date <= today => Ok(date),
                _ => NaiveDate::from_ymd_opt(century - 100 + y, m, d).ok_or_else(not_real),
            }
        }
        (2, DateUse::Any) => Err(format!(
            "write the year in full (for example {}{y:02} or {}{y:02})",
            today.year() / 100,
            today.year() / 100 - 1
        )),
        _ => Err("write the year with four digits, for example 2026".into()),
    }
}

fn offset(s: &str, today: NaiveDate) -> Option<Result<NaiveDate, String>> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1i64, &s[1..]),
        b'-' => (-1i64, &s[1..]),
        _ => return None,
    };
    let unit = rest.chars().last()?;
    let digits = &rest[..rest.len() - unit.len_utf8()];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let Ok(n) = digits.parse::<u32>() else {
        return Some(Err(far()));
    };
    let r = match (unit, sign) {
        ('d', 1) => today.checked_add_days(Days::new(u64::from(n))),
        ('d', _) => today.checked_sub_days(Days::new(u64::from(n))),
        ('w', 1) => today.checked_add_days(Days::new(u64::from(n) * 7)),
        ('w', _) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        ('m', 1) => today.checked_add_months(Months::new(n)),
        ('m', _) => today.checked_sub_months(Months::new(n)),
        ('y', 1) => today.checked_add_months(Months::new(n.saturating_mul(12))),
        ('y', _) => today.checked_sub_months(Months::new(n.saturating_mul(12))),
        _ => return None,
    };
    Some(r.ok_or_else(far))
}

/// `tue` and `this tue`: the coming Tuesday, within the next seven days
/// (today excluded: `tue` typed on a Tuesday is a week today).
fn next_weekday(s: &str, today: NaiveDate) -> Option<Result<NaiveDate, String>> {
    let wd = weekday(s)?;
    let mut d = today.succ_opt()?;
    while d.weekday() != wd {
        d = d.succ_opt()?;
    }
    Some(Ok(d))
}

/// `next tue`: the Tuesday of next week, as a UK reader means it. Weeks
/// run Monday to Sunday, and "this week" is the week of tomorrow: on a
/// Sunday the week starting tomorrow is this week. So typed on Sunday 22
/// November 2026, `tue` is 24 November and `next tue` is 1 December; typed
/// on Wednesday 25 November, `next tue` is 1 December too.
fn next_week(s: &str, today: NaiveDate) -> Option<Result<NaiveDate, String>> {
    let wd = weekday(s)?;
    let d = today.succ_opt().and_then(|tomorrow| {
        let back = u64::from(tomorrow.weekday().num_days_from_monday());
        tomorrow
            .checked_sub_days(Days::new(back))?
            .checked_add_days(Days::new(7 + u64::from(wd.num_days_from_monday())))
    });
    Some(d.ok_or_else(far))
}

fn datetime_value(input: &str, now: NaiveDateTime, tense: Tense) -> Result<NaiveDateTime, String> {
    let w = words_of(input);
    let w: Vec<&str> = w.iter().map(String::as_str).collect();
    match w.as_slice() {
        [] | ["now"] => return Ok(now),
        _ => {}
    }
    // The time is the last word, or the last two when they are "2 pm"; or,
    // as people also say it, the first ("14:30 yesterday").
    let splits = [2usize, 1].into_iter().filter(|take| w.len() >= *take);
    let time_last = splits.clone().map(|take| {
        let (date_w, time_w) = w.split_at(w.len() - take);
        (date_w, time_w)
    });
    let time_first = splits.filter(|take| w.len() > *take).map(|take| {
        let (time_w, date_w) = w.split_at(take);
        (date_w, time_w)
    });
    for (date_w, time_w) in time_last.chain(time_first) {
        let Some(time) = time_words(time_w) else {
            continue;
        };
        let time = time?;
        let date = if date_w.is_empty() {
            now.date()
        } else {
            date_words(date_w, now.date(), DateUse::Any, Some(tense))
                .unwrap_or_else(|| Err(format!("not a date I know: {DATE_HELP}")))?
        };
        return Ok(date.and_time(time));
    }
    match date_words(&w, now.date(), DateUse::Any, Some(tense)) {
        Some(Ok(_)) => Err(format!("add the time it happened ({TIME_HELP})")),
        Some(Err(e)) => Err(e),
        None if w.len() == 1 && w[0].bytes().all(|b| b.is_ascii_digit()) => Err(format!(
            "\"{}\" is neither a date nor a time: {TIME_HELP}",
            w[0]
        )),
        None => Err(format!(
            "not a date and time I know: {DATE_HELP}, then {TIME_HELP}"
        )),
    }
}

/// `None` when the words are not a time at all; `Some(Err)` when they are
/// one but impossible (25:00, 13pm).
fn time_words(w: &[&str]) -> Option<Result<NaiveTime, String>> {
    let joined = w.concat();
    let s = joined.as_str();
    if w.len() == 2 && !matches!(w[1], "am" | "pm") {
        return None;
    }
    if matches!(s, "noon" | "midday") {
        return NaiveTime::from_hms_opt(12, 0, 0).map(Ok);
    }
    let (clock, half) = if let Some(c) = s.strip_suffix("am") {
        (c, Some(false))
    } else if let Some(c) = s.strip_suffix("pm") {
        (c, Some(true))
    } else {
        (s, None)
    };
    let (h, m) = match clock.split_once([':', '.']) {
        Some((h, m)) => (h, Some(m)),
        None => (clock, None),
    };
    if h.is_empty() || h.len() > 2 || !h.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(m) = m
        && (m.len() != 2 || !m.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(Err(TIME_HELP.into()));
    }
    // A bare number ("14") is not a time: it could be a day or a year.
    if m.is_none() && half.is_none() {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.map_or(Some(0), |m| m.parse().ok())?;
    let h = match half {
        None => h,
        Some(_) if h == 0 || h > 12 => {
            return Some(Err(format!(
                "{h} is not an hour on a 12-hour clock; {TIME_HELP}"
            )));
        }
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
    };
    Some(NaiveTime::from_hms_opt(h, m, 0).ok_or_else(|| format!("no such time; {TIME_HELP}")))
}

#[cfg(test)]
mod tests;
