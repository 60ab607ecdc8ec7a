//! Drawing a form: the fields scrolled so the focused one shows, labels
//! as wide as the longest, a typed date shown resolved beside its field, a
//! problem beside the field it concerns, and what the form's record says
//! (closing a case: what stops being tracked) under the fields.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::field::{FieldKind, date_use};
use super::form::Form;
use crate::dates;
use crate::ui::widgets::take_left;

impl Widget for &Form {
    /// Draws the form, scrolled so the focused field shows.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let theme = self.theme;
        // A title longer than the width is cut with "…", never mid-word
        // without a mark.
        let title = crate::ui::fit::fit_str(&self.title, usize::from(area.width).saturating_sub(4));
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Span::styled(format!(" {title} "), theme.heading()));
        let inner = block.inner(area);
        Widget::render(block, area, frame);
        if inner.height == 0 {
            return;
        }
        // Scroll so the focused field is inside the area.
        let fields = self.spec.fields();
        let tops: Vec<u16> = fields
            .iter()
            .scan(0u16, |y, f| {
                let t = *y;
                *y += f.height();
                Some(t)
            })
            .collect();
        let focus_top = tops.get(self.focus).copied().unwrap_or(0);
        let focus_h = fields.get(self.focus).map_or(1, |f| f.height());
        let mut off = self.offset.get();
        if focus_top < off {
            off = focus_top;
        } else if focus_top + focus_h > off + inner.height {
            off = (focus_top + focus_h).saturating_sub(inner.height);
        }
        self.offset.set(off);
        self.first_y.set(inner.y.saturating_sub(off));
        // Labels as wide as the longest (with its star and a space), up to
        // a third of the width; one longer than that ends in "…".
        let longest = fields
            .iter()
            .map(|f| {
                let star = f.required || matches!(f.kind, FieldKind::Date { required: true });
                crate::domain::cell::width(f.label) + usize::from(star) + 1
            })
            .max()
            .unwrap_or(0);
        let label_w = u16::try_from(longest)
            .unwrap_or(u16::MAX)
            .clamp(20, 26)
            .min(inner.width / 3);
        for (i, f) in fields.iter().enumerate() {
            let top = tops[i];
            if top < off || top + f.height() > off + inner.height {
                continue;
            }
            let y = inner.y + (top - off);
            let row = Rect::new(inner.x, y, inner.width, f.height());
            let (l, rest) = take_left(row, label_w);
            let style = if i == self.focus {
                theme.focus()
            } else {
                theme.dim()
            };
            let required = match f.kind {
                FieldKind::Date { required: true } => "*",
                _ if f.required => "*",
                _ => "",
            };
            let shown = crate::ui::fit::fit_str(
                &format!("{}{required}", f.label),
                usize::from(l.width.saturating_sub(1)),
            );
            Widget::render(Paragraph::new(Span::styled(shown, style)), l, frame);
            let input_w = match &f.kind {
                FieldKind::Long => rest.width.saturating_sub(22).max(rest.width.min(30)),
                // A choice as wide as its longest option ("‹ … ›" round it).
                FieldKind::Choice(opts) => {
                    let longest = opts
                        .iter()
                        .map(|o| crate::domain::cell::width(o) + 4)
                        .max()
                        .unwrap_or(0);
                    u16::try_from(longest)
                        .unwrap_or(u16::MAX)
                        .max(36)
                        .min(rest.width)
                }
                _ => rest.width.min(36),
            };
            let (inp, msg) = take_left(rest, input_w);
            match &f.kind {
                FieldKind::Choice(opts) => {
                    let label = opts.get(f.choice).map_or("", String::as_str);
                    let room = usize::from(inp.width).saturating_sub(4);
                    let label = crate::ui::fit::fit_str(label, room);
                    Widget::render(Paragraph::new(format!("‹ {label} ›")), inp, frame);
                }
                FieldKind::Check => {
                    Widget::render(
                        Paragraph::new(if f.checked { "[x] yes" } else { "[ ] no" }),
                        inp,
                        frame,
                    );
                }
                _ => match crate::privacy::field_kind(f.key) {
                    Some(kind) => f.input.draw_private(frame, inp, kind, theme.privacy()),
                    None => f.input.draw(frame, inp),
                },
            }
            let private = theme.privacy() && crate::privacy::field_kind(f.key).is_some();
            let note = if let Some(e) = &f.error {
                Span::styled(format!(" {e}"), theme.danger())
            } else if matches!(f.kind, FieldKind::Date { .. }) && !f.input.is_blank() && !private {
                match dates::resolve_date_for(&f.input.text(), self.today, date_use(f.key)) {
                    Ok(d) => Span::styled(format!(" → {}", d.shown()), theme.good()),
                    Err(e) => Span::styled(format!(" {e}"), theme.warn()),
                }
            } else if i == self.focus && matches!(f.kind, FieldKind::Choice(_)) {
                // How to change a choice, beside the one being chosen.
                Span::styled(" ←/→ or first letter", theme.dim())
            } else {
                Span::raw("")
            };
            // A long problem is cut with "…" (the status line has it whole).
            let note = crate::ui::fit::fit(Line::from(note), usize::from(msg.width));
            Widget::render(Paragraph::new(note), msg, frame);
        }
        // What the form's record says before saving (closing: what stops
        // being tracked), under the fields where there is room.
        let below = tops.last().copied().unwrap_or(0) + fields.last().map_or(0, |f| f.height()) + 1;
        let notes = self.spec.notes(theme.privacy());
        if !notes.is_empty() && below >= off && below - off < inner.height {
            let y = inner.y + (below - off);
            let area = Rect::new(inner.x, y, inner.width, inner.bottom() - y);
            let width = usize::from(area.width);
            let mut lines: Vec<Line<'static>> = notes
                .into_iter()
                .flat_map(|l| {
                    let indent = if l.starts_with("• ") { 2 } else { 0 };
                    crate::ui::fit::wrap(&Line::from(l), width, indent)
                })
                .map(|l| l.style(theme.dim()))
                .collect();
            // More than fits: say so rather than cut silently.
            let rows = usize::from(area.height);
            if lines.len() > rows && rows > 0 {
                let more = lines.len() - (rows - 1);
                lines.truncate(rows - 1);
                lines.push(Line::styled(format!("… {more} more lines"), theme.dim()));
            }
            Widget::render(Paragraph::new(lines), area, frame);
        }
    }
}
