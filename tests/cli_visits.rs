//! Visits on the command line: `visit plan|list|done|move|cancel`,
//! `note add --outcome`, `deadline done --outcome` on a statutory visit,
//! households, and the agenda's visit lines, on a temporary database.

mod common;

use serde_json::Value;

use common::cli::{fails, json, new_db, ok};

#[test]
fn visits_are_planned_moved_recorded_and_cancelled_from_the_command_line() {
    let (_dir, db) = new_db();
    for given in ["Ann", "Ben"] {
        ok(
            &db,
            &[
                "client",
                "add",
                "--given",
                given,
                "--family",
                "Testperson",
                "--service",
                "children",
                "--visit-every",
                "10",
            ],
        );
    }
    ok(&db, &["client", "link", "ann", "ben"]);
    assert_eq!(
        json(&db, &["client", "show", "ann", "--json"])["household"][0],
        2
    );

    // Plan, with everything a plan carries; a bad ring-back time is refused.
    assert!(
        fails(
            &db,
            &[
                "visit",
                "plan",
                "ann",
                "--at",
                "2026-11-24 15:30",
                "--lone-working-check",
                "5pm"
            ]
        )
        .contains("HH:MM")
    );
    let planned = ok(
        &db,
        &[
            "visit",
            "plan",
            "ann",
            "--also",
            "ben",
            "--at",
            "2026-11-24 15:30",
            "--minutes",
            "60",
            "--where",
            "Home",
            "--with",
            "Family support worker",
            "--lone-working-check",
            "17:00",
        ],
    );
    let planned = planned.trim().to_string();
    ok(
        &db,
        &["visit", "move", &planned, "--at", "2026-11-25 10:00"],
    );
    let list = json(&db, &["visit", "list", "ann", "--json"]);
    let v = &list[0];
    assert_eq!(v["status"], "planned");
    assert_eq!(v["planned_at"], "2026-11-25T10:00:00");
    assert_eq!(v["moves"][0]["from"], "2026-11-24T15:30:00");
    assert_eq!(v["minutes"], 60);
    assert_eq!(v["with_whom"], "Family support worker");
    assert_eq!(v["lone_check"], "17:00:00");
    assert_eq!(v["people"].as_array().unwrap().len(), 2);
    assert!(fails(&db, &["visit", "done", &planned, "--outcome", "seen"]).contains("not come yet"));

    // A household visit already past: one outcome per person.
    let past = ok(
        &db,
        &[
            "visit",
            "plan",
            "ann",
            "--also",
            "ben",
            "--at",
            "2026-11-21 15:00",
        ],
    );
    let past = past.trim().to_string();
    assert!(
        fails(
            &db,
            &[
                "visit",
                "done",
                &past,
                "--outcome",
                "seen",
                "--outcome",
                "ben=not-seen"
            ]
        )
        .contains("CLIENT=OUTCOME")
    );
    assert!(fails(&db, &["visit", "done", &past, "--outcome", "home"]).contains("seen-alone"));
    let out = ok(
        &db,
        &[
            "visit",
            "done",
            &past,
            "--outcome",
            "ann=seen-alone",
            "--outcome",
            "ben=not-seen",
        ],
    );
    assert!(
        out.contains("Ann Testperson: seen alone; Ben Testperson: not seen"),
        "{out}"
    );
    let ann = json(&db, &["client", "show", "ann", "--json"]);
    let ben = json(&db, &["client", "show", "ben", "--json"]);
    assert_eq!(ann["last_seen"], "2026-11-21");
    assert_eq!(ann["next_visit"], "2026-12-01");
    assert_eq!(ben["last_seen"], Value::Null);

    // Cancel with a reason, once.
    let spare = ok(&db, &["visit", "plan", "ben", "--at", "2026-11-30 09:00"]);
    let spare = spare.trim().to_string();
    ok(&db, &["visit", "cancel", &spare, "--reason", "Family away"]);
    assert!(fails(&db, &["visit", "cancel", &spare, "--reason", "x"]).contains("cancelled"));
    let text = ok(
        &db,
        &[
            "visit",
            "list",
            "--from",
            "2026-11-21",
            "--to",
            "2026-11-30",
        ],
    );
    assert!(
        text.contains("cancelled") && text.contains("planned"),
        "{text}"
    );

    // A no-access visit recorded with its note in one step; a call is refused.
    assert!(
        fails(
            &db,
            &[
                "note",
                "add",
                "ben",
                "--kind",
                "phone",
                "--outcome",
                "seen",
                "--text",
                "x"
            ]
        )
        .contains("not a visit")
    );
    ok(
        &db,
        &[
            "note",
            "add",
            "ben",
            "--kind",
            "home-visit",
            "--at",
            "2026-11-21 17:00",
            "--outcome",
            "not-seen",
            "--final",
            "--text",
            "No answer at the door.",
        ],
    );
    assert_eq!(
        json(&db, &["client", "show", "ben", "--json"])["last_seen"],
        Value::Null
    );

    // The agenda: visit lines (planned, recorded, falling due) with a kind,
    // client, what, date and time.
    let agenda = json(
        &db,
        &[
            "agenda",
            "--from",
            "2026-11-21",
            "--to",
            "2026-12-02",
            "--json",
        ],
    );
    let items = agenda.as_array().unwrap();
    for i in items {
        for key in ["kind", "client_id", "what", "date", "time"] {
            assert!(i.get(key).is_some(), "agenda item lacks {key}: {i}");
        }
    }
    let visit_lines: Vec<(String, String, String)> = items
        .iter()
        .filter(|i| i["kind"] == "visit")
        .map(|i| {
            (
                i["date"].as_str().unwrap().to_string(),
                i["time"].as_str().unwrap_or("").to_string(),
                i["what"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(visit_lines.contains(&(
        "2026-11-25".into(),
        "10:00".into(),
        "Home visit (planned)".into()
    )));
    assert!(visit_lines.contains(&(
        "2026-11-21".into(),
        "15:00".into(),
        "Home visit: seen alone".into()
    )));
    // Ann's next visit falls due on 1 Dec (10 days after she was seen).
    assert!(
        items.iter().any(|i| i["kind"] == "visit"
            && i["date"] == "2026-12-01"
            && i["rule"] == "client-visit"),
        "{agenda}"
    );
}

#[test]
fn a_statutory_visit_deadline_done_records_the_visit_with_its_outcome() {
    let (_dir, db) = new_db();
    ok(
        &db,
        &[
            "client",
            "add",
            "--given",
            "Cat",
            "--family",
            "Testperson",
            "--service",
            "children",
        ],
    );
    ok(
        &db,
        &[
            "episode",
            "add",
            "cat",
            "--kind",
            "lac",
            "--start",
            "2026-11-16",
        ],
    );
    let deadlines = json(&db, &["deadline", "list", "cat", "--json"]);
    let first = deadlines
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule_id"] == "lac-visit-first" || d["rule"] == "lac-visit-first")
        .unwrap()["id"]
        .to_string();
    assert!(
        fails(&db, &["deadline", "done", &first, "--outcome", "went well"]).contains("seen-alone")
    );
    // No guessed outcome (issue 25): without --outcome nothing is recorded.
    let said = fails(&db, &["deadline", "done", &first, "--on", "2026-11-18"]);
    assert!(
        said.contains("--outcome") && said.contains("Nothing was recorded"),
        "{said}"
    );
    assert_eq!(
        json(&db, &["visit", "list", "cat", "--json"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let out = ok(
        &db,
        &[
            "deadline",
            "done",
            &first,
            "--on",
            "2026-11-19",
            "--outcome",
            "not-seen",
        ],
    );
    assert!(out.contains("stays open"), "{out}");
    let out = ok(
        &db,
        &[
            "deadline",
            "done",
            &first,
            "--on",
            "2026-11-20",
            "--outcome",
            "seen-alone",
        ],
    );
    assert!(
        out.contains("seen alone") && out.contains("done on 20/11/2026"),
        "{out}"
    );
    let show = json(&db, &["client", "show", "cat", "--json"]);
    assert_eq!(show["last_seen"], "2026-11-20");
    // lac-visit: six weeks from the day the child was seen (not the placement).
    assert_eq!(show["next_visit"], "2027-01-01");
    let visits = json(&db, &["visit", "list", "cat", "--json"]);
    assert_eq!(visits.as_array().unwrap().len(), 2);
    assert_eq!(visits[1]["people"][0]["outcome"], "seen-alone");
    let chron = ok(&db, &["chronology", "cat"]);
    assert!(chron.contains("Home visit: not seen"), "{chron}");
}
