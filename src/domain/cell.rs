//! Text as it goes into a terminal cell or a text field. A terminal and the
//! program must agree on how wide every character is, or the rest of a row
//! shifts (and fragments land on other rows): emoji joined by ZWJ (a family),
//! skin-tone modifiers and emoji variation selectors are drawn one width by
//! some terminals and another by others, so a cell shows their parts side by
//! side, each of a width everyone agrees on. Widths are counted per grapheme
//! cluster and text is clipped to its cell. Stored text is never changed.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Pasted or typed line endings (CR LF, lone CR from a terminal's paste, LF)
/// as line breaks (`\n`).
#[must_use]
pub fn normalise_newlines(s: &str) -> Cow<'_, str> {
    if !s.contains('\r') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Whether `c` makes a terminal's idea of a width differ from the program's:
/// zero-width joiner, emoji variation selectors, skin-tone modifiers.
pub(crate) fn width_ambiguous(c: char) -> bool {
    matches!(
        c,
        '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}'
    )
}

/// Text for one cell on one line: sanitised, newlines folded, and the
/// joiners and modifiers whose width terminals disagree on taken out.
#[must_use]
pub fn cell_text(s: &str) -> String {
    super::text::one_line(s)
}

/// The width of `s` on screen, counted per grapheme cluster.
#[must_use]
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `s` (already [`cell_text`]) clipped to `max` columns, whole grapheme
/// clusters only, with `…` when cut.
#[must_use]
pub fn clip(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_line_ending_is_a_line_break() {
        assert_eq!(normalise_newlines("a\rb\r\nc\nd"), "a\nb\nc\nd");
        assert!(matches!(normalise_newlines("a\nb"), Cow::Borrowed(_)));
        assert_eq!(normalise_newlines("\r\r\n"), "\n\n");
    }

    #[test]
    fn a_family_emoji_has_a_width_everyone_agrees_on() {
        let family = "Ana \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} Moss";
        let cell = cell_text(family);
        assert!(!cell.contains('\u{200d}'));
        // Three emoji of width 2, as every terminal draws them once unjoined.
        assert_eq!(width(&cell), 4 + 6 + 5);
        let thumbs = cell_text("ok \u{1f44d}\u{1f3fd}");
        assert_eq!(width(&thumbs), 5);
    }

    #[test]
    fn clipping_keeps_whole_clusters_and_fits() {
        let cell = cell_text("\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} Moss family");
        for max in 0..20 {
            let c = clip(&cell, max);
            assert!(width(&c) <= max, "{max}: {c:?}");
        }
        assert_eq!(clip("e\u{301}tude", 3), "e\u{301}t…");
        assert_eq!(clip("short", 10), "short");
    }
}
