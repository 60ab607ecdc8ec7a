//! Each rule of the practice layer, as a table: what is recorded, and who
//! that makes seen, when, and when the next visit falls due.

use chrono::NaiveDate;

use super::*;
use crate::domain::{EpisodeKind, NoteKind, NoteStatus, VisitOutcome};
use crate::rules::RuleSet;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn contact(client_id: i64, kind: NoteKind, on: NaiveDate, evidence: Evidence) -> Contact {
    Contact {
        client_id,
        kind,
        on,
        evidence,
    }
}

const FINAL: Evidence = Evidence::Note(NoteStatus::Final);
const DRAFT: Evidence = Evidence::Note(NoteStatus::Draft);
const SEEN: Evidence = Evidence::Outcome(VisitOutcome::Seen);
const ALONE: Evidence = Evidence::Outcome(VisitOutcome::SeenAlone);
const NOT_SEEN: Evidence = Evidence::Outcome(VisitOutcome::NotSeen);
const CANCELLED: Evidence = Evidence::Outcome(VisitOutcome::Cancelled);

/// A client visited every 10 days, case open since 1 October 2026.
fn client(id: i64) -> ClientBasis {
    ClientBasis {
        client_id: id,
        name: format!("Client {id}"),
        visit_every_days: Some(10),
        opened_on: d(10, 1),
        open: true,
        episodes: Vec::new(),
        placement: None,
    }
}

struct Case {
    rule: &'static str,
    recorded: Vec<(NoteKind, NaiveDate, Evidence)>,
    last_seen: Option<NaiveDate>,
    last_contact: Option<NaiveDate>,
    /// The client's own visit (every 10 days from the last seen, else
    /// from 1 October).
    next_visit: NaiveDate,
}

#[test]
fn who_counts_as_seen_and_when_the_next_visit_falls_due() {
    use NoteKind::{HomeVisit, Office, Phone, Video};
    let cases = [
        Case {
            rule: "nothing recorded: due 10 days after the case opened",
            recorded: vec![],
            last_seen: None,
            last_contact: None,
            next_visit: d(10, 11),
        },
        Case {
            rule: "a visit seen counts",
            recorded: vec![(HomeVisit, d(11, 2), SEEN)],
            last_seen: Some(d(11, 2)),
            last_contact: Some(d(11, 2)),
            next_visit: d(11, 12),
        },
        Case {
            rule: "a visit seen alone counts",
            recorded: vec![(Office, d(11, 3), ALONE)],
            last_seen: Some(d(11, 3)),
            last_contact: Some(d(11, 3)),
            next_visit: d(11, 13),
        },
        Case {
            rule: "a draft never counts, however recent",
            recorded: vec![(HomeVisit, d(11, 2), SEEN), (HomeVisit, d(11, 20), DRAFT)],
            last_seen: Some(d(11, 2)),
            last_contact: Some(d(11, 2)),
            next_visit: d(11, 12),
        },
        Case {
            rule: "a draft alone leaves the person never seen",
            recorded: vec![(HomeVisit, d(11, 20), DRAFT)],
            last_seen: None,
            last_contact: None,
            next_visit: d(10, 11),
        },
        Case {
            rule: "a no-access visit is recorded but does not count",
            recorded: vec![(HomeVisit, d(11, 2), SEEN), (HomeVisit, d(11, 9), NOT_SEEN)],
            last_seen: Some(d(11, 2)),
            last_contact: Some(d(11, 2)),
            next_visit: d(11, 12),
        },
        Case {
            rule: "a cancelled visit does not count",
            recorded: vec![(HomeVisit, d(11, 9), CANCELLED)],
            last_seen: None,
            last_contact: None,
            next_visit: d(10, 11),
        },
        Case {
            rule: "a phone call is a contact, never a visit",
            recorded: vec![(HomeVisit, d(11, 2), SEEN), (Phone, d(11, 10), FINAL)],
            last_seen: Some(d(11, 2)),
            last_contact: Some(d(11, 10)),
            next_visit: d(11, 12),
        },
        Case {
            rule: "a video call is a contact, never a visit",
            recorded: vec![(Video, d(11, 10), FINAL)],
            last_seen: None,
            last_contact: Some(d(11, 10)),
            next_visit: d(10, 11),
        },
        Case {
            rule: "a final visit note with no visit record counts (legacy notes)",
            recorded: vec![(HomeVisit, d(11, 5), FINAL)],
            last_seen: Some(d(11, 5)),
            last_contact: Some(d(11, 5)),
            next_visit: d(11, 15),
        },
    ];
    let rules = RuleSet::embedded().unwrap();
    for case in cases {
        let contacts: Vec<Contact> = case
            .recorded
            .iter()
            .map(|(k, on, e)| contact(1, *k, *on, *e))
            .collect();
        let f = visit_facts(&rules, &client(1), &contacts);
        assert_eq!(f.last_seen, case.last_seen, "last seen: {}", case.rule);
        assert_eq!(
            f.last_contact, case.last_contact,
            "last contact: {}",
            case.rule
        );
        let next = f.next_visit().unwrap();
        assert_eq!(
            (next.rule.as_str(), next.due),
            ("client-visit", case.next_visit),
            "next visit: {}",
            case.rule
        );
    }
}

