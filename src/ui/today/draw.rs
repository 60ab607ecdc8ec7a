//! Drawing the Today screen. Every section stays on screen at 80×24: each
//! gets a bounded share of the rows (Due most, the others at least a few,
//! with "+N more" when cut), the section holding the selection scrolls
//! within its share (and takes rows from Due while it holds the selection),
//! and text too long for the width ends in "…".

use chrono::{Days, NaiveDate, NaiveDateTime};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};

use super::detail::{detail, when};
use super::{TodayRow, TodayView};
use crate::dates::display;
use crate::domain::text::{count, due_words, one_line};
use crate::privacy;
use crate::ui::fit::{fit, wrap_within};
use crate::ui::theme::Theme;
use crate::ui::widgets::{take_bottom, take_right};

/// Item rows every section after Due is given before Due takes the rest:
/// more on a taller screen (2 at 80×24: one row and "+N more").
fn min_section_rows(height: usize) -> usize {
    match height {
        0..20 => 2,
        20..30 => 3,
        _ => 4,
    }
}

impl Widget for &TodayView {
    fn render(self, area: Rect, frame: &mut Buffer) {
        let theme = self.theme;
        // The chart shrinks before the text does: beside the list it takes
        // what is left of the width after 90 columns (at least 26); under
        // it, bars when the list still fits whole or the screen is tall,
        // else one line of counts.
        let detail_h = match area.height {
            0..18 => 3,
            18..30 => 5,
            _ => 6,
        };
        let whole = self.rows.len() + usize::from(detail_h) + 6 <= usize::from(area.height);
        let (main, chart_area) = if area.width >= 100 {
            take_right(area, area.width.saturating_sub(90).clamp(26, 49))
        } else if area.height >= 30 || whole {
            take_bottom(area, 6)
        } else {
            take_bottom(area, 1)
        };
        let (list_area, detail_area) = take_bottom(main, detail_h);
        self.draw_list(frame, list_area, theme);
        self.draw_detail(frame, detail_area, theme);
        self.draw_chart(frame, chart_area, theme);
    }
}

impl TodayView {
    fn draw_list(&self, frame: &mut Buffer, area: Rect, theme: Theme) {
        let today = self.today.unwrap_or_default();
        let lines = self.visible_lines(usize::from(area.height));
        let width = usize::from(area.width);
        for (y, line) in lines.iter().enumerate() {
            let Ok(dy) = u16::try_from(y) else { break };
            let rect = Rect::new(area.x, area.y + dy, area.width, 1);
            let text = match line {
                Some(Shown::Row(i)) => self
                    .rows
                    .get(*i)
                    .map(|r| row_line(r, self.now, today, theme)),
                Some(Shown::More(n)) => Some(Line::from(Span::styled(
                    format!("  +{n} more"),
                    theme.dim(),
                ))),
                Some(Shown::HeadingMore(i, n)) => self.rows.get(*i).map(|r| {
                    let mut l = row_line(r, self.now, today, theme);
                    l.spans
                        .push(Span::styled(format!("  +{n} more"), theme.dim()));
                    l
                }),
                None => None,
            };
            if let Some(text) = text {
                Widget::render(Paragraph::new(fit(text, width)), rect, frame);
            }
            if matches!(line, Some(Shown::Row(i)) if *i == self.cursor.selected) {
                frame.set_style(rect, theme.selected());
            }
        }
        let map = lines
            .iter()
            .map(|l| match l {
                Some(Shown::Row(i)) => Some(*i),
                _ => None,
            })
            .collect();
        *self.drawn.borrow_mut() = (area, map);
        self.cursor.remember(area);
    }

