//! The late-entry rule: a note finalised more than a set number of working
//! days after the contact it records needs a reason, kept with the note.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

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
}

/// The late-entry rule with the working-day calendar it counts by: the rule
/// engine's calendar, overrides (extra closure days) included, so a note's
/// deadline and every statutory deadline agree on which days are working days.
#[derive(Debug, Clone)]
pub struct LateEntry {
    /// The limits.
    pub rule: LateEntryRule,
    calendar: Calendar,
}

impl LateEntry {
    /// The rule counted by `calendar`.
    #[must_use]
    pub fn new(rule: LateEntryRule, calendar: Calendar) -> LateEntry {
        LateEntry { rule, calendar }
    }

    /// The working days allowed for a note.
    #[must_use]
    pub fn allowed(&self, significant: bool) -> u32 {
        self.rule.allowed(significant)
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
        let days = self.working_days_between(occurred_at.date(), finalised_at.date());
        (self.working_days_left(occurred_at, finalised_at, significant) < 0).then_some(days)
    }

    /// Working days still allowed for finalising a note at `now`: 0 means
    /// today is the last day in time, a negative number how many working
    /// days late it already is. [`LateEntry::lateness`] is `Some`
    /// exactly when this is negative.
    #[must_use]
    pub fn working_days_left(
        &self,
        occurred_at: NaiveDateTime,
        now: NaiveDateTime,
        significant: bool,
    ) -> i64 {
        let days = self.working_days_between(occurred_at.date(), now.date());
        i64::from(self.allowed(significant)) - i64::from(days)
    }

    /// Working days after `from` up to and including `to` (0 when `to` is
    /// not after `from`), by this calendar.
    #[must_use]
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.calendar.is_working_day(*d))
            .fold(0u32, |n, _| n.saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn england(rule: LateEntryRule) -> LateEntry {
        LateEntry::new(rule, Calendar::england_and_wales().unwrap())
    }

    fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
        england(LateEntryRule::default()).working_days_between(from, to)
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
        assert_eq!(working_days_between(day(12, 24), day(12, 29)), 1);
    }

    #[test]
    fn days_left_counts_down_to_late() {
        let rule = england(LateEntryRule::default());
        let at = |m, d| day(m, d).and_hms_opt(10, 0, 0).unwrap();
        // Contact Mon 16 Nov: 5 working days, so Mon 23 Nov is the last day.
        assert_eq!(rule.working_days_left(at(11, 16), at(11, 16), false), 5);
        assert_eq!(rule.working_days_left(at(11, 16), at(11, 22), false), 1);
        assert_eq!(rule.working_days_left(at(11, 16), at(11, 23), false), 0);
        assert_eq!(rule.lateness(at(11, 16), at(11, 23), false), None);
        assert_eq!(rule.working_days_left(at(11, 16), at(11, 24), false), -1);
        assert_eq!(rule.lateness(at(11, 16), at(11, 24), false), Some(6));
        // Significant: one working day.
        assert_eq!(rule.working_days_left(at(11, 20), at(11, 24), true), -1);
    }

    #[test]
    fn significant_notes_are_late_sooner() {
        let rule = england(LateEntryRule::default());
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

    #[test]
    fn closure_days_from_the_rule_overrides_do_not_count() {
        // Mon 16 Nov to Mon 23 Nov is 5 working days; an office closure on
        // Wed 18 Nov (a calendar override) makes it 4, so finalising on
        // Mon 23 Nov is in time and Tue 24 Nov the first late day.
        let mut cal = Calendar::england_and_wales().unwrap();
        cal.add_extra([day(11, 18)]);
        let rule = LateEntry::new(LateEntryRule::default(), cal);
        assert_eq!(rule.working_days_between(day(11, 16), day(11, 23)), 4);
        let at = |m, d| day(m, d).and_hms_opt(10, 0, 0).unwrap();
        assert_eq!(rule.working_days_left(at(11, 16), at(11, 24), false), 0);
        assert_eq!(rule.lateness(at(11, 16), at(11, 24), false), None);
    }
}
