//! Periods of days, weeks, months and working days, counted the way the law
//! counts them.
//!
//! A period "beginning with" a day includes that day: 28 days beginning with
//! 1 March end on 28 March, and 6 months beginning with 15 January end on
//! 14 July (the day before the corresponding day). A period "from" a day
//! excludes it: 28 days from 1 March end on 29 March, 6 months from
//! 15 January end on 15 July. Where the corresponding day does not exist
//! (31 August + 6 months: there is no 31 February), the period ends on the
//! last day of that month (28 or 29 February) in both conventions.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::Calendar;

/// The unit a period is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Calendar days.
    Days,
    /// Weeks of seven calendar days.
    Weeks,
    /// Calendar months (the corresponding-day rule).
    Months,
    /// Working days: not weekends or England and Wales bank holidays.
    WorkingDays,
    /// Real hours from a start date and time (see `hours`).
    Hours,
}

impl Unit {
    /// The unit as written in a rule pack.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::WorkingDays => "working-days",
            Unit::Hours => "hours",
        }
    }

    /// "6 months", "1 week", "15 working days".
    #[must_use]
    pub fn describe(self, n: u32) -> String {
        let word = match (self, n) {
            (Unit::Days, 1) => "day",
            (Unit::Days, _) => "days",
            (Unit::Weeks, 1) => "week",
            (Unit::Weeks, _) => "weeks",
            (Unit::Months, 1) => "month",
            (Unit::Months, _) => "months",
            (Unit::WorkingDays, 1) => "working day",
            (Unit::WorkingDays, _) => "working days",
            (Unit::Hours, 1) => "hour",
            (Unit::Hours, _) => "hours",
        };
        format!("{n} {word}")
    }
}

/// The last day of a period of `n` units counted from `start`: including
/// `start` when `beginning_with`, else starting the day after. `None` only
/// when the date would overflow the calendar.
#[must_use]
pub fn period_end(
    start: NaiveDate,
    n: u32,
    unit: Unit,
    beginning_with: bool,
    cal: &Calendar,
) -> Option<NaiveDate> {
    let inclusive = u64::from(beginning_with);
    match unit {
        Unit::Days => start
            .checked_add_days(Days::new(u64::from(n)))?
            .checked_sub_days(Days::new(inclusive)),
        Unit::Weeks => start
            .checked_add_days(Days::new(7 * u64::from(n)))?
            .checked_sub_days(Days::new(inclusive)),
        Unit::Months => {
            // chrono clamps a missing day to the month's last day, which is
            // the end of the period under both conventions.
            let target = start.checked_add_months(Months::new(n))?;
            if beginning_with && target.day() == start.day() {
                target.pred_opt()
            } else {
                Some(target)
            }
        }
        Unit::WorkingDays => {
            // Beginning with X counts X itself when it is a working day: the
            // same as counting from the day before.
            let from = start.checked_sub_days(Days::new(inclusive))?;
            cal.add_working_days(from, n)
        }
        // Without a time, hours count from the start of the day; the engine
        // counts from the episode's time (`hours::add_hours`).
        Unit::Hours => start
            .and_hms_opt(0, 0, 0)?
            .checked_add_signed(chrono::TimeDelta::hours(i64::from(n)))
            .map(|t| t.date()),
    }
}

/// The day `n` units before `mark` (a reminder before a hearing).
#[must_use]
pub fn before(mark: NaiveDate, n: u32, unit: Unit, cal: &Calendar) -> Option<NaiveDate> {
    match unit {
        Unit::Days | Unit::Hours => mark.checked_sub_days(Days::new(u64::from(n))),
        Unit::Weeks => mark.checked_sub_days(Days::new(7 * u64::from(n))),
        Unit::Months => mark.checked_sub_months(Months::new(n)),
        Unit::WorkingDays => cal.sub_working_days(mark, n),
    }
}

