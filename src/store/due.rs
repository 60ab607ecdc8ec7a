//! What is due across the caseload, and the agenda for a range of days.

use crate::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;
use std::collections::{HashMap, HashSet};

/// Open clients' names by id, for a due list's thousands of lookups: hashed
/// with a fast hash (ids are the program's own, nobody chooses them to
/// collide).
pub(crate) type ClientNames = HashMap<i64, String, foldhash::fast::FixedState>;

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
/// (migration 0011), each holding every column listed. Whose they are is
/// read from [`OPEN_CLIENT_NAMES`], once, not joined row by row.
const DEADLINES_DUE: &str = "
    SELECT d.id, d.client_id, d.what, d.due, d.rule_id, d.source, d.weight, d.due_at, d.window_opens
      FROM deadlines d INDEXED BY deadlines_open_by_due
     WHERE d.completed_on IS NULL AND d.cancelled = 0 AND d.due <= ?1
    UNION ALL
    SELECT d.id, d.client_id, d.what, d.due, d.rule_id, d.source, d.weight, d.due_at, d.window_opens
      FROM deadlines d INDEXED BY deadlines_open_by_warn
     WHERE d.completed_on IS NULL AND d.cancelled = 0
       AND d.due > ?1 AND d.warn_from IS NOT NULL AND d.warn_from <= ?2";

/// Open actions with a due day by the horizon (`?1`); whose, as for
/// deadlines, from [`OPEN_CLIENT_NAMES`].
const ACTIONS_DUE: &str = "SELECT a.id, a.client_id, a.what, a.due, a.owner
     FROM actions a INDEXED BY actions_open_by_due
     WHERE a.done_on IS NULL AND a.due IS NOT NULL AND a.due <= ?1";

/// Every open client's display name, read once for a due list: one pass
/// over the small names index (migration 0011) instead of a seek into it
/// for each of thousands of lines.
static OPEN_CLIENT_NAMES: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("SELECT c.id, {NAME_SQL} FROM {CLIENT_NAMES} WHERE c.status = 'open'")
});

/// What is due: the ranked list and what is due now.
pub trait DueReads {
    /// Open deadlines, actions and visits due within `within` days of `today`, most urgent first.
    fn due(&self, today: NaiveDate, within: u32) -> Result<Vec<DueItem>>;

    /// As `due` at a moment of the day: an hours deadline is overdue from the minute it passes.
    fn due_now(&self, now: NaiveDateTime, within: u32) -> Result<Vec<DueItem>>;

    /// As `due_now`, keeping the deadlines of ended legal episodes (`caseload due --all`).
    fn due_with_ended(&self, now: NaiveDateTime, within: u32) -> Result<Vec<DueItem>>;
}

impl DueReads for Store {
    /// Open deadlines and actions that are overdue or due within `within`
    /// days of `today` (or whose warning window has opened), for open cases
    /// and for tasks with no client, and visits falling due (worked out by
    /// `crate::practice` from the client's visiting frequency and the visit
    /// rules of current episodes), most urgent first.
    fn due(&self, today: NaiveDate, within: u32) -> Result<Vec<DueItem>> {
        self.due_now(today.and_time(chrono::NaiveTime::MIN), within)
    }

    /// As [`Store::due`] at a moment of the day: a deadline counted in hours
    /// (an s136) is overdue from the minute it passes, not the next day.
    /// Deadlines of a legal episode that has ended are left out (an s2's
    /// lapsed tribunal right once the s2 is over): see
    /// [`Store::due_with_ended`].
    fn due_now(&self, now: NaiveDateTime, within: u32) -> Result<Vec<DueItem>> {
        self.due_list(now, within, false)
    }

    /// As [`Store::due_now`], keeping the open deadlines of legal episodes
    /// that have ended, marked `episode_ended` (`caseload due --all`).
    fn due_with_ended(&self, now: NaiveDateTime, within: u32) -> Result<Vec<DueItem>> {
        self.due_list(now, within, true)
    }
}

