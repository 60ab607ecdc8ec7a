//! The UK wall clock (Europe/London): real elapsed time between two
//! wall-clock times across the clocks changing, and the countdown shown for
//! a deadline counted in hours. Here, below the domain, so a deadline can
//! say when it falls due (`Deadline::when`) without asking the rule engine.
//!
//! The UK rule since 1996 (Summer Time Order 2002, the EU rule): British
//! Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC
//! on the last Sunday of October. Hand-computed here, so no time zone
//! database is needed; earlier years used other dates and are not handled
//! (no one holds a 1995 s136 today).

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, TimeDelta};

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

/// Real minutes from one wall-clock time to another (negative when `to`
/// is earlier). A time in the skipped hour is read as GMT.
#[must_use]
pub fn minutes_between(from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    let utc = |t: NaiveDateTime| local_to_utc(t).unwrap_or(t);
    (utc(to) - utc(from)).num_minutes()
}

/// "5 h 20 min left", "45 min left", "overdue by 1 h 5 min": the countdown
/// to a deadline with a time, in real hours and minutes (every screen,
/// the command line and the exports use it through `Deadline::when`).
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
