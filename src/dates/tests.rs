use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

#[test]
fn the_documented_forms_resolve() {
    let today = d(2026, 11, 22); // a Sunday
    let cases = [
        ("2026-12-03", d(2026, 12, 3)),
        ("03/12/2026", d(2026, 12, 3)),
        ("3.12.2026", d(2026, 12, 3)),
        ("3 Dec 2026", d(2026, 12, 3)),
        ("Thu 3 Dec 2026", d(2026, 12, 3)),
        ("3 december 2026", d(2026, 12, 3)),
        ("today", today),
        ("Tomorrow", d(2026, 11, 23)),
        ("+2w", d(2026, 12, 6)),
        ("+3d", d(2026, 11, 25)),
        ("+1m", d(2026, 12, 22)),
        ("-2d", d(2026, 11, 20)),
        ("next tue", d(2026, 12, 1)),
        ("tue", d(2026, 11, 24)),
        ("this tue", d(2026, 11, 24)),
        ("Thu 03/12/2026", d(2026, 12, 3)),
        ("thu 2026-12-03", d(2026, 12, 3)),
        ("sunday", d(2026, 11, 29)),
    ];
    for (input, want) in cases {
        assert_eq!(parse_date(input, today), Ok(want), "{input}");
    }
}

#[test]
fn two_digit_years_are_refused_or_in_the_past_for_a_birth() {
    let today = d(2026, 11, 22);
    let e = parse_date("12/3/85", today).unwrap_err();
    assert!(e.contains("year in full"), "{e}");
    assert!(parse_date("3/12/26", today).is_err());
    let born = |s| resolve_date_for(s, today, DateUse::Birth).map(|r| r.value());
    assert_eq!(born("12/3/85"), Ok(d(1985, 3, 12)));
    assert_eq!(born("1/1/05"), Ok(d(2005, 1, 1)));
    // Later this year in this century would be the future: the last century.
    assert_eq!(born("12/12/26"), Ok(d(1926, 12, 12)));
    assert_eq!(born("22/11/26"), Ok(d(2026, 11, 22)));
    // A four-digit year is never moved.
    assert_eq!(born("1/1/2030"), Ok(d(2030, 1, 1)));
}

#[test]
fn impossible_and_garbage_dates_say_so() {
    let today = d(2026, 11, 22);
    assert!(
        parse_date("2026-02-30", today)
            .unwrap_err()
            .contains("not a real date")
    );
    for bad in [
        "31/02/2026",
        "whenever",
        "",
        "+99999999999w",
        "14",
        "0014-01-01",
        "2026/12/03",
        "3 dec",
        "Fri 3 Dec 2026",
        "next week",
        "Fri 03/12/2026",
        "next 03/12/2026",
        "2pm",
    ] {
        assert!(parse_date(bad, today).is_err(), "{bad:?} should be refused");
    }
    assert!(
        parse_date("Fri 3 Dec 2026", today)
            .unwrap_err()
            .contains("Thursday")
    );
}

#[test]
fn times_are_understood_or_refused_never_now() {
    let now = at(2026, 11, 22, 9, 30);
    let ok = [
        ("2pm", at(2026, 11, 22, 14, 0)),
        ("2 pm", at(2026, 11, 22, 14, 0)),
        ("2:30pm", at(2026, 11, 22, 14, 30)),
        ("12am", at(2026, 11, 22, 0, 0)),
        ("12pm", at(2026, 11, 22, 12, 0)),
        ("noon", at(2026, 11, 22, 12, 0)),
        ("14:05", at(2026, 11, 22, 14, 5)),
        ("9:05", at(2026, 11, 22, 9, 5)),
        ("yesterday 16:00", at(2026, 11, 21, 16, 0)),
        ("20/11/2026 10am", at(2026, 11, 20, 10, 0)),
        ("Fri 20 Nov 2026 10:15", at(2026, 11, 20, 10, 15)),
        ("", now),
        ("now", now),
    ];
    for (input, want) in ok {
        assert_eq!(parse_datetime(input, now), Ok(want), "{input:?}");
    }
    for bad in [
        "14",
        "25:00",
        "13pm",
        "0am",
        "2",
        "9:5",
        "yesterday",
        "20/11/2026",
        "tomorrow at 3",
        "2pm ish",
        "12/3/85 10:00",
    ] {
        assert!(
            parse_datetime(bad, now).is_err(),
            "{bad:?} should be refused"
        );
    }
    assert!(
        parse_datetime("yesterday", now)
            .unwrap_err()
            .contains("time")
    );
}

