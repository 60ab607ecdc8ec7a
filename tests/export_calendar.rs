//! Issue 26, the calendar file (`export ics`) read by Python's `icalendar`:
//! a clock counted in hours is a timed event in Europe/London with alarms
//! before it (2 hours and 30 minutes by default, or the config's list); a
//! visit a visiting rule says falls due is an all-day event; a planned
//! visit keeps its time; and without `--names` no person's or place's name
//! is in the file, only initials.
//!
//! The case (fictional people), at the test clock, 09:00 on Sun 22 Nov 2026:
//! - Orla Venn arrived at a place of safety under s136 at 06:30 that day.
//!   MHA 1983 s136(2A): 24 hours beginning with the arrival, so it ends at
//!   06:30 on Mon 23 Nov 2026.
//! - Ava Testchild, looked after since 1 Sep 2026, moved to a foster
//!   placement with Hazel Fernsby on Mon 16 Nov 2026. Care Planning,
//!   Placement and Case Review (England) Regulations 2010 reg 28(2)(a): a
//!   visit within one week of the start of any placement, so by Mon 23 Nov.
//!   A home visit is planned at 10:00 on Tue 24 Nov at "Hazel Fernsby's
//!   home", 45 minutes; her social worker Quentin Marlowe is in her network.

mod common;

use common::cli::{new_db, ok, on};
use std::path::{Path, PathBuf};

fn case() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    ok(
        &db,
        &["client", "add", "--given", "Orla", "--family", "Venn"],
    );
    ok(
        &db,
        &["client", "add", "--given", "Ava", "--family", "Testchild"],
    );
    ok(
        &db,
        &[
            "episode",
            "add",
            "orla",
            "--kind",
            "mha-s136",
            "--start",
            "2026-11-22 06:30",
        ],
    );
    ok(
        &db,
        &[
            "episode",
            "add",
            "ava",
            "--kind",
            "lac",
            "--start",
            "2026-09-01",
        ],
    );
    ok(
        &db,
        &[
            "placement",
            "add",
            "ava",
            "--type",
            "foster",
            "--start",
            "2026-11-16",
            "--carer",
            "Hazel Fernsby",
        ],
    );
    ok(
        &db,
        &[
            "network",
            "add",
            "ava",
            "--name",
            "Quentin Marlowe",
            "--role",
            "social worker",
        ],
    );
    ok(
        &db,
        &[
            "visit",
            "plan",
            "ava",
            "--at",
            "2026-11-24 10:00",
            "--minutes",
            "45",
            "--where",
            "Hazel Fernsby's home",
        ],
    );
    (dir, db)
}

/// Prints one line per event: UID | SUMMARY | DTSTART as Python sees it |
/// its TZID | the alarms' triggers.
const READ: &str = r"
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
zones = [str(z['TZID']) for z in cal.walk('VTIMEZONE')]
print('zones', ','.join(zones))
for e in cal.walk('VEVENT'):
    s = e.decoded('DTSTART')
    kind = 'timed' if isinstance(s, datetime.datetime) else 'day'
    tz = e['DTSTART'].params.get('TZID', '')
    alarms = ','.join(str(a.decoded('TRIGGER')) for a in e.walk('VALARM'))
    print('|'.join([str(e['UID']), str(e['SUMMARY']), kind, s.isoformat(), tz, alarms]))
";

fn read(py: &Path, ics: &Path) -> String {
    let out = std::process::Command::new(py)
        .args(["-c", READ, ics.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn event<'a>(events: &'a str, needle: &str) -> &'a str {
    events
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no event with {needle}:\n{events}"))
}

#[test]
fn an_s136_is_a_timed_london_event_with_alarms_and_a_visit_due_is_all_day() {
    let (dir, db) = case();
    let doc = ok(&db, &["export", "ics"]);
    let p = dir.path().join("caseload.ics");
    std::fs::write(&p, &doc).unwrap();
    let Some(py) = common::consumer_python() else {
        return;
    };
    let events = read(&py, &p);
    assert!(
        events.starts_with("zones Europe/London\n"),
        "one VTIMEZONE:\n{events}"
    );
    // s136(2A): 06:30 on 22 Nov + 24 hours, two alarms (2 h and 30 min).
    let s136 = event(&events, "place of safety ends");
    assert!(
        s136.contains(
            "|timed|2026-11-23T06:30:00+00:00|Europe/London|-1 day, 22:00:00,-1 day, 23:30:00"
        ),
        "{s136}"
    );
    assert!(s136.contains("— O.V."), "{s136}");
    // reg 28(2)(a): within one week of the placement of 16 Nov.
    let due = event(&events, "visit-due-2-");
    assert!(due.contains("|day|2026-11-23|"), "{due}");
    assert!(
        due.contains("Visit due:") && due.contains("— A.T."),
        "{due}"
    );
    // The planned visit keeps its time (UK wall clock).
    let planned = event(&events, "Visit: A.T.");
    assert!(
        planned.contains("|timed|2026-11-24T10:00:00+00:00|Europe/London|"),
        "{planned}"
    );
    // Without --names: no person's or place's name anywhere in the file.
    for name in [
        "Orla",
        "Venn",
        "Ava",
        "Testchild",
        "Hazel",
        "Fernsby",
        "Quentin",
        "Marlowe",
        "home\\,",
    ] {
        assert!(!doc.contains(name), "{name} in the calendar:\n{doc}");
    }
    assert!(
        !doc.contains("Fernsby"),
        "the carer's home names where Ava lives"
    );
    // With --names the place and the people are there.
    let named = ok(&db, &["export", "ics", "--names"]);
    assert!(named.contains("Hazel Fernsby's home") && named.contains("Orla Venn"));
}

#[test]
fn the_alarms_are_the_configured_list() {
    let (dir, db) = case();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "calendar_alarm_minutes = [45]\n").unwrap();
    let out = on(&db)
        .env("CASELOAD_CONFIG", &config)
        .args(["export", "ics"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let p = dir.path().join("caseload.ics");
    std::fs::write(&p, &out.stdout).unwrap();
    let Some(py) = common::consumer_python() else {
        return;
    };
    let s136 = read(&py, &p);
    let s136 = event(&s136, "place of safety ends");
    assert!(s136.ends_with("|Europe/London|-1 day, 23:15:00"), "{s136}");
}
