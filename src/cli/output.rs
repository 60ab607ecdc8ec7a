//! Printing: JSON for scripts, aligned plain text for people. All stored text
//! is sanitised before it is printed.

use anyhow::{Result, anyhow};
use serde::Serialize;

use serde_json::Value;
use std::borrow::Cow;

use crate::domain::text::{one_line, sanitize};

/// Prints `value` as pretty JSON on stdout, with every string (keys too)
/// sanitised *before* serialising: serde_json would escape an ESC as
/// `\u001b`, which a later tool could turn back into a live sequence, so no
/// control character or escape sequence reaches the output even escaped.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    println!("{}", json_string(value)?);
    Ok(())
}

/// Prints `text`, the pretty JSON of `value` written by hand (as
/// [`json_string`] would write it when nothing needs cleaning), checked as
/// [`json_string`] checks its own: anything to clean and `value` goes
/// through [`json`] instead.
pub fn json_written<T: Serialize + ?Sized>(text: String, value: &T) -> Result<()> {
    if needs_cleaning(&text) {
        return json(value);
    }
    println!("{text}");
    Ok(())
}

/// The sanitised pretty JSON that [`json`] prints.
pub fn json_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    // Most output has nothing to clean: serialised straight, it is checked
    // and kept; only output that needs cleaning goes through a `Value`.
    let direct = serde_json::to_string_pretty(value)?;
    if !needs_cleaning(&direct) {
        return Ok(direct);
    }
    let mut v = serde_json::to_value(value)?;
    clean_value(&mut v);
    Ok(serde_json::to_string_pretty(&v)?)
}

/// Whether JSON text holds a string `sanitize` would change: a raw
/// character it removes, or an escaped control (`\t`, `\r`, `\b`, `\f`,
/// `\uXXXX`: serde_json escapes only control characters so).
fn needs_cleaning(json: &str) -> bool {
    // serde_json escapes every control character, so text of printable
    // ASCII (and the newlines of pretty printing) with no such escape is
    // already clean; anything else is checked whole. Backslashes are found
    // by jumping from one to the next (memchr), each escape read whole so an
    // escaped backslash is not taken for the start of another.
    let bytes = json.as_bytes();
    let mut at = 0;
    while let Some(i) = bytes.get(at..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        if matches!(
            bytes.get(at + i + 1),
            Some(b't' | b'r' | b'b' | b'f' | b'u')
        ) {
            return true;
        }
        at += i + 2;
    }
    let plain = bytes.is_ascii() && memchr::memchr(0x7f, bytes).is_none() && !raw_control(bytes);
    !plain && matches!(sanitize(json), Cow::Owned(_))
}

/// Whether a control byte other than a newline is in `bytes` (a pass the
/// compiler can vectorise: no early exit inside each block).
fn raw_control(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|block| {
        block
            .iter()
            .fold(false, |seen, &b| seen | ((b < 0x20) & (b != b'\n')))
    })
}

