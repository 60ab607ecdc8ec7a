//! The agenda's tests: each choice of kinds against the full agenda.

use super::*;
use crate::demo::{SynthOptions, generate};
use crate::store::prelude::*;

fn kinds_of(kinds: AgendaKinds, line: &AgendaItem) -> bool {
    match line.kind {
        AgendaKind::Contact => kinds.contacts,
        AgendaKind::Review => kinds.reviews,
        _ => kinds.dated_work,
    }
}

#[test]
fn each_choice_of_kinds_gives_exactly_the_full_agendas_lines_of_them() {
    let mut s = Store::open_in_memory().unwrap();
    let now = NaiveDate::from_ymd_opt(2026, 3, 2)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap();
    generate(&mut s, SynthOptions::new(40, 3), now).unwrap();
    let (from, to) = (
        now.date() - chrono::Days::new(14),
        now.date() + chrono::Days::new(55),
    );
    let all = s.agenda(from, to).unwrap();
    // Every line names its client as the client's record does.
    for line in &all {
        let want = line
            .client_id
            .map(|id| s.client(id).unwrap().display_name());
        assert_eq!(line.client_name, want, "{line:?}");
    }
    for kind in ["contact", "review", "deadline", "action", "visit"] {
        assert!(
            all.iter().any(|l| l.kind.as_str() == kind),
            "the fixture has a {kind}"
        );
    }
    for kinds in [
        AgendaKinds::ALL,
        AgendaKinds::CONTACTS_AND_REVIEWS,
        AgendaKinds::WORK_AND_REVIEWS,
        AgendaKinds {
            contacts: false,
            reviews: false,
            dated_work: false,
        },
    ] {
        let want: Vec<_> = all.iter().filter(|l| kinds_of(kinds, l)).cloned().collect();
        assert_eq!(s.agenda_of(from, to, kinds).unwrap(), want, "{kinds:?}");
    }
}

#[test]
fn the_open_work_count_is_the_agendas_open_lines_day_by_day() {
    use crate::domain::{NewVisit, VisitOutcome};
    let mut s = Store::open_in_memory().unwrap();
    let now = NaiveDate::from_ymd_opt(2026, 3, 2)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap();
    generate(&mut s, SynthOptions::new(40, 3), now).unwrap();
    let at = |days: u64| now + chrono::Days::new(days);
    // Visits planned (one with two people), recorded and cancelled, and
    // a deadline and an action done, each in range.
    let plan = |s: &mut Store, clients: Vec<i64>, on: NaiveDateTime| {
        let new = NewVisit {
            clients,
            at: Some(on),
            ..NewVisit::default()
        };
        s.plan_visit(&new, now - chrono::Days::new(10)).unwrap()
    };
    plan(&mut s, vec![1, 2], at(3));
    let recorded = plan(&mut s, vec![3], now - chrono::Days::new(2));
    s.record_visit(recorded, &[(3, VisitOutcome::Seen)], None, now)
        .unwrap();
    let cancelled = plan(&mut s, vec![4], at(5));
    s.cancel_visit(cancelled, "Fictional reason", now).unwrap();
    let lines = s
        .agenda(now.date(), now.date() + chrono::Days::new(60))
        .unwrap();
    let open_deadline = lines
        .iter()
        .find(|l| l.kind == AgendaKind::Deadline && !l.done)
        .unwrap();
    s.complete_deadline(
        open_deadline.id,
        now.date(),
        crate::domain::Completion::Outcome(None),
        now,
    )
    .unwrap();
    let open_action = lines
        .iter()
        .find(|l| l.kind == AgendaKind::Action && !l.done)
        .unwrap();
    s.complete_action(open_action.id, now.date(), now).unwrap();

    for (from, to) in [(-14, 55), (0, 6), (3, 3), (-3, 0), (20, 90)] {
        let day = |n: i64| now.date() + chrono::TimeDelta::days(n);
        let (from, to) = (day(from), day(to));
        let lines = s
            .agenda_of(from, to, AgendaKinds::WORK_AND_REVIEWS)
            .unwrap();
        let mut want = std::collections::BTreeMap::new();
        for l in lines.iter().filter(|l| !l.done) {
            *want.entry(l.date).or_insert(0u64) += 1;
        }
        assert_eq!(s.open_work_by_day(from, to).unwrap(), want, "{from}..{to}");
    }
    // The fixture has every kind, open and done, in the first range.
    let lines = s
        .agenda(
            now.date() - chrono::Days::new(14),
            now.date() + chrono::Days::new(55),
        )
        .unwrap();
    for (kind, done) in [
        ("deadline", true),
        ("deadline", false),
        ("action", true),
        ("action", false),
        ("review", false),
        ("visit", true),
        ("visit", false),
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.kind.as_str() == kind && l.done == done),
            "the fixture has a {kind} line with done = {done}"
        );
    }
    // Two people on one planned visit are two lines, and count twice.
    let day = at(3).date();
    let planned = lines
        .iter()
        .filter(|l| l.kind == AgendaKind::Visit && l.date == day && l.rule.is_none())
        .count();
    assert_eq!(planned, 2);
}
