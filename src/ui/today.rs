//! The Today screen: what is overdue or due soon (most urgent first), this
//! week's contacts and reviews, clients not seen within their visiting
//! frequency, drafts not yet finalised, and a chart of the next 8 weeks.

use super::widgets::Draw as _;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Borders, List, ListItem, ListState, Paragraph,
};

use super::client::Tab;
use super::theme::Theme;
use super::widgets::{Cursor, take_bottom, take_right};
use crate::domain::text::one_line;
use crate::domain::{DueItem, DueKind};
use crate::store::{AgendaItem, Store};

/// How many days ahead "due soon" looks.
pub const DUE_WITHIN_DAYS: u32 = 14;

/// One line of the Today list.
#[derive(Debug, Clone, PartialEq)]
pub enum TodayRow {
    /// A section heading (not selectable).
    Heading(String),
    /// A quiet line saying a section is empty (not selectable).
    Empty(String),
    /// A deadline or action that is overdue or due soon.
    Due(DueItem),
    /// A contact or review this week.
    Visit(AgendaItem),
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
    },
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
}

/// The Today screen's data and selection.
#[derive(Debug, Clone, Default)]
pub struct TodayView {
    /// The day shown.
    pub today: Option<NaiveDate>,
    /// The rows, sections included.
    pub rows: Vec<TodayRow>,
    /// The selected row.
    pub cursor: Cursor,
    /// Deadlines and actions due in each of the next 8 weeks.
    pub chart: [u64; 8],
    /// Overdue count.
    pub overdue: usize,
}

impl TodayView {
    /// Loads everything the screen shows for `today`.
    pub fn load(store: &Store, today: NaiveDate) -> crate::store::Result<TodayView> {
        let mut rows = Vec::new();
        let (overdue_visits, due): (Vec<DueItem>, Vec<DueItem>) = store
            .due(today, DUE_WITHIN_DAYS)?
            .into_iter()
            .partition(|d| d.kind == DueKind::Visit && d.overdue);
        let overdue = due.iter().filter(|d| d.overdue).count();
        rows.push(TodayRow::Heading(format!(
            "Due — {overdue} overdue, {} in the next {DUE_WITHIN_DAYS} days",
            due.len() - overdue
        )));
        if due.is_empty() {
            rows.push(TodayRow::Empty("Nothing overdue or due soon".into()));
        }
        rows.extend(due.into_iter().map(TodayRow::Due));

        let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
        let sunday = monday + Days::new(6);
        let visits: Vec<AgendaItem> = store
            .agenda(monday, sunday)?
            .into_iter()
            .filter(|a| a.kind == "contact" || a.kind == "review")
            .collect();
        rows.push(TodayRow::Heading(format!(
            "This week's contacts and reviews ({})",
            visits.len()
        )));
        if visits.is_empty() {
            rows.push(TodayRow::Empty("None recorded this week yet".into()));
        }
        rows.extend(visits.into_iter().map(TodayRow::Visit));

        let summaries = store.client_summaries(true)?;
        let last_seen: std::collections::HashMap<i64, NaiveDate> = summaries
            .iter()
            .filter_map(|s| s.last_seen.map(|d| (s.client.id, d)))
            .collect();
        let unseen: Vec<TodayRow> = overdue_visits
            .into_iter()
            .map(|visit| TodayRow::Unseen {
                days: visit
                    .client_id
                    .and_then(|c| last_seen.get(&c))
                    .map(|d| (today - *d).num_days()),
                visit,
            })
            .collect();
        rows.push(TodayRow::Heading(format!(
            "Not seen within their visiting frequency ({})",
            unseen.len()
        )));
        if unseen.is_empty() {
            rows.push(TodayRow::Empty("Everyone has been seen on time".into()));
        }
        rows.extend(unseen);

        let names: std::collections::HashMap<i64, String> = summaries
            .iter()
            .map(|s| (s.client.id, s.client.display_name()))
            .collect();
        let drafts = store.drafts()?;
        rows.push(TodayRow::Heading(format!(
            "Drafts to finalise ({})",
            drafts.len()
        )));
        if drafts.is_empty() {
            rows.push(TodayRow::Empty("No drafts".into()));
        }
        rows.extend(drafts.into_iter().map(|n| TodayRow::Draft {
            note_id: n.id,
            client_id: n.client_id,
            name: names.get(&n.client_id).cloned().unwrap_or_default(),
            occurred: n.occurred_at,
        }));

        let mut chart = [0u64; 8];
        let end = today + Days::new(8 * 7 - 1);
        for a in store.agenda(today, end)? {
            if (a.kind == "deadline" || a.kind == "action" || a.kind == "review") && !a.done {
                let week = usize::try_from((a.date - today).num_days() / 7).unwrap_or(0);
                if let Some(slot) = chart.get_mut(week) {
                    *slot += 1;
                }
            }
        }
        let mut view = TodayView {
            today: Some(today),
            rows,
            cursor: Cursor::default(),
            chart,
            overdue,
        };
        view.first_selectable();
        Ok(view)
    }

    /// Keeps a previous selection where it still fits.
    pub fn keep_selection(&mut self, old: &TodayView) {
        self.cursor.selected = old.cursor.selected.min(self.rows.len().saturating_sub(1));
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
        match self.cursor.row_at(x, y, 0) {
            Some(i) if self.rows.get(i).is_some_and(TodayRow::selectable) => {
                self.cursor.selected = i;
                true
            }
            _ => false,
        }
    }

