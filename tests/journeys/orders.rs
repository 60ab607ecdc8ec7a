//! Orders with their own length, extensions to a date, and clocks ended
//! at a time.

use super::{add, d, one, open, store, t};
use caseload::domain::{EpisodeKind as K, NewEpisode};
use caseload::store::EpisodeOptions;
use caseload::store::prelude::*;

fn add_ending(
    s: &mut caseload::store::Store,
    c: i64,
    kind: K,
    on: chrono::NaiveDate,
    ends: chrono::NaiveDate,
) -> caseload::store::Result<i64> {
    s.add_episode_with(
        &NewEpisode {
            client_id: c,
            kind,
            start_on: on,
            notes: None,
        },
        EpisodeOptions {
            ends: Some((ends, None)),
            ..EpisodeOptions::default()
        },
        t(2026, 12, 1, 9, 0),
    )
    .map(|(id, _)| id)
}

/// Sch A1 paras 42(2) and 51-52: a standard authorisation lasts no longer
/// than the period the authoriser states, at most 1 year. In force 1 Dec
/// 2026: 12 months beginning with that day end 30 Nov 2027. An authorisation
/// to 30 Jun 2027 is entered as such; one to 30 Nov 2027 is the maximum;
/// 1 Dec 2027 is refused with the citation.
#[test]
fn a_standard_dols_authorisation_shorter_than_a_year_sch_a1_para_42() {
    let (mut s, c) = store();
    let e = add_ending(&mut s, c, K::Dols, d(2026, 12, 1), d(2027, 6, 30)).unwrap();
    assert_eq!(one(&s, e, "dols-expiry").due, d(2027, 6, 30));
    assert!(add_ending(&mut s, c, K::Dols, d(2026, 12, 1), d(2027, 11, 30)).is_ok());
    let err = add_ending(&mut s, c, K::Dols, d(2026, 12, 1), d(2027, 12, 1)).unwrap_err();
    assert!(err.to_string().contains("Sch A1"), "{err}");
    assert!(err.to_string().contains("30/11/2027"), "{err}");
}

/// An s3's length is set by the Act (s20), not an order: --ends is refused.
#[test]
fn ends_is_refused_where_the_act_sets_the_length_s20() {
    let (mut s, c) = store();
    let err = add_ending(&mut s, c, K::MhaS3, d(2026, 12, 1), d(2027, 3, 1)).unwrap_err();
    assert!(err.to_string().contains("set by law"), "{err}");
}

/// Sch A1 para 76(3): an urgent authorisation given 1 Dec 2026 lasts 7 days
/// beginning with that day, to 7 Dec (para 78); the standard request received
/// the same day would have 21 days (to 21 Dec, reg 13) but the assessments
/// are due by 7 Dec. Extended by the supervisory body by 7 days (paras
/// 84-86) to 14 Dec, the assessments follow to 14 Dec; a second extension is
/// refused, citing the paragraphs.
#[test]
fn dols_assessments_are_bounded_by_the_urgent_authorisation_para_76_3() {
    let (mut s, c) = store();
    let urgent = add(&mut s, c, K::DolsUrgent, d(2026, 12, 1), None, None).unwrap();
    let ue = one(&s, urgent, "dols-urgent-expiry");
    assert_eq!(ue.due, d(2026, 12, 7));
    let req = add(
        &mut s,
        c,
        K::DolsRequest,
        d(2026, 12, 1),
        None,
        Some(urgent),
    )
    .unwrap();
    assert!(
        s.episode(urgent).unwrap().end_on.is_none(),
        "the urgent continues"
    );
    assert_eq!(one(&s, req, "dols-request-assessments").due, d(2026, 12, 7));
    let ext = s.extend_deadline(ue.id, t(2026, 12, 5, 9, 0)).unwrap();
    assert_eq!(s.deadline(ext).unwrap().due, d(2026, 12, 14));
    assert_eq!(
        one(&s, req, "dols-request-assessments").due,
        d(2026, 12, 14)
    );
    let err = s.extend_deadline(ext, t(2026, 12, 6, 9, 0)).unwrap_err();
    assert!(err.to_string().contains("one extension only"), "{err}");
    assert!(err.to_string().contains("84-86"), "{err}");
}

/// Without an urgent authorisation the 21 days stand: received 1 Dec 2026,
/// due 21 Dec (reg 13(1)).
#[test]
fn a_request_alone_has_its_21_days_reg_13() {
    let (mut s, c) = store();
    let req = add(&mut s, c, K::DolsRequest, d(2026, 12, 1), None, None).unwrap();
    assert_eq!(
        one(&s, req, "dols-request-assessments").due,
        d(2026, 12, 21)
    );
}

