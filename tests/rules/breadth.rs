//! Issue 12: hours, the new kinds, the law as it changes, windows that must
//! not open early. One hand-worked row per new rule, with its citation in
//! the comment, across bank holidays, month ends, a leap day and the nights
//! the clocks change.

use super::{d, rules};
use caseload::domain::EpisodeKind;
use caseload::rules::engine::Target;
use caseload::rules::{EpisodeStart, RuleSet};
use chrono::{NaiveDate, NaiveDateTime};

type Ymd = (i32, u32, u32);
type Ymdhm = (i32, u32, u32, u32, u32);

pub fn t((y, m, dd, h, min): Ymdhm) -> NaiveDateTime {
    d(y, m, dd).and_hms_opt(h, min, 0).unwrap()
}

const T: Target = Target {
    client_id: 1,
    episode_id: Some(1),
    dob: None,
};

/// Rules counted in hours: (rule, kind, start, ends by the wall clock).
#[rustfmt::skip]
pub const HOURS: &[(&str, EpisodeKind, Ymdhm, Ymdhm)] = &[
    // MHA s136(2A): 24 hours from arrival. 23:30 BST Sat 24 Oct 2026 is
    // 22:30 UTC; the clocks go back at 01:00 UTC on Sun 25 Oct; 24 real
    // hours later is 22:30 UTC = 22:30 GMT on the Sunday.
    ("mha-s136-expiry", EpisodeKind::MhaS136, (2026, 10, 24, 23, 30), (2026, 10, 25, 22, 30)),
    // MHA s135(3ZA): 24 hours, over a month and year end: 18:00 31 Dec -> 18:00 1 Jan.
    ("mha-s135-expiry", EpisodeKind::MhaS135, (2026, 12, 31, 18, 0), (2027, 1, 1, 18, 0)),
    // MHA s5(2): 72 hours from 23:30 BST Sat 24 Oct 2026 (22:30 UTC) =
    // 22:30 UTC Tue 27 Oct = 22:30 GMT.
    ("mha-s5-2-expiry", EpisodeKind::MhaS5_2, (2026, 10, 24, 23, 30), (2026, 10, 27, 22, 30)),
    // MHA s5(4): 6 hours from 00:30 GMT Sun 29 Mar 2026; the clocks go
    // forward at 01:00 UTC: 06:30 UTC = 07:30 BST.
    ("mha-s5-4-expiry", EpisodeKind::MhaS5_4, (2026, 3, 29, 0, 30), (2026, 3, 29, 7, 30)),
    // MHA s25(1): the order received 16:45 BST Fri 23 Oct 2026 (15:45 UTC);
    // 72 real hours later is 15:45 UTC Mon 26 Oct, after the clocks went
    // back: 15:45 GMT.
    ("mha-s25-bar", EpisodeKind::NrDischargeOrder, (2026, 10, 23, 16, 45), (2026, 10, 26, 15, 45)),
    // MHA s4(4): 72 hours from 14:00 Mon 28 Feb 2028, over the leap day:
    // 29 Feb, 1 Mar, 2 Mar 14:00.
    ("mha-s4-expiry", EpisodeKind::MhaS4, (2028, 2, 28, 14, 0), (2028, 3, 2, 14, 0)),
    // MHA s17F: 72 hours from 12:00 GMT Sat 27 Mar 2027; BST from 01:00
    // UTC Sun 28 Mar: 12:00 UTC Tue 30 Mar = 13:00 BST.
    ("cto-recall-expiry", EpisodeKind::CtoRecall, (2027, 3, 27, 12, 0), (2027, 3, 30, 13, 0)),
    // Children Act 1989 s46(6): 72 hours from 10:00 Sat 29 Aug 2026, over
    // the August bank holiday (hours do not stop for it): 10:00 Tue 1 Sep.
    ("police-protection-expiry", EpisodeKind::PoliceProtection, (2026, 8, 29, 10, 0), (2026, 9, 1, 10, 0)),
];