    /// What each of `height` lines shows.
    fn visible_lines(&self, height: usize) -> Vec<Option<Shown>> {
        let mut sections = self.sections();
        let mut needs: Vec<usize> = sections.iter().map(|(h, e)| e - h - 1).collect();
        let focus = sections
            .iter()
            .position(|(h, e)| (*h..*e).contains(&self.cursor.selected))
            .unwrap_or(0);
        // A closing notice with no rows (the CPD line) is shown only when
        // every other section fits whole with a line to spare: it never
        // takes a line from them (the allocation keeps one line in hand).
        if sections.len() > 1 && needs.last() == Some(&0) {
            let rest: usize = needs[..needs.len() - 1].iter().map(|n| n + 1).sum();
            if rest + 2 > height {
                sections.pop();
                needs.pop();
            }
        }
        let focus = focus.min(sections.len().saturating_sub(1));
        let Some(alloc) = allocate(&needs, height, focus) else {
            // Too short for every section: one scrolling list.
            let height = u16::try_from(height).unwrap_or(u16::MAX);
            return self
                .cursor
                .window(height, self.rows.len())
                .map(|i| Some(Shown::Row(i)))
                .collect();
        };
        let mut out = Vec::with_capacity(height);
        for ((h, e), a) in sections.iter().zip(alloc) {
            let (first, n) = (h + 1, e - h - 1);
            // One row only: the heading says how many more there are.
            if a == 1 && n > 1 {
                out.push(Some(Shown::HeadingMore(*h, n - 1)));
            } else {
                out.push(Some(Shown::Row(*h)));
            }
            if n <= a {
                out.extend((first..*e).map(|i| Some(Shown::Row(i))));
                continue;
            }
            let shown = if a >= 2 { a - 1 } else { a };
            let pos = self.cursor.selected.checked_sub(first).filter(|p| *p < n);
            let off = pos.map_or(0, |p| (p + 1).saturating_sub(shown));
            out.extend((first + off..first + off + shown).map(|i| Some(Shown::Row(i))));
            if a >= 2 {
                out.push(Some(Shown::More(n - shown)));
            }
        }
        out.resize(height, None);
        out
    }

    /// The selected row in full, wrapped; the last row that fits ends in
    /// "…" when there is more.
    fn draw_detail(&self, frame: &mut Buffer, area: Rect, theme: Theme) {
        let block = Block::new()
            .borders(Borders::TOP)
            .border_style(theme.dim())
            .title(Span::styled(" Selected ", theme.dim()));
        let inner = block.inner(area);
        Widget::render(block, area, frame);
        let today = self.today.unwrap_or_default();
        let width = usize::from(inner.width);
        let Some(row) = self.rows.get(self.cursor.selected) else {
            return;
        };
        let rows = wrap_within(
            &detail(row, self.now, today, theme),
            width,
            usize::from(inner.height),
            2,
        );
        Widget::render(Paragraph::new(rows), inner, frame);
    }

    fn draw_chart(&self, frame: &mut Buffer, area: Rect, theme: Theme) {
        let today = self.today.unwrap_or_default();
        if area.height <= 2 {
            let counts: Vec<String> = self.chart.iter().map(ToString::to_string).collect();
            let line = Line::from(vec![
                Span::styled("Due in the next 8 weeks, week by week: ", theme.heading()),
                Span::raw(counts.join(" · ")),
            ]);
            Widget::render(
                Paragraph::new(fit(line, usize::from(area.width))),
                area,
                frame,
            );
            return;
        }
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(" Due in the next 8 weeks ", theme.heading()));
        let inner = block.inner(area);
        Widget::render(block, area, frame);
        if inner.height < 3 {
            let total: u64 = self.chart.iter().sum();
            Widget::render(
                Paragraph::new(format!("{total} due in 8 weeks")),
                inner,
                frame,
            );
            return;
        }
        let bar_w = ((inner.width + 1) / 8).saturating_sub(1).clamp(1, 5);
        let bars: Vec<Bar<'_>> = self
            .chart
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let start = today + Days::new(7 * i as u64);
                Bar::default()
                    .value(*n)
                    .label(Line::from(display::chart_label(start, usize::from(bar_w))))
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
        Widget::render(chart, inner, frame);
    }
}

/// One line of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// A row of [`TodayView::rows`].
    Row(usize),
    /// "+N more" rows of a section that did not fit.
    More(usize),
    /// A section heading with "+N more" after it (its section has one row).
    HeadingMore(usize, usize),
}

