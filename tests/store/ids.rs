//! Ids are never reused (issue 25): a discarded draft's or an undone
//! record's id stays retired, so "note 12" in the audit, an export or a
//! practitioner's own jotting names one record only.

use super::*;

fn audit_ids(s: &Store, entity: &str) -> Vec<(i64, Option<i64>)> {
    s.audit_log(None, 100_000)
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == entity)
        .map(|e| (e.entity_id, e.client_id))
        .collect()
}

#[test]
fn a_discarded_drafts_id_is_never_given_to_the_next_note() {
    let mut s = mem();
    let a = s.add_client(&client("Ada", "L"), now()).unwrap();
    let b = s.add_client(&client("Ben", "M"), now()).unwrap();
    let first = s
        .add_note(&note(a, "2026-11-20 10:00", "x"), now())
        .unwrap();
    s.discard_draft(first, now()).unwrap();
    let next = s
        .add_note(&note(b, "2026-11-20 11:00", "y"), now())
        .unwrap();
    assert_ne!(next, first, "the discarded draft's id was given again");
    // The audit never names one note id for two clients.
    let mut seen: Vec<(i64, Option<i64>)> = Vec::new();
    for (id, client) in audit_ids(&s, "note") {
        if let Some((_, other)) = seen.iter().find(|(i, _)| *i == id) {
            assert_eq!(*other, client, "note {id} names two clients in the audit");
        }
        seen.push((id, client));
    }
}

#[test]
fn an_undone_records_id_is_never_given_again() {
    let mut s = mem();
    let a = s.add_client(&client("Ada", "L"), now()).unwrap();
    // A draft note, undone.
    let n = s
        .add_note(&note(a, "2026-11-20 10:00", "x"), now())
        .unwrap();
    s.undo_last(now()).unwrap();
    let n2 = s
        .add_note(&note(a, "2026-11-20 10:00", "x"), now())
        .unwrap();
    assert_ne!(n, n2, "notes");
    // An action, undone.
    let act = NewAction {
        client_id: Some(a),
        what: "Ring the GP".into(),
        due: None,
    };
    let x = s.add_action(&act, now()).unwrap();
    s.undo_last(now()).unwrap();
    let x2 = s.add_action(&act, now()).unwrap();
    assert_ne!(x, x2, "actions");
    // An episode, undone.
    let ep = NewEpisode {
        client_id: a,
        kind: EpisodeKind::CareAct,
        start_on: d("2026-11-01"),
        notes: None,
    };
    let e = s.add_episode(&ep, now()).unwrap();
    s.undo_last(now()).unwrap();
    let e2 = s.add_episode(&ep, now()).unwrap();
    assert_ne!(e, e2, "episodes");
}
