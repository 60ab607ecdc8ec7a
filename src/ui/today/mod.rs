//! The Today screen: what is overdue or due soon (most urgent first), this
//! week's contacts and reviews, clients not seen within their visiting
//! frequency, drafts not yet finalised, and a chart of the next 8 weeks.

mod detail;
mod draw;

use chrono::{NaiveDate, NaiveDateTime};
use std::cell::RefCell;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::domain::{AgendaItem, AgendaKind};
use crate::domain::{DueItem, Visit};
use crate::keymap::Mode;
use crate::ui::data::{Source, TodayData};
use crate::ui::screen::Tab;
use crate::ui::screen::{Click, Effect, Screen};
use crate::ui::theme::Theme;
use crate::ui::widgets::Cursor;

/// How many days ahead "due soon" looks.
pub const DUE_WITHIN_DAYS: u32 = 14;

/// One line of the Today list.
#[derive(Debug, Clone, PartialEq)]
pub enum TodayRow {
    /// A section heading (not selectable).
    Heading(String),
    /// A quiet line saying a section is empty (not selectable).
    Empty(String),
    /// A deadline or action that is overdue or due soon, and whether its
    /// rule is a local one (the detail pane says why it ranks where it
    /// does, as `due --explain` does).
    Due(DueItem, bool),
    /// A contact or review this week.
    Visit(AgendaItem),
    /// A visit planned this week, or an earlier one still waiting for its
    /// outcome.
    Planned(Visit),
    /// A client not seen within their visiting frequency (or a visiting
    /// rule of their legal episode): the overdue visit.
    Unseen {
        /// The overdue visit, as the rule engine made it due.
        visit: DueItem,
        /// Days since any contact at all (None: never).
        days: Option<i64>,
    },
    /// A note still in draft.
    Draft {
        /// The note.
        note_id: i64,
        /// Whose.
        client_id: i64,
        /// Their name.
        name: String,
        /// When the contact happened.
        occurred: NaiveDateTime,
        /// Working days left to finalise it under the late-entry rule
        /// (negative: late by that many).
        days_left: i64,
    },
    /// A closed case whose record has reached its retention review date:
    /// flagged for the practitioner, never acted on automatically.
    Retention(crate::domain::closure::RetentionDue),
}

impl TodayRow {
    fn selectable(&self) -> bool {
        !matches!(self, TodayRow::Heading(_) | TodayRow::Empty(_))
    }
}

/// Where Enter on a Today row leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TodayTarget {
    /// A client at a tab.
    Client(i64, Tab),
    /// A draft note in the editor.
    Draft(i64),
    /// A planned visit whose time has passed: ask for its outcome.
    Outcome(i64),
}

/// The Today screen's data and selection.
#[derive(Debug, Clone, Default)]
pub struct TodayView {
    /// The day shown.
    pub today: Option<NaiveDate>,
    /// The time at the last reload or key (hour countdowns count from it,
    /// and whether a planned visit's time has passed).
    pub now: Option<NaiveDateTime>,
    /// The rows, sections included.
    pub rows: Vec<TodayRow>,
    /// The selected row.
    pub cursor: Cursor,
    /// Deadlines and actions due in each of the next 8 weeks.
    pub chart: [u64; 8],
    /// Overdue count.
    pub overdue: usize,
    /// Which row each screen line of the list showed at the last draw
    /// (for clicks), and where the list was drawn.
    pub(super) drawn: RefCell<(Rect, Vec<Option<usize>>)>,
    /// The colours.
    pub theme: Theme,
}

impl TodayView {
    /// An empty Today screen; [`Screen::reload`] fills it.
    #[must_use]
    pub fn new(theme: Theme) -> TodayView {
        TodayView {
            theme,
            ..TodayView::default()
        }
    }

