//! Periods counted in hours (MHA holding powers, police protection): real
//! elapsed hours across the clocks changing in Europe/London, and the
//! countdown shown for them ("s136: 5 h 20 min left").
//!
//! The UK rule since 1996 (Summer Time Order 2002, the EU rule): British
//! Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC
//! on the last Sunday of October. Hand-computed here, so no time zone
//! database is needed; earlier years used other dates and are not handled
//! (no one holds a 1995 s136 today).

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, TimeDelta, Weekday};

/// A wall-clock time that cannot be placed on the UK timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTimeError {
    /// In the hour the clocks skip in March (01:00 to 01:59 does not exist).
    Skipped,
    /// Outside the range of dates the program handles.
    OutOfRange,
}

impl std::fmt::Display for LocalTimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LocalTimeError::Skipped => f.write_str(
                "that time did not happen in the UK: the clocks went forward from 01:00 to 02:00",
            ),
            LocalTimeError::OutOfRange => f.write_str("that date is out of range"),
        }
    }
}

/// The last Sunday of `month` in `year`.
#[must_use]
pub fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    last.checked_sub_days(Days::new(u64::from(back)))
}

/// Whether British Summer Time is in force at this UTC instant.
fn is_bst_utc(utc: NaiveDateTime) -> bool {
    let year = utc.date().year();
    let at_one = |d: Option<NaiveDate>| d.and_then(|d| d.and_hms_opt(1, 0, 0));
    match (at_one(last_sunday(year, 3)), at_one(last_sunday(year, 10))) {
        (Some(start), Some(end)) => utc >= start && utc < end,
        _ => false,
    }
}

/// UK wall-clock time at a UTC instant.
#[must_use]
pub fn utc_to_local(utc: NaiveDateTime) -> Option<NaiveDateTime> {
    if is_bst_utc(utc) {
        utc.checked_add_signed(TimeDelta::hours(1))
    } else {
        Some(utc)
    }
}

/// The UTC instant of a UK wall-clock time. In the hour the clocks repeat
/// in October (01:00 to 01:59 happens twice) the earlier instant (BST) is
/// taken: a period counted from it ends no later than the law allows.
pub fn local_to_utc(local: NaiveDateTime) -> Result<NaiveDateTime, LocalTimeError> {
    let as_bst = local
        .checked_sub_signed(TimeDelta::hours(1))
        .ok_or(LocalTimeError::OutOfRange)?;
    if is_bst_utc(as_bst) {
        return Ok(as_bst);
    }
    if !is_bst_utc(local) {
        return Ok(local);
    }
    Err(LocalTimeError::Skipped)
}

/// The wall-clock time `hours` real hours after the wall-clock `start`.
pub fn add_hours(start: NaiveDateTime, hours: u32) -> Result<NaiveDateTime, LocalTimeError> {
    let utc = local_to_utc(start)?;
    let end = utc
        .checked_add_signed(TimeDelta::hours(i64::from(hours)))
        .ok_or(LocalTimeError::OutOfRange)?;
    utc_to_local(end).ok_or(LocalTimeError::OutOfRange)
}

/// Real minutes from one wall-clock time to another (negative when `to`
/// is earlier). A time in the skipped hour is read as GMT.
#[must_use]
pub fn minutes_between(from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    let utc = |t: NaiveDateTime| local_to_utc(t).unwrap_or(t);
    (utc(to) - utc(from)).num_minutes()
}

/// "5 h 20 min left", "45 min left", "overdue by 1 h 5 min": the countdown
/// to a deadline with a time, in real hours and minutes (the Today screen
/// and `caseload due` both use it).
#[must_use]
pub fn countdown(now: NaiveDateTime, due_at: NaiveDateTime) -> String {
    let mins = minutes_between(now, due_at);
    let span = |m: i64| {
        let (h, m) = (m / 60, m % 60);
        match (h, m) {
            (0, m) => format!("{m} min"),
            (h, 0) => format!("{h} h"),
            (h, m) => format!("{h} h {m} min"),
        }
    };
    if mins > 0 {
        format!("{} left", span(mins))
    } else if mins == 0 {
        "due now".into()
    } else {
        format!("overdue by {}", span(-mins))
    }
}

