//! What the practice layer needs to work out who has been seen: each
//! client's basis (visiting frequency, open episodes) and their latest
//! contacts of each kind and evidence. The rules themselves live in
//! `crate::practice`; this file only reads.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;

use rusqlite::params_from_iter;

use super::rows::{date, opt_date};
use super::{Result, Store};
use crate::domain::{
    CaseStatus, EpisodeKind, NoteKind, NoteOutcome, NoteStatus, PlacementType, VisitOutcome,
};
use crate::practice::{self, ClientBasis, Contact, Evidence, VisitFacts};
use crate::rules::PlacementBasis;
use crate::rules::placement::{FIRST_REVIEW_MARK, FIRST_REVIEW_RULE};

/// Which clients to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Open cases only.
    Open,
    /// Every case, closed ones included.
    All,
    /// One client.
    One(i64),
}

impl Scope {
    /// The condition on `c` (clients) for this scope, with `?1` bound by
    /// [`Scope::params`]. (A plain condition per scope: an `OR ?1 IS NULL`
    /// catch-all made SQLite read every client row, four times slower.)
    pub(super) fn condition(self) -> &'static str {
        match self {
            Scope::Open => "c.status = 'open'",
            Scope::All => "1",
            Scope::One(_) => "c.id = ?1",
        }
    }

    pub(super) fn params(self) -> Vec<i64> {
        match self {
            Scope::One(id) => vec![id],
            _ => Vec::new(),
        }
    }
}

/// Who was seen when: the visit facts of every client or one.
pub trait SeenFacts {
    /// The visit facts (last seen, last contact, visits due) of every open client, in id order.
    fn visit_facts(&self) -> Result<Vec<VisitFacts>>;

    /// One client's visit facts (closed cases too: they have a last seen, but no visit falls due).
    fn client_visit_facts(&self, client_id: i64) -> Result<VisitFacts>;

    /// The day each of `clients` was last seen (those never seen left out).
    fn last_seen(&self, clients: &[i64]) -> Result<HashMap<i64, NaiveDate>>;
}

impl SeenFacts for Store {
    /// The visit facts (last seen, last contact, visits due) of every open
    /// client, in id order.
    fn visit_facts(&self) -> Result<Vec<VisitFacts>> {
        self.facts_in(Scope::Open)
    }

    /// One client's visit facts (closed cases too: they have a last seen,
    /// but no visit falls due).
    fn client_visit_facts(&self, client_id: i64) -> Result<VisitFacts> {
        self.client(client_id)?;
        self.facts_in(Scope::One(client_id))?
            .into_iter()
            .next()
            .ok_or(super::StoreError::NotFound {
                entity: "client",
                id: client_id,
            })
    }

    /// The day each of `clients` was last seen (those never seen are left
    /// out), by the practice layer's rules.
    fn last_seen(&self, clients: &[i64]) -> Result<HashMap<i64, NaiveDate>> {
        let wanted: std::collections::HashSet<i64> = clients.iter().copied().collect();
        let mut seen = self.last_seen_days()?;
        seen.retain(|id, _| wanted.contains(id));
        Ok(seen)
    }
}

impl Store {
    /// Visit facts for every client in `scope`, in id order, worked out from
    /// scratch by the practice layer from what is recorded (what the cache
    /// in `facts_cache` stores, and what its tests compare it with).
    pub(crate) fn computed_facts(&self, scope: Scope) -> Result<Vec<VisitFacts>> {
        let bases = self.client_bases(scope)?;
        let mut contacts: HashMap<i64, Vec<Contact>> = HashMap::new();
        for c in self.contacts_in(scope)? {
            contacts.entry(c.client_id).or_default().push(c);
        }
        Ok(bases
            .iter()
            .map(|b| {
                let own = contacts.get(&b.client_id).map_or(&[][..], Vec::as_slice);
                practice::visit_facts(&self.rules, b, own)
            })
            .collect())
    }

