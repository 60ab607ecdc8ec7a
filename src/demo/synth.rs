//! Large synthetic caseloads for benchmarks: realistic shapes, fictional
//! people, deterministic from a seed, written in one transaction.

use crate::store::prelude::*;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::rng::Rng;
use super::seed::day;
use super::words;
use crate::domain::{
    EpisodeKind, NewAction, NewCarePlan, NewClient, NewDeadline, NewEpisode, NewNetworkMember,
    NewNote, NoteKind, NoteStatus, PlanAction, RiskLevel, Service,
};
use crate::store::{Bulk, Result, Store};

/// How big a caseload to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthOptions {
    /// Clients.
    pub clients: usize,
    /// Notes per client.
    pub notes_per_client: usize,
    /// Deadlines per client.
    pub deadlines_per_client: usize,
    /// PRNG seed: the same seed makes the same caseload.
    pub seed: u64,
}

impl SynthOptions {
    /// `clients` clients with ~100 notes and 10 deadlines each.
    #[must_use]
    pub fn new(clients: usize, seed: u64) -> Self {
        Self {
            clients,
            notes_per_client: 100,
            deadlines_per_client: 10,
            seed,
        }
    }
}

/// What was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SynthSummary {
    /// Clients.
    pub clients: usize,
    /// Notes.
    pub notes: usize,
    /// Deadlines.
    pub deadlines: usize,
}

/// Fills `store` with a synthetic caseload dated relative to `now`, in ONE
/// transaction (all or nothing).
pub fn generate(store: &mut Store, opts: SynthOptions, now: NaiveDateTime) -> Result<SynthSummary> {
    let mut rng = Rng::new(opts.seed);
    store.bulk(now, |b| {
        let mut s = SynthSummary::default();
        for i in 0..opts.clients {
            one_client(b, &mut rng, i, opts, now, &mut s)?;
        }
        Ok(s)
    })
}

fn one_client(
    b: &mut Bulk<'_>,
    rng: &mut Rng,
    index: usize,
    opts: SynthOptions,
    now: NaiveDateTime,
    s: &mut SynthSummary,
) -> Result<()> {
    let today = now.date();
    let children = rng.chance(45);
    let service = if children {
        Service::Children
    } else {
        Service::Adult
    };
    let given = rng.pick(words::GIVEN).to_string();
    let family = format!("{}{}", rng.pick(words::FAMILY_A), rng.pick(words::FAMILY_B));
    let age = if children {
        rng.range(1, 17)
    } else {
        rng.range(18, 88)
    };
    let opened = day(today, -rng.range(30, 1500));
    let risk = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High][rng.below(3)];
    let id = b.client(
        &NewClient {
            given_name: given.clone(),
            family_name: family,
            dob: Some(day(today, -(age * 365 + rng.range(0, 364)))),
            record_no: Some(format!("SYN-{:06}", index + 1)),
            team: Some(
                if children {
                    "Children's Team East"
                } else {
                    "Community Mental Health Team North"
                }
                .into(),
            ),
            service: Some(service),
            visit_every_days: Some([7, 10, 14, 28, 42][rng.below(5)]),
            risk: Some(risk),
            risk_summary: Some(format!("{} risk; see the latest assessment.", risk.label())),
            opened_on: Some(opened),
            ..NewClient::default()
        },
        today,
    )?;
    s.clients += 1;
    let roles = if children {
        words::CHILD_ROLES
    } else {
        words::ROLES
    };
    for _ in 0..rng.range(3, 5) {
        b.member(&NewNetworkMember {
            client_id: id,
            name: format!(
                "{} {}{}",
                rng.pick(words::GIVEN),
                rng.pick(words::FAMILY_A),
                rng.pick(words::FAMILY_B)
            ),
            role: rng.pick(roles).into(),
            phone: Some(format!("01632 {:06}", rng.below(1_000_000))),
            consent_to_share: rng.chance(70),
            ..NewNetworkMember::default()
        })?;
    }
    let kinds: &[EpisodeKind] = if children {
        &[
            EpisodeKind::Cin,
            EpisodeKind::Cp,
            EpisodeKind::Lac,
            EpisodeKind::CfAssessment,
        ]
    } else {
        &[
            EpisodeKind::Cpa,
            EpisodeKind::CareAct,
            EpisodeKind::Cto,
            EpisodeKind::S117,
            EpisodeKind::Dols,
        ]
    };
    let kind = kinds[rng.below(kinds.len())];
    b.episode(
        &NewEpisode {
            client_id: id,
            kind,
            start_on: opened,
            notes: None,
        },
        None,
    )?;
    plans(b, rng, id, opened, now)?;
    notes(
        b,
        rng,
        id,
        &given,
        children,
        opened,
        opts.notes_per_client,
        now,
        s,
    )?;
    deadlines(b, rng, id, opened, opts.deadlines_per_client, today, s)?;
    for _ in 0..2 {
        let due = day(today, rng.range(-10, 30));
        let done = (due < today && rng.chance(60)).then_some(due);
        b.action(
            &NewAction {
                client_id: Some(id),
                what: rng.pick(words::ACTIONS).into(),
                due: Some(due),
            },
            done,
        )?;
    }
    if rng.chance(5) {
        b.close(
            id,
            today.min(day(opened, 400)),
            "Goals met; closed with the client's agreement",
        )?;
    }
    Ok(())
}

