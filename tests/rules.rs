//! The statutory rule engine: every shipped rule's dates worked out by hand,
//! bank holidays against the published lists, properties of working days
//! and chains, the store's episode/deadline behaviour, and the CLI.

mod common;

use caseload::domain::Completion;
use caseload::domain::{DueKind, EpisodeKind, NewClient, NewEpisode, NewNote, NoteKind, Service};
use caseload::rules::engine::Target;
use caseload::rules::{Calendar, EpisodeStart, RuleSet, Unit, VisitBasis, period::period_end};
use caseload::store::Store;
use caseload::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(9, 0, 0).unwrap()
}

fn rules() -> RuleSet {
    RuleSet::embedded().unwrap()
}

const T: Target = Target {
    client_id: 1,
    episode_id: Some(1),
    dob: None,
};

/// A date as (year, month, day).
type Ymd = (i32, u32, u32);

/// One row per rule: (rule, counted from, first due dates of the chain
/// assuming each is done on its due date). Worked out by hand in the comment.
#[rustfmt::skip]
pub const CHAINS: &[(&str, Ymd, &[Ymd])] = &[
    // Admitted Tue 10 Mar 2026. 28 days beginning with 10 Mar: 10 Mar is day 1,
    // 31 Mar is day 22, 6 Apr day 28. Easter Monday 2026 is 6 Apr: calendar
    // days do not move for bank holidays (the detention simply ends).
    ("mha-s2-expiry", (2026, 3, 10), &[(2026, 4, 6)]),
    // 14 days beginning with 10 Mar: 10 + 13 = 23 Mar.
    ("mha-s2-tribunal", (2026, 3, 10), &[(2026, 3, 23)]),
    // Admitted 31 Aug 2026. 6 months beginning with 31 Aug: no 31 Feb, so the
    // last day of Feb 2027 (28th). Renewed "from the expiration" (s20(2)):
    // 6 months from 28 Feb 2027 = 28 Aug 2027 (the earliest defensible day;
    // counting from 1 Mar would give 31 Aug). Then a year from 28 Aug 2027
    // = 28 Aug 2028, and 28 Aug 2029.
    ("mha-s3-expiry", (2026, 8, 31), &[(2027, 2, 28), (2027, 8, 28), (2028, 8, 28), (2029, 8, 28)]),
    // Admitted 15 Jan 2026: 14 Jul 2026; renewal from 15 Jul: 14 Jan 2027;
    // then a year beginning 15 Jan 2027: 14 Jan 2028.
    ("mha-s3-tribunal", (2026, 1, 15), &[(2026, 7, 14), (2027, 1, 14), (2028, 1, 14)]),
    // CTO made 29 Feb 2028: corresponding day 29 Aug 2028 exists, so 28 Aug.
    // Extended from its expiration: 6 months from 28 Aug 2028 = 28 Feb 2029.
    // Then a year from 28 Feb 2029 = 28 Feb 2030.
    ("cto-expiry", (2028, 2, 29), &[(2028, 8, 28), (2029, 2, 28), (2030, 2, 28)]),
    // CTO made 1 Jun 2026: 6 months beginning with it end 30 Nov 2026; the
    // extension's window runs 6 months from 30 Nov 2026 = 30 May 2027.
    ("cto-tribunal", (2026, 6, 1), &[(2026, 11, 30), (2027, 5, 30)]),
    // Discharged 1 Dec 2026: 6 weeks from = 12 Jan 2027 (over Christmas;
    // calendar weeks do not move).
    ("s117-first-review", (2026, 12, 1), &[(2027, 1, 12)]),
    // First review held 12 Jan 2027: 12 months from = 12 Jan 2028, then 2029.
    ("s117-review", (2027, 1, 12), &[(2028, 1, 12), (2029, 1, 12)]),
    // In force 1 Mar 2026, at most a year beginning with it: 28 Feb 2027;
    // a further year from that expiry: 28 Feb 2028 (not the 29th: counted
    // from the expiry day, the earliest defensible date).
    ("dols-expiry", (2026, 3, 1), &[(2027, 2, 28), (2028, 2, 28)]),
    // Plan signed off Mon 2 Nov 2026: 8 weeks from = Mon 28 Dec 2026.
    ("care-act-first-review", (2026, 11, 2), &[(2026, 12, 28)]),
    // First review held 20 Dec 2026: annual from then.
    ("care-act-annual-review", (2026, 12, 20), &[(2027, 12, 20), (2028, 12, 20)]),
    ("cpa-review", (2026, 11, 22), &[(2027, 11, 22), (2028, 11, 22)]),
    // Strategy discussion Thu 26 Mar 2026, 15 working days after it, crossing
    // Easter (Good Friday 3 Apr, Easter Monday 6 Apr 2026):
    // 27,30,31 Mar, 1,2 Apr (5); 7,8,9,10 (9); 13-17 (14); 20 Apr (15).
    ("cp-icpc", (2026, 3, 26), &[(2026, 4, 20)]),
    // ICPC held Mon 20 Apr 2026, 10 working days after: 21-24 (4), 27-30 (8),
    // Fri 1 May (9), Mon 4 May is the early May bank holiday, Tue 5 May (10).
    ("cp-core-group", (2026, 4, 20), &[(2026, 5, 5)]),
    // ICPC 20 Apr 2026: first review within 3 months = 20 Jul 2026; then not
    // more than 6 months after the last: 20 Jan 2027; 20 Jul 2027.
    ("cp-review", (2026, 4, 20), &[(2026, 7, 20), (2027, 1, 20), (2027, 7, 20)]),
    // Looked after from Fri 11 Dec 2026, 20 working days after, crossing
    // Christmas (Fri 25 Dec, Mon 28 Dec substitute Boxing Day, Fri 1 Jan):
    // 14-18 (5), 21-24 (9), 29-31 (12), 4-8 Jan (17), 11,12,13 (20).
    ("lac-review-first", (2026, 12, 11), &[(2027, 1, 13)]),
    // First review 13 Jan 2027: second within 3 months = 13 Apr 2027; then
    // 6-monthly from the last: 13 Oct 2027.
    ("lac-review", (2027, 1, 13), &[(2027, 4, 13), (2027, 10, 13)]),
    // Placed Wed 23 Dec 2026: within one week = Wed 30 Dec 2026.
    ("lac-visit-first", (2026, 12, 23), &[(2026, 12, 30)]),
    // Pathway plan 31 Aug 2026: 6 months from; no 31 Feb so 28 Feb 2027;
    // then 6 months from 28 Feb 2027 = 28 Aug 2027.
    ("care-leaver-pathway-review", (2026, 8, 31), &[(2027, 2, 28), (2027, 8, 28)]),
    // Referral Mon 14 Dec 2026, 45 working days after, over Christmas:
    // 15-18 (4), 21-24 (8), 29-31 (11), 4-8 Jan (16), 11-15 (21), 18-22 (26),
    // 25-29 (31), 1-5 Feb (36), 8-12 (41), 15,16,17,18 Feb (45).
    ("cf-assessment", (2026, 12, 14), &[(2027, 2, 18)]),
    // CIN plan 30 Nov 2026: 3 months from; no 30 Feb, so 28 Feb 2027; then
    // 28 May 2027.
    ("cin-review", (2026, 11, 30), &[(2027, 2, 28), (2027, 5, 28)]),
];