/// Item rows for each section (`needs[i]` rows wanted, heading not
/// counted) in `height` lines, or `None` when not every section fits with
/// its heading and one row. Every section is given up to
/// [`min_section_rows`]; then the section holding the selection (`focus`)
/// what it needs, then the first (Due), then the others in order.
fn allocate(needs: &[usize], height: usize, focus: usize) -> Option<Vec<usize>> {
    let k = needs.len();
    let mut avail = height.checked_sub(2 * k)?;
    let mut alloc = vec![1; k];
    let mut give = |alloc: &mut Vec<usize>, i: usize, upto: usize| {
        let add = upto.saturating_sub(alloc[i]).min(avail);
        alloc[i] += add;
        avail -= add;
    };
    let min = min_section_rows(height);
    for (i, need) in needs.iter().enumerate().skip(1) {
        give(&mut alloc, i, (*need).min(min));
    }
    if let Some(need) = needs.first() {
        give(&mut alloc, 0, (*need).min(min));
    }
    if let Some(need) = needs.get(focus) {
        give(&mut alloc, focus, *need);
    }
    for (i, need) in needs.iter().enumerate() {
        give(&mut alloc, i, *need);
    }
    Some(alloc)
}

/// A client's name in a Today row: initials in privacy mode.
fn name(n: Option<&str>, theme: Theme) -> String {
    privacy::shown_opt(privacy::Kind::Name, n, theme.privacy())
}

fn row_line(
    r: &TodayRow,
    now: Option<NaiveDateTime>,
    today: NaiveDate,
    theme: Theme,
) -> Line<'static> {
    match r {
        TodayRow::Heading(h) => Line::from(Span::styled(h.clone(), theme.heading())),
        TodayRow::Empty(t) => Line::from(Span::styled(format!("  {t}"), theme.dim())),
        TodayRow::Due(d, _) => {
            let when = when(d, now);
            let style = if d.overdue {
                theme.danger()
            } else if d.days <= 2 {
                theme.warn()
            } else {
                theme.text()
            };
            let mut spans = vec![
                Span::styled(format!("  {when:<16}"), style),
                Span::raw(format!(" {} ", display::short(d.due))),
                Span::styled(
                    format!("{:<20} ", name(d.client_name.as_deref(), theme)),
                    theme.text(),
                ),
                Span::styled(
                    privacy::due_words(d.kind.as_str(), &d.what, d.rule.is_some(), theme.privacy()),
                    style,
                ),
            ];
            if let Some(owner) = &d.owner {
                spans.push(Span::styled(
                    format!(
                        "  (owner: {})",
                        privacy::shown(privacy::Kind::Name, owner, theme.privacy())
                    ),
                    theme.dim(),
                ));
            }
            if let Some(rule) = &d.rule {
                spans.push(Span::styled(format!("  [{}]", one_line(rule)), theme.dim()));
            }
            Line::from(spans)
        }
        TodayRow::Visit(a) => {
            let day = if a.date == today {
                "today".to_string()
            } else {
                display::short_day(a.date)
            };
            // "today" and the dates line up whatever the date style.
            let w = display::short_day(today).chars().count() + 1;
            Line::from(vec![
                Span::raw(format!(
                    "  {:<w$} {:<5} ",
                    day,
                    a.time.as_deref().unwrap_or("")
                )),
                Span::raw(format!("{:<20} ", name(a.client_name.as_deref(), theme))),
                Span::styled(
                    a.what.parse::<crate::domain::NoteKind>().map_or_else(
                        |_| {
                            privacy::due_words(
                                a.kind.as_str(),
                                &a.what,
                                a.rule.is_some(),
                                theme.privacy(),
                            )
                        },
                        |k| k.label().to_string(),
                    ),
                    theme.dim(),
                ),
            ])
        }
        TodayRow::Planned(v) => {
            let waiting = now.is_some_and(|n| v.awaits_outcome(n));
            let when = v
                .planned_at
                .map(display::short_day_time)
                .unwrap_or_default();
            let who = v
                .people
                .iter()
                .map(|p| name(Some(&p.name), theme))
                .collect::<Vec<_>>()
                .join(", ");
            let (flag, style) = if waiting {
                ("outcome? ", theme.danger())
            } else {
                ("", theme.text())
            };
            Line::from(vec![
                Span::raw(format!("  {when}  ")),
                Span::styled(flag.to_string(), style),
                Span::raw(format!("{who} ")),
                Span::styled(
                    match v.location.as_deref() {
                        Some(place) => {
                            privacy::shown(privacy::Kind::Contact, place, theme.privacy())
                        }
                        None => v.kind.label().to_string(),
                    },
                    theme.dim(),
                ),
            ])
        }
        TodayRow::Unseen { visit, days } => {
            let seen = match days {
                None => "never seen".to_string(),
                Some(0) => "last seen today".to_string(),
                Some(1) => "last seen yesterday".to_string(),
                Some(d) => format!("last seen {} ago", count(*d, "day")),
            };
            let late = due_words(visit.days);
            Line::from(vec![
                Span::raw(format!(
                    "  {:<20} ",
                    name(visit.client_name.as_deref(), theme)
                )),
                Span::styled(format!("{late:<16} "), theme.danger()),
                Span::styled(format!("{seen} · "), theme.text()),
                Span::styled(one_line(&visit.what), theme.dim()),
            ])
        }
        TodayRow::Draft {
            name,
            occurred,
            days_left,
            ..
        } => {
            let (left, style) = countdown(*days_left, theme);
            Line::from(vec![
                Span::raw(format!("  {:<20} ", self::name(Some(name), theme))),
                Span::styled(
                    format!("{}  ", display::short_day_time(*occurred)),
                    theme.text(),
                ),
                Span::styled(left, style),
            ])
        }
        TodayRow::Retention(r) => retention_line(r, theme),
    }
}

