//! A client's legal status in a line per open episode, with where it ends,
//! for paper (the outage pack): "s3, expires 13/03/2027", "s136, ends
//! 08/12/2026 14:30", "Looked after, since 01/09/2026".
//!
//! Where it ends is the rule engine's own date, never worked again here:
//! - a power renewed period after period (s3, a CTO, guardianship) expires
//!   at the end of its current period ([`CurrentPeriod`]);
//! - any other power with an end in law (s2, s136, police protection, an
//!   urgent DoLS) ends at its open expiry deadline (a rule whose id ends
//!   in `-expiry`), with its time for a clock counted in hours;
//! - the rest (looked after, a child protection plan) run until ended.

use crate::domain::when::due_at_words;
use crate::domain::{Deadline, LegalEpisode};

use super::CurrentPeriod;

/// The line for each open episode of `episodes`, in their order.
#[must_use]
pub fn legal_status(
    episodes: &[LegalEpisode],
    deadlines: &[Deadline],
    periods: &[CurrentPeriod],
) -> Vec<String> {
    episodes
        .iter()
        .filter(|e| e.end_on.is_none())
        .map(|e| {
            let short = e.kind.short();
            if let Some(p) = periods.iter().find(|p| p.episode_id == e.id) {
                return format!("{short}, expires {}", crate::dates::display::date(p.ends));
            }
            let expiry = deadlines
                .iter()
                .filter(|d| d.episode_id == Some(e.id) && d.is_open())
                .filter(|d| d.rule.as_deref().is_some_and(|r| r.ends_with("-expiry")))
                .min_by_key(|d| (d.due, d.due_at, d.id));
            match expiry {
                Some(d) => format!("{short}, ends {}", due_at_words(d.due, d.due_at)),
                None => format!("{short}, since {}", e.started()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EpisodeKind, NewClient, NewEpisode};
    use crate::store::Store;
    use crate::store::prelude::*;
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|x| x.and_hms_opt(h, min, 0))
            .unwrap()
    }

    fn status(kind: EpisodeKind, start: NaiveDateTime, timed: bool) -> Vec<String> {
        let now = at(2026, 12, 7, 9, 0);
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
        let new = NewEpisode {
            client_id: c,
            kind,
            start_on: start.date(),
            notes: None,
        };
        s.add_legal_episode_at(&new, timed.then_some(start), now)
            .unwrap();
        let episodes = s.episodes(c).unwrap();
        let deadlines = s.deadlines(c).unwrap();
        let periods = super::super::current_periods(&episodes, &deadlines, s.rules(), now.date());
        legal_status(&episodes, &deadlines, &periods)
    }

    /// MHA 1983 s20(1): 6 months beginning with the day of admission; an
    /// s3 admitted on 14 Sep 2026 expires at the end of 13 Mar 2027.
    #[test]
    fn an_s3_expires_at_the_end_of_its_period() {
        let s = status(EpisodeKind::MhaS3, at(2026, 9, 14, 0, 0), false);
        assert_eq!(s, ["s3, expires 13/03/2027"]);
    }

    /// MHA 1983 s136(2A): 24 hours beginning with the arrival at the place
    /// of safety; arrived 14:30 on 7 Dec 2026, ends 14:30 on 8 Dec.
    #[test]
    fn an_s136_ends_at_its_hour() {
        let s = status(EpisodeKind::MhaS136, at(2026, 12, 7, 14, 30), true);
        assert_eq!(s, ["s136, ends 08/12/2026 14:30"]);
    }

    /// Children Act 1989 s20/s22: looked after until it ends; no end in law.
    #[test]
    fn looked_after_runs_since_its_start() {
        let s = status(EpisodeKind::Lac, at(2026, 9, 1, 0, 0), false);
        assert_eq!(s, ["Looked after, since 01/09/2026"]);
    }
}