    /// Lays out the rows from the loaded data.
    fn fill(&mut self, data: TodayData, today: NaiveDate) {
        let TodayData {
            due,
            local_rules,
            week,
            unseen,
            drafts,
            chart,
            has_clients,
            visits,
            retention,
            cpd,
        } = data;
        let mut rows = Vec::new();
        let overdue = due.iter().filter(|d| d.overdue).count();
        let now = self
            .now
            .unwrap_or_else(|| today.and_time(chrono::NaiveTime::MIN));
        // The on-call count first, so a narrow screen keeps it.
        let running_out = due
            .iter()
            .filter(|d| d.clock_ends_within(now, 12 * 60))
            .count();
        let on_call = if running_out > 0 {
            format!("Runs out in the next 12 hours: {running_out} · ")
        } else {
            String::new()
        };
        rows.push(TodayRow::Heading(format!(
            "Due — {on_call}{overdue} overdue, {} in the next {DUE_WITHIN_DAYS} days",
            due.len() - overdue
        )));
        if !has_clients {
            rows.push(TodayRow::Empty(
                "No clients yet: press N to add your first client".into(),
            ));
        } else if due.is_empty() {
            rows.push(TodayRow::Empty("Nothing overdue or due soon".into()));
        }
        rows.extend(due.into_iter().map(|d| {
            let local = d.rule.as_ref().is_some_and(|id| local_rules.contains(id));
            TodayRow::Due(d, local)
        }));

        let waiting = visits.iter().filter(|v| v.awaits_outcome(now)).count();
        rows.push(TodayRow::Heading(format!(
            "Visits planned this week ({}; {waiting} waiting for an outcome: Enter records it)",
            visits.len()
        )));
        if visits.is_empty() {
            rows.push(TodayRow::Empty(
                "No visits planned (V on a client plans one)".into(),
            ));
        }
        rows.extend(visits.into_iter().map(TodayRow::Planned));

        rows.push(TodayRow::Heading(format!(
            "This week's contacts and reviews ({})",
            week.len()
        )));
        if week.is_empty() {
            rows.push(TodayRow::Empty("None recorded this week yet".into()));
        }
        rows.extend(week.into_iter().map(TodayRow::Visit));

        rows.push(TodayRow::Heading(format!(
            "Not seen within their visiting frequency ({})",
            unseen.len()
        )));
        if unseen.is_empty() {
            rows.push(TodayRow::Empty("Everyone has been seen on time".into()));
        }
        rows.extend(
            unseen
                .into_iter()
                .map(|(visit, days)| TodayRow::Unseen { visit, days }),
        );

        rows.push(TodayRow::Heading(format!(
            "Drafts to finalise ({})",
            drafts.len()
        )));
        if drafts.is_empty() {
            rows.push(TodayRow::Empty("No drafts".into()));
        }
        rows.extend(drafts.into_iter().map(|d| TodayRow::Draft {
            note_id: d.note_id,
            client_id: d.client_id,
            name: d.name,
            occurred: d.occurred,
            days_left: d.days_left,
        }));
        // Shown only when one has come: most days there is none.
        if !retention.is_empty() {
            rows.push(TodayRow::Heading(format!(
                "Records due a retention review ({})",
                retention.len()
            )));
            rows.extend(retention.into_iter().map(TodayRow::Retention));
        }
        // The practitioner's own registration, as renewal nears.
        if let Some(line) = cpd {
            rows.push(TodayRow::Heading(line));
        }
        let old = self.cursor.selected;
        let first = self.rows.is_empty();
        self.today = Some(today);
        self.rows = rows;
        self.chart = chart;
        self.overdue = overdue;
        if first {
            self.first_selectable();
        } else {
            self.keep_selection(old);
        }
    }

    /// Keeps a previous selection where it still fits.
    fn keep_selection(&mut self, old: usize) {
        self.cursor.selected = old.min(self.rows.len().saturating_sub(1));
        if !self
            .rows
            .get(self.cursor.selected)
            .is_some_and(TodayRow::selectable)
        {
            self.first_selectable();
        }
    }

    fn first_selectable(&mut self) {
        self.cursor.selected = self.rows.iter().position(TodayRow::selectable).unwrap_or(0);
    }

    /// Moves the selection by `delta` selectable rows.
    pub fn step(&mut self, delta: isize) {
        let sel: Vec<usize> = (0..self.rows.len())
            .filter(|i| self.rows[*i].selectable())
            .collect();
        if sel.is_empty() {
            return;
        }
        let here = sel
            .iter()
            .position(|i| *i >= self.cursor.selected)
            .unwrap_or(sel.len() - 1);
        let to = here.saturating_add_signed(delta).min(sel.len() - 1);
        self.cursor.selected = sel[to];
    }

    /// Selects the row under a click, if it is selectable.
    pub fn click(&mut self, x: u16, y: u16) -> bool {
        let hit = {
            let drawn = self.drawn.borrow();
            let (area, lines) = &*drawn;
            if x < area.x || x >= area.right() || y < area.y {
                None
            } else {
                lines.get(usize::from(y - area.y)).copied().flatten()
            }
        };
        match hit {
            Some(i) if self.rows.get(i).is_some_and(TodayRow::selectable) => {
                self.cursor.selected = i;
                true
            }
            _ => false,
        }
    }

    /// The sections: each heading's index and the end of its rows.
    pub(super) fn sections(&self) -> Vec<(usize, usize)> {
        let heads: Vec<usize> = (0..self.rows.len())
            .filter(|i| matches!(self.rows[*i], TodayRow::Heading(_)))
            .collect();
        heads
            .iter()
            .enumerate()
            .map(|(k, h)| (*h, heads.get(k + 1).copied().unwrap_or(self.rows.len())))
            .collect()
    }