#[test]
fn what_is_shown_is_what_is_resolved() {
    let now = at(2026, 11, 22, 9, 30);
    let r = resolve_datetime("2pm", now).unwrap();
    assert_eq!(r.shown(), "Sun 22 Nov 2026 14:00");
    assert_eq!(r.value(), at(2026, 11, 22, 14, 0));
}

/// Words a practitioner might type, well formed or not.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("today".to_string()),
        Just("tomorrow".to_string()),
        Just("yesterday".to_string()),
        Just("next".to_string()),
        Just("now".to_string()),
        Just("pm".to_string()),
        Just("am".to_string()),
        Just("noon".to_string()),
        Just("last".to_string()),
        Just("this".to_string()),
        "(mon|tue|wed|thu|fri|sat|sun)[a-z]{0,3}",
        "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,5}",
        "[0-9]{1,4}",
        "[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{1,4}",
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
        "[0-9]{1,2}/[0-9]{1,2}",
        "[0-9]{1,2}[:.][0-9]{1,2}(am|pm)?",
        "[0-9]{1,2}(am|pm)",
        "[+-][0-9]{1,3}[dwmy]",
        "[a-z]{1,6}",
    ]
}

fn tense() -> impl Strategy<Value = Tense> {
    prop_oneof![Just(Tense::Any), Just(Tense::Past), Just(Tense::Planned)]
}

/// A day as people say it, with a time before or after it.
fn spoken() -> impl Strategy<Value = String> {
    let day = prop_oneof![
        "(mon|tue|wed|thu|fri|sat|sun)",
        "last (mon|tue|wed|thu|fri|sat|sun)",
        "(today|yesterday)",
        "([1-9]|[12][0-9]|3[01]) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
        "(0?[1-9]|[12][0-9]|3[01])/(0?[1-9]|1[0-2])",
        "(fri|sat) [1-9] (dec|jan)",
    ];
    let time = prop_oneof!["([01][0-9]|2[0-3])[:.][0-5][0-9]", "([1-9]|1[0-2])(am|pm)"];
    (day, time, any::<bool>()).prop_map(|(d, t, first)| {
        if first {
            format!("{t} {d}")
        } else {
            format!("{d} {t}")
        }
    })
}

