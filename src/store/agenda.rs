//! The agenda: everything dated in a range of days, in diary order. One
//! function answers the CLI's `agenda`, the calendar and Today's week and
//! chart, each asking only for the kinds of line it shows.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Row, params};

use super::due::NAME_SQL;
use super::rows::{date, fmt_date};
use super::{Result, Store};
use crate::domain::{AgendaItem, NoteKind, VisitOutcome, VisitStatus};
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

impl Store {
    /// Everything dated between `from` and `to` inclusive: visits planned or
    /// recorded (one line per person) and visits falling due under a
    /// visiting rule, deadlines, actions, contacts recorded, and care plan
    /// reviews; by date then time.
    pub fn agenda(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<AgendaItem>> {
        self.agenda_of(from, to, AgendaKinds::ALL)
    }

    /// As [`Store::agenda`], holding only the lines of `kinds` (the same
    /// lines `agenda` gives for them, in the same order).
    pub fn agenda_of(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        kinds: AgendaKinds,
    ) -> Result<Vec<AgendaItem>> {
        let (f, t) = (fmt_date(from), fmt_date(to));
        // Contacts are matched on the datetime itself (before the day after
        // `to`), so the notes_occurred index answers it.
        let after = fmt_date(to + chrono::Days::new(1));
        let mut parts = Vec::new();
        if kinds.dated_work {
            parts.push(format!(
                "SELECT d.due, substr(d.due_at, 12, 5), 'deadline', d.id, d.client_id, {NAME_SQL},
                        d.what, d.completed_on IS NOT NULL
                   FROM deadlines d LEFT JOIN clients c ON c.id = d.client_id
                  WHERE d.due BETWEEN ?1 AND ?2 AND d.cancelled = 0"
            ));
            parts.push(format!(
                "SELECT a.due, NULL, 'action', a.id, a.client_id, {NAME_SQL}, a.what,
                        a.done_on IS NOT NULL
                   FROM actions a LEFT JOIN clients c ON c.id = a.client_id
                  WHERE a.due BETWEEN ?1 AND ?2"
            ));
        }
        if kinds.contacts {
            parts.push(format!(
                "SELECT substr(n.occurred_at, 1, 10), substr(n.occurred_at, 12, 5), 'contact', n.id,
                        n.client_id, {NAME_SQL}, n.kind, 1
                   FROM notes n JOIN clients c ON c.id = n.client_id
                  WHERE n.occurred_at >= ?1 AND n.occurred_at < ?3"
            ));
        }
        if kinds.reviews {
            parts.push(format!(
                "SELECT p.next_review, NULL, 'review', p.id, p.client_id, {NAME_SQL},
                        'Care plan review', 0
                   FROM care_plans p JOIN clients c ON c.id = p.client_id
                  WHERE p.next_review BETWEEN ?1 AND ?2 AND c.status = 'open'
                    AND p.version = (SELECT max(version) FROM care_plans q
                                      WHERE q.client_id = p.client_id)"
            ));
        }
        let mut items = Vec::new();
        if !parts.is_empty() {
            let sql = format!("{} ORDER BY 1, 2, 3, 4", parts.join(" UNION ALL "));
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
            // Only the contacts part names ?3.
            let rows = if kinds.contacts {
                stmt.query_map(params![f, t, after], line)?
            } else {
                stmt.query_map(params![f, t], line)?
            };
            items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        }
        if kinds.dated_work {
            items.extend(self.visit_agenda(from, to)?);
            // A client whose earliest visit due is after `to` has none in
            // range.
            for facts in self.facts_due_by(to, None)? {
                items.extend(practice::agenda_items(&facts, from, to));
            }
        }
        items.sort_by(AgendaItem::diary_cmp);
        Ok(items)
    }

    /// Visits planned or recorded between `from` and `to`, one line per
    /// person (so each carries its client).
    fn visit_agenda(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<AgendaItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{SynthOptions, generate};

    fn kinds_of(kinds: AgendaKinds, line: &AgendaItem) -> bool {
        match line.kind.as_str() {
            "contact" => kinds.contacts,
            "review" => kinds.reviews,
            _ => kinds.dated_work,
        }
    }

    #[test]
    fn each_choice_of_kinds_gives_exactly_the_full_agendas_lines_of_them() {
        let mut s = Store::open_in_memory().unwrap();
        let now = NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        generate(&mut s, SynthOptions::new(40, 3), now).unwrap();
        let (from, to) = (
            now.date() - chrono::Days::new(14),
            now.date() + chrono::Days::new(55),
        );
        let all = s.agenda(from, to).unwrap();
        for kind in ["contact", "review", "deadline", "action", "visit"] {
            assert!(
                all.iter().any(|l| l.kind == kind),
                "the fixture has a {kind}"
            );
        }
        for kinds in [
            AgendaKinds::ALL,
            AgendaKinds::CONTACTS_AND_REVIEWS,
            AgendaKinds::WORK_AND_REVIEWS,
            AgendaKinds {
                contacts: false,
                reviews: false,
                dated_work: false,
            },
        ] {
            let want: Vec<_> = all.iter().filter(|l| kinds_of(kinds, l)).cloned().collect();
            assert_eq!(s.agenda_of(from, to, kinds).unwrap(), want, "{kinds:?}");
        }
    }
}
