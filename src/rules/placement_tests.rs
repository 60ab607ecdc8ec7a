//! The reg 28 visiting duty, each date worked by hand from the regulation
//! (Care Planning, Placement and Case Review (England) Regulations 2010).

use chrono::NaiveDate;

use super::*;
use crate::domain::PlacementType as T;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn due(
    kind: T,
    start: NaiveDate,
    long_term: bool,
    review: Option<NaiveDate>,
    last: Option<NaiveDate>,
) -> (NaiveDate, String) {
    let rules = RuleSet::embedded().unwrap();
    let p = PlacementBasis {
        kind,
        start,
        long_term,
        first_review: review,
    };
    let v = rules.placement_visit_due(&p, last).unwrap();
    (v.due, v.rule)
}

#[test]
fn reg_28_2_a_first_visit_within_one_week_of_the_start() {
    // Foster placement from Monday 2 November 2026: within one week, by
    // Monday 9 November.
    let (day, rule) = due(T::Foster, d(2026, 11, 2), false, None, None);
    assert_eq!((day, rule.as_str()), (d(2026, 11, 9), "lac-visit-reg28-2a"));
}

#[test]
fn reg_28_2_b_six_weekly_in_the_first_year_from_the_last_visit() {
    // Seen Thursday 12 November 2026: 6 weeks on is Thursday 24 December.
    let (day, rule) = due(
        T::Foster,
        d(2026, 11, 2),
        false,
        None,
        Some(d(2026, 11, 12)),
    );
    assert_eq!(
        (day, rule.as_str()),
        (d(2026, 12, 24), "lac-visit-reg28-2b")
    );
}

#[test]
fn a_visit_before_the_placement_began_does_not_count() {
    // Seen 30 October, before the placement of 2 November began: the
    // reg 28(2)(a) visit is still due 9 November.
    let (day, _) = due(
        T::Foster,
        d(2026, 11, 2),
        false,
        None,
        Some(d(2026, 10, 30)),
    );
    assert_eq!(day, d(2026, 11, 9));
}

#[test]
fn reg_28_2_c_i_three_monthly_after_the_first_year_when_intended_until_18() {
    // Placed 1 March 2026, intended to last until 18; first year ends
    // 28 February 2027. Seen 20 February 2027: 6 weeks on (3 April 2027)
    // is past the first year, so 3 months: 20 May 2027.
    let (day, rule) = due(T::Foster, d(2026, 3, 1), true, None, Some(d(2027, 2, 20)));
    assert_eq!(
        (day, rule.as_str()),
        (d(2027, 5, 20), "lac-visit-reg28-2c-i")
    );
    // Inside the first year the 6 weeks of 28(2)(b) still hold: seen
    // 1 January 2027, due 12 February 2027.
    let (day, rule) = due(T::Foster, d(2026, 3, 1), true, None, Some(d(2027, 1, 1)));
    assert_eq!((day, rule.as_str()), (d(2027, 2, 12), "lac-visit-reg28-2b"));
}

#[test]
fn reg_28_2_c_ii_six_weekly_after_the_first_year_otherwise() {
    let (day, rule) = due(T::Foster, d(2026, 3, 1), false, None, Some(d(2027, 2, 20)));
    assert_eq!(
        (day, rule.as_str()),
        (d(2027, 4, 3), "lac-visit-reg28-2c-ii")
    );
}

