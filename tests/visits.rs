//! Visits through the store: planning, moving, cancelling, recording an
//! outcome per person, a visit with its note, a statutory visit deadline
//! completed by the visit, undo, households, the chronology; and one truth
//! about who was seen across every loader on the demo caseload.

use caseload::demo;
use caseload::domain::Completion;
use caseload::domain::*;
use caseload::store::prelude::*;
use caseload::store::{Store, VisitFilter};
use chrono::{Days, NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn at(m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(m, day).and_hms_opt(h, 0, 0).unwrap()
}

fn store_with(children: &[&str], visit_every: Option<u32>) -> (Store, Vec<i64>) {
    let mut s = Store::open_in_memory().unwrap();
    let ids = children
        .iter()
        .map(|g| {
            s.add_client(
                &NewClient {
                    given_name: (*g).into(),
                    family_name: "Testperson".into(),
                    service: Some(Service::Children),
                    visit_every_days: visit_every,
                    opened_on: Some(d(10, 1)),
                    ..NewClient::default()
                },
                at(10, 1, 9),
            )
            .unwrap()
        })
        .collect();
    (s, ids)
}

fn plan(s: &mut Store, clients: Vec<i64>, when: NaiveDateTime) -> i64 {
    s.plan_visit(
        &NewVisit {
            clients,
            at: Some(when),
            minutes: Some(60),
            location: Some("Home".into()),
            ..NewVisit::default()
        },
        at(11, 1, 9),
    )
    .unwrap()
}

#[test]
fn a_planned_visit_moves_keeps_its_history_and_counts_once_recorded() {
    let (mut s, ids) = store_with(&["Ann"], Some(10));
    let v = plan(&mut s, vec![ids[0]], at(11, 10, 10));
    s.move_visit(v, at(11, 11, 14), at(11, 2, 9)).unwrap();
    let visit = s.visit(v).unwrap();
    assert_eq!(visit.planned_at, Some(at(11, 11, 14)));
    assert_eq!(visit.moves.len(), 1);
    assert_eq!(visit.moves[0].from, at(11, 10, 10));
    // Planned is not seen.
    assert_eq!(s.client_visit_facts(ids[0]).unwrap().last_seen, None);
    // Not before its time.
    assert!(
        s.record_visit(v, &[(ids[0], VisitOutcome::Seen)], None, at(11, 11, 9))
            .is_err()
    );
    s.record_visit(
        v,
        &[(ids[0], VisitOutcome::SeenAlone)],
        None,
        at(11, 11, 16),
    )
    .unwrap();
    let f = s.client_visit_facts(ids[0]).unwrap();
    assert_eq!(f.last_seen, Some(d(11, 11)));
    assert_eq!(f.next_visit().unwrap().due, d(11, 21));
    // Done is done: no second outcome, no move, no cancel.
    assert!(
        s.record_visit(v, &[(ids[0], VisitOutcome::Seen)], None, at(11, 12, 9))
            .is_err()
    );
    assert!(s.move_visit(v, at(11, 20, 9), at(11, 12, 9)).is_err());
    assert!(s.cancel_visit(v, "x", at(11, 12, 9)).is_err());
}

#[test]
fn a_cancelled_or_no_access_visit_is_kept_but_does_not_count() {
    let (mut s, ids) = store_with(&["Ann"], Some(10));
    let a = plan(&mut s, vec![ids[0]], at(11, 10, 10));
    assert!(s.cancel_visit(a, "  ", at(11, 9, 9)).is_err(), "a reason");
    s.cancel_visit(a, "Family away", at(11, 9, 9)).unwrap();
    let b = plan(&mut s, vec![ids[0]], at(11, 12, 10));
    s.record_visit(b, &[(ids[0], VisitOutcome::NotSeen)], None, at(11, 12, 12))
        .unwrap();
    let f = s.client_visit_facts(ids[0]).unwrap();
    assert_eq!(f.last_seen, None);
    assert_eq!(f.next_visit().unwrap().due, d(10, 11), "from the opening");
    let list = s
        .visits(&VisitFilter {
            client: Some(ids[0]),
            ..VisitFilter::default()
        })
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].status, VisitStatus::Cancelled);
    assert_eq!(list[0].cancel_reason.as_deref(), Some("Family away"));
    let chron = s.chronology(ids[0]).unwrap();
    let events: Vec<&str> = chron
        .iter()
        .filter(|e| e.source == caseload::store::ChronologySource::Visit)
        .map(|e| e.event.as_str())
        .collect();
    assert_eq!(
        events,
        [
            "Home visit planned for then was cancelled: Family away",
            "Home visit: not seen"
        ]
    );
}

