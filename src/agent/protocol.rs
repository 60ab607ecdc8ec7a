//! The agent's line protocol: one request line, one reply line.

use secrecy::{ExposeSecret, SecretString};
use std::time::Duration;

/// What a client asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// The derived key (resets the idle timer).
    Key,
    /// How long it has been unlocked and how long until it locks.
    Status,
    /// Forget the key and end.
    Lock,
}

impl Request {
    /// The request's line.
    #[must_use]
    pub fn encode(self) -> &'static str {
        match self {
            Request::Key => "key\n",
            Request::Status => "status\n",
            Request::Lock => "lock\n",
        }
    }

    /// Reads a request line (without its newline).
    #[must_use]
    pub fn parse(line: &str) -> Option<Request> {
        match line {
            "key" => Some(Request::Key),
            "status" => Some(Request::Status),
            "lock" => Some(Request::Lock),
            _ => None,
        }
    }
}

/// What the agent answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// The raw key, `x'…'`.
    Key(SecretString),
    /// Unlocked this long; locks after this much more idle time (never: None).
    Status {
        /// Since `caseload unlock`.
        unlocked_for: Duration,
        /// Until the idle timeout.
        idle_left: Option<Duration>,
    },
    /// The key is forgotten; the agent ends.
    Locked,
    /// The connection came from another user.
    Refused,
    /// A request the agent does not know.
    Error(String),
}

impl Reply {
    /// The reply's line (a secret, since it may carry the key).
    #[must_use]
    pub fn encode(&self) -> SecretString {
        SecretString::from(match self {
            Reply::Key(k) => format!("key {}\n", k.expose_secret()),
            Reply::Status {
                unlocked_for,
                idle_left,
            } => format!(
                "status {} {}\n",
                unlocked_for.as_secs(),
                idle_left.map_or_else(|| "never".to_string(), |d| d.as_secs().to_string())
            ),
            Reply::Locked => "locked\n".to_string(),
            Reply::Refused => "refused\n".to_string(),
            Reply::Error(e) => format!("error {e}\n"),
        })
    }

    /// Reads a reply line (without its newline).
    #[must_use]
    pub fn parse(line: &str) -> Option<Reply> {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        match word {
            "key" if super::kdf::is_raw_key(&SecretString::from(rest)) => {
                Some(Reply::Key(SecretString::from(rest)))
            }
            "status" => {
                let (since, left) = rest.split_once(' ')?;
                Some(Reply::Status {
                    unlocked_for: Duration::from_secs(since.parse().ok()?),
                    idle_left: match left {
                        "never" => None,
                        n => Some(Duration::from_secs(n.parse().ok()?)),
                    },
                })
            }
            "locked" => Some(Reply::Locked),
            "refused" => Some(Reply::Refused),
            "error" => Some(Reply::Error(rest.to_string())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_replies_read_back_what_was_written() {
        for r in [Request::Key, Request::Status, Request::Lock] {
            assert_eq!(Request::parse(r.encode().trim_end()), Some(r));
        }
        let line = Reply::Status {
            unlocked_for: Duration::from_secs(75),
            idle_left: Some(Duration::from_secs(30)),
        }
        .encode();
        let back = Reply::parse(line.expose_secret().trim_end()).unwrap();
        assert!(matches!(
            back,
            Reply::Status { unlocked_for, idle_left: Some(left) }
                if unlocked_for.as_secs() == 75 && left.as_secs() == 30
        ));
        assert!(Reply::parse("key not-a-key").is_none());
        assert!(Request::parse("key please").is_none());
    }
}
