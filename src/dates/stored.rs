//! Days in the form they are stored and exchanged, `YYYY-MM-DD`, read and
//! written without chrono's general format machinery: lists read and
//! write thousands of them (a due list of 4,000 items, the visit facts of
//! every client). Anything not of that shape goes to chrono, so what is
//! accepted and what is written are chrono's own (tests check both).

use chrono::{Datelike, NaiveDate};

/// `YYYY-MM-DD`, or `None` for any other shape or an impossible day.
#[must_use]
pub fn parse(t: &[u8]) -> Option<NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *t else {
        return None;
    };
    let year = digits(&[y0, y1, y2, y3])?;
    let month = digits(&[m0, m1])?;
    let day = digits(&[d0, d1])?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The number written by ASCII digits, or `None` if any is not a digit.
#[must_use]
pub fn digits(ds: &[u8]) -> Option<u32> {
    ds.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

/// The day as `YYYY-MM-DD`, as chrono writes it (`%Y-%m-%d`).
#[must_use]
pub fn text(d: NaiveDate) -> String {
    with_text(d, str::to_string)
}

/// Hands `f` the day as [`text`] writes it, without making a string for
/// years 0 to 9999 (others, with their sign or fifth digit, chrono writes).
pub fn with_text<R>(d: NaiveDate, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 10];
    match write(d, &mut buf) {
        Some(t) => f(t),
        None => f(&d.format("%Y-%m-%d").to_string()),
    }
}

/// The day as `YYYY-MM-DD` in `buf`, for years 0 to 9999 (others: `None`).
fn write(d: NaiveDate, buf: &mut [u8; 10]) -> Option<&str> {
    let year = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    *buf = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(d.month() / 10),
        digit(d.month()),
        b'-',
        digit(d.day() / 10),
        digit(d.day()),
    ];
    std::str::from_utf8(buf).ok()
}

/// serde for a day as `YYYY-MM-DD` (chrono's own form).
pub mod day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the day.
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        super::with_text(*d, |t| s.serialize_str(t))
    }

    /// Reads a day chrono would read.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let t = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        match super::parse(t.as_bytes()) {
            Some(day) => Ok(day),
            None => t.parse().map_err(serde::de::Error::custom),
        }
    }
}

/// serde for a day that may be missing (`null`).
pub mod opt_day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the day, or `null`.
    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => super::with_text(*d, |t| s.serialize_str(t)),
            None => s.serialize_none(),
        }
    }

    /// Reads a day chrono would read, or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        struct Day(#[serde(with = "super::day")] NaiveDate);
        Ok(Option::<Day>::deserialize(d)?.map(|Day(d)| d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn days_are_written_and_read_as_chrono_does(n in -1_000_000i64..4_000_000) {
            let d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Duration::days(n);
            let chrono_text = d.format("%Y-%m-%d").to_string();
            prop_assert_eq!(text(d), chrono_text.clone());
            let json = serde_json::to_string(&d).unwrap();
            #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
            struct W(#[serde(with = "day")] NaiveDate);
            prop_assert_eq!(serde_json::to_string(&W(d)).unwrap(), json.clone());
            prop_assert_eq!(serde_json::from_str::<W>(&json).unwrap(), W(d));
            prop_assert_eq!(parse(chrono_text.as_bytes()).is_some(), (1..=9999).contains(&d.year()));
        }

        #[test]
        fn any_text_is_read_as_chrono_reads_it(s in "[0-9+-]{0,12}") {
            #[derive(serde::Deserialize, PartialEq, Debug)]
            struct W(#[serde(with = "day")] NaiveDate);
            let json = serde_json::to_string(&s).unwrap();
            let mine = serde_json::from_str::<W>(&json).ok().map(|W(d)| d);
            prop_assert_eq!(mine, s.parse::<NaiveDate>().ok());
        }
    }

    #[test]
    fn a_missing_day_is_null_both_ways() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct W(#[serde(with = "opt_day")] Option<NaiveDate>);
        let d = NaiveDate::from_ymd_opt(2026, 2, 3);
        assert_eq!(serde_json::to_string(&W(d)).unwrap(), "\"2026-02-03\"");
        assert_eq!(serde_json::to_string(&W(None)).unwrap(), "null");
        assert_eq!(serde_json::from_str::<W>("null").unwrap(), W(None));
        assert_eq!(serde_json::from_str::<W>("\"2026-02-03\"").unwrap(), W(d));
        assert!(serde_json::from_str::<W>("\"2026-02-30\"").is_err());
    }
}