impl Store {
    fn due_list(&self, now: NaiveDateTime, within: u32, with_ended: bool) -> Result<Vec<DueItem>> {
        let today = now.date();
        let horizon = today + chrono::Days::new(u64::from(within));
        let mut items = Vec::new();
        let names = self.open_client_names()?;
        // A line with a client is listed only while their case is open.
        let whose = |client_id: Option<i64>| -> Option<Option<String>> {
            match client_id {
                None => Some(None),
                Some(id) => names.get(&id).map(|n| Some(n.clone())),
            }
        };
        let ended = self.open_deadlines_of_ended_episodes()?;
        let cliffs: HashSet<&str> = self
            .rules()
            .rules()
            .iter()
            .filter(|r| r.cliff.is_some())
            .map(|r| r.id.as_str())
            .collect();
        let mut stmt = self.conn.prepare_cached(DEADLINES_DUE)?;
        let mut rows = stmt.query(params![fmt_date(horizon), fmt_date(today)])?;
        while let Some(r) = rows.next()? {
            let client_id: Option<i64> = r.get(1)?;
            let Some(client_name) = whose(client_id) else {
                continue;
            };
            let id: i64 = r.get(0)?;
            let episode_ended = ended.contains(&id);
            if episode_ended && !with_ended {
                continue;
            }
            let due = date(r, 3)?;
            let due_at: Option<NaiveDateTime> = opt_dt(r, 7)?;
            let rule: Option<String> = r.get(4)?;
            items.push(DueItem {
                id,
                kind: DueKind::Deadline,
                client_id,
                client_name,
                owner: None,
                what: r.get(2)?,
                due,
                overdue: crate::domain::overdue_at(due, due_at, now),
                days: (due - today).num_days(),
                cliff: rule.as_deref().is_some_and(|id| cliffs.contains(id)),
                rule,
                source: r.get(5)?,
                weight: r.get(6)?,
                due_at,
                window_opens: opt_date(r, 8)?,
                episode_ended,
            });
        }
        let mut stmt = self.conn.prepare_cached(ACTIONS_DUE)?;
        let mut rows = stmt.query([fmt_date(horizon)])?;
        while let Some(r) = rows.next()? {
            let client_id: Option<i64> = r.get(1)?;
            let Some(client_name) = whose(client_id) else {
                continue;
            };
            let due = date(r, 3)?;
            items.push(DueItem {
                id: r.get(0)?,
                kind: DueKind::Action,
                client_id,
                client_name,
                owner: r.get(4)?,
                what: r.get(2)?,
                due,
                overdue: crate::domain::overdue_at(due, None, now),
                days: (due - today).num_days(),
                rule: None,
                source: None,
                weight: 5,
                due_at: None,
                window_opens: None,
                cliff: false,
                episode_ended: false,
            });
        }
        let visits = self.facts_due_by(horizon, Some(today))?;
        items.reserve(visits.len());
        for facts in visits {
            items.extend(practice::due_items(facts, today, horizon));
        }
        DueItem::sort_by_urgency(&mut items, now);
        Ok(items)
    }

