//! Periods counted in hours (MHA holding powers, police protection): real
//! elapsed hours across the clocks changing in Europe/London, and the
//! countdown shown for them ("s136: 5 h 20 min left").
//!
//! The wall-clock arithmetic itself (British Summer Time, real minutes
//! between two times, the countdown words) is `crate::dates::uk`.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Weekday};

pub use crate::dates::uk::{
    LocalTimeError, countdown, last_sunday, local_to_utc, minutes_between, utc_to_local,
};

/// The wall-clock time `hours` real hours after the wall-clock `start`.
pub fn add_hours(start: NaiveDateTime, hours: u32) -> Result<NaiveDateTime, LocalTimeError> {
    let utc = local_to_utc(start)?;
    let end = utc
        .checked_add_signed(TimeDelta::hours(i64::from(hours)))
        .ok_or(LocalTimeError::OutOfRange)?;
    utc_to_local(end).ok_or(LocalTimeError::OutOfRange)
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
