//! A client's record: the tabs (Summary, Notes, Plan, Deadlines, Network),
//! each with the client's alerts and risk above it.

pub mod chronology;
mod keys;
pub mod member;
pub mod summary;
pub mod tabs;

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Tabs};

use crate::domain::chain::ChainBreak;
use crate::domain::chronology::ChronologyEntry;
use crate::domain::{
    Action as Todo, CarePlan, Client, Deadline, LegalEpisode, NetworkMember, Note, NoteStatus,
};
use crate::ui::data::{ClientData, Seen};
use crate::ui::theme::Theme;
use crate::ui::widgets::{Cursor, client_header};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// The tabs of a client's record. Add a tab here (and draw it in
/// `tabs`) to extend the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Details, risk, legal episodes, what is next.
    #[default]
    Summary,
    /// Contact notes, newest first.
    Notes,
    /// The care plan, with earlier versions.
    Plan,
    /// Deadlines and actions.
    Deadlines,
    /// Family, carers, professionals.
    Network,
    /// Significant events in date order.
    Chronology,
}

impl Tab {
    /// Every tab, left to right.
    pub const ALL: [Tab; 6] = [
        Tab::Summary,
        Tab::Notes,
        Tab::Plan,
        Tab::Deadlines,
        Tab::Network,
        Tab::Chronology,
    ];

    /// The tab's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Tab::Summary => "Summary",
            Tab::Notes => "Notes",
            Tab::Plan => "Plan",
            Tab::Deadlines => "Deadlines",
            Tab::Network => "Network",
            Tab::Chronology => "Chronology",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab `delta` steps along, wrapping.
    #[must_use]
    pub fn step(self, delta: isize) -> Tab {
        let n = Tab::ALL.len();
        let i = (self.index() as isize + delta).rem_euclid(n as isize);
        Tab::ALL[usize::try_from(i).unwrap_or(0)]
    }
}

/// A row on the Deadlines tab: a deadline or an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueRow {
    /// Index into `deadlines`.
    Deadline(usize),
    /// Index into `actions`.
    Action(usize),
    /// Index into the planned visits (`seen.planned`).
    Visit(usize),
}

/// Everything a client's tabs show, loaded at once.
#[derive(Debug, Clone)]
pub struct ClientView {
    /// The client.
    pub client: Client,
    /// The tab shown.
    pub tab: Tab,
    /// Notes, newest contact first.
    pub notes: Vec<Note>,
    /// Care plan versions, newest first.
    pub plans: Vec<CarePlan>,
    /// Which plan version is shown (index into `plans`).
    pub plan_index: usize,
    /// Deadlines, open first.
    pub deadlines: Vec<Deadline>,
    /// The client's actions, open first.
    pub actions: Vec<Todo>,
    /// Network members.
    pub network: Vec<NetworkMember>,
    /// Legal episodes, current first.
    pub episodes: Vec<LegalEpisode>,
    /// The current period of each open episode that ends unless renewed.
    pub periods: Vec<crate::practice::CurrentPeriod>,
    /// The chronology, oldest first.
    pub chronology: Vec<ChronologyEntry>,
    /// The first entry of the tamper-evidence chain that does not verify.
    pub chain_break: Option<ChainBreak>,
    /// A closed case's closure summary and the retention rule applied.
    pub closure: Option<(String, Option<String>)>,
    /// Selection on the Notes tab.
    pub notes_cursor: Cursor,
    /// Selection on the Deadlines tab.
    pub due_cursor: Cursor,
    /// Selection on the Network tab.
    pub network_cursor: Cursor,
    /// Scroll of the Summary and Plan tabs.
    pub scroll: u16,
    /// Render cache: where the tab bar was drawn.
    pub tab_bar: Cell<Rect>,
    /// Last seen, and whether a visit is overdue (from the loader).
    pub seen: Seen,
    /// The day the record was loaded for.
    pub today: NaiveDate,
    /// The moment of the last reload or key: an hours deadline is overdue,
    /// and a planned visit awaits its outcome, from the minute it passes.
    pub now: Option<NaiveDateTime>,
    /// The colours.
    pub theme: Theme,
    /// Offer an unfinished draft back once open.
    pub(super) offer_draft: bool,
}