#[test]
fn a_local_rule_can_count_phone_calls() {
    let rules = RuleSet::embedded()
        .unwrap()
        .with_overrides(
            "rules.toml",
            "[[rule]]\nid = \"client-visit\"\ncontact_kinds = [\"home-visit\", \"phone\"]\n",
        )
        .unwrap();
    let contacts = [contact(1, NoteKind::Phone, d(11, 10), FINAL)];
    let f = visit_facts(&rules, &client(1), &contacts);
    assert_eq!(f.next_visit().unwrap().due, d(11, 20));
    // "Last seen" stays in person: the call is still not a sighting.
    assert_eq!(f.last_seen, None);
}

#[test]
fn a_household_visit_counts_only_each_persons_own_outcome() {
    let rules = RuleSet::embedded().unwrap();
    // One visit on 16 Nov: Ann seen alone, her brother Ben not seen (at
    // school). Both on child protection plans since 2 Nov.
    let contacts = [
        contact(1, NoteKind::HomeVisit, d(11, 16), ALONE),
        contact(2, NoteKind::HomeVisit, d(11, 16), NOT_SEEN),
    ];
    let sibling = |id| ClientBasis {
        visit_every_days: None,
        episodes: vec![(EpisodeKind::Cp, d(11, 2))],
        ..client(id)
    };
    let ann = visit_facts(&rules, &sibling(1), &contacts);
    let ben = visit_facts(&rules, &sibling(2), &contacts);
    assert_eq!(ann.last_seen, Some(d(11, 16)));
    assert_eq!(ben.last_seen, None);
    // cp-visit: 10 working days. Ann from Mon 16 Nov = Mon 30 Nov; Ben
    // still from the plan's start, Mon 2 Nov = Mon 16 Nov (overdue).
    assert_eq!(ann.next_visit().unwrap().rule, "cp-visit");
    assert_eq!(ann.next_visit().unwrap().due, d(11, 30));
    assert_eq!(ben.next_visit().unwrap().due, d(11, 16));
}

#[test]
fn a_visit_counts_for_an_episode_rule_only_from_the_episode_start() {
    let rules = RuleSet::embedded().unwrap();
    let basis = ClientBasis {
        visit_every_days: None,
        episodes: vec![(EpisodeKind::Lac, d(11, 2))],
        ..client(1)
    };
    // Seen on 1 Nov, the day before the placement: lac-visit (6 weeks)
    // counts from the placement, 2 Nov, so 14 Dec.
    let f = visit_facts(
        &rules,
        &basis,
        &[contact(1, NoteKind::HomeVisit, d(11, 1), SEEN)],
    );
    assert_eq!(f.next_visit().unwrap().due, d(12, 14));
    assert_eq!(f.last_seen, Some(d(11, 1)));
}

#[test]
fn closed_cases_have_a_last_seen_but_nothing_due() {
    let rules = RuleSet::embedded().unwrap();
    let closed = ClientBasis {
        open: false,
        ..client(1)
    };
    let f = visit_facts(
        &rules,
        &closed,
        &[contact(1, NoteKind::HomeVisit, d(11, 1), SEEN)],
    );
    assert_eq!(f.last_seen, Some(d(11, 1)));
    assert!(f.due.is_empty());
}

