//! Rights across the journey: the tribunal windows and the fixes of
//! issue 36 (an s2 tribunal, the AMHP's second medical).

use super::{add, d, one, open, store};
use caseload::domain::EpisodeKind as K;
use caseload::store::NewMark;

/// HESC r37(1): an application following an s2, received 10 Dec 2026:
/// the hearing starts within 7 days after that day, by 17 Dec; no 3-week
/// report deadline (r32(5)-(6): an s2's reports come before the hearing).
#[test]
fn an_s2_tribunal_is_heard_within_7_days_and_has_no_3_week_reports_r37_1() {
    let (mut s, c) = store();
    let s2 = add(&mut s, c, K::MhaS2, d(2026, 12, 7), None, None).unwrap();
    let trib = add(&mut s, c, K::MhaTribunal, d(2026, 12, 10), None, Some(s2)).unwrap();
    assert_eq!(
        one(&s, trib, "mha-tribunal-s2-hearing").due,
        d(2026, 12, 17)
    );
    assert!(open(&s, trib, "mha-tribunal-reports").is_empty());
}

/// r32(6) and the 2013 Practice Direction: for an s3 the reports are due
/// 3 weeks after the application (10 Dec 2026: 31 Dec); no 7-day hearing.
#[test]
fn an_s3_tribunal_keeps_the_3_week_reports_r32_6() {
    let (mut s, c) = store();
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 11, 1), None, None).unwrap();
    let trib = add(&mut s, c, K::MhaTribunal, d(2026, 12, 10), None, Some(s3)).unwrap();
    assert_eq!(one(&s, trib, "mha-tribunal-reports").due, d(2026, 12, 31));
    assert!(open(&s, trib, "mha-tribunal-s2-hearing").is_empty());
}

/// Linked afterwards to its s2, the report deadline goes and the 7-day
/// hearing comes (received 10 Dec 2026: 17 Dec).
#[test]
fn linking_a_tribunal_to_its_s2_applies_r37_1() {
    let (mut s, c) = store();
    let s2 = add(&mut s, c, K::MhaS2, d(2026, 12, 7), None, None).unwrap();
    let trib = add(&mut s, c, K::MhaTribunal, d(2026, 12, 10), None, None).unwrap();
    assert_eq!(open(&s, trib, "mha-tribunal-reports").len(), 1);
    s.link_episode(trib, s2, super::t(2026, 12, 10, 12, 0))
        .unwrap();
    assert!(open(&s, trib, "mha-tribunal-reports").is_empty());
    assert_eq!(
        one(&s, trib, "mha-tribunal-s2-hearing").due,
        d(2026, 12, 17)
    );
}

/// s12(1): first medical 2 Dec 2026, so the second within 5 days, by 7 Dec;
/// the last medical marked on 4 Dec closes it; s6(1)(a): admit within 14
/// days beginning with 4 Dec, by 17 Dec.
#[test]
fn the_last_medical_closes_the_second_medical_s12_1_s6_1_a() {
    let (mut s, c) = store();
    let amhp = add(&mut s, c, K::AmhpApplication, d(2026, 12, 1), None, None).unwrap();
    let mark = |s: &mut caseload::store::Store, m: &str, on| {
        s.add_mark(
            &NewMark {
                episode_id: amhp,
                mark: m.into(),
                on,
                at: None,
                outcome: None,
            },
            super::t(2026, 12, 4, 18, 0),
        )
        .unwrap();
    };
    mark(&mut s, "first-medical", d(2026, 12, 2));
    assert_eq!(one(&s, amhp, "amhp-second-medical").due, d(2026, 12, 7));
    mark(&mut s, "last-medical", d(2026, 12, 4));
    assert!(open(&s, amhp, "amhp-second-medical").is_empty());
    assert_eq!(one(&s, amhp, "amhp-admission").due, d(2026, 12, 17));
}

/// s66(1)(c), (2)(c): guardianship accepted 15 Jan 2027: the right to
/// apply runs 6 months beginning with that day, to 14 Jul 2027.
#[test]
fn guardianship_has_its_tribunal_window_s66_1_c() {
    let (mut s, c) = store();
    let g = add(&mut s, c, K::Guardianship, d(2027, 1, 15), None, None).unwrap();
    let w = one(&s, g, "guardianship-tribunal");
    assert_eq!(w.due, d(2027, 7, 14));
    assert_eq!(w.window_opens, Some(d(2027, 1, 15)));
}