#[test]
fn a_household_visit_records_and_counts_each_persons_outcome() {
    let (mut s, ids) = store_with(&["Ann", "Ben", "Cat"], Some(10));
    s.link_household(&[ids[0], ids[1]], at(11, 1, 9)).unwrap();
    assert_eq!(s.household_of(ids[0]).unwrap(), vec![ids[1]]);
    s.link_household(&[ids[2], ids[1]], at(11, 1, 9)).unwrap();
    assert_eq!(s.household_of(ids[0]).unwrap(), vec![ids[1], ids[2]]);
    s.unlink_household(ids[2], at(11, 1, 9)).unwrap();
    assert_eq!(s.household_of(ids[0]).unwrap(), vec![ids[1]]);

    let v = plan(&mut s, vec![ids[0], ids[1]], at(11, 16, 15));
    // Every person needs an outcome; strangers are refused.
    assert!(
        s.record_visit(
            v,
            &[(ids[0], VisitOutcome::SeenAlone)],
            None,
            at(11, 16, 17)
        )
        .is_err()
    );
    assert!(
        s.record_visit(
            v,
            &[
                (ids[0], VisitOutcome::SeenAlone),
                (ids[1], VisitOutcome::NotSeen),
                (ids[2], VisitOutcome::Seen)
            ],
            None,
            at(11, 16, 17)
        )
        .is_err()
    );
    s.record_visit(
        v,
        &[
            (ids[0], VisitOutcome::SeenAlone),
            (ids[1], VisitOutcome::NotSeen),
        ],
        None,
        at(11, 16, 17),
    )
    .unwrap();
    assert_eq!(
        s.visit(v).unwrap().outcome_words(),
        "Ann Testperson: seen alone; Ben Testperson: not seen"
    );
    let seen = s.last_seen(&ids).unwrap();
    assert_eq!(seen.get(&ids[0]), Some(&d(11, 16)));
    assert_eq!(seen.get(&ids[1]), None, "the family visit hides nothing");
    // The agenda has one line per person.
    let lines: Vec<(Option<i64>, String)> = s
        .agenda(d(11, 16), d(11, 16))
        .unwrap()
        .into_iter()
        .filter(|i| i.kind == caseload::domain::AgendaKind::Visit && i.rule.is_none())
        .map(|i| (i.client_id, i.what))
        .collect();
    assert_eq!(
        lines,
        [
            (Some(ids[0]), "Home visit: seen alone".to_string()),
            (Some(ids[1]), "Home visit: not seen".to_string())
        ]
    );
}

#[test]
fn drafts_and_calls_never_count_through_the_store_but_final_visit_notes_do() {
    let (mut s, ids) = store_with(&["Ann"], Some(10));
    let note = |kind, when| NewNote {
        client_id: ids[0],
        kind: Some(kind),
        outcome: caseload::demo::written_outcome(kind),
        occurred_at: when,
        location: None,
        present: None,
        body: "Fictional.".into(),
        significant: false,
    };
    // An accidental one-word draft of a home visit.
    s.add_note(&note(NoteKind::HomeVisit, at(11, 20, 9)), at(11, 20, 9))
        .unwrap();
    let phone = s
        .add_note(&note(NoteKind::Phone, at(11, 18, 9)), at(11, 18, 9))
        .unwrap();
    s.finalise_note(phone, None, at(11, 18, 10)).unwrap();
    let f = s.client_visit_facts(ids[0]).unwrap();
    assert_eq!((f.last_seen, f.last_contact), (None, Some(d(11, 18))));
    let due = s.due(d(11, 22), 14).unwrap();
    assert!(due.iter().any(|i| i.kind == DueKind::Visit && i.overdue));
    // A final home-visit note with no visit record still counts.
    let old = s
        .add_note(&note(NoteKind::HomeVisit, at(11, 15, 9)), at(11, 15, 11))
        .unwrap();
    s.finalise_note(old, None, at(11, 15, 12)).unwrap();
    assert_eq!(
        s.client_visit_facts(ids[0]).unwrap().last_seen,
        Some(d(11, 15))
    );
}

