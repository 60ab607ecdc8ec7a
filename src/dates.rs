//! Dates as a practitioner types them: `2026-12-03`, `03/12/2026` (day
//! first), `today`, `tomorrow`, `yesterday`, `+2w`, `+3d`, `+1m`, `-2d`,
//! `next tue`, `fri`; anything else is tried with `interim` (UK dialect).
//! A tiny pre-parser handles the forms no crate parses (`+2w`). Forms always
//! show the resolved date before saving.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};

/// What a typed date could not be.
pub const DATE_HELP: &str = "try 2026-12-03, 03/12/2026, today, tomorrow, +2w or next tue";

/// Parses a typed date relative to `today`.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let s = input.trim().to_lowercase();
    if s.is_empty() {
        return Err("a date is needed".into());
    }
    if let Some(d) = quick(&s, today) {
        return d;
    }
    let base = Utc.from_utc_datetime(&today.and_time(NaiveTime::MIN));
    interim::parse_date_string(&s, base, interim::Dialect::Uk)
        .map(|d| d.naive_utc().date())
        .map_err(|_| format!("not a date I know: {DATE_HELP}"))
}

/// Parses a typed date and time: a date as [`parse_date`] with an optional
/// `HH:MM` after it; `now` or a bare `HH:MM` mean today.
pub fn parse_datetime(input: &str, now: NaiveDateTime) -> Result<NaiveDateTime, String> {
    let s = input.trim().to_lowercase();
    if s.is_empty() || s == "now" {
        return Ok(now);
    }
    let last = s.rsplit(' ').next().unwrap_or_default();
    if last.contains(':') && parse_time(last).is_none() {
        return Err("the time should be written HH:MM, for example 14:30".into());
    }
    let (date_part, time) = match s.rsplit_once(' ') {
        Some((d, t)) if parse_time(t).is_some() => (d.trim().to_string(), parse_time(t)),
        _ => match parse_time(&s) {
            Some(t) => (String::new(), Some(t)),
            None => (s.clone(), None),
        },
    };
    let date = if date_part.is_empty() {
        now.date()
    } else {
        parse_date(&date_part, now.date())?
    };
    let time = time.unwrap_or_else(|| {
        if date == now.date() {
            now.time()
        } else {
            NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN)
        }
    });
    Ok(date.and_time(time))
}

