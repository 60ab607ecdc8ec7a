//! The chronology: significant events in date order.

use super::*;

#[test]
fn the_chronology_gathers_significant_events_in_date_order() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let sig = note(
        &mut s,
        c,
        at(3, 10, 14),
        "Admitted to ward after crisis.",
        true,
    );
    note(&mut s, c, at(3, 11, 14), "Routine call.", false);
    s.finalise_note(sig, None, at(3, 11, 9)).unwrap();
    let add = s
        .add_addendum(
            sig,
            "Time corrected",
            "Admission was at 15:00.",
            at(3, 12, 9),
        )
        .unwrap();
    let ep = s
        .add_episode(
            &NewEpisode {
                client_id: c,
                kind: EpisodeKind::MhaS2,
                start_on: day(3, 10),
                notes: None,
            },
            at(3, 10, 18),
        )
        .unwrap();
    s.end_episode(ep, day(4, 2), at(4, 2, 9)).unwrap();
    let statutory = s
        .add_deadline(
            &NewDeadline {
                client_id: Some(c),
                episode_id: Some(ep),
                what: "Tribunal application".into(),
                due: Some(day(3, 24)),
                rule: Some("mha-s2-tribunal".into()),
                ..NewDeadline::default()
            },
            at(3, 10, 18),
        )
        .unwrap();
    s.complete_deadline(statutory, day(3, 20), Some("Applied"), at(3, 20, 9))
        .unwrap();
    let by_hand = s
        .add_deadline(
            &NewDeadline {
                client_id: Some(c),
                what: "Buy card".into(),
                due: Some(day(3, 24)),
                ..NewDeadline::default()
            },
            at(3, 10, 18),
        )
        .unwrap();
    s.complete_deadline(by_hand, day(3, 21), None, at(3, 21, 9))
        .unwrap();

    let chron = s.chronology(c).unwrap();
    let got: Vec<(NaiveDate, ChronologySource, i64)> = chron
        .iter()
        .map(|e| (e.date, e.source, e.source_id))
        .collect();
    assert_eq!(
        got,
        vec![
            (day(3, 10), ChronologySource::Episode, ep),
            (day(3, 10), ChronologySource::Note, sig),
            (day(3, 12), ChronologySource::Addendum, add),
            (day(3, 20), ChronologySource::Deadline, statutory),
            (day(4, 2), ChronologySource::Episode, ep),
        ]
    );
    assert!(chron[0].event.contains("MHA s2 started"));
    assert!(chron[1].event.contains("Admitted to ward"));
    assert_eq!(chron[2].note_id, Some(sig));
    assert!(chron[3].event.contains("Applied"));
    assert!(chron[4].event.contains("ended"));
}
