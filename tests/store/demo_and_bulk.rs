//! The demo caseload, synthetic bulk caseloads and the throwaway demo.

use super::*;

#[test]
fn the_demo_caseload_has_something_in_every_place() {
    let mut s = mem();
    let sum = demo::seed(&mut s, now()).unwrap();
    assert!((20..=30).contains(&sum.clients), "{sum:?}");
    let all = s.client_summaries(true).unwrap();
    assert_eq!(all.len(), sum.clients);
    assert!(all.iter().any(|c| c.client.service == Service::Adult));
    assert!(all.iter().any(|c| c.client.service == Service::Children));
    assert!(
        all.iter()
            .filter(|c| c.client.status == CaseStatus::Closed)
            .count()
            >= 2
    );
    assert!(all.iter().any(|c| !c.client.alerts.is_empty()));
    assert!(all.iter().any(|c| c.client.risk == RiskLevel::High));
    assert!(all.iter().any(|c| c.drafts > 0));
    let due = s.due(now().date(), 7).unwrap();
    assert!(due.iter().any(|i| i.overdue), "something overdue");
    assert!(
        due.iter().any(|i| (0..7).contains(&i.days)),
        "something this week"
    );
    assert!(
        !s.agenda(now().date(), now().date() + chrono::Days::new(6))
            .unwrap()
            .is_empty()
    );
    let marnie = s.resolve_client("Marnie").unwrap();
    assert_eq!(s.plan_versions(marnie.id).unwrap().len(), 2);
    assert!(!s.network(marnie.id).unwrap().is_empty());
    assert!(!s.episodes(marnie.id).unwrap().is_empty());
    let cto = s
        .deadlines(marnie.id)
        .unwrap()
        .into_iter()
        .find(|d| d.rule.as_deref() == Some("cto-expiry"))
        .unwrap();
    let episode = s.episode(cto.episode_id.unwrap()).unwrap();
    assert_eq!(
        episode.kind,
        EpisodeKind::Cto,
        "statutory dates belong to their episode"
    );
    let notes = s.notes(marnie.id).unwrap();
    assert!(notes.iter().any(|n| n.significant));
    assert!(notes.iter().any(|n| n.status == NoteStatus::Final));
    assert!(notes.iter().any(|n| !s.addenda(n.id).unwrap().is_empty()));
    // Relative dates: a different day gives the same shape.
    let mut later = mem();
    let when = now() + chrono::Duration::days(400);
    demo::seed(&mut later, when).unwrap();
    assert!(later.due(when.date(), 7).unwrap().iter().any(|i| i.overdue));
    assert!(s.integrity_problems().unwrap().is_empty());
}

#[test]
fn synthetic_caseloads_are_large_deterministic_and_all_or_nothing() {
    let mut a = mem();
    let sum = demo::generate(&mut a, SynthOptions::new(12, 7), now()).unwrap();
    assert_eq!((sum.clients, sum.notes, sum.deadlines), (12, 1200, 120));
    let counts: std::collections::HashMap<_, _> = a.table_counts().unwrap().into_iter().collect();
    assert_eq!(counts["notes"], 1200);
    assert_eq!(counts["deadlines"], 120);
    assert!(counts["care_plans"] >= 12 && counts["network_members"] >= 36);
    assert!(counts["audit"] > 1300, "every record audited");
    let c = &a.clients(true).unwrap()[0];
    let notes = a.notes(c.id).unwrap();
    let finals = notes
        .iter()
        .filter(|n| n.status == NoteStatus::Final)
        .count();
    assert!(finals >= 98, "mostly final");
    assert!(
        notes
            .iter()
            .all(|n| n.body.len() > 80 && n.written_at >= n.occurred_at)
    );
    assert!(a.integrity_problems().unwrap().is_empty());

    let mut b = mem();
    demo::generate(&mut b, SynthOptions::new(12, 7), now()).unwrap();
    let names = |s: &Store| -> Vec<String> {
        s.clients(true)
            .unwrap()
            .iter()
            .map(|c| c.display_name())
            .collect()
    };
    assert_eq!(names(&a), names(&b), "same seed, same caseload");

    // A failure inside the bulk transaction leaves nothing behind.
    let mut e = mem();
    let r = e.bulk(now(), |b| {
        b.client(&client("Ada", "L"), now().date())?;
        b.client(&client("", "L"), now().date())?;
        Ok(())
    });
    assert!(r.is_err());
    assert!(e.clients(true).unwrap().is_empty());
}

#[test]
fn throwaway_demo_is_private_and_removed_on_drop() {
    let db = demo::open_throwaway(now()).unwrap();
    let dir = db.guard.path().to_path_buf();
    assert_eq!(dir.metadata().unwrap().permissions().mode() & 0o777, 0o700);
    let file = db.store.path().unwrap().to_path_buf();
    assert!(file.starts_with(&dir));
    assert!(!db.store.clients(false).unwrap().is_empty());
    assert_eq!(db.store.safety_settings().unwrap().synchronous, 2);
    drop(db);
    assert!(!Path::new(&dir).exists(), "removed at exit");
}
