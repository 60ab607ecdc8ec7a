//! Mental Health Act joints: each transition's dates worked by hand.

use super::{add, d, one, open, store, t};
use caseload::domain::EpisodeKind as K;
use caseload::store::prelude::*;

/// s136(2A): 24 hours beginning with arrival, 06/12/2026 23:30, so the
/// clock would end 07/12 23:30. Admitted under s2 at 07/12 14:00: the s136
/// ends then (its expiry cancelled); s2(4): 28 days beginning with 7 Dec,
/// 7 Dec being day 1, so day 28 is 3 Jan 2027; s66(2)(a): 14 days
/// beginning with 7 Dec is 20 Dec 2026.
#[test]
fn s136_then_s2_ends_the_place_of_safety_at_the_admission_s136_2a_s2_4() {
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
    assert_eq!(
        one(&s, pos, "mha-s136-expiry").due_at,
        Some(t(2026, 12, 7, 23, 30))
    );
    let s2 = add(
        &mut s,
        c,
        K::MhaS2,
        d(2026, 12, 7),
        Some(t(2026, 12, 7, 14, 0)),
        Some(pos),
    )
    .unwrap();
    let e = s.episode(pos).unwrap();
    assert_eq!(e.end_at, Some(t(2026, 12, 7, 14, 0)));
    assert_eq!(e.end_reason.as_deref(), Some("ended"));
    assert!(
        open(&s, pos, "mha-s136-expiry").is_empty(),
        "the place of safety ended"
    );
    assert_eq!(s.episode(s2).unwrap().follows_id, Some(pos));
    assert_eq!(one(&s, s2, "mha-s2-expiry").due, d(2027, 1, 3));
    assert_eq!(one(&s, s2, "mha-s2-tribunal").due, d(2026, 12, 20));
}

/// An hour clock ends at a time: the s2 that follows an s136 needs one.
#[test]
fn an_hour_clock_is_not_ended_by_a_day_without_a_time() {
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
    let err = add(&mut s, c, K::MhaS2, d(2026, 12, 7), None, Some(pos)).unwrap_err();
    assert!(err.to_string().contains("give the time"), "{err}");
    assert!(s.episode(pos).unwrap().end_on.is_none(), "nothing changed");
}

/// A joint the law does not make is refused, naming what may be followed.
#[test]
fn a_cto_cannot_follow_an_s2_s17a() {
    let (mut s, c) = store();
    let s2 = add(&mut s, c, K::MhaS2, d(2026, 12, 7), None, None).unwrap();
    let err = add(&mut s, c, K::Cto, d(2026, 12, 20), None, Some(s2)).unwrap_err();
    assert!(err.to_string().contains("mha-s3"), "{err}");
}

/// s68(5): the applicable day is the admission under the first application
/// of the journey. s2 admitted 7 Dec 2026, s3 admitted 21 Dec: the s3's
/// own 6 months (s20(1)) end 20 Jun 2027, but the managers' reference is
/// due on the expiry of 6 months beginning with 7 Dec: 6 Jun 2027. The s2
/// ends at the s3 admission and its 28 days (3 Jan) are cancelled.
#[test]
fn s2_then_s3_counts_the_s68_reference_from_the_s2_admission_s68_5() {
    let (mut s, c) = store();
    let s2 = add(&mut s, c, K::MhaS2, d(2026, 12, 7), None, None).unwrap();
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 12, 21), None, Some(s2)).unwrap();
    assert_eq!(one(&s, s3, "mha-s3-expiry").due, d(2027, 6, 20));
    assert_eq!(one(&s, s3, "mha-s68-first").due, d(2027, 6, 6));
    assert!(open(&s, s2, "mha-s2-expiry").is_empty());
    assert_eq!(s.episode(s2).unwrap().end_on, Some(d(2026, 12, 21)));
}

