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

/// A plain string cut to `width` columns with "…" (for table cells).
#[must_use]
pub fn fit_str(text: &str, width: usize) -> String {
    fit(Line::from(text.to_string()), width).to_string()
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
        if end < chars.len()
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

    proptest! {
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