    /// The ids of open deadlines whose legal episode has ended (those due
    /// after the end were cancelled when it ended; these fell due before).
    fn open_deadlines_of_ended_episodes(&self) -> Result<HashSet<i64>> {
        let mut stmt = self.conn.prepare_cached(
            // Ended episodes first (few), then their deadlines by index: the
            // other order read every open deadline, however far off
            // (tests/perf.rs::the_due_list_does_not_read_deadlines_and_actions_far_off).
            "SELECT d.id FROM legal_episodes e
              CROSS JOIN deadlines d INDEXED BY deadlines_episode ON d.episode_id = e.id
              WHERE e.end_on IS NOT NULL AND d.completed_on IS NULL AND d.cancelled = 0",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<HashSet<i64>>>()?)
    }

    /// Every open client's display name, by id.
    fn open_client_names(&self) -> Result<ClientNames> {
        let mut stmt = self.conn.prepare_cached(&OPEN_CLIENT_NAMES)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<ClientNames>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::NAME_SQL;
    use crate::domain::{DueKind, NewAction, NewClient, NewDeadline};
    use crate::store::Store;
    use crate::store::prelude::*;

    /// The due list names each line's client by the name they go by and
    /// lists a client's deadlines, actions and visits only while their case
    /// is open; lines with no client are always listed.
    #[test]
    fn a_closed_case_leaves_the_due_list_and_lines_without_a_client_stay() {
        let mut s = Store::open_in_memory().unwrap();
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let now = day(1).and_hms_opt(9, 0, 0).unwrap();
        let mut ids = Vec::new();
        for (given, preferred) in [("Annabel", Some("Nan")), ("Bertram", None)] {
            let id = s
                .add_client(
                    &NewClient {
                        given_name: given.into(),
                        family_name: "Testperson".into(),
                        preferred_name: preferred.map(str::to_string),
                        visit_every_days: Some(7),
                        ..NewClient::default()
                    },
                    now,
                )
                .unwrap();
            ids.push(id);
        }
        for client_id in [Some(ids[0]), Some(ids[1]), None] {
            s.add_deadline(
                &NewDeadline {
                    client_id,
                    what: "Review".into(),
                    due: Some(day(20)),
                    ..NewDeadline::default()
                },
                now,
            )
            .unwrap();
            s.add_action(
                &NewAction {
                    client_id,
                    what: "Call".into(),
                    due: Some(day(21)),
                },
                now,
            )
            .unwrap();
        }
        let lines = |s: &Store| {
            let mut v: Vec<(DueKind, Option<String>)> = s
                .due(day(18), 14)
                .unwrap()
                .into_iter()
                .map(|i| (i.kind, i.client_name))
                .collect();
            v.sort_by_key(|(k, n)| (k.as_str(), n.clone()));
            v
        };
        let both = lines(&s);
        for name in ["Nan Testperson", "Bertram Testperson"] {
            for kind in [DueKind::Deadline, DueKind::Action, DueKind::Visit] {
                assert!(
                    both.contains(&(kind, Some(name.to_string()))),
                    "{kind:?} {name}: {both:?}"
                );
            }
        }
        assert!(
            both.contains(&(DueKind::Deadline, None)) && both.contains(&(DueKind::Action, None))
        );
        s.close_client(ids[1], day(2), "Moved away", now).unwrap();
        let one = lines(&s);
        assert!(
            !one.iter()
                .any(|(_, n)| n.as_deref() == Some("Bertram Testperson")),
            "{one:?}"
        );
        assert_eq!(one.len(), both.len() - 3, "{one:?}");
        s.reopen_client(ids[1], now).unwrap();
        assert_eq!(lines(&s), both);
    }

    /// Issue 26: a lapsed s2 tribunal right (MHA 1983 s66(1)(a), (2)(a):
    /// 14 days beginning with an admission on 17/08 end 30/08) of an s2
    /// that ended on 13/09 (28 days, s2(4)) leaves Today and `due`; `due
    /// --all` keeps it, marked. A police protection of the same client,
    /// still running, is listed and is a cliff (the rule pack says so).
    #[test]
    fn an_ended_episodes_deadline_is_listed_only_with_all() {
        use crate::domain::{EpisodeKind, NewEpisode};
        let mut s = Store::open_in_memory().unwrap();
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let now = day(11, 22).and_hms_opt(9, 0, 0).unwrap();
        let client = s
            .add_client(
                &NewClient {
                    given_name: "Annabel".into(),
                    family_name: "Testperson".into(),
                    ..NewClient::default()
                },
                now,
            )
            .unwrap();
        let mut add = |kind, start, rule: &str, due| {
            let episode = s
                .add_episode(
                    &NewEpisode {
                        client_id: client,
                        kind,
                        start_on: start,
                        notes: None,
                    },
                    now,
                )
                .unwrap();
            s.add_deadline(
                &NewDeadline {
                    client_id: Some(client),
                    episode_id: Some(episode),
                    what: rule.into(),
                    due: Some(due),
                    rule: Some(rule.into()),
                    ..NewDeadline::default()
                },
                now,
            )
            .unwrap();
            episode
        };
        let s2 = add(
            EpisodeKind::MhaS2,
            day(8, 17),
            "mha-s2-tribunal",
            day(8, 30),
        );
        add(
            EpisodeKind::PoliceProtection,
            day(11, 20),
            "police-protection-expiry",
            day(11, 23),
        );
        s.end_episode(s2, day(9, 13), now).unwrap();
        let rules = |v: Vec<crate::domain::DueItem>| -> Vec<(String, bool, bool)> {
            v.into_iter()
                .filter(|i| i.kind == DueKind::Deadline)
                .map(|i| (i.rule.unwrap_or_default(), i.cliff, i.episode_ended))
                .collect()
        };
        let pp = ("police-protection-expiry".to_string(), true, false);
        assert_eq!(rules(s.due_now(now, 14).unwrap()), vec![pp.clone()]);
        assert_eq!(
            rules(s.due_with_ended(now, 14).unwrap()),
            vec![pp, ("mha-s2-tribunal".to_string(), true, true)]
        );
    }

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
