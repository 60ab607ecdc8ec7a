//! Full-text search, in the store and on the command line.

use super::*;

fn search_fixture() -> (Store, i64, i64, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let ann = client(&mut s, "Ann", "Example");
    let bea = client(&mut s, "Bea", "Sample");
    let n = note(
        &mut s,
        ann,
        at(10, 5, 10),
        "Discussed the rent arrears with Ann.",
        false,
    );
    s.finalise_note(n, None, at(10, 6, 9)).unwrap();
    s.add_addendum(
        n,
        "Omitted detail",
        "She mentioned the Landlord, Mr Example-Smith.",
        at(10, 7, 9),
    )
    .unwrap();
    note(
        &mut s,
        bea,
        at(11, 2, 10),
        "Landlords forum leaflet given. Rent paid.",
        false,
    );
    s.add_plan_version(
        ann,
        &NewCarePlan {
            needs: "Stable housing".into(),
            crisis_plan: "Call the crisis team".into(),
            ..NewCarePlan::default()
        },
        at(11, 3, 9),
    )
    .unwrap();
    (s, ann, bea, n)
}

fn all() -> SearchFilter {
    SearchFilter::default()
}

#[test]
fn search_finds_a_word_in_an_addendum_with_it_marked() {
    let (s, ann, _, n) = search_fixture();
    let hits = s.search("landlord", &all()).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let h = &hits[0];
    assert_eq!(h.source, HitSource::Addendum);
    assert_eq!(h.note_id, Some(n));
    assert_eq!(h.client_id, ann);
    assert_eq!(h.client_name, "Ann Example");
    assert!(
        h.marked("[", "]").contains("[Landlord]"),
        "{}",
        h.marked("[", "]")
    );
}

#[test]
fn prefixes_phrases_and_case_work() {
    let (s, ann, bea, _) = search_fixture();
    let clients = |q: &str| {
        let mut v: Vec<i64> = s
            .search(q, &all())
            .unwrap()
            .iter()
            .map(|h| h.client_id)
            .collect();
        v.sort_unstable();
        v
    };
    assert_eq!(clients("landl*"), vec![ann, bea]);
    assert_eq!(clients("LANDLORD"), vec![ann]);
    assert_eq!(clients("\"rent arrears\""), vec![ann]);
    assert_eq!(clients("\"arrears rent\""), Vec::<i64>::new());
    assert_eq!(clients("rent NOT arrears"), vec![bea]);
    assert_eq!(clients("arrears OR forum"), vec![ann, bea]);
    assert_eq!(clients("example-smith"), vec![ann]);
    assert_eq!(clients("crisis team"), vec![ann]);
    let plan = s.search("housing", &all()).unwrap();
    assert_eq!(plan[0].source, HitSource::Plan);
}

#[test]
fn search_filters_by_client_and_date() {
    let (s, ann, bea, _) = search_fixture();
    let only = |f: SearchFilter| s.search("rent", &f).unwrap().len();
    assert_eq!(only(all()), 2);
    assert_eq!(
        only(SearchFilter {
            client_id: Some(bea),
            ..all()
        }),
        1
    );
    assert_eq!(
        only(SearchFilter {
            client_id: Some(ann),
            ..all()
        }),
        1
    );
    assert_eq!(
        only(SearchFilter {
            from: Some(day(11, 1)),
            ..all()
        }),
        1
    );
    assert_eq!(
        only(SearchFilter {
            to: Some(day(10, 31)),
            ..all()
        }),
        1
    );
    assert_eq!(
        only(SearchFilter {
            from: Some(day(12, 1)),
            ..all()
        }),
        0
    );
}

