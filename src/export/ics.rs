//! The calendar (RFC 5545 through the `icalendar` crate): one all-day event
//! per planned visit and per open deadline, with UIDs made from the record
//! so importing again updates an event instead of duplicating it. Clients
//! are shown by initials unless names are asked for.

use chrono::{Days, NaiveDate, TimeZone, Utc};
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

/// The calendar of `visits` and the open deadlines of `caseload` in `period`.
#[must_use]
pub fn calendar(
    caseload: &Caseload,
    visits: &[PlannedVisit],
    period: &Period,
    names: bool,
    made: &Made,
) -> String {
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
        let Some(c) = clients.get(&v.client_id) else {
            continue;
        };
        cal.push(event(
            &format!("{}@{UID_DOMAIN}", v.key),
            v.date,
            &format!("Visit: {}", who(c, names)),
            &format!("{} (client {})", clean_line(&v.what), c.id),
            made,
        ));
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
