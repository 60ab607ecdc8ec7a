//! The Deadlines tab: planned visits, deadlines (open first) and actions.
//! When a deadline is due and whether it is overdue are the domain's
//! (`Deadline::when`, `Deadline::is_overdue`), to the minute for a clock
//! counted in hours; a planned visit awaits its outcome once its time has
//! passed (`Visit::awaits_outcome`). `x` (or Enter) marks the selected row
//! done.

use chrono::NaiveDateTime;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget};

use super::Drawn;
use super::show::{deadline_what, empty, opt};
use crate::action::Action;
use crate::dates::display;
use crate::domain::text::one_line;
use crate::domain::{Action as Todo, Deadline, Visit};
use crate::privacy::{Kind, shown};
use crate::ui::fit::{columns, fit_str, wrap_within};
use crate::ui::forms;
use crate::ui::screen::{Effect, Write};
use crate::ui::theme::Theme;
use crate::ui::widgets::Cursor;

/// A row on the Deadlines tab: a deadline, an action or a planned visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueRow {
    /// Index into `deadlines`.
    Deadline(usize),
    /// Index into `actions`.
    Action(usize),
    /// Index into `planned`.
    Visit(usize),
}

/// The Deadlines tab's state: what is due and the selection.
#[derive(Debug, Clone, Default)]
pub struct DeadlinesTab {
    /// Deadlines, open first.
    pub deadlines: Vec<Deadline>,
    /// The client's actions, open first.
    pub actions: Vec<Todo>,
    /// Visits planned for the client (time passed or not), earliest first.
    pub planned: Vec<Visit>,
    /// The selected row.
    pub cursor: Cursor,
}

impl DeadlinesTab {
    /// Takes freshly loaded rows, keeping the selection in range.
    pub fn fill(&mut self, deadlines: Vec<Deadline>, actions: Vec<Todo>, planned: Vec<Visit>) {
        self.deadlines = deadlines;
        self.actions = actions;
        self.planned = planned;
        self.cursor.clamp(self.rows().len());
    }

    /// The rows: planned visits, deadlines, then actions.
    #[must_use]
    pub fn rows(&self) -> Vec<DueRow> {
        (0..self.planned.len())
            .map(DueRow::Visit)
            .chain((0..self.deadlines.len()).map(DueRow::Deadline))
            .chain((0..self.actions.len()).map(DueRow::Action))
            .collect()
    }

    /// The selected row.
    #[must_use]
    pub fn selected(&self) -> Option<DueRow> {
        self.rows().get(self.cursor.selected).copied()
    }

    /// The planned visit selected, if a visit is.
    #[must_use]
    pub fn selected_visit(&self) -> Option<&Visit> {
        match self.selected() {
            Some(DueRow::Visit(i)) => self.planned.get(i),
            _ => None,
        }
    }

    /// Moves the selection by `delta` (a page when `page`).
    pub fn step(&mut self, delta: isize, page: bool) {
        let len = self.rows().len();
        if page {
            self.cursor.page(delta > 0, len);
        } else {
            self.cursor.step(delta, len);
        }
    }

    /// Selects the row clicked; true when it was one.
    pub fn click(&mut self, x: u16, y: u16) -> bool {
        // As before the rooms: a click counts deadlines and actions only.
        let len = self.deadlines.len() + self.actions.len();
        match self.cursor.row_at(x, y, 1) {
            Some(i) if i < len => {
                self.cursor.selected = i;
                true
            }
            _ => false,
        }
    }

    /// What the tab's own keys do: `x` or Enter marks the selected row done.
    #[must_use]
    pub fn update(
        &self,
        action: Action,
        client_id: i64,
        theme: Theme,
        now: NaiveDateTime,
    ) -> Option<Vec<Effect>> {
        match action {
            Action::MarkDone | Action::Open => Some(self.mark_done(client_id, theme, now)),
            _ => None,
        }
    }

    /// Marks the selected deadline (asks for date and outcome), visit
    /// (asks what came of it) or action done.
    fn mark_done(&self, client_id: i64, theme: Theme, now: NaiveDateTime) -> Vec<Effect> {
        let today = now.date();
        match self.selected() {
            Some(DueRow::Visit(i)) => {
                let v = &self.planned[i];
                if !v.awaits_outcome(now) {
                    return vec![Effect::Info(
                        "Record what came of a visit once its time has passed (m moves it, X cancels it)"
                            .into(),
                    )];
                }
                let f = forms::visit::outcome(v.clone(), client_id, theme, today);
                vec![Effect::Push(f.into())]
            }
            Some(DueRow::Deadline(i)) => {
                let d = &self.deadlines[i];
                if d.completed_on.is_some() || d.cancelled {
                    return vec![Effect::Info("That deadline is already closed".into())];
                }
                vec![Effect::Push(forms::deadline_done(d, theme, today).into())]
            }
            Some(DueRow::Action(i)) => {
                let a = &self.actions[i];
                if a.done_on.is_some() {
                    return vec![Effect::Info("That action is already done".into())];
                }
                vec![Effect::Write(Box::new(Write::CompleteAction(a.id)))]
            }
            None => Vec::new(),
        }
    }
}