    /// Moves the selection to the first row of the next (`delta` 1) or
    /// previous (-1) section that has one, wrapping round.
    pub fn next_section(&mut self, delta: isize) {
        let sections = self.sections();
        let n = sections.len();
        if n == 0 {
            return;
        }
        let here = sections
            .iter()
            .position(|(h, e)| (*h..*e).contains(&self.cursor.selected))
            .unwrap_or(0);
        for k in 1..=n {
            let step = if delta < 0 { n - (k % n) } else { k };
            let (h, e) = sections[(here + step) % n];
            if let Some(i) = (h..e).find(|i| self.rows[*i].selectable()) {
                self.cursor.selected = i;
                return;
            }
        }
    }

    /// Where the selected row leads.
    #[must_use]
    pub fn target(&self) -> Option<TodayTarget> {
        match self.rows.get(self.cursor.selected)? {
            // Deadlines and actions both live on the Deadlines tab.
            TodayRow::Due(d, _) => d.client_id.map(|c| TodayTarget::Client(c, Tab::Deadlines)),
            TodayRow::Visit(a) => {
                let tab = if a.kind == AgendaKind::Review {
                    Tab::Plan
                } else {
                    Tab::Notes
                };
                a.client_id.map(|c| TodayTarget::Client(c, tab))
            }
            TodayRow::Unseen { visit, .. } => {
                let client_id = visit.client_id?;
                Some(TodayTarget::Client(client_id, Tab::Summary))
            }
            TodayRow::Draft { note_id, .. } => Some(TodayTarget::Draft(*note_id)),
            TodayRow::Retention(r) => Some(TodayTarget::Client(r.client_id, Tab::Summary)),
            TodayRow::Planned(v) => {
                let now = self.now?;
                if v.awaits_outcome(now) {
                    Some(TodayTarget::Outcome(v.id))
                } else {
                    let c = v.people.first()?.client_id;
                    Some(TodayTarget::Client(c, Tab::Summary))
                }
            }
            _ => None,
        }
    }
}

impl TodayView {
    /// The outcome form for planned visit `id` (its note opens after).
    fn ask_outcome(&self, id: i64, now: NaiveDateTime) -> Vec<Effect> {
        let visit = self.rows.iter().find_map(|r| match r {
            TodayRow::Planned(v) if v.id == id => Some(v.clone()),
            _ => None,
        });
        let Some(v) = visit else {
            return Vec::new();
        };
        let Some(main) = v.people.first().map(|p| p.client_id) else {
            return Vec::new();
        };
        let f = crate::ui::forms::visit::outcome(v, main, self.theme, now.date());
        vec![Effect::Push(f.into())]
    }
}

impl Screen for TodayView {
    fn title(&self) -> String {
        "Today".into()
    }

    fn mode(&self) -> Mode {
        Mode::Today
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Open,
            Action::NextSection,
            Action::GoSearch,
            Action::Undo,
            Action::GoCaseload,
            Action::Palette,
            Action::Help,
            Action::Quit,
        ]
    }

    fn update(&mut self, action: Action, now: NaiveDateTime) -> Vec<Effect> {
        self.now = Some(now);
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-10),
            Action::PageDown => self.step(10),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::NextSection => self.next_section(1),
            Action::PrevSection => self.next_section(-1),
            Action::Open => {
                return match self.target() {
                    Some(TodayTarget::Client(id, tab)) => vec![Effect::OpenClient {
                        id,
                        tab,
                        offer_draft: true,
                    }],
                    Some(TodayTarget::Draft(id)) => vec![Effect::OpenNote(id)],
                    Some(TodayTarget::Outcome(id)) => self.ask_outcome(id, now),
                    None => Vec::new(),
                };
            }
            _ => {}
        }
        Vec::new()
    }

    fn set_now(&mut self, now: NaiveDateTime) {
        self.now = Some(now);
    }

    fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        // The moment given by set_now, so an hours deadline counts down.
        let now = self
            .now
            .filter(|n| n.date() == today)
            .unwrap_or_else(|| today.and_time(chrono::NaiveTime::MIN));
        let data = src.today(now)?;
        self.fill(data, today);
        Ok(())
    }

    fn click(&mut self, x: u16, y: u16) -> Click {
        if TodayView::click(self, x, y) {
            Click::Selected
        } else {
            Click::Missed
        }
    }

    fn selection(&self) -> Option<(usize, usize)> {
        Some((0, self.cursor.selected))
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}