#[test]
fn every_rule_chain_matches_the_dates_worked_by_hand() {
    let set = rules();
    for (id, (y, m, day), want) in CHAINS {
        let rule = set.rule(id).unwrap_or_else(|| panic!("no rule {id}"));
        let want: Vec<NaiveDate> = want.iter().map(|(y, m, dd)| d(*y, *m, *dd)).collect();
        let got = set.chain_dates(rule, d(*y, *m, *day), want.len());
        assert_eq!(got, want, "rule {id}");
    }
}

#[path = "rules/breadth.rs"]
mod breadth;
#[path = "rules/breadth_cli.rs"]
mod breadth_cli;
#[path = "rules/breadth_store.rs"]
mod breadth_store;

#[test]
fn s3_warning_window_is_the_last_two_months() {
    let set = rules();
    let got = set.initial_deadlines(EpisodeKind::MhaS3, EpisodeStart::day(d(2026, 1, 15)), T);
    let g = got
        .iter()
        .find(|n| n.deadline.rule.as_deref() == Some("mha-s3-expiry"))
        .unwrap();
    let expiry = &g.deadline;
    // Expires 14 Jul 2026: the 2 months ending with it begin 15 May 2026.
    assert_eq!(expiry.due, Some(d(2026, 7, 14)));
    assert_eq!(expiry.warn_from, Some(d(2026, 5, 15)));
    assert_eq!(g.window_opens, Some(d(2026, 5, 15)));
    assert_eq!(expiry.weight, Some(100));
    assert!(expiry.source.as_deref().unwrap().contains("s20"));
}