/// Dated rules: (rule, counted from, first due dates of the chain assuming
/// each is done on its due date).
#[rustfmt::skip]
pub const DATES: &[(&str, Ymd, &[Ymd])] = &[
    // MHA s20(1)-(2) (guardianship): accepted 31 Aug 2026; no 31 Feb, so
    // 28 Feb 2027; renewed from the expiration: 28 Aug 2027; then a year.
    ("guardianship-expiry", (2026, 8, 31), &[(2027, 2, 28), (2027, 8, 28), (2028, 8, 28)]),
    // MHA s11(5): seen Sat 26 Feb 2028; 14 days ending with the application:
    // 26, 27, 28, 29 Feb (leap day), 1-10 Mar = 14 days -> 10 Mar.
    ("amhp-application-seen", (2028, 2, 26), &[(2028, 3, 10)]),
    // MHA s12(1): first examination 27 Feb 2028; not more than 5 days
    // between: 28, 29 Feb, 1, 2, 3 Mar -> 3 Mar.
    ("amhp-second-medical", (2028, 2, 27), &[(2028, 3, 3)]),
    // MHA s6(1)(a): last examination 20 Dec 2026; 14 days beginning with it
    // (calendar days, bank holidays count): 20-31 Dec (12), 1, 2 Jan.
    ("amhp-admission", (2026, 12, 20), &[(2027, 1, 2)]),
    // MHA s68(1)-(2): admitted 31 Aug 2026, 6 months beginning with it: 28 Feb 2027.
    ("mha-s68-first", (2026, 8, 31), &[(2027, 2, 28)]),
    // MHA s68(6): 3 years from the last consideration, 28 Feb 2027 ->
    // 28 Feb 2030 -> 28 Feb 2033.
    ("mha-s68-repeat", (2027, 2, 28), &[(2030, 2, 28), (2033, 2, 28)]),
    // MHA s68(1)(c), (2): a CTO alone, made 31 Aug 2026: 6 months
    // beginning with it, 28 Feb 2027.
    ("mha-s68-community", (2026, 8, 31), &[(2027, 2, 28)]),
    // MHA s68(7): as soon as possible after revocation: the day itself.
    ("mha-s68-revocation", (2026, 8, 5), &[(2026, 8, 5)]),
    // HESC r37(1): received Thu 24 Dec 2026; within 7 days after that day
    // (Christmas and Boxing Day count): 31 Dec.
    ("mha-tribunal-s2-hearing", (2026, 12, 24), &[(2026, 12, 31)]),
    // MHA s66(2)(c), (f): guardianship accepted 31 Aug 2026: 28 Feb 2027
    // (no 31 Feb), then each renewal period: 28 Aug 2027, 28 Aug 2028.
    ("guardianship-tribunal", (2026, 8, 31), &[(2027, 2, 28), (2027, 8, 28), (2028, 8, 28)]),
    // MHA s66(2)(d): told Thu 3 Feb 2028; 28 days beginning with it: 3-29
    // Feb (leap year) is 27 days, so 1 Mar.
    ("mha-s66-g-nr", (2028, 2, 3), &[(2028, 3, 1)]),
    // MHA s29(4)(a): the day the application is disposed of.
    ("mha-s29-s2-disposed", (2027, 1, 5), &[(2027, 1, 5)]),
    // MHA s29(4)(b): an order on 28 Dec 2026, a further 7 days: 4 Jan 2027.
    ("mha-s29-s2-order", (2026, 12, 28), &[(2027, 1, 4)]),
    // MHA s18(4): absent from 31 Aug 2026; 6 months beginning with it: 28 Feb 2027.
    ("mha-s18-awol-limit", (2026, 8, 31), &[(2027, 2, 28)]),
    // MHA s21B(2): returned Mon 28 Dec 2026; a week beginning with it: 3 Jan 2027.
    ("mha-s21b-report", (2026, 12, 28), &[(2027, 1, 3)]),
    // MHA s17(2A): leave from Sat 26 Feb 2028: 7 consecutive days are 26,
    // 27, 28, 29 Feb, 1, 2, 3 Mar.
    ("mha-s17-leave-cto", (2028, 2, 26), &[(2028, 3, 3)]),
    // MHA s35(7): remanded 1 Dec 2026: 28 days beginning with it, 28 Dec;
    // further remands of 28 days from the expiry: 25 Jan, 22 Feb 2027 (day
    // 84: 12 weeks in all); no more.
    ("mha-s35-remand", (2026, 12, 1), &[(2026, 12, 28), (2027, 1, 25), (2027, 2, 22)]),
    // MHA s36(6): remanded 31 Jan 2027: 27 Feb, 27 Mar, 24 Apr 2027.
    ("mha-s36-remand", (2027, 1, 31), &[(2027, 2, 27), (2027, 3, 27), (2027, 4, 24)]),
    // MHA s40(4), s20: order 31 Aug 2026: 28 Feb 2027, 28 Aug 2027, 28 Aug 2028.
    ("mha-s37-expiry", (2026, 8, 31), &[(2027, 2, 28), (2027, 8, 28), (2028, 8, 28)]),
    // MHA s66(1)(f), (2)(f) with Sch 1 Pt 1: order 31 Aug 2026; no window in
    // the first period (to 28 Feb 2027, no 31 Feb); each window is a renewal
    // period, ending as the order's expiry does: 28 Aug 2027 (6 months from
    // the 28 Feb expiry, the earliest reading), 28 Aug 2028, 28 Aug 2029.
    ("mha-s37-tribunal", (2026, 8, 31), &[(2027, 8, 28), (2028, 8, 28), (2029, 8, 28)]),
    // MHA s66(2)(g): an s29 order on 29 Feb 2028: 12 months beginning with
    // it end 28 Feb 2029; the next 12 months from that expiry: 28 Feb 2030.
    ("mha-s66-h-displaced-nr", (2028, 2, 29), &[(2029, 2, 28), (2030, 2, 28)]),
    // MHA s70: order 15 Jan 2027: the window closes at the end of 12 months
    // beginning with it, 14 Jan 2028.
    ("mha-s70-first", (2027, 1, 15), &[(2028, 1, 14)]),
    // MHA s71(2): 3 years from the order of 15 Jan 2027, then from each
    // consideration: 15 Jan 2030, 15 Jan 2033.
    ("mha-s71-reference", (2027, 1, 15), &[(2030, 1, 15), (2033, 1, 15)]),
    // MHA s47(2): given Sat 19 Dec 2026; 14 days beginning with it: 1 Jan 2027.
    ("mha-s47-admission", (2026, 12, 19), &[(2027, 1, 1)]),
    // Tribunal Rules 2008 r32(6) + PD: received Mon 21 Dec 2026, 3 weeks
    // after (over Christmas; weeks do not stop) -> Mon 11 Jan 2027.
    ("mha-tribunal-reports", (2026, 12, 21), &[(2027, 1, 11)]),
    // r37: the hearing day itself.
    ("mha-tribunal-hearing", (2027, 1, 20), &[(2027, 1, 20)]),
    // Local: 5 working days before a hearing on Tue 5 Jan 2027: Mon 4 (1),
    // Fri 1 Jan holiday, 31 (2), 30 (3), 29 (4), Mon 28 substitute Boxing
    // Day and Fri 25 Christmas, Thu 24 Dec (5).
    ("mha-tribunal-prep", (2027, 1, 5), &[(2026, 12, 24)]),
    // SEC Rules 2008 r5(3)(d): the evidence date itself.
    ("benefit-appeal-evidence", (2027, 2, 26), &[(2027, 2, 26)]),
    // Local: 5 working days before Tue 5 May 2026: Mon 4 May is the early
    // May bank holiday; 1 May (1), 30 Apr (2), 29 (3), 28 (4), 27 (5).
    ("benefit-appeal-evidence-reminder", (2026, 5, 5), &[(2026, 4, 27)]),
    // SEC Rules r27-29: the hearing day itself.
    ("benefit-appeal-hearing", (2027, 3, 1), &[(2027, 3, 1)]),
    // Local: 7 days before Wed 1 Mar 2028 (leap year): 23 Feb 2028.
    ("benefit-appeal-hearing-reminder", (2028, 3, 1), &[(2028, 2, 23)]),
    // MCA Sch A1 para 78: 7 days beginning with Sat 26 Feb 2028: 26, 27,
    // 28, 29 Feb, 1, 2, 3 Mar.
    ("dols-urgent-expiry", (2028, 2, 26), &[(2028, 3, 3)]),
    // DoLS Regs 2008 reg 13(1): 21 days beginning with receipt on Thu 10
    // Dec 2026: 10-31 Dec is 22 days, so 30 Dec (over Christmas: calendar days).
    ("dols-request-assessments", (2026, 12, 10), &[(2026, 12, 30)]),
    // Local: 10 working days after Thu 17 Dec 2026: 18 (1), 21-24 (5),
    // 29-31 (8), 4 Jan (9), 5 Jan (10); 25, 28 Dec and 1 Jan are holidays.
    ("funding-panel-listed", (2026, 12, 17), &[(2027, 1, 5)]),
    // Local: 5 working days before a panel on Thu 7 Jan 2027: 6, 5, 4 (3),
    // 1 Jan holiday, 31 (4), 30 Dec (5).
    ("funding-panel-papers", (2027, 1, 7), &[(2026, 12, 30)]),
    ("funding-panel-date", (2027, 1, 7), &[(2027, 1, 7)]),
    // Local: 28 days from a refusal on 31 Jan 2027 -> 28 Feb 2027.
    ("funding-panel-appeal", (2027, 1, 31), &[(2027, 2, 28)]),
    // Local: 5 working days after Fri 1 May 2026 (Mon 4 May bank holiday):
    // 5-8 (4), 11 May (5); chased 11 May: 12-15, 18 May.
    ("advocacy-chase", (2026, 5, 1), &[(2026, 5, 11), (2026, 5, 18)]),
    // Care Act s42, local: 2 working days after Thu 24 Dec 2026: 25 and 28
    // Dec are holidays: 29 (1), 30 (2).
    ("s42-decision", (2026, 12, 24), &[(2026, 12, 30)]),
    // Local: 5 working days after 30 Dec 2026: 31 (1), 1 Jan holiday, 4-7 (5).
    ("s42-planning", (2026, 12, 30), &[(2027, 1, 7)]),
    // Local: 20 working days after 30 Dec 2026: 31 (1), 4-8 (6), 11-15
    // (11), 18-22 (16), 25-28 Jan (20).
    ("s42-outcome", (2026, 12, 30), &[(2027, 1, 28)]),
    // CPPCR Regs 2010 reg 28(2)(a): placement change Wed 23 Dec 2026, within one week -> 30 Dec.
    ("lac-visit-placement-change", (2026, 12, 23), &[(2026, 12, 30)]),
    // reg 28(3): weekly from Fri 25 Feb 2028: 26, 27, 28, 29 Feb, 1, 2, 3
    // Mar -> 3 Mar; then 10 Mar.
    ("lac-visit-weekly", (2028, 2, 25), &[(2028, 3, 3), (2028, 3, 10)]),
    // reg 7 + 2015 guidance: 20 working days after Fri 11 Dec 2026 -> 13 Jan 2027.
    ("lac-health-initial", (2026, 12, 11), &[(2027, 1, 13)]),
    // reg 7(4): yearly from 5: done 31 Jan 2027 -> 31 Jan 2028 -> 31 Jan 2029.
    ("lac-health-review", (2027, 1, 31), &[(2028, 1, 31), (2029, 1, 31)]),
    // 2018 guidance para 51: 20 school (working) days after Mon 14 Dec 2026:
    // 15-18 (4), 21-24 (8), 29-31 (11), 4-8 (16), 11-14 Jan (20).
    ("lac-pep", (2026, 12, 14), &[(2027, 1, 14)]),
    // Termly (local 3 months): 30 Nov 2027 -> no 30 Feb 2028, so the last
    // day of February, the leap day 29 Feb 2028; then 29 May 2028.
    ("lac-pep-review", (2027, 11, 30), &[(2028, 2, 29), (2028, 5, 29)]),
    // Care Leavers Regs 2010 reg 8(2)(a): 7 days from 25 Feb 2028 -> 3 Mar.
    ("care-leaver-pa-first-visit", (2028, 2, 25), &[(2028, 3, 3)]),
    // CA 1989 s47 + WT 2023: as cp-icpc, 15 working days from Thu 26 Mar
    // 2026 over Easter -> 20 Apr 2026.
    ("s47-icpc", (2026, 3, 26), &[(2026, 4, 20)]),
    // CA 1989 s32(1)(a)(ii): 26 weeks beginning with Mon 4 Jan 2027: the
    // 26th week ends Sun 4 Jul 2027.
    ("care-proceedings-26-weeks", (2027, 1, 4), &[(2027, 7, 4)]),
    // CA 1989 s45(1): 8 days beginning with Mon 28 Dec 2026 (a bank
    // holiday): 28 Dec - 4 Jan 2027.
    ("epo-expiry", (2026, 12, 28), &[(2027, 1, 4)]),
];

