//! Where each open legal episode stands: the end of its current period and
//! the window in which it may be renewed. Both dates are the rule engine's
//! own (it stores them on the period's deadline when it generates it:
//! `due` and `window_opens`); this only finds that deadline, so the
//! Summary tab, `client show` and the summary export say the same thing.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Deadline, EpisodeKind, LegalEpisode};
use crate::rules::RuleSet;

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
    /// The deadline that marks the end.
    pub deadline_id: i64,
}

impl CurrentPeriod {
    /// "expires 30 Nov 2026, renewal window from 1 Oct": the period's end
    /// and window as the practitioner reads them (the year of the window
    /// shown only when it differs).
    #[must_use]
    pub fn words(&self) -> String {
        let mut out = format!("expires {}", self.ends.format("%-d %b %Y"));
        if let Some(opens) = self.window_opens {
            let fmt = if opens.format("%Y").to_string() == self.ends.format("%Y").to_string() {
                "%-d %b"
            } else {
                "%-d %b %Y"
            };
            out.push_str(&format!(
                ", {} window from {}",
                self.continued_by,
                opens.format(fmt)
            ));
        }
        out
    }
}

/// The current period of each open episode whose rules set one (s3, CTO,
/// guardianship…), in the order of `episodes`. Episodes with no such rule
/// (s117, a child protection plan) have none.
#[must_use]
pub fn current_periods(
    episodes: &[LegalEpisode],
    deadlines: &[Deadline],
    rules: &RuleSet,
) -> Vec<CurrentPeriod> {
    episodes
        .iter()
        .filter(|e| e.end_on.is_none())
        .filter_map(|e| {
            let d = deadlines
                .iter()
                .filter(|d| d.episode_id == Some(e.id) && d.completed_on.is_none() && !d.cancelled)
                .filter(|d| {
                    d.rule
                        .as_deref()
                        .and_then(|r| rules.rule(r))
                        .is_some_and(crate::rules::pack::Rule::ends_period)
                })
                .min_by_key(|d| (d.due, d.id))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewClient, NewEpisode};
    use crate::store::Store;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn periods_for(kind: EpisodeKind, start: NaiveDate) -> (Store, i64, Vec<CurrentPeriod>) {
        let mut s = Store::open_in_memory().unwrap();
        let now = d(2026, 11, 29).and_hms_opt(9, 0, 0).unwrap();
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
        let p = current_periods(&s.episodes(c).unwrap(), &s.deadlines(c).unwrap(), s.rules());
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
}