#[test]
fn a_note_with_an_outcome_records_the_visit_in_one_step() {
    let (mut s, ids) = store_with(&["Ann"], Some(10));
    let new = |kind| NewNote {
        client_id: ids[0],
        kind: Some(kind),
        outcome: caseload::demo::written_outcome(kind),
        occurred_at: at(11, 20, 10),
        location: Some("Home".into()),
        present: None,
        body: "No answer at the door.".into(),
        significant: true,
    };
    assert!(
        s.add_note_with_outcome(&new(NoteKind::Phone), VisitOutcome::Seen, at(11, 20, 12))
            .is_err(),
        "a call is not a visit"
    );
    let (note, visit) = s
        .add_note_with_outcome(
            &new(NoteKind::HomeVisit),
            VisitOutcome::NotSeen,
            at(11, 20, 12),
        )
        .unwrap();
    s.finalise_note(note, None, at(11, 20, 12)).unwrap();
    let v = s.visit(visit).unwrap();
    assert_eq!(
        (v.status, v.note_id, v.occurred_at),
        (VisitStatus::Done, Some(note), Some(at(11, 20, 10)))
    );
    // The final home-visit note belongs to a no-access visit: not seen.
    assert_eq!(s.client_visit_facts(ids[0]).unwrap().last_seen, None);
}

#[test]
fn completing_a_statutory_visit_deadline_records_the_visit_and_the_chain_runs_from_it() {
    let (mut s, ids) = store_with(&["Ann"], None);
    let (_, _) = s
        .add_legal_episode(
            &NewEpisode {
                client_id: ids[0],
                kind: EpisodeKind::Lac,
                start_on: d(11, 2),
                notes: None,
            },
            at(11, 2, 9),
        )
        .unwrap();
    let first = s
        .deadlines(ids[0])
        .unwrap()
        .into_iter()
        .find(|x| x.rule.as_deref() == Some("lac-visit-first"))
        .unwrap();
    assert!(s.is_visit_deadline(first.id).unwrap());
    let lac_visit = |s: &Store| {
        s.client_visit_facts(ids[0])
            .unwrap()
            .due
            .into_iter()
            .find(|v| v.rule == "lac-visit")
            .unwrap()
            .due
    };
    // Before: six weeks from the placement (2 Nov) = 14 Dec.
    assert_eq!(lac_visit(&s), d(12, 14));
    // A no-access attempt is recorded; the deadline stays open.
    let tried = s
        .complete_deadline(
            first.id,
            d(11, 5),
            Completion::Visit(VisitOutcome::NotSeen),
            at(11, 5, 18),
        )
        .unwrap();
    assert!(!tried.completed);
    assert_eq!(s.deadline(first.id).unwrap().completed_on, None);
    assert_eq!(lac_visit(&s), d(12, 14));
    // Seen on 6 Nov: the deadline is done and the next visit counts from 6 Nov.
    let done = s
        .complete_deadline(
            first.id,
            d(11, 6),
            Completion::Visit(VisitOutcome::SeenAlone),
            at(11, 6, 18),
        )
        .unwrap();
    assert!(done.completed);
    assert_eq!(s.deadline(first.id).unwrap().completed_on, Some(d(11, 6)));
    assert_eq!(lac_visit(&s), d(12, 18));
    let v = s.visit(done.visit_id.unwrap()).unwrap();
    assert_eq!(v.deadline_id, Some(first.id));
    assert_eq!(
        s.client_visit_facts(ids[0]).unwrap().last_seen,
        Some(d(11, 6))
    );
}

#[test]
fn a_visit_deadline_is_done_by_a_visit_outcome_never_by_words() {
    let (mut s, ids) = store_with(&["Ann"], None);
    s.add_legal_episode(
        &NewEpisode {
            client_id: ids[0],
            kind: EpisodeKind::Lac,
            start_on: d(11, 2),
            notes: None,
        },
        at(11, 2, 9),
    )
    .unwrap();
    let first = s
        .deadlines(ids[0])
        .unwrap()
        .into_iter()
        .find(|x| x.rule.as_deref() == Some("lac-visit-first"))
        .unwrap();
    assert!(
        s.complete_deadline(
            first.id,
            d(11, 6),
            Completion::outcome("went well"),
            at(11, 6, 18)
        )
        .is_err(),
        "a visit deadline's outcome is a visit outcome"
    );
    assert!(
        s.complete_deadline(first.id, d(11, 6), Completion::Outcome(None), at(11, 6, 18))
            .is_err(),
        "no outcome is not taken as seen"
    );
    s.complete_deadline(
        first.id,
        d(11, 6),
        Completion::Visit(VisitOutcome::Seen),
        at(11, 6, 18),
    )
    .unwrap();
    assert_eq!(
        s.client_visit_facts(ids[0]).unwrap().last_seen,
        Some(d(11, 6))
    );
}