fn typed() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..5).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever is accepted is shown, and the shown words, typed back, are
    /// the same value: what is saved equals what was shown.
    #[test]
    fn accepted_datetimes_round_trip_through_what_is_shown(s in typed()) {
        let now = at(2026, 11, 22, 9, 30);
        if let Ok(r) = resolve_datetime(&s, now) {
            prop_assert_eq!(r.shown(), show_dt(r.value()));
            let again = resolve_datetime(r.shown(), now);
            prop_assert_eq!(again.map(|a| a.value()), Ok(r.value()));
        }
    }

    /// The same for a field that looks one way or the other: a contact that
    /// has happened, a visit being planned.
    #[test]
    fn accepted_datetimes_round_trip_for_every_tense(s in typed(), tense in tense()) {
        let now = at(2026, 11, 22, 9, 30);
        if let Ok(r) = resolve_datetime_for(&s, now, tense) {
            prop_assert_eq!(r.shown(), show_dt(r.value()));
            let again = resolve_datetime_for(r.shown(), now, tense);
            prop_assert_eq!(again.map(|a| a.value()), Ok(r.value()));
        }
    }

    /// The way people say a day (`fri`, `last fri`, `4 dec`, `04/12`,
    /// `yesterday`, `today`, a time before or after) never puts a contact
    /// on a day to come, nor a planned visit on a day gone (`last` and
    /// `yesterday` name a past day whatever the field). Only a time later
    /// today can be ahead of now, and the note refuses it as in the future.
    #[test]
    fn a_spoken_day_looks_the_way_the_field_does(s in spoken(), today in 0u64..800) {
        let now = d(2025, 1, 1).and_hms_opt(9, 30, 0).unwrap() + Days::new(today);
        if let Ok(r) = resolve_datetime_for(&s, now, Tense::Past) {
            prop_assert!(r.value().date() <= now.date(), "{} gave {}", s, r.shown());
            if r.value() > now + chrono::Duration::minutes(crate::domain::note::FUTURE_GRACE_MINUTES) {
                prop_assert!(crate::domain::note::contact_time_problem(r.value(), now).is_some());
            }
        }
        let backward = s.contains("last") || s.contains("yesterday");
        if let Ok(r) = resolve_datetime_for(&s, now, Tense::Planned) && !backward {
            prop_assert!(r.value().date() >= now.date(), "{} gave {}", s, r.shown());
        }
    }

    /// The same for dates, for any use.
    #[test]
    fn accepted_dates_round_trip_through_what_is_shown(s in typed(), birth in any::<bool>()) {
        let today = d(2026, 11, 22);
        let use_ = if birth { DateUse::Birth } else { DateUse::Any };
        if let Ok(r) = resolve_date_for(&s, today, use_) {
            prop_assert_eq!(r.shown(), show(r.value()));
            let again = resolve_date_for(r.shown(), today, use_);
            prop_assert_eq!(again.map(|a| a.value()), Ok(r.value()));
        }
    }

    /// A bare number is never a date or a time.
    #[test]
    fn a_bare_number_is_refused(n in 0u32..100_000) {
        let now = at(2026, 11, 22, 9, 30);
        prop_assert!(resolve_datetime(&n.to_string(), now).is_err());
        prop_assert!(resolve_date(&n.to_string(), now.date()).is_err());
    }
}

/// `tue` / `this tue` is the coming Tuesday (within seven days, never
/// today); `next tue` is the Tuesday of next week, weeks running Monday to
/// Sunday with "this week" the week of tomorrow (so on a Sunday, the week
/// starting tomorrow). Checked from every day of a fortnight, for every
/// weekday typed.
#[test]
fn this_and_next_weekday_from_every_day_of_the_week() {
    use chrono::Weekday;
    let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    for offset in 0..14 {
        let today = d(2026, 11, 16) + Days::new(offset); // from a Monday
        let tomorrow = today + Days::new(1);
        let this_monday =
            tomorrow - Days::new(u64::from(tomorrow.weekday().num_days_from_monday()));
        for (i, name) in names.iter().enumerate() {
            let want = Weekday::try_from(u8::try_from(i).unwrap()).unwrap();
            let coming = parse_date(name, today).unwrap();
            assert_eq!(coming.weekday(), want, "{name} from {today}");
            assert!(
                coming > today && coming <= today + Days::new(7),
                "{name} from {today}"
            );
            assert_eq!(parse_date(&format!("this {name}"), today), Ok(coming));
            let next = parse_date(&format!("next {name}"), today).unwrap();
            assert_eq!(next.weekday(), want, "next {name} from {today}");
            assert_eq!(
                next,
                this_monday + Days::new(7 + i as u64),
                "next {name} from {today}"
            );
            // Never today, never more than a fortnight ahead.
            assert!(
                next > today && next <= today + Days::new(14),
                "next {name} from {today}"
            );
        }
    }
    // The case the issue names: typed on Sunday 22 November 2026.
    let sunday = d(2026, 11, 22);
    assert_eq!(parse_date("tue", sunday), Ok(d(2026, 11, 24)));
    assert_eq!(parse_date("next tue", sunday), Ok(d(2026, 12, 1)));
    // Midweek, "next" is next week's even when this week's has passed.
    let wednesday = d(2026, 11, 25);
    assert_eq!(parse_date("next tue", wednesday), Ok(d(2026, 12, 1)));
    assert_eq!(parse_date("next fri", wednesday), Ok(d(2026, 12, 4)));
    assert_eq!(parse_date("fri", wednesday), Ok(d(2026, 11, 27)));
    // On Saturday, Monday is already next week's.
    let saturday = d(2026, 11, 28);
    assert_eq!(parse_date("next mon", saturday), Ok(d(2026, 11, 30)));
}