#[test]
fn published_bank_holidays_england_and_wales() {
    let cal = Calendar::england_and_wales().unwrap();
    let list = |y| cal.bank_holidays(y);
    let days = |v: &[(i32, u32, u32)]| {
        v.iter()
            .map(|(y, m, dd)| d(*y, *m, *dd))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        list(2025),
        days(&[
            (2025, 1, 1),
            (2025, 4, 18),
            (2025, 4, 21),
            (2025, 5, 5),
            (2025, 5, 26),
            (2025, 8, 25),
            (2025, 12, 25),
            (2025, 12, 26)
        ])
    );
    // Boxing Day 2026 is a Saturday: substitute Monday 28 Dec.
    assert_eq!(
        list(2026),
        days(&[
            (2026, 1, 1),
            (2026, 4, 3),
            (2026, 4, 6),
            (2026, 5, 4),
            (2026, 5, 25),
            (2026, 8, 31),
            (2026, 12, 25),
            (2026, 12, 28)
        ])
    );
    // Christmas 2027 is a Saturday and Boxing Day a Sunday: 27 and 28 Dec.
    assert_eq!(
        list(2027),
        days(&[
            (2027, 1, 1),
            (2027, 3, 26),
            (2027, 3, 29),
            (2027, 5, 3),
            (2027, 5, 31),
            (2027, 8, 30),
            (2027, 12, 27),
            (2027, 12, 28)
        ])
    );
    // 2022: New Year substitute, spring holiday moved to 2 June, the
    // Platinum Jubilee on 3 June, the state funeral on 19 September.
    assert_eq!(
        list(2022),
        days(&[
            (2022, 1, 3),
            (2022, 4, 15),
            (2022, 4, 18),
            (2022, 5, 2),
            (2022, 6, 2),
            (2022, 6, 3),
            (2022, 8, 29),
            (2022, 9, 19),
            (2022, 12, 26),
            (2022, 12, 27)
        ])
    );
    // 2023: the coronation on 8 May besides the early May holiday.
    assert_eq!(
        list(2023),
        days(&[
            (2023, 1, 2),
            (2023, 4, 7),
            (2023, 4, 10),
            (2023, 5, 1),
            (2023, 5, 8),
            (2023, 5, 29),
            (2023, 8, 28),
            (2023, 12, 25),
            (2023, 12, 26)
        ])
    );
}

proptest! {
    #[test]
    fn a_working_day_deadline_never_falls_on_a_weekend_or_bank_holiday(
        offset in 0i64..(365 * 40), n in 1u32..80, beginning_with: bool
    ) {
        let cal = Calendar::england_and_wales().unwrap();
        let start = d(2000, 1, 1) + chrono::Duration::days(offset);
        let end = period_end(start, n, Unit::WorkingDays, beginning_with, &cal).unwrap();
        prop_assert!(cal.is_working_day(end), "{start} + {n} -> {end}");
        prop_assert!(end >= start);
        prop_assert!(!cal.is_bank_holiday(end));
    }

    #[test]
    fn a_chain_strictly_increases(offset in 0i64..(365 * 40), pick in 0usize..64) {
        let set = rules();
        // Reminders before a hearing fall before the date they count from.
        let dated: Vec<_> = set.rules().iter().filter(|r| !r.is_visit() && !r.before).collect();
        let rule = dated[pick % dated.len()];
        let start = d(2000, 1, 1) + chrono::Duration::days(offset);
        let dates = set.chain_dates(rule, start, 6);
        prop_assert!(!dates.is_empty());
        prop_assert!(dates[0] >= start);
        for w in dates.windows(2) {
            prop_assert!(w[0] < w[1], "{}: {:?}", rule.id, dates);
        }
    }
}

fn store_with_client(visit_every: Option<u32>, service: Service) -> (Store, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let id = s
        .add_client(
            &NewClient {
                given_name: "Test".into(),
                family_name: "Fictional".into(),
                visit_every_days: visit_every,
                service: Some(service),
                ..NewClient::default()
            },
            at(2026, 1, 2),
        )
        .unwrap();
    (s, id)
}