/// A retention review row: who, and since when it has been due.
fn retention_line(r: &crate::domain::closure::RetentionDue, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::raw(format!("  {:<20} ", name(Some(&r.name), theme))),
        Span::styled(
            format!(
                "review due since {}",
                crate::dates::display::date(r.retain_until)
            ),
            theme.warn(),
        ),
        Span::styled(" · closed case", theme.dim()),
    ])
}

/// "finalise within 2 working days" / "finalise today" / "late by 1
/// working day", from the late-entry rule's working days left.
pub(super) fn countdown_words(days_left: i64) -> String {
    match days_left {
        n if n < 0 => format!("late by {}", count(-n, "working day")),
        0 => "finalise today".into(),
        n => format!("finalise within {}", count(n, "working day")),
    }
}

/// [`countdown_words`] with its colour.
fn countdown(days_left: i64, theme: Theme) -> (String, Style) {
    let style = match days_left {
        n if n < 0 => theme.danger(),
        0 | 1 => theme.warn(),
        _ => theme.text(),
    };
    (countdown_words(days_left), style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_gets_rows_and_due_the_rest() {
        // 16 lines (80×24), 4 sections: 40 due, 12 visits, 5 unseen, 1 draft.
        let a = allocate(&[40, 12, 5, 1], 16, 0).unwrap();
        assert_eq!(a, vec![7, 2, 2, 1]);
        assert_eq!(a.iter().sum::<usize>() + 4, 16);
        // With the selection in this week's contacts, that section grows
        // and Due keeps its minimum.
        assert_eq!(allocate(&[40, 12, 5, 1], 16, 1).unwrap(), vec![2, 7, 2, 1]);
        // Taller: the others keep more rows.
        assert_eq!(allocate(&[40, 12, 5, 1], 38, 0).unwrap(), vec![25, 4, 4, 1]);
        // Spare room after Due is satisfied goes to the others.
        assert_eq!(allocate(&[2, 12, 5, 1], 20, 0).unwrap(), vec![2, 10, 3, 1]);
        // Too short for a heading and a row each.
        assert_eq!(allocate(&[3, 3, 3, 3], 7, 0), None);
        assert_eq!(allocate(&[3, 3, 3, 3], 8, 0).unwrap(), vec![1, 1, 1, 1]);
    }

    #[test]
    fn a_section_cut_to_one_row_counts_the_rest_on_its_heading() {
        let mut view = TodayView::default();
        for s in 0..4 {
            view.rows.push(TodayRow::Heading(format!("Section {s}")));
            for i in 0..5 {
                view.rows.push(TodayRow::Empty(format!("item {i}")));
            }
        }
        let lines = view.visible_lines(8);
        let heads: Vec<_> = lines
            .iter()
            .filter(|l| matches!(l, Some(Shown::HeadingMore(_, 4))))
            .collect();
        assert_eq!(heads.len(), 4, "{lines:?}");
    }
}