#[test]
fn every_new_rule_matches_the_dates_worked_by_hand() {
    let set = rules();
    for (id, (y, m, day), want) in DATES {
        let rule = set.rule(id).unwrap_or_else(|| panic!("no rule {id}"));
        let want: Vec<NaiveDate> = want.iter().map(|(y, m, dd)| d(*y, *m, *dd)).collect();
        let got = set.chain_dates(rule, d(*y, *m, *day), want.len());
        assert_eq!(got, want, "rule {id}");
    }
}

#[test]
fn hours_are_real_hours_across_the_clocks_changing() {
    let set = rules();
    for (id, kind, start, end) in HOURS {
        let start = EpisodeStart {
            on: t(*start).date(),
            at: Some(t(*start)),
        };
        let got = set.initial_deadlines(*kind, start, T);
        let g = got
            .iter()
            .find(|g| g.deadline.rule.as_deref() == Some(*id))
            .unwrap_or_else(|| panic!("{id} not generated"));
        assert_eq!(g.due_at, Some(t(*end)), "rule {id}");
        assert_eq!(g.deadline.due, Some(t(*end).date()), "rule {id}");
    }
}

#[test]
fn every_shipped_rule_has_a_source_a_version_period_and_a_row() {
    let set = rules();
    for r in set.rules() {
        assert!(!r.source.trim().is_empty(), "{}", r.id);
        assert!(
            r.in_force_from.is_some() || r.commencement.is_some(),
            "{} states no period of law",
            r.id
        );
        if r.is_visit() || r.commencement.is_some() {
            continue;
        }
        let listed = super::CHAINS.iter().any(|(id, _, _)| *id == r.id)
            || DATES.iter().any(|(id, _, _)| *id == r.id)
            || HOURS.iter().any(|(id, _, _, _)| *id == r.id);
        assert!(listed, "no hand-worked row for {}", r.id);
    }
}

