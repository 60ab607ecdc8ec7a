//! The idle lock's clock: how long since the last key or mouse event. Time
//! is passed in (`Instant`), so tests drive it without waiting.

use std::time::{Duration, Instant};

/// Tracks input and says when the idle limit has passed.
#[derive(Debug, Clone, Copy)]
pub struct IdleTimer {
    limit: Option<Duration>,
    last_input: Instant,
}

impl IdleTimer {
    /// A timer that expires after `limit` without input (`None`: never).
    #[must_use]
    pub fn new(limit: Option<Duration>, now: Instant) -> IdleTimer {
        IdleTimer {
            limit,
            last_input: now,
        }
    }

    /// Notes input at `now`.
    pub fn touch(&mut self, now: Instant) {
        self.last_input = now;
    }

    /// Whether the limit has passed at `now`.
    #[must_use]
    pub fn expired(&self, now: Instant) -> bool {
        self.limit
            .is_some_and(|l| now.saturating_duration_since(self.last_input) >= l)
    }

    /// How long until the limit passes (for the event poll timeout).
    #[must_use]
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        self.limit
            .map(|l| l.saturating_sub(now.saturating_duration_since(self.last_input)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_after_the_limit_and_input_resets_it() {
        let t0 = Instant::now();
        let mut t = IdleTimer::new(Some(Duration::from_secs(300)), t0);
        assert!(!t.expired(t0 + Duration::from_secs(299)));
        t.touch(t0 + Duration::from_secs(200));
        assert!(!t.expired(t0 + Duration::from_secs(400)));
        assert!(t.expired(t0 + Duration::from_secs(500)));
        assert_eq!(
            t.remaining(t0 + Duration::from_secs(450)),
            Some(Duration::from_secs(50))
        );
    }

    #[test]
    fn no_limit_never_expires() {
        let t0 = Instant::now();
        let t = IdleTimer::new(None, t0);
        assert!(!t.expired(t0 + Duration::from_secs(86_400)));
        assert_eq!(t.remaining(t0), None);
    }
}
