//! Issue 12 in the store: the transitional rule for an existing detention,
//! marks, extensions, the last strategy discussion, ages and advocacy.

use super::breadth::{commenced, t};
use super::{d, rules, store_with_client};
use caseload::domain::Completion;
use caseload::domain::{EpisodeKind, NewEpisode, Service};
use caseload::store::NewMark;
use caseload::store::prelude::*;

#[test]
fn an_existing_detention_in_the_store_follows_the_transitional_rule() {
    let (mut s, c) = store_with_client(None, Service::Adult);
    s.use_rules(commenced(d(2027, 10, 1)));
    let now = |y, m, dd| d(y, m, dd).and_hms_opt(9, 0, 0).unwrap();
    let (ep, _) = s
        .add_legal_episode(
            &NewEpisode {
                client_id: c,
                kind: EpisodeKind::MhaS3,
                start_on: d(2027, 1, 15),
                notes: None,
            },
            now(2027, 1, 15),
        )
        .unwrap();
    let find = |s: &caseload::store::Store| {
        s.episode_deadlines(ep)
            .unwrap()
            .into_iter()
            .rfind(|x| x.rule.as_deref() == Some("mha-s3-expiry") && x.completed_on.is_none())
            .unwrap()
    };
    let first = find(&s);
    assert_eq!(first.due, d(2027, 7, 14));
    s.complete_deadline(
        first.id,
        d(2027, 7, 1),
        Completion::Outcome(None),
        now(2027, 7, 1),
    )
    .map(|c| c.next)
    .unwrap();
    let second = find(&s);
    assert_eq!(
        second.due,
        d(2028, 1, 14),
        "the 1983 period in force when it began"
    );
    s.complete_deadline(
        second.id,
        d(2028, 1, 2),
        Completion::Outcome(None),
        now(2028, 1, 2),
    )
    .map(|c| c.next)
    .unwrap();
    assert_eq!(
        find(&s).due,
        d(2028, 7, 14),
        "the 2025 Act's 6 months, not 12"
    );
}

#[test]
fn marks_extensions_and_the_last_strategy_discussion() {
    let (mut s, c) = store_with_client(None, Service::Children);
    let now = d(2026, 12, 1).and_hms_opt(9, 0, 0).unwrap();
    let new = |kind, start_on| NewEpisode {
        client_id: c,
        kind,
        start_on,
        notes: None,
    };
    // s136 needs a time.
    assert!(
        s.add_legal_episode(&new(EpisodeKind::MhaS136, d(2026, 10, 24)), now)
            .is_err()
    );
    let (ep, ids) = s
        .add_legal_episode_at(
            &new(EpisodeKind::MhaS136, d(2026, 10, 24)),
            Some(t((2026, 10, 24, 23, 30))),
            now,
        )
        .unwrap();
    // s136B: extended once by 12 hours, from 22:30 GMT Sun to 10:30 Mon.
    let ext = s.extend_deadline(ids[0], now).unwrap();
    assert_eq!(
        s.deadline(ext).unwrap().due_at,
        Some(t((2026, 10, 26, 10, 30)))
    );
    assert!(s.extend_deadline(ext, now).is_err(), "only once");
    assert_eq!(
        s.episode(ep).unwrap().start_at,
        Some(t((2026, 10, 24, 23, 30)))
    );

    // ICPC from the last strategy discussion: first on Thu 26 Mar 2026
    // (-> 20 Apr), a second on Wed 1 Apr 2026: 15 working days after it:
    // 2 Apr (1), 3 and 6 Apr Easter, 7-10 (5), 13-17 (10), 20-24 Apr (15).
    let (cp, _) = s
        .add_legal_episode(&new(EpisodeKind::Cp, d(2026, 3, 26)), now)
        .unwrap();
    s.add_mark(
        &NewMark {
            episode_id: cp,
            mark: "strategy-discussion".into(),
            on: d(2026, 4, 1),
            at: None,
            outcome: None,
        },
        now,
    )
    .unwrap();
    let open: Vec<_> = s
        .episode_deadlines(cp)
        .unwrap()
        .into_iter()
        .filter(|x| !x.cancelled && x.rule.as_deref() == Some("cp-icpc"))
        .collect();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].due, d(2026, 4, 24));

    // A funding panel: the appeal date only follows a refusal.
    let (fp, _) = s
        .add_legal_episode(&new(EpisodeKind::FundingPanel, d(2026, 11, 2)), now)
        .unwrap();
    let mark = |m: &str, on, outcome: Option<&str>| NewMark {
        episode_id: fp,
        mark: m.into(),
        on,
        at: None,
        outcome: outcome.map(Into::into),
    };
    assert_eq!(
        s.add_mark(&mark("decision", d(2026, 11, 20), Some("agreed")), now)
            .unwrap()
            .len(),
        0
    );
    let ids = s
        .add_mark(&mark("decision", d(2026, 11, 27), Some("declined")), now)
        .unwrap();
    assert_eq!(s.deadline(ids[0]).unwrap().due, d(2026, 12, 25));
    assert!(
        s.add_mark(&mark("hearing", d(2026, 11, 27), None), now)
            .is_err()
    );
    assert_eq!(s.marks(fp).unwrap().len(), 2);
    // Once the episode has ended, no date after the end is taken.
    s.end_episode(fp, d(2026, 11, 28), now).unwrap();
    let err = s
        .add_mark(&mark("panel", d(2026, 12, 1), None), now)
        .unwrap_err();
    assert!(err.to_string().contains("ended on 28/11/2026"), "{err}");
}

