//! Turning what was typed into domain values, with messages a practitioner
//! understands.

use anyhow::{Result, anyhow};
use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::NoteKind;
use crate::domain::validate::parse_date;

/// A date typed as YYYY-MM-DD, or `today` when absent.
pub fn date_or(field: &'static str, typed: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    match typed {
        Some(t) => Ok(parse_date(field, t)?),
        None => Ok(today),
    }
}

/// A date and time as [`crate::dates::parse_datetime`] reads it
/// ("2026-11-20 14:30", "2026-11-20T14:30", "yesterday 2pm"); a date with no
/// time is refused, never guessed.
pub fn date_time(field: &'static str, typed: &str, now: NaiveDateTime) -> Result<NaiveDateTime> {
    let t = typed.trim();
    // The ISO "T" between date and time, as scripts write it.
    let spaced = match t.split_once('T') {
        Some((d, tm)) if d.len() == 10 && d.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
            format!("{d} {tm}")
        }
        _ => t.to_string(),
    };
    crate::dates::parse_datetime(&spaced, now).map_err(|e| anyhow!("{field}: {e}"))
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
    fn a_bad_kind_lists_the_valid_ones() {
        let e = note_kind("visit").unwrap_err().to_string();
        assert!(e.contains("home-visit") && e.contains("phone"), "{e}");
        assert_eq!(note_kind("Home visit").unwrap(), NoteKind::HomeVisit);
    }
}
