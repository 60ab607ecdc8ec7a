//! Issue 26, the on-call view: `caseload due --next 12h` lists every clock
//! that runs out within the next 12 hours, with its time, the client and
//! what happens at its end; `--next 2d` the next two days.
//!
//! The case (fictional people), at the test clock, 09:00 on Sun 22 Nov 2026.
//! MHA 1983 s136(2A): a place of safety period is 24 hours beginning with
//! the arrival. Children Act 1989 s46(6): police protection, 72 hours.
//! - Orla Venn arrived under s136 at 20:59 on 21 Nov: it ends at 20:59 on
//!   22 Nov, 11 h 59 min away (in).
//! - Bram Oakes arrived at 21:01 on 21 Nov: it ends at 21:01, 12 h 1 min
//!   away (out of 12 hours, in 2 days).
//! - Cora Lusk was taken into police protection at 10:00 on 20 Nov: it ends
//!   at 10:00 on 23 Nov, 25 hours away (out of 12 hours, in 2 days).
//! - Dina Marsh arrived at 08:00 on 21 Nov: it ended at 08:00 today, an
//!   hour ago; it has run out already, so it is in neither (Today and `due`
//!   show it overdue, first).

mod common;

use common::cli::{json, new_db, ok};

#[test]
fn due_next_lists_exactly_the_clocks_running_out_in_that_span() {
    let (_dir, db) = new_db();
    for (given, family, kind, start) in [
        ("Orla", "Venn", "mha-s136", "2026-11-21 20:59"),
        ("Bram", "Oakes", "mha-s136", "2026-11-21 21:01"),
        ("Cora", "Lusk", "police-protection", "2026-11-20 10:00"),
        ("Dina", "Marsh", "mha-s136", "2026-11-21 08:00"),
    ] {
        ok(
            &db,
            &["client", "add", "--given", given, "--family", family],
        );
        ok(
            &db,
            &["episode", "add", given, "--kind", kind, "--start", start],
        );
    }
    let names = |span: &str| -> Vec<String> {
        json(&db, &["due", "--next", span, "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["client_name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("12h"), ["Orla Venn"]);
    assert_eq!(names("2d"), ["Orla Venn", "Bram Oakes", "Cora Lusk"]);
    let first = &json(&db, &["due", "--next", "12h", "--json"])[0];
    assert_eq!(first["ends_at"], "2026-11-22T20:59");
    assert_eq!(first["minutes_left"], 719);
    assert_eq!(first["rule"], "mha-s136-expiry");
    let text = ok(&db, &["due", "--next", "12h"]);
    for words in [
        "Runs out in the next 12 hours: 1",
        "22/11/2026 20:59",
        "11 h 59 min left",
        "Orla Venn",
        "released from the place of safety",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
    assert!(!text.contains("Bram"), "{text}");
    assert!(common::cli::fails(&db, &["due", "--next", "12"]).contains("such as 12h or 2d"));
}
