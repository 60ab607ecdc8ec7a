//! Care plans and deadlines: actions ticked off, reviews keep them;
//! deadlines weighed when added and named when completed.

use super::*;

#[test]
fn plan_actions_can_be_done_and_a_review_keeps_them_done() {
    use caseload::domain::{NewCarePlan, PlanAction};
    let (_dir, db) = new_db();
    {
        let mut s = Store::open(&db, &SecretString::from(PASS)).unwrap();
        let bed = caseload::domain::plan::parse_action_line(
            "Buy and deliver a bed; and a mattress ; Sam ; 2026-12-03",
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        )
        .unwrap();
        let plan = NewCarePlan {
            needs: "Somewhere to sleep".into(),
            actions: vec![
                bed,
                PlanAction {
                    what: "Ring the GP".into(),
                    ..PlanAction::default()
                },
            ],
            ..NewCarePlan::default()
        };
        s.add_plan_version(1, &plan, at(11, 10, 9)).unwrap();
    }
    let plan = json(&db, &["plan", "show", "1", "--json"]);
    let actions = plan["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2, "the ; inside the text did not split it");
    assert_eq!(actions[0]["what"], "Buy and deliver a bed; and a mattress");
    assert_eq!(actions[0]["owner"], "Sam");
    assert_eq!(actions[0]["due"], "2026-12-03");
    assert!(actions[0]["done_on"].is_null());
    let bed = actions[0]["id"].as_i64().unwrap().to_string();

    let said = ok(&db, &["plan", "done", &bed, "--on", "2026-11-20"]);
    assert!(said.contains("Buy and deliver a bed"), "{said}");
    let e = fails(&db, &["plan", "done", &bed]);
    assert!(e.contains("already"), "{e}");
    let later = actions[1]["id"].as_i64().unwrap().to_string();
    let e = fails(&db, &["plan", "done", &later, "--on", "2026-12-25"]);
    assert!(e.contains("future"), "{e}");

    ok(&db, &["plan", "review", "1", "--next-review", "2027-02-01"]);
    let plan = json(&db, &["plan", "show", "1", "--json"]);
    assert_eq!(plan["version"], 2);
    assert_eq!(plan["next_review"], "2027-02-01");
    assert_eq!(plan["actions"][0]["done_on"], "2026-11-20");
    assert!(plan["actions"][1]["done_on"].is_null());
    // The old version's action can no longer be ticked off.
    let e = fails(&db, &["plan", "done", &later]);
    assert!(e.contains("version 1"), "{e}");

    // A review written from the form (actions as typed, no done dates)
    // keeps the done action done.
    {
        let mut s = Store::open(&db, &SecretString::from(PASS)).unwrap();
        let typed = NewCarePlan {
            needs: "Somewhere to sleep".into(),
            actions: vec![PlanAction {
                what: "Buy and deliver a bed; and a mattress".into(),
                owner: "Sam".into(),
                ..PlanAction::default()
            }],
            ..NewCarePlan::default()
        };
        s.add_plan_version(1, &typed, at(11, 21, 9)).unwrap();
    }
    let plan = json(&db, &["plan", "show", "1", "--json"]);
    assert_eq!(plan["version"], 3);
    assert_eq!(plan["actions"][0]["done_on"], "2026-11-20");
}

// ---------- deadlines: weighed when added, named when completed ----------

#[test]
fn hand_added_deadlines_rank_by_category_and_completion_names_them() {
    let (_dir, db) = new_db();
    let routine = ok(
        &db,
        &[
            "deadline",
            "add",
            "1",
            "--what",
            "Return library form",
            "--due",
            "2026-11-25",
        ],
    );
    let legal = ok(
        &db,
        &[
            "deadline",
            "add",
            "1",
            "--what",
            "Court report filed",
            "--due",
            "2026-11-27",
            "--category",
            "legal",
        ],
    );
    let due = json(&db, &["due", "--json"]);
    let order: Vec<String> = due
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "deadline")
        .map(|i| i["id"].to_string())
        .collect();
    assert_eq!(
        order,
        vec![legal.trim().to_string(), routine.trim().to_string()]
    );
    let e = fails(
        &db,
        &[
            "deadline",
            "add",
            "1",
            "--what",
            "x",
            "--due",
            "2026-11-27",
            "--category",
            "urgent",
        ],
    );
    assert!(e.contains("legal"), "{e}");

    let said = ok(&db, &["deadline", "done", routine.trim()]);
    assert!(said.contains("Return library form"), "{said}");

    // A section 3 expiry: completing it means it was renewed, so it is
    // not recorded without saying so.
    ok(
        &db,
        &[
            "episode",
            "add",
            "1",
            "--kind",
            "mha-s3",
            "--start",
            "2026-08-31",
        ],
    );
    let dls = json(&db, &["deadline", "list", "1", "--json"]);
    let s3 = dls
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "mha-s3-expiry")
        .unwrap()["id"]
        .to_string();
    let e = fails(&db, &["deadline", "done", &s3]);
    assert!(
        e.contains("Renewed?") && e.contains("Nothing was recorded"),
        "{e}"
    );
    let still = json(&db, &["deadline", "list", "1", "--json"]);
    assert!(
        still
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"] == s3.parse::<i64>().unwrap() && d["completed_on"].is_null())
    );
    let said = ok(&db, &["deadline", "done", &s3, "--outcome", "renewed"]);
    assert!(said.contains("Next:"), "{said}");
}