impl ClientView {
    /// A client's record from its loaded data, showing `tab`;
    /// `offer_draft` offers an unfinished draft back once open.
    #[must_use]
    pub fn open(
        data: ClientData,
        tab: Tab,
        today: NaiveDate,
        theme: Theme,
        offer_draft: bool,
    ) -> ClientView {
        let mut v = ClientView {
            client: data.client.clone(),
            tab,
            notes: Vec::new(),
            plans: Vec::new(),
            plan_index: 0,
            deadlines: Vec::new(),
            actions: Vec::new(),
            network: Vec::new(),
            episodes: Vec::new(),
            periods: Vec::new(),
            chronology: Vec::new(),
            chain_break: None,
            closure: None,
            seen: Seen::default(),
            notes_cursor: Cursor::default(),
            due_cursor: Cursor::default(),
            network_cursor: Cursor::default(),
            scroll: 0,
            tab_bar: Cell::new(Rect::default()),
            today,
            now: None,
            theme,
            offer_draft,
        };
        v.fill(data, today);
        v
    }

    /// The moment the facts are shown for (the start of the day loaded,
    /// until the app gives the time).
    #[must_use]
    pub fn now(&self) -> NaiveDateTime {
        self.now
            .filter(|n| n.date() == self.today)
            .unwrap_or_else(|| self.today.and_time(NaiveTime::MIN))
    }

    /// Takes freshly loaded data, keeping the tab and selections.
    pub(super) fn fill(&mut self, data: ClientData, today: NaiveDate) {
        self.client = data.client;
        self.notes = data.notes;
        // An earlier plan version being read stays shown after a reload;
        // the current one stays current (a new version replaces it).
        let reading = (self.plan_index > 0)
            .then(|| self.plans.get(self.plan_index).map(|p| p.id))
            .flatten();
        self.plans = data.plans;
        self.deadlines = data.deadlines;
        self.actions = data.actions;
        self.network = data.network;
        self.episodes = data.episodes;
        self.periods = data.periods;
        self.chronology = data.chronology;
        self.chain_break = data.chain_break;
        self.closure = data.closure;
        self.seen = data.seen;
        self.today = today;
        self.plan_index = 0;
        if let Some(id) = reading {
            self.show_plan(id);
        }
        self.notes_cursor.clamp(self.notes.len());
        self.due_cursor.clamp(self.due_rows().len());
        self.network_cursor.clamp(self.network.len());
    }

    /// Shows care plan version `id` on the Plan tab (the current version
    /// when there is no such version).
    pub fn show_plan(&mut self, id: i64) {
        self.plan_index = self.plans.iter().position(|p| p.id == id).unwrap_or(0);
    }

    /// Asks nothing about the draft on opening (it was asked about before).
    pub fn skip_draft_offer(&mut self) {
        self.offer_draft = false;
    }

    /// The first draft note, if any (offered back when the client opens).
    #[must_use]
    pub fn draft(&self) -> Option<&Note> {
        self.notes.iter().find(|n| n.status == NoteStatus::Draft)
    }

    /// The kind of the note written last for this client (a new note
    /// starts as that kind: a practitioner who phones weekly is not made to
    /// change "Home visit" every time).
    #[must_use]
    pub fn last_note_kind(&self) -> Option<crate::domain::NoteKind> {
        self.notes
            .iter()
            .max_by_key(|n| (n.written_at, n.id))
            .map(|n| n.kind)
    }

    /// Rows of the Deadlines tab: planned visits, deadlines, then actions.
    #[must_use]
    pub fn due_rows(&self) -> Vec<DueRow> {
        (0..self.seen.planned.len())
            .map(DueRow::Visit)
            .chain((0..self.deadlines.len()).map(DueRow::Deadline))
            .chain((0..self.actions.len()).map(DueRow::Action))
            .collect()
    }

    /// The selected note on the Notes tab.
    #[must_use]
    pub fn selected_note(&self) -> Option<&Note> {
        self.notes.get(self.notes_cursor.selected)
    }