    /// Each client's basis: visiting frequency, when the case opened, and
    /// current episodes.
    fn client_bases(&self, scope: Scope) -> Result<Vec<ClientBasis>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT c.id, {},
                    c.visit_every_days, c.opened_on, c.status
               FROM clients c WHERE {} ORDER BY c.id",
            super::due::NAME_SQL,
            scope.condition()
        ))?;
        let rows = stmt.query_map(params_from_iter(scope.params()), |r| {
            Ok(ClientBasis {
                client_id: r.get(0)?,
                name: r.get(1)?,
                visit_every_days: r.get(2)?,
                opened_on: date(r, 3)?,
                open: r.get::<_, CaseStatus>(4)? == CaseStatus::Open,
                episodes: Vec::new(),
                placement: None,
            })
        })?;
        let mut bases = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.client_id, e.kind, e.start_on FROM legal_episodes e
               JOIN clients c ON c.id = e.client_id
              WHERE e.end_on IS NULL AND {} ORDER BY e.start_on, e.id",
            scope.condition()
        ))?;
        let rows = stmt.query_map(params_from_iter(scope.params()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, EpisodeKind>(1)?,
                date(r, 2)?,
            ))
        })?;
        let mut episodes: HashMap<i64, Vec<(EpisodeKind, NaiveDate)>> = HashMap::new();
        for row in rows {
            let (client, kind, start) = row?;
            episodes.entry(client).or_default().push((kind, start));
        }
        let mut placements = self.current_placements(scope)?;
        for b in &mut bases {
            b.episodes = episodes.remove(&b.client_id).unwrap_or_default();
            b.placement = placements.remove(&b.client_id);
        }
        Ok(bases)
    }

    /// Each child's current placement in `scope` (the latest begun, should
    /// two be open) with the day their first looked-after review was held
    /// on a current episode: its deadline completed, or a `first-review`
    /// mark, whichever is earlier.
    fn current_placements(&self, scope: Scope) -> Result<HashMap<i64, PlacementBasis>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT p.client_id, p.kind, p.start_on, p.long_term,
                    (SELECT min(x) FROM (
                        SELECT d.completed_on AS x FROM deadlines d
                          JOIN legal_episodes e ON e.id = d.episode_id
                         WHERE e.client_id = p.client_id AND e.end_on IS NULL
                           AND d.rule_id = '{FIRST_REVIEW_RULE}' AND d.completed_on IS NOT NULL
                        UNION ALL
                        SELECT m.on_day FROM episode_marks m
                          JOIN legal_episodes e ON e.id = m.episode_id
                         WHERE e.client_id = p.client_id AND e.end_on IS NULL
                           AND m.mark = '{FIRST_REVIEW_MARK}'))
               FROM placements p JOIN clients c ON c.id = p.client_id
              WHERE p.end_on IS NULL AND {} ORDER BY p.start_on, p.id",
            scope.condition()
        ))?;
        let rows = stmt.query_map(params_from_iter(scope.params()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                PlacementBasis {
                    kind: r.get::<_, PlacementType>(1)?,
                    start: date(r, 2)?,
                    long_term: r.get(3)?,
                    first_review: opt_date(r, 4)?,
                },
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (client, basis) = row?;
            out.insert(client, basis);
        }
        Ok(out)
    }

    /// The latest contact of each kind and evidence for the clients in
    /// `scope`: visit outcomes, and final notes that have no visit record of
    /// their own. Drafts are not read: the practice layer never counts them.
    fn contacts_in(&self, scope: Scope) -> Result<Vec<Contact>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT p.client_id, v.kind, p.outcome, max(v.occurred_at)
               FROM visit_people p JOIN visits v ON v.id = p.visit_id
               JOIN clients c ON c.id = p.client_id
              WHERE p.outcome IS NOT NULL AND v.occurred_at IS NOT NULL AND {}
              GROUP BY p.client_id, v.kind, p.outcome",
            scope.condition()
        ))?;
        let rows = stmt.query_map(params_from_iter(scope.params()), |r| {
            let at: NaiveDateTime = r.get(3)?;
            Ok(Contact {
                client_id: r.get(0)?,
                kind: r.get(1)?,
                on: at.date(),
                evidence: Evidence::Outcome(r.get::<_, VisitOutcome>(2)?),
            })
        })?;
        for row in rows {
            out.push(row?);
        }
        // One indexed backward scan per client and kind
        // (notes_client_kind_occurred), stopping at the first final note
        // without a visit record: far cheaper than grouping every note.
        let kinds: Vec<String> = self
            .note_kinds_that_matter()
            .iter()
            .map(|k| format!("('{}')", k.as_str()))
            .collect();
        // Per kind, the latest final note that can count: one from before
        // outcomes, or one whose chosen outcome counts for that kind (the
        // practice layer's own rule, NoteOutcome::happened, listed here so
        // the scan can stop at it).
        let counting: Vec<String> = self
            .note_kinds_that_matter()
            .into_iter()
            .map(|k| {
                let list: Vec<String> = NoteOutcome::ALL
                    .iter()
                    .filter(|o| o.happened(k))
                    .map(|o| format!("'{}'", o.as_str()))
                    .collect();
                format!(
                    "(k.column1 = '{}' AND (n.outcome IS NULL OR n.outcome IN ({})))",
                    k.as_str(),
                    list.join(", ")
                )
            })
            .collect();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT c.id, k.column1,
                    (SELECT n.occurred_at || '|' || coalesce(n.outcome, '') FROM notes n
                      WHERE n.client_id = c.id AND n.kind = k.column1 AND n.status = 'final'
                        AND ({})
                        AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.note_id = n.id)
                      ORDER BY n.occurred_at DESC LIMIT 1)
               FROM clients c, (VALUES {}) k
              WHERE {}",
            counting.join(" OR "),
            kinds.join(", "),
            scope.condition()
        ))?;
        let rows = stmt.query_map(params_from_iter(scope.params()), |r| {
            let found: Option<String> = r.get(2)?;
            Ok((r.get::<_, i64>(0)?, r.get::<_, NoteKind>(1)?, found))
        })?;
        for row in rows {
            let (client_id, kind, found) = row?;
            let Some((at, outcome)) = found.as_deref().and_then(|f| f.split_once('|')) else {
                continue;
            };
            let Some(on) = at
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            else {
                continue;
            };
            let evidence = match outcome.parse::<NoteOutcome>() {
                Ok(o) => Evidence::NoteOutcome(o),
                Err(_) => Evidence::Note(NoteStatus::Final),
            };
            out.push(Contact {
                client_id,
                kind,
                on,
                evidence,
            });
        }
        Ok(out)
    }

    /// The note kinds worth reading: every kind of contact, and every kind
    /// a visiting rule counts (a local rule may count more).
    fn note_kinds_that_matter(&self) -> Vec<NoteKind> {
        NoteKind::ALL
            .iter()
            .copied()
            .filter(|k| {
                k.is_contact()
                    || self
                        .rules
                        .rules()
                        .iter()
                        .any(|r| r.is_visit() && r.contact_kinds.contains(k))
            })
            .collect()
    }
}
