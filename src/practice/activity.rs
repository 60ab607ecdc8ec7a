//! A record of the practitioner's own work over a period, for supervision
//! and appraisal: counts only, never a name, so it can be shown to a
//! manager. Week by week (weeks start on Monday) and in total:
//!
//! - visits by each person's outcome (seen, seen alone, not seen,
//!   cancelled), by the day the visit happened (else was planned); a visit
//!   still waiting for its outcome is not counted;
//! - seen alone, on its own (the statutory expectation for a child on a plan);
//! - contacts by the note's kind, by the day the contact happened (a case
//!   supervision is a note on the record but no contact with the person,
//!   so it is not counted);
//! - notes finalised late (with a reason for the late entry), by the day
//!   they were finalised;
//! - statutory deadlines (made by a rule) falling due in the period: met
//!   when completed on or before the day, missed when completed after it
//!   or still open once it has passed; withdrawn ones are neither.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::domain::{Deadline, Note, NoteKind, Visit};

/// The counts of one week, or of the whole period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Each person's visit outcome, by its code.
    pub visits: BTreeMap<String, usize>,
    /// People seen alone.
    pub seen_alone: usize,
    /// Contacts recorded, by the note's kind.
    pub contacts: BTreeMap<String, usize>,
    /// Notes finalised late.
    pub notes_finalised_late: usize,
    /// Statutory deadlines met.
    pub deadlines_met: usize,
    /// Statutory deadlines missed.
    pub deadlines_missed: usize,
}

/// One week's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Week {
    /// Its Monday (the first day of the period for a week cut short).
    pub week_of: NaiveDate,
    /// Its counts.
    #[serde(flatten)]
    pub counts: Counts,
}

/// The report over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activity {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// Every week of the period, in order (empty weeks included).
    pub weeks: Vec<Week>,
    /// The whole period.
    pub total: Counts,
}

/// What the activity chart shows, one count a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// People visited, whatever the outcome.
    Visits,
    /// People seen alone.
    SeenAlone,
    /// Contacts of every kind.
    Contacts,
    /// Notes finalised late.
    LateNotes,
    /// Statutory deadlines met.
    DeadlinesMet,
    /// Statutory deadlines missed.
    DeadlinesMissed,
}

impl Measure {
    /// Every measure, in the order the chart steps through them.
    pub const ALL: [Measure; 6] = [
        Measure::Visits,
        Measure::SeenAlone,
        Measure::Contacts,
        Measure::LateNotes,
        Measure::DeadlinesMet,
        Measure::DeadlinesMissed,
    ];

    /// Its name on the chart.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Measure::Visits => "Visits",
            Measure::SeenAlone => "Seen alone",
            Measure::Contacts => "Contacts",
            Measure::LateNotes => "Late notes",
            Measure::DeadlinesMet => "Deadlines met",
            Measure::DeadlinesMissed => "Deadlines missed",
        }
    }

    /// Its count in `c`.
    #[must_use]
    pub fn of(self, c: &Counts) -> usize {
        match self {
            Measure::Visits => c.visits.values().sum(),
            Measure::SeenAlone => c.seen_alone,
            Measure::Contacts => c.contacts.values().sum(),
            Measure::LateNotes => c.notes_finalised_late,
            Measure::DeadlinesMet => c.deadlines_met,
            Measure::DeadlinesMissed => c.deadlines_missed,
        }
    }
}