/// "Thu 3 Dec 2026", the way a resolved date is shown.
#[must_use]
pub fn show(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// "Thu 3 Dec 2026 14:30".
#[must_use]
pub fn show_dt(t: NaiveDateTime) -> String {
    t.format("%a %-d %b %Y %H:%M").to_string()
}

fn parse_time(t: &str) -> Option<NaiveTime> {
    let (h, m) = t.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

fn quick(s: &str, today: NaiveDate) -> Option<Result<NaiveDate, String>> {
    match s {
        "today" | "tod" => return Some(Ok(today)),
        "tomorrow" | "tom" => return Some(today.succ_opt().ok_or_else(far)),
        "yesterday" => return Some(today.pred_opt().ok_or_else(far)),
        _ => {}
    }
    if let Some(d) = iso(s) {
        return Some(d);
    }
    if let Some(d) = day_first(s) {
        return Some(d);
    }
    if let Some(d) = offset(s, today) {
        return Some(d);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let (next, day) = match words.as_slice() {
        ["next", d] => (true, *d),
        [d] => (false, *d),
        _ => return None,
    };
    let wd = weekday(day)?;
    // "tue" is the coming Tuesday (today excluded); "next tue" the same, as
    // most people mean it, so both agree and the resolved date is shown.
    let _ = next;
    let mut d = today.succ_opt()?;
    while d.weekday() != wd {
        d = d.succ_opt()?;
    }
    Some(Ok(d))
}

fn far() -> String {
    "that date is out of range".into()
}

fn iso(s: &str) -> Option<Result<NaiveDate, String>> {
    let p: Vec<&str> = s.split('-').collect();
    if p.len() != 3 || p[0].len() != 4 {
        return None;
    }
    let n: Vec<u32> = p.iter().map(|x| x.parse().ok()).collect::<Option<_>>()?;
    let y = i32::try_from(n[0]).ok()?;
    Some(NaiveDate::from_ymd_opt(y, n[1], n[2]).ok_or_else(not_real))
}

fn day_first(s: &str) -> Option<Result<NaiveDate, String>> {
    let p: Vec<&str> = s.split(['/', '.']).collect();
    if p.len() != 3 {
        return None;
    }
    let n: Vec<u32> = p.iter().map(|x| x.parse().ok()).collect::<Option<_>>()?;
    let y = match p[2].len() {
        4 => i32::try_from(n[2]).ok()?,
        2 => 2000 + i32::try_from(n[2]).ok()?,
        _ => return None,
    };
    Some(NaiveDate::from_ymd_opt(y, n[1], n[0]).ok_or_else(not_real))
}

fn not_real() -> String {
    "is not a real date (check the day and month)".into()
}

fn offset(s: &str, today: NaiveDate) -> Option<Result<NaiveDate, String>> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1i64, &s[1..]),
        b'-' => (-1i64, &s[1..]),
        _ => return None,
    };
    let unit = rest.chars().last()?;
    let n: u32 = rest[..rest.len() - unit.len_utf8()].trim().parse().ok()?;
    let r = match (unit, sign) {
        ('d', 1) => today.checked_add_days(Days::new(u64::from(n))),
        ('d', _) => today.checked_sub_days(Days::new(u64::from(n))),
        ('w', 1) => today.checked_add_days(Days::new(u64::from(n) * 7)),
        ('w', _) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        ('m', 1) => today.checked_add_months(Months::new(n)),
        ('m', _) => today.checked_sub_months(Months::new(n)),
        ('y', 1) => today.checked_add_months(Months::new(n.saturating_mul(12))),
        ('y', _) => today.checked_sub_months(Months::new(n.saturating_mul(12))),
        _ => return None,
    };
    Some(r.ok_or_else(far))
}

fn weekday(s: &str) -> Option<Weekday> {
    let all = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    if s.len() < 3 {
        return None;
    }
    all.iter()
        .find(|(name, _)| name.starts_with(s))
        .map(|(_, w)| *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_documented_forms_resolve() {
        let today = d(2026, 11, 22); // a Sunday
        let cases = [
            ("2026-12-03", d(2026, 12, 3)),
            ("03/12/2026", d(2026, 12, 3)),
            ("3/12/26", d(2026, 12, 3)),
            ("today", today),
            ("Tomorrow", d(2026, 11, 23)),
            ("+2w", d(2026, 12, 6)),
            ("+3d", d(2026, 11, 25)),
            ("+1m", d(2026, 12, 22)),
            ("-2d", d(2026, 11, 20)),
            ("next tue", d(2026, 11, 24)),
            ("tue", d(2026, 11, 24)),
            ("sunday", d(2026, 11, 29)),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input, today), Ok(want), "{input}");
        }
    }

    #[test]
    fn impossible_and_garbage_dates_say_so() {
        let today = d(2026, 11, 22);
        assert!(
            parse_date("2026-02-30", today)
                .unwrap_err()
                .contains("not a real date")
        );
        assert!(parse_date("31/02/2026", today).is_err());
        assert!(parse_date("whenever", today).is_err());
        assert!(parse_date("", today).is_err());
        assert!(parse_date("+99999999999w", today).is_err());
    }

    #[test]
    fn date_times_default_sensibly() {
        let now = d(2026, 11, 22).and_hms_opt(9, 30, 0).unwrap();
        assert_eq!(parse_datetime("", now), Ok(now));
        assert_eq!(parse_datetime("now", now), Ok(now));
        assert_eq!(
            parse_datetime("14:05", now),
            Ok(d(2026, 11, 22).and_hms_opt(14, 5, 0).unwrap())
        );
        assert_eq!(
            parse_datetime("yesterday 16:00", now),
            Ok(d(2026, 11, 21).and_hms_opt(16, 0, 0).unwrap())
        );
        assert_eq!(
            parse_datetime("20/11/2026", now),
            Ok(d(2026, 11, 20).and_hms_opt(12, 0, 0).unwrap())
        );
        assert!(parse_datetime("25:00", now).is_err());
    }
}
