//! Help: the keys for the mode it was opened from, generated from the live
//! keymap so it can never disagree with what the keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use std::cell::Cell;

use super::fit::wrap;
use super::theme::Theme;
use super::widgets::centered;
use crate::keymap::{Keymap, Mode};

/// The help popup; `mode` is the mode of the screen it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpView {
    /// The mode whose keys are shown.
    pub mode: Mode,
    /// Lines scrolled.
    pub scroll: u16,
    /// How far it could scroll at the last draw (the rows that did not fit).
    max: Cell<u16>,
    /// Rows shown at the last draw (one page).
    page: Cell<u16>,
}

/// The help text for `mode`, as lines (also used by tests).
#[must_use]
pub fn lines(keymap: &Keymap, mode: Mode, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let section = |m: Mode, out: &mut Vec<Line<'static>>| {
        let b = keymap.bindings(m);
        if b.is_empty() {
            return;
        }
        out.push(Line::from(Span::styled(
            m.title().to_string(),
            theme.heading(),
        )));
        for (action, keys) in b {
            let k = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Line::from(vec![
                Span::styled(format!("  {k:<16} "), theme.key()),
                Span::raw(action.describe()),
            ]));
        }
        out.push(Line::default());
    };
    section(mode, &mut out);
    if mode.uses_global() {
        section(Mode::Global, &mut out);
    }
    if matches!(
        mode,
        Mode::Editor | Mode::Form | Mode::Filter | Mode::Palette | Mode::Search
    ) {
        out.push(Line::from(Span::styled(
            "Every other key types text. In a long text field Enter starts a new line; Ctrl-U clears a one-line field.",
            theme.dim(),
        )));
    }
    out.push(Line::from(Span::styled(
        "Mouse: the wheel scrolls, a click selects a row or a tab.",
        theme.dim(),
    )));
    out
}

impl HelpView {
    /// Help for the keys of `mode`, at its top.
    #[must_use]
    pub fn new(mode: Mode) -> HelpView {
        HelpView {
            mode,
            scroll: 0,
            max: Cell::new(u16::MAX),
            page: Cell::new(10),
        }
    }

    /// Scrolls by `delta` rows (a page is the rows shown), never past the
    /// last row.
    pub fn scroll_by(&mut self, delta: i32) {
        let to = i32::from(self.scroll).saturating_add(delta);
        let max = i32::from(self.max.get());
        self.scroll = u16::try_from(to.clamp(0, max)).unwrap_or(0);
    }

    /// One page's rows (for PgUp/PgDn).
    #[must_use]
    pub fn page(&self) -> i32 {
        i32::from(self.page.get().max(2) - 1)
    }

    /// Draws the popup over the screen.
    pub fn draw(&self, frame: &mut Buffer, area: Rect, keymap: &Keymap, theme: Theme) {
        let w = area.width.min(76);
        let inner_w = usize::from(w.saturating_sub(2));
        let text: Vec<Line<'static>> = lines(keymap, self.mode, theme)
            .iter()
            .flat_map(|l| wrap(l, inner_w, 19))
            .collect();
        let total = u16::try_from(text.len()).unwrap_or(u16::MAX);
        let popup = centered(area, w, total.saturating_add(2));
        let rows = popup.height.saturating_sub(2);
        let max = total.saturating_sub(rows);
        self.max.set(max);
        self.page.set(rows);
        let scroll = self.scroll.min(max);
        Widget::render(Clear, popup, frame);
        let place = if max == 0 {
            String::new()
        } else if scroll >= max {
            " end ·".to_string()
        } else {
            format!(" {} more below ·", max - scroll)
        };
        let block = Block::new()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(" Keys: {} ", self.mode.title()),
                theme.heading(),
            ))
            .title_bottom(Span::styled(
                format!("{place} ↑/↓ PgUp/PgDn scroll · Esc close "),
                theme.dim(),
            ));
        Widget::render(
            Paragraph::new(text).block(block).scroll((scroll, 0)),
            popup,
            frame,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything the popup shows over the scroll from top to end, drawn
    /// at the stated minimum size (60×16), borders and wrapping removed.
    fn everything_seen(mode: Mode, km: &Keymap) -> String {
        let area = Rect::new(0, 0, 60, 14);
        let mut help = HelpView::new(mode);
        let mut seen = String::new();
        for _ in 0..200 {
            let mut buf = Buffer::empty(area);
            help.draw(&mut buf, area, km, Theme::new(false));
            for y in 1..area.height - 1 {
                for x in 1..area.width - 1 {
                    seen.push_str(buf[(x, y)].symbol());
                }
                seen.push('\n');
            }
            let before = help.scroll;
            help.scroll_by(1);
            if help.scroll == before {
                break;
            }
        }
        seen.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_key_of_every_mode_is_in_its_help_within_scrolling() {
        let km = Keymap::defaults().unwrap();
        for mode in Mode::ALL {
            let seen = everything_seen(mode, &km);
            let mut wanted = km.bindings(mode);
            if mode.uses_global() {
                wanted.extend(km.bindings(Mode::Global));
            }
            assert!(!wanted.is_empty(), "{mode:?} has no keys");
            for (action, _) in wanted {
                let words = action
                    .describe()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(
                    seen.contains(&words),
                    "{mode:?}: {action:?} missing\n{seen}"
                );
            }
            assert!(seen.contains("Mouse: the wheel scrolls"), "{mode:?}");
        }
    }

    #[test]
    fn scrolling_stops_at_the_end_and_the_top() {
        let km = Keymap::defaults().unwrap();
        let area = Rect::new(0, 0, 60, 14);
        let mut help = HelpView::new(Mode::Client);
        let mut buf = Buffer::empty(area);
        help.draw(&mut buf, area, &km, Theme::new(false));
        help.scroll_by(10_000);
        let end = help.scroll;
        assert!(end > 0);
        help.scroll_by(1);
        assert_eq!(help.scroll, end, "no scrolling past the end");
        help.scroll_by(-1);
        assert_eq!(help.scroll, end - 1, "one key up moves at once");
        help.scroll_by(-10_000);
        assert_eq!(help.scroll, 0);
    }
}