/// The period of `weeks` whole weeks (Monday to Sunday) ending with the
/// week of `end`, cut at `end`: the chart's period.
#[must_use]
pub fn weeks_ending(end: NaiveDate, weeks: u32) -> (NaiveDate, NaiveDate) {
    let back = u64::from(weeks.saturating_sub(1)) * 7;
    (monday(end) - Days::new(back), end)
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

impl Activity {
    fn counts_on(&mut self, day: NaiveDate) -> Option<(&mut Counts, &mut Counts)> {
        if day < self.from || day > self.to {
            return None;
        }
        let key = monday(day).max(self.from);
        let week = self.weeks.iter_mut().find(|w| w.week_of == key)?;
        Some((&mut week.counts, &mut self.total))
    }
}

/// Counts the practitioner's work from `from` to `to` (inclusive) as of
/// `today` (a deadline is missed only once its day has passed).
#[must_use]
pub fn activity(
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    visits: &[Visit],
    notes: &[Note],
    deadlines: &[Deadline],
) -> Activity {
    let mut weeks = Vec::new();
    let mut start = from;
    while start <= to {
        weeks.push(Week {
            week_of: start,
            counts: Counts::default(),
        });
        start = monday(start) + Days::new(7);
    }
    let mut a = Activity {
        from,
        to,
        weeks,
        total: Counts::default(),
    };
    for v in visits {
        let Some(day) = v.date() else { continue };
        for p in &v.people {
            let Some(outcome) = p.outcome else { continue };
            if let Some((week, total)) = a.counts_on(day) {
                for c in [week, total] {
                    *c.visits.entry(outcome.as_str().to_string()).or_default() += 1;
                    if outcome == crate::domain::VisitOutcome::SeenAlone {
                        c.seen_alone += 1;
                    }
                }
            }
        }
    }
    for n in notes {
        // A draft whose kind is not chosen is no contact of any kind yet.
        let Some(kind) = n.kind else { continue };
        if kind != NoteKind::Supervision
            && let Some((week, total)) = a.counts_on(n.occurred_at.date())
        {
            for c in [week, total] {
                *c.contacts.entry(kind.as_str().to_string()).or_default() += 1;
            }
        }
        if n.late_reason.is_some()
            && let Some(at) = n.finalised_at
            && let Some((week, total)) = a.counts_on(at.date())
        {
            week.notes_finalised_late += 1;
            total.notes_finalised_late += 1;
        }
    }
    for d in deadlines
        .iter()
        .filter(|d| d.rule.is_some() && !d.cancelled)
    {
        let met = d.completed_on.is_some_and(|c| c <= d.due);
        let missed = d.completed_on.map_or(d.due < today, |c| c > d.due);
        if let Some((week, total)) = a.counts_on(d.due) {
            for c in [week, total] {
                c.deadlines_met += usize::from(met);
                c.deadlines_missed += usize::from(missed);
            }
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn weeks_start_on_monday_and_the_first_is_cut_at_the_period() {
        // 1 November 2026 is a Sunday; 2 November a Monday.
        let a = activity(d(11, 1), d(11, 16), d(11, 22), &[], &[], &[]);
        let starts: Vec<NaiveDate> = a.weeks.iter().map(|w| w.week_of).collect();
        assert_eq!(starts, [d(11, 1), d(11, 2), d(11, 9), d(11, 16)]);
    }

    fn deadline(due: NaiveDate, done: Option<NaiveDate>, rule: bool, cancelled: bool) -> Deadline {
        Deadline {
            id: 1,
            client_id: Some(1),
            episode_id: None,
            what: "Review".into(),
            due,
            warn_from: None,
            rule: rule.then(|| "cp-review".into()),
            source: None,
            weight: 10,
            chain_index: 0,
            completed_on: done,
            outcome: None,
            cancelled,
            created_at: d(10, 1).and_hms_opt(9, 0, 0).unwrap(),
            due_at: None,
            window_opens: None,
            later_due: None,
        }
    }

    #[test]
    fn the_period_is_whole_weeks_to_the_day_given() {
        // Sunday 22 November 2026: its Monday is 16 November; 11 weeks
        // before that, Monday 31 August.
        assert_eq!(weeks_ending(d(11, 22), 12), (d(8, 31), d(11, 22)));
        assert_eq!(weeks_ending(d(11, 16), 1), (d(11, 16), d(11, 16)));
    }

    fn note(kind: NoteKind, day: NaiveDate) -> Note {
        Note {
            id: 1,
            client_id: 1,
            kind: Some(kind),
            outcome: None,
            occurred_at: day.and_hms_opt(10, 0, 0).unwrap(),
            written_at: day.and_hms_opt(11, 0, 0).unwrap(),
            occurred_offset: None,
            location: None,
            present: None,
            body: "b".into(),
            significant: false,
            status: crate::domain::NoteStatus::Draft,
            finalised_at: None,
            late_reason: None,
            prev_hash: None,
            hash: None,
        }
    }

    #[test]
    fn a_case_supervision_is_no_contact() {
        let notes = [
            note(NoteKind::Phone, d(11, 3)),
            note(NoteKind::Supervision, d(11, 4)),
        ];
        let a = activity(d(11, 2), d(11, 8), d(11, 22), &[], &notes, &[]);
        assert_eq!(Measure::Contacts.of(&a.total), 1);
        assert_eq!(a.total.contacts.get("supervision"), None);
    }

    #[test]
    fn statutory_deadlines_are_met_on_their_day_and_missed_after_it() {
        let ds = [
            // Done on the day: met.
            deadline(d(11, 3), Some(d(11, 3)), true, false),
            // Done a day late: missed.
            deadline(d(11, 4), Some(d(11, 5)), true, false),
            // Still open after its day (today is 22 November): missed.
            deadline(d(11, 10), None, true, false),
            // Still open, its day not yet come: neither.
            deadline(d(11, 25), None, true, false),
            // By hand (no rule) or withdrawn: not statutory, not counted.
            deadline(d(11, 6), None, false, false),
            deadline(d(11, 6), None, true, true),
        ];
        let a = activity(d(11, 2), d(11, 29), d(11, 22), &[], &[], &ds);
        assert_eq!((a.total.deadlines_met, a.total.deadlines_missed), (1, 2));
        assert_eq!(a.weeks[0].counts.deadlines_missed, 1);
        assert_eq!(a.weeks[1].counts.deadlines_missed, 1);
    }
}
