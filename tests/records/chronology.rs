//! The chronology: significant events in date order.

use super::*;
use caseload::domain::Completion;

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
    s.complete_deadline(
        statutory,
        day(3, 20),
        Completion::outcome("Applied"),
        at(3, 20, 9),
    )
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
    s.complete_deadline(by_hand, day(3, 21), Completion::Outcome(None), at(3, 21, 9))
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
    // Sources say what they are, not "note 2" or "episode 1".
    let sources: Vec<String> = chron.iter().map(|e| e.source_ref()).collect();
    assert_eq!(
        sources,
        vec![
            "MHA s2 episode",
            "Home visit note, 10 Mar",
            "Addendum, 12 Mar",
            "MHA s2 deadline",
            "MHA s2 episode",
        ]
    );
    // A tribunal application deadline completed is "done", not "renewed".
    assert!(
        chron[3].event.contains("— done: Applied"),
        "{}",
        chron[3].event
    );
}

/// A section 3 period completed reads "renewed"; the next, withdrawn
/// because the detention ended first, reads "not renewed" on the day it
/// ended.
#[test]
fn a_renewal_line_says_renewed_or_not() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let (ep, _) = s
        .add_legal_episode(
            &NewEpisode {
                client_id: c,
                kind: EpisodeKind::MhaS3,
                start_on: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
                notes: None,
            },
            at(1, 5, 9),
        )
        .unwrap();
    let first = s
        .deadlines(c)
        .unwrap()
        .into_iter()
        .find(|d| d.rule.as_deref() == Some("mha-s3-expiry"))
        .unwrap();
    assert_eq!(first.due, day(5, 31));
    s.complete_deadline(
        first.id,
        day(5, 20),
        Completion::outcome("report furnished"),
        at(5, 20, 9),
    )
    .map(|c| c.next)
    .unwrap();
    s.end_episode(ep, day(8, 14), at(8, 14, 9)).unwrap();

    let chron = s.chronology(c).unwrap();
    let lines: Vec<(NaiveDate, &str)> = chron
        .iter()
        .filter(|e| {
            e.event
                .starts_with("Section 3 detention ends unless renewed")
        })
        .map(|e| (e.date, e.event.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (
                day(5, 20),
                "Section 3 detention ends unless renewed — renewed: report furnished"
            ),
            (
                day(8, 14),
                "Section 3 detention ends unless renewed (#2) — not renewed"
            ),
        ]
    );
    assert!(chron.iter().all(|e| !e.event.contains("— done")));
}
