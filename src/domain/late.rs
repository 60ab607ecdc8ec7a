//! The late-entry rule: a note finalised more than a set number of working
//! days after the contact it records needs a reason, kept with the note.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use crate::rules::calendar::Calendar;

/// Working days allowed for writing up an ordinary note.
pub const DEFAULT_LATE_DAYS: u32 = 5;
/// Working days allowed for a note flagged significant.
pub const DEFAULT_SIGNIFICANT_LATE_DAYS: u32 = 1;

/// How many working days a practitioner has to finalise a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateEntryRule {
    /// Working days for an ordinary note.
    pub days: u32,
    /// Working days for a note flagged significant.
    pub significant_days: u32,
}

impl Default for LateEntryRule {
    fn default() -> Self {
        LateEntryRule {
            days: DEFAULT_LATE_DAYS,
            significant_days: DEFAULT_SIGNIFICANT_LATE_DAYS,
        }
    }
}

impl LateEntryRule {
    /// The working days allowed for a note.
    #[must_use]
    pub fn allowed(&self, significant: bool) -> u32 {
        if significant {
            self.significant_days
        } else {
            self.days
        }
    }

    /// Working days from the contact to `finalised_at`, when that is more
    /// than allowed (so the note is a late entry); `None` when in time.
    #[must_use]
    pub fn lateness(
        &self,
        occurred_at: NaiveDateTime,
        finalised_at: NaiveDateTime,
        significant: bool,
    ) -> Option<u32> {
        let days = working_days_between(occurred_at.date(), finalised_at.date());
        (days > self.allowed(significant)).then_some(days)
    }
}

/// Working days after `from` up to and including `to` (0 when `to` is not
/// after `from`): weekends and England and Wales bank holidays do not count.
#[must_use]
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    from.iter_days()
        .skip(1)
        .take_while(|d| *d <= to)
        .filter(|d| is_working_day(*d))
        .fold(0u32, |n, _| n.saturating_add(1))
}

fn is_working_day(d: NaiveDate) -> bool {
    static CALENDAR: OnceLock<Option<Calendar>> = OnceLock::new();
    match CALENDAR.get_or_init(|| Calendar::england_and_wales().ok()) {
        Some(cal) => cal.is_working_day(d),
        // The embedded holiday list is checked by tests; should it ever fail
        // to load, weekends still do not count.
        None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn weekends_do_not_count() {
        // Mon 16 Nov 2026 to Mon 23 Nov: Tue–Fri and Mon = 5 working days.
        assert_eq!(working_days_between(day(11, 16), day(11, 23)), 5);
        // Fri 20 Nov to Mon 23 Nov: one working day.
        assert_eq!(working_days_between(day(11, 20), day(11, 23)), 1);
        assert_eq!(working_days_between(day(11, 23), day(11, 20)), 0);
        assert_eq!(working_days_between(day(11, 23), day(11, 23)), 0);
    }

    #[test]
    fn bank_holidays_do_not_count() {
        // Thu 24 Dec 2026 to Tue 29 Dec: Christmas (Fri 25) and Boxing Day
        // substitute (Mon 28) are bank holidays, so only Tue 29 counts.
        assert!(Calendar::england_and_wales().is_ok());
        assert_eq!(working_days_between(day(12, 24), day(12, 29)), 1);
    }

    #[test]
    fn significant_notes_are_late_sooner() {
        let rule = LateEntryRule::default();
        let mon = day(11, 16).and_hms_opt(10, 0, 0).unwrap();
        let next_mon = day(11, 23).and_hms_opt(9, 0, 0).unwrap();
        let next_tue = day(11, 24).and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(rule.lateness(mon, next_mon, false), None);
        assert_eq!(rule.lateness(mon, next_tue, false), Some(6));
        let wed = day(11, 18).and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(rule.lateness(mon, wed, true), Some(2));
        let tue = day(11, 17).and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(rule.lateness(mon, tue, true), None);
    }
}
