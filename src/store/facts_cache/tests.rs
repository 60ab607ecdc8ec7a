//! The cache must say exactly what the practice layer works out from
//! scratch, whatever was written (and undone) since it was last read.

use crate::store::prelude::*;
use chrono::{Days, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use super::super::visit_facts::Scope;
use crate::domain::{EpisodeKind, NewClient, NewEpisode, NewNote, NewVisit, NoteKind};
use crate::domain::{VisitOutcome, VisitStatus};
use crate::store::Store;

pub(super) fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap()
}

pub(super) fn days_ago(n: u8) -> NaiveDateTime {
    now().checked_sub_days(Days::new(u64::from(n))).unwrap()
}

/// One write (or a read, which fills the cache) on one of three clients.
#[derive(Debug, Clone)]
enum Op {
    Read,
    Note {
        who: usize,
        kind: usize,
        ago: u8,
        fin: bool,
    },
    FinaliseDraft {
        who: usize,
    },
    Visit {
        who: usize,
        both: bool,
        ago: u8,
        outcome: usize,
    },
    PlannedVisitCancelled {
        who: usize,
    },
    NoteWithOutcome {
        who: usize,
        ago: u8,
        outcome: usize,
    },
    Episode {
        who: usize,
        kind: usize,
        ago: u8,
    },
    EndEpisode {
        who: usize,
    },
    Frequency {
        who: usize,
        days: Option<u32>,
    },
    Close {
        who: usize,
    },
    Reopen {
        who: usize,
    },
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0usize..3;
    let outcome = 0usize..VisitOutcome::ALL.len();
    prop_oneof![
        Just(Op::Read),
        (who.clone(), 0..NoteKind::ALL.len(), 0u8..120, any::<bool>()).prop_map(
            |(who, kind, ago, fin)| Op::Note {
                who,
                kind,
                ago,
                fin
            }
        ),
        who.clone().prop_map(|who| Op::FinaliseDraft { who }),
        (who.clone(), any::<bool>(), 1u8..120, outcome.clone()).prop_map(
            |(who, both, ago, outcome)| Op::Visit {
                who,
                both,
                ago,
                outcome
            }
        ),
        who.clone()
            .prop_map(|who| Op::PlannedVisitCancelled { who }),
        (who.clone(), 0u8..120, outcome).prop_map(|(who, ago, outcome)| Op::NoteWithOutcome {
            who,
            ago,
            outcome
        }),
        (who.clone(), 0..EpisodeKind::ALL.len(), 0u8..120)
            .prop_map(|(who, kind, ago)| Op::Episode { who, kind, ago }),
        who.clone().prop_map(|who| Op::EndEpisode { who }),
        (who.clone(), proptest::option::of(7u32..60))
            .prop_map(|(who, days)| Op::Frequency { who, days }),
        who.clone().prop_map(|who| Op::Close { who }),
        who.prop_map(|who| Op::Reopen { who }),
        Just(Op::Undo),
    ]
}

pub(super) fn person(given: &str, every: Option<u32>) -> NewClient {
    NewClient {
        given_name: given.into(),
        family_name: "Testperson".into(),
        visit_every_days: every,
        opened_on: NaiveDate::from_ymd_opt(2026, 6, 1),
        ..NewClient::default()
    }
}

pub(super) fn note(client_id: i64, kind: NoteKind, at: NaiveDateTime) -> NewNote {
    NewNote {
        client_id,
        kind: Some(kind),
        outcome: crate::demo::written_outcome(kind),
        occurred_at: at,
        location: None,
        present: None,
        body: "Fictional text.".into(),
        significant: false,
    }
}

