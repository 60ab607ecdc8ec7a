//! Month and weekday names as typed.

use chrono::Weekday;

/// What a typed date could be.
pub const DATE_HELP: &str =
    "try 2026-12-03, 03/12/2026, 3 Dec 2026, today, tomorrow, +2w or next tue";

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A weekday from at least its first three letters ("tue", "tues", "tuesday").
pub(super) fn weekday(s: &str) -> Option<Weekday> {
    if s.len() < 3 {
        return None;
    }
    WEEKDAYS
        .iter()
        .find(|(name, _)| name.starts_with(s))
        .map(|(_, w)| *w)
}

/// A weekday's full name, capitalised.
pub(super) fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A month number from at least its first three letters ("dec", "sept").
pub(super) fn month(s: &str) -> Option<u32> {
    if s.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|name| name.starts_with(s))?;
    u32::try_from(i + 1).ok()
}