pub fn commenced(on: NaiveDate) -> RuleSet {
    let mut set = rules();
    assert!(set.commence("mha-2025-detention-periods", Some(on)));
    set
}

#[test]
fn the_mha_2025_periods_are_not_in_force_until_commenced() {
    let set = rules();
    let today = set.rule_on("mha-s3-expiry", d(2030, 1, 1)).unwrap();
    assert_eq!(
        today.then,
        vec![6, 12],
        "the 1983 periods stay without a date"
    );
    let waiting = set.versions("mha-s3-expiry");
    assert_eq!(waiting.len(), 2);
    assert!(!set.in_force_on(waiting[1], d(2030, 1, 1)));
    // Admitted 15 Jan 2027, no commencement: 14 Jul 2027, 14 Jan 2028, 14 Jan 2029.
    let s3 = set.rule("mha-s3-expiry").unwrap();
    assert_eq!(
        set.chain_dates(s3, d(2027, 1, 15), 3),
        vec![d(2027, 7, 14), d(2028, 1, 14), d(2029, 1, 14)]
    );

    let set = commenced(d(2027, 10, 1));
    assert_eq!(
        set.rule_on("mha-s3-expiry", d(2027, 9, 30)).unwrap().then,
        vec![6, 12]
    );
    assert_eq!(
        set.rule_on("mha-s3-expiry", d(2027, 10, 1)).unwrap().then,
        vec![3, 6]
    );
    // An existing detention (admitted 15 Jan 2027) follows the transitional
    // rule: the period running on 1 Oct 2027 (15 Jul 2027 - 14 Jan 2028,
    // 6 months under the 1983 Act) runs its course; the next period begins
    // 15 Jan 2028, after commencement, and takes the new length for the
    // third period: 6 months (not 12) -> 14 Jul 2028.
    let s3 = set.rule_on("mha-s3-expiry", d(2027, 1, 15)).unwrap();
    assert_eq!(
        set.chain_dates(s3, d(2027, 1, 15), 3),
        vec![d(2027, 7, 14), d(2028, 1, 14), d(2028, 7, 14)]
    );
    // A new detention from 1 Oct 2027: 6 months -> 31 Mar 2028; then 3
    // months from the expiration -> 30 Jun 2028; then 6 -> 30 Dec 2028.
    let s3 = set.rule_on("mha-s3-expiry", d(2027, 10, 1)).unwrap();
    assert_eq!(
        set.chain_dates(s3, d(2027, 10, 1), 3),
        vec![d(2028, 3, 31), d(2028, 6, 30), d(2028, 12, 30)]
    );
}