/// The forms the issue names (25, item 10), typed on Sunday 22 November
/// 2026 at 09:30, worked by hand from a calendar: the last Friday is the
/// 20th, the coming one the 27th; 4 December 2026 is still to come, so a
/// contact on "4 dec" was 4 December 2025.
#[test]
fn dates_the_way_people_say_them() {
    let now = at(2026, 11, 22, 9, 30);
    let cases = [
        ("last fri 10:00", Tense::Past, at(2026, 11, 20, 10, 0)),
        ("last fri 10:00", Tense::Planned, at(2026, 11, 20, 10, 0)),
        ("fri 2pm", Tense::Past, at(2026, 11, 20, 14, 0)),
        ("fri 2pm", Tense::Planned, at(2026, 11, 27, 14, 0)),
        ("fri 2pm", Tense::Any, at(2026, 11, 27, 14, 0)),
        ("2pm fri", Tense::Past, at(2026, 11, 20, 14, 0)),
        ("4 dec 14:00", Tense::Past, at(2025, 12, 4, 14, 0)),
        ("4 dec 14:00", Tense::Planned, at(2026, 12, 4, 14, 0)),
        ("4 dec 14:00", Tense::Any, at(2026, 12, 4, 14, 0)),
        ("04/12 14:00", Tense::Past, at(2025, 12, 4, 14, 0)),
        ("04/12 14:00", Tense::Any, at(2026, 12, 4, 14, 0)),
        ("20 nov 14:00", Tense::Past, at(2026, 11, 20, 14, 0)),
        ("20/11 14:00", Tense::Planned, at(2027, 11, 20, 14, 0)),
        ("today 14.30", Tense::Any, at(2026, 11, 22, 14, 30)),
        ("14.30", Tense::Any, at(2026, 11, 22, 14, 30)),
        ("8.05", Tense::Past, at(2026, 11, 22, 8, 5)),
        ("14:30 yesterday", Tense::Past, at(2026, 11, 21, 14, 30)),
        ("2 pm yesterday", Tense::Past, at(2026, 11, 21, 14, 0)),
        ("Fri 4 Dec 14:00", Tense::Planned, at(2026, 12, 4, 14, 0)),
        ("sun 10am", Tense::Past, at(2026, 11, 15, 10, 0)),
        ("sun 10am", Tense::Planned, at(2026, 11, 29, 10, 0)),
    ];
    for (input, tense, want) in cases {
        let r = resolve_datetime_for(input, now, tense);
        assert_eq!(
            r.as_ref().map(Resolved::value),
            Ok(want),
            "{input:?} {tense:?}"
        );
        // What is shown before saving names the resolved day in full.
        assert_eq!(r.unwrap().shown(), show_dt(want), "{input:?}");
    }
    // 4 December 2025 was a Thursday: the weekday is checked, not trusted.
    let e = resolve_datetime_for("fri 4 dec 14:00", now, Tense::Past).unwrap_err();
    assert!(e.contains("Thursday"), "{e}");
    // 29 February: the last one for a contact, the next one for a plan.
    assert_eq!(
        parse_datetime_for("29/02 10:00", now, Tense::Past),
        Ok(at(2024, 2, 29, 10, 0))
    );
    assert_eq!(
        parse_datetime_for("29 feb 10:00", now, Tense::Planned),
        Ok(at(2028, 2, 29, 10, 0))
    );
    // A date-only field still asks for the year, and says how.
    let e = parse_date("4 dec", now.date()).unwrap_err();
    assert!(e.contains("4 Dec 2026"), "{e}");
    assert!(parse_date("04/12", now.date()).is_err());
    // Still refused: a date with no time, an impossible one.
    assert!(parse_datetime_for("last fri", now, Tense::Past).is_err());
    assert!(parse_datetime_for("31/02 10:00", now, Tense::Past).is_err());
    assert!(parse_datetime_for("14.3", now, Tense::Past).is_err());
}
