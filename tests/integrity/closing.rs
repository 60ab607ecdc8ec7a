//! Closing a case.

use super::*;

#[test]
fn closing_with_an_open_legal_episode_warns_and_needs_yes() {
    let (_dir, db) = new_db();
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
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["client", "close", "1", "--reason", "Moved away"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("stops tracking") && e.contains("MHA s3"), "{e}");
    assert!(e.contains("NOT closed") && e.contains("--yes"), "{e}");
    assert_eq!(
        json(&db, &["client", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let said = ok(
        &db,
        &[
            "client",
            "close",
            "1",
            "--reason",
            "Moved away",
            "--summary",
            "Moved to another area; s3 handed to the receiving team.",
            "--yes",
        ],
    );
    assert!(said.contains("Closed case 1"), "{said}");
    assert!(said.contains("Retention review due 22/11/2032"), "{said}");
    let s = Store::open(&db, &SecretString::from(PASS)).unwrap();
    assert_eq!(
        s.closure_summary(1).unwrap().as_deref(),
        Some("Moved to another area; s3 handed to the receiving team.")
    );
    assert_eq!(
        s.client(1).unwrap().retain_until,
        NaiveDate::from_ymd_opt(2032, 11, 22)
    );
}

#[test]
fn a_record_past_its_retention_date_is_flagged_never_removed() {
    use caseload::domain::retention::{Closing, RetentionSchedule};
    use caseload::domain::{NewClient, Service};
    let (_dir, db) = new_db();
    {
        let mut s = Store::open(&db, &SecretString::from(PASS)).unwrap();
        let child = s
            .add_client(
                &NewClient {
                    given_name: "Pip".into(),
                    family_name: "Marsh".into(),
                    dob: NaiveDate::from_ymd_opt(2001, 5, 1),
                    service: Some(Service::Children),
                    opened_on: NaiveDate::from_ymd_opt(2015, 1, 5),
                    ..NewClient::default()
                },
                at(1, 5, 9),
            )
            .unwrap();
        let closing = Closing {
            on: NaiveDate::from_ymd_opt(2017, 6, 1).unwrap(),
            reason: "Case closed".into(),
            summary: String::new(),
        };
        s.close_case(
            child,
            &closing,
            &RetentionSchedule::default(),
            at(11, 22, 9),
        )
        .unwrap();
        // The 25th birthday was 1 May 2026: due for review.
        let due = s
            .retention_due(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
            .unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].client_id, child);
        assert_eq!(
            due[0].retain_until,
            NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
        );
    }
    let list = ok(&db, &["client", "list", "--all"]);
    assert!(list.contains("review due 01/05/2026"), "{list}");
    let due = ok(&db, &["due"]);
    assert!(
        due.contains("Retention reviews due") && due.contains("Pip Marsh"),
        "{due}"
    );
    // Still there, untouched.
    assert!(list.contains("Marsh"), "{list}");
}
