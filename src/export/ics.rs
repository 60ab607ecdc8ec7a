//! The calendar (RFC 5545 through the `icalendar` crate): one event per
//! planned visit (at its time, in local time) and one all-day event per open
//! deadline, with UIDs made from the record
//! so importing again updates an event instead of duplicating it. Clients
//! are shown by initials unless names are asked for.

use chrono::{Days, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use std::collections::HashMap;

use super::gather::Caseload;
use super::{Made, Period, PlannedVisit, clean_line};
use crate::domain::Client;

/// The domain every UID ends in.
const UID_DOMAIN: &str = "caseload.invalid";

fn who(c: &Client, names: bool) -> String {
    if names {
        clean_line(&c.display_name())
    } else {
        c.initials()
    }
}

/// Minutes a timed visit lasts in the calendar when no length was planned.
const DEFAULT_MINUTES: u32 = 60;

fn event(uid: &str, date: NaiveDate, summary: &str, description: &str, made: &Made) -> Event {
    Event::new()
        .uid(uid)
        .summary(summary)
        .description(description)
        .starts(date)
        .ends(date + Days::new(1))
        .timestamp(Utc.from_utc_datetime(&made.at))
        .done()
}

/// A visit at a time of day: a timed event in local (floating) time.
fn timed(mut e: Event, start: NaiveDateTime, minutes: u32) -> Event {
    e.remove_starts()
        .remove_ends()
        .starts(start)
        .ends(start + Duration::minutes(minutes.into()))
        .done()
}

/// The calendar of `visits` and the open deadlines of `caseload` in `period`.
#[must_use]
pub fn calendar(
    caseload: &Caseload,
    visits: &[PlannedVisit],
    period: &Period,
    names: bool,
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
            "{}; planned visits and open deadlines, {}",
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
        let mut e = event(
            &format!("{}@{UID_DOMAIN}", v.key),
            v.date,
            &format!("Visit: {whom}"),
            &format!("{} (client {ids})", clean_line(&v.what)),
            made,
        );
        if let Some(t) = v.time {
            e = timed(e, v.date.and_time(t), v.minutes.unwrap_or(DEFAULT_MINUTES));
        }
        cal.push(e);
    }
    for f in &caseload.files {
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
            cal.push(event(
                &format!("deadline-{}@{UID_DOMAIN}", d.id),
                d.due,
                &format!("Due: {} — {}", clean_line(&d.what), who(&f.client, names)),
                &format!("Deadline {} (client {}){rule}", d.id, f.client.id),
                made,
            ));
        }
    }
    cal.done().to_string()
}
