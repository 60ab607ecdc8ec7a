//! The Caseload table: every open client (closed ones on request), filtered
//! as you type, sortable by any column. Its drawing is in `draw.rs`.

mod draw;

use chrono::NaiveDate;

use super::data::{ClientRows, Source};
use super::screen::{Click, Effect, Screen};
use super::theme::Theme;
use super::widgets::Cursor;
use crate::action::Action;
use crate::domain::ClientSummary;
use crate::keymap::Mode;
use chrono::NaiveDateTime;

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    /// Family then given name.
    #[default]
    Name,
    /// Record number.
    Record,
    /// Open or closed.
    Status,
    /// Legal frameworks.
    Framework,
    /// Risk level (high first when descending).
    Risk,
    /// Earliest open deadline.
    NextDue,
    /// Last contact.
    LastSeen,
}

impl Column {
    /// Every column, left to right.
    pub const ALL: [Column; 7] = [
        Column::Name,
        Column::Record,
        Column::Status,
        Column::Framework,
        Column::Risk,
        Column::NextDue,
        Column::LastSeen,
    ];

    fn title(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Record => "Record no.",
            Column::Status => "Status",
            Column::Framework => "Legal",
            Column::Risk => "Risk",
            Column::NextDue => "Next due",
            Column::LastSeen => "Last seen",
        }
    }

    /// The narrowest the column may become before its values are cut.
    fn min_width(self) -> usize {
        match self {
            Column::Name => 10,
            Column::Record => 5,
            Column::Framework => 4,
            Column::Status | Column::Risk => 6,
            Column::NextDue | Column::LastSeen => 10,
        }
    }
}

/// The table's data, filter, sort and selection.
#[derive(Debug, Clone, Default)]
pub struct CaseloadView {
    /// Every client loaded (closed ones only when shown).
    pub all: ClientRows,
    /// Whether closed cases are shown.
    pub show_closed: bool,
    /// The filter text.
    pub filter: String,
    /// Whether keys are typing into the filter.
    pub filtering: bool,
    /// The sort column.
    pub sort: Column,
    /// Descending order.
    pub descending: bool,
    /// Indices into `all` of the rows shown, in order.
    pub rows: Vec<usize>,
    /// The selected row.
    pub cursor: Cursor,
    /// The day "next due" is measured from.
    pub today: Option<NaiveDate>,
    /// The moment of the last reload or key ("next due" overdue to the
    /// minute for a clock counted in hours).
    pub now: Option<NaiveDateTime>,
    /// Per client, lower-cased: what the filter searches, and the name sort key.
    keys: Vec<(String, String)>,
    /// The colours.
    pub theme: Theme,
}

impl CaseloadView {
    /// An empty table; [`Screen::reload`] fills it.
    #[must_use]
    pub fn new(theme: Theme) -> CaseloadView {
        CaseloadView {
            theme,
            ..CaseloadView::default()
        }
    }

    /// The moment "next due" is measured from (the start of the day
    /// loaded until the app gives the time).
    fn now(&self) -> NaiveDateTime {
        let today = self.today.unwrap_or_default();
        self.now
            .filter(|n| n.date() == today)
            .unwrap_or_else(|| today.and_time(chrono::NaiveTime::MIN))
    }

    /// Re-applies filter and sort.
    pub fn refresh(&mut self) {
        if self.keys.len() != self.all.len() {
            self.keys = self.all.iter().map(keys).collect();
        }
        let needle = self.filter.trim().to_lowercase();
        let words: Vec<&str> = needle.split_whitespace().collect();
        let mut rows: Vec<usize> = (0..self.all.len())
            .filter(|i| words.iter().all(|w| self.keys[*i].0.contains(w)))
            .collect();
        let all = &self.all;
        let sort_keys = &self.keys;
        rows.sort_by(|a, b| {
            let (x, y) = (&all[*a], &all[*b]);
            let o = match self.sort {
                Column::Name => sort_keys[*a].1.cmp(&sort_keys[*b].1),
                Column::Record => x.client.record_no.cmp(&y.client.record_no),
                Column::Status => x.client.status.cmp(&y.client.status),
                Column::Framework => x.frameworks.cmp(&y.frameworks),
                Column::Risk => y.client.risk.cmp(&x.client.risk),
                // Clients with nothing due / never seen sort last.
                Column::NextDue => x
                    .next_due
                    .is_none()
                    .cmp(&y.next_due.is_none())
                    .then(x.next_due.cmp(&y.next_due)),
                Column::LastSeen => x.last_seen.cmp(&y.last_seen),
            };
            let o = if self.descending { o.reverse() } else { o };
            o.then(x.client.id.cmp(&y.client.id))
        });
        self.rows = rows;
        self.cursor.clamp(self.rows.len());
    }