/// paras 84-86: extended by up to 7 days, to the day the supervisory body
/// sets: from 7 Dec to 10 Dec (the request follows); to 15 Dec is more than
/// 7 days past 7 Dec (14 Dec) and is refused.
#[test]
fn an_extension_to_a_date_within_the_law_para_84() {
    let (mut s, c) = store();
    let urgent = add(&mut s, c, K::DolsUrgent, d(2026, 12, 1), None, None).unwrap();
    let req = add(
        &mut s,
        c,
        K::DolsRequest,
        d(2026, 12, 2),
        None,
        Some(urgent),
    )
    .unwrap();
    let ue = one(&s, urgent, "dols-urgent-expiry");
    let now = t(2026, 12, 5, 9, 0);
    let err = s
        .extend_deadline_until(ue.id, Some((d(2026, 12, 15), None)), now)
        .unwrap_err();
    assert!(err.to_string().contains("14/12/2026"), "{err}");
    let ext = s
        .extend_deadline_until(ue.id, Some((d(2026, 12, 10), None)), now)
        .unwrap();
    assert_eq!(s.deadline(ext).unwrap().due, d(2026, 12, 10));
    assert_eq!(
        one(&s, req, "dols-request-assessments").due,
        d(2026, 12, 10)
    );
}

/// s136B: extended once by up to 12 hours: arrival 6 Dec 2026 23:30, 24
/// hours to 7 Dec 23:30, extended to 8 Dec 06:00 (within 11:30); a second
/// extension is refused citing s136B.
#[test]
fn an_s136_extended_to_a_time_and_only_once_s136b() {
    let (mut s, c) = store();
    let pos = add(
        &mut s,
        c,
        K::MhaS136,
        d(2026, 12, 6),
        Some(t(2026, 12, 6, 23, 30)),
        None,
    )
    .unwrap();
    let dl = one(&s, pos, "mha-s136-expiry");
    let now = t(2026, 12, 7, 20, 0);
    assert!(
        s.extend_deadline_until(
            dl.id,
            Some((d(2026, 12, 8), Some(t(2026, 12, 8, 11, 31)))),
            now
        )
        .is_err()
    );
    let ext = s
        .extend_deadline_until(
            dl.id,
            Some((d(2026, 12, 8), Some(t(2026, 12, 8, 6, 0)))),
            now,
        )
        .unwrap();
    assert_eq!(s.deadline(ext).unwrap().due_at, Some(t(2026, 12, 8, 6, 0)));
    let err = s.extend_deadline(ext, now).unwrap_err();
    assert!(err.to_string().contains("s136B"), "{err}");
}

/// An hour clock ended at a time stops then: an s136 from 6 Dec 2026 23:30
/// (due 7 Dec 23:30) ended 7 Dec 16:10 has its expiry cancelled, and the
/// due list no longer shows it on that day.
#[test]
fn ending_an_hour_clock_at_a_time_cancels_its_expiry_that_day() {
    let (mut s, c) = store();
    let pos = add(
        &mut s,
        c,
        K::MhaS136,
        d(2026, 12, 6),
        Some(t(2026, 12, 6, 23, 30)),
        None,
    )
    .unwrap();
    let n = s
        .end_episode_at(
            pos,
            d(2026, 12, 7),
            Some(t(2026, 12, 7, 16, 10)),
            t(2026, 12, 7, 16, 15),
        )
        .unwrap();
    assert_eq!(n, 1);
    assert!(open(&s, pos, "mha-s136-expiry").is_empty());
    assert_eq!(s.episode(pos).unwrap().end_at, Some(t(2026, 12, 7, 16, 10)));
    let due = s.due(d(2026, 12, 7), 14).unwrap();
    assert!(
        due.iter()
            .all(|x| x.rule.as_deref() != Some("mha-s136-expiry")),
        "{due:?}"
    );
}

/// The end must not come before the start time.
#[test]
fn an_end_before_the_start_time_is_refused() {
    let (mut s, c) = store();
    let pos = add(
        &mut s,
        c,
        K::MhaS136,
        d(2026, 12, 6),
        Some(t(2026, 12, 6, 23, 30)),
        None,
    )
    .unwrap();
    assert!(
        s.end_episode_at(
            pos,
            d(2026, 12, 6),
            Some(t(2026, 12, 6, 22, 0)),
            t(2026, 12, 7, 9, 0)
        )
        .is_err()
    );
}

/// Sch A1 paras 63 and 89: the standard authorisation given 5 Dec 2026
/// ends the request and the urgent authorisation of 1 Dec (whose 7 days
/// ran to 7 Dec); its own 12 months end 4 Dec 2027 (para 42).
#[test]
fn a_standard_authorisation_ends_the_request_and_the_urgent_sch_a1_para_89() {
    let (mut s, c) = store();
    let urgent = add(&mut s, c, K::DolsUrgent, d(2026, 12, 1), None, None).unwrap();
    let req = add(
        &mut s,
        c,
        K::DolsRequest,
        d(2026, 12, 1),
        None,
        Some(urgent),
    )
    .unwrap();
    let std = add(&mut s, c, K::Dols, d(2026, 12, 5), None, Some(req)).unwrap();
    assert_eq!(s.episode(req).unwrap().end_on, Some(d(2026, 12, 5)));
    assert_eq!(s.episode(urgent).unwrap().end_on, Some(d(2026, 12, 5)));
    assert!(open(&s, urgent, "dols-urgent-expiry").is_empty());
    assert!(open(&s, req, "dols-request-assessments").is_empty());
    assert_eq!(one(&s, std, "dols-expiry").due, d(2027, 12, 4));
}