    /// Where the selected row leads.
    #[must_use]
    pub fn target(&self) -> Option<TodayTarget> {
        match self.rows.get(self.cursor.selected)? {
            // Deadlines and actions both live on the Deadlines tab.
            TodayRow::Due(d) => d.client_id.map(|c| TodayTarget::Client(c, Tab::Deadlines)),
            TodayRow::Visit(a) => {
                let tab = if a.kind == "review" {
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
            _ => None,
        }
    }

    /// Draws the screen.
    pub fn draw(&self, frame: &mut Buffer, area: Rect, theme: Theme) {
        let wide = area.width >= 100;
        let (list_area, chart_area) = if wide {
            take_right(area, 49)
        } else {
            take_bottom(area, 6)
        };
        self.draw_list(frame, list_area, theme);
        self.draw_chart(frame, chart_area, theme);
    }

    fn draw_list(&self, frame: &mut Buffer, area: Rect, theme: Theme) {
        let today = self.today.unwrap_or_default();
        let window = self.cursor.window(area.height, self.rows.len());
        let items: Vec<ListItem<'_>> = self.rows[window]
            .iter()
            .map(|r| ListItem::new(row_line(r, today, theme)))
            .collect();
        let mut state = ListState::default().with_selected(Some(self.cursor.selected_in_window()));
        let list = List::new(items).highlight_style(theme.selected());
        frame.render_stateful_widget(list, area, &mut state);
        self.cursor.remember(area);
    }

    fn draw_chart(&self, frame: &mut Buffer, area: Rect, theme: Theme) {
        let today = self.today.unwrap_or_default();
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(" Due in the next 8 weeks ", theme.heading()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 3 {
            let total: u64 = self.chart.iter().sum();
            frame.render_widget(Paragraph::new(format!("{total} due in 8 weeks")), inner);
            return;
        }
        let bar_w = ((inner.width + 1) / 8).saturating_sub(1).clamp(1, 5);
        let fmt = if bar_w >= 5 { "%d/%m" } else { "%d" };
        let bars: Vec<Bar<'_>> = self
            .chart
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let start = today + Days::new(7 * i as u64);
                Bar::default()
                    .value(*n)
                    .label(Line::from(start.format(fmt).to_string()))
                    .style(if i == 0 && self.overdue > 0 {
                        theme.danger()
                    } else {
                        theme.heading()
                    })
            })
            .collect();
        let chart = BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_w)
            .bar_gap(1);
        frame.render_widget(chart, inner);
    }
}

fn row_line(r: &TodayRow, today: NaiveDate, theme: Theme) -> Line<'static> {
    match r {
        TodayRow::Heading(h) => Line::from(Span::styled(h.clone(), theme.heading())),
        TodayRow::Empty(t) => Line::from(Span::styled(format!("  {t}"), theme.dim())),
        TodayRow::Due(d) => {
            let when = match d.days {
                -1 => "1 day overdue".to_string(),
                n if n < 0 => format!("{} days overdue", -n),
                0 => "due today".into(),
                1 => "due tomorrow".into(),
                n => format!("in {n} days"),
            };
            let style = if d.overdue {
                theme.danger()
            } else if d.days <= 2 {
                theme.warn()
            } else {
                theme.text()
            };
            let mut spans = vec![
                Span::styled(format!("  {:<16}", when), style),
                Span::raw(format!(" {} ", d.due.format("%d/%m"))),
                Span::styled(
                    format!("{:<20} ", one_line(d.client_name.as_deref().unwrap_or("—"))),
                    theme.text(),
                ),
                Span::styled(one_line(&d.what), style),
            ];
            if let Some(rule) = &d.rule {
                spans.push(Span::styled(format!("  [{}]", one_line(rule)), theme.dim()));
            }
            Line::from(spans)
        }
        TodayRow::Visit(a) => {
            let day = if a.date == today {
                "today".to_string()
            } else {
                a.date.format("%a %d/%m").to_string()
            };
            Line::from(vec![
                Span::raw(format!(
                    "  {:<10} {:<5} ",
                    day,
                    a.time.as_deref().unwrap_or("")
                )),
                Span::raw(format!(
                    "{:<20} ",
                    one_line(a.client_name.as_deref().unwrap_or("—"))
                )),
                Span::styled(
                    a.what
                        .parse::<crate::domain::NoteKind>()
                        .map_or_else(|_| one_line(&a.what), |k| k.label().to_string()),
                    theme.dim(),
                ),
            ])
        }
        TodayRow::Unseen { visit, days } => {
            let seen = match days {
                None => "never seen".to_string(),
                Some(0) => "last contact today".to_string(),
                Some(1) => "last contact yesterday".to_string(),
                Some(d) => format!("last contact {d} days ago"),
            };
            let late = match -visit.days {
                1 => "1 day overdue".to_string(),
                n => format!("{n} days overdue"),
            };
            Line::from(vec![
                Span::raw(format!(
                    "  {:<20} ",
                    one_line(visit.client_name.as_deref().unwrap_or("—"))
                )),
                Span::styled(format!("{late:<16} "), theme.danger()),
                Span::styled(format!("{seen} · "), theme.text()),
                Span::styled(one_line(&visit.what), theme.dim()),
            ])
        }
        TodayRow::Draft { name, occurred, .. } => Line::from(vec![
            Span::raw(format!("  {:<22} ", one_line(name))),
            Span::styled(
                format!("draft of {}", occurred.format("%a %d/%m %H:%M")),
                theme.warn(),
            ),
        ]),
    }
}