    /// The selected row on the Deadlines tab.
    #[must_use]
    pub fn selected_due(&self) -> Option<DueRow> {
        self.due_rows().get(self.due_cursor.selected).copied()
    }

    /// Moves the current tab's selection (or scroll) by `delta`; `page` moves a page.
    pub fn step(&mut self, delta: isize, page: bool) {
        let (cursor, len) = match self.tab {
            Tab::Notes => (&mut self.notes_cursor, self.notes.len()),
            Tab::Deadlines => {
                let len = self.deadlines.len() + self.actions.len() + self.seen.planned.len();
                (&mut self.due_cursor, len)
            }
            Tab::Network => (&mut self.network_cursor, self.network.len()),
            Tab::Summary | Tab::Plan | Tab::Chronology => {
                let d = if page { delta * 10 } else { delta };
                self.scroll = self
                    .scroll
                    .saturating_add_signed(i16::try_from(d).unwrap_or(0))
                    .min(500);
                return;
            }
        };
        if page {
            cursor.page(delta > 0, len);
        } else {
            cursor.step(delta, len);
        }
    }

    /// Switches tab.
    pub fn set_tab(&mut self, tab: Tab) {
        if self.tab != tab {
            self.tab = tab;
            self.scroll = 0;
        }
    }

    /// Handles a click on the tab bar or a row; true when something changed.
    pub fn click(&mut self, x: u16, y: u16) -> bool {
        let bar = self.tab_bar.get();
        if y == bar.y && x >= bar.x && x < bar.right() {
            // Tabs draws " Title " separated by "│": find which title x is in.
            let mut left = bar.x;
            for tab in Tab::ALL {
                let w = u16::try_from(tab.title().chars().count()).unwrap_or(0) + 2;
                if x < left + w {
                    self.set_tab(tab);
                    return true;
                }
                left += w + 1;
            }
            return false;
        }
        let (cursor, len) = match self.tab {
            Tab::Notes => (&mut self.notes_cursor, self.notes.len()),
            Tab::Deadlines => (
                &mut self.due_cursor,
                self.deadlines.len() + self.actions.len(),
            ),
            Tab::Network => (&mut self.network_cursor, self.network.len()),
            _ => return false,
        };
        match cursor.row_at(x, y, 1) {
            Some(i) if i < len => {
                cursor.selected = i;
                true
            }
            _ => false,
        }
    }
}

impl Widget for &ClientView {
    /// Draws the header, the tab bar and the tab.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let (theme, today) = (self.theme, self.today);
        let (head, rest) = crate::ui::widgets::take_top(area, 2);
        let rest = match &self.chain_break {
            Some(b) => {
                let (warn, rest) = crate::ui::widgets::take_top(rest, 1);
                Widget::render(
                    Paragraph::new(crate::ui::records::chain_warning(b, theme)),
                    warn,
                    frame,
                );
                rest
            }
            None => rest,
        };
        let (bar, body) = crate::ui::widgets::take_top(rest, 1);
        Widget::render(
            Paragraph::new(
                client_header(&self.client, theme)
                    .into_iter()
                    .map(|l| crate::ui::fit::fit(l, usize::from(head.width)))
                    .collect::<Vec<_>>(),
            ),
            head,
            frame,
        );
        let titles: Vec<Line<'_>> = Tab::ALL
            .iter()
            .map(|t| Line::from(Span::raw(t.title())))
            .collect();
        let tabs = Tabs::new(titles)
            .select(self.tab.index())
            .highlight_style(theme.selected())
            .style(theme.dim());
        Widget::render(tabs, bar, frame);
        self.tab_bar.set(bar);
        match self.tab {
            Tab::Summary => self::summary::summary(self, frame, body, theme, today),
            Tab::Notes => tabs::notes(self, frame, body, theme),
            Tab::Plan => tabs::plan(self, frame, body, theme),
            Tab::Deadlines => tabs::deadlines(self, frame, body, theme, self.now()),
            Tab::Network => tabs::network(self, frame, body, theme),
            Tab::Chronology => self::chronology::draw(self, frame, body, theme),
        }
    }
}
