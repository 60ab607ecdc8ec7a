//! England and Wales bank holidays and working-day arithmetic.
//!
//! The regular holidays are computed (Easter by the Gregorian computus);
//! one-off and moved holidays come from `data/bank-holidays-extra.toml`.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::BTreeSet;

use super::RulesError;

/// The embedded list of one-off and moved bank holidays.
pub const EXTRA_TOML: &str = include_str!("../../data/bank-holidays-extra.toml");

/// The same list as JSON, written from the TOML by `build.rs`.
const EXTRA_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/bank-holidays-extra.json"));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtraFile {
    #[serde(default)]
    extra: Vec<ExtraDay>,
    #[serde(default)]
    moved: Vec<Moved>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtraDay {
    date: NaiveDate,
    #[allow(dead_code)]
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Moved {
    from: NaiveDate,
    to: NaiveDate,
    #[allow(dead_code)]
    name: String,
}

/// The bank holidays of England and Wales: computed ones plus one-offs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    extra: BTreeSet<NaiveDate>,
    removed: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// The calendar with the embedded one-off holidays.
    pub fn england_and_wales() -> Result<Calendar, RulesError> {
        let file: ExtraFile = serde_json::from_str(EXTRA_JSON)
            .map_err(|e| RulesError::Parse("bank-holidays-extra.toml".into(), e.to_string()))?;
        Ok(Calendar::from_extra(file))
    }

    /// The computed calendar plus the one-offs in `text` (the format of
    /// `data/bank-holidays-extra.toml`).
    pub fn from_extra_toml(text: &str) -> Result<Calendar, RulesError> {
        let file: ExtraFile = toml::from_str(text)
            .map_err(|e| RulesError::Parse("bank-holidays-extra.toml".into(), e.to_string()))?;
        Ok(Calendar::from_extra(file))
    }

    fn from_extra(file: ExtraFile) -> Calendar {
        let mut cal = Calendar::default();
        for d in file.extra {
            cal.extra.insert(d.date);
        }
        for m in file.moved {
            cal.removed.insert(m.from);
            cal.extra.insert(m.to);
        }
        cal
    }

    /// Adds one-off holidays (from a practitioner's config).
    pub fn add_extra(&mut self, days: impl IntoIterator<Item = NaiveDate>) {
        self.extra.extend(days);
    }

    /// The bank holidays in `year`, in date order.
    #[must_use]
    pub fn bank_holidays(&self, year: i32) -> Vec<NaiveDate> {
        let mut days: BTreeSet<NaiveDate> = computed(year)
            .into_iter()
            .filter(|d| !self.removed.contains(d))
            .collect();
        days.extend(self.extra.iter().filter(|d| d.year() == year));
        days.into_iter().collect()
    }

    /// Whether `d` is a bank holiday.
    #[must_use]
    pub fn is_bank_holiday(&self, d: NaiveDate) -> bool {
        if self.extra.contains(&d) {
            return true;
        }
        !self.removed.contains(&d) && computed(d.year()).contains(&d)
    }

    /// Whether `d` is a working day: not a Saturday, Sunday or bank holiday.
    #[must_use]
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !is_weekend(d) && !self.is_bank_holiday(d)
    }

    /// The `n`th working day after `from` (`from` itself is not counted);
    /// with `n == 0`, `from` if it is a working day, else the next one.
    #[must_use]
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut d = from;
        if n == 0 {
            while !self.is_working_day(d) {
                d = d.checked_add_days(Days::new(1))?;
            }
            return Some(d);
        }
        let mut left = n;
        while left > 0 {
            d = d.checked_add_days(Days::new(1))?;
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        Some(d)
    }

    /// The `n`th working day before `from` (`from` itself is not counted).
    #[must_use]
    pub fn sub_working_days(&self, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.checked_sub_days(Days::new(1))?;
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        Some(d)
    }
}

/// Saturday or Sunday.
#[must_use]
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Easter Sunday in the Gregorian calendar (the anonymous computus).
#[must_use]
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The regular bank holidays of England and Wales in `year`, with
/// substitute days for New Year, Christmas and Boxing Day at weekends.
fn computed(year: i32) -> Vec<NaiveDate> {
    let mut v = Vec::with_capacity(8);
    if let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) {
        v.push(next_weekday(d));
    }
    if let Some(e) = easter_sunday(year) {
        v.extend(e.checked_sub_days(Days::new(2)));
        v.extend(e.checked_add_days(Days::new(1)));
    }
    v.extend(NaiveDate::from_weekday_of_month_opt(
        year,
        5,
        Weekday::Mon,
        1,
    ));
    v.extend(last_monday(year, 5));
    v.extend(last_monday(year, 8));
    // Christmas then Boxing Day: each at a weekend moves to the next weekday
    // not already taken (Sat 25 → Mon 27, Sun 26 → Tue 28).
    let mut taken: Vec<NaiveDate> = Vec::with_capacity(2);
    for day in [25, 26] {
        let Some(mut d) = NaiveDate::from_ymd_opt(year, 12, day) else {
            continue;
        };
        while is_weekend(d) || taken.contains(&d) {
            let Some(n) = d.succ_opt() else { break };
            d = n;
        }
        taken.push(d);
    }
    v.extend(taken);
    v
}

fn next_weekday(mut d: NaiveDate) -> NaiveDate {
    while is_weekend(d) {
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    d
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    (1..=5)
        .rev()
        .find_map(|n| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_matches_known_dates() {
        assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter_sunday(2038), Some(d(2038, 4, 25)));
    }

    #[test]
    fn moved_holiday_is_removed_and_replaced() {
        let cal = Calendar::england_and_wales().unwrap();
        assert!(!cal.is_bank_holiday(d(2022, 5, 30)));
        assert!(cal.is_bank_holiday(d(2022, 6, 2)));
        assert!(cal.is_bank_holiday(d(2022, 6, 3)));
        // 1995: the early May bank holiday moved to Mon 8 May for VE Day 50.
        assert!(!cal.is_bank_holiday(d(1995, 5, 1)));
        assert!(cal.is_bank_holiday(d(1995, 5, 8)));
        assert!(cal.is_working_day(d(1995, 5, 1)));
    }
}