fn episode(client_id: i64, kind: EpisodeKind, start: NaiveDate) -> NewEpisode {
    NewEpisode {
        client_id,
        kind,
        start_on: start,
        notes: None,
    }
}

#[test]
fn completing_an_s3_expiry_renews_from_the_previous_deadline() {
    let (mut s, c) = store_with_client(None, Service::Adult);
    let (ep, ids) = s
        .add_legal_episode(
            &episode(c, EpisodeKind::MhaS3, d(2026, 1, 15)),
            at(2026, 1, 15),
        )
        .unwrap();
    // Expiry, tribunal window and the managers' s68 reference.
    assert_eq!(ids.len(), 3);
    let expiry = s
        .episode_deadlines(ep)
        .unwrap()
        .into_iter()
        .find(|x| x.rule.as_deref() == Some("mha-s3-expiry"))
        .unwrap();
    // Renewal report furnished early, on 1 Jun: the next period still runs
    // from 15 Jul 2026 and ends 14 Jan 2027.
    let next = s
        .complete_deadline(
            expiry.id,
            d(2026, 6, 1),
            Completion::outcome("renewed"),
            at(2026, 6, 1),
        )
        .map(|c| c.next)
        .unwrap();
    assert_eq!(next.len(), 1);
    let n = s.deadline(next[0]).unwrap();
    assert_eq!(
        (n.due, n.chain_index, n.episode_id),
        (d(2027, 1, 14), 1, Some(ep))
    );
    assert_eq!(n.warn_from, Some(d(2026, 11, 15)));
    // The completed one is kept with its outcome; the audit names the change.
    let done = s.deadline(expiry.id).unwrap();
    assert_eq!(done.completed_on, Some(d(2026, 6, 1)));
    let audit = s.audit_log(Some(c), 50).unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.entity == "deadline" && a.op == "complete" && a.entity_id == expiry.id)
    );
    // complete_deadline (used by `deadline done`) continues the chain too.
    s.complete_deadline(
        n.id,
        d(2027, 1, 10),
        Completion::Outcome(None),
        at(2027, 1, 10),
    )
    .unwrap();
    let all = s.episode_deadlines(ep).unwrap();
    assert!(
        all.iter()
            .any(|x| x.chain_index == 2 && x.due == d(2028, 1, 14))
    );
}

#[test]
fn child_protection_conference_starts_core_group_and_reviews() {
    let (mut s, c) = store_with_client(None, Service::Children);
    let (ep, ids) = s
        .add_legal_episode(
            &episode(c, EpisodeKind::Cp, d(2026, 3, 26)),
            at(2026, 3, 26),
        )
        .unwrap();
    assert_eq!(ids.len(), 1);
    let icpc = s.deadline(ids[0]).unwrap();
    assert_eq!(
        (icpc.rule.as_deref(), icpc.due),
        (Some("cp-icpc"), d(2026, 4, 20))
    );
    // Held a day late, on 21 Apr: the core group counts from the day it was held.
    let next = s
        .complete_deadline(
            icpc.id,
            d(2026, 4, 21),
            Completion::Outcome(None),
            at(2026, 4, 21),
        )
        .map(|c| c.next)
        .unwrap();
    let got: Vec<(String, NaiveDate)> = next
        .iter()
        .map(|i| {
            let x = s.deadline(*i).unwrap();
            (x.rule.unwrap(), x.due)
        })
        .collect();
    // 10 working days after Tue 21 Apr: 22-24 (3), 27-30 (7), 1 May (8),
    // [4 May bank holiday], 5, 6 May (10). Review: 3 months from 21 Apr.
    assert_eq!(
        got,
        vec![
            ("cp-core-group".into(), d(2026, 5, 6)),
            ("cp-review".into(), d(2026, 7, 21))
        ]
    );
    assert_eq!(s.episode_deadlines(ep).unwrap().len(), 3);
}

