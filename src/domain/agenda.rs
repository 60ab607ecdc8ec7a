//! One line of the diary: what is dated on a day.

use chrono::NaiveDate;
use serde::Serialize;

crate::string_enum! {
    /// What kind of line an agenda line is (in this order on a day, after
    /// the time: the order of the words, as when it was text).
    pub enum AgendaKind {
        /// An action due.
        Action => ("action", "Action"),
        /// A contact note.
        Contact => ("contact", "Contact"),
        /// A deadline due.
        Deadline => ("deadline", "Deadline"),
        /// A care plan review.
        Review => ("review", "Review"),
        /// A visit planned or recorded, or falling due under a visiting rule.
        Visit => ("visit", "Visit"),
    }
}

/// One entry in the agenda for a range of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    /// The day.
    pub date: NaiveDate,
    /// The time, for contacts and visits (HH:MM).
    pub time: Option<String>,
    /// Visit, deadline, action, contact or review.
    pub kind: AgendaKind,
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
        self.kind == AgendaKind::Visit && self.rule.is_some()
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

#[cfg(test)]
mod tests {
    use super::AgendaKind;

    #[test]
    fn kinds_keep_the_diary_order_of_their_words() {
        let mut by_word = AgendaKind::ALL.to_vec();
        by_word.sort_by_key(|k| k.as_str());
        assert_eq!(by_word, AgendaKind::ALL);
        let mut by_kind = AgendaKind::ALL.to_vec();
        by_kind.reverse();
        by_kind.sort();
        assert_eq!(by_kind, by_word);
        for k in AgendaKind::ALL {
            assert_eq!(k.as_str().parse::<AgendaKind>().unwrap(), *k);
            assert_eq!(
                serde_json::to_string(k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
    }
}
