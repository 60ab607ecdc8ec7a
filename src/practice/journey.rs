//! The journey as a line: the powers linked by `follows`, in the order they
//! began, each with its start (and time) and, where the law names how it
//! ended, that word ("s136 06/12/2026 23:30 → s2 07/12 14:00 → s3 21/12
//! (suspended) → CTO …"). `episode list`, the Summary tab and `client show`
//! ask here.

use chrono::Datelike;

use crate::dates::display;
use crate::domain::LegalEpisode;

/// The journeys among `episodes` (episodes linked to at least one other),
/// each in the order its powers began.
#[must_use]
pub fn journeys(episodes: &[LegalEpisode]) -> Vec<Vec<&LegalEpisode>> {
    let mut groups: Vec<Vec<&LegalEpisode>> = Vec::new();
    let mut placed: Vec<i64> = Vec::new();
    for e in episodes {
        if placed.contains(&e.id) {
            continue;
        }
        let mut group = vec![e];
        loop {
            let before = group.len();
            for x in episodes {
                let linked = group
                    .iter()
                    .any(|g| x.follows_id == Some(g.id) || g.follows_id == Some(x.id));
                if linked && !group.iter().any(|g| g.id == x.id) {
                    group.push(x);
                }
            }
            if group.len() == before {
                break;
            }
        }
        placed.extend(group.iter().map(|g| g.id));
        if group.len() > 1 {
            group.sort_by_key(|g| (g.start_on, g.start_at, g.id));
            groups.push(group);
        }
    }
    groups
}

/// The short name of a power in a journey line ("s136", "CTO recall").
fn short(e: &LegalEpisode) -> &'static str {
    e.kind.short()
}

/// One journey as a line of powers with their starts and how each ended.
#[must_use]
pub fn line(journey: &[&LegalEpisode]) -> String {
    let mut out = String::new();
    let mut year = None;
    for e in journey {
        if !out.is_empty() {
            out.push_str(" → ");
        }
        let day = if year == Some(e.start_on.year()) {
            display::short(e.start_on)
        } else {
            display::date(e.start_on)
        };
        year = Some(e.start_on.year());
        out.push_str(short(e));
        out.push(' ');
        out.push_str(&day);
        if let Some(t) = e.start_at {
            out.push_str(&t.format(" %H:%M").to_string());
        }
        if let Some(reason) = e.end_reason.as_deref().filter(|r| *r != "ended") {
            out.push_str(&format!(" ({reason})"));
        }
    }
    out
}

/// Every journey among `episodes` as its line.
#[must_use]
pub fn lines(episodes: &[LegalEpisode]) -> Vec<String> {
    journeys(episodes).iter().map(|j| line(j)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EpisodeKind;
    use chrono::NaiveDate;

    fn ep(id: i64, kind: EpisodeKind, d: (i32, u32, u32), at: Option<(u32, u32)>) -> LegalEpisode {
        let on = NaiveDate::from_ymd_opt(d.0, d.1, d.2).unwrap();
        LegalEpisode {
            id,
            client_id: 1,
            kind,
            start_on: on,
            end_on: None,
            notes: None,
            created_at: on.and_hms_opt(9, 0, 0).unwrap(),
            start_at: at.map(|(h, m)| on.and_hms_opt(h, m, 0).unwrap()),
            follows_id: None,
            end_at: None,
            end_reason: None,
        }
    }

    #[test]
    fn a_journey_reads_as_a_line_with_times_and_the_laws_words() {
        let mut s136 = ep(1, EpisodeKind::MhaS136, (2026, 12, 6), Some((23, 30)));
        s136.end_reason = Some("ended".into());
        let mut s2 = ep(2, EpisodeKind::MhaS2, (2026, 12, 7), Some((14, 0)));
        s2.follows_id = Some(1);
        let mut s3 = ep(3, EpisodeKind::MhaS3, (2026, 12, 21), None);
        s3.follows_id = Some(2);
        s3.end_reason = Some("suspended".into());
        let mut cto = ep(4, EpisodeKind::Cto, (2027, 5, 20), None);
        cto.follows_id = Some(3);
        let alone = ep(5, EpisodeKind::S117, (2026, 1, 1), None);
        let all = vec![cto, alone, s3, s2, s136];
        assert_eq!(
            lines(&all),
            vec![
                "s136 06/12/2026 23:30 → s2 07/12 14:00 → s3 21/12 (suspended) → CTO 20/05/2027"
                    .to_string()
            ]
        );
    }
}
