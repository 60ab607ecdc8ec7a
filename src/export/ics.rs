//! The calendar (RFC 5545 through the `icalendar` crate), with UIDs made
//! from the record so importing again updates an event instead of
//! duplicating it:
//!
//! - a planned visit at its time;
//! - a clock counted in hours (an s136, police protection) at the minute it
//!   runs out, with an alarm before it (by default 2 hours and 30 minutes
//!   before; `calendar_alarm_minutes` in config.toml);
//! - any other open deadline, and each visit a visiting rule says falls
//!   due (child protection, looked-after child, pathway plan visits), as an
//!   all-day event.
//!
//! Every time in the record is UK wall-clock time, so timed events carry
//! `TZID=Europe/London` and the calendar its `VTIMEZONE`: a phone set to
//! another zone still shows the s136 ending when it does.
//!
//! A calendar leaves the program for other devices: without `--names` it
//! names nobody and no place. Clients are shown by initials; a planned
//! visit by its kind alone (where it is, such as a foster carer's home,
//! says where a child lives); words typed for a deadline by the
//! practitioner as privacy mode shows them (a placeholder).

use chrono::{Days, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use icalendar::{Alarm, Calendar, CalendarDateTime, Component, Event, EventLike, Trigger};
use std::collections::HashMap;

use super::gather::Caseload;
use super::{Made, Period, PlannedVisit, clean_line};
use crate::domain::{Client, Deadline};

/// The domain every UID ends in.
const UID_DOMAIN: &str = "caseload.invalid";

/// The zone of every time in the record.
pub const TZID: &str = "Europe/London";

/// Europe/London as RFC 5545 describes it (British Summer Time from 01:00
/// GMT on the last Sunday of March to 01:00 GMT on the last Sunday of
/// October), for calendars that do not know the zone by name.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n\
BEGIN:DAYLIGHT\r\nTZNAME:BST\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\n\
DTSTART:19810329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZNAME:GMT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\n\
DTSTART:19961027T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\n";

fn who(c: &Client, names: bool) -> String {
    if names {
        clean_line(&c.display_name())
    } else {
        c.initials()
    }
}

/// Minutes a timed visit lasts in the calendar when no length was planned.
const DEFAULT_MINUTES: u32 = 60;

/// UK wall-clock time, as the calendar writes it.
fn london(t: NaiveDateTime) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time: t,
        tzid: TZID.into(),
    }
}

fn event(uid: &str, summary: &str, description: &str, made: &Made) -> Event {
    Event::new()
        .uid(uid)
        .summary(summary)
        .description(description)
        .timestamp(Utc.from_utc_datetime(&made.at))
        .done()
}

/// An event for the whole of `date`.
fn all_day(e: Event, date: NaiveDate) -> Event {
    let mut e = e;
    e.starts(date).ends(date + Days::new(1)).done()
}

/// What a calendar says a deadline is: a rule's words always; words the
/// practitioner typed only with names (privacy mode's rule).
fn deadline_words(d: &Deadline, names: bool) -> String {
    crate::privacy::due_words("deadline", &d.what, d.rule.is_some(), !names)
}

