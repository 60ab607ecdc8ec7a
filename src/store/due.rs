//! What is due across the caseload, and the agenda for a range of days.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::rows::{date, fmt_date, opt_date, opt_dt};
use super::{Result, Store};
use crate::domain::{DueItem, DueKind};

/// One entry in the agenda for a range of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    /// The day.
    pub date: NaiveDate,
    /// The time, for contacts and deadlines counted in hours (HH:MM).
    pub time: Option<String>,
    /// deadline, action, contact or review.
    pub kind: String,
    /// The record's id (deadline, action, note or care plan).
    pub id: i64,
    /// Whose.
    pub client_id: Option<i64>,
    /// Client display name.
    pub client_name: Option<String>,
    /// What.
    pub what: String,
    /// Done or completed already.
    pub done: bool,
}

const NAME_SQL: &str = "coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name";

impl Store {
    /// Open deadlines and actions that are overdue or due within `within`
    /// days of `today` (or whose warning window has opened), for open cases
    /// and for tasks with no client, and visits falling due (from the
    /// client's visiting frequency and the visit rules of current episodes,
    /// counted from the last contact), most urgent first.
    pub fn due(&self, today: NaiveDate, within: u32) -> Result<Vec<DueItem>> {
        let horizon = today + chrono::Days::new(u64::from(within));
        let mut items = Vec::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT d.id, d.client_id, {NAME_SQL}, d.what, d.due, d.rule_id, d.source, d.weight,
                    d.due_at, d.window_opens
             FROM deadlines d LEFT JOIN clients c ON c.id = d.client_id
             WHERE d.completed_on IS NULL AND d.cancelled = 0
               AND (d.client_id IS NULL OR c.status = 'open')
               AND (d.due <= ?1 OR (d.warn_from IS NOT NULL AND d.warn_from <= ?2))"
        ))?;
        let rows = stmt.query_map(params![fmt_date(horizon), fmt_date(today)], |r| {
            let due = date(r, 4)?;
            Ok(DueItem {
                id: r.get(0)?,
                kind: DueKind::Deadline,
                client_id: r.get(1)?,
                client_name: r.get(2)?,
                what: r.get(3)?,
                due,
                overdue: due < today,
                days: (due - today).num_days(),
                rule: r.get(5)?,
                source: r.get(6)?,
                weight: r.get(7)?,
                due_at: opt_dt(r, 8)?,
                window_opens: opt_date(r, 9)?,
            })
        })?;
        for row in rows {
            items.push(row?);
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.id, a.client_id, {NAME_SQL}, a.what, a.due
             FROM actions a LEFT JOIN clients c ON c.id = a.client_id
             WHERE a.done_on IS NULL AND a.due IS NOT NULL AND a.due <= ?1
               AND (a.client_id IS NULL OR c.status = 'open')"
        ))?;
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
        for basis in self.visit_bases()? {
            for v in self.rules.visits_due(&basis) {
                if v.due > horizon && v.warn_from.is_none_or(|w| w > today) {
                    continue;
                }
                items.push(DueItem {
                    id: basis.client_id,
                    kind: DueKind::Visit,
                    client_id: Some(basis.client_id),
                    client_name: Some(basis.client_name.clone()),
                    what: v.what,
                    due: v.due,
                    overdue: v.due < today,
                    days: (v.due - today).num_days(),
                    rule: Some(v.rule),
                    source: Some(v.source),
                    weight: v.weight,
                    due_at: None,
                    window_opens: None,
                });
            }
        }
        items.sort_by(DueItem::urgency_cmp);
        Ok(items)
    }

    /// Everything dated between `from` and `to` inclusive: deadlines, actions,
    /// contacts recorded, and care plan reviews; by date then time.
    pub fn agenda(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<AgendaItem>> {
        let (f, t) = (fmt_date(from), fmt_date(to));
        // Contacts are matched on the datetime itself (before the day after
        // `to`), so the notes_occurred index answers it.
        let after = fmt_date(to + chrono::Days::new(1));
        let sql = format!(
            "SELECT d.due, substr(d.due_at, 12, 5), 'deadline', d.id, d.client_id, {NAME_SQL}, d.what,
                    d.completed_on IS NOT NULL
               FROM deadlines d LEFT JOIN clients c ON c.id = d.client_id
              WHERE d.due BETWEEN ?1 AND ?2 AND d.cancelled = 0
             UNION ALL
             SELECT a.due, NULL, 'action', a.id, a.client_id, {NAME_SQL}, a.what, a.done_on IS NOT NULL
               FROM actions a LEFT JOIN clients c ON c.id = a.client_id
              WHERE a.due BETWEEN ?1 AND ?2
             UNION ALL
             SELECT substr(n.occurred_at, 1, 10), substr(n.occurred_at, 12, 5), 'contact', n.id,
                    n.client_id, {NAME_SQL}, n.kind, 1
               FROM notes n JOIN clients c ON c.id = n.client_id
              WHERE n.occurred_at >= ?1 AND n.occurred_at < ?3
             UNION ALL
             SELECT p.next_review, NULL, 'review', p.id, p.client_id, {NAME_SQL}, 'Care plan review', 0
               FROM care_plans p JOIN clients c ON c.id = p.client_id
              WHERE p.next_review BETWEEN ?1 AND ?2 AND c.status = 'open'
                AND p.version = (SELECT max(version) FROM care_plans q WHERE q.client_id = p.client_id)
             ORDER BY 1, 2, 3, 4"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![f, t, after], |r| {
            Ok(AgendaItem {
                date: date(r, 0)?,
                time: r.get(1)?,
                kind: r.get(2)?,
                id: r.get(3)?,
                client_id: r.get(4)?,
                client_name: r.get(5)?,
                what: r.get(6)?,
                done: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
