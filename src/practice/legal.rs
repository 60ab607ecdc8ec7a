//! Where each open legal episode stands: the end of its current period and
//! the window in which it may be renewed. Both dates are the rule engine's
//! own (it stores them on the period's deadline when it generates it:
//! `due` and `window_opens`); this only finds that deadline, so the
//! Summary tab, `client show` and the summary export say the same thing.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::{Deadline, EpisodeKind, LegalEpisode};
use crate::rules::{EpisodeStart, Generated, RuleSet};

/// The current period of an open episode that ends unless renewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurrentPeriod {
    /// The episode.
    pub episode_id: i64,
    /// The last day of the current period (the period's deadline).
    pub ends: NaiveDate,
    /// The first day the renewal may be done, from the rule's window.
    pub window_opens: Option<NaiveDate>,
    /// What continuing it is called: "renewal", or "extension" for a CTO.
    pub continued_by: &'static str,
    /// The deadline that marks the end (0 when the episode has no stored
    /// period deadline and the engine worked the period out).
    pub deadline_id: i64,
}

impl CurrentPeriod {
    /// "expires 30 Nov 2026, renewal window from 1 Oct": the period's end
    /// and window as the practitioner reads them (the year of the window
    /// shown only when it differs).
    #[must_use]
    pub fn words(&self) -> String {
        use crate::dates::display::{day_month, day_month_year};
        let mut out = format!("expires {}", day_month_year(self.ends));
        if let Some(opens) = self.window_opens {
            let when = if opens.year() == self.ends.year() {
                day_month(opens)
            } else {
                day_month_year(opens)
            };
            out.push_str(&format!(", {} window from {when}", self.continued_by));
        }
        out
    }
}

/// The current period of each open episode whose rules set one (s3, CTO,
/// guardianship…), in the order of `episodes`, as of `today`. Episodes with
/// no such rule (s117, a child protection plan) have none.
///
/// The period's open deadline, when the episode has its statutory
/// deadlines, says where it ends. An episode recorded without them (added
/// by hand or imported) is worked out by the engine from its start: the
/// first period, then each renewal in turn (an episode still open has been
/// renewed) until the one that contains `today`.
#[must_use]
pub fn current_periods(
    episodes: &[LegalEpisode],
    deadlines: &[Deadline],
    rules: &RuleSet,
    today: NaiveDate,
) -> Vec<CurrentPeriod> {
    let ends_period = |rule: Option<&str>| {
        rule.and_then(|r| rules.rule(r))
            .is_some_and(crate::rules::pack::Rule::ends_period)
    };
    episodes
        .iter()
        .filter(|e| e.end_on.is_none())
        .filter_map(|e| {
            // Generated period deadlines carry their window; one added by
            // hand that merely names the rule does not, and says nothing
            // about where the period ends.
            let stored: Vec<&Deadline> = deadlines
                .iter()
                .filter(|d| {
                    d.episode_id == Some(e.id)
                        && ends_period(d.rule.as_deref())
                        && d.window_opens.is_some()
                })
                .collect();
            let d = if stored.is_empty() {
                worked_out(e, rules, today)?
            } else {
                stored
                    .into_iter()
                    .filter(|d| d.completed_on.is_none() && !d.cancelled)
                    .min_by_key(|d| (d.due, d.id))?
                    .clone()
            };
            Some(CurrentPeriod {
                episode_id: e.id,
                ends: d.due,
                window_opens: d.window_opens,
                continued_by: if e.kind == EpisodeKind::Cto {
                    "extension"
                } else {
                    "renewal"
                },
                deadline_id: d.id,
            })
        })
        .collect()
}

