//! Conversions between stored text and domain values.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Row;
use rusqlite::types::ValueRef;

// `YYYY-MM-DD` read without chrono's format parser (lists read
// thousands); `None` for any other shape, which callers hand to chrono or
// rusqlite's own conversion.
use crate::dates::stored::{digits, parse as parse_date};
use crate::domain::DATETIME_FMT;

/// A date as stored.
pub(crate) fn fmt_date(d: NaiveDate) -> String {
    crate::dates::stored::text(d)
}

/// An optional date as stored.
pub(crate) fn fmt_opt_date(d: Option<NaiveDate>) -> Option<String> {
    d.map(fmt_date)
}

/// A local time as stored (seconds precision, `T` separator).
pub(crate) fn fmt_dt(t: NaiveDateTime) -> String {
    t.format(DATETIME_FMT).to_string()
}

/// Reads a local time column.
pub(crate) fn dt(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDateTime> {
    match r.get_ref(i)? {
        ValueRef::Text(t) => match parse_dt(t) {
            Some(at) => Ok(at),
            None => r.get(i),
        },
        _ => r.get(i),
    }
}

/// Reads an optional local time column.
pub(crate) fn opt_dt(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        _ => dt(r, i).map(Some),
    }
}

/// Reads a date column.
pub(crate) fn date(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    match r.get_ref(i)? {
        ValueRef::Text(t) => match parse_date(t) {
            Some(d) => Ok(d),
            None => r.get(i),
        },
        _ => r.get(i),
    }
}

/// Reads an optional date column.
pub(crate) fn opt_date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        _ => date(r, i).map(Some),
    }
}

/// A stored day read out of a longer text (`YYYY-MM-DD`), quickly when it
/// has the usual shape, else by chrono's parser.
pub(super) fn parse_day(t: &str) -> Option<NaiveDate> {
    parse_date(t.as_bytes()).or_else(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
}

/// `YYYY-MM-DDTHH:MM:SS` as this program stores local times.
fn parse_dt(t: &[u8]) -> Option<NaiveDateTime> {
    let (day, time) = t.split_at_checked(10)?;
    let [b'T', h0, h1, b':', m0, m1, b':', s0, s1] = *time else {
        return None;
    };
    parse_date(day)?.and_hms_opt(digits(&[h0, h1])?, digits(&[m0, m1])?, digits(&[s0, s1])?)
}

/// Reads a 0/1 column.
pub(crate) fn flag(r: &Row<'_>, i: usize) -> rusqlite::Result<bool> {
    Ok(r.get::<_, i64>(i)? != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DATE_FMT;
    use proptest::prelude::*;

    #[test]
    fn stored_shapes_read_fast_and_others_are_left_to_rusqlite() {
        assert_eq!(
            parse_date(b"2026-11-22"),
            NaiveDate::from_ymd_opt(2026, 11, 22)
        );
        assert_eq!(parse_date(b"2026-02-30"), None);
        assert_eq!(parse_date(b"2026-1-22x"), None);
        assert_eq!(parse_date(b"+202-11-22"), None);
        assert_eq!(parse_date(b"2026-11-22T09:00:00"), None);
        assert_eq!(
            parse_dt(b"2026-11-22T09:05:07"),
            NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 5, 7))
        );
        assert_eq!(parse_dt(b"2026-11-22 09:05:07"), None);
        assert_eq!(parse_dt(b"2026-11-22T09:05:07.5"), None);
        assert_eq!(parse_dt(b"2026-11-22T24:00:00"), None);
    }

    #[test]
    fn columns_read_the_same_as_rusqlite_reads_them() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for text in [
            "2026-11-22",
            "2026-11-22T09:05:07",
            "2026-11-22 09:05:07",
            "2026-11-22T09:05:07.250",
        ] {
            let ours = conn
                .query_row("SELECT ?1, NULL", [text], |r| {
                    Ok((opt_dt(r, 0).ok(), opt_date(r, 0).ok(), opt_date(r, 1)?))
                })
                .unwrap();
            let theirs = conn
                .query_row("SELECT ?1", [text], |r| {
                    Ok((
                        r.get::<_, NaiveDateTime>(0).ok(),
                        r.get::<_, NaiveDate>(0).ok(),
                    ))
                })
                .unwrap();
            assert_eq!((ours.0.flatten(), ours.1.flatten()), theirs, "{text}");
            assert_eq!(ours.2, None);
        }
    }

    proptest! {
        #[test]
        fn any_ten_bytes_read_as_chrono_reads_them(s in "[0-9+ -]{10}") {
            let chrono = NaiveDate::parse_from_str(&s, DATE_FMT).ok();
            if let Some(d) = parse_date(s.as_bytes()) {
                prop_assert_eq!(Some(d), chrono);
            }
        }

        #[test]
        fn every_stored_moment_reads_back(days in 0i64..200_000, secs in 0u32..86_400) {
            let at = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()
                .checked_add_days(chrono::Days::new(days.unsigned_abs())).unwrap()
                .and_time(chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap());
            prop_assert_eq!(parse_dt(fmt_dt(at).as_bytes()), Some(at));
            prop_assert_eq!(parse_date(fmt_date(at.date()).as_bytes()), Some(at.date()));
        }
    }
}
