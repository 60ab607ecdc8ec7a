//! More clocks of the job (issue 36 item 6), each worked by hand.

use super::{add, d, one, open, store, t};
use caseload::domain::Completion;
use caseload::domain::EpisodeKind as K;
use caseload::store::NewMark;
use caseload::store::prelude::*;

fn mark(s: &mut caseload::store::Store, ep: i64, m: &str, on: chrono::NaiveDate) {
    s.add_mark(
        &NewMark {
            episode_id: ep,
            mark: m.into(),
            on,
            at: None,
            outcome: None,
        },
        on.and_hms_opt(18, 0, 0).unwrap(),
    )
    .unwrap();
}

/// s25(1): the order received by the managers 7 Dec 2026 at 16:45; the RC
/// may bar it within 72 hours, to 10 Dec 16:45. Barred: the clock stops;
/// the nearest relative told 11 Dec has 28 days beginning with that day to
/// apply, to 7 Jan 2027 (s66(1)(g), (2)(d)).
#[test]
fn a_nearest_relatives_discharge_order_s25_1_s66_1_g() {
    let (mut s, c) = store();
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 11, 1), None, None).unwrap();
    let nr = add(
        &mut s,
        c,
        K::NrDischargeOrder,
        d(2026, 12, 7),
        Some(t(2026, 12, 7, 16, 45)),
        Some(s3),
    )
    .unwrap();
    assert!(s.episode(s3).unwrap().end_on.is_none());
    assert_eq!(
        one(&s, nr, "mha-s25-bar").due_at,
        Some(t(2026, 12, 10, 16, 45))
    );
    mark(&mut s, nr, "barred", d(2026, 12, 9));
    assert!(open(&s, nr, "mha-s25-bar").is_empty());
    mark(&mut s, nr, "nr-informed", d(2026, 12, 11));
    assert_eq!(one(&s, nr, "mha-s66-g-nr").due, d(2027, 1, 7));
}

/// s29(4): an s2 from 1 Dec 2026 (28 days to 28 Dec); an s29 application
/// made 20 Dec: the s2 does not end on 28 Dec while it is pending; an order
/// made 5 Jan 2027 extends it 7 days more, to 12 Jan.
#[test]
fn an_s29_application_keeps_the_s2_going_s29_4() {
    let (mut s, c) = store();
    let s2 = add(&mut s, c, K::MhaS2, d(2026, 12, 1), None, None).unwrap();
    assert_eq!(one(&s, s2, "mha-s2-expiry").due, d(2026, 12, 28));
    let app = add(
        &mut s,
        c,
        K::S29Application,
        d(2026, 12, 20),
        None,
        Some(s2),
    )
    .unwrap();
    assert!(open(&s, s2, "mha-s2-expiry").is_empty());
    assert!(s.episode(s2).unwrap().end_on.is_none());
    mark(&mut s, app, "order-made", d(2027, 1, 5));
    assert_eq!(one(&s, app, "mha-s29-s2-order").due, d(2027, 1, 12));
}

/// s18(4): absent from 3 Mar 2027: 6 months beginning with that day, to
/// 2 Sep 2027; returned 10 Apr: s21B(2), one week beginning with that day,
/// to 16 Apr.
#[test]
fn awol_limits_s18_4_s21b() {
    let (mut s, c) = store();
    let s3 = add(&mut s, c, K::MhaS3, d(2027, 1, 5), None, None).unwrap();
    let aw = add(&mut s, c, K::Awol, d(2027, 3, 3), None, Some(s3)).unwrap();
    assert_eq!(one(&s, aw, "mha-s18-awol-limit").due, d(2027, 9, 2));
    mark(&mut s, aw, "returned", d(2027, 4, 10));
    assert_eq!(one(&s, aw, "mha-s21b-report").due, d(2027, 4, 16));
}

