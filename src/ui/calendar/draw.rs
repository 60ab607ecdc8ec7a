//! Drawing the Calendar screen: the month grid (two lines a day: the date
//! with its marks, then the counts) and the selected day's agenda, beside
//! the month on a wide terminal and below it on a narrow one.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{CalendarView, month_title};
use crate::domain::text::one_line;
use crate::domain::{AgendaItem, AgendaKind};
use crate::practice::CalendarDay;
use crate::privacy::{self, Kind};
use crate::ui::widgets::{take_left, take_top};

/// The narrowest a day's cell may be.
const MIN_CELL: u16 = 9;
/// The widest a day's cell needs to be.
const MAX_CELL: u16 = 14;
/// The narrowest agenda worth putting beside the month.
const MIN_SIDE: u16 = 56;

/// What the marks in a cell mean.
const LEGEND: &str =
    "* today  BH bank holiday  v visits planned  d deadlines, visits due  r reviews";

/// `s` on one line, cut to `n` characters (with … when cut) and padded.
fn fit(s: &str, n: usize) -> String {
    let s = one_line(s);
    if s.chars().count() <= n {
        return format!("{s:<n$}");
    }
    let cut: String = s.chars().take(n.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// "2v 1d 1r": only what is there.
fn counts_text(day: &CalendarDay) -> String {
    let c = day.counts;
    [(c.visits, "v"), (c.deadlines, "d"), (c.reviews, "r")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, l)| format!("{n}{l}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What kind of line it is, in a word or two.
fn kind_words(item: &AgendaItem) -> &'static str {
    match item.kind {
        AgendaKind::Visit if item.is_visit_due() => "Visit due",
        k => k.label(),
    }
}

impl CalendarView {
    fn cell_style(&self, day: &CalendarDay) -> (Style, Style) {
        let t = self.theme;
        let mut number = if !day.in_month {
            t.dim()
        } else if day.bank_holiday {
            t.warn()
        } else if day.weekend {
            t.dim()
        } else {
            t.text()
        };
        if day.date == self.today {
            number = t.focus().add_modifier(Modifier::BOLD);
        }
        let mut counts = if day.in_month { t.text() } else { t.dim() };
        if day.date == self.selected {
            let sel = if self.in_list {
                t.focus()
            } else {
                t.selected()
            };
            number = number.patch(sel);
            counts = counts.patch(sel);
        }
        (number, counts)
    }

    fn draw_grid(&self, area: Rect, buf: &mut Buffer, two_lines: bool) {
        let t = self.theme;
        let cell = (area.width / 7).clamp(MIN_CELL, MAX_CELL);
        let (head, rest) = take_top(area, 1);
        Paragraph::new(Line::from(vec![
            Span::styled(month_title(self.month), t.heading()),
            Span::styled("   PgUp/PgDn month · arrows day · Tab agenda", t.dim()),
        ]))
        .render(head, buf);
        let (names, mut rest) = take_top(rest, 1);
        for (i, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            .iter()
            .enumerate()
        {
            let x = names.x + cell * u16::try_from(i).unwrap_or(0);
            let style = if i >= 5 { t.dim() } else { t.heading() };
            buf.set_stringn(x + 1, names.y, name, usize::from(cell), style);
        }
        let per_week = if two_lines { 2 } else { 1 };
        for week in &self.grid {
            if rest.height < per_week {
                break;
            }
            let (row, below) = take_top(rest, per_week);
            rest = below;
            for (i, day) in week.iter().enumerate() {
                let x = row.x + cell * u16::try_from(i).unwrap_or(0);
                let w = cell.saturating_sub(1);
                let (number_style, counts_style) = self.cell_style(day);
                let mut top = format!("{:>3}", day.date.day());
                if day.date == self.today {
                    top.push('*');
                }
                if day.bank_holiday {
                    top.push_str(" BH");
                }
                let counts = counts_text(day);
                let line = if two_lines {
                    top
                } else {
                    format!("{top} {counts}")
                };
                let blank = " ".repeat(usize::from(w));
                buf.set_stringn(x, row.y, &blank, usize::from(w), number_style);
                buf.set_stringn(x, row.y, &line, usize::from(w), number_style);
                if two_lines {
                    buf.set_stringn(x, row.y + 1, &blank, usize::from(w), counts_style);
                    buf.set_stringn(x + 1, row.y + 1, &counts, usize::from(w) - 1, counts_style);
                }
            }
        }
        if rest.height > 0 {
            buf.set_stringn(rest.x, rest.y, LEGEND, usize::from(rest.width), t.dim());
        }
    }

    fn draw_day(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let mut heading = crate::dates::display::words_long(self.selected);
        if let Some(day) = self.selected_day() {
            if day.bank_holiday {
                heading.push_str(" · bank holiday");
            } else if day.weekend {
                heading.push_str(" · weekend");
            }
        }
        if self.selected == self.today {
            heading.push_str(" · today");
        }
        let items = self.day_items();
        let mut lines = vec![Line::from(Span::styled(heading, t.heading()))];
        if items.is_empty() {
            lines.push(Line::from(Span::styled("  Nothing on this day", t.dim())));
        }
        let room = usize::from(area.height.saturating_sub(1));
        let window = self
            .cursor
            .window(u16::try_from(room).unwrap_or(u16::MAX), items.len());
        let shown = window.len();
        for (i, item) in items.iter().enumerate().skip(window.start).take(shown) {
            let mut style = if item.done { t.dim() } else { t.text() };
            if self.in_list && i == self.cursor.selected {
                style = style.patch(t.selected());
            }
            let mark = match (self.in_list && i == self.cursor.selected, item.done) {
                (true, _) => "›",
                (false, true) => "✓",
                (false, false) => " ",
            };
            let text = format!(
                "{mark}{:<5} {:<9} {} {}",
                item.time.as_deref().unwrap_or(""),
                kind_words(item),
                fit(
                    &privacy::shown_opt(Kind::Name, item.client_name.as_deref(), t.privacy()),
                    18
                ),
                privacy::due_words(
                    item.kind.as_str(),
                    &item.what,
                    item.rule.is_some(),
                    t.privacy()
                )
            );
            lines.push(Line::from(Span::styled(text, style)));
        }
        let more = items.len().saturating_sub(window.end);
        if more > 0
            && let Some(last) = lines.last_mut()
        {
            *last = Line::from(Span::styled(
                format!("  +{more} more (Tab, then ↓)"),
                t.dim(),
            ));
        }
        Paragraph::new(lines).render(area, buf);
    }
}

impl Widget for &CalendarView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let weeks = u16::try_from(self.grid.len()).unwrap_or(6);
        let cell = (area.width / 7).clamp(MIN_CELL, MAX_CELL);
        let side = area.width >= 7 * MAX_CELL + MIN_SIDE;
        if side {
            let (grid, day) = take_left(area, 7 * cell);
            let two = grid.height > 2 + weeks * 2;
            self.draw_grid(grid, buf, two);
            let day = Rect {
                x: day.x + 1,
                width: day.width.saturating_sub(1),
                ..day
            };
            self.draw_day(day, buf);
        } else {
            // Below: the month takes what it needs, the day what is left
            // (at least a heading and two lines).
            let two = area.height >= 2 + weeks * 2 + 1 + 3;
            let grid_h = 2 + weeks * if two { 2 } else { 1 } + 1;
            let (grid, day) = take_top(area, grid_h.min(area.height.saturating_sub(3)));
            self.draw_grid(grid, buf, two);
            self.draw_day(day, buf);
        }
    }
}
