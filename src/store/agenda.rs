//! The agenda: everything dated in a range of days, in diary order. One
//! function answers the CLI's `agenda`, the calendar and Today's week; the
//! chart of what is coming counts the same lines without reading them.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Row, params_from_iter};
use std::collections::{BTreeMap, HashMap};

use super::due::{CLIENT_NAMES, NAME_SQL};
use super::rows::{date, fmt_date};
use super::{Result, Store};
use crate::domain::{AgendaItem, AgendaKind, NoteKind, VisitOutcome, VisitStatus};
use crate::practice;

/// Which kinds of line an agenda holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgendaKinds {
    /// Contacts recorded (notes, by when the contact happened).
    pub contacts: bool,
    /// Care plan reviews.
    pub reviews: bool,
    /// Deadlines, actions, visits planned or recorded and visits falling
    /// due under a visiting rule.
    pub dated_work: bool,
}

impl AgendaKinds {
    /// Every kind: the CLI's agenda and the calendar.
    pub const ALL: AgendaKinds = AgendaKinds {
        contacts: true,
        reviews: true,
        dated_work: true,
    };
    /// Today's "this week": contacts recorded and reviews.
    pub const CONTACTS_AND_REVIEWS: AgendaKinds = AgendaKinds {
        contacts: true,
        reviews: true,
        dated_work: false,
    };
    /// Today's chart of what is coming: all but contacts.
    pub const WORK_AND_REVIEWS: AgendaKinds = AgendaKinds {
        contacts: false,
        reviews: true,
        dated_work: true,
    };
}

/// The rows of one kind of agenda line: the tables, the rows in range, the
/// day each falls on, and which are still open (written as the partial
/// indexes are, so they answer the count). `?1` and `?2` are the first and
/// last day, `?3` the day after the last. The listing and the count are
/// both written from these, so they cannot hold different rows.
struct Rows {
    day: &'static str,
    /// The tables (with `clients c` only where the filter needs it: the
    /// names of the clients listed are read once each afterwards, see
    /// `Store::name_lines`).
    table: &'static str,
    filter: &'static str,
    open: &'static str,
    /// The partial index holding exactly the open rows, when there is one:
    /// the count reads only it.
    open_index: Option<&'static str>,
}

/// A kind of line the agenda reads in one query with the others: its rows,
/// then its time (or NULL), kind, id and client, what it says, and whether
/// it is done (the opposite of `rows.open`).
struct Part {
    rows: Rows,
    head: &'static str,
    what: &'static str,
    done: &'static str,
}

const DEADLINES: Part = Part {
    rows: Rows {
        day: "d.due",
        table: "deadlines d",
        filter: "d.due BETWEEN ?1 AND ?2 AND d.cancelled = 0",
        open: "d.completed_on IS NULL",
        open_index: Some("deadlines_open_by_due"),
    },
    head: "substr(d.due_at, 12, 5), 'deadline', d.id, d.client_id",
    what: "d.what",
    done: "d.completed_on IS NOT NULL",
};

const ACTIONS: Part = Part {
    rows: Rows {
        day: "a.due",
        table: "actions a",
        filter: "a.due BETWEEN ?1 AND ?2",
        open: "a.done_on IS NULL",
        open_index: Some("actions_open_by_due"),
    },
    head: "NULL, 'action', a.id, a.client_id",
    what: "a.what",
    done: "a.done_on IS NOT NULL",
};

/// Contacts are matched on the datetime itself (before the day after the
/// last), so the notes_occurred index answers it. A contact is done. A
/// case supervision is a note on the record but no contact with the person.
const CONTACTS: Part = Part {
    rows: Rows {
        day: "substr(n.occurred_at, 1, 10)",
        table: "notes n",
        filter: "n.occurred_at >= ?1 AND n.occurred_at < ?3 AND n.kind <> 'supervision'",
        open: "0",
        open_index: None,
    },
    head: "substr(n.occurred_at, 12, 5), 'contact', n.id, n.client_id",
    what: "n.kind",
    done: "1",
};