/// The same journey recorded as two episodes and linked afterwards: the
/// s68 reference moves from 20 Jun to 6 Jun 2027 (s68(5)); undo puts it back.
#[test]
fn linking_later_applies_the_same_law_and_undo_takes_it_back() {
    let (mut s, c) = store();
    let s2 = add(&mut s, c, K::MhaS2, d(2026, 12, 7), None, None).unwrap();
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 12, 21), None, None).unwrap();
    assert_eq!(one(&s, s3, "mha-s68-first").due, d(2027, 6, 20));
    s.link_episode(s3, s2, t(2026, 12, 22, 9, 0)).unwrap();
    assert_eq!(one(&s, s3, "mha-s68-first").due, d(2027, 6, 6));
    assert_eq!(s.episode(s2).unwrap().end_on, Some(d(2026, 12, 21)));
    s.undo_last(t(2026, 12, 22, 9, 5)).unwrap();
    assert_eq!(one(&s, s3, "mha-s68-first").due, d(2027, 6, 20));
    assert_eq!(s.episode(s3).unwrap().follows_id, None);
    assert_eq!(s.episode(s2).unwrap().end_on, None);
    assert_eq!(one(&s, s2, "mha-s2-expiry").due, d(2027, 1, 3));
}

/// s68(3)(a): an s2 patient's own tribunal application (s66(1)(a)) does not
/// stop the reference: s2 7 Dec, tribunal 10 Dec, s3 21 Dec: still 6 Jun.
#[test]
fn an_s2_tribunal_application_does_not_stop_the_s68_reference_s68_3_a() {
    let (mut s, c) = store();
    let s2 = add(&mut s, c, K::MhaS2, d(2026, 12, 7), None, None).unwrap();
    add(&mut s, c, K::MhaTribunal, d(2026, 12, 10), None, Some(s2)).unwrap();
    assert!(s.episode(s2).unwrap().end_on.is_none(), "the s2 continues");
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 12, 21), None, Some(s2)).unwrap();
    assert_eq!(one(&s, s3, "mha-s68-first").due, d(2027, 6, 6));
}

/// s4(4): admitted under s4 on 7 Dec 2026 at 22:00 (72 hours: 10 Dec
/// 22:00); the second recommendation received 9 Dec at 10:00 converts it
/// to s2, whose 28 days begin with the s4 admission day: 3 Jan 2027 (not
/// 5 Jan from 9 Dec), and 14 days to apply, 20 Dec (s66(2)(a)). An s3 on 30
/// Dec then counts s68 from 7 Dec: 6 Jun 2027 (s68(5)).
#[test]
fn s4_converted_to_s2_counts_from_the_s4_admission_s4_4() {
    let (mut s, c) = store();
    let s4 = add(
        &mut s,
        c,
        K::MhaS4,
        d(2026, 12, 7),
        Some(t(2026, 12, 7, 22, 0)),
        None,
    )
    .unwrap();
    assert_eq!(
        one(&s, s4, "mha-s4-expiry").due_at,
        Some(t(2026, 12, 10, 22, 0))
    );
    let s2 = add(
        &mut s,
        c,
        K::MhaS2,
        d(2026, 12, 9),
        Some(t(2026, 12, 9, 10, 0)),
        Some(s4),
    )
    .unwrap();
    assert_eq!(one(&s, s2, "mha-s2-expiry").due, d(2027, 1, 3));
    assert_eq!(one(&s, s2, "mha-s2-tribunal").due, d(2026, 12, 20));
    let e = s.episode(s4).unwrap();
    assert_eq!(e.end_reason.as_deref(), Some("converted"));
    assert!(open(&s, s4, "mha-s4-expiry").is_empty());
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 12, 30), None, Some(s2)).unwrap();
    assert_eq!(one(&s, s3, "mha-s68-first").due, d(2027, 6, 6));
}

