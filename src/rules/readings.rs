//! Both readings of a period at a month's end, in words. The date to act by
//! uses the earlier reading and the date a window opens the later one, so
//! neither can mislead; where they differ, both are shown with the reason.

use chrono::NaiveDate;

/// "act by 2027-08-28 (…); window opens 2027-07-01 (…)", or none when
/// there is nothing to say beyond the due date.
#[must_use]
pub fn describe(
    due: NaiveDate,
    later_due: Option<NaiveDate>,
    window_opens: Option<NaiveDate>,
) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(later) = later_due.filter(|l| *l != due) {
        parts.push(format!(
            "act by {due}: the law can be read two ways at the month's end; counted from the \
             expiry day it ends {due}, beginning with the day after it {later}; the earlier is used \
             so the date cannot be missed"
        ));
    }
    if let Some(opens) = window_opens {
        parts.push(format!(
            "window opens {opens} (the later reading, so it cannot open early)"
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn both_readings_are_named_only_where_they_differ() {
        let text = describe(d(2027, 8, 28), Some(d(2027, 8, 31)), Some(d(2027, 7, 1))).unwrap();
        assert!(text.contains("act by 2027-08-28"), "{text}");
        assert!(
            text.contains("beginning with the day after it 2027-08-31"),
            "{text}"
        );
        assert!(text.contains("window opens 2027-07-01"), "{text}");
        assert_eq!(describe(d(2027, 8, 28), Some(d(2027, 8, 28)), None), None);
        assert_eq!(describe(d(2027, 8, 28), None, None), None);
    }
}
