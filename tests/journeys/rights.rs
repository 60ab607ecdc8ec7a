//! Rights across the journey: the tribunal windows and the fixes of
//! issue 36 (an s2 tribunal, the AMHP's second medical).

use super::{add, d, one, open, store};
use caseload::domain::EpisodeKind as K;
use caseload::store::NewMark;
use caseload::store::prelude::*;

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

/// A hospital order made 10 Feb 2026 (s37): no application in its first
/// 6 months (Sch 1 Pt 1 paras 2 and 9); the first window is the first
/// renewal period, opening when the 6 months beginning with 10 Feb expire
/// (after 9 Aug 2026: 10 Aug) and closing with 12 months beginning with the
/// order, 9 Feb 2027 (s66(1)(f), (2)(f); the nearest relative the same,
/// s69(1)(a)); then each 12-month renewal period: 10 Feb 2027 to 9 Feb 2028.
#[test]
fn a_hospital_order_has_no_window_in_its_first_6_months_sch_1_s66_1_f_s69_1_a() {
    let (mut s, c) = store();
    let order = add(&mut s, c, K::MhaS37, d(2026, 2, 10), None, None).unwrap();
    let w = one(&s, order, "mha-s37-tribunal");
    assert_eq!(w.due, d(2027, 2, 9));
    assert_eq!(w.window_opens, Some(d(2026, 8, 10)));
    assert_eq!(one(&s, order, "mha-s37-expiry").due, d(2026, 8, 9));
    s.complete_deadline(
        w.id,
        d(2027, 2, 9),
        caseload::domain::Completion::outcome("no application"),
        super::t(2027, 2, 9, 17, 0),
    )
    .unwrap();
    let next = one(&s, order, "mha-s37-tribunal");
    assert_eq!(next.due, d(2028, 2, 9));
    assert_eq!(next.window_opens, Some(d(2027, 2, 10)));
    assert_eq!(next.chain_index, 2, "the third period of the order");
}

/// s66(1)(h), (2)(g): an s29 order displacing the nearest relative made on
/// 15 Mar 2027: the displaced nearest relative may apply within 12 months
/// beginning with that day, to 14 Mar 2028 (the window open from the
/// order), then in each later 12 months the order lasts: to 14 Mar 2029.
#[test]
fn a_displaced_nearest_relative_may_apply_yearly_s66_1_h_2_g() {
    let (mut s, c) = store();
    let app = add(&mut s, c, K::S29Application, d(2027, 1, 20), None, None).unwrap();
    assert!(
        open(&s, app, "mha-s66-h-displaced-nr").is_empty(),
        "no order yet"
    );
    s.add_mark(
        &NewMark {
            episode_id: app,
            mark: "order-made".into(),
            on: d(2027, 3, 15),
            at: None,
            outcome: None,
        },
        super::t(2027, 3, 15, 16, 0),
    )
    .unwrap();
    let w = one(&s, app, "mha-s66-h-displaced-nr");
    assert_eq!(w.due, d(2028, 3, 14));
    assert_eq!(w.window_opens, Some(d(2027, 3, 15)));
    s.complete_deadline(
        w.id,
        d(2028, 3, 14),
        caseload::domain::Completion::outcome("no application"),
        super::t(2028, 3, 14, 17, 0),
    )
    .unwrap();
    assert_eq!(one(&s, app, "mha-s66-h-displaced-nr").due, d(2029, 3, 14));
}
