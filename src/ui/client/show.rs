//! What every tab of a client's record draws with: a labelled line, a
//! stored paragraph, the message of an empty tab, a deadline's words. Every
//! stored string passes through `one_line` or `sanitize` before it reaches
//! the screen, and every personal field through `privacy::shown` with its
//! kind.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::text::one_line;
use crate::privacy::{Kind, shown};
use crate::ui::theme::Theme;

/// "Label           value" on one line.
pub(super) fn field(label: &str, value: String, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<16}"), theme.dim()),
        Span::raw(one_line(&value)),
    ])
}

/// A stored value on one line, "—" when there is none.
pub(super) fn opt(v: Option<&String>) -> String {
    v.map(|s| one_line(s)).unwrap_or_else(|| "—".into())
}

/// A stored paragraph, indented; "(nothing written)" when blank.
pub(super) fn paragraph_lines(what: &'static str, text: &str, theme: Theme) -> Vec<Line<'static>> {
    if text.trim().is_empty() {
        return vec![Line::from(Span::styled("  (nothing written)", theme.dim()))];
    }
    shown(Kind::Text(what), text, theme.privacy())
        .lines()
        .map(|l| Line::from(format!("  {l}")))
        .collect()
}

/// What an empty tab says (and how to fill it).
pub(super) fn empty(frame: &mut Buffer, area: Rect, msg: &str, theme: Theme) {
    Widget::render(
        Paragraph::new(Span::styled(msg.to_string(), theme.dim())),
        area,
        frame,
    );
}

/// A deadline's words: a rule's own words always; words the practitioner
/// typed are free text (they may name people), hidden in privacy mode.
#[must_use]
pub fn deadline_what(d: &crate::domain::Deadline, on: bool) -> String {
    crate::privacy::due_words("deadline", &d.what, d.rule.is_some(), on)
}
