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