/// The latest version of an open case's plan. Plans first (CROSS JOIN
/// keeps that order), through the next_review index: the range's reviews,
/// not every open client's plans.
const REVIEWS: Part = Part {
    rows: Rows {
        day: "p.next_review",
        table: "care_plans p CROSS JOIN clients c INDEXED BY clients_names ON c.id = p.client_id",
        filter: "p.next_review BETWEEN ?1 AND ?2 AND c.status = 'open'
             AND p.version = (SELECT max(version) FROM care_plans q
                               WHERE q.client_id = p.client_id)",
        open: "1",
        open_index: None,
    },
    head: "NULL, 'review', p.id, p.client_id",
    what: "'Care plan review'",
    done: "0",
};

/// Visits planned or recorded, one row per person (so each line carries its
/// client); a visit is open while it is planned. Found by their day
/// (migration 0013's index), then their people.
const VISITS: Rows = Rows {
    day: "substr(coalesce(v.occurred_at, v.planned_at), 1, 10)",
    table: "visits v INDEXED BY visits_when CROSS JOIN visit_people p ON p.visit_id = v.id",
    filter: "coalesce(v.occurred_at, v.planned_at) >= ?1
         AND coalesce(v.occurred_at, v.planned_at) < ?3",
    open: "v.status = 'planned'",
    open_index: None,
};

impl Part {
    /// The part's lines, in the columns `agenda_of` reads.
    fn lines(&self) -> String {
        let Part {
            rows,
            head,
            what,
            done,
        } = self;
        format!(
            "SELECT {}, {head}, NULL, {what}, {done} FROM {} WHERE {}",
            rows.day, rows.table, rows.filter
        )
    }
}

impl Rows {
    /// How many of the rows are open on each day.
    fn open_per_day(&self) -> String {
        let table = match self.open_index {
            Some(index) => format!("{} INDEXED BY {index}", self.table),
            None => self.table.to_string(),
        };
        format!(
            "SELECT {}, count(*) FROM {table} WHERE {} AND {} GROUP BY 1",
            self.day, self.filter, self.open
        )
    }
}

/// The diary: agenda lines for a period, a client's, open work by day.
pub trait AgendaReads {
    /// Everything dated from `from` to `to`: visits, deadlines, actions, contacts, reviews.
    fn agenda(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<AgendaItem>>;

    /// As `agenda`, holding only the lines of `kinds`.
    fn agenda_of(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        kinds: AgendaKinds,
    ) -> Result<Vec<AgendaItem>>;

    /// How many open work and review lines fall on each day from `from` to `to`.
    fn open_work_by_day(&self, from: NaiveDate, to: NaiveDate) -> Result<BTreeMap<NaiveDate, u64>>;
}

impl AgendaReads for Store {
    /// Everything dated between `from` and `to` inclusive: visits planned or
    /// recorded (one line per person) and visits falling due under a
    /// visiting rule, deadlines, actions, contacts recorded, and care plan
    /// reviews; by date then time.
    fn agenda(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<AgendaItem>> {
        self.agenda_of(from, to, AgendaKinds::ALL)
    }

    /// As [`Store::agenda`], holding only the lines of `kinds` (the same
    /// lines `agenda` gives for them, in the same order).
    fn agenda_of(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        kinds: AgendaKinds,
    ) -> Result<Vec<AgendaItem>> {
        let parts: Vec<String> = parts_of(kinds).into_iter().map(Part::lines).collect();
        let mut items = Vec::new();
        if !parts.is_empty() {
            // In no order: the lines are sorted below with the rest (a
            // sorter here would copy every line once more).
            let sql = parts.join(" UNION ALL ");
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let line = |r: &Row<'_>| {
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
            };
            let rows = stmt.query_map(
                params_from_iter(range_params(from, to, kinds.contacts)),
                line,
            )?;
            items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        }
        if kinds.dated_work {
            items.extend(self.visit_agenda(from, to)?);
        }
        self.name_lines(&mut items)?;
        if kinds.dated_work {
            // A client whose earliest visit due is after `to` has none in
            // range.
            for facts in self.facts_due_by(to, None)?.iter() {
                items.extend(practice::agenda_items(facts, from, to));
            }
        }
        items.sort_by(AgendaItem::diary_cmp);
        Ok(items)
    }

