//! What is due across the caseload, and the agenda for a range of days.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::rows::{date, fmt_date, opt_date, opt_dt};
use super::{Result, Store};
use crate::domain::{DueItem, DueKind};
use crate::practice;

/// A client's display name in SQL over `clients c`: the name they go by,
/// then the family name, as `Client::display_name` gives it. Every query
/// that lists a client's name uses this one expression.
pub(crate) const NAME_SQL: &str =
    "coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name";

/// `clients c` read for a name and status only: from the small index
/// holding them (migration 0011), not the clients' rows, so a list naming
/// most clients decrypts a few pages rather than the whole table. (The
/// agenda's parts, `&'static str` constants, spell it out.)
pub(crate) const CLIENT_NAMES: &str = "clients c INDEXED BY clients_names";

/// Open deadlines due by the horizon (`?1`) or whose warning window has
/// opened (`?2`, today): two ranges of the open-deadline indexes
/// (migration 0011), each holding every column listed. Written once per
/// process (the statement cache is keyed by the text).
static DEADLINES_DUE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let cols = format!(
        "d.id, d.client_id, {NAME_SQL}, d.what, d.due, d.rule_id, d.source, d.weight,
         d.due_at, d.window_opens"
    );
    let open = "d.completed_on IS NULL AND d.cancelled = 0
           AND (d.client_id IS NULL OR c.status = 'open')";
    format!(
        "SELECT {cols} FROM deadlines d INDEXED BY deadlines_open_by_due
           LEFT JOIN {CLIENT_NAMES} ON c.id = d.client_id
         WHERE {open} AND d.due <= ?1
         UNION ALL
         SELECT {cols} FROM deadlines d INDEXED BY deadlines_open_by_warn
           LEFT JOIN {CLIENT_NAMES} ON c.id = d.client_id
         WHERE {open} AND d.due > ?1 AND d.warn_from IS NOT NULL AND d.warn_from <= ?2"
    )
});

/// Open actions with a due day by the horizon (`?1`).
static ACTIONS_DUE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT a.id, a.client_id, {NAME_SQL}, a.what, a.due
         FROM actions a INDEXED BY actions_open_by_due
           LEFT JOIN {CLIENT_NAMES} ON c.id = a.client_id
         WHERE a.done_on IS NULL AND a.due IS NOT NULL AND a.due <= ?1
           AND (a.client_id IS NULL OR c.status = 'open')"
    )
});

impl Store {
    /// Open deadlines and actions that are overdue or due within `within`
    /// days of `today` (or whose warning window has opened), for open cases
    /// and for tasks with no client, and visits falling due (worked out by
    /// `crate::practice` from the client's visiting frequency and the visit
    /// rules of current episodes), most urgent first.
    pub fn due(&self, today: NaiveDate, within: u32) -> Result<Vec<DueItem>> {
        self.due_now(today.and_time(chrono::NaiveTime::MIN), within)
    }

    /// As [`Store::due`] at a moment of the day: a deadline counted in hours
    /// (an s136) is overdue from the minute it passes, not the next day.
    pub fn due_now(&self, now: NaiveDateTime, within: u32) -> Result<Vec<DueItem>> {
        let today = now.date();
        let horizon = today + chrono::Days::new(u64::from(within));
        let mut items = Vec::new();
        let mut stmt = self.conn.prepare_cached(&DEADLINES_DUE)?;
        let rows = stmt.query_map(params![fmt_date(horizon), fmt_date(today)], |r| {
            let due = date(r, 4)?;
            let due_at: Option<NaiveDateTime> = opt_dt(r, 8)?;
            Ok(DueItem {
                id: r.get(0)?,
                kind: DueKind::Deadline,
                client_id: r.get(1)?,
                client_name: r.get(2)?,
                what: r.get(3)?,
                due,
                overdue: due_at.map_or(due < today, |t| t < now),
                days: (due - today).num_days(),
                rule: r.get(5)?,
                source: r.get(6)?,
                weight: r.get(7)?,
                due_at,
                window_opens: opt_date(r, 9)?,
            })
        })?;
        for row in rows {
            items.push(row?);
        }
        let mut stmt = self.conn.prepare_cached(&ACTIONS_DUE)?;
        let rows = stmt.query_map([fmt_date(horizon)], |r| {
            let due = date(r, 4)?;
            Ok(DueItem {
                id: r.get(0)?,
                kind: DueKind::Action,
                client_id: r.get(1)?,
                client_name: r.get(2)?,
                what: r.get(3)?,
                due,
                overdue: due < today,
                days: (due - today).num_days(),
                rule: None,
                source: None,
                weight: 5,
                due_at: None,
                window_opens: None,
            })
        })?;
        for row in rows {
            items.push(row?);
        }
        for facts in self.facts_due_by(horizon, Some(today))?.iter() {
            items.extend(practice::due_items(facts, today, horizon));
        }
        DueItem::sort_by_urgency(&mut items);
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::NAME_SQL;
    use crate::domain::NewClient;
    use crate::store::Store;

    #[test]
    fn the_sql_name_is_the_display_name() {
        let mut s = Store::open_in_memory().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        for preferred in [None, Some("Nan")] {
            let id = s
                .add_client(
                    &NewClient {
                        given_name: "Annabel".into(),
                        family_name: "Testperson".into(),
                        preferred_name: preferred.map(str::to_string),
                        ..NewClient::default()
                    },
                    now,
                )
                .unwrap();
            let sql: String = s
                .conn
                .query_row(
                    &format!("SELECT {NAME_SQL} FROM clients c WHERE c.id = ?1"),
                    [id],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(sql, s.client(id).unwrap().display_name());
        }
    }
}
