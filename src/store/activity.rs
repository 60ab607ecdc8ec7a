//! The practitioner's own work in counts (`crate::practice::activity`),
//! read from the store: what `report activity` prints and the activity
//! chart draws, from this one function.

use crate::store::prelude::*;
use chrono::NaiveDate;

use super::{Result, Store, VisitFilter};
use crate::practice::activity::{Activity, activity};

/// The practitioner's own work counted over a period.
pub trait ActivityCounts {
    /// Visits, contacts, late notes and deadlines from `from` to `to`, counted week by week.
    fn activity(&self, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Activity>;
}

impl ActivityCounts for Store {
    /// Visits, contacts, late notes and statutory deadlines from `from` to
    /// `to` (inclusive) as of `today`, counted week by week over every
    /// client (closed cases too). Counts only, no names.
    fn activity(&self, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Activity> {
        let visits = self.visits(&VisitFilter {
            from: Some(from),
            to: Some(to),
            ..VisitFilter::default()
        })?;
        let mut notes = Vec::new();
        let mut deadlines = Vec::new();
        for c in self.clients(true)? {
            notes.extend(self.notes(c.id)?);
            deadlines.extend(self.deadlines(c.id)?);
        }
        Ok(activity(from, to, today, &visits, &notes, &deadlines))
    }
}
