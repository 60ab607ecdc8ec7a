//! The one place the program asks what time it is. Tests can pin the clock
//! with `CASELOAD_NOW` (e.g. `2026-11-22T09:00:00`), so dated output is
//! reproducible; the TUI tests pass a fixed time directly.
//!
//! The override exists only in debug builds (which is what `cargo test`
//! builds): a release build ignores it, so nobody can finalise a note "in the
//! past" to dodge the late-entry rule and have the false time sealed.

use chrono::{Local, NaiveDateTime};

/// The environment variable that pins the clock (debug builds only).
pub const NOW_ENV: &str = "CASELOAD_NOW";

/// Local time now, to the second (or, in a debug build, the pinned time).
#[must_use]
pub fn now() -> NaiveDateTime {
    if let Some(t) = pinned() {
        return t;
    }
    let t = Local::now().naive_local();
    t.with_nanosecond_zero()
}

/// The pinned time, when this build honours `CASELOAD_NOW` and it is set.
#[must_use]
pub fn pinned() -> Option<NaiveDateTime> {
    if !override_allowed() {
        return None;
    }
    let v = std::env::var(NOW_ENV).ok()?;
    NaiveDateTime::parse_from_str(v.trim(), "%Y-%m-%dT%H:%M:%S").ok()
}

/// Whether this build honours `CASELOAD_NOW`: debug builds only.
#[must_use]
pub const fn override_allowed() -> bool {
    cfg!(debug_assertions)
}

trait TruncateNanos {
    fn with_nanosecond_zero(self) -> Self;
}

impl TruncateNanos for NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

/// The UTC offset ("+01:00") in force at local wall time `t`, as a program
/// stamp (written, finalised, audit) records it. In the hour the clocks go
/// back the wall time happens twice: when `t` is the real clock's time now,
/// the real offset decides; otherwise (a pinned clock) the earlier reading.
#[must_use]
pub fn stamp_offset(t: NaiveDateTime) -> String {
    let real = Local::now();
    if (real.naive_local() - t).num_seconds().abs() <= 2 {
        return real.offset().to_string();
    }
    offset_text(offsets_at(&Local, t).first().copied())
}

/// The UTC offset of a contact at local wall time `t` recorded at `now`: in
/// the hour the clocks go back, the later of the two readings that is not
/// after now (01:50 typed at 01:10 GMT is 01:50 BST, 40 minutes ago).
#[must_use]
pub fn contact_offset(t: NaiveDateTime, now: NaiveDateTime) -> String {
    contact_offset_in(&Local, t, now)
}

/// [`contact_offset`] in a given time zone.
#[must_use]
pub fn contact_offset_in<Tz: chrono::TimeZone>(
    zone: &Tz,
    t: NaiveDateTime,
    now: NaiveDateTime,
) -> String {
    let readings = offsets_at(zone, t);
    let now_latest = offsets_at(zone, now)
        .iter()
        .map(|o| now - chrono::Duration::seconds(i64::from(o.local_minus_utc())))
        .max();
    let fits = |o: &chrono::FixedOffset| {
        let utc = t - chrono::Duration::seconds(i64::from(o.local_minus_utc()));
        now_latest.is_none_or(|n| utc <= n + chrono::Duration::minutes(5))
    };
    // Readings come earliest instant first; take the latest that fits.
    let chosen = readings
        .iter()
        .rev()
        .find(|o| fits(o))
        .or_else(|| readings.first())
        .copied();
    offset_text(chosen)
}

/// The offsets a local wall time can have, earliest instant first (two in
/// the hour the clocks go back, none in the hour they skip).
fn offsets_at<Tz: chrono::TimeZone>(zone: &Tz, t: NaiveDateTime) -> Vec<chrono::FixedOffset> {
    use chrono::{LocalResult, Offset};
    match zone.from_local_datetime(&t) {
        LocalResult::Single(a) => vec![a.offset().fix()],
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.offset().fix(), b.offset().fix());
            // The larger offset is the earlier instant.
            if a.local_minus_utc() >= b.local_minus_utc() {
                vec![a, b]
            } else {
                vec![b, a]
            }
        }
        LocalResult::None => Vec::new(),
    }
}

/// "+01:00"; a skipped wall time (none) falls back to the offset an hour on.
fn offset_text(o: Option<chrono::FixedOffset>) -> String {
    o.map_or_else(|| Local::now().offset().to_string(), |o| o.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, NaiveDate, TimeZone};

    /// Europe/London around 25 Oct 2026 02:00 BST, when clocks go back to
    /// 01:00 GMT, as a zone for the test (no dependence on the machine's).
    #[derive(Clone, Copy)]
    struct London;

    impl TimeZone for London {
        type Offset = FixedOffset;
        fn from_offset(_: &FixedOffset) -> Self {
            London
        }
        fn offset_from_local_date(&self, _: &NaiveDate) -> chrono::LocalResult<FixedOffset> {
            chrono::LocalResult::None
        }
        fn offset_from_local_datetime(
            &self,
            t: &NaiveDateTime,
        ) -> chrono::LocalResult<FixedOffset> {
            let bst = FixedOffset::east_opt(3600).unwrap();
            let gmt = FixedOffset::east_opt(0).unwrap();
            let change = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
            let one = change.and_hms_opt(1, 0, 0).unwrap();
            let two = change.and_hms_opt(2, 0, 0).unwrap();
            if *t < one {
                chrono::LocalResult::Single(bst)
            } else if *t < two {
                chrono::LocalResult::Ambiguous(bst, gmt)
            } else {
                chrono::LocalResult::Single(gmt)
            }
        }
        fn offset_from_utc_date(&self, _: &NaiveDate) -> FixedOffset {
            FixedOffset::east_opt(0).unwrap()
        }
        fn offset_from_utc_datetime(&self, _: &NaiveDateTime) -> FixedOffset {
            FixedOffset::east_opt(0).unwrap()
        }
    }

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, 25)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn a_contact_in_the_repeated_hour_gets_the_offset_that_is_not_future() {
        // Typed at 01:10 GMT (second pass): 01:50 can only be BST.
        assert_eq!(contact_offset_in(&London, at(1, 50), at(1, 10)), "+01:00");
        // Typed at 01:55 GMT: 01:50 GMT (five minutes ago) is the later fit.
        assert_eq!(contact_offset_in(&London, at(1, 50), at(1, 55)), "+00:00");
        assert_eq!(contact_offset_in(&London, at(0, 30), at(3, 0)), "+01:00");
        assert_eq!(contact_offset_in(&London, at(2, 30), at(3, 0)), "+00:00");
    }
}
