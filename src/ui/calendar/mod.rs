//! The Calendar screen: a month, one cell per day with its planned visits,
//! deadlines (and visits falling due) and reviews, today highlighted,
//! weekends and bank holidays marked; the selected day's agenda beside or
//! below it. Arrows (or h j k l) move by day and week, PgUp/PgDn by month,
//! Tab moves into the day's agenda and Enter opens what is selected.
//!
//! This file is the worked example in CONTRIBUTING.md of adding a screen.

mod draw;

use chrono::{Days, Months, NaiveDate, NaiveDateTime};

use crate::action::Action;
use crate::domain::{AgendaItem, AgendaKind};
use crate::keymap::Mode;
use crate::practice::{self, CalendarDay};
use crate::ui::data::Source;
use crate::ui::screen::Tab;
use crate::ui::screen::{Effect, Screen};
use crate::ui::theme::Theme;
use crate::ui::widgets::Cursor;

/// The Calendar screen's state.
#[derive(Debug, Clone)]
pub struct CalendarView {
    /// The first day of the month shown.
    pub month: NaiveDate,
    /// The day selected.
    pub selected: NaiveDate,
    /// Today (highlighted).
    pub today: NaiveDate,
    /// The month's grid, a week per row.
    pub grid: Vec<[CalendarDay; 7]>,
    /// Everything dated in the grid's days, in diary order.
    pub items: Vec<AgendaItem>,
    /// Whether the day's agenda (not the month) has the keys.
    pub in_list: bool,
    /// The selected line of the day's agenda.
    pub cursor: Cursor,
    /// The colours.
    pub theme: Theme,
}

/// Where an agenda line leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarTarget {
    /// A client's record at a tab.
    Client(i64, Tab),
    /// A note.
    Note(i64),
}

/// Where Enter on an agenda line goes: a contact opens its note; a visit
/// its client's Summary; a deadline or action the Deadlines tab; a review
/// the Plan tab.
#[must_use]
pub fn target(item: &AgendaItem) -> Option<CalendarTarget> {
    let client = item.client_id?;
    Some(match item.kind {
        AgendaKind::Contact => CalendarTarget::Note(item.id),
        AgendaKind::Review => CalendarTarget::Client(client, Tab::Plan),
        AgendaKind::Deadline | AgendaKind::Action => CalendarTarget::Client(client, Tab::Deadlines),
        AgendaKind::Visit => CalendarTarget::Client(client, Tab::Summary),
    })
}

impl CalendarView {
    /// The calendar at `today`'s month; [`Screen::reload`] fills it.
    #[must_use]
    pub fn new(today: NaiveDate, theme: Theme) -> CalendarView {
        CalendarView {
            month: practice::month_start(today),
            selected: today,
            today,
            grid: Vec::new(),
            items: Vec::new(),
            in_list: false,
            cursor: Cursor::default(),
            theme,
        }
    }

    /// The selected day's agenda lines.
    #[must_use]
    pub fn day_items(&self) -> Vec<&AgendaItem> {
        self.items
            .iter()
            .filter(|i| i.date == self.selected)
            .collect()
    }

    /// The selected cell, if the grid has it.
    #[must_use]
    pub fn selected_day(&self) -> Option<&CalendarDay> {
        self.grid.iter().flatten().find(|d| d.date == self.selected)
    }

    /// Selects `day`; a day in another month needs that month loaded.
    fn select(&mut self, day: NaiveDate) -> Vec<Effect> {
        self.selected = day;
        self.in_list = false;
        self.cursor = Cursor::default();
        let month = practice::month_start(day);
        if month == self.month {
            Vec::new()
        } else {
            self.month = month;
            vec![Effect::Reload]
        }
    }

    fn shift_days(&mut self, n: i64) -> Vec<Effect> {
        let d = Days::new(n.unsigned_abs());
        let to = if n < 0 {
            self.selected.checked_sub_days(d)
        } else {
            self.selected.checked_add_days(d)
        };
        to.map(|t| self.select(t)).unwrap_or_default()
    }

    /// The same day of the month (or the month's last) `n` months on.
    fn shift_months(&mut self, forward: bool) -> Vec<Effect> {
        let m = Months::new(1);
        let to = if forward {
            self.selected.checked_add_months(m)
        } else {
            self.selected.checked_sub_months(m)
        };
        to.map(|t| self.select(t)).unwrap_or_default()
    }

    fn open(&mut self) -> Vec<Effect> {
        let items = self.day_items();
        let chosen = match (self.in_list, items.len()) {
            (_, 0) => return vec![Effect::Info("Nothing on this day".into())],
            (false, 1) | (true, _) => items.get(self.cursor.selected).copied(),
            (false, _) => {
                self.in_list = true;
                return Vec::new();
            }
        };
        match chosen.and_then(target) {
            Some(CalendarTarget::Note(id)) => vec![Effect::OpenNote(id)],
            Some(CalendarTarget::Client(id, tab)) => vec![Effect::OpenClient {
                id,
                tab,
                offer_draft: false,
            }],
            None => vec![Effect::Info("That line belongs to no client".into())],
        }
    }
}

impl Screen for CalendarView {
    fn title(&self) -> String {
        "Calendar".into()
    }

    fn mode(&self) -> Mode {
        Mode::Calendar
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::NextDay,
            Action::NextMonth,
            Action::NextSection,
            Action::Open,
            Action::ShowToday,
            Action::Help,
            Action::Back,
        ]
    }

    fn update(&mut self, action: Action, _now: NaiveDateTime) -> Vec<Effect> {
        let len = self.day_items().len();
        match action {
            Action::PrevWeek | Action::Up if self.in_list => self.cursor.step(-1, len),
            Action::NextWeek | Action::Down if self.in_list => self.cursor.step(1, len),
            Action::PrevWeek | Action::Up => return self.shift_days(-7),
            Action::NextWeek | Action::Down => return self.shift_days(7),
            Action::PrevDay => return self.shift_days(-1),
            Action::NextDay => return self.shift_days(1),
            Action::PrevMonth | Action::PageUp => return self.shift_months(false),
            Action::NextMonth | Action::PageDown => return self.shift_months(true),
            Action::ShowToday | Action::Top => return self.select(self.today),
            Action::NextSection | Action::PrevSection => {
                self.in_list = !self.in_list && len > 0;
            }
            Action::Open => return self.open(),
            _ => {}
        }
        Vec::new()
    }

    fn back(&mut self) -> Vec<Effect> {
        if self.in_list {
            self.in_list = false;
            return Vec::new();
        }
        vec![Effect::Close]
    }

    fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        self.today = today;
        let (from, to) = practice::grid_range(self.month);
        let data = src.calendar(from, to)?;
        self.grid = practice::month_grid(self.month, &data.items, &data.bank_holidays);
        self.items = data.items;
        let len = self.day_items().len();
        self.cursor.clamp(len);
        if len == 0 {
            self.in_list = false;
        }
        Ok(())
    }

    fn people(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .items
            .iter()
            .filter_map(|i| i.client_name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}

/// "December 2026".
#[must_use]
pub fn month_title(month: NaiveDate) -> String {
    crate::dates::display::month_year(month)
}
