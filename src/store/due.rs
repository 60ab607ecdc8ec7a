//! What is due across the caseload, and the agenda for a range of days.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::rows::{date, fmt_date, opt_date, opt_dt};
use super::{Result, Store};
use crate::domain::{AgendaItem, DueItem, DueKind, NoteKind, VisitOutcome, VisitStatus};
use crate::practice;

pub(crate) const NAME_SQL: &str =
    "coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name";

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
        // Two ranges of the open-deadline indexes (migration 0011), each
        // holding every column listed: those due by the horizon, and those
        // due later whose warning window has opened.
        let cols = format!(
            "d.id, d.client_id, {NAME_SQL}, d.what, d.due, d.rule_id, d.source, d.weight,
             d.due_at, d.window_opens"
        );
        let open = "d.completed_on IS NULL AND d.cancelled = 0
               AND (d.client_id IS NULL OR c.status = 'open')";
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {cols} FROM deadlines d INDEXED BY deadlines_open_by_due
               LEFT JOIN clients c ON c.id = d.client_id
             WHERE {open} AND d.due <= ?1
             UNION ALL
             SELECT {cols} FROM deadlines d INDEXED BY deadlines_open_by_warn
               LEFT JOIN clients c ON c.id = d.client_id
             WHERE {open} AND d.due > ?1 AND d.warn_from IS NOT NULL AND d.warn_from <= ?2"
        ))?;
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
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.id, a.client_id, {NAME_SQL}, a.what, a.due
             FROM actions a INDEXED BY actions_open_by_due
               LEFT JOIN clients c ON c.id = a.client_id
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
        for facts in self.facts_due_by(horizon, Some(today))? {
            items.extend(practice::due_items(&facts, today, horizon));
        }
        items.sort_by(DueItem::urgency_cmp);
        Ok(items)
    }

    /// Everything dated between `from` and `to` inclusive: visits planned or
    /// recorded (one line per person) and visits falling due under a
    /// visiting rule, deadlines, actions, contacts recorded, and care plan
    /// reviews; by date then time.
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
                rule: None,
            })
        })?;
        let mut items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        items.extend(self.visit_agenda(from, to)?);
        // A client whose earliest visit due is after `to` has none in range.
        for facts in self.facts_due_by(to, None)? {
            items.extend(practice::agenda_items(&facts, from, to));
        }
        items.sort_by(AgendaItem::diary_cmp);
        Ok(items)
    }

    /// Visits planned or recorded between `from` and `to`, one line per
    /// person (so each carries its client).
    fn visit_agenda(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<AgendaItem>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT coalesce(v.occurred_at, v.planned_at), v.id, v.kind, v.status, p.outcome,
                    p.client_id, {NAME_SQL}
               FROM visits v JOIN visit_people p ON p.visit_id = v.id
               JOIN clients c ON c.id = p.client_id
              WHERE coalesce(v.occurred_at, v.planned_at) >= ?1
                AND coalesce(v.occurred_at, v.planned_at) < ?2"
        ))?;
        let after = fmt_date(to + chrono::Days::new(1));
        let rows = stmt.query_map(params![fmt_date(from), after], |r| {
            let at: NaiveDateTime = r.get(0)?;
            let kind: NoteKind = r.get(2)?;
            let status: VisitStatus = r.get(3)?;
            let outcome: Option<VisitOutcome> = r.get(4)?;
            Ok(AgendaItem {
                date: at.date(),
                time: Some(at.format("%H:%M").to_string()),
                kind: "visit".into(),
                id: r.get(1)?,
                client_id: r.get(5)?,
                client_name: r.get(6)?,
                what: crate::domain::visit::agenda_words(kind, status, outcome),
                done: status != VisitStatus::Planned,
                rule: None,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
