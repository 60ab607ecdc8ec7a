//! Turning what was typed into domain values, with messages a practitioner
//! understands.

use anyhow::{Result, anyhow};
use chrono::{NaiveDate, NaiveDateTime};

use crate::dates::{DateUse, Tense};
use crate::domain::NoteKind;

/// A date typed on the command line, read as the forms read it
/// ([`crate::dates`]): `2026-12-03`, `03/12/2026`, `3 Dec 2026`, `today`,
/// `+2w`, `next tue`; anything else is an error naming the option.
pub fn date(field: &str, typed: &str, today: NaiveDate) -> Result<NaiveDate> {
    crate::dates::resolve_date(typed, today)
        .map(|r| r.value())
        .map_err(|e| about(field, &e))
}

/// "--from is not a real date…", "--to: not a date I know…".
fn about(field: &str, e: &str) -> anyhow::Error {
    if e.starts_with("is ") {
        anyhow!("{field} {e}")
    } else {
        anyhow!("{field}: {e}")
    }
}

/// A date of birth: as [`date`], and a two-digit year is the latest such
/// year not after today.
pub fn birth_date(field: &str, typed: &str, today: NaiveDate) -> Result<NaiveDate> {
    crate::dates::resolve_date_for(typed, today, DateUse::Birth)
        .map(|r| r.value())
        .map_err(|e| about(field, &e))
}

/// A date as [`date`], or `today` when absent.
pub fn date_or(field: &str, typed: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    match typed {
        Some(t) => date(field, t, today),
        None => Ok(today),
    }
}

/// A date, or a date and a time (`2026-10-24 23:30`, `24/10/2026 11:30pm`):
/// the day, and the time when one was given.
pub fn date_maybe_time(
    field: &str,
    typed: &str,
    now: NaiveDateTime,
) -> Result<(NaiveDate, Option<NaiveDateTime>)> {
    match date(field, typed, now.date()) {
        Ok(d) => Ok((d, None)),
        Err(e) if typed.split_whitespace().count() < 2 && !typed.contains('T') => Err(e),
        Err(_) => date_time(field, typed, now).map(|t| (t.date(), Some(t))),
    }
}

/// A date and time as [`crate::dates::parse_datetime`] reads it
/// ("2026-11-20 14:30", "2026-11-20T14:30", "yesterday 2pm"); a date with no
/// time is refused, never guessed.
pub fn date_time(field: &str, typed: &str, now: NaiveDateTime) -> Result<NaiveDateTime> {
    date_time_for(field, typed, now, Tense::Any)
}

/// A date and time as [`date_time`] reads it, for an option that looks one
/// way: `--at "fri 2pm"` is last Friday for a contact, the coming one for a
/// planned visit ([`Tense`]).
pub fn date_time_for(
    field: &str,
    typed: &str,
    now: NaiveDateTime,
    tense: Tense,
) -> Result<NaiveDateTime> {
    let t = typed.trim();
    // The ISO "T" between date and time, as scripts write it.
    let spaced = match t.split_once('T') {
        Some((d, tm)) if d.len() == 10 && d.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
            format!("{d} {tm}")
        }
        _ => t.to_string(),
    };
    crate::dates::parse_datetime_for(&spaced, now, tense).map_err(|e| about(field, &e))
}

/// A note kind, naming the valid kinds when the typed one is not one of them.
pub fn note_kind(typed: &str) -> Result<NoteKind> {
    typed.parse::<NoteKind>().map_err(|_| {
        anyhow!(
            "--kind: \"{}\" is not a kind of contact; use one of: {}",
            crate::domain::text::one_line(typed),
            NoteKind::codes()
        )
    })
}

/// A yes or no as typed (`yes`, `y`, `true`; `no`, `n`, `false`; any
/// case); `None` for anything else.
#[must_use]
pub fn yes_no(typed: &str) -> Option<bool> {
    match typed.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" => Some(true),
        "no" | "n" | "false" => Some(false),
        _ => None,
    }
}

/// An id typed on the command line.
pub fn id(what: &str, typed: &str) -> Result<i64> {
    typed
        .trim()
        .parse::<i64>()
        .map_err(|_| anyhow!("{what} should be a number (the id shown in listings)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_parse_and_refuse_garbage() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let t = date_time("at", "2026-11-20 14:30", now).unwrap();
        assert_eq!(t.to_string(), "2026-11-20 14:30:00");
        let t = date_time("at", "2026-11-20T14:30", now).unwrap();
        assert_eq!(t.to_string(), "2026-11-20 14:30:00");
        assert!(date_time("at", "2026-02-30 10:00", now).is_err());
        assert!(date_time("at", "2026-11-20 25:00", now).is_err());
        assert!(date_time("at", "2026-11-20 1430", now).is_err());
        // A date alone does not guess a time.
        assert!(date_time("at", "2026-11-20", now).is_err());
        assert!(date_time("at", "14", now).is_err());
    }

    #[test]
    fn dates_take_the_forms_the_forms_take_and_name_the_option() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let dec3 = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        for typed in [
            "2026-12-03",
            "03/12/2026",
            "3 Dec 2026",
            "Thu 03/12/2026",
            "+11d",
        ] {
            assert_eq!(date("--from", typed, today).unwrap(), dec3, "{typed}");
        }
        assert_eq!(
            date("--from", "next tue", today).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert_eq!(date_or("--on", None, today).unwrap(), today);
        let e = date("--from", "31/02/2026", today).unwrap_err().to_string();
        assert!(e.starts_with("--from is not a real date"), "{e}");
        let e = date("--to", "soonish", today).unwrap_err().to_string();
        assert!(e.starts_with("--to: ") && e.contains("03/12/2026"), "{e}");
        assert_eq!(
            birth_date("--dob", "12/3/85", today).unwrap(),
            chrono::NaiveDate::from_ymd_opt(1985, 3, 12).unwrap()
        );
        assert!(date("--due", "12/3/85", today).is_err());
    }

    #[test]
    fn a_start_is_a_date_or_a_date_and_time() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let (d, t) = date_maybe_time("start", "24/10/2026", now).unwrap();
        assert_eq!((d.to_string(), t), ("2026-10-24".into(), None));
        for typed in ["2026-10-24 23:30", "2026-10-24T23:30", "24/10/2026 11:30pm"] {
            let (d, t) = date_maybe_time("start", typed, now).unwrap();
            assert_eq!(d.to_string(), "2026-10-24", "{typed}");
            assert_eq!(t.unwrap().to_string(), "2026-10-24 23:30:00", "{typed}");
        }
        assert!(date_maybe_time("start", "", now).is_err());
        assert!(date_maybe_time("start", "2026-10-24 25:00", now).is_err());
        assert!(date_maybe_time("start", "whenever", now).is_err());
    }

    #[test]
    fn a_bad_kind_lists_the_valid_ones() {
        let e = note_kind("visit").unwrap_err().to_string();
        assert!(e.contains("home-visit") && e.contains("phone"), "{e}");
        assert_eq!(note_kind("Home visit").unwrap(), NoteKind::HomeVisit);
    }
}
