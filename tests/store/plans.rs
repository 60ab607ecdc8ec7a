//! Care plans, episodes and the network.

use super::*;

#[test]
fn plans_are_versioned_and_episodes_and_network_are_kept() {
    let mut s = mem();
    let c = s.add_client(&client("Ada", "L"), now()).unwrap();
    assert!(s.current_plan(c).unwrap().is_none());
    let plan = NewCarePlan {
        needs: "Stay home".into(),
        next_review: Some(d("2026-11-25")),
        actions: vec![PlanAction {
            what: "Weekly visit".into(),
            owner: "SW".into(),
            ..PlanAction::default()
        }],
        ..NewCarePlan::default()
    };
    assert_eq!(s.add_plan_version(c, &plan, now()).unwrap(), 1);
    let v2 = NewCarePlan {
        needs: "Stay home and work".into(),
        next_review: Some(d("2027-02-01")),
        ..NewCarePlan::default()
    };
    assert_eq!(s.add_plan_version(c, &v2, now()).unwrap(), 2);
    let versions = s.plan_versions(c).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1].needs, "Stay home", "old versions stay readable");
    assert_eq!(versions[1].actions[0].what, "Weekly visit");
    assert_eq!(s.current_plan(c).unwrap().unwrap().version, 2);
    let bad = NewCarePlan {
        actions: vec![PlanAction::default()],
        ..NewCarePlan::default()
    };
    assert!(s.add_plan_version(c, &bad, now()).is_err());
    assert!(s.add_plan_version(999, &v2, now()).is_err());
    assert_eq!(s.plan_versions(c).unwrap().len(), 2);

    let e = s
        .add_episode(
            &NewEpisode {
                client_id: c,
                kind: EpisodeKind::Cto,
                start_on: d("2026-06-01"),
                notes: None,
            },
            now(),
        )
        .unwrap();
    assert!(
        s.end_episode(e, d("2026-01-01"), now()).is_err(),
        "before start"
    );
    assert_eq!(
        s.client_summaries(false).unwrap()[0].frameworks,
        vec!["cto".to_string()]
    );
    s.end_episode(e, d("2026-11-01"), now()).unwrap();
    assert!(s.end_episode(e, d("2026-11-02"), now()).is_err());
    assert_eq!(s.episode(e).unwrap().end_on, Some(d("2026-11-01")));
    assert_eq!(s.episodes(c).unwrap().len(), 1);
    assert!(s.client_summaries(false).unwrap()[0].frameworks.is_empty());

    let m = s
        .add_network_member(
            &NewNetworkMember {
                client_id: c,
                name: "Dr Fairweather".into(),
                role: "GP".into(),
                consent_to_share: true,
                ..NewNetworkMember::default()
            },
            now(),
        )
        .unwrap();
    let net = s.network(c).unwrap();
    assert_eq!(net[0].id, m);
    assert!(net[0].consent_to_share);
    assert!(
        s.add_network_member(
            &NewNetworkMember {
                client_id: c,
                ..NewNetworkMember::default()
            },
            now()
        )
        .is_err()
    );
}
