//! The ranking of what is due: the one order Today's Due list, `caseload
//! due` and its `--explain` ask, as a duty worker would order the day.
//!
//! 1. **A legal cliff within 48 hours**, nearest first, whatever else is
//!    overdue: an item whose rule marks its end as a cliff (`cliff` in the
//!    rule pack: someone must be released or is detained unlawfully, or a
//!    right is lost) that has not yet passed and falls due in the next 48
//!    hours.
//! 2. **Overdue items**, by weight (the legal consequence of missing it),
//!    the longest overdue first among equal weights. (Items whose legal
//!    episode has ended are left out of Today and `due` by the store, not
//!    here: `due --all` keeps them, ranked by these same steps.)
//! 3. **The rest**, by consequence and nearness together: the days left
//!    divided by a weight factor, `days_left / 2^((weight - 100) / 10)`, so
//!    each 10 points of weight below 100 counts as twice as far off (a
//!    weight-95 item 2 days off counts as 2.8 days, above a weight-100 item
//!    25 days off; a weight-70 visit 3 days off counts as 24 days).
//!
//! Ties go to the higher weight, then the earlier moment, then the lower
//! id. A deadline counted in days falls due at the end of its day (the
//! midnight after it); one counted in hours at its time, in real hours
//! across a change of the clocks.

use std::cmp::Ordering;

use chrono::{Days, NaiveDateTime, NaiveTime};

use super::deadline::DueItem;
use crate::dates::uk;

/// How near (in hours) a cliff must be to rank above everything overdue.
pub const CLIFF_HOURS: i64 = 48;

/// Which step of the ranking placed an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// 1: a legal cliff within [`CLIFF_HOURS`], not yet passed.
    Cliff,
    /// 2: overdue.
    Overdue,
    /// 3: the rest, by consequence and nearness together.
    Rest,
}

impl Step {
    /// The step's number (1, 2, 3), as the user guide numbers them.
    #[must_use]
    pub fn number(self) -> u8 {
        match self {
            Step::Cliff => 1,
            Step::Overdue => 2,
            Step::Rest => 3,
        }
    }
}

/// The weight factor of step 3: 1 at weight 100, halved for every 10
/// points below it (0.5 at 90, 0.125 at 70).
#[must_use]
pub fn weight_factor(weight: i64) -> f64 {
    // Weights are small integers (5 to 100); the cast is exact.
    #[allow(clippy::cast_precision_loss)]
    let w = weight as f64;
    ((w - 100.0) / 10.0).exp2()
}

/// An item's place in the ranking: compared step first, then the step's
/// own measure, then the tie-breaks.
#[derive(Debug, Clone, Copy)]
pub struct Rank {
    /// The step that placed it.
    pub step: Step,
    /// Real minutes from now to when it falls due (negative once passed).
    pub minutes_left: i64,
    /// Step 3's measure: the days left divided by the weight factor.
    pub effective_days: f64,
    /// The item's weight.
    pub weight: i64,
    /// The item's id (the last tie-break).
    pub id: i64,
}

impl Rank {
    fn cmp_key(&self, other: &Rank) -> Ordering {
        let by_step = match self.step {
            Step::Cliff => self.minutes_left.cmp(&other.minutes_left),
            Step::Overdue => other
                .weight
                .cmp(&self.weight)
                .then(self.minutes_left.cmp(&other.minutes_left)),
            Step::Rest => self.effective_days.total_cmp(&other.effective_days),
        };
        self.step
            .cmp(&other.step)
            .then(by_step)
            .then(other.weight.cmp(&self.weight))
            .then(self.minutes_left.cmp(&other.minutes_left))
            .then(self.id.cmp(&other.id))
    }
}

impl PartialEq for Rank {
    fn eq(&self, other: &Rank) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Rank {}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Rank) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rank {
    fn cmp(&self, other: &Rank) -> Ordering {
        self.cmp_key(other)
    }
}

impl DueItem {
    /// The moment it falls due: its time, for a clock counted in hours;
    /// the end of its day (the midnight after it), else.
    #[must_use]
    pub fn due_moment(&self) -> NaiveDateTime {
        self.due_at.unwrap_or_else(|| {
            self.due
                .checked_add_days(Days::new(1))
                .unwrap_or(self.due)
                .and_time(NaiveTime::MIN)
        })
    }

    /// Real minutes from `now` to when it falls due (negative once passed).
    #[must_use]
    pub fn minutes_left(&self, now: NaiveDateTime) -> i64 {
        uk::minutes_between(now, self.due_moment())
    }

    /// Whether it is a legal cliff that has not passed and falls due within
    /// `hours` of `now`.
    #[must_use]
    pub fn cliff_within(&self, now: NaiveDateTime, hours: i64) -> bool {
        self.clock_ends_within(now, hours * 60)
    }

    /// Whether it is a clock (a legal cliff) that has not run out and runs
    /// out within `minutes` of `now` (`due --next`, Today's "Runs out in
    /// the next 12 hours").
    #[must_use]
    pub fn clock_ends_within(&self, now: NaiveDateTime, minutes: i64) -> bool {
        self.cliff && !self.is_overdue(now) && self.minutes_left(now) <= minutes
    }

    /// Whether it is a legal cliff whose end is within `hours` of `now`,
    /// either way: to come, or passed and still open (Today keeps these on
    /// screen).
    #[must_use]
    pub fn cliff_near(&self, now: NaiveDateTime, hours: i64) -> bool {
        self.cliff && self.minutes_left(now).abs() <= hours * 60
    }

    /// Where it ranks at `now` (see the module's documentation).
    #[must_use]
    pub fn rank(&self, now: NaiveDateTime) -> Rank {
        let minutes_left = self.minutes_left(now);
        let step = if self.is_overdue(now) {
            Step::Overdue
        } else if self.cliff && minutes_left <= CLIFF_HOURS * 60 {
            Step::Cliff
        } else {
            Step::Rest
        };
        // Minutes to days is exact enough in f64 for any due date.
        #[allow(clippy::cast_precision_loss)]
        let days_left = minutes_left.max(0) as f64 / (24.0 * 60.0);
        Rank {
            step,
            minutes_left,
            effective_days: days_left / weight_factor(self.weight),
            weight: self.weight,
            id: self.id,
        }
    }

    /// Orders by urgency at `now`: the one ranking (see the module's
    /// documentation).
    #[must_use]
    pub fn urgency_cmp(&self, other: &DueItem, now: NaiveDateTime) -> Ordering {
        self.rank(now).cmp(&other.rank(now))
    }

    /// Sorts `items` by [`DueItem::urgency_cmp`] at `now`, items it ranks
    /// equal kept in their order (each item's rank worked out once).
    pub fn sort_by_urgency(items: &mut [DueItem], now: NaiveDateTime) {
        items.sort_by_cached_key(|i| i.rank(now));
    }
}