fn plans(
    b: &mut Bulk<'_>,
    rng: &mut Rng,
    id: i64,
    opened: NaiveDate,
    now: NaiveDateTime,
) -> Result<()> {
    let versions = rng.range(1, 3);
    let span = (now.date() - opened).num_days().max(1);
    for v in 1..=versions {
        let written = day(opened, span * (v - 1) / versions);
        let plan = NewCarePlan {
            needs: "To feel safe at home and keep my tenancy. To see my family more.".into(),
            outcomes: "Fewer crises; attending appointments; a settled routine.".into(),
            strengths: format!("Good humour; loves {}.", rng.pick(&["cooking", "art", "football", "music", "gardening"])),
            crisis_plan: "Early signs: not sleeping, not answering the phone. Contact the duty team, then the crisis line.".into(),
            next_review: Some(if v == versions {
                day(now.date(), rng.range(-5, 120))
            } else {
                day(written, 180)
            }),
            actions: vec![
                PlanAction { what: "Weekly contact".into(), owner: "Social worker".into(), due: None, done_on: None, id: 0 },
                PlanAction { what: "Benefits check".into(), owner: "Advice service".into(), due: Some(day(written, 28)), done_on: None, id: 0 },
            ],
        };
        b.plan(id, v, &plan, at(written, 15, 0).min(now))?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn notes(
    b: &mut Bulk<'_>,
    rng: &mut Rng,
    id: i64,
    given: &str,
    children: bool,
    opened: NaiveDate,
    count: usize,
    now: NaiveDateTime,
    s: &mut SynthSummary,
) -> Result<()> {
    let span = (now.date() - opened).num_days().max(1);
    let count_i = i64::try_from(count.max(1)).unwrap_or(1);
    for k in 0..count {
        let k_i = i64::try_from(k).unwrap_or(0);
        // Spread over the life of the case, in working hours.
        let d = day(
            opened,
            span * k_i / count_i + rng.range(0, (span / count_i).max(1) - 1),
        );
        let hour = u32::try_from(rng.range(9, 17)).unwrap_or(9);
        let minute = u32::try_from(rng.range(0, 11) * 5).unwrap_or(0);
        let occurred = at(d, hour, minute).min(now);
        let written = (occurred + Duration::minutes(rng.range(30, 60 * 30))).min(now);
        let draft = k + 2 >= count && rng.chance(25);
        let (kind, text) = body(rng, given, children);
        b.note(
            &NewNote {
                client_id: id,
                kind: Some(kind),
                outcome: super::written_outcome(kind),
                occurred_at: occurred,
                location: None,
                present: None,
                body: text,
                significant: rng.chance(10),
            },
            written,
            if draft {
                NoteStatus::Draft
            } else {
                NoteStatus::Final
            },
        )?;
        s.notes += 1;
    }
    Ok(())
}

fn deadlines(
    b: &mut Bulk<'_>,
    rng: &mut Rng,
    id: i64,
    opened: NaiveDate,
    count: usize,
    today: NaiveDate,
    s: &mut SynthSummary,
) -> Result<()> {
    let span = (today - opened).num_days() + 180;
    let count_i = i64::try_from(count.max(1)).unwrap_or(1);
    for k in 0..count {
        let k_i = i64::try_from(k).unwrap_or(0);
        let due = day(opened, span * (k_i + 1) / count_i - rng.range(0, 20));
        // Old deadlines were met; a few recent ones are still open (overdue).
        let recent = (today - due).num_days() <= 45;
        let completed = (due < today && !(recent && rng.chance(30))).then_some((due, "Done"));
        b.deadline(
            &NewDeadline {
                client_id: Some(id),
                what: rng.pick(words::DEADLINES).into(),
                due: Some(due),
                weight: Some([10, 10, 20, 50][rng.below(4)]),
                ..NewDeadline::default()
            },
            completed,
        )?;
        s.deadlines += 1;
    }
    Ok(())
}

/// A kind of contact and a multi-sentence note body from the templates.
fn body(rng: &mut Rng, given: &str, children: bool) -> (NoteKind, String) {
    let (open, mid) = if children {
        (words::CHILD_OPEN, words::CHILD_MID)
    } else {
        (words::ADULT_OPEN, words::ADULT_MID)
    };
    let mut out = String::with_capacity(480);
    let (kind, opener) = open[rng.below(open.len())];
    fill(&mut out, opener, rng, given);
    for _ in 0..rng.range(2, 4) {
        out.push(' ');
        fill(&mut out, rng.pick(mid), rng, given);
    }
    if rng.chance(60) {
        out.push(' ');
        fill(&mut out, rng.pick(words::RISK), rng, given);
    }
    out.push_str("\n\n");
    fill(&mut out, rng.pick(words::CLOSE), rng, given);
    (kind.parse().unwrap_or(NoteKind::Other), out)
}

/// Appends `template` to `out`, replacing `{key}` with a random entry.
fn fill(out: &mut String, template: &str, rng: &mut Rng, given: &str) {
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return;
        };
        let key = &after[..end];
        if key == "n" {
            out.push_str(given);
        } else if let Some((_, list)) = words::LISTS.iter().find(|(k, _)| *k == key) {
            out.push_str(rng.pick(list));
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
}

fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_opener_names_a_real_kind_of_contact() {
        for (code, _) in words::ADULT_OPEN.iter().chain(words::CHILD_OPEN) {
            assert!(code.parse::<NoteKind>().is_ok(), "{code}");
        }
    }

    #[test]
    fn templates_fill_every_slot() {
        let mut rng = Rng::new(3);
        for _ in 0..200 {
            let children = rng.chance(50);
            let (_, b) = body(&mut rng, "Ada", children);
            assert!(!b.contains('{') && !b.contains('}'), "{b}");
            assert!(b.matches(". ").count() >= 2, "{b}");
        }
    }
}
