//! Deadlines and plan actions: what is due, and the agenda.

use super::*;
use caseload::domain::Completion;

#[test]
fn deadlines_actions_due_and_agenda() {
    let mut s = mem();
    let c = s.add_client(&client("Ada", "Lark"), now()).unwrap();
    let closed = s.add_client(&client("Bea", "Gone"), now()).unwrap();
    let dl = |s: &mut Store, cid: Option<i64>, what: &str, due: &str| {
        s.add_deadline(
            &NewDeadline {
                client_id: cid,
                what: what.into(),
                due: Some(d(due)),
                ..NewDeadline::default()
            },
            now(),
        )
        .unwrap()
    };
    let overdue = dl(&mut s, Some(c), "Review", "2026-11-20");
    let soon = dl(&mut s, Some(c), "Visit", "2026-11-25");
    let far = dl(&mut s, Some(c), "Report", "2027-03-01");
    let _gone = dl(&mut s, Some(closed), "Closed case review", "2026-11-21");
    s.close_client(closed, now().date(), "moved", now())
        .unwrap();
    let warned = s
        .add_deadline(
            &NewDeadline {
                client_id: Some(c),
                what: "Renewal".into(),
                due: Some(d("2027-01-10")),
                warn_from: Some(d("2026-11-15")),
                weight: Some(90),
                rule: Some("cto-renewal".into()),
                ..NewDeadline::default()
            },
            now(),
        )
        .unwrap();
    let act = s
        .add_action(
            &NewAction {
                client_id: None,
                what: "Mileage".into(),
                due: Some(d("2026-11-23")),
            },
            now(),
        )
        .unwrap();
    let undated = s
        .add_action(
            &NewAction {
                client_id: Some(c),
                what: "Someday".into(),
                due: None,
            },
            now(),
        )
        .unwrap();

    let due = s.due(now().date(), 14).unwrap();
    let ids: Vec<(DueKind, i64)> = due.iter().map(|i| (i.kind, i.id)).collect();
    assert_eq!(
        ids,
        vec![
            (DueKind::Deadline, overdue),
            (DueKind::Deadline, warned),
            (DueKind::Action, act),
            (DueKind::Deadline, soon),
        ],
        // The rest by days left over 2^((weight - 100) / 10), from 00:00
        // on 22/11: the renewal 50 / 0.5 = 100, the action 2 * 724 = 1448,
        // the visit 4 * 512 = 2048.
        "overdue first, then weight and nearness; closed cases, far and undated left out"
    );
    assert!(due[0].overdue && due[0].days == -2);
    assert_eq!(due[0].client_name.as_deref(), Some("Ada Lark"));
    assert_eq!(due[2].client_name, None);
    assert!(
        !s.due(now().date(), 400)
            .unwrap()
            .iter()
            .any(|i| i.id == undated && i.kind == DueKind::Action)
    );
    assert!(
        s.due(now().date(), 400)
            .unwrap()
            .iter()
            .any(|i| i.id == far)
    );

    // Completing: future refused, twice refused.
    assert!(
        s.complete_deadline(soon, d("2026-11-30"), Completion::Outcome(None), now())
            .is_err()
    );
    s.complete_deadline(overdue, d("2026-11-21"), Completion::outcome("Held"), now())
        .unwrap();
    assert!(
        s.complete_deadline(overdue, d("2026-11-21"), Completion::Outcome(None), now())
            .is_err()
    );
    assert_eq!(
        s.deadline(overdue).unwrap().outcome.as_deref(),
        Some("Held")
    );
    assert!(
        !s.due(now().date(), 14)
            .unwrap()
            .iter()
            .any(|i| i.id == overdue && i.kind == DueKind::Deadline)
    );
    let list = s.deadlines(c).unwrap();
    assert_eq!(list.last().unwrap().id, overdue, "done ones last");
    s.complete_action(act, now().date(), now()).unwrap();
    assert!(s.complete_action(act, now().date(), now()).is_err());
    assert_eq!(s.action(act).unwrap().done_on, Some(now().date()));
    assert_eq!(s.actions(Some(c)).unwrap().len(), 1);
    assert_eq!(s.actions(None).unwrap().len(), 2);
    assert!(matches!(s.deadline(999), Err(StoreError::NotFound { .. })));
    assert!(matches!(s.action(999), Err(StoreError::NotFound { .. })));
    assert!(
        s.add_deadline(
            &NewDeadline {
                client_id: Some(999),
                what: "x".into(),
                due: Some(d("2026-12-01")),
                ..NewDeadline::default()
            },
            now()
        )
        .is_err()
    );
    assert!(
        s.add_action(
            &NewAction {
                client_id: None,
                what: " ".into(),
                due: None
            },
            now()
        )
        .is_err()
    );

    s.add_note(&note(c, "2026-11-21 10:00", "Seen"), now())
        .unwrap();
    let agenda = s.agenda(d("2026-11-20"), d("2026-11-25")).unwrap();
    let kinds: Vec<(&str, bool)> = agenda.iter().map(|a| (a.kind.as_str(), a.done)).collect();
    assert_eq!(
        kinds,
        vec![
            ("deadline", true),
            ("deadline", false), // the closed case's: the calendar keeps history
            ("contact", true),
            ("action", true),
            ("deadline", false)
        ],
        "{agenda:?}"
    );
    assert_eq!(agenda[2].time.as_deref(), Some("10:00"));
    assert_eq!(agenda[2].what, "home-visit");
}