    /// The selected client's row.
    #[must_use]
    pub fn selected(&self) -> Option<&ClientSummary> {
        self.rows.get(self.cursor.selected).map(|i| &self.all[*i])
    }

    /// Selects a client by id if shown.
    pub fn select_id(&mut self, id: i64) {
        if let Some(pos) = self.rows.iter().position(|i| self.all[*i].client.id == id) {
            self.cursor.selected = pos;
        }
    }

    /// Types a key into the filter and re-filters.
    pub fn type_filter(&mut self, key: ratatui::crossterm::event::KeyEvent) {
        if super::input::edit_line(&mut self.filter, key) {
            self.refresh();
            self.cursor.selected = 0;
        }
    }

    /// Sorts by the next column.
    pub fn sort_next(&mut self) {
        let i = Column::ALL
            .iter()
            .position(|c| *c == self.sort)
            .unwrap_or(0);
        self.sort = Column::ALL[(i + 1) % Column::ALL.len()];
        self.descending = false;
        self.refresh();
    }

    /// Handles a click on a row: selects it.
    pub fn click(&mut self, x: u16, y: u16) -> bool {
        match self.cursor.row_at(x, y, 1) {
            Some(i) if i < self.rows.len() => {
                self.cursor.selected = i;
                true
            }
            _ => false,
        }
    }
}

/// What the filter searches (names and record number) and the name sort
/// key (family then given), lower-cased once per load.
fn keys(s: &ClientSummary) -> (String, String) {
    let c = &s.client;
    let hay = format!(
        "{} {} {} {}",
        c.given_name,
        c.preferred_name.as_deref().unwrap_or(""),
        c.family_name,
        c.record_no.as_deref().unwrap_or("")
    )
    .to_lowercase();
    let name = format!("{}\u{0}{}", c.family_name, c.given_name).to_lowercase();
    (hay, name)
}

impl Screen for CaseloadView {
    fn title(&self) -> String {
        "Caseload".into()
    }

    fn mode(&self) -> Mode {
        if self.filtering {
            Mode::Filter
        } else {
            Mode::Caseload
        }
    }

    fn hints(&self) -> &'static [Action] {
        if self.filtering {
            &[Action::Open, Action::ClearFilter]
        } else {
            &[
                Action::Filter,
                Action::Open,
                Action::SortNext,
                Action::ToggleClosed,
                Action::NewClient,
                Action::GoSearch,
                Action::Undo,
                Action::Help,
                Action::Quit,
            ]
        }
    }

    fn set_now(&mut self, now: NaiveDateTime) {
        self.now = Some(now);
    }

    fn update(&mut self, action: Action, now: NaiveDateTime) -> Vec<Effect> {
        self.now = Some(now);
        let len = self.rows.len();
        match action {
            Action::Up => self.cursor.step(-1, len),
            Action::Down => self.cursor.step(1, len),
            Action::PageUp => self.cursor.page(false, len),
            Action::PageDown => self.cursor.page(true, len),
            Action::Top => self.cursor.selected = 0,
            Action::Bottom => self.cursor.step(isize::MAX / 2, len),
            Action::Filter => self.filtering = true,
            Action::ClearFilter => {
                self.filtering = false;
                self.filter.clear();
                self.refresh();
            }
            Action::SortNext => self.sort_next(),
            Action::SortReverse => {
                self.descending = !self.descending;
                self.refresh();
            }
            Action::ToggleClosed => {
                self.show_closed = !self.show_closed;
                return vec![Effect::Reload];
            }
            Action::Open => {
                self.filtering = false;
                if let Some(id) = self.selected().map(|s| s.client.id) {
                    return vec![Effect::OpenClient {
                        id,
                        tab: super::screen::Tab::Summary,
                        offer_draft: true,
                    }];
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn type_key(
        &mut self,
        key: ratatui::crossterm::event::KeyEvent,
        _now: NaiveDateTime,
    ) -> Vec<Effect> {
        if self.filtering {
            self.type_filter(key);
        }
        Vec::new()
    }

    fn back(&mut self) -> Vec<Effect> {
        if self.filtering {
            self.filtering = false;
            Vec::new()
        } else {
            vec![Effect::Close]
        }
    }

    /// Reloads the data keeping filter, sort and selection.
    fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        let keep = self.selected().map(|s| s.client.id);
        self.all = src.clients(self.show_closed)?;
        self.today = Some(today);
        self.keys.clear();
        self.refresh();
        if let Some(id) = keep {
            self.select_id(id);
        }
        Ok(())
    }

    fn click(&mut self, x: u16, y: u16) -> Click {
        if CaseloadView::click(self, x, y) {
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