#[test]
fn planning_then_undo_cancels_the_visit_and_undo_of_a_move_puts_it_back() {
    let (mut s, ids) = store_with(&["Ann"], Some(10));
    let v = plan(&mut s, vec![ids[0]], at(11, 10, 10));
    s.move_visit(v, at(11, 11, 10), at(11, 2, 9)).unwrap();
    s.undo_last(at(11, 2, 10)).unwrap();
    let back = s.visit(v).unwrap();
    assert_eq!(back.planned_at, Some(at(11, 10, 10)));
    assert!(back.moves.is_empty());
    s.undo_last(at(11, 2, 11)).unwrap();
    assert_eq!(s.visit(v).unwrap().status, VisitStatus::Cancelled);
    // A visit recorded with its draft note: the first undo cancels the
    // visit (the draft stays), the next removes the draft.
    let (note, visit) = s
        .add_note_with_outcome(
            &NewNote {
                client_id: ids[0],
                kind: Some(NoteKind::HomeVisit),
                outcome: caseload::demo::written_outcome(NoteKind::HomeVisit),
                occurred_at: at(11, 3, 10),
                location: None,
                present: None,
                body: "Fictional.".into(),
                significant: false,
            },
            VisitOutcome::Seen,
            at(11, 3, 12),
        )
        .unwrap();
    s.undo_last(at(11, 3, 13)).unwrap();
    assert_eq!(s.visit(visit).unwrap().status, VisitStatus::Cancelled);
    assert_eq!(s.visit(visit).unwrap().note_id, None);
    assert!(s.note(note).is_ok());
    s.undo_last(at(11, 3, 14)).unwrap();
    assert!(s.note(note).is_err());
    assert_eq!(s.client_visit_facts(ids[0]).unwrap().last_seen, None);
    assert!(s.integrity_problems().unwrap().is_empty());
}