#[test]
fn a_window_opens_on_the_later_reading_and_acting_uses_the_earlier() {
    let set = rules();
    let s3 = set.rule("mha-s3-expiry").unwrap();
    // Admitted 1 Sep 2026: expires 28 Feb 2027 (both readings agree); the
    // renewal examination window, the last 2 months, opens 1 Jan 2027, not
    // 29 Dec 2026.
    let chain = set.chain(s3, d(2026, 9, 1), 2);
    assert_eq!(chain[0].deadline.due, Some(d(2027, 2, 28)));
    assert_eq!(chain[0].window_opens, Some(d(2027, 1, 1)));
    assert_eq!(chain[0].later_due, None);
    // Renewed from the expiration of 28 Feb 2027: act by 28 Aug 2027
    // (counted from the expiry day); beginning with 1 Mar it would end 31
    // Aug, so the window opens on that reading: 1 Jul 2027.
    assert_eq!(chain[1].deadline.due, Some(d(2027, 8, 28)));
    assert_eq!(chain[1].later_due, Some(d(2027, 8, 31)));
    assert_eq!(chain[1].window_opens, Some(d(2027, 7, 1)));
    // The tribunal window opens on the day the period begins.
    let trib = set.rule("mha-s3-tribunal").unwrap();
    let chain = set.chain(trib, d(2026, 9, 1), 2);
    assert_eq!(chain[0].window_opens, Some(d(2026, 9, 1)));
    assert_eq!(chain[1].window_opens, Some(d(2027, 3, 1)));
}

#[test]
fn the_readme_rule_table_lists_every_kind_and_rule_with_a_period_and_source() {
    let readme = include_str!("../../docs/rules.md");
    let start = readme.find("| family | episode kind | rule id |").unwrap();
    let table: Vec<&str> = readme[start..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .collect();
    for kind in EpisodeKind::ALL {
        let code = format!("`{}`", kind.as_str());
        let row = table
            .iter()
            .find(|l| l.split('|').nth(2).is_some_and(|c| c.trim() == code))
            .unwrap_or_else(|| panic!("no docs/rules.md row for {code}"));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        assert!(!cells[4].is_empty() && !cells[5].is_empty(), "{row}");
    }
    let set = rules();
    let text = table.join("\n");
    for id in set.rule_ids() {
        assert!(
            text.contains(&format!("`{id}`")),
            "docs/rules.md table lacks {id}"
        );
    }
}
