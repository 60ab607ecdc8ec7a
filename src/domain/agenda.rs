//! One line of the diary: what is dated on a day.

use chrono::NaiveDate;
use serde::Serialize;

/// One entry in the agenda for a range of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    /// The day.
    pub date: NaiveDate,
    /// The time, for contacts and visits (HH:MM).
    pub time: Option<String>,
    /// visit, deadline, action, contact or review.
    pub kind: String,
    /// The record's id (visit, deadline, action, note or care plan); for a
    /// visit falling due under a visiting rule, the client's id.
    pub id: i64,
    /// Whose.
    pub client_id: Option<i64>,
    /// Client display name.
    pub client_name: Option<String>,
    /// What.
    pub what: String,
    /// Done or completed already.
    pub done: bool,
    /// For a visit falling due: the visiting rule (none for a planned or
    /// recorded visit and for everything else).
    pub rule: Option<String>,
}

impl AgendaItem {
    /// Whether this is a visit falling due under a visiting rule (rather
    /// than one planned or recorded).
    #[must_use]
    pub fn is_visit_due(&self) -> bool {
        self.kind == "visit" && self.rule.is_some()
    }

    /// Diary order: by day, then time (untimed first), then kind and id.
    #[must_use]
    pub fn diary_cmp(&self, other: &AgendaItem) -> std::cmp::Ordering {
        (self.date, &self.time, &self.kind, self.id).cmp(&(
            other.date,
            &other.time,
            &other.kind,
            other.id,
        ))
    }
}