#[test]
fn ending_an_episode_cancels_later_open_deadlines_and_keeps_the_rest() {
    let (mut s, c) = store_with_client(None, Service::Adult);
    let (ep, _) = s
        .add_legal_episode(
            &episode(c, EpisodeKind::MhaS2, d(2026, 3, 10)),
            at(2026, 3, 10),
        )
        .unwrap();
    let before = s.episode_deadlines(ep).unwrap();
    let tribunal = before
        .iter()
        .find(|x| x.rule.as_deref() == Some("mha-s2-tribunal"))
        .unwrap();
    s.complete_deadline(
        tribunal.id,
        d(2026, 3, 12),
        Completion::outcome("applied"),
        at(2026, 3, 12),
    )
    .unwrap();
    // Discharged on 20 Mar: the expiry (6 Apr) is cancelled, the completed
    // tribunal deadline is untouched, nothing is deleted.
    s.end_episode(ep, d(2026, 3, 20), at(2026, 3, 20)).unwrap();
    let after = s.episode_deadlines(ep).unwrap();
    assert_eq!(after.len(), 2);
    let expiry = after
        .iter()
        .find(|x| x.rule.as_deref() == Some("mha-s2-expiry"))
        .unwrap();
    assert!(expiry.cancelled);
    let t = after.iter().find(|x| x.id == tribunal.id).unwrap();
    assert!(!t.cancelled && t.completed_on == Some(d(2026, 3, 12)));
    assert!(
        s.due(d(2026, 4, 1), 30)
            .unwrap()
            .iter()
            .all(|i| i.id != expiry.id)
    );
    assert!(
        s.complete_deadline(
            expiry.id,
            d(2026, 3, 21),
            Completion::Outcome(None),
            at(2026, 3, 21)
        )
        .is_err()
    );
}

#[test]
fn moving_an_episode_start_recalculates_open_deadlines_only() {
    let (mut s, c) = store_with_client(None, Service::Children);
    let (ep, ids) = s
        .add_legal_episode(
            &episode(c, EpisodeKind::Lac, d(2026, 12, 11)),
            at(2026, 12, 11),
        )
        .unwrap();
    // First review, first visit, initial health assessment, PEP.
    assert_eq!(ids.len(), 4);
    let first_visit = s
        .episode_deadlines(ep)
        .unwrap()
        .into_iter()
        .find(|x| x.rule.as_deref() == Some("lac-visit-first"))
        .unwrap();
    s.complete_deadline(
        first_visit.id,
        d(2026, 12, 15),
        Completion::Visit(caseload::domain::VisitOutcome::Seen),
        at(2026, 12, 15),
    )
    .unwrap();
    // The child actually became looked after on Wed 9 Dec 2026: the first
    // review moves to 20 working days after 9 Dec = 11 Jan 2027 (10-11 Dec,
    // 14-18, 21-24 = 11; 29-31 = 14; 4-8 Jan = 19; 11 Jan = 20). The
    // completed first visit is not regenerated.
    let new_ids = s
        .change_episode_start(ep, d(2026, 12, 9), at(2026, 12, 16))
        .unwrap();
    assert_eq!(new_ids.len(), 3);
    let all = s.episode_deadlines(ep).unwrap();
    let open: Vec<_> = all
        .iter()
        .filter(|x| !x.cancelled && x.completed_on.is_none())
        .collect();
    assert_eq!(open.len(), 3);
    let review = open
        .iter()
        .find(|x| x.rule.as_deref() == Some("lac-review-first"))
        .unwrap();
    assert_eq!(review.due, d(2027, 1, 11));
    assert!(
        open.iter()
            .all(|x| x.rule.as_deref() != Some("lac-visit-first"))
    );
    assert_eq!(all.iter().filter(|x| x.cancelled).count(), 3);
    assert_eq!(s.episode(ep).unwrap().start_on, d(2026, 12, 9));
}