impl Widget for Drawn<'_, DeadlinesTab> {
    /// The rows as a table; the selected statutory deadline's rule below.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let (v, theme, now) = (self.tab, self.theme, self.now);
        let today = now.date();
        let rows_idx = v.rows();
        if rows_idx.is_empty() {
            empty(
                frame,
                area,
                "No deadlines or actions. Press a to add a deadline.",
                theme,
            );
            return;
        }
        let window = v
            .cursor
            .window(area.height.saturating_sub(1), rows_idx.len());
        let cells = |r: &DueRow| -> [(String, ratatui::style::Style); 4] {
            match *r {
                DueRow::Deadline(i) => {
                    let d = &v.deadlines[i];
                    let (state, style) = if let Some(done) = d.completed_on {
                        (format!("done {}", display::date(done)), theme.dim())
                    } else if d.cancelled {
                        ("cancelled".into(), theme.dim())
                    } else {
                        // When and whether overdue: the domain's, to the minute
                        // for a clock counted in hours.
                        let style = if d.is_overdue(now) {
                            theme.danger()
                        } else {
                            theme.text()
                        };
                        (d.when(now).left, style)
                    };
                    [
                        (d.when(now).at, theme.text()),
                        (deadline_what(d, theme.privacy()), style),
                        (state, style),
                        (opt(d.rule.as_ref()), theme.dim()),
                    ]
                }
                DueRow::Visit(i) => {
                    let p = &v.planned[i];
                    let waiting = p.awaits_outcome(now);
                    let (state, style) = if waiting {
                        ("outcome?".to_string(), theme.danger())
                    } else {
                        ("planned".to_string(), theme.text())
                    };
                    [
                        (
                            p.planned_at.map(display::date_time).unwrap_or_default(),
                            theme.text(),
                        ),
                        (
                            format!(
                                "Visit: {}",
                                match p.location.as_deref() {
                                    Some(place) => shown(Kind::Contact, place, theme.privacy()),
                                    None => p.kind.label().to_string(),
                                }
                            ),
                            style,
                        ),
                        (state, style),
                        ("D outcome · m move · X cancel".to_string(), theme.dim()),
                    ]
                }
                DueRow::Action(i) => {
                    let a = &v.actions[i];
                    let (state, style) = match (a.done_on, a.due) {
                        (Some(done), _) => (format!("done {}", display::date(done)), theme.dim()),
                        (None, Some(d)) if d < today => ("overdue".to_string(), theme.danger()),
                        _ => ("to do".to_string(), theme.text()),
                    };
                    [
                        (a.due.map(display::date).unwrap_or_default(), theme.text()),
                        (
                            format!(
                                "Action: {}",
                                crate::privacy::due_words(
                                    "action",
                                    &a.what,
                                    false,
                                    theme.privacy()
                                )
                            ),
                            style,
                        ),
                        (state, style),
                        (String::new(), theme.dim()),
                    ]
                }
            }
        };
        let header = ["Due", "What", "State", "Rule"];
        // Columns sized from every row's content; What takes the spare room and
        // anything cut ends in "…".
        let mut wants: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for r in &rows_idx {
            for (w, (c, _)) in wants.iter_mut().zip(cells(r)) {
                *w = (*w).max(Line::from(c).width());
            }
        }
        let widths = columns(usize::from(area.width), &wants, &[10, 16, 9, 8], 1, 1);
        let rows: Vec<Row<'_>> = rows_idx[window]
            .iter()
            .map(|r| {
                let shown: Vec<Cell<'_>> = cells(r)
                    .into_iter()
                    .zip(&widths)
                    .map(|((c, style), w)| Cell::from(Span::styled(fit_str(&c, *w), style)))
                    .collect();
                Row::new(shown)
            })
            .collect();
        let header = Row::new(header).style(theme.heading());
        let table = Table::new(
            rows,
            widths
                .iter()
                .map(|w| Constraint::Length(u16::try_from(*w).unwrap_or(u16::MAX))),
        )
        .header(header)
        .row_highlight_style(theme.selected());
        // The selected statutory deadline shows its rule and citation below.
        let detail = match v.selected() {
            Some(DueRow::Deadline(i)) => rule_detail(&v.deadlines[i], theme),
            _ => None,
        };
        match detail {
            Some(text) if area.height > 6 => {
                let [top, bottom] =
                    ratatui::layout::Layout::vertical([Constraint::Min(3), Constraint::Length(2)])
                        .areas(area);
                v.cursor.render_table(frame, top, table, 1);
                let rows = wrap_within(&[text], usize::from(bottom.width), 2, 2);
                Widget::render(Paragraph::new(rows), bottom, frame);
            }
            _ => v.cursor.render_table(frame, area, table, 1),
        }
    }
}

/// "Rule mha-s3-expiry · Mental Health Act 1983 s20…" for a generated deadline.
fn rule_detail(d: &crate::domain::Deadline, theme: Theme) -> Option<Line<'static>> {
    let rule = d.rule.as_deref()?;
    let mut spans = vec![
        Span::styled("Rule ", theme.dim()),
        Span::raw(one_line(rule)),
    ];
    if let Some(src) = d.source.as_deref() {
        spans.push(Span::styled(" · ", theme.dim()));
        spans.push(Span::raw(one_line(src)));
    }
    Some(Line::from(spans))
}