/// A wall-clock time as typed: "YYYY-MM-DD HH:MM" (or with a `T`).
pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim();
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
}

/// Whether a date is a Sunday on which the clocks change.
#[must_use]
pub fn is_clocks_change_day(d: NaiveDate) -> bool {
    d.weekday() == Weekday::Sun
        && (last_sunday(d.year(), 3) == Some(d) || last_sunday(d.year(), 10) == Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn clocks_change_on_the_last_sundays_of_march_and_october() {
        assert_eq!(last_sunday(2026, 3), NaiveDate::from_ymd_opt(2026, 3, 29));
        assert_eq!(last_sunday(2026, 10), NaiveDate::from_ymd_opt(2026, 10, 25));
        assert_eq!(last_sunday(2027, 12), NaiveDate::from_ymd_opt(2027, 12, 26));
        assert!(is_clocks_change_day(t(2026, 10, 25, 0, 0).date()));
    }

    #[test]
    fn twenty_four_real_hours_across_the_clocks_going_back() {
        // 23:30 BST Sat 24 Oct 2026 = 22:30 UTC; +24 h = 22:30 UTC Sunday = 22:30 GMT.
        assert_eq!(
            add_hours(t(2026, 10, 24, 23, 30), 24),
            Ok(t(2026, 10, 25, 22, 30))
        );
        // Across the clocks going forward: 23:30 GMT Sat 28 Mar 2026 + 24 h = 00:30 BST Monday.
        assert_eq!(
            add_hours(t(2026, 3, 28, 23, 30), 24),
            Ok(t(2026, 3, 30, 0, 30))
        );
        // An ordinary day: 72 hours is three wall-clock days.
        assert_eq!(
            add_hours(t(2026, 6, 1, 9, 15), 72),
            Ok(t(2026, 6, 4, 9, 15))
        );
    }

    #[test]
    fn the_skipped_hour_is_refused_and_the_repeated_hour_reads_as_bst() {
        assert_eq!(
            local_to_utc(t(2026, 3, 29, 1, 30)),
            Err(LocalTimeError::Skipped)
        );
        assert_eq!(
            local_to_utc(t(2026, 10, 25, 1, 30)),
            Ok(t(2026, 10, 25, 0, 30))
        );
        assert_eq!(
            local_to_utc(t(2026, 10, 25, 2, 30)),
            Ok(t(2026, 10, 25, 2, 30))
        );
    }

    #[test]
    fn countdown_words() {
        let due = t(2026, 11, 29, 22, 0);
        assert_eq!(countdown(t(2026, 11, 29, 16, 40), due), "5 h 20 min left");
        assert_eq!(countdown(t(2026, 11, 29, 21, 15), due), "45 min left");
        assert_eq!(countdown(t(2026, 11, 29, 19, 0), due), "3 h left");
        assert_eq!(countdown(due, due), "due now");
        assert_eq!(
            countdown(t(2026, 11, 29, 23, 5), due),
            "overdue by 1 h 5 min"
        );
        // Counted in real time: the wall clock moves 24 h, but 25 h pass.
        let end = t(2026, 10, 25, 23, 0);
        assert_eq!(countdown(t(2026, 10, 24, 23, 0), end), "25 h left");
    }

    #[test]
    fn parses_a_start_with_a_time() {
        assert_eq!(
            parse_local("2026-10-24 23:30"),
            Some(t(2026, 10, 24, 23, 30))
        );
        assert_eq!(
            parse_local("2026-10-24T23:30"),
            Some(t(2026, 10, 24, 23, 30))
        );
        assert_eq!(parse_local("2026-10-24"), None);
    }
}
