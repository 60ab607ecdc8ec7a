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

/// A time typed as "YYYY-MM-DD HH:MM" (or with a `T`), or a bare date
/// (taken as 09:00).
pub fn date_time(field: &'static str, typed: &str) -> Result<NaiveDateTime> {
    let t = typed.trim();
    let (day, time) = match t.split_once([' ', 'T']) {
        Some((d, tm)) => (d, Some(tm.trim())),
        None => (t, None),
    };
    let date = parse_date(field, day)?;
    let time = match time {
        None => chrono::NaiveTime::from_hms_opt(9, 0, 0),
        Some(tm) => {
            let mut parts = tm.split(':');
            let h = parts.next().and_then(|p| p.parse::<u32>().ok());
            let m = parts.next().and_then(|p| p.parse::<u32>().ok());
            match (h, m, parts.next()) {
                (Some(h), Some(m), None) => chrono::NaiveTime::from_hms_opt(h, m, 0),
                _ => None,
            }
        }
    };
    time.map(|tm| date.and_time(tm)).ok_or_else(|| {
        anyhow!("{field}: should be written \"YYYY-MM-DD HH:MM\", for example \"2026-11-20 14:30\"")
    })
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
        let t = date_time("at", "2026-11-20 14:30").unwrap();
        assert_eq!(t.to_string(), "2026-11-20 14:30:00");
        assert!(date_time("at", "2026-02-30 10:00").is_err());
        assert!(date_time("at", "2026-11-20 25:00").is_err());
        assert!(date_time("at", "2026-11-20 1430").is_err());
        assert_eq!(
            date_time("at", "2026-11-20").unwrap().to_string(),
            "2026-11-20 09:00:00"
        );
    }

    #[test]
    fn a_bad_kind_lists_the_valid_ones() {
        let e = note_kind("visit").unwrap_err().to_string();
        assert!(e.contains("home-visit") && e.contains("phone"), "{e}");
        assert_eq!(note_kind("Home visit").unwrap(), NoteKind::HomeVisit);
    }
}
