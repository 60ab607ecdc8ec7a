//! The cache must say exactly what the practice layer works out from
//! scratch, whatever was written (and undone) since it was last read.

use chrono::{Days, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use super::super::visit_facts::Scope;
use crate::domain::{EpisodeKind, NewClient, NewEpisode, NewNote, NewVisit, NoteKind};
use crate::domain::{VisitOutcome, VisitStatus};
use crate::rules::VisitDue;
use crate::store::Store;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap()
}

fn days_ago(n: u8) -> NaiveDateTime {
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

fn person(given: &str, every: Option<u32>) -> NewClient {
    NewClient {
        given_name: given.into(),
        family_name: "Testperson".into(),
        visit_every_days: every,
        opened_on: NaiveDate::from_ymd_opt(2026, 6, 1),
        ..NewClient::default()
    }
}

fn note(client_id: i64, kind: NoteKind, at: NaiveDateTime) -> NewNote {
    NewNote {
        client_id,
        kind,
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

#[test]
fn a_write_marks_only_its_clients_row_stale_and_a_read_refreshes_it() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s.add_client(&person("Ann", Some(14)), now()).unwrap();
    let b = s.add_client(&person("Ben", Some(14)), now()).unwrap();
    assert_eq!(
        s.stale_clients().unwrap(),
        vec![a, b],
        "new clients start stale"
    );
    s.fill_visit_facts().unwrap();
    assert!(s.stale_clients().unwrap().is_empty());
    s.add_final_note(&note(a, NoteKind::HomeVisit, days_ago(2)), None, now())
        .unwrap();
    assert_eq!(
        s.stale_clients().unwrap(),
        vec![a],
        "the note's client's row is marked in the same transaction"
    );
    let f = s.client_visit_facts(a).unwrap();
    assert_eq!(f.last_seen, Some(days_ago(2).date()));
    assert!(s.stale_clients().unwrap().is_empty());
}

#[test]
fn a_row_that_cannot_be_stored_is_worked_out_by_the_reader() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s.add_client(&person("Ann", Some(14)), now()).unwrap();
    s.add_client(&person("Ben", Some(14)), now()).unwrap();
    s.fill_visit_facts().unwrap();
    s.add_final_note(&note(a, NoteKind::HomeVisit, days_ago(2)), None, now())
        .unwrap();
    // An open transaction: the cache cannot take the write lock.
    s.conn.execute_batch("BEGIN").unwrap();
    assert_eq!(
        s.facts_in(Scope::All).unwrap(),
        s.computed_facts(Scope::All).unwrap()
    );
    assert_eq!(s.stale_clients().unwrap(), vec![a], "nothing written");
    s.conn.execute_batch("COMMIT").unwrap();
}

#[test]
fn only_an_edit_the_facts_rest_on_marks_a_client_stale() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s.add_client(&person("Ann", Some(14)), now()).unwrap();
    s.fill_visit_facts().unwrap();
    let mut edit = s.client(a).unwrap().to_new();
    edit.preferred_name = Some("Annie".into());
    edit.pronouns = Some("she/her".into());
    s.update_client(a, &edit, now()).unwrap();
    assert!(
        s.stale_clients().unwrap().is_empty(),
        "a new name or pronouns leave the facts as they were"
    );
    // The name shown with the facts is read with them, so it is the new one.
    assert_eq!(s.facts_in(Scope::All).unwrap()[0].name, "Annie Testperson");
    edit.visit_every_days = Some(7);
    s.update_client(a, &edit, now()).unwrap();
    assert_eq!(
        s.stale_clients().unwrap(),
        vec![a],
        "a new frequency does not"
    );
    assert_eq!(
        s.facts_in(Scope::All).unwrap(),
        s.computed_facts(Scope::All).unwrap()
    );
}

#[test]
fn a_client_without_a_row_gets_one_at_the_next_read() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s.add_client(&person("Ann", Some(14)), now()).unwrap();
    s.fill_visit_facts().unwrap();
    s.conn.execute("DELETE FROM visit_facts", []).unwrap();
    // Checked when the store next checks the rules (once per session).
    let rules = s.rules().clone();
    s.use_rules(rules);
    assert_eq!(
        s.facts_in(Scope::All).unwrap(),
        s.computed_facts(Scope::All).unwrap()
    );
    assert_eq!(s.facts_in(Scope::All).unwrap()[0].client_id, a);
}

