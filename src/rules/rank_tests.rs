//! The ranking of what is due (`crate::domain::rank`) tried on items made
//! from the rule data (which rules are legal cliffs): here, under the rule
//! engine, so the domain names no rule (tests/walls.rs). Issue 26.

use crate::domain::{DueItem, DueKind};
use chrono::{NaiveDate, NaiveDateTime};

/// Sunday 22 November 2026, 09:00 (the tests' clock).
fn now() -> NaiveDateTime {
    at(22, 9)
}

fn at(d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|x| x.and_hms_opt(h, 0, 0))
        .unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A deadline of `rule` due on `due` (at `due_at` for an hour clock),
/// a cliff when the shipped rule pack says so.
fn item(
    id: i64,
    rule: &str,
    due: NaiveDate,
    due_at: Option<NaiveDateTime>,
    weight: i64,
) -> DueItem {
    let now = now();
    let rules = crate::rules::RuleSet::embedded().unwrap();
    DueItem {
        id,
        kind: DueKind::Deadline,
        client_id: Some(id),
        client_name: Some(format!("Fictional {id}")),
        what: rule.into(),
        owner: None,
        due,
        overdue: crate::domain::overdue_at(due, due_at, now),
        days: (due - now.date()).num_days(),
        rule: Some(rule.into()),
        source: None,
        weight,
        due_at,
        window_opens: None,
        cliff: rules.rule(rule).is_some_and(|r| r.cliff.is_some()),
        episode_ended: false,
    }
}

fn ids(mut v: Vec<DueItem>) -> Vec<i64> {
    DueItem::sort_by_urgency(&mut v, now());
    v.iter().map(|i| i.id).collect()
}

/// The three orderings of issue 26, each a pair ranked first → second.
#[test]
fn the_three_orderings_of_issue_26() {
    let cases = [
        (
            "urgent DoLS ending in 2 days (95) above a CTO ending in 25 days (100)",
            // MCA 2005 Sch A1 para 78: an urgent authorisation lasts up
            // to 7 days; given on 18/11, it ends at the end of 24/11.
            item(1, "dols-urgent-expiry", day(11, 24), None, 95),
            // MHA 1983 s20A: the CTO period ends 17/12 unless extended.
            item(2, "cto-expiry", day(12, 17), None, 100),
        ),
        (
            "police protection ending in 33 hours (100) above an overdue LAC weekly visit (75)",
            // Children Act 1989 s46(6): 72 hours from 20/11 18:00 end
            // 23/11 18:00, 33 hours after 22/11 09:00.
            item(
                3,
                "police-protection-expiry",
                day(11, 23),
                Some(at(23, 18)),
                100,
            ),
            // CPPCR 2010 reg 28(4)(a): weekly, due 20/11, two days overdue.
            item(4, "lac-visit-reg28-4a", day(11, 20), None, 75),
        ),
        (
            "an s136 with 9 hours left above a lapsed s2 tribunal right 84 days overdue",
            // MHA 1983 s136(2A): 24 hours from 21/11 18:00 end 22/11 18:00.
            item(5, "mha-s136-expiry", day(11, 22), Some(at(22, 18)), 100),
            // s66(1)(a), (2)(a): 14 days beginning with an admission on
            // 17/08 end 30/08, 84 days before 22/11.
            item(6, "mha-s2-tribunal", day(8, 30), None, 85),
        ),
    ];
    let mut wrong = Vec::new();
    for (name, first, second) in cases {
        let mut v = vec![second.clone(), first.clone()];
        DueItem::sort_by_urgency(&mut v, now());
        if v[0].id != first.id {
            wrong.push(name);
        }
    }
    assert!(wrong.is_empty(), "ranked the wrong way round: {wrong:#?}");
}

