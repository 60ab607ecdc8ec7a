use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, min: u32) -> NaiveDateTime {
    d(2026, 12, 1).and_hms_opt(h, min, 5).unwrap()
}

#[test]
fn uk_is_the_default_and_day_first() {
    assert_eq!(DateStyle::default(), DateStyle::Uk);
    let _g = scoped(DateStyle::Uk);
    assert_eq!(date(d(2026, 12, 1)), "01/12/2026");
    assert_eq!(day_date(d(2026, 12, 1)), "Tue 01/12/2026");
    assert_eq!(date_time(t(14, 30)), "01/12/2026 14:30");
    assert_eq!(date_time_seconds(t(14, 30)), "01/12/2026 14:30:05");
    assert_eq!(day_date_time(t(9, 5)), "Tue 01/12/2026 09:05");
    assert_eq!(short(d(2026, 12, 1)), "01/12");
    assert_eq!(short_day(d(2026, 12, 1)), "Tue 01/12");
    assert_eq!(short_day_time(t(9, 5)), "Tue 01/12 09:05");
    assert_eq!(chart_label(d(2026, 12, 1), 5), "01/12");
    assert_eq!(chart_label(d(2026, 12, 1), 3), "01");
}

#[test]
fn iso_is_year_first_and_never_shortened_to_month_day() {
    let _g = scoped(DateStyle::Iso);
    assert_eq!(date(d(2026, 12, 1)), "2026-12-01");
    assert_eq!(day_date(d(2026, 12, 1)), "Tue 2026-12-01");
    assert_eq!(date_time(t(14, 30)), "2026-12-01 14:30");
    assert_eq!(date_time_seconds(t(14, 30)), "2026-12-01 14:30:05");
    assert_eq!(day_date_time(t(9, 5)), "Tue 2026-12-01 09:05");
    // "12-01" would read as 12 January to a day-first reader.
    assert_eq!(short(d(2026, 12, 1)), "2026-12-01");
    assert_eq!(short_day(d(2026, 12, 1)), "Tue 2026-12-01");
    assert_eq!(short_day_time(t(9, 5)), "Tue 2026-12-01 09:05");
    assert_eq!(chart_label(d(2026, 12, 1), 5), "01");
    assert_eq!(chart_label(d(2026, 12, 1), 10), "2026-12-01");
}

#[test]
fn words_name_the_month_under_both_styles() {
    for style in [DateStyle::Uk, DateStyle::Iso] {
        let _g = scoped(style);
        assert_eq!(words(d(2026, 12, 3)), "Thu 3 Dec 2026");
        assert_eq!(words_time(t(14, 30)), "Tue 1 Dec 2026 14:30");
        assert_eq!(words_long(d(2026, 12, 3)), "Thursday 3 December 2026");
    }
}

#[test]
fn the_scoped_style_reverts_and_is_per_thread() {
    set_style(DateStyle::Uk);
    {
        let _g = scoped(DateStyle::Iso);
        assert_eq!(style(), DateStyle::Iso);
        // Another thread keeps the default.
        let other = std::thread::spawn(style).join().unwrap();
        assert_eq!(other, DateStyle::Uk);
    }
    assert_eq!(style(), DateStyle::Uk);
}

#[test]
fn what_is_shown_parses_back_to_the_same_date() {
    let today = d(2026, 11, 22);
    for style in [DateStyle::Uk, DateStyle::Iso] {
        let _g = scoped(style);
        for day in [d(2026, 1, 2), d(2026, 12, 1), d(2027, 2, 28)] {
            assert_eq!(crate::dates::parse_date(&date(day), today), Ok(day));
            assert_eq!(crate::dates::parse_date(&day_date(day), today), Ok(day));
            let at = day.and_hms_opt(14, 30, 0).unwrap();
            assert_eq!(crate::dates::parse_datetime(&date_time(at), at), Ok(at));
            assert_eq!(crate::dates::parse_datetime(&day_date_time(at), at), Ok(at));
        }
    }
}

/// Every `.format("…")` in the source that shows a day, month or year must
/// be in `src/dates/` (this module), or in a file that writes a machine
/// format, listed here with the reason. A new screen or command that formats
/// a date itself fails this test: call the functions above instead.
#[test]
fn no_date_is_formatted_for_display_outside_this_module() {
    const MACHINE: &[(&str, &str)] = &[
        ("src/domain/deadline.rs", "JSON time to the minute"),
        ("src/export/files.rs", "file names carry the ISO day"),
        ("src/export/json.rs", "the JSON export's made_at"),
        ("src/store/rows.rs", "dates as stored"),
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(root.parent().unwrap())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !rel.ends_with(".rs")
                || rel.starts_with("src/dates/")
                || MACHINE.iter().any(|(f, _)| *f == rel)
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                if shows_a_date(line) {
                    bad.push(format!("{rel}:{}: {}", i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "format dates with crate::dates::display:\n{}",
        bad.join("\n")
    );
}

/// A `format("…")` whose pattern has a date field (day, month, year,
/// weekday) in it.
fn shows_a_date(line: &str) -> bool {
    // The storage formats are for machines; on a screen they would bypass
    // the style.
    if line.contains("format(") && (line.contains("DATE_FMT") || line.contains("DATETIME_FMT")) {
        return true;
    }
    let Some(at) = line.find("format(\"") else {
        return false;
    };
    let pattern = line[at + 8..].split('"').next().unwrap_or("");
    [
        "%Y", "%y", "%m", "%d", "%e", "%b", "%B", "%a", "%A", "%F", "%D", "%x", "%c", "%-d", "%-m",
    ]
    .iter()
    .any(|f| pattern.contains(f))
}

#[test]
fn the_source_check_sees_a_date_pattern_and_not_a_time() {
    assert!(shows_a_date(r#"x.format("%d/%m").to_string()"#));
    assert!(shows_a_date(r#"x.format("%Y-%m-%d %H:%M")"#));
    assert!(!shows_a_date(r#"x.format("%H:%M").to_string()"#));
    assert!(!shows_a_date(r#"format!("{}", x)"#));
    assert!(shows_a_date(
        r"d.format(crate::domain::DATE_FMT).to_string()"
    ));
}
