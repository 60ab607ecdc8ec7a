//! The Summary tab: the client's details beside (or, when narrow, below)
//! what matters at a glance: the case's status, risk, legal status and what
//! is next, then who saw them when. Its lines are built section by section
//! in `summary_lines`.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Drawn;
use super::summary_lines::{case, details, seen, status};
use crate::domain::{CarePlan, Client, Deadline, LegalEpisode};
use crate::practice::CurrentPeriod;
use crate::ui::data::Seen;
use crate::ui::fit::wrap;
use crate::ui::theme::Theme;

/// The Summary tab's state: what it shows and the scroll.
#[derive(Debug, Clone)]
pub struct SummaryTab {
    /// The client.
    pub client: Client,
    /// Legal episodes, current first.
    pub episodes: Vec<LegalEpisode>,
    /// The current period of each open episode that ends unless renewed.
    pub periods: Vec<CurrentPeriod>,
    /// A closed case's closure summary and the retention rule applied.
    pub closure: Option<(String, Option<String>)>,
    /// Last seen, and whether a visit is overdue (from the loader).
    pub seen: Seen,
    /// The first open deadline (the list is open first).
    pub next_deadline: Option<Deadline>,
    /// The current care plan's next review.
    pub next_review: Option<NaiveDate>,
    /// How far the tab is scrolled.
    pub scroll: u16,
}

impl SummaryTab {
    /// The Summary of `client`, with nothing else loaded yet.
    #[must_use]
    pub fn new(client: Client) -> SummaryTab {
        SummaryTab {
            client,
            episodes: Vec::new(),
            periods: Vec::new(),
            closure: None,
            seen: Seen::default(),
            next_deadline: None,
            next_review: None,
            scroll: 0,
        }
    }

    /// Takes what the Summary shows from freshly loaded data (the
    /// deadlines and plans stay with their own tabs: the first open
    /// deadline and the next review are copied).
    pub fn fill(&mut self, data: SummaryData, deadlines: &[Deadline], plans: &[CarePlan]) {
        self.client = data.client;
        self.episodes = data.episodes;
        self.periods = data.periods;
        self.closure = data.closure;
        self.seen = data.seen;
        self.next_deadline = deadlines
            .iter()
            .find(|d| d.completed_on.is_none() && !d.cancelled)
            .cloned();
        self.next_review = plans.first().and_then(|p| p.next_review);
    }
}

/// What the loader gives the Summary alone.
#[derive(Debug, Clone)]
pub struct SummaryData {
    /// The client.
    pub client: Client,
    /// Legal episodes, current first.
    pub episodes: Vec<LegalEpisode>,
    /// The current period of each open episode.
    pub periods: Vec<CurrentPeriod>,
    /// A closed case's closure summary and the retention rule applied.
    pub closure: Option<(String, Option<String>)>,
    /// Last seen, the visits planned, the household.
    pub seen: Seen,
}

/// From this width the details and the status sit side by side.
const SIDE_BY_SIDE: u16 = 100;

impl Widget for Drawn<'_, SummaryTab> {
    /// The details and the status, side by side when there is room.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let (s, theme, now) = (self.tab, self.theme, self.now);
        let details = details(&s.client, now.date(), theme);
        let case = case(s, theme);
        let seen = seen(s, now.date(), theme);
        let lines = status(s, now, theme);
        // Continuations of a detail line sit under its value; of a status
        // line, under its text.
        let (detail_indent, status_indent) = (16, 2);
        if area.width >= SIDE_BY_SIDE {
            let [left, _, right] = Layout::horizontal([
                Constraint::Percentage(55),
                Constraint::Length(2),
                Constraint::Fill(1),
            ])
            .areas(area);
            let details = wrapped(&details, left.width, detail_indent);
            scrolled(details, left, frame, s.scroll, theme);
            let mut status = wrapped(&case, right.width, detail_indent);
            status.push(Line::default());
            status.extend(wrapped(&lines, right.width, status_indent));
            status.extend(wrapped(&seen, right.width, detail_indent));
            scrolled(status, right, frame, s.scroll, theme);
        } else {
            // One column: what matters at a glance (risk, legal status, what
            // is next) first, the details after it.
            let mut all = wrapped(&case, area.width, detail_indent);
            all.push(Line::default());
            all.extend(wrapped(&lines, area.width, status_indent));
            all.extend(wrapped(&seen, area.width, detail_indent));
            all.push(Line::default());
            all.extend(wrapped(&details, area.width, detail_indent));
            scrolled(all, area, frame, s.scroll, theme);
        }
    }
}

/// `lines` wrapped to `width`, continuations indented `indent`.
fn wrapped(lines: &[Line<'_>], width: u16, indent: usize) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|l| wrap(l, usize::from(width), indent))
        .collect()
}

/// Draws `rows` into `area` from row `scroll`; when more follow below, the
/// last row says so (nothing is cut off unseen).
fn scrolled(rows: Vec<Line<'static>>, area: Rect, frame: &mut Buffer, scroll: u16, theme: Theme) {
    let height = usize::from(area.height);
    let skip = usize::from(scroll).min(rows.len().saturating_sub(1));
    let below = rows.len().saturating_sub(skip + height);
    let mut shown: Vec<Line<'static>> = rows.into_iter().skip(skip).take(height).collect();
    if below > 0 && height > 0 {
        shown.pop();
        shown.push(Line::from(Span::styled(
            format!("↓ {} more below (↓ scrolls)", below + 1),
            theme.dim(),
        )));
    }
    Widget::render(Paragraph::new(shown), area, frame);
}
