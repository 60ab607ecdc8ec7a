//! Fitting text to a width: [`fit`] cuts a line and marks the cut with "…"
//! (every screen that cuts text uses it, so nothing is cut unmarked), and
//! [`wrap`] breaks a line at word boundaries into as many rows as it needs
//! (so a scrolling popup knows exactly how many rows it has).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

fn cells(c: char) -> usize {
    Span::raw(c.to_string()).width()
}

fn chars_of(line: &Line<'_>) -> Vec<(char, Style)> {
    line.spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            s.content.chars().map(move |c| (c, style))
        })
        .collect()
}

fn spans_of(chars: &[(char, Style)]) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (c, style) in chars {
        match spans.last_mut() {
            Some(last) if last.style == *style => last.content.to_mut().push(*c),
            _ => spans.push(Span::styled(c.to_string(), *style)),
        }
    }
    spans
}

/// Cuts `line` to `width` columns: when it does not fit, it ends at a word
/// boundary where one is near, followed by "…".
#[must_use]
pub fn fit(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width || width == 0 {
        return line;
    }
    let chars = chars_of(&line);
    let mut used = 0;
    let mut cut = 0;
    for (c, _) in &chars {
        let w = cells(*c);
        if used + w > width - 1 {
            break;
        }
        used += w;
        cut += 1;
    }
    // Back up to the last space when we are inside a word and one is near.
    if chars.get(cut).is_some_and(|(c, _)| *c != ' ')
        && let Some(space) = chars[..cut].iter().rposition(|(c, _)| *c == ' ')
        && cut - space <= 12
        && space > 0
    {
        cut = space;
    }
    while cut > 0 && chars[cut - 1].0 == ' ' {
        cut -= 1;
    }
    let mut spans = spans_of(&chars[..cut]);
    let style = chars[..cut].last().map_or(Style::default(), |(_, s)| *s);
    spans.push(Span::styled("…", style));
    Line::from(spans)
}

/// A plain string cut to `width` columns with "…" (for table cells):
/// the domain's grapheme-aware [`crate::domain::cell::clip`], so a cell is
/// cut the same way everywhere.
#[must_use]
pub fn fit_str(text: &str, width: usize) -> String {
    let cut = crate::domain::cell::clip(text, width);
    // "closes …" reads as a gap: the mark goes straight after the word.
    match cut.strip_suffix('…') {
        Some(kept) if kept.ends_with(' ') => format!("{}…", kept.trim_end()),
        _ => cut,
    }
}

/// Breaks `line` into rows of at most `width` columns, at spaces where it
/// can (a word longer than the width is broken inside). Continuation rows
/// are indented by `indent` columns.
#[must_use]
pub fn wrap(line: &Line<'_>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let chars = chars_of(line);
    if width <= indent + 1 || line.width() <= width {
        return vec![Line::from(spans_of(&chars))];
    }
    let mut rows = Vec::new();
    let mut start = 0;
    let mut first = true;
    while start < chars.len() {
        let room = if first { width } else { width - indent };
        let mut used = 0;
        let mut end = start;
        while end < chars.len() && used + cells(chars[end].0) <= room {
            used += cells(chars[end].0);
            end += 1;
        }
        // A row that ends just before a space is whole; otherwise back up
        // to the last space in it.
        if end < chars.len()
            && chars[end].0 != ' '
            && let Some(space) = chars[start..end].iter().rposition(|(c, _)| *c == ' ')
            && space > 0
        {
            end = start + space;
        }
        if end == start {
            end = start + 1;
        }
        let mut spans = Vec::new();
        if !first {
            spans.push(Span::raw(" ".repeat(indent)));
        }
        spans.extend(spans_of(&chars[start..end]));
        rows.push(Line::from(spans));
        start = end;
        while start < chars.len() && chars[start].0 == ' ' {
            start += 1;
        }
        first = false;
    }
    rows
}

/// Column widths sized from their content: `wants[i]` is the widest value
/// of column `i` (header included), `mins[i]` the narrowest it may become.
/// When everything fits each column gets what it wants and column `grow` the
/// spare room; when not, the widest columns give way first, down to their
/// minimum (cells cut then end in "…", see [`fit_str`]).
#[must_use]
pub fn columns(
    width: usize,
    wants: &[usize],
    mins: &[usize],
    gap: usize,
    grow: usize,
) -> Vec<usize> {
    let n = wants.len();
    let room = width.saturating_sub(gap * n.saturating_sub(1));
    let mut w: Vec<usize> = wants
        .iter()
        .zip(mins)
        .map(|(want, min)| (*want).max(*min))
        .collect();
    while w.iter().sum::<usize>() > room {
        // Shrink the widest column that can still give way.
        let Some(i) = (0..n)
            .filter(|i| w[*i] > mins[*i])
            .max_by_key(|i| (w[*i], usize::MAX - *i))
        else {
            break;
        };
        w[i] -= 1;
    }
    let used: usize = w.iter().sum();
    if let Some(g) = w.get_mut(grow) {
        *g += room.saturating_sub(used);
    }
    w
}

