//! Drawing the Caseload table: the filter line with the counts, then the
//! rows, columns sized from what they hold.

use chrono::NaiveDateTime;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Widget};

use super::{CaseloadView, Column};
use crate::domain::text::one_line;
use crate::domain::{CaseStatus, ClientSummary};
use crate::privacy::{Kind, client_name, shown};
use crate::ui::fit::{columns, fit_str};

/// A row's cells, left to right as [`Column::ALL`] (`on`: privacy mode).
fn cells(s: &ClientSummary, on: bool, now: NaiveDateTime) -> [String; 7] {
    let c = &s.client;
    [
        format!(
            "{}{}",
            if c.alerts.is_empty() { "" } else { "⚠ " },
            client_name(c, on)
        ),
        shown(Kind::RecordNo, c.record_no.as_deref().unwrap_or(""), on),
        c.status.label().to_string(),
        // Short names ("s3", "CTO") rather than the stored ids (issue 26).
        one_line(
            &s.frameworks
                .iter()
                .map(|f| {
                    f.parse::<crate::domain::EpisodeKind>()
                        .map_or(f.as_str(), |k| k.short())
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        c.risk.label().to_string(),
        s.next_when(now).map(|w| w.at).unwrap_or_default(),
        s.last_seen
            .map(crate::dates::display::date)
            .unwrap_or_default(),
    ]
}

impl Widget for &CaseloadView {
    /// Draws the filter line and the table.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let theme = self.theme;
        let (top, table_area) = crate::ui::widgets::take_top(area, 1);
        let counts = format!(
            "{} of {} clients{} · sorted by {}{}",
            self.rows.len(),
            self.all.len(),
            if self.show_closed {
                " (closed shown)"
            } else {
                ""
            },
            self.sort.title().to_lowercase(),
            if self.descending { " ↓" } else { "" }
        );
        let filter = if self.filtering || !self.filter.is_empty() {
            let cursor = if self.filtering { "▏" } else { "" };
            vec![
                Span::styled("Filter: ", theme.key()),
                Span::styled(
                    format!(
                        "{}{cursor}",
                        shown(Kind::Typed, &self.filter, theme.privacy())
                    ),
                    theme.input(),
                ),
                Span::raw("  "),
                Span::styled(counts, theme.dim()),
            ]
        } else {
            vec![Span::styled(counts, theme.dim())]
        };
        Widget::render(Paragraph::new(Line::from(filter)), top, frame);

        let now = self.now();
        let on = theme.privacy();
        // Columns sized from what they hold (every client, not only those
        // in view, so they do not jump while scrolling or filtering) and the
        // width; the name takes the spare room and a cut value ends in "…".
        let mut wants: Vec<usize> = Column::ALL
            .iter()
            .map(|c| c.title().chars().count() + 1)
            .collect();
        for s in self.all.iter() {
            for (w, c) in wants.iter_mut().zip(cells(s, on, now)) {
                *w = (*w).max(Line::from(c).width());
            }
        }
        // The name is what the practitioner reads: the other columns give
        // way to their minimum before it drops below 22 cells.
        let mut mins = Column::ALL.map(Column::min_width);
        let others: usize = mins[1..].iter().sum::<usize>() + mins.len() - 1;
        mins[0] = usize::from(table_area.width)
            .saturating_sub(others)
            .min(wants[0].min(22))
            .max(mins[0]);
        let widths = columns(usize::from(table_area.width), &wants, &mins, 1, 0);
        let header = Row::new(Column::ALL.iter().zip(&widths).map(|(c, w)| {
            let mark = if *c == self.sort {
                if self.descending { "↓" } else { "↑" }
            } else {
                ""
            };
            fit_str(&format!("{}{mark}", c.title()), *w)
        }))
        .style(theme.heading());
        let window = self
            .cursor
            .window(table_area.height.saturating_sub(1), self.rows.len());
        let rows: Vec<Row<'_>> = self.rows[window]
            .iter()
            .map(|i| {
                let s = &self.all[*i];
                let c = &s.client;
                let styles = [
                    if c.alerts.is_empty() {
                        theme.text()
                    } else {
                        theme.danger()
                    },
                    theme.text(),
                    if c.status == CaseStatus::Closed {
                        theme.dim()
                    } else {
                        theme.text()
                    },
                    theme.text(),
                    theme.risk(c.risk),
                    if s.next_when(now).is_some_and(|w| w.overdue) {
                        theme.danger()
                    } else {
                        theme.text()
                    },
                    theme.text(),
                ];
                Row::new(
                    cells(s, on, now)
                        .iter()
                        .zip(&widths)
                        .zip(styles)
                        .map(|((text, w), style)| {
                            Cell::from(Span::styled(fit_str(text, *w), style))
                        })
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        if rows.is_empty() {
            let msg = if self.all.is_empty() {
                "No clients yet. Press N to add one."
            } else {
                "No client matches the filter."
            };
            Widget::render(
                Paragraph::new(vec![
                    Line::from(Span::styled(
                        Column::ALL.map(Column::title).join("  "),
                        theme.heading(),
                    )),
                    Line::from(Span::styled(msg, theme.dim())),
                ]),
                table_area,
                frame,
            );
            return;
        }
        let table = Table::new(
            rows,
            widths
                .iter()
                .map(|w| Constraint::Length(u16::try_from(*w).unwrap_or(u16::MAX))),
        )
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected());
        self.cursor.render_table(frame, table_area, table, 1);
    }
}
