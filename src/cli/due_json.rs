//! `due --json` written straight into text: the same characters
//! `serde_json::to_string_pretty` makes of the items (a test holds the two
//! to each other for any items), at about twice its speed. A due list over
//! a large caseload has thousands of lines, and serde_json spends most of
//! its time checking field names for characters to escape; here the names
//! and the layout around them are written as they are.

use std::fmt::Write as _;

use crate::domain::DueItem;
use crate::domain::deadline::minutes_opt;

/// The items as `serde_json::to_string_pretty` writes them.
pub fn pretty(items: &[DueItem]) -> String {
    if items.is_empty() {
        return "[]".to_string();
    }
    let mut out = String::with_capacity(items.len() * 320);
    out.push('[');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        write_item(&mut out, item);
    }
    out.push_str("\n]");
    out
}

fn write_item(out: &mut String, i: &DueItem) {
    let mut num = itoa::Buffer::new();
    out.push_str("\n  {\n    \"id\": ");
    out.push_str(num.format(i.id));
    out.push_str(",\n    \"kind\": ");
    string(out, i.kind.as_str());
    out.push_str(",\n    \"client_id\": ");
    match i.client_id {
        Some(id) => out.push_str(num.format(id)),
        None => out.push_str("null"),
    }
    out.push_str(",\n    \"client_name\": ");
    opt_string(out, i.client_name.as_deref());
    out.push_str(",\n    \"what\": ");
    string(out, &i.what);
    if let Some(owner) = &i.owner {
        out.push_str(",\n    \"owner\": ");
        string(out, owner);
    }
    out.push_str(",\n    \"due\": ");
    day(out, i.due);
    out.push_str(",\n    \"overdue\": ");
    out.push_str(if i.overdue { "true" } else { "false" });
    out.push_str(",\n    \"days\": ");
    out.push_str(num.format(i.days));
    out.push_str(",\n    \"rule\": ");
    opt_string(out, i.rule.as_deref());
    out.push_str(",\n    \"source\": ");
    opt_string(out, i.source.as_deref());
    out.push_str(",\n    \"weight\": ");
    out.push_str(num.format(i.weight));
    if let Some(at) = i.due_at {
        out.push_str(",\n    \"due_at\": ");
        string(out, &at.format(minutes_opt::FMT).to_string());
    }
    if let Some(day) = i.window_opens {
        out.push_str(",\n    \"window_opens\": ");
        self::day(out, day);
    }
    if i.cliff {
        out.push_str(",\n    \"cliff\": true");
    }
    if i.episode_ended {
        out.push_str(",\n    \"episode_ended\": true");
    }
    out.push_str("\n  }");
}

fn day(out: &mut String, d: chrono::NaiveDate) {
    crate::dates::stored::with_text(d, |t| string(out, t));
}

fn opt_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// A JSON string as serde_json escapes it: the quote, the backslash and
/// control characters below a space (short forms where JSON has them);
/// everything else as it is.
fn string(out: &mut String, s: &str) {
    out.push('"');
    if !needs_escape(s.as_bytes()) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut plain_from = 0;
    for (at, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[plain_from..at]);
        if short.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(short);
        }
        plain_from = at + 1;
    }
    out.push_str(&s[plain_from..]);
    out.push('"');
}

/// Whether any byte must be escaped: checked in blocks with no early exit
/// inside each, a loop the compiler turns into vector instructions (most
/// texts have nothing to escape).
fn needs_escape(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|block| {
        block.iter().fold(false, |seen, &b| {
            seen | (b < 0x20) | (b == b'"') | (b == b'\\')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DueKind;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ -~]{0,12}",
            "\\PC{0,8}",
            proptest::collection::vec(0u32..0x110, 0..10)
                .prop_map(|cs| cs.into_iter().filter_map(char::from_u32).collect()),
        ]
    }

    fn any_item() -> impl Strategy<Value = DueItem> {
        (
            (any::<i64>(), 0usize..3, proptest::option::of(any::<i64>())),
            (
                proptest::option::of(any_text()),
                any_text(),
                -100_000i32..100_000,
            ),
            (
                any::<bool>(),
                any::<i64>(),
                proptest::option::of(any_text()),
            ),
            (
                proptest::option::of(any_text()),
                any::<i64>(),
                proptest::option::of(any_text()),
            ),
            (
                proptest::option::of(0u32..100_000),
                proptest::option::of(0i32..800_000),
                any::<bool>(),
                any::<bool>(),
            ),
        )
            .prop_map(
                |(
                    (id, kind, client_id),
                    (client_name, what, day),
                    (overdue, days, rule),
                    (source, weight, owner),
                    (at, opens, cliff, episode_ended),
                )| {
                    let date = |n: i32| NaiveDate::from_num_days_from_ce_opt(n).unwrap();
                    DueItem {
                        id,
                        kind: [DueKind::Deadline, DueKind::Action, DueKind::Visit][kind],
                        client_id,
                        client_name,
                        what,
                        owner,
                        due: date(day),
                        overdue,
                        days,
                        rule,
                        source,
                        weight,
                        due_at: at.map(|m| {
                            date(739_000).and_hms_opt(0, 0, 0).unwrap()
                                + chrono::Duration::minutes(i64::from(m))
                        }),
                        window_opens: opens.map(date),
                        cliff,
                        episode_ended,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn writes_what_serde_json_writes(items in proptest::collection::vec(any_item(), 0..5)) {
            prop_assert_eq!(pretty(&items), serde_json::to_string_pretty(&items).unwrap());
        }
    }

    #[test]
    fn every_escape_and_an_empty_list_are_written_as_serde_json_writes_them() {
        let all: String = (0u8..0x80).map(char::from).collect();
        let item = DueItem {
            id: -1,
            kind: DueKind::Visit,
            client_id: None,
            client_name: Some(format!("{all}é😀\u{7f}\u{2028}")),
            what: "\"quoted\" \\ back".into(),
            owner: Some("Sam \"Reed\"".into()),
            due: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            overdue: true,
            days: i64::MIN,
            rule: None,
            source: Some(String::new()),
            weight: i64::MAX,
            due_at: NaiveDate::from_ymd_opt(2026, 12, 1)
                .unwrap()
                .and_hms_opt(17, 5, 0),
            window_opens: NaiveDate::from_ymd_opt(-44, 3, 15),
            cliff: true,
            episode_ended: true,
        };
        let items = vec![item.clone(), item];
        assert_eq!(
            pretty(&items),
            serde_json::to_string_pretty(&items).unwrap()
        );
        assert_eq!(
            pretty(&[]),
            serde_json::to_string_pretty(&Vec::<DueItem>::new()).unwrap()
        );
    }
}
