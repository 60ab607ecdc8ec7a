//! The CPD year, worked out once for `cpd check`, `cpd list --year` and
//! Today's reminder.
//!
//! Social Work England's registration year ends on 30 November: the year
//! "ending 30 November 2027" runs from 1 December 2026 to 30 November 2027.
//! By then at least two pieces of CPD must be recorded in it, at least one
//! with peer reflection, each with every part of the form written. So on
//! 30 November 2026 the current year is the one ending that day (0 days
//! left); on 1 December 2026 it is the one ending 30 November 2027.
//! Today shows the year's state from 1 September, when renewal nears.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::cpd::CpdEntry;

/// How many pieces of CPD a registration year needs.
pub const NEEDED: usize = 2;

/// How many of them need peer reflection.
pub const NEEDED_WITH_PEER: usize = 1;

/// The month (September) from which Today shows the year's state.
pub const REMIND_FROM_MONTH: u32 = 9;

/// The first and last day of the registration year ending 30 November
/// `year` (none for a year chrono cannot hold).
#[must_use]
pub fn year_range(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year - 1, 12, 1)?,
        NaiveDate::from_ymd_opt(year, 11, 30)?,
    ))
}

/// The registration year (by the year it ends in) that `today` falls in.
#[must_use]
pub fn current_year(today: NaiveDate) -> i32 {
    if today.month() == 12 {
        today.year() + 1
    } else {
        today.year()
    }
}

/// One entry's missing parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// The entry's id.
    pub id: i64,
    /// The parts not yet written, as the form names them.
    pub fields: Vec<&'static str>,
}

/// Where a registration year stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCheck {
    /// The year it ends in (30 November of it).
    pub year: i32,
    /// Its first day.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
    /// Entries dated in it.
    pub recorded: usize,
    /// Of those, with peer reflection written.
    pub with_peer_reflection: usize,
    /// Entries with parts still to write.
    pub incomplete: Vec<Missing>,
    /// Days from today to its last day (negative once it is over).
    pub days_left: i64,
    /// Whether the requirement is met.
    pub met: bool,
    /// What is still needed, in words (empty when met).
    pub needs: Vec<String>,
}

/// The parts of `e` not yet written.
#[must_use]
pub fn missing(e: &CpdEntry) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (name, text) in [
        ("title", &e.title),
        ("description", &e.description),
        ("learning", &e.learning),
        ("impact", &e.impact),
    ] {
        if text.trim().is_empty() {
            out.push(name);
        }
    }
    if e.standards.is_empty() {
        out.push("standards");
    }
    out
}

/// Checks the registration year ending 30 November `year` against the
/// requirement, over `entries` (any years; those outside it are ignored).
#[must_use]
pub fn check(year: i32, entries: &[CpdEntry], today: NaiveDate) -> Option<YearCheck> {
    let (from, to) = year_range(year)?;
    let mine: Vec<&CpdEntry> = entries
        .iter()
        .filter(|e| e.on >= from && e.on <= to)
        .collect();
    let recorded = mine.len();
    let with_peer_reflection = mine.iter().filter(|e| e.has_peer_reflection()).count();
    let incomplete: Vec<Missing> = mine
        .iter()
        .map(|e| Missing {
            id: e.id,
            fields: missing(e),
        })
        .filter(|m| !m.fields.is_empty())
        .collect();
    let mut needs = Vec::new();
    if recorded < NEEDED {
        needs.push(format!(
            "{} more {} of CPD",
            NEEDED - recorded,
            if NEEDED - recorded == 1 {
                "piece"
            } else {
                "pieces"
            }
        ));
    }
    if with_peer_reflection < NEEDED_WITH_PEER {
        needs.push("one piece with peer reflection".to_string());
    }
    for m in &incomplete {
        needs.push(format!("entry {}: write its {}", m.id, m.fields.join(", ")));
    }
    Some(YearCheck {
        year,
        from,
        to,
        recorded,
        with_peer_reflection,
        days_left: (to - today).num_days(),
        met: needs.is_empty(),
        incomplete,
        needs,
    })
}

/// The registration year to read for Today's line, from 1 September to
/// 30 November; none the rest of the year (nothing to read).
#[must_use]
pub fn reminder_range(today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    if today.month() < REMIND_FROM_MONTH || today.month() == 12 {
        return None;
    }
    year_range(current_year(today))
}

/// Today's line from 1 September to 30 November ("CPD: 1 of 2 recorded,
/// none with peer reflection, 84 days left"); none the rest of the year.
#[must_use]
pub fn reminder(entries: &[CpdEntry], today: NaiveDate) -> Option<String> {
    reminder_range(today)?;
    let c = check(current_year(today), entries, today)?;
    let peer = match c.with_peer_reflection {
        0 => "none with peer reflection".to_string(),
        n => format!("{n} with peer reflection"),
    };
    let days = match c.days_left {
        1 => "1 day left".to_string(),
        n => format!("{n} days left"),
    };
    let done = if c.met { " (requirement met)" } else { "" };
    Some(format!(
        "CPD: {} of {NEEDED} recorded, {peer}, {days}{done}",
        c.recorded
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cpd::CpdType;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn entry(id: i64, on: NaiveDate, peer: bool) -> CpdEntry {
        CpdEntry {
            id,
            kind: CpdType::Course,
            title: "Course".into(),
            on,
            description: "What".into(),
            learning: "Learnt".into(),
            impact: "Impact".into(),
            peer_reflection: peer.then(|| "Talked it through".into()),
            standards: vec!["4.1".into()],
            created_at: on.and_hms_opt(9, 0, 0).unwrap(),
            updated_at: on.and_hms_opt(9, 0, 0).unwrap(),
        }
    }

    // Worked by hand: the year ending 30 November 2026 runs from
    // 1 December 2025; on 30 November 2026 it is still current (0 days
    // left); on 1 December 2026 the year ending 30 November 2027 begins.
    #[test]
    fn the_current_year_turns_on_1_december() {
        assert_eq!(current_year(d(2026, 11, 30)), 2026);
        assert_eq!(current_year(d(2026, 12, 1)), 2027);
        assert_eq!(current_year(d(2027, 1, 1)), 2027);
        assert_eq!(year_range(2027), Some((d(2026, 12, 1), d(2027, 11, 30))));
    }

    #[test]
    fn the_reminder_counts_the_days_to_30_november() {
        // 7 September to 30 November: 23 + 31 + 30 = 84 days.
        let line = reminder(&[entry(1, d(2026, 1, 10), false)], d(2026, 9, 7)).unwrap();
        assert_eq!(
            line,
            "CPD: 1 of 2 recorded, none with peer reflection, 84 days left"
        );
        assert_eq!(reminder(&[], d(2026, 8, 31)), None);
        assert_eq!(reminder(&[], d(2026, 12, 1)), None);
    }

    #[test]
    fn an_entry_before_1_december_counts_in_the_year_before() {
        let c = check(2027, &[entry(1, d(2026, 11, 30), true)], d(2026, 12, 2)).unwrap();
        assert_eq!(c.recorded, 0);
    }
}