#[test]
fn reg_28_4_weekly_under_temporary_approval_until_the_first_review_then_four_weekly() {
    // Reg 24 placement from Monday 5 October 2026: first visit by 12 October.
    let start = d(2026, 10, 5);
    let (day, rule) = due(T::TemporaryConnectedPerson, start, false, None, None);
    assert_eq!(
        (day, rule.as_str()),
        (d(2026, 10, 12), "lac-visit-reg28-4a")
    );
    // Seen 9 October: the next week ends 16 October.
    let (day, _) = due(
        T::TemporaryConnectedPerson,
        start,
        false,
        None,
        Some(d(2026, 10, 9)),
    );
    assert_eq!(day, d(2026, 10, 16));
    // First review held 20 October; last seen 15 October, whose week ran
    // to 22 October, past the review: 28(4)(b), 4 weeks from 15 October
    // = 12 November.
    let review = Some(d(2026, 10, 20));
    let (day, rule) = due(
        T::TemporaryConnectedPerson,
        start,
        false,
        review,
        Some(d(2026, 10, 15)),
    );
    assert_eq!(
        (day, rule.as_str()),
        (d(2026, 11, 12), "lac-visit-reg28-4b")
    );
    // Last seen 9 October: that week ended 16 October, before the review
    // of 20 October, so the weekly visit was owed then and still is.
    let (day, rule) = due(
        T::TemporaryConnectedPerson,
        start,
        false,
        review,
        Some(d(2026, 10, 9)),
    );
    assert_eq!(
        (day, rule.as_str()),
        (d(2026, 10, 16), "lac-visit-reg28-4a")
    );
}

#[test]
fn reg_28_4_covers_a_parent_under_an_interim_care_order() {
    let review = Some(d(2026, 10, 20));
    let (day, rule) = due(
        T::ParentInterimOrder,
        d(2026, 10, 5),
        false,
        review,
        Some(d(2026, 10, 19)),
    );
    // 19 October + 4 weeks = 16 November.
    assert_eq!(
        (day, rule.as_str()),
        (d(2026, 11, 16), "lac-visit-reg28-4b")
    );
}

#[test]
fn reg_28_3_weekly_with_a_parent_before_assessment_then_six_weekly() {
    let start = d(2026, 10, 5);
    let (day, rule) = due(
        T::ParentBeforeAssessment,
        start,
        false,
        None,
        Some(d(2026, 10, 15)),
    );
    assert_eq!(
        (day, rule.as_str()),
        (d(2026, 10, 22), "lac-visit-reg28-3a")
    );
    // After the first review (20 October): 6 weeks from 19 October = 30 November.
    let (day, rule) = due(
        T::ParentBeforeAssessment,
        start,
        false,
        Some(d(2026, 10, 20)),
        Some(d(2026, 10, 19)),
    );
    assert_eq!(
        (day, rule.as_str()),
        (d(2026, 11, 30), "lac-visit-reg28-3b")
    );
}

#[test]
fn reg_28_5_with_a_parent_under_a_care_order() {
    // Care order made (and the placement under it begun) 2 November 2026:
    // within one week, 9 November; seen 5 November: 6 weeks, 17 December.
    let (day, rule) = due(T::ParentCareOrder, d(2026, 11, 2), false, None, None);
    assert_eq!((day, rule.as_str()), (d(2026, 11, 9), "lac-visit-reg28-5a"));
    let (day, rule) = due(
        T::ParentCareOrder,
        d(2026, 11, 2),
        false,
        None,
        Some(d(2026, 11, 5)),
    );
    assert_eq!(
        (day, rule.as_str()),
        (d(2026, 12, 17), "lac-visit-reg28-5b")
    );
}

#[test]
fn reg_28_6_living_in_hospital_counts_a_hospital_visit() {
    let rules = RuleSet::embedded().unwrap();
    assert!(
        rules
            .placement_contact_kinds(T::Hospital)
            .contains(&NoteKind::Hospital)
    );
    assert!(
        !rules
            .placement_contact_kinds(T::Foster)
            .contains(&NoteKind::Hospital)
    );
    // From 2 November 2026 in a neonatal unit: within one week, 9 November;
    // seen there 6 November: 6 weeks, 18 December.
    let (day, rule) = due(
        T::Hospital,
        d(2026, 11, 2),
        false,
        None,
        Some(d(2026, 11, 6)),
    );
    assert_eq!(
        (day, rule.as_str()),
        (d(2026, 12, 18), "lac-visit-reg28-6b")
    );
}