/// One list through the three steps, with the step each item lands in.
#[test]
fn a_mixed_list_ranks_cliffs_then_overdue_then_the_rest() {
    use crate::domain::rank::Step::{Cliff, Overdue, Rest};
    let rows = [
        // (id, rule, due, due_at, weight, step)
        (1, "cto-expiry", day(12, 17), None, 100, Rest),
        (2, "dols-urgent-expiry", day(11, 24), None, 95, Rest),
        (
            3,
            "police-protection-expiry",
            day(11, 23),
            Some(at(23, 18)),
            100,
            Cliff,
        ),
        (4, "lac-visit-reg28-4a", day(11, 20), None, 75, Overdue),
        (
            5,
            "mha-s136-expiry",
            day(11, 22),
            Some(at(22, 18)),
            100,
            Cliff,
        ),
        (6, "mha-s2-tribunal", day(8, 30), None, 85, Overdue),
        // s3 ends at the end of 23/11 (39 hours): a cliff in step 1.
        (7, "mha-s3-expiry", day(11, 23), None, 100, Cliff),
        // A CP visit (70) due tomorrow: 1 day 15 h / 0.125 = 13 days.
        (8, "cp-visit", day(11, 23), None, 70, Rest),
        // The s2 tribunal right 5 days on (weight 85): 5.6 / 0.35 = 16.
        (9, "mha-s2-tribunal", day(11, 27), None, 85, Rest),
    ];
    let items: Vec<DueItem> = rows
        .iter()
        .map(|&(id, rule, due, at, w, _)| item(id, rule, due, at, w))
        .collect();
    for (i, (.., step)) in items.iter().zip(rows) {
        assert_eq!(i.rank(now()).step, step, "item {}", i.id);
    }
    // Step 1 nearest first (18:00 today, end of 23/11 after 18:00 on
    // 23/11); step 2 by weight (85 before 75); step 3 by the days left
    // over the weight factor (DoLS 2.6 / 0.71 = 3.7, CP visit 13, s2
    // tribunal 16, CTO 25.6).
    assert_eq!(ids(items), vec![5, 3, 7, 6, 4, 2, 8, 9, 1]);
}

#[test]
fn the_weight_factor_halves_every_ten_points() {
    assert!((crate::domain::rank::weight_factor(100) - 1.0).abs() < 1e-12);
    assert!((crate::domain::rank::weight_factor(90) - 0.5).abs() < 1e-12);
    assert!((crate::domain::rank::weight_factor(70) - 0.125).abs() < 1e-12);
}

/// A cliff more than 48 hours off, or one already passed, is not in
/// step 1; a passed one is overdue and heads step 2 by its weight.
#[test]
fn a_cliff_ranks_first_only_in_the_48_hours_before_it() {
    let far = item(
        1,
        "police-protection-expiry",
        day(11, 24),
        Some(at(24, 10)),
        100,
    );
    assert_eq!(
        far.rank(now()).step,
        crate::domain::rank::Step::Rest,
        "49 hours off"
    );
    let near = item(
        2,
        "police-protection-expiry",
        day(11, 24),
        Some(at(24, 9)),
        100,
    );
    assert_eq!(
        near.rank(now()).step,
        crate::domain::rank::Step::Cliff,
        "48 hours off"
    );
    let passed = item(3, "mha-s136-expiry", day(11, 22), Some(at(22, 8)), 100);
    assert_eq!(passed.rank(now()).step, crate::domain::rank::Step::Overdue);
    assert!(passed.cliff_near(now(), 24) && !passed.cliff_within(now(), 24));
    assert!(near.cliff_within(now(), 48) && !near.cliff_within(now(), 47));
}

/// Every clock counted in hours (s136, s5(2), police protection…) ends
/// in a release or an unlawful detention: the rule data says so, with
/// what happens at the end.
#[test]
fn every_clock_counted_in_hours_is_a_cliff() {
    let rules = crate::rules::RuleSet::embedded().unwrap();
    let missing: Vec<&str> = rules
        .rules()
        .iter()
        .filter(|r| r.unit == crate::rules::period::Unit::Hours && r.cliff.is_none())
        .map(|r| r.id.as_str())
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
    assert!(rules.rules().iter().filter(|r| r.cliff.is_some()).count() >= 20);
}

proptest::proptest! {
    /// Equal ranks (the same id in two kinds, the same day and weight)
    /// keep their order, exactly as the stable sort keeps them; and
    /// the order is total (sorting a sorted list changes nothing).
    #[test]
    fn sorting_by_urgency_is_the_stable_sort(
        raw in proptest::collection::vec((0i64..6, 18u32..27, 0i64..4, 0u8..3, 0u32..3, proptest::bool::ANY), 0..60)
    ) {
        let v: Vec<DueItem> = raw
            .iter()
            .enumerate()
            .map(|(n, &(id, due, weight, kind, hour, cliff))| {
                let at = (hour > 0).then(|| at(due, hour * 9));
                DueItem {
                    kind: [DueKind::Deadline, DueKind::Action, DueKind::Visit][usize::from(kind)],
                    what: n.to_string(),
                    cliff,
                    ..item(id, "cp-visit", day(11, due), at, 70 + 10 * weight)
                }
            })
            .collect();
        let mut stable = v.clone();
        stable.sort_by(|a, b| a.urgency_cmp(b, now()));
        let mut ours = v;
        DueItem::sort_by_urgency(&mut ours, now());
        proptest::prop_assert_eq!(&ours, &stable);
        let mut again = ours.clone();
        DueItem::sort_by_urgency(&mut again, now());
        proptest::prop_assert_eq!(again, ours);
    }
}