fn clean_value(v: &mut Value) {
    match v {
        Value::String(s) => {
            if let Cow::Owned(clean) = sanitize(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean_value),
        Value::Object(map) => {
            map.values_mut().for_each(clean_value);
            // Keys are rebuilt (in order) only when one needs cleaning: most
            // are field names, and rebuilding every map was a third of
            // `due --json`'s time on a large caseload.
            if map.keys().any(|k| matches!(sanitize(k), Cow::Owned(_))) {
                let old = std::mem::take(map);
                for (k, item) in old {
                    map.insert(sanitize(&k).into_owned(), item);
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Prints rows as columns padded to the widest cell; the last column is not padded.
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    let clean: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| one_line(c)).collect())
        .collect();
    for r in &clean {
        for (i, c) in r.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                out.push_str(c);
            } else {
                out.push_str(&format!("{c:<w$}  ", w = widths[i]));
            }
        }
        println!("{}", out.trim_end());
    };
    line(header.to_vec());
    for r in &clean {
        line(r.iter().map(String::as_str).collect());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_and_keys_lose_escapes_before_serialising() {
        let v = serde_json::json!({
            "name": "A\u{1b}]52;c;aGVsbG8=\u{7}B",
            "k\u{1b}[2J": ["x\u{9b}31m", "\u{202e}y"],
            "n": 3,
        });
        let out = json_string(&v).unwrap();
        assert!(
            !out.contains("\\u001b") && !out.contains("\\u0007"),
            "{out}"
        );
        assert!(!out.contains("52;c;"), "{out}");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out}");
        assert!(!out.contains('\u{202e}'));
        assert!(out.contains("\"AB\""), "{out}");
        assert!(out.contains("\"n\": 3"), "{out}");
    }

    #[test]
    fn clean_output_is_serialised_straight_and_escaped_controls_are_not() {
        let clean = serde_json::json!({"name": "Ann \"Nan\" O\\Neill\nline", "n": [1, 2]});
        let out = json_string(&clean).unwrap();
        assert!(!needs_cleaning(&out));
        assert_eq!(out, serde_json::to_string_pretty(&clean).unwrap());
        let tab = serde_json::json!({"a\tb": "c\td\u{7}"});
        let out = json_string(&tab).unwrap();
        assert!(needs_cleaning(&serde_json::to_string(&tab).unwrap()));
        assert_eq!(out, "{\n  \"a b\": \"c d\"\n}");
    }

    #[test]
    fn non_ascii_text_is_checked_whole_and_kept_when_clean() {
        let json = |v: serde_json::Value| serde_json::to_string_pretty(&v).unwrap();
        // Accents and Welsh are clean; a backslash before a `u` is text.
        assert!(!needs_cleaning(&json(
            serde_json::json!({"n": "Siân Ó Dúill"})
        )));
        assert!(!needs_cleaning(&json(
            serde_json::json!({"n": "C:\\users"})
        )));
        // An escaped backslash before a `t` is text too, however long the
        // text before it; a raw control byte (never written by serde_json)
        // is not clean.
        let long = "x".repeat(200);
        assert!(!needs_cleaning(&format!("{{\"n\": \"{long}\\\\t\"}}")));
        assert!(needs_cleaning(&format!("{{\"n\": \"{long}\\t\"}}")));
        assert!(needs_cleaning(&format!("{{\"n\": \"{long}\u{1b}\"}}")));
        // A right-to-left override, DEL and a C1 control are not.
        for hostile in ["abc\u{202e}def", "a\u{7f}b", "a\u{85}b"] {
            let text = json(serde_json::json!({ "n": hostile }));
            assert!(needs_cleaning(&text), "{hostile:?}");
            assert!(!needs_cleaning(
                &json_string(&serde_json::json!({ "n": hostile })).unwrap()
            ));
        }
    }
}

/// An error as the practitioner reads it: each cause once, in order, with
/// a cause left out when the words so far already say it (a wrapped
/// "disk I/O error" is not printed three times).
#[must_use]
pub fn error_text(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if part.is_empty() || text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

/// A failed write of a note, saying plainly that the text was not kept
/// (each store action is one transaction, so a failed one leaves nothing).
#[must_use]
pub fn not_saved(e: &crate::store::StoreError) -> anyhow::Error {
    anyhow!("{e}; the note was NOT saved (nothing was written)")
}

/// The oracle for [`needs_cleaning`], the fast pre-check on the
/// escape-sequence boundary: for any strings (keys and values), the check
/// on their pretty JSON says yes exactly when sanitising them would change
/// one.
#[cfg(test)]
mod needs_cleaning_oracle {
    use super::*;
    use proptest::prelude::*;

    /// Any character, weighted towards those on the boundary: what JSON
    /// escapes, what `sanitize` removes or changes, and their neighbours.
    fn text() -> impl Strategy<Value = String> {
        let edge = prop::sample::select(vec![
            '\\', '"', '/', 't', 'u', 'n', 'b', 'f', 'r', '\u{0}', '\u{8}', '\t', '\n', '\u{b}',
            '\u{c}', '\r', '\u{1b}', '[', 'm', '\u{1f}', ' ', '~', '\u{7f}', '\u{80}', '\u{85}',
            '\u{9f}', '\u{a0}', 'é', '\u{61c}', '\u{200b}', '\u{200e}', '\u{200f}', '\u{2028}',
            '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{fffd}', '😀',
        ]);
        prop::collection::vec(prop_oneof![3 => edge, 1 => any::<char>()], 0..12)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]
        #[test]
        fn the_check_agrees_with_sanitising(
            key in text(),
            values in prop::collection::vec(text(), 0..3),
        ) {
            let v = serde_json::json!({ "fixed key": values.clone(), key.clone(): "x" });
            let mut cleaned = v.clone();
            clean_value(&mut cleaned);
            let json = serde_json::to_string_pretty(&v).unwrap();
            prop_assert_eq!(needs_cleaning(&json), cleaned != v, "{:?}", json);
            // And for a lone string, as the hand-written JSON holds them.
            for s in values.iter().chain([&key]) {
                let one = serde_json::to_string_pretty(s).unwrap();
                prop_assert_eq!(
                    needs_cleaning(&one),
                    matches!(sanitize(s), Cow::Owned(_)),
                    "{:?}",
                    one
                );
            }
        }
    }
}

#[cfg(test)]
mod error_tests {
    use super::*;

    #[test]
    fn a_repeated_cause_is_said_once() {
        let inner = std::io::Error::other("disk I/O error");
        let e = anyhow::Error::new(inner)
            .context("disk I/O error")
            .context("the note was not saved");
        assert_eq!(error_text(&e), "the note was not saved: disk I/O error");
        let v = crate::domain::ValidationError::new("when it happened", "is in the future");
        let e = anyhow::Error::new(crate::store::StoreError::from(v));
        let text = error_text(&e);
        assert_eq!(text.matches("is in the future").count(), 1, "{text}");
    }
}
