//! Both readings of a period at a month's end, in words. The date to act by
//! uses the earlier reading and the date a window opens the later one, so
//! neither can mislead; where they differ, both are shown with the reason.

use chrono::NaiveDate;

use super::pack::RuleSet;
use super::period::window_start;

impl RuleSet {
    /// Both readings of a deadline of rule `id`, in words, where they
    /// differ: the act-by date (`due`, earlier reading, beside `later_due`)
    /// and the window's opening (`window_opens`, later reading, beside the
    /// day counted back from the corresponding day).
    #[must_use]
    pub fn readings(
        &self,
        id: &str,
        due: NaiveDate,
        later_due: Option<NaiveDate>,
        window_opens: Option<NaiveDate>,
    ) -> Option<String> {
        let earlier_opens = self.rule(id).and_then(|r| {
            let w = r.window?;
            window_start(due, w, r.window_unit.unwrap_or(r.unit), &self.calendar)
        });
        describe(due, later_due, window_opens, earlier_opens)
    }
}

/// "act by 28/08/2027 (…); window opens 01/07/2027 (…)", or none when
/// both readings agree.
#[must_use]
pub fn describe(
    due: NaiveDate,
    later_due: Option<NaiveDate>,
    window_opens: Option<NaiveDate>,
    earlier_opens: Option<NaiveDate>,
) -> Option<String> {
    let mut parts = Vec::new();
    let show = crate::dates::display::date;
    if let Some(later) = later_due.filter(|l| *l != due) {
        let (due, later) = (show(due), show(later));
        parts.push(format!(
            "act by {due}: the law can be read two ways at the month's end; counted from the \
             expiry day it ends {due}, beginning with the day after it {later}; the earlier is used \
             so the date cannot be missed"
        ));
    }
    if let (Some(opens), Some(earlier)) = (window_opens, earlier_opens)
        && opens != earlier
    {
        let (opens, earlier) = (show(opens), show(earlier));
        parts.push(format!(
            "window opens {opens}: counted back from the corresponding day it would open \
             {earlier}; the later is used so it cannot open early"
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
        let text = describe(
            d(2027, 8, 28),
            Some(d(2027, 8, 31)),
            Some(d(2027, 7, 1)),
            Some(d(2027, 6, 29)),
        )
        .unwrap();
        assert!(text.contains("act by 28/08/2027"), "{text}");
        assert!(
            text.contains("beginning with the day after it 31/08/2027"),
            "{text}"
        );
        assert!(text.contains("window opens 01/07/2027"), "{text}");
        assert!(text.contains("would open 29/06/2027"), "{text}");
        let same = Some(d(2027, 6, 29));
        assert_eq!(
            describe(d(2027, 8, 28), Some(d(2027, 8, 28)), same, same),
            None
        );
        assert_eq!(describe(d(2027, 8, 28), None, None, None), None);
        // Through the rule: admitted 1 Sep 2026, expiry 28 Feb 2027.
        let set = RuleSet::embedded().unwrap();
        let text = set
            .readings("mha-s3-expiry", d(2027, 2, 28), None, Some(d(2027, 1, 1)))
            .unwrap();
        assert!(text.contains("window opens 01/01/2027"), "{text}");
        assert!(text.contains("would open 29/12/2026"), "{text}");
        let trib = set.readings("mha-s3-tribunal", d(2027, 2, 28), None, Some(d(2026, 9, 1)));
        assert_eq!(trib, None);
    }
}