#[test]
fn due_items_agenda_lines_next_due_and_the_weekly_chart_agree() {
    let rules = RuleSet::embedded().unwrap();
    let f = visit_facts(
        &rules,
        &client(7),
        &[contact(7, NoteKind::HomeVisit, d(11, 10), SEEN)],
    );
    // Due 20 Nov; the client-visit rule shows it for 3 days (18-20 Nov)
    // even outside the horizon asked for.
    let today = d(11, 16);
    assert!(due_items(f.clone(), d(11, 17), d(11, 17)).is_empty());
    let warned = due_items(f.clone(), d(11, 18), d(11, 18));
    assert_eq!(warned.len(), 1);
    assert_eq!(
        (warned[0].id, warned[0].due, warned[0].days),
        (7, d(11, 20), 2)
    );
    assert_eq!(due_items(f.clone(), today, d(11, 20)).len(), 1);
    let overdue = due_items(f.clone(), d(11, 22), d(11, 22));
    assert!(overdue[0].overdue);

    let lines = agenda_items(&f, d(11, 16), d(11, 22));
    assert_eq!(lines.len(), 1);
    assert!(lines[0].is_visit_due());
    assert_eq!((lines[0].date, lines[0].client_id), (d(11, 20), Some(7)));
    assert!(agenda_items(&f, d(11, 21), d(11, 30)).is_empty());

    // The earlier of deadline and visit; a deadline wins a tie.
    let dl = |day| Some((d(11, day), "Review".to_string()));
    assert_eq!(
        next_due(dl(25), None, f.next_visit_what()).unwrap().0,
        d(11, 20)
    );
    assert_eq!(
        next_due(dl(18), None, f.next_visit_what()).unwrap().0,
        d(11, 18)
    );
    assert_eq!(
        next_due(dl(20), None, f.next_visit_what()).unwrap().1,
        "Review"
    );
    assert_eq!(next_due(None, None, None), None);
    // A visit planned before anything else falls due is what is next; a
    // deadline the same day still wins.
    let planned = |day| Some((d(11, day), "Home visit (planned)".to_string()));
    assert_eq!(
        next_due(dl(25), planned(19), f.next_visit_what()).unwrap(),
        (d(11, 19), "Home visit (planned)".to_string())
    );
    assert_eq!(next_due(dl(19), planned(19), None).unwrap().1, "Review");
    assert_eq!(
        next_due(None, planned(30), f.next_visit_what()).unwrap().0,
        d(11, 20)
    );
    assert_eq!(next_due(None, planned(30), None).unwrap().0, d(11, 30));

    // Week 0 is today and the 6 days after; days before today or after the
    // 8 weeks do not count.
    let per_day: std::collections::BTreeMap<_, _> = [
        (today - chrono::Days::new(1), 5),
        (today, 1),
        (today + chrono::Days::new(6), 2),
        (today + chrono::Days::new(7), 3),
        (today + chrono::Days::new(55), 4),
        (today + chrono::Days::new(56), 6),
    ]
    .into_iter()
    .collect();
    assert_eq!(weekly_counts(&per_day, today), [3, 3, 0, 0, 0, 0, 0, 4]);
}

#[test]
fn a_placement_replaces_the_episode_visiting_rule_and_counts_a_hospital_visit_where_the_child_lives()
 {
    let rules = RuleSet::embedded().unwrap();
    let placed = |kind| ClientBasis {
        visit_every_days: None,
        episodes: vec![(EpisodeKind::Lac, d(11, 2))],
        placement: Some(crate::rules::PlacementBasis {
            kind,
            start: d(11, 2),
            long_term: false,
            first_review: None,
        }),
        ..client(1)
    };
    let seen_in_hospital = [contact(1, NoteKind::Hospital, d(11, 6), SEEN)];
    // Living in a neonatal unit from Mon 2 Nov, seen there Fri 6 Nov: reg
    // 28(1) visits wherever the child lives, so 28(6)(b) runs from 6 Nov:
    // 6 weeks = Fri 18 Dec. The episode's own lac-visit is not listed.
    let f = visit_facts(
        &rules,
        &placed(crate::domain::PlacementType::Hospital),
        &seen_in_hospital,
    );
    assert_eq!(f.due.len(), 1, "{:?}", f.due);
    assert_eq!(f.due[0].rule, "lac-visit-reg28-6b");
    assert_eq!(f.due[0].due, d(12, 18));
    // In foster care, a hospital appointment is not a visit where the child
    // lives: reg 28(2)(a)'s first visit is still due Mon 9 Nov.
    let f = visit_facts(
        &rules,
        &placed(crate::domain::PlacementType::Foster),
        &seen_in_hospital,
    );
    assert_eq!(f.due[0].rule, "lac-visit-reg28-2a");
    assert_eq!(f.due[0].due, d(11, 9));
}
