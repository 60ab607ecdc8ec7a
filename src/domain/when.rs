//! When a dated thing falls due, as one fact every screen, the command line
//! and the exports ask: whether it is overdue at a moment, and the words for
//! when it is due.
//!
//! The rule, in one place: a deadline counted in hours (an s136, police
//! protection: it has a time, `due_at`) is overdue from the minute after
//! that time, and is shown with its time and a countdown in real hours and
//! minutes ("08/12/2026 08:00", "overdue by 6 h 29 min"). A deadline counted
//! in days is overdue from the day after its date, and is shown with its
//! date and the days left ("08/12/2026", "due today").

use chrono::{NaiveDate, NaiveDateTime};

use super::text::due_words;
use crate::dates::{display, uk};

/// Whether something due on `due` (at `due_at`, for a clock counted in
/// hours) is overdue at `now`.
#[must_use]
pub fn overdue_at(due: NaiveDate, due_at: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    due_at.map_or(due < now.date(), |at| at < now)
}

/// The day something falls due, with its time for a clock counted in hours
/// ("08/12/2026 08:00", "08/12/2026"): what [`When::at`] says, for the
/// places that show the day without a countdown (lists, exports).
#[must_use]
pub fn due_at_words(due: NaiveDate, due_at: Option<NaiveDateTime>) -> String {
    due_at.map_or_else(|| display::date(due), display::date_time)
}

/// The moment something falls due, for putting things in date-time order:
/// its time for a clock counted in hours, else the start of its day (so a
/// day deadline sorts before a clock ending later that day).
#[must_use]
pub fn due_moment(due: NaiveDate, due_at: Option<NaiveDateTime>) -> NaiveDateTime {
    due_at.unwrap_or_else(|| due.and_time(chrono::NaiveTime::MIN))
}

/// When something falls due, in the display convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// The day, with its time for a clock counted in hours
    /// ("08/12/2026 08:00", "08/12/2026").
    pub at: String,
    /// How far off, from now: "5 h 20 min left", "overdue by 6 h 29 min"
    /// for a clock counted in hours; "due today", "3 days overdue" else.
    pub left: String,
    /// Whether it is overdue now.
    pub overdue: bool,
    /// Whether it is a clock counted in hours.
    pub timed: bool,
}

impl When {
    /// Works out when `due` (at `due_at`) falls due, seen from `now`.
    #[must_use]
    pub fn new(due: NaiveDate, due_at: Option<NaiveDateTime>, now: NaiveDateTime) -> When {
        let left = match due_at {
            Some(t) => uk::countdown(now, t),
            None => due_words((due - now.date()).num_days()),
        };
        When {
            at: due_at_words(due, due_at),
            left,
            overdue: overdue_at(due, due_at, now),
            timed: due_at.is_some(),
        }
    }
}

impl std::fmt::Display for When {
    /// "08/12/2026 08:00 (overdue by 6 h 29 min)", "08/12/2026 (in 3 days)".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.at, self.left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, d)
            .and_then(|x| x.and_hms_opt(h, m, 0))
            .unwrap()
    }

    /// MHA 1983 s136(2A): 24 hours from arrival at the place of safety. An
    /// s136 that began at 08:00 on 7 Dec ends at 08:00 on 8 Dec; at 14:29
    /// that day it is 6 h 29 min past, though the date is today's.
    #[test]
    fn an_hours_clock_is_overdue_after_its_time_not_its_date() {
        let due = t(8, 8, 0);
        let now = t(8, 14, 29);
        assert!(overdue_at(due.date(), Some(due), now));
        assert!(!overdue_at(due.date(), Some(due), t(8, 7, 59)));
        assert!(
            !overdue_at(due.date(), None, now),
            "a day deadline runs to the end of its day"
        );
        let w = When::new(due.date(), Some(due), now);
        assert_eq!(w.to_string(), "08/12/2026 08:00 (overdue by 6 h 29 min)");
        assert!(w.overdue && w.timed);
        let day = When::new(t(10, 0, 0).date(), None, now);
        assert_eq!(day.to_string(), "10/12/2026 (in 2 days)");
        assert!(!day.overdue && !day.timed);
    }
}
