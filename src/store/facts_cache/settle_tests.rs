//! Settling the cache: what a write marks stale, what a read stores, and
//! what empties it (other rules, another build, a changed row form).

use crate::store::prelude::*;
use chrono::Days;

use super::super::visit_facts::Scope;
use super::tests::{days_ago, note, now, person};
use crate::domain::NoteKind;
use crate::rules::VisitDue;
use crate::store::Store;

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