#[test]
fn periods_that_depend_on_age_follow_the_date_of_birth() {
    use caseload::domain::NewClient;
    let mut s = caseload::store::Store::open_in_memory().unwrap();
    let now = |y, m, dd| d(y, m, dd).and_hms_opt(9, 0, 0).unwrap();
    let child = s
        .add_client(
            &NewClient {
                given_name: "Test".into(),
                family_name: "Fictional".into(),
                dob: Some(d(2023, 3, 1)),
                service: Some(Service::Children),
                ..NewClient::default()
            },
            now(2026, 12, 1),
        )
        .unwrap();
    let (ep, _) = s
        .add_legal_episode(
            &NewEpisode {
                client_id: child,
                kind: EpisodeKind::Lac,
                start_on: d(2026, 12, 11),
                notes: None,
            },
            now(2026, 12, 11),
        )
        .unwrap();
    let open = |s: &caseload::store::Store, rule: &str| {
        s.episode_deadlines(ep)
            .unwrap()
            .into_iter()
            .find(|x| x.rule.as_deref() == Some(rule) && x.completed_on.is_none())
            .unwrap()
    };
    let initial = open(&s, "lac-health-initial");
    s.complete_deadline(
        initial.id,
        d(2027, 1, 31),
        Completion::Outcome(None),
        now(2027, 2, 1),
    )
    .map(|c| c.next)
    .unwrap();
    // CPPCR 2010 reg 7(4): aged 3 when the period begins (1 Feb 2027): 6
    // months from 31 Jan 2027 -> 31 Jul 2027.
    let review = open(&s, "lac-health-review");
    assert_eq!(review.due, d(2027, 7, 31));
    s.complete_deadline(
        review.id,
        d(2028, 2, 28),
        Completion::Outcome(None),
        now(2028, 3, 1),
    )
    .map(|c| c.next)
    .unwrap();
    // Held 28 Feb 2028; the period begins 29 Feb 2028 (leap day), aged 4
    // (5 on 1 Mar): still 6 months -> 28 Aug 2028.
    let review = open(&s, "lac-health-review");
    assert_eq!(review.due, d(2028, 8, 28));
    s.complete_deadline(
        review.id,
        d(2028, 8, 28),
        Completion::Outcome(None),
        now(2028, 8, 28),
    )
    .map(|c| c.next)
    .unwrap();
    // Aged 5 when the next begins: 12 months -> 28 Aug 2029.
    assert_eq!(open(&s, "lac-health-review").due, d(2029, 8, 28));
    // MHA s68(6)-(7): 1 year while under 18, 3 years from 18; without a
    // date of birth the 3 years.
    let set = rules();
    let s68 = set.rule("mha-s68-repeat").unwrap();
    let born = Some(d(2009, 6, 1));
    assert_eq!(s68.period_for(0, born, d(2027, 3, 1)), Some(12));
    assert_eq!(s68.period_for(0, born, d(2027, 6, 1)), Some(36));
    assert_eq!(s68.period_for(0, None, d(2027, 3, 1)), Some(36));
}

#[test]
fn an_advocate_allocated_stops_the_chasing() {
    let (mut s, c) = store_with_client(None, Service::Adult);
    let now = d(2026, 5, 20).and_hms_opt(9, 0, 0).unwrap();
    let (ep, ids) = s
        .add_legal_episode(
            &NewEpisode {
                client_id: c,
                kind: EpisodeKind::AdvocacyReferral,
                start_on: d(2026, 5, 1),
                notes: None,
            },
            now,
        )
        .unwrap();
    // Chased on 11 May: the next chase 5 working days later, 18 May.
    let next = s
        .complete_deadline(ids[0], d(2026, 5, 11), Completion::outcome("chased"), now)
        .map(|c| c.next)
        .unwrap();
    assert_eq!(s.deadline(next[0]).unwrap().due, d(2026, 5, 18));
    s.add_mark(
        &NewMark {
            episode_id: ep,
            mark: "allocated".into(),
            on: d(2026, 5, 14),
            at: None,
            outcome: Some("Fictional Advocacy Service".into()),
        },
        now,
    )
    .unwrap();
    assert!(s.deadline(next[0]).unwrap().cancelled);
    assert_eq!(
        s.marks(ep).unwrap()[0].outcome.as_deref(),
        Some("Fictional Advocacy Service")
    );
}
