//! When a closed case's record falls due for a retention review. The
//! defaults follow common council retention schedules: adults' records 6
//! years after closure; children's records until the 25th birthday; records
//! of children who were looked after until the 75th birthday. The date only
//! flags the record for the practitioner to review; nothing is ever deleted
//! or changed because of it.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Service;

/// The retention schedule (config.toml can change each figure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RetentionSchedule {
    /// Adults: years after closure.
    pub adult_years_after_closure: u32,
    /// Children: until this birthday.
    pub children_until_age: u32,
    /// Children who were looked after: until this birthday.
    pub looked_after_until_age: u32,
}

impl Default for RetentionSchedule {
    fn default() -> Self {
        RetentionSchedule {
            adult_years_after_closure: 6,
            children_until_age: 25,
            looked_after_until_age: 75,
        }
    }
}

/// Why a record is kept until its review date, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionReview {
    /// The day the record falls due for review.
    pub on: NaiveDate,
    /// The rule applied ("looked-after child: until the 75th birthday").
    pub basis: String,
}

/// Whether a closed record's retention review has come: its review date is
/// today or earlier. The one test `client list`, `due` and Today use.
#[must_use]
pub fn review_due(retain_until: Option<NaiveDate>, today: NaiveDate) -> bool {
    retain_until.is_some_and(|d| d <= today)
}

impl RetentionReview {
    /// "Retention review due 22/11/2032 (6 years after closure)": what the
    /// CLI and the terminal UI say once a case is closed.
    #[must_use]
    pub fn words(&self) -> String {
        format!(
            "Retention review due {} ({})",
            crate::dates::display::date(self.on),
            self.basis
        )
    }
}

impl RetentionSchedule {
    /// The review date for a case closed on `closed_on`. A child's record
    /// without a date of birth falls back to the adult rule (an early review
    /// is safe: it only asks the practitioner to look).
    #[must_use]
    pub fn review(
        &self,
        service: Service,
        dob: Option<NaiveDate>,
        looked_after: bool,
        closed_on: NaiveDate,
    ) -> Option<RetentionReview> {
        let years =
            |from: NaiveDate, n: u32| from.checked_add_months(Months::new(n.saturating_mul(12)));
        let birthday = |age: u32| dob.and_then(|d| years(d, age));
        let after_closure = || {
            years(closed_on, self.adult_years_after_closure).map(|on| RetentionReview {
                on,
                basis: format!("{} years after closure", self.adult_years_after_closure),
            })
        };
        if looked_after && let Some(on) = birthday(self.looked_after_until_age) {
            return Some(RetentionReview {
                on: on.max(closed_on),
                basis: format!(
                    "looked-after child: until the {}th birthday",
                    self.looked_after_until_age
                ),
            });
        }
        if service == Service::Children
            && let Some(on) = birthday(self.children_until_age)
        {
            return Some(RetentionReview {
                on: on.max(closed_on),
                basis: format!("child: until the {}th birthday", self.children_until_age),
            });
        }
        after_closure()
    }
}

/// What closing a case records.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Closing {
    /// The closing date.
    pub on: NaiveDate,
    /// Why the case is closing (short).
    pub reason: String,
    /// The closure summary: what was done, where things stand, who holds what.
    pub summary: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_review_has_come_on_its_day_and_after_never_before() {
        let on = d(2032, 11, 22);
        assert!(!review_due(Some(on), d(2032, 11, 21)));
        assert!(review_due(Some(on), on));
        assert!(review_due(Some(on), d(2033, 1, 1)));
        assert!(!review_due(None, d(2099, 1, 1)));
    }

    #[test]
    fn the_default_schedule() {
        let s = RetentionSchedule::default();
        let closed = d(2026, 11, 22);
        let adult = s
            .review(Service::Adult, Some(d(1970, 1, 1)), false, closed)
            .unwrap();
        assert_eq!(adult.on, d(2032, 11, 22));
        let child = s
            .review(Service::Children, Some(d(2012, 3, 4)), false, closed)
            .unwrap();
        assert_eq!(child.on, d(2037, 3, 4));
        let lac = s
            .review(Service::Children, Some(d(2012, 3, 4)), true, closed)
            .unwrap();
        assert_eq!(lac.on, d(2087, 3, 4));
        assert!(lac.basis.contains("75th"));
        // No date of birth: the adult rule, never nothing.
        let unknown = s.review(Service::Children, None, false, closed).unwrap();
        assert_eq!(unknown.on, d(2032, 11, 22));
    }
}