#[test]
fn malformed_searches_give_a_message_not_a_dump() {
    let (s, ..) = search_fixture();
    for q in [
        "\"rent", "AND", "rent OR", "NOT rent", "*", "", "\"\"", "(((", "a:b:c -",
    ] {
        match s.search(q, &all()) {
            Err(StoreError::Invalid(e)) => {
                let m = e.to_string();
                assert!(m.starts_with("search: "), "{q:?}: {m}");
                assert!(!m.to_lowercase().contains("fts5"), "{q:?}: {m}");
            }
            Ok(hits) => assert!(
                matches!(q, "(((" | "a:b:c -"),
                "{q:?} should be refused, found {hits:?}"
            ),
            Err(other) => panic!("{q:?}: not a plain message: {other:?}"),
        }
    }
    // Punctuation and column-like words are searched as words.
    assert!(s.search("rent; (paid)", &all()).is_ok());
    assert!(s.search("body:rent", &all()).is_ok());
}

#[test]
fn editing_a_draft_keeps_the_index_in_step() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let n = note(&mut s, c, at(11, 16, 10), "about the giraffe", false);
    let edit = NewNote {
        client_id: c,
        kind: Some(NoteKind::HomeVisit),
        outcome: caseload::demo::written_outcome(NoteKind::HomeVisit),
        occurred_at: at(11, 16, 10),
        location: None,
        present: None,
        body: "about the elephant".into(),
        significant: false,
    };
    s.save_draft(n, &edit, at(11, 16, 12)).unwrap();
    assert!(s.search("giraffe", &all()).unwrap().is_empty());
    assert_eq!(s.search("elephant", &all()).unwrap()[0].id, n);
}

// ---------- the command line ----------

#[test]
fn the_command_line_searches_undoes_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let (ann, n) = {
        let mut s = Store::open(&path, &SecretString::from(PASS)).unwrap();
        let ann = client(&mut s, "Ann", "Example");
        let n = note(
            &mut s,
            ann,
            at(11, 16, 10),
            "Spoke about the landlord and rent.",
            true,
        );
        s.finalise_note(n, None, at(11, 17, 9)).unwrap();
        s.add_addendum(
            n,
            "Detail",
            "The landlord is Mr Example-Smith.",
            at(11, 18, 9),
        )
        .unwrap();
        let edit = NewClient {
            given_name: "Ann".into(),
            family_name: "Example".into(),
            phone: Some("01632 960001".into()),
            opened_on: Some(day(1, 5)),
            ..NewClient::default()
        };
        s.update_client(ann, &edit, at(11, 19, 9)).unwrap();
        (ann, n)
    };
    let out = cli(&path).args(["search", "landl*"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("[landlord]"), "{text}");
    assert!(text.contains(&format!("on note {n}")), "{text}");
    assert!(text.contains("2 matches"), "{text}");

    cli(&path)
        .args(["search", "\"unclosed"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("quotation mark is not closed"));

    let out = cli(&path).args(["undo", "--json"]).assert().success();
    let undone: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(undone["entity"], "client");
    assert_eq!(undone["op"], "update");

    let out = cli(&path)
        .args(["audit", "Ann", "--json"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(log[0]["op"], "undo");
    assert_eq!(log[0]["client_id"], ann);
    assert!(
        !stdout.contains("landlord") && !stdout.contains("01632"),
        "{stdout}"
    );

    let out = cli(&path)
        .args(["chronology", &ann.to_string(), "--json"])
        .assert()
        .success();
    let chron: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(chron[0]["source"], "note");
    assert_eq!(chron[1]["source"], "addendum");
}

#[test]
fn very_common_words_list_the_newest_records_first() {
    let mut s = Store::open_in_memory().unwrap();
    let c = client(&mut s, "Ann", "Example");
    let ids: Vec<i64> = (0..520)
        .map(|i| {
            note(
                &mut s,
                c,
                at(6, 1, 9) + chrono::Duration::hours(i),
                "weekly walk",
                false,
            )
        })
        .collect();
    let hits = s
        .search("walk", &SearchFilter { limit: 20, ..all() })
        .unwrap();
    assert_eq!(hits.len(), 20);
    let got: Vec<i64> = hits.iter().map(|h| h.id).collect();
    let newest: Vec<i64> = ids.iter().rev().take(20).copied().collect();
    assert_eq!(got, newest);
    assert!(hits.iter().all(|h| h.marked("<", ">").contains("<walk>")));
}