/// Carries out `op`; refusals (a closed case, nothing to undo…) are part
/// of the sequence and leave the store as it was.
fn apply(s: &mut Store, ids: &[i64; 3], op: &Op) {
    let late = Some("Fictional late reason");
    let pick = |i: usize, list: &[VisitOutcome]| list[i % list.len()];
    let _ = match *op {
        Op::Read => {
            s.facts_in(Scope::All).unwrap();
            Ok(())
        }
        Op::Note {
            who,
            kind,
            ago,
            fin,
        } => {
            let n = note(ids[who], NoteKind::ALL[kind], days_ago(ago));
            if fin {
                s.add_final_note(&n, late, now()).map(|_| ())
            } else {
                s.add_note(&n, now()).map(|_| ())
            }
        }
        Op::FinaliseDraft { who } => match s
            .notes(ids[who])
            .unwrap()
            .iter()
            .find(|n| n.status == crate::domain::NoteStatus::Draft)
        {
            Some(n) => s.finalise_note(n.id, late, now()),
            None => Ok(()),
        },
        Op::Visit {
            who,
            both,
            ago,
            outcome,
        } => {
            let clients = if both {
                vec![ids[who], ids[(who + 1) % 3]]
            } else {
                vec![ids[who]]
            };
            let o = pick(outcome, VisitOutcome::ALL);
            let new = NewVisit {
                clients: clients.clone(),
                at: Some(days_ago(ago)),
                ..NewVisit::default()
            };
            s.plan_visit(&new, days_ago(ago + 1)).and_then(|v| {
                let outcomes: Vec<_> = clients.iter().map(|c| (*c, o)).collect();
                s.record_visit(v, &outcomes, None, now())
            })
        }
        Op::PlannedVisitCancelled { who } => {
            let planned = s.visits(&crate::store::VisitFilter {
                client: Some(ids[who]),
                ..Default::default()
            });
            match planned
                .unwrap()
                .iter()
                .find(|v| v.status == VisitStatus::Planned)
            {
                Some(v) => s.cancel_visit(v.id, "Fictional reason", now()),
                None => Ok(()),
            }
        }
        Op::NoteWithOutcome { who, ago, outcome } => {
            let n = note(ids[who], NoteKind::HomeVisit, days_ago(ago));
            s.add_final_note_with_outcome(&n, pick(outcome, VisitOutcome::ALL), late, now())
                .map(|_| ())
        }
        Op::Episode { who, kind, ago } => {
            let e = NewEpisode {
                client_id: ids[who],
                kind: EpisodeKind::ALL[kind],
                start_on: days_ago(ago).date(),
                notes: None,
            };
            s.add_episode(&e, now()).map(|_| ())
        }
        Op::EndEpisode { who } => match s
            .episodes(ids[who])
            .unwrap()
            .iter()
            .find(|e| e.end_on.is_none())
        {
            Some(e) => s.end_episode(e.id, now().date(), now()),
            None => Ok(()),
        },
        Op::Frequency { who, days } => {
            let c = s.client(ids[who]).unwrap();
            s.update_client(ids[who], &person(&c.given_name, days), now())
                .map(|_| ())
        }
        Op::Close { who } => s.close_client(ids[who], now().date(), "Fictional reason", now()),
        Op::Reopen { who } => s.reopen_client(ids[who], now()),
        Op::Undo => s.undo_last(now()).map(|_| ()),
    };
}

/// The cache (as every reader sees it) against a from-scratch computation.
fn assert_cache_true(s: &Store) {
    let cached = s.facts_in(Scope::All).unwrap();
    let computed = s.computed_facts(Scope::All).unwrap();
    assert_eq!(cached, computed);
    // The Caseload table's columns say the same.
    let brief: std::collections::HashMap<i64, super::FactsBrief> = computed
        .iter()
        .map(|f| (f.client_id, super::FactsBrief::of(f)))
        .collect();
    assert_eq!(s.facts_brief().unwrap(), brief);
    let open: Vec<_> = computed
        .iter()
        .filter(|f| s.client(f.client_id).unwrap().status == crate::domain::CaseStatus::Open)
        .cloned()
        .collect();
    assert_eq!(s.facts_in(Scope::Open).unwrap(), open);
    let today = now().date();
    let horizon = today + Days::new(14);
    let due: Vec<_> = open
        .iter()
        .flat_map(|f| crate::practice::due_items(f.clone(), today, horizon))
        .collect();
    let from_cache: Vec<_> = s
        .facts_due_by(horizon, Some(today))
        .unwrap()
        .into_iter()
        .flat_map(|f| crate::practice::due_items(f, today, horizon))
        .collect();
    assert_eq!(from_cache, due);
    // Today's chart counts the visits due from a column of days: the same
    // days, in and out of range, as the facts themselves.
    for (from, to) in [
        (today, horizon),
        (today - Days::new(60), today + Days::new(60)),
    ] {
        let mut want = std::collections::BTreeMap::new();
        for f in &open {
            for v in crate::practice::visits_due_between(f, from, to) {
                *want.entry(v.due).or_insert(0u64) += 1;
            }
        }
        assert_eq!(s.visit_days_due(from, to).unwrap(), want);
    }
    let ids: Vec<i64> = computed.iter().map(|f| f.client_id).collect();
    let seen: std::collections::HashMap<i64, NaiveDate> = computed
        .iter()
        .filter_map(|f| Some((f.client_id, f.last_seen?)))
        .collect();
    assert_eq!(s.last_seen(&ids).unwrap(), seen);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn cached_facts_equal_a_fresh_computation(ops in proptest::collection::vec(op(), 1..40)) {
        let mut s = Store::open_in_memory().unwrap();
        let ids = [
            s.add_client(&person("Ann", Some(14)), now()).unwrap(),
            s.add_client(&person("Ben", None), now()).unwrap(),
            s.add_client(&person("Cal", Some(28)), now()).unwrap(),
        ];
        for op in &ops {
            apply(&mut s, &ids, op);
            if matches!(op, Op::Read) {
                assert_cache_true(&s);
            }
        }
        assert_cache_true(&s);
    }
}