/// Lines wrapped to `width` and at most `height` rows; when they do not all
/// fit, the last row shown ends in "…".
#[must_use]
pub fn wrap_within(
    lines: &[Line<'_>],
    width: usize,
    height: usize,
    indent: usize,
) -> Vec<Line<'static>> {
    let mut rows: Vec<Line<'static>> = lines.iter().flat_map(|l| wrap(l, width, indent)).collect();
    if rows.len() > height && height > 0 {
        rows.truncate(height);
        if let Some(last) = rows.pop() {
            let mut spans = last.spans;
            spans.push(Span::raw(" ".repeat(width + 1)));
            rows.push(fit(Line::from(spans), width));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn long_lines_end_in_an_ellipsis_at_a_word() {
        let l = fit(Line::from("  Section 47 enquiry outcome"), 20);
        assert_eq!(l.to_string(), "  Section 47…");
        assert!(l.width() <= 20);
        let l = fit(Line::from("Abcdefghijklmnopqrstuvwxyz"), 10);
        assert_eq!(l.to_string(), "Abcdefghi…");
        let short = fit(Line::from("fits"), 10);
        assert_eq!(short.to_string(), "fits");
        assert_eq!(fit_str("Nearest relative", 8), "Nearest…");
        assert_eq!(fit_str("Nearest relative", 9), "Nearest…");
    }

    #[test]
    fn wrapping_keeps_every_word_and_the_width() {
        let rows = wrap(
            &Line::from("  u  Undo the last change you made today"),
            20,
            4,
        );
        let text: Vec<String> = rows.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            vec!["  u  Undo the last", "    change you made", "    today"]
        );
        assert_eq!(wrap(&Line::from("short"), 20, 2).len(), 1);
    }

    #[test]
    fn columns_fit_their_content_and_the_widest_gives_way() {
        // Everything fits: each what it wants, the last the rest.
        assert_eq!(columns(40, &[4, 6, 5], &[3, 3, 3], 1, 2), vec![4, 6, 28]);
        assert_eq!(columns(40, &[4, 6, 5], &[3, 3, 3], 1, 1), vec![4, 29, 5]);
        // Too wide: the 58-wide name shrinks before the 16-wide role.
        let w = columns(60, &[58, 16, 5], &[8, 8, 3], 1, 0);
        assert_eq!(w.iter().sum::<usize>() + 2, 60);
        assert_eq!(w[1], 16, "{w:?}");
        assert_eq!(w[2], 5);
        // Never below the minimum.
        assert_eq!(columns(5, &[20, 20], &[4, 4], 1, 0), vec![4, 4]);
    }

    #[test]
    fn wrapped_text_that_does_not_fit_ends_in_an_ellipsis() {
        let l = [Line::from(
            "one two three four five six seven eight nine ten",
        )];
        let rows = wrap_within(&l, 12, 2, 0);
        assert_eq!(rows.len(), 2);
        assert!(rows[1].to_string().ends_with('…'), "{rows:?}");
        assert_eq!(wrap_within(&l, 80, 2, 0).len(), 1);
    }

    proptest! {
        /// Sized columns never overflow the width when their minimums fit.
        #[test]
        fn columns_stay_within_the_width(wants in proptest::collection::vec(1usize..60, 1..7), width in 40usize..200) {
            let mins = vec![3; wants.len()];
            let w = columns(width, &wants, &mins, 1, 0);
            prop_assert_eq!(w.iter().sum::<usize>() + wants.len() - 1, width);
        }

        /// A cut line is never wider than asked and always ends in "…"; an
        /// uncut line is unchanged.
        #[test]
        fn a_cut_always_shows(text in "[a-zA-Zé ]{0,60}", width in 1usize..40) {
            let out = fit(Line::from(text.clone()), width);
            prop_assert!(out.width() <= width);
            if out.to_string() == text {
                prop_assert!(Line::from(text).width() <= width);
            } else {
                prop_assert!(out.to_string().ends_with('…'), "{out}");
            }
        }

        /// Wrapping loses no word and keeps within the width.
        #[test]
        fn wrap_keeps_words(words in proptest::collection::vec("[a-z]{1,8}", 0..20), width in 10usize..40) {
            let text = words.join(" ");
            let rows = wrap(&Line::from(text.clone()), width, 2);
            for r in &rows { prop_assert!(r.width() <= width); }
            let back: Vec<String> = rows.iter().flat_map(|r| r.to_string().split_whitespace().map(String::from).collect::<Vec<_>>()).collect();
            prop_assert_eq!(back, words);
        }
    }
}