/// s18(5): admitted under s2 on 1 Dec 2026 (28 days beginning with it: to
/// 28 Dec); absent without leave from 10 Dec: 6 months would run to 9 Jun
/// 2027, but a patient under s2 may not be taken into custody after the s2
/// ends: the limit is 28 Dec 2026.
#[test]
fn awol_under_s2_ends_with_the_s2_s18_5() {
    let (mut s, c) = store();
    let s2 = add(&mut s, c, K::MhaS2, d(2026, 12, 1), None, None).unwrap();
    let aw = add(&mut s, c, K::Awol, d(2026, 12, 10), None, Some(s2)).unwrap();
    let limit = one(&s, aw, "mha-s18-awol-limit");
    assert_eq!(limit.due, d(2026, 12, 28));
    assert!(
        limit.what.contains("by the end of the MHA s2"),
        "{}",
        limit.what
    );
    assert!(s.episode(s2).unwrap().end_on.is_none(), "the s2 continues");
}

/// s35(7): remanded 1 Dec 2026: 28 days beginning with that day, to 28
/// Dec; renewed twice, 25 Jan and 22 Feb 2027 (12 weeks in all: day 84).
/// No fourth period.
#[test]
fn a_remand_is_28_days_at_a_time_and_12_weeks_in_all_s35_7() {
    let (mut s, c) = store();
    let r = add(&mut s, c, K::MhaS35, d(2026, 12, 1), None, None).unwrap();
    let mut dues = Vec::new();
    for _ in 0..3 {
        let x = one(&s, r, "mha-s35-remand");
        dues.push(x.due);
        s.complete_deadline(
            x.id,
            x.due,
            Completion::outcome("remanded again"),
            x.due.and_hms_opt(12, 0, 0).unwrap(),
        )
        .map(|c| c.next)
        .unwrap();
    }
    assert_eq!(dues, vec![d(2026, 12, 28), d(2027, 1, 25), d(2027, 2, 22)]);
    assert!(open(&s, r, "mha-s35-remand").is_empty());
}

/// A hospital order disposes of the remand: s35 from 1 Dec 2026, s37 on 20
/// Dec: the remand ends that day; the order's 6 months end 19 Jun 2027
/// (s40(4), s20(1)).
#[test]
fn a_hospital_order_follows_the_remand_s37_s40_4() {
    let (mut s, c) = store();
    let r = add(&mut s, c, K::MhaS35, d(2026, 12, 1), None, None).unwrap();
    let h = add(&mut s, c, K::MhaS37, d(2026, 12, 20), None, Some(r)).unwrap();
    assert_eq!(s.episode(r).unwrap().end_on, Some(d(2026, 12, 20)));
    assert_eq!(one(&s, h, "mha-s37-expiry").due, d(2027, 6, 19));
}

/// s70: a restriction order made 15 Jan 2027: the first window is between
/// the end of 6 months (14 Jul) and of 12 months (14 Jan 2028), so it opens
/// 15 Jul 2027; s71(2): the Secretary of State refers after 3 years.
/// s47(2): a transfer direction given 1 Dec 2026 lapses unless the person is
/// received within 14 days beginning with that day, by 14 Dec.
#[test]
fn restricted_and_transferred_patients_s70_s71_s47_2() {
    let (mut s, c) = store();
    let r = add(&mut s, c, K::MhaS37_41, d(2027, 1, 15), None, None).unwrap();
    let w = one(&s, r, "mha-s70-first");
    assert_eq!(w.due, d(2028, 1, 14));
    assert_eq!(w.window_opens, Some(d(2027, 7, 15)));
    assert_eq!(one(&s, r, "mha-s71-reference").due, d(2030, 1, 15));
    let t47 = add(&mut s, c, K::MhaS47, d(2026, 12, 1), None, None).unwrap();
    assert_eq!(one(&s, t47, "mha-s47-admission").due, d(2026, 12, 14));
}

/// s17(2A): leave from 1 Dec 2026: beyond 7 consecutive days (7 days
/// beginning with 1 Dec end 7 Dec) the RC must first consider a CTO.
#[test]
fn leave_beyond_7_days_asks_about_a_cto_s17_2a() {
    let (mut s, c) = store();
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 11, 1), None, None).unwrap();
    let l = add(&mut s, c, K::S17Leave, d(2026, 12, 1), None, Some(s3)).unwrap();
    assert_eq!(one(&s, l, "mha-s17-leave-cto").due, d(2026, 12, 7));
    assert!(s.episode(s3).unwrap().end_on.is_none());
}
