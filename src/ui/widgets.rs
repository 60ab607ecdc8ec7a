//! Pieces shared by several screens: a scrolling row cursor, the client
//! header with alerts and risk, centred popups, a labelled input line.

use std::cell::Cell;

use ratatui::buffer::Buffer;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Row, StatefulWidget, Table, TableState};

use super::theme::Theme;
use crate::domain::Client;
use crate::domain::text::one_line;

/// Which row is selected in a list, and (a render cache written while
/// drawing) where the list was drawn and how far it was scrolled, so that a
/// mouse click can be mapped back to a row.
#[derive(Debug, Default, Clone)]
pub struct Cursor {
    /// The selected row.
    pub selected: usize,
    offset: Cell<usize>,
    area: Cell<Rect>,
    page: Cell<usize>,
}

impl Cursor {
    /// Moves by `delta` rows within `len`.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let max = len - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(max);
    }

    /// Moves one page.
    pub fn page(&mut self, down: bool, len: usize) {
        let p = isize::try_from(self.page.get().max(1)).unwrap_or(1);
        self.step(if down { p } else { -p }, len);
    }

    /// Keeps the selection inside a list that may have shrunk.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// The row under screen position (`x`, `y`), if a row was drawn there.
    #[must_use]
    pub fn row_at(&self, x: u16, y: u16, header_rows: u16) -> Option<usize> {
        let a = self.area.get();
        if x < a.x || x >= a.right() || y < a.y + header_rows || y >= a.bottom() {
            return None;
        }
        Some(self.offset.get() + usize::from(y - a.y - header_rows))
    }

    /// The rows to build for a list of `len` rows shown in `height` rows:
    /// only the visible ones are built and drawn, so a 2,000-row table
    /// costs what a screenful does. Keeps the selection in view.
    #[must_use]
    pub fn window(&self, height: u16, len: usize) -> std::ops::Range<usize> {
        let h = usize::from(height).max(1);
        let mut off = self.offset.get().min(len.saturating_sub(1));
        if self.selected < off {
            off = self.selected;
        } else if self.selected >= off + h {
            off = self.selected + 1 - h;
        }
        self.offset.set(off);
        off..(off + h).min(len).max(off)
    }

    /// The selection's position inside the window last computed.
    #[must_use]
    pub fn selected_in_window(&self) -> usize {
        self.selected.saturating_sub(self.offset.get())
    }

    /// Draws a table built from the rows of [`Cursor::window`], remembering
    /// where it was drawn (for clicks) and the page height.
    pub fn render_table(&self, frame: &mut Buffer, area: Rect, table: Table<'_>, header_rows: u16) {
        let mut state = TableState::default().with_selected(Some(self.selected_in_window()));
        StatefulWidget::render(table, area, frame, &mut state);
        self.area.set(area);
        self.page
            .set(usize::from(area.height.saturating_sub(header_rows)).max(1));
    }

    /// Remembers where a list built from [`Cursor::window`] was drawn.
    pub fn remember(&self, area: Rect) {
        self.area.set(area);
        self.page.set(usize::from(area.height).max(1));
    }
}

/// The two header lines shown above every client tab: name, pronouns,
/// record number, risk; then alerts in red.
#[must_use]
pub fn client_header(c: &Client, theme: Theme) -> Vec<Line<'static>> {
    let on = theme.privacy();
    let mut first = vec![Span::styled(
        crate::privacy::client_name(c, on),
        theme.heading(),
    )];
    if let Some(p) = &c.pronouns {
        first.push(Span::styled(format!(" ({})", one_line(p)), theme.dim()));
    }
    if let Some(r) = &c.record_no {
        let r = crate::privacy::shown(crate::privacy::Kind::RecordNo, r, on);
        first.push(Span::raw(format!("  #{r}")));
    }
    first.push(Span::raw("  Risk: "));
    first.push(Span::styled(
        c.risk.label().to_uppercase(),
        theme.risk(c.risk),
    ));
    if let Some(d) = c.risk_reviewed_on {
        first.push(Span::styled(
            format!(" (reviewed {})", crate::dates::display::date(d)),
            theme.dim(),
        ));
    }
    if c.status == crate::domain::CaseStatus::Closed {
        first.push(Span::styled("  CLOSED", theme.warn()));
    }
    let second = if c.alerts.is_empty() {
        Line::from(Span::styled("No alerts", theme.dim()))
    } else {
        let text = c
            .alerts
            .iter()
            .map(|a| crate::privacy::shown(crate::privacy::Kind::Text("alert"), a, on))
            .collect::<Vec<_>>()
            .join(" · ");
        Line::from(Span::styled(format!("⚠ {text}"), theme.danger()))
    };
    vec![Line::from(first), second]
}

/// A rectangle of at most `w`×`h` centred in `area`.
#[must_use]
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

// Plain rectangle arithmetic for the fixed splits every screen makes: the
// constraint solver costs far more, and these never need it.

/// Splits off the top `h` rows: (top, rest).
#[must_use]
pub fn take_top(area: Rect, h: u16) -> (Rect, Rect) {
    let h = h.min(area.height);
    (
        Rect::new(area.x, area.y, area.width, h),
        Rect::new(area.x, area.y + h, area.width, area.height - h),
    )
}

/// Splits off the bottom `h` rows: (rest, bottom).
#[must_use]
pub fn take_bottom(area: Rect, h: u16) -> (Rect, Rect) {
    let h = h.min(area.height);
    (
        Rect::new(area.x, area.y, area.width, area.height - h),
        Rect::new(area.x, area.y + area.height - h, area.width, h),
    )
}

/// Splits off the left `w` columns: (left, rest).
#[must_use]
pub fn take_left(area: Rect, w: u16) -> (Rect, Rect) {
    let w = w.min(area.width);
    (
        Rect::new(area.x, area.y, w, area.height),
        Rect::new(area.x + w, area.y, area.width - w, area.height),
    )
}

/// Splits off the right `w` columns: (rest, right).
#[must_use]
pub fn take_right(area: Rect, w: u16) -> (Rect, Rect) {
    let w = w.min(area.width);
    (
        Rect::new(area.x, area.y, area.width - w, area.height),
        Rect::new(area.x + area.width - w, area.y, w, area.height),
    )
}

/// A table row of plain cells, each sanitised to one line.
#[must_use]
pub fn plain_row<const N: usize>(cells: [String; N]) -> Row<'static> {
    Row::new(cells.map(|c| one_line(&c)))
}