/// s5(5): the nurse records s5(4) at 09:00 on 7 Dec 2026 (6 hours: 15:00);
/// the doctor's s5(2) report at 11:30: the 72 hours run from 09:00, so they
/// end 10 Dec 09:00 (not 11:30), and the s5(4) ends at 11:30.
#[test]
fn s5_2_after_s5_4_runs_from_the_nurses_record_s5_5() {
    let (mut s, c) = store();
    let n = add(
        &mut s,
        c,
        K::MhaS5_4,
        d(2026, 12, 7),
        Some(t(2026, 12, 7, 9, 0)),
        None,
    )
    .unwrap();
    let dr = add(
        &mut s,
        c,
        K::MhaS5_2,
        d(2026, 12, 7),
        Some(t(2026, 12, 7, 11, 30)),
        Some(n),
    )
    .unwrap();
    assert_eq!(
        one(&s, dr, "mha-s5-2-expiry").due_at,
        Some(t(2026, 12, 10, 9, 0))
    );
    assert!(open(&s, n, "mha-s5-4-expiry").is_empty());
    assert_eq!(s.episode(n).unwrap().end_at, Some(t(2026, 12, 7, 11, 30)));
}

/// s5(5) across the clocks going back: the nurse's record at 23:00 BST on
/// Sat 24 Oct 2026 (22:00 UTC); 72 real hours later is 22:00 UTC on Tue 27
/// Oct, 22:00 GMT on the wall clock.
#[test]
fn s5_5_counts_real_hours_across_the_clock_change() {
    let (mut s, c) = store();
    let n = add(
        &mut s,
        c,
        K::MhaS5_4,
        d(2026, 10, 24),
        Some(t(2026, 10, 24, 23, 0)),
        None,
    )
    .unwrap();
    let dr = add(
        &mut s,
        c,
        K::MhaS5_2,
        d(2026, 10, 25),
        Some(t(2026, 10, 25, 3, 0)),
        Some(n),
    )
    .unwrap();
    assert_eq!(
        one(&s, dr, "mha-s5-2-expiry").due_at,
        Some(t(2026, 10, 27, 22, 0))
    );
}

/// s17D: an s3 admitted 10 Mar 2026 (expiry 9 Sep, s20(1); s68 reference
/// 9 Sep, s68(2)); a CTO made 20 May 2026 suspends it: the renewal clock
/// and the s3 tribunal window stop, the s68 reference carries to the
/// community patient (s68(1)(c)), the CTO's 6 months end 19 Nov 2026
/// (s20A(1)). The s3 is suspended, not ended by hand.
#[test]
fn s3_then_cto_suspends_the_s3_and_carries_s68_s17d() {
    let (mut s, c) = store();
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 3, 10), None, None).unwrap();
    assert_eq!(one(&s, s3, "mha-s68-first").due, d(2026, 9, 9));
    let cto = add(&mut s, c, K::Cto, d(2026, 5, 20), None, Some(s3)).unwrap();
    let e = s.episode(s3).unwrap();
    assert_eq!(e.end_reason.as_deref(), Some("suspended"));
    assert!(open(&s, s3, "mha-s3-expiry").is_empty());
    assert!(open(&s, s3, "mha-s3-tribunal").is_empty());
    assert_eq!(one(&s, cto, "mha-s68-first").due, d(2026, 9, 9));
    assert!(
        open(&s, cto, "mha-s68-community").is_empty(),
        "carried, not doubled"
    );
    assert_eq!(one(&s, cto, "cto-expiry").due, d(2026, 11, 19));
}

/// s68(1)(c), (2): a CTO recorded on its own still has its managers'
/// reference, 6 months beginning with its start (20 May: 19 Nov 2026).
#[test]
fn a_cto_alone_has_the_s68_reference_for_community_patients_s68_1_c() {
    let (mut s, c) = store();
    let cto = add(&mut s, c, K::Cto, d(2026, 5, 20), None, None).unwrap();
    assert_eq!(one(&s, cto, "mha-s68-community").due, d(2026, 11, 19));
}