#[test]
fn other_rules_make_the_cache_stale() {
    let mut s = Store::open_in_memory().unwrap();
    let a = s.add_client(&person("Ann", Some(14)), now()).unwrap();
    s.fill_visit_facts().unwrap();
    // Stored under a fingerprint the rules in use do not have.
    s.conn
        .execute(
            "UPDATE visit_facts_rules SET fingerprint = 'older rules'",
            [],
        )
        .unwrap();
    s.conn
        .execute(
            "UPDATE visit_facts SET next_due = '2000-01-01', due = '[]'",
            [],
        )
        .unwrap();
    let rules = s.rules().clone();
    s.use_rules(rules);
    assert!(s.stale_clients().unwrap().is_empty(), "not yet checked");
    assert_eq!(
        s.facts_in(Scope::All).unwrap(),
        s.computed_facts(Scope::All).unwrap()
    );
    assert!(!s.client_visit_facts(a).unwrap().due.is_empty());
}

#[test]
fn a_cached_visit_names_its_rule_by_place_and_reads_back_whole() {
    let rules = crate::rules::RuleSet::embedded().unwrap();
    let refs = super::row::RuleRefs::of(&rules);
    let rule = rules.rules().iter().find(|r| r.is_visit()).unwrap();
    let day = now().date();
    let from_rule = VisitDue {
        rule: rule.id.clone(),
        source: rule.citation(),
        what: "Fictional visit (every 14 days)".into(),
        due: day,
        warn_from: Some(day - Days::new(3)),
        weight: rule.weight,
    };
    let due = vec![
        from_rule.clone(),
        VisitDue {
            what: "odd\ttext\nhere, with \"quotes\" and [brackets]".into(),
            warn_from: None,
            due: day + Days::new(7),
            ..from_rule.clone()
        },
    ];
    let json = refs.encode(&due).unwrap();
    assert!(json.starts_with('['), "{json}");
    assert!(!json.contains(&from_rule.source), "{json}");
    assert_eq!(refs.decode(&json).unwrap(), due);
    assert_eq!(refs.encode(&[]).unwrap(), "[]");
    assert!(refs.decode("[]").unwrap().is_empty());
    // A visit no rule of the set gives so (another citation) is refused,
    // as is a row naming a place no rule has, or a broken date.
    let other = VisitDue {
        source: "a citation no rule has".into(),
        ..from_rule.clone()
    };
    assert!(refs.encode(&[other]).is_err());
    assert!(
        refs.decode(r#"[{"r":9999,"what":"x","due":"2026-11-22","warn_from":null}]"#)
            .is_err()
    );
    assert!(
        refs.decode(r#"[{"r":0,"what":"x","due":"2026-13-40","warn_from":null}]"#)
            .is_err()
    );
}

#[test]
fn the_cache_is_worked_out_again_when_a_file_deciding_a_fact_changes() {
    let mut s = Store::open_in_memory().unwrap();
    s.add_client(&person("Ann", Some(14)), now()).unwrap();
    s.fill_visit_facts().unwrap();
    // A row the deciding code would no longer write (as if the release
    // before had decided otherwise), not marked stale.
    s.conn
        .execute(
            "UPDATE visit_facts SET next_due = '2000-01-01', due = '[]'",
            [],
        )
        .unwrap();
    let built = super::settle::FACTS_SOURCE_HASH;
    s.settle_under(built).unwrap();
    assert_ne!(
        s.facts_in(Scope::All).unwrap(),
        s.computed_facts(Scope::All).unwrap(),
        "under the same build the row is read as stored"
    );
    // Another build: a file of src/rules, src/practice, the domain's
    // visits, notes or deadlines, the rule data, or the version changed.
    s.settle_under("another build").unwrap();
    assert!(s.stale_clients().unwrap().is_empty(), "stored again");
    assert_eq!(
        s.facts_in(Scope::All).unwrap(),
        s.computed_facts(Scope::All).unwrap()
    );
}

#[path = "../../../build/facts_sources.rs"]
mod facts_sources;

#[test]
fn the_fingerprint_hashes_every_file_that_decides_a_fact_as_it_is_now() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = facts_sources::files(root).unwrap();
    for must in [
        "src/rules/period.rs",
        "src/rules/pack.rs",
        "src/rules/engine.rs",
        "src/practice/seen.rs",
        "src/practice/due.rs",
        "src/domain/visit.rs",
        "src/domain/note.rs",
        "src/domain/deadline.rs",
        "src/store/visit_facts.rs",
        "data/rules/visiting.toml",
    ] {
        assert!(files.iter().any(|f| f == must), "{must} is not hashed");
    }
    assert_eq!(super::settle::FACT_SOURCES, files.as_slice());
    // The constant the cache is filled under is these files' hash with the
    // version, as they are in this tree (build.rs ran after every change).
    assert_eq!(
        super::settle::FACTS_SOURCE_HASH,
        facts_sources::hash(root, &files, env!("CARGO_PKG_VERSION")).unwrap()
    );
}