/// The period containing `today` of an episode with no stored period
/// deadline, from the engine: its first deadline, then `next_after` each
/// expiry (renewed on the day), at most 100 periods on.
fn worked_out(e: &LegalEpisode, rules: &RuleSet, today: NaiveDate) -> Option<Deadline> {
    let target = crate::rules::engine::Target {
        client_id: e.client_id,
        episode_id: Some(e.id),
        dob: None,
    };
    let is_period = |g: &Generated| {
        g.deadline
            .rule
            .as_deref()
            .and_then(|r| rules.rule(r))
            .is_some_and(crate::rules::pack::Rule::ends_period)
    };
    let first = rules
        .initial_deadlines(e.kind, EpisodeStart::day(e.start_on), target)
        .into_iter()
        .find(is_period)?;
    let mut d = as_deadline(&first, e, 0);
    for _ in 0..100 {
        if d.due >= today {
            return Some(d);
        }
        let next = rules
            .next_after(&d, d.due, e.start_on, None)
            .into_iter()
            .find(|g| is_period(g) && g.deadline.rule == d.rule)?;
        d = as_deadline(&next, e, d.chain_index + 1);
    }
    None
}

/// A generated deadline as if stored (id 0: it is not).
fn as_deadline(g: &Generated, e: &LegalEpisode, index: i64) -> Deadline {
    Deadline {
        id: 0,
        client_id: Some(e.client_id),
        episode_id: Some(e.id),
        what: g.deadline.what.clone(),
        due: g.deadline.due.unwrap_or(e.start_on),
        warn_from: g.deadline.warn_from,
        rule: g.deadline.rule.clone(),
        source: g.deadline.source.clone(),
        weight: g.deadline.weight.unwrap_or(0),
        chain_index: index,
        completed_on: None,
        outcome: None,
        cancelled: false,
        created_at: e.created_at,
        due_at: g.due_at,
        window_opens: g.window_opens,
        later_due: g.later_due,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewClient, NewEpisode};
    use crate::store::Store;
    use crate::store::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A store holding one client, Ada Kestrel, added at `now`.
    fn ada_kestrel(now: chrono::NaiveDateTime) -> (Store, i64) {
        let mut s = Store::open_in_memory().unwrap();
        let c = s
            .add_client(
                &NewClient {
                    given_name: "Ada".into(),
                    family_name: "Kestrel".into(),
                    ..NewClient::default()
                },
                now,
            )
            .unwrap();
        (s, c)
    }

    fn periods_for(kind: EpisodeKind, start: NaiveDate) -> (Store, i64, Vec<CurrentPeriod>) {
        let now = d(2026, 11, 29).and_hms_opt(9, 0, 0).unwrap();
        let (mut s, c) = ada_kestrel(now);
        let (e, _) = s
            .add_legal_episode(
                &NewEpisode {
                    client_id: c,
                    kind,
                    start_on: start,
                    notes: None,
                },
                now,
            )
            .unwrap();
        let p = current_periods(
            &s.episodes(c).unwrap(),
            &s.deadlines(c).unwrap(),
            s.rules(),
            d(2026, 11, 29),
        );
        (s, e, p)
    }

    #[test]
    fn a_section_3_shows_its_expiry_and_renewal_window() {
        // Admitted 31 May: 6 months beginning with that day end 30 November;
        // the renewal examination is in the last 2 months, from 1 October.
        let (_s, e, p) = periods_for(EpisodeKind::MhaS3, d(2026, 5, 31));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].episode_id, e);
        assert_eq!(p[0].ends, d(2026, 11, 30));
        assert_eq!(p[0].window_opens, Some(d(2026, 10, 1)));
        assert_eq!(
            p[0].words(),
            "expires 30 Nov 2026, renewal window from 1 Oct"
        );
    }

    #[test]
    fn a_cto_is_extended_and_a_window_across_new_year_names_its_year() {
        let (_s, _e, p) = periods_for(EpisodeKind::Cto, d(2026, 8, 1));
        assert_eq!(p[0].ends, d(2027, 1, 31));
        assert_eq!(
            p[0].words(),
            "expires 31 Jan 2027, extension window from 1 Dec 2026"
        );
    }

    #[test]
    fn an_episode_without_a_renewable_period_has_none() {
        let (_s, _e, p) = periods_for(EpisodeKind::S117, d(2026, 5, 31));
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn only_the_expiry_rules_end_a_period() {
        let rules = RuleSet::embedded().unwrap();
        let ends: Vec<&str> = rules
            .rules()
            .iter()
            .filter(|r| r.ends_period())
            .map(|r| r.id.as_str())
            .collect();
        assert!(ends.contains(&"mha-s3-expiry"), "{ends:?}");
        assert!(ends.contains(&"cto-expiry"), "{ends:?}");
        assert!(!ends.contains(&"mha-s3-tribunal"), "{ends:?}");
    }

    /// An episode stored without its statutory deadlines (the demo, an
    /// import) still shows its period, worked out by the engine: in the
    /// first period, and after renewals (still open, so renewed).
    #[test]
    fn an_episode_without_stored_deadlines_is_worked_out_from_its_start() {
        let now = d(2026, 11, 29).and_hms_opt(9, 0, 0).unwrap();
        let (mut s, c) = ada_kestrel(now);
        for start in [d(2026, 5, 31), d(2025, 5, 31)] {
            s.add_episode(
                &NewEpisode {
                    client_id: c,
                    kind: EpisodeKind::MhaS3,
                    start_on: start,
                    notes: None,
                },
                now,
            )
            .unwrap();
        }
        assert!(s.deadlines(c).unwrap().is_empty());
        let episodes = s.episodes(c).unwrap();
        let p = current_periods(&episodes, &[], s.rules(), d(2026, 11, 29));
        let by_start = |y| {
            let e = episodes.iter().find(|e| e.start_on == d(y, 5, 31)).unwrap();
            p.iter().find(|p| p.episode_id == e.id).unwrap().clone()
        };
        let first = by_start(2026);
        assert_eq!(first.ends, d(2026, 11, 30));
        assert_eq!(first.window_opens, Some(d(2026, 10, 1)));
        assert_eq!(first.deadline_id, 0);
        // Admitted 31 May 2025 and renewed twice: the same period the store
        // reaches by completing each renewal as it falls due.
        let third = by_start(2025);
        let (store, e, _) = periods_for(EpisodeKind::MhaS3, d(2025, 5, 31));
        let mut store = store;
        for _ in 0..2 {
            let open = store
                .deadlines(1)
                .unwrap()
                .into_iter()
                .filter(|x| {
                    x.episode_id == Some(e)
                        && x.rule.as_deref() == Some("mha-s3-expiry")
                        && x.completed_on.is_none()
                        && !x.cancelled
                })
                .min_by_key(|x| x.due)
                .unwrap();
            store
                .complete_deadline(
                    open.id,
                    open.due,
                    crate::domain::Completion::outcome("renewed"),
                    open.due.and_hms_opt(12, 0, 0).unwrap(),
                )
                .unwrap();
        }
        let stored = current_periods(
            &store.episodes(1).unwrap(),
            &store.deadlines(1).unwrap(),
            store.rules(),
            d(2026, 11, 29),
        );
        assert_eq!(third.ends, stored[0].ends);
        assert_eq!(third.window_opens, stored[0].window_opens);
        assert!(
            third.ends > d(2027, 5, 1) && third.ends <= d(2027, 5, 31),
            "{third:?}"
        );
    }

    /// A deadline added by hand that names the expiry rule (no window) does
    /// not stand for the period's end: the engine works it out.
    #[test]
    fn a_hand_deadline_naming_the_rule_does_not_move_the_period_end() {
        let now = d(2026, 11, 22).and_hms_opt(9, 0, 0).unwrap();
        let (mut s, c) = ada_kestrel(now);
        let e = s
            .add_episode(
                &NewEpisode {
                    client_id: c,
                    kind: EpisodeKind::Cto,
                    start_on: d(2026, 6, 15),
                    notes: None,
                },
                now,
            )
            .unwrap();
        s.add_deadline(
            &crate::domain::NewDeadline {
                client_id: Some(c),
                episode_id: Some(e),
                what: "Examination before renewal".into(),
                due: Some(d(2026, 12, 12)),
                rule: Some("cto-expiry".into()),
                ..crate::domain::NewDeadline::default()
            },
            now,
        )
        .unwrap();
        let p = current_periods(
            &s.episodes(c).unwrap(),
            &s.deadlines(c).unwrap(),
            s.rules(),
            d(2026, 11, 22),
        );
        assert_eq!(p[0].ends, d(2026, 12, 14));
        assert_eq!(p[0].window_opens, Some(d(2026, 10, 15)));
    }
}