    /// How many lines of `agenda_of(from, to, WORK_AND_REVIEWS)` that are
    /// not done fall on each day (days with none are left out): open
    /// deadlines and actions, reviews, planned visits (one per person) and
    /// visits falling due. Counted in SQL from the same rows the agenda
    /// reads, without reading the lines (Today's chart of 8 weeks).
    fn open_work_by_day(&self, from: NaiveDate, to: NaiveDate) -> Result<BTreeMap<NaiveDate, u64>> {
        let kinds = AgendaKinds::WORK_AND_REVIEWS;
        let mut counts: Vec<String> = parts_of(kinds)
            .into_iter()
            .map(|p| p.rows.open_per_day())
            .collect();
        counts.push(VISITS.open_per_day());
        let mut stmt = self.conn.prepare_cached(&counts.join(" UNION ALL "))?;
        let rows = stmt.query_map(params_from_iter(range_params(from, to, true)), |r| {
            Ok((date(r, 0)?, r.get::<_, i64>(1)?))
        })?;
        let mut days = BTreeMap::new();
        for row in rows {
            let (day, n) = row?;
            *days.entry(day).or_insert(0) += u64::try_from(n).unwrap_or(0);
        }
        for (day, n) in self.visit_days_due(from, to)? {
            *days.entry(day).or_insert(0) += n;
        }
        Ok(days)
    }
}

impl Store {
    /// Gives each line read without a name its client's name: read once
    /// per client listed (a week's contacts name each client about twice),
    /// through the small names index.
    fn name_lines(&self, items: &mut [AgendaItem]) -> Result<()> {
        let mut ids: Vec<i64> = items.iter().filter_map(|i| i.client_id).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(());
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.id, {NAME_SQL} FROM {CLIENT_NAMES}
              WHERE c.id IN (SELECT value FROM json_each(?1))"
        ))?;
        let wanted = serde_json::to_string(&ids)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let names: HashMap<i64, String> = stmt
            .query_map([wanted], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for item in items.iter_mut().filter(|i| i.client_name.is_none()) {
            item.client_name = item.client_id.and_then(|id| names.get(&id).cloned());
        }
        Ok(())
    }

    /// Visits planned or recorded between `from` and `to`, one line per
    /// person (so each carries its client).
    fn visit_agenda(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<AgendaItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT coalesce(v.occurred_at, v.planned_at), v.id, v.kind, v.status, p.outcome,
                    p.client_id, NULL
               FROM {} WHERE {}",
            VISITS.table, VISITS.filter
        ))?;
        let rows = stmt.query_map(params_from_iter(range_params(from, to, true)), |r| {
            let at: NaiveDateTime = r.get(0)?;
            let kind: NoteKind = r.get(2)?;
            let status: VisitStatus = r.get(3)?;
            let outcome: Option<VisitOutcome> = r.get(4)?;
            Ok(AgendaItem {
                date: at.date(),
                time: Some(at.format("%H:%M").to_string()),
                kind: AgendaKind::Visit,
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

/// The SQL-read parts holding the lines of `kinds`, in a fixed order.
fn parts_of(kinds: AgendaKinds) -> Vec<&'static Part> {
    let mut parts = Vec::new();
    if kinds.dated_work {
        parts.extend([&DEADLINES, &ACTIONS]);
    }
    if kinds.contacts {
        parts.push(&CONTACTS);
    }
    if kinds.reviews {
        parts.push(&REVIEWS);
    }
    parts
}

/// `?1` the first day and `?2` the last, then (when the SQL names it) `?3`
/// the day after the last.
fn range_params(from: NaiveDate, to: NaiveDate, day_after: bool) -> Vec<String> {
    let mut p = vec![fmt_date(from), fmt_date(to)];
    if day_after {
        p.push(fmt_date(to + chrono::Days::new(1)));
    }
    p
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;
