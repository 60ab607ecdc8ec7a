//! The month view's facts: which days a month's grid shows, and how many
//! planned visits, deadlines and reviews fall on each.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

use crate::domain::{AgendaItem, AgendaKind};

/// How much is on one day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DayCounts {
    /// Visits planned (not yet recorded or cancelled).
    pub visits: u32,
    /// Open deadlines, and visits falling due under a visiting rule.
    pub deadlines: u32,
    /// Care plan reviews.
    pub reviews: u32,
}

impl DayCounts {
    /// Whether nothing is on.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.visits == 0 && self.deadlines == 0 && self.reviews == 0
    }
}

/// One cell of the month grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CalendarDay {
    /// The day.
    pub date: NaiveDate,
    /// Whether it belongs to the month shown (the grid pads whole weeks).
    pub in_month: bool,
    /// Saturday or Sunday.
    pub weekend: bool,
    /// A bank holiday (England and Wales, from the rules calendar).
    pub bank_holiday: bool,
    /// What is on.
    pub counts: DayCounts,
}

/// The first day of the month `day` is in.
#[must_use]
pub fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The days a month's grid covers: from the Monday on or before the 1st to
/// the Sunday on or after the last day.
#[must_use]
pub fn grid_range(month: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = month_start(month);
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first);
    let from = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    let to = last + Days::new(u64::from(6 - last.weekday().num_days_from_monday()));
    (from, to)
}

/// What one agenda line adds to its day's counts.
fn add(counts: &mut DayCounts, item: &AgendaItem) {
    match item.kind {
        AgendaKind::Visit if item.is_visit_due() => counts.deadlines += 1,
        AgendaKind::Visit if !item.done => counts.visits += 1,
        AgendaKind::Deadline if !item.done => counts.deadlines += 1,
        AgendaKind::Review if !item.done => counts.reviews += 1,
        _ => {}
    }
}

/// The month's grid, a week per row (Monday first), each day with its
/// counts from `items` and marked when it is a weekend or one of
/// `bank_holidays`.
#[must_use]
pub fn month_grid(
    month: NaiveDate,
    items: &[AgendaItem],
    bank_holidays: &[NaiveDate],
) -> Vec<[CalendarDay; 7]> {
    let first = month_start(month);
    let (from, to) = grid_range(first);
    let mut weeks = Vec::new();
    let mut day = from;
    while day <= to {
        let week: [CalendarDay; 7] = std::array::from_fn(|i| {
            let date = day + Days::new(i as u64);
            let mut counts = DayCounts::default();
            for item in items.iter().filter(|a| a.date == date) {
                add(&mut counts, item);
            }
            CalendarDay {
                date,
                in_month: date.month() == first.month() && date.year() == first.year(),
                weekend: matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
                bank_holiday: bank_holidays.contains(&date),
                counts,
            }
        });
        weeks.push(week);
        day = day + Days::new(7);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn item(kind: &str, date: NaiveDate, done: bool, rule: Option<&str>) -> AgendaItem {
        AgendaItem {
            date,
            time: None,
            kind: kind.parse().unwrap(),
            id: 1,
            client_id: Some(1),
            client_name: None,
            what: "w".into(),
            done,
            rule: rule.map(str::to_string),
        }
    }

    #[test]
    fn december_2026_runs_monday_30_november_to_sunday_3_january() {
        assert_eq!(
            grid_range(d(12, 17)),
            (d(11, 30), NaiveDate::from_ymd_opt(2027, 1, 3).unwrap())
        );
        // February 2027 starts on a Monday and ends on a Sunday: 4 weeks.
        let feb = NaiveDate::from_ymd_opt(2027, 2, 10).unwrap();
        assert_eq!(month_grid(feb, &[], &[]).len(), 4);
    }

    #[test]
    fn each_day_counts_planned_visits_open_deadlines_and_reviews() {
        let items = [
            item("visit", d(12, 2), false, None),
            item("visit", d(12, 2), true, None),
            item("visit", d(12, 2), false, Some("cp-visit")),
            item("deadline", d(12, 2), false, None),
            item("deadline", d(12, 2), true, None),
            item("review", d(12, 2), false, None),
            item("contact", d(12, 2), true, None),
            item("action", d(12, 2), false, None),
        ];
        let grid = month_grid(d(12, 1), &items, &[d(12, 25), d(12, 28)]);
        assert_eq!(grid.len(), 5);
        let wed = grid[0][2];
        assert_eq!(wed.date, d(12, 2));
        assert_eq!(
            wed.counts,
            DayCounts {
                visits: 1,
                deadlines: 2,
                reviews: 1
            }
        );
        assert!(!grid[0][0].in_month, "Monday 30 November pads the grid");
        assert!(grid[0][5].weekend && grid[0][6].weekend && !grid[0][4].weekend);
        let christmas = grid[3][4];
        assert_eq!(christmas.date, d(12, 25));
        assert!(christmas.bank_holiday && !christmas.weekend);
        assert!(
            grid[4][0].bank_holiday,
            "Boxing Day substitute, Monday 28th"
        );
        assert!(
            grid.iter()
                .flatten()
                .filter(|c| c.date != d(12, 2))
                .all(|c| c.counts.is_empty())
        );
    }
}