/// s17F(4), s17G: recalled 3 Aug 2026 10:00 (72 hours: 6 Aug 10:00), the
/// CTO revoked 5 Aug 15:00. The CTO and the recall end, revoked; the s3
/// revives for 6 months beginning with 5 Aug: 4 Feb 2027; a new right to
/// apply for 6 months beginning with that day, 4 Feb 2027 (s66(1)(cb),
/// (2)(cb)); the managers refer as soon as possible, 5 Aug (s68(7)), which
/// replaces the first reference (s68(3)(c)).
#[test]
fn revoking_a_cto_revives_the_s3_s17g_s68_7_s66_1_cb() {
    let (mut s, c) = store();
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 3, 10), None, None).unwrap();
    let cto = add(&mut s, c, K::Cto, d(2026, 5, 20), None, Some(s3)).unwrap();
    let recall = add(
        &mut s,
        c,
        K::CtoRecall,
        d(2026, 8, 3),
        Some(t(2026, 8, 3, 10, 0)),
        Some(cto),
    )
    .unwrap();
    assert!(
        s.episode(cto).unwrap().end_on.is_none(),
        "recall leaves the CTO in force, s17E"
    );
    let revived = s
        .revoke_cto(cto, t(2026, 8, 5, 15, 0), t(2026, 8, 5, 15, 5))
        .unwrap();
    assert_eq!(
        s.episode(cto).unwrap().end_reason.as_deref(),
        Some("revoked")
    );
    assert_eq!(
        s.episode(recall).unwrap().end_reason.as_deref(),
        Some("revoked")
    );
    assert!(open(&s, recall, "cto-recall-expiry").is_empty());
    assert!(open(&s, cto, "cto-expiry").is_empty());
    assert_eq!(one(&s, revived, "mha-s3-expiry").due, d(2027, 2, 4));
    assert_eq!(one(&s, revived, "mha-s3-tribunal").due, d(2027, 2, 4));
    assert_eq!(one(&s, revived, "mha-s68-revocation").due, d(2026, 8, 5));
    assert!(open(&s, revived, "mha-s68-first").is_empty(), "s68(3)(c)");
    assert!(open(&s, cto, "mha-s68-first").is_empty());
    assert_eq!(s.episode(revived).unwrap().follows_id, Some(cto));
}

/// Only a CTO can be revoked.
#[test]
fn only_a_cto_is_revoked() {
    let (mut s, c) = store();
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 3, 10), None, None).unwrap();
    assert!(
        s.revoke_cto(s3, t(2026, 8, 5, 15, 0), t(2026, 8, 5, 15, 0))
            .is_err()
    );
}

/// s68(6): the 3-yearly reference follows the patient onto a CTO. An s3
/// admitted 10 Mar 2026; the tribunal considered the case on 1 Jun 2026
/// (the first reference completed then), so the next is due 3 years after,
/// 1 Jun 2029; a CTO made 20 Aug 2026 carries it (s68(1)(c)), and makes no
/// fresh 6-month reference of its own.
#[test]
fn the_3_yearly_reference_carries_onto_the_cto_s68_6() {
    let (mut s, c) = store();
    let s3 = add(&mut s, c, K::MhaS3, d(2026, 3, 10), None, None).unwrap();
    let first = one(&s, s3, "mha-s68-first");
    s.complete_deadline(
        first.id,
        d(2026, 6, 1),
        caseload::domain::Completion::outcome("applied"),
        t(2026, 6, 1, 12, 0),
    )
    .unwrap();
    assert_eq!(one(&s, s3, "mha-s68-repeat").due, d(2029, 6, 1));
    let cto = add(&mut s, c, K::Cto, d(2026, 8, 20), None, Some(s3)).unwrap();
    assert_eq!(one(&s, cto, "mha-s68-repeat").due, d(2029, 6, 1));
    assert!(open(&s, cto, "mha-s68-community").is_empty());
    assert!(open(&s, cto, "mha-s68-first").is_empty());
}