/// The calendar of `visits` and the open deadlines and visits falling due
/// of `caseload` in `period`; each clock counted in hours gets an alarm
/// `alarms` minutes before it runs out (one per entry).
#[must_use]
pub fn calendar(
    caseload: &Caseload,
    visits: &[PlannedVisit],
    period: &Period,
    names: bool,
    alarms: &[u32],
    made: &Made,
) -> String {
    // A calendar file is a machine format: its words carry ISO dates
    // whatever the practitioner's date_style.
    let _iso = crate::dates::display::scoped(crate::dates::display::DateStyle::Iso);
    let clients: HashMap<i64, &Client> = caseload
        .files
        .iter()
        .map(|f| (f.client.id, &f.client))
        .collect();
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property((
            "PRODID",
            concat!("-//caseload//caseload ", env!("CARGO_PKG_VERSION"), "//EN"),
        ))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name("caseload")
        .description(&format!(
            "{}; planned visits, open deadlines and visits falling due, {}",
            made.line(),
            period.describe()
        ));
    for v in visits.iter().filter(|v| period.contains(v.date)) {
        let people: Vec<&&Client> = v.clients.iter().filter_map(|id| clients.get(id)).collect();
        if people.is_empty() {
            continue;
        }
        let whom = people
            .iter()
            .map(|c| who(c, names))
            .collect::<Vec<_>>()
            .join(", ");
        let ids = people
            .iter()
            .map(|c| c.id.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let what = if names { &v.what } else { &v.kind };
        let e = event(
            &format!("{}@{UID_DOMAIN}", v.key),
            &format!("Visit: {whom}"),
            &format!("{} (client {ids})", clean_line(what)),
            made,
        );
        cal.push(match v.time {
            Some(t) => {
                let start = v.date.and_time(t);
                let minutes = v.minutes.unwrap_or(DEFAULT_MINUTES);
                let mut e = e;
                e.starts(london(start))
                    .ends(london(start + Duration::minutes(minutes.into())))
                    .done()
            }
            None => all_day(e, v.date),
        });
    }
    for f in &caseload.files {
        let whom = who(&f.client, names);
        for d in f
            .open_deadlines()
            .into_iter()
            .filter(|d| period.contains(d.due))
        {
            let rule = d
                .rule
                .as_deref()
                .map(|r| format!("; rule {r}"))
                .unwrap_or_default();
            let summary = format!("Due: {} — {whom}", deadline_words(d, names));
            let e = event(
                &format!("deadline-{}@{UID_DOMAIN}", d.id),
                &summary,
                &format!("Deadline {} (client {}){rule}", d.id, f.client.id),
                made,
            );
            cal.push(match d.due_at {
                // A clock counted in hours runs out at a moment: an event
                // at that moment (no end: RFC 5545 3.6.1), with its alarms.
                Some(at) => {
                    let mut e = e;
                    e.starts(london(at));
                    for m in alarms {
                        e.alarm(Alarm::display(
                            &summary,
                            Trigger::before_start(Duration::minutes((*m).into())),
                        ));
                    }
                    e.done()
                }
                None => all_day(e, d.due),
            });
        }
        for v in f.visits_due.iter().filter(|v| period.contains(v.due)) {
            let e = event(
                // One per client and rule: when the visit is done, the
                // next one due replaces it on importing again.
                &format!(
                    "visit-due-{}-{}@{UID_DOMAIN}",
                    f.client.id,
                    clean_line(&v.rule)
                ),
                &visit_due_summary(&v.what, &whom),
                &format!(
                    "Falls due under {} (client {}); rule {}",
                    clean_line(&v.source),
                    f.client.id,
                    clean_line(&v.rule)
                ),
                made,
            );
            cal.push(all_day(e, v.due));
        }
    }
    with_timezone(&cal.done().to_string())
}

/// "Visit due: Child protection visit (child seen) — L.A."; a rule whose
/// words already say it ("Visit due (every 10 days)") is not said twice.
fn visit_due_summary(what: &str, whom: &str) -> String {
    let what = clean_line(what);
    if what.starts_with("Visit due") {
        format!("{what} — {whom}")
    } else {
        format!("Visit due: {what} — {whom}")
    }
}

/// The calendar text with the `VTIMEZONE` its times refer to, placed
/// before its first event (the `icalendar` crate writes no time zones).
fn with_timezone(text: &str) -> String {
    match text.find("BEGIN:VEVENT") {
        Some(i) => format!("{}{VTIMEZONE}{}", &text[..i], &text[i..]),
        None => text.replacen("END:VCALENDAR", &format!("{VTIMEZONE}END:VCALENDAR"), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_due_is_not_said_twice() {
        assert_eq!(
            visit_due_summary("Visit due (every 10 days)", "P.A."),
            "Visit due (every 10 days) — P.A."
        );
        assert_eq!(
            visit_due_summary("Child protection visit (child seen)", "L.A."),
            "Visit due: Child protection visit (child seen) — L.A."
        );
    }
}
