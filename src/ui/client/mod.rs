//! A client's record: the header (name, alerts, risk), the tab bar and the
//! tab shown. Each tab is a file with its own state, keys and drawing
//! (`summary`, `notes`, `plan`, `deadlines`, `network`, `chronology`), as
//! ratatui's demo2 keeps its tabs; `ClientView` keeps the header, which tab
//! is shown, and hands keys, clicks and drawing to it (`keys` has the keys
//! that open forms over the record, whatever the tab).

pub mod chronology;
pub mod deadlines;
mod keys;
pub mod member;
pub mod network;
pub mod notes;
pub mod plan;
mod show;
pub mod summary;
mod summary_lines;

use std::cell::Cell;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs, Widget};

pub use self::chronology::ChronologyTab;
pub use self::deadlines::{DeadlinesTab, DueRow};
pub use self::network::NetworkTab;
pub use self::notes::NotesTab;
pub use self::plan::PlanTab;
pub use self::show::deadline_what;
pub use self::summary::{SummaryData, SummaryTab};
use crate::domain::Client;
use crate::domain::chain::ChainBreak;
use crate::ui::data::ClientData;
/// The tabs (named where a client is opened, so they live beside the
/// effects).
pub use crate::ui::screen::Tab;
use crate::ui::theme::Theme;
use crate::ui::widgets::client_header;

/// A tab as drawn: its state, with the colours and the moment shown (the
/// theme is given at draw time, not kept in every tab).
#[derive(Debug, Clone, Copy)]
pub struct Drawn<'a, T> {
    /// The tab's state.
    pub tab: &'a T,
    /// The colours (and privacy mode).
    pub theme: Theme,
    /// The moment the facts are shown for.
    pub now: NaiveDateTime,
}

/// A client's record: the header, the tab shown and each tab's state.
#[derive(Debug, Clone)]
pub struct ClientView {
    /// The client.
    pub client: Client,
    /// The tab shown.
    pub tab: Tab,
    /// The Summary tab.
    pub summary: SummaryTab,
    /// The Notes tab.
    pub notes: NotesTab,
    /// The Plan tab.
    pub plan: PlanTab,
    /// The Deadlines tab.
    pub deadlines: DeadlinesTab,
    /// The Network tab.
    pub network: NetworkTab,
    /// The Chronology tab.
    pub chronology: ChronologyTab,
    /// The first entry of the tamper-evidence chain that does not verify.
    pub chain_break: Option<ChainBreak>,
    /// Render cache: where the tab bar was drawn.
    pub tab_bar: Cell<Rect>,
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
            summary: SummaryTab::new(data.client.clone()),
            notes: NotesTab::default(),
            plan: PlanTab::default(),
            deadlines: DeadlinesTab::default(),
            network: NetworkTab::default(),
            chronology: ChronologyTab::default(),
            chain_break: None,
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

    /// Takes freshly loaded data, keeping the tab, selections and scroll.
    pub(super) fn fill(&mut self, data: ClientData, today: NaiveDate) {
        self.summary.fill(
            SummaryData {
                client: data.client.clone(),
                episodes: data.episodes,
                periods: data.periods,
                closure: data.closure,
                seen: data.seen.clone(),
            },
            &data.deadlines,
            &data.plans,
        );
        self.client = data.client;
        self.notes.fill(data.notes);
        self.plan.fill(data.plans);
        self.deadlines
            .fill(data.deadlines, data.actions, data.seen.planned);
        self.network.fill(data.network);
        self.chronology.entries = data.chronology;
        self.chain_break = data.chain_break;
        self.today = today;
    }

    /// Shows care plan version `id` on the Plan tab (the current version
    /// when there is no such version).
    pub fn show_plan(&mut self, id: i64) {
        self.plan.show(id);
    }

    /// Asks nothing about the draft on opening (it was asked about before).
    pub fn skip_draft_offer(&mut self) {
        self.offer_draft = false;
    }

    /// Moves the current tab's selection (or scroll) by `delta`; `page` moves a page.
    pub fn step(&mut self, delta: isize, page: bool) {
        let scroll = match self.tab {
            Tab::Notes => return self.notes.step(delta, page),
            Tab::Deadlines => return self.deadlines.step(delta, page),
            Tab::Network => return self.network.step(delta, page),
            Tab::Summary => &mut self.summary.scroll,
            Tab::Plan => &mut self.plan.scroll,
            Tab::Chronology => &mut self.chronology.scroll,
        };
        let d = if page { delta * 10 } else { delta };
        *scroll = scroll
            .saturating_add_signed(i16::try_from(d).unwrap_or(0))
            .min(500);
    }

    /// Switches tab (shown from its top).
    pub fn set_tab(&mut self, tab: Tab) {
        if self.tab != tab {
            self.tab = tab;
            self.summary.scroll = 0;
            self.plan.scroll = 0;
            self.chronology.scroll = 0;
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
        match self.tab {
            Tab::Notes => self.notes.click(x, y),
            Tab::Deadlines => self.deadlines.click(x, y),
            Tab::Network => self.network.click(x, y),
            Tab::Summary | Tab::Plan | Tab::Chronology => false,
        }
    }
}

impl Widget for &ClientView {
    /// Draws the header, the tab bar and the tab.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let theme = self.theme;
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
        let now = self.now();
        match self.tab {
            Tab::Summary => drawn(&self.summary, theme, now).render(body, frame),
            Tab::Notes => drawn(&self.notes, theme, now).render(body, frame),
            Tab::Plan => drawn(&self.plan, theme, now).render(body, frame),
            Tab::Deadlines => drawn(&self.deadlines, theme, now).render(body, frame),
            Tab::Network => drawn(&self.network, theme, now).render(body, frame),
            Tab::Chronology => drawn(&self.chronology, theme, now).render(body, frame),
        }
    }
}

fn drawn<T>(tab: &T, theme: Theme, now: NaiveDateTime) -> Drawn<'_, T> {
    Drawn { tab, theme, now }
}
