//! Making stored text safe to show: text is stored as typed, but control
//! characters, escape sequences and bidi overrides are removed before it
//! reaches a terminal, an export or command-line output.

use std::borrow::Cow;

/// Whether `c` must never reach a terminal: C0 controls (except newline and
/// tab, which callers handle), DEL, C1 controls (0x80–0x9F, which include the
/// 8-bit CSI and OSC introducers), and bidi embedding/override/isolate marks.
fn is_hostile(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{61c}')
}

/// Removes escape sequences and control characters, keeping newlines and
/// turning tabs into spaces. An `ESC` swallows the sequence it introduces
/// (CSI up to its final byte; OSC, DCS, APC, PM, SOS up to their terminator,
/// or to the end of the text when unterminated), so no half-sequence survives.
#[must_use]
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| is_hostile(c) || c == '\t' || c == '\u{1b}')
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\t' => out.push(' '),
            '\n' => out.push('\n'),
            c if is_hostile(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`sanitize`] but also folds newlines to spaces, for one-line cells,
/// and leaves out the joiners and modifiers terminals disagree on the width
/// of (see [`super::cell`]), so a name with a family emoji cannot shift the
/// rest of its row.
#[must_use]
pub fn one_line(s: &str) -> String {
    sanitize(s)
        .chars()
        .filter(|c| !super::cell::width_ambiguous(*c))
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect()
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        // CSI: parameters then one final byte in 0x40..=0x7E.
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        // OSC, DCS, SOS, PM, APC: until BEL or ESC \ (string terminator).
        Some(']' | 'P' | 'X' | '^' | '_') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        // Two-character sequences (ESC c, ESC 7…): the second char goes too.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(sanitize("Ann's visit\nok"), Cow::Borrowed(_)));
    }

    #[test]
    fn hostile_payloads_are_removed() {
        let payloads = [
            "\u{1b}]52;c;aGVsbG8=\u{7}",
            "\u{1b}]0;title\u{7}",
            "\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\",
            "\u{1b}[2J",
            "\u{1b}[6n",
            "\u{1b}P1$qm\u{1b}\\",
            "\u{1b}]unterminated",
            "\u{9b}31m",
            "\u{9d}0;t\u{7}",
            "\u{202e}gnp.exe",
        ];
        for p in payloads {
            let input = format!("A{p}B");
            let s = sanitize(&input);
            assert!(
                !s.chars()
                    .any(|c| c.is_control() && c != '\n' || is_hostile(c)),
                "{p:?} left {s:?}"
            );
            assert!(s.starts_with('A'), "{p:?} ate the text before it");
        }
    }

    #[test]
    fn osc8_keeps_its_visible_text_only() {
        let s = sanitize("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\ end");
        assert_eq!(s, "link end");
    }

    #[test]
    fn one_line_folds_newlines() {
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }

    #[test]
    fn one_line_unjoins_emoji_whose_width_terminals_disagree_on() {
        let family = "Ana \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(one_line(family), "Ana \u{1f468}\u{1f469}\u{1f467}");
    }
}

/// A count with its noun, singular for one: `count(1, "day")` is "1 day",
/// `count(3, "day")` is "3 days" (for nouns that take an "s").
#[must_use]
pub fn count(n: i64, noun: &str) -> String {
    if n == 1 || n == -1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// How far off a due date is, in words: "2 days overdue", "due today",
/// "due tomorrow", "in 1 day"… (`days` until it; negative when past).
#[must_use]
pub fn due_words(days: i64) -> String {
    match days {
        d if d < 0 => format!("{} overdue", count(-d, "day")),
        0 => "due today".into(),
        1 => "due tomorrow".into(),
        d => format!("in {}", count(d, "day")),
    }
}

#[cfg(test)]
mod count_tests {
    use super::{count, due_words};

    #[test]
    fn due_words_say_one_day_not_one_days() {
        assert_eq!(due_words(-1), "1 day overdue");
        assert_eq!(due_words(-3), "3 days overdue");
        assert_eq!(due_words(0), "due today");
        assert_eq!(due_words(1), "due tomorrow");
        assert_eq!(due_words(9), "in 9 days");
    }

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(count(1, "day"), "1 day");
        assert_eq!(count(0, "day"), "0 days");
        assert_eq!(count(2, "working day"), "2 working days");
    }
}
