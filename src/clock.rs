//! The one place the program asks what time it is. Scripts and tests can pin
//! the clock with `CASELOAD_NOW` (e.g. `2026-11-22T09:00:00`), so dated output
//! is reproducible; the TUI tests pass a fixed time directly.

use chrono::{Local, NaiveDateTime};

/// The environment variable that pins the clock.
pub const NOW_ENV: &str = "CASELOAD_NOW";

/// Local time now, to the second (or the pinned time).
#[must_use]
pub fn now() -> NaiveDateTime {
    if let Ok(v) = std::env::var(NOW_ENV)
        && let Ok(t) = NaiveDateTime::parse_from_str(v.trim(), "%Y-%m-%dT%H:%M:%S")
    {
        return t;
    }
    let t = Local::now().naive_local();
    t.with_nanosecond_zero()
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