#[test]
fn visits_fall_due_from_the_last_contact_and_rank_by_weight() {
    let (mut s, c) = store_with_client(Some(14), Service::Children);
    let note = |kind, when| NewNote {
        client_id: c,
        kind: Some(kind),
        outcome: caseload::demo::written_outcome(kind),
        occurred_at: when,
        location: None,
        present: None,
        body: "fictional".into(),
        significant: false,
    };
    let visit = s
        .add_note(&note(NoteKind::HomeVisit, at(2026, 11, 1)), at(2026, 11, 1))
        .unwrap();
    // Only a final note counts (a draft never does).
    s.finalise_note(visit, None, at(2026, 11, 1)).unwrap();
    // A phone call is not a visit.
    s.add_note(&note(NoteKind::Phone, at(2026, 11, 10)), at(2026, 11, 10))
        .unwrap();
    s.add_legal_episode(
        &episode(c, EpisodeKind::Cp, d(2026, 11, 2)),
        at(2026, 11, 2),
    )
    .unwrap();
    let due = s.due(d(2026, 11, 22), 7).unwrap();
    let visits: Vec<_> = due.iter().filter(|i| i.kind == DueKind::Visit).collect();
    // Client's own: 14 days after 1 Nov = 15 Nov (overdue). Child protection
    // visit: no home visit since the plan began on 2 Nov, so 10 working days
    // after 2 Nov = 16 Nov (overdue), and it outranks the client's own.
    assert_eq!(visits.len(), 2, "{due:?}");
    assert_eq!(
        (visits[0].rule.as_deref(), visits[0].due),
        (Some("cp-visit"), d(2026, 11, 16))
    );
    assert_eq!(
        (visits[1].rule.as_deref(), visits[1].due),
        (Some("client-visit"), d(2026, 11, 15))
    );
    assert!(visits.iter().all(|v| v.overdue && v.source.is_some()));
    // The ICPC (weight 85, due 23 Nov) is not overdue, so it comes after them.
    let icpc = due
        .iter()
        .position(|i| i.rule.as_deref() == Some("cp-icpc"))
        .unwrap();
    assert_eq!(icpc, 2);
}

#[test]
fn visit_rules_count_only_contacts_since_the_episode_began() {
    let set = rules();
    let basis = VisitBasis {
        client_id: 1,
        client_name: "T F".into(),
        visit_every_days: None,
        opened_on: d(2026, 1, 1),
        episodes: vec![(EpisodeKind::Lac, d(2026, 9, 1))],
        last_contacts: vec![
            (NoteKind::HomeVisit, d(2026, 10, 2)),
            (NoteKind::Video, d(2026, 10, 20)),
        ],
        placement: None,
    };
    // Last home visit Fri 2 Oct 2026 (video does not count): 6 weeks = 13 Nov.
    let v = set.visits_due(&basis);
    assert_eq!(v.len(), 1);
    assert_eq!(
        (v[0].rule.as_str(), v[0].due),
        ("lac-visit", d(2026, 11, 13))
    );
    // Cross Christmas in working days: last CP visit Fri 18 Dec 2026:
    // 21-24 (4), [25, 28], 29-31 (7), [1 Jan], 4, 5, 6 Jan (10).
    let basis = VisitBasis {
        episodes: vec![(EpisodeKind::Cp, d(2026, 11, 2))],
        last_contacts: vec![(NoteKind::HomeVisit, d(2026, 12, 18))],
        ..basis
    };
    assert_eq!(set.visits_due(&basis)[0].due, d(2027, 1, 6));
}

#[test]
fn an_overridden_rule_generates_marked_deadlines() {
    let set = rules()
        .with_overrides(
            "rules.toml",
            "[[rule]]\nid = \"cin-review\"\nperiod = 6\nunit = \"weeks\"\n",
        )
        .unwrap();
    let (mut s, c) = store_with_client(None, Service::Children);
    s.use_rules(set);
    let (_, ids) = s
        .add_legal_episode(
            &episode(c, EpisodeKind::Cin, d(2026, 11, 2)),
            at(2026, 11, 2),
        )
        .unwrap();
    let dl = s.deadline(ids[0]).unwrap();
    assert_eq!(dl.due, d(2026, 12, 14));
    assert!(
        dl.source
            .unwrap()
            .starts_with("local override of local practice")
    );
}

#[path = "rules/cli.rs"]
mod cli;

#[test]
fn the_readme_example_rules_toml_works() {
    let readme = include_str!("../docs/rules.md");
    let section = &readme[readme.find("## Changing a rule").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let text = &section[start..start + section[start..].find("```").unwrap()];
    let set = rules().with_overrides("README example", text).unwrap();
    let cp = set.rule("cp-visit").unwrap();
    assert_eq!((cp.period, cp.unit, cp.overridden), (4, Unit::Weeks, true));
    assert_eq!(set.rule("dols-expiry").unwrap().period, 6);
    let local = set.rule("anyshire-cin-visit").unwrap();
    assert!(local.added_locally && local.citation().starts_with("local rule: "));
    assert!(set.calendar().is_bank_holiday(d(2027, 6, 7)));
}

#[path = "rules/tui.rs"]
mod tui;
