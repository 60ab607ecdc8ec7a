//! Closing a case as read: what closing would stop tracking, and the closed
//! cases whose records have reached their retention review.

use chrono::NaiveDate;
use serde::Serialize;

use super::retention::RetentionReview;
use super::{Deadline, LegalEpisode};

/// What closing a case would stop tracking, and the retention review it sets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClosurePreview {
    /// Legal episodes still open (s3, CTO, DoLS, child protection…).
    pub open_episodes: Vec<LegalEpisode>,
    /// Deadlines still open: they leave Today and `due` once closed.
    pub open_deadlines: Vec<Deadline>,
    /// Actions not yet done.
    pub open_actions: usize,
    /// Notes still in draft.
    pub drafts: usize,
    /// When the record falls due for a retention review, and why.
    pub retention: Option<RetentionReview>,
}

impl ClosurePreview {
    /// Whether closing needs a warning first (anything would stop being tracked).
    #[must_use]
    pub fn needs_warning(&self) -> bool {
        !self.open_episodes.is_empty() || !self.open_deadlines.is_empty() || self.drafts > 0
    }

    /// What closing stops tracking, one line each (legal episodes first),
    /// as `client close` prints it and the terminal UI asks about it.
    #[must_use]
    pub fn stops_tracking(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .open_episodes
            .iter()
            .map(|e| {
                format!(
                    "legal episode {}: {} since {} (still open)",
                    e.id,
                    e.kind.label(),
                    e.started()
                )
            })
            .collect();
        lines.extend(self.open_deadlines.iter().map(|d| {
            format!(
                "deadline {}: {} (due {})",
                d.id,
                crate::domain::text::one_line(&d.what),
                super::when::due_at_words(d.due, d.due_at)
            )
        }));
        let count = |n: usize, noun: &str| {
            crate::domain::text::count(i64::try_from(n).unwrap_or(i64::MAX), noun)
        };
        if self.open_actions > 0 {
            lines.push(count(self.open_actions, "open action"));
        }
        if self.drafts > 0 {
            lines.push(format!(
                "{} not yet finalised ({})",
                count(self.drafts, "draft note"),
                if self.drafts == 1 {
                    "it stays a draft"
                } else {
                    "they stay drafts"
                }
            ));
        }
        lines
    }
}

/// A closed case whose record has reached its retention review date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionDue {
    /// The client.
    pub client_id: i64,
    /// Their display name.
    pub name: String,
    /// The review date.
    pub retain_until: NaiveDate,
}