/// The later reading of when a window of `n` units ending with `end` opens.
/// For months there are two: counted back from the corresponding day
/// (2 months ending 28 February opens 29 December) or, where `end` is the
/// last day of its month, as whole months (it opens 1 January). A window
/// must not open early, so this takes the later; other units have one.
#[must_use]
pub fn window_opens(end: NaiveDate, n: u32, unit: Unit, cal: &Calendar) -> Option<NaiveDate> {
    let earliest = window_start(end, n, unit, cal)?;
    if unit != Unit::Months || n == 0 || end.succ_opt()?.day() != 1 {
        return Some(earliest);
    }
    let whole = end.with_day(1)?.checked_sub_months(Months::new(n - 1))?;
    Some(whole.max(earliest))
}

/// The first day of the period of `n` units that ends with `end` (a warning
/// window such as "the last 2 months before expiry").
#[must_use]
pub fn window_start(end: NaiveDate, n: u32, unit: Unit, cal: &Calendar) -> Option<NaiveDate> {
    if n == 0 {
        return Some(end);
    }
    match unit {
        Unit::Days => end.checked_sub_days(Days::new(u64::from(n) - 1)),
        Unit::Weeks => end.checked_sub_days(Days::new(7 * u64::from(n) - 1)),
        Unit::Months => end.checked_sub_months(Months::new(n))?.succ_opt(),
        Unit::WorkingDays => cal.sub_working_days(end, n - 1),
        Unit::Hours => end.checked_sub_days(Days::new(u64::from(n / 24))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_beginning_with_end_the_day_before_the_corresponding_day() {
        let cal = Calendar::default();
        let end = |s, n| period_end(s, n, Unit::Months, true, &cal).unwrap();
        assert_eq!(end(d(2026, 1, 15), 6), d(2026, 7, 14));
        assert_eq!(end(d(2026, 3, 1), 1), d(2026, 3, 31));
        // No 31 February: the period ends on the last day of February.
        assert_eq!(end(d(2026, 8, 31), 6), d(2027, 2, 28));
        assert_eq!(end(d(2027, 8, 31), 6), d(2028, 2, 29));
        // 29 February 2028 + 12 months: no 29 February 2029.
        assert_eq!(end(d(2028, 2, 29), 12), d(2029, 2, 28));
    }

    #[test]
    fn from_excludes_the_first_day() {
        let cal = Calendar::default();
        assert_eq!(
            period_end(d(2026, 3, 1), 28, Unit::Days, false, &cal),
            Some(d(2026, 3, 29))
        );
        assert_eq!(
            period_end(d(2026, 3, 1), 28, Unit::Days, true, &cal),
            Some(d(2026, 3, 28))
        );
        assert_eq!(
            period_end(d(2026, 1, 15), 6, Unit::Months, false, &cal),
            Some(d(2026, 7, 15))
        );
    }

    #[test]
    fn a_window_must_not_open_early_at_a_month_end() {
        let cal = Calendar::default();
        let opens = |e, n| window_opens(e, n, Unit::Months, &cal).unwrap();
        // 2 months ending 28 Feb 2027: 1 January, not 29 December.
        assert_eq!(opens(d(2027, 2, 28), 2), d(2027, 1, 1));
        assert_eq!(
            window_start(d(2027, 2, 28), 2, Unit::Months, &cal),
            Some(d(2026, 12, 29))
        );
        // Not a month end: one reading.
        assert_eq!(opens(d(2026, 7, 14), 2), d(2026, 5, 15));
        // 30 April: both readings give 1 March.
        assert_eq!(opens(d(2027, 4, 30), 2), d(2027, 3, 1));
        // 31 August 2027, 6 months: 1 March.
        assert_eq!(opens(d(2027, 8, 31), 6), d(2027, 3, 1));
        // 29 Feb 2028 (leap day, a month end): 1 January 2028.
        assert_eq!(opens(d(2028, 2, 29), 2), d(2028, 1, 1));
        assert_eq!(
            before(d(2026, 12, 10), 7, Unit::Days, &cal),
            Some(d(2026, 12, 3))
        );
    }

    #[test]
    fn a_window_of_two_months_ending_on_a_day() {
        let cal = Calendar::default();
        assert_eq!(
            window_start(d(2026, 7, 14), 2, Unit::Months, &cal),
            Some(d(2026, 5, 15))
        );
        assert_eq!(
            window_start(d(2026, 3, 28), 7, Unit::Days, &cal),
            Some(d(2026, 3, 22))
        );
    }
}