/// One truth: for every client of the demo caseload, the loaders behind
/// Today (`due`, `last_seen`), the Caseload table (`client_summaries`), the
/// Summary tab (`client_visit_facts`) and the agenda give the same last seen
/// and next visit.
#[test]
fn every_loader_agrees_on_last_seen_and_next_visit_for_every_demo_client() {
    let now = at(11, 25, 12);
    let today = now.date();
    let mut s = Store::open_in_memory().unwrap();
    demo::seed(&mut s, now).unwrap();
    let facts = s.visit_facts().unwrap();
    assert!(facts.len() > 20);
    let summaries: BTreeMap<i64, ClientSummary> = s
        .client_summaries(false)
        .unwrap()
        .into_iter()
        .map(|c| (c.client.id, c))
        .collect();
    let due = s.due(today, 3650).unwrap();
    let from = today - Days::new(400);
    let agenda = s.agenda(from, today + Days::new(400)).unwrap();
    let ids: Vec<i64> = facts.iter().map(|f| f.client_id).collect();
    let last_seen = s.last_seen(&ids).unwrap();
    for f in &facts {
        let id = f.client_id;
        let summary = &s.client_visit_facts(id).unwrap();
        assert_eq!(summary, f, "Summary tab, client {id}");
        assert_eq!(summaries[&id].last_seen, f.last_seen, "Caseload, {id}");
        assert_eq!(
            summaries[&id].last_contact, f.last_contact,
            "Caseload, {id}"
        );
        assert_eq!(last_seen.get(&id).copied(), f.last_seen, "Today, {id}");
        let next = f.next_visit().map(|v| v.due);
        let from_due = due
            .iter()
            .filter(|i| i.kind == DueKind::Visit && i.client_id == Some(id))
            .map(|i| i.due)
            .min();
        assert_eq!(from_due, next, "due, client {id}");
        let from_agenda = agenda
            .iter()
            .filter(|i| i.is_visit_due() && i.client_id == Some(id))
            .map(|i| i.date)
            .min();
        assert_eq!(from_agenda, next.filter(|d| *d >= from), "agenda, {id}");
        if let Some(n) = next {
            assert!(
                summaries[&id].next_due.is_some_and(|d| d <= n),
                "next due, {id}"
            );
        }
    }
    // What the demo shows: a child seen alone, her brother not seen on the
    // same visit, a no-access visit, planned visits this week and next.
    let by_name = |n: &str| s.resolve_client(n).unwrap().id;
    let poppy = by_name("Poppy");
    let leo = by_name("Leo Amberwell");
    let rafferty = by_name("Rafferty");
    let visits = s.visits(&VisitFilter::default()).unwrap();
    let outcome = |v: &Visit, c: i64| v.people.iter().find(|p| p.client_id == c)?.outcome;
    assert!(visits.iter().any(|v| {
        outcome(v, poppy) == Some(VisitOutcome::SeenAlone)
            && outcome(v, leo) == Some(VisitOutcome::NotSeen)
    }));
    assert!(
        visits
            .iter()
            .any(|v| outcome(v, rafferty) == Some(VisitOutcome::NotSeen))
    );
    let planned: Vec<i64> = visits
        .iter()
        .filter(|v| v.status == VisitStatus::Planned)
        .filter_map(|v| v.date())
        .map(|d| (d - today).num_days())
        .collect();
    assert!(planned.iter().any(|n| (0..7).contains(n)), "{planned:?}");
    assert!(planned.iter().any(|n| (7..14).contains(n)), "{planned:?}");
    assert_eq!(s.household_of(poppy).unwrap(), vec![leo]);
    assert!(s.integrity_problems().unwrap().is_empty());
}

#[test]
fn a_visit_whose_time_passed_awaits_its_outcome_and_recording_it_starts_the_note() {
    let (mut s, ids) = store_with(&["Ann", "Ben"], Some(10));
    let past = plan(&mut s, vec![ids[0], ids[1]], at(11, 16, 15));
    let ahead = plan(&mut s, vec![ids[0]], at(11, 25, 15));
    let waiting: Vec<i64> = s
        .visits_awaiting_outcome(at(11, 16, 16))
        .unwrap()
        .iter()
        .map(|v| v.id)
        .collect();
    assert_eq!(waiting, vec![past]);
    assert!(
        s.visits_awaiting_outcome(at(11, 16, 14))
            .unwrap()
            .is_empty()
    );
    // Only someone on the visit gets the note.
    assert!(
        s.record_visit_and_start_note(
            past,
            &[
                (ids[0], VisitOutcome::SeenAlone),
                (ids[1], VisitOutcome::NotSeen)
            ],
            None,
            999,
            at(11, 16, 17)
        )
        .is_err()
    );
    let note = s
        .record_visit_and_start_note(
            past,
            &[
                (ids[0], VisitOutcome::SeenAlone),
                (ids[1], VisitOutcome::NotSeen),
            ],
            None,
            ids[0],
            at(11, 16, 17),
        )
        .unwrap();
    let n = s.note(note).unwrap();
    assert_eq!(n.status, NoteStatus::Draft);
    assert_eq!((n.client_id, n.kind), (ids[0], Some(NoteKind::HomeVisit)));
    assert_eq!(n.occurred_at, at(11, 16, 15));
    assert_eq!(n.location.as_deref(), Some("Home"));
    // Issue 25 item 4: present lists only the people recorded as seen.
    assert_eq!(n.present.as_deref(), Some("Ann Testperson"));
    assert!(
        n.body
            .starts_with("Outcome: Ann Testperson: seen alone; Ben Testperson: not seen.")
    );
    assert_eq!(s.visit(past).unwrap().note_id, Some(note));
    // The outcome counts at once, though the note is still a draft.
    assert_eq!(
        s.client_visit_facts(ids[0]).unwrap().last_seen,
        Some(d(11, 16))
    );
    let waiting = s.visits_awaiting_outcome(at(11, 26, 9)).unwrap();
    assert_eq!(
        waiting.iter().map(|v| v.id).collect::<Vec<_>>(),
        vec![ahead]
    );
}
