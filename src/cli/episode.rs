//! `caseload episode …`: legal episodes, which generate their statutory
//! deadlines from the rule packs.

use crate::store::prelude::*;
use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;

use super::{output, parse};
use crate::clock;
use crate::domain::text::one_line;
use crate::domain::{Deadline, EpisodeKind, LegalEpisode, NewEpisode};
use crate::rules::RuleSet;
use crate::store::{EpisodeOptions, NewMark, Store};

/// Episode subcommands.
#[derive(Debug, Subcommand)]
pub enum EpisodeCmd {
    /// Add a legal episode to a client; its deadlines are generated.
    Add {
        /// The client: id, record number or part of the name.
        client: String,
        /// The framework (see `caseload rules list` for each kind's rules).
        #[arg(long)]
        kind: EpisodeKind,
        /// Start date, 2026-12-03 or 03/12/2026 (admission, referral, strategy discussion,
        /// the day the child became looked after…); for kinds counted in
        /// hours (s136, s5(2), police protection…) "2026-12-03 14:30".
        #[arg(long)]
        start: String,
        /// The episode this power follows (s136 then s2, s2 then s3, s3 then
        /// CTO…): the law of that transition is applied (`rules show KIND`).
        #[arg(long)]
        follows: Option<i64>,
        /// The end a court, panel or authoriser set, "2027-03-01" (or with a
        /// time), for kinds whose length an order sets (standard DoLS, EPO);
        /// refused beyond the statutory maximum.
        #[arg(long)]
        ends: Option<String>,
        /// Notes.
        #[arg(long)]
        notes: Option<String>,
    },
    /// Link an episode to the one it follows, applying the law of that
    /// transition (undo it with `caseload undo`).
    Link {
        /// The later episode's id.
        episode: i64,
        /// The episode it follows.
        #[arg(long)]
        follows: i64,
    },
    /// Revoke a community treatment order (s17F(4)): the CTO ends, the s3
    /// revives for a fresh 6 months (s17G), with the managers' reference
    /// (s68(7)) and a new right to apply to the tribunal (s66(1)(cb)).
    Revoke {
        /// The CTO episode's id.
        episode: i64,
        /// The date and time of the revocation order, "2026-12-03 14:30".
        #[arg(long)]
        at: String,
    },
    /// List a client's episodes with their deadlines.
    List {
        /// The client: id, record number or part of the name.
        client: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// End an episode: its open deadlines due after the end are cancelled.
    End {
        /// The episode id.
        episode: i64,
        /// The end date (2026-12-03, 03/12/2026, today, +2w, next tue…).
        #[arg(long, required_unless_present = "at", conflicts_with = "at")]
        on: Option<String>,
        /// The end date and time, "2026-12-03 14:30": a clock counted in
        /// hours (s136, s5(4)…) stops at that moment.
        #[arg(long)]
        at: Option<String>,
    },
    /// Correct an episode's start date: its open deadlines are recalculated.
    Move {
        /// The episode id.
        episode: i64,
        /// The new start date, 2026-12-03 or 03/12/2026 (or "2026-12-03 14:30").
        #[arg(long)]
        start: String,
    },
    /// Enter a date on an episode (a hearing, a panel date or decision, a
    /// medical examination, a placement change, a further strategy
    /// discussion); the deadlines counted from it are added.
    Mark {
        /// The episode id.
        episode: i64,
        /// What the date is (the kind's marks are listed if it is wrong).
        mark: String,
        /// The date, 2026-12-03 or 03/12/2026 (or "2026-12-03 14:30").
        #[arg(long)]
        on: String,
        /// What came of it (a panel: agreed, declined, partly-agreed, deferred).
        #[arg(long)]
        outcome: Option<String>,
    },
    /// Extend an open deadline once, where the law allows (s135/s136: 12
    /// hours; urgent DoLS and EPO: 7 days; care proceedings: 8 weeks).
    Extend {
        /// The deadline id (see `caseload episode list`).
        deadline: i64,
        /// The end the extension sets, "2026-12-10" (or with a time for
        /// hours); by default the most the law allows.
        #[arg(long)]
        until: Option<String>,
    },
}

#[derive(Serialize)]
struct EpisodeView {
    #[serde(flatten)]
    episode: LegalEpisode,
    /// Dates entered by hand (`episode mark`).
    marks: Vec<NewMark>,
    deadlines: Vec<Deadline>,
}

/// Runs an episode subcommand.
pub fn run(store: &mut Store, cmd: EpisodeCmd) -> Result<()> {
    let now = clock::now();
    match cmd {
        EpisodeCmd::Add {
            client,
            kind,
            start,
            follows,
            ends,
            notes,
        } => {
            let c = store.resolve_client(&client)?;
            let (start_on, start_at) = parse::date_maybe_time("--start", &start, now)?;
            let ends = ends
                .map(|e| parse::date_maybe_time("--ends", &e, now))
                .transpose()?;
            let open = if follows.is_none() {
                store.may_follow_open(c.id, kind)?
            } else {
                Vec::new()
            };
            let (id, _) = store.add_episode_with(
                &NewEpisode {
                    client_id: c.id,
                    kind,
                    start_on,
                    notes,
                },
                EpisodeOptions {
                    start_at,
                    follows,
                    ends,
                },
                now,
            )?;
            let from = start_at.map_or_else(
                || crate::dates::display::date(start_on),
                crate::dates::display::date_time,
            );
            println!(
                "Added episode {id}: {} for {} from {from}.",
                kind.label(),
                one_line(&c.display_name())
            );
            if let Some(f) = follows {
                journey_words(store, id, f)?;
            }
            for o in &open {
                if let Some(t) = store.rules().succession(o.kind, kind) {
                    println!(
                        "Episode {} ({} from {}) is still open: if this {} follows it, link them with `caseload episode link {id} --follows {}` ({}).",
                        o.id,
                        o.kind.label(),
                        o.started(),
                        kind.label(),
                        o.id,
                        t.does
                    );
                }
            }
            print_deadlines(store.rules(), &store.episode_deadlines(id)?);
            let marks = store.rules().marks_for(kind);
            if !marks.is_empty() {
                println!(
                    "Dates you can enter with `caseload episode mark {id} MARK --on DATE`: {}",
                    marks.join(", ")
                );
            }
        }
        EpisodeCmd::List { client, json } => {
            let c = store.resolve_client(&client)?;
            let mut views = Vec::new();
            for e in store.episodes(c.id)? {
                let deadlines = store.episode_deadlines(e.id)?;
                let marks = store.marks(e.id)?;
                views.push(EpisodeView {
                    episode: e,
                    marks,
                    deadlines,
                });
            }
            if json {
                return output::json(&views);
            }
            if views.is_empty() {
                println!("No legal episodes; add one with `caseload episode add`.");
            }
            let all: Vec<LegalEpisode> = views.iter().map(|v| v.episode.clone()).collect();
            for l in crate::practice::journey::lines(&all) {
                println!("Journey: {l}");
            }
            for v in &views {
                let e = &v.episode;
                println!(
                    "Episode {}: {} from {}{}",
                    e.id,
                    e.kind.label(),
                    e.started(),
                    ended(e)
                );
                for m in &v.marks {
                    println!(
                        "  {} {}{}",
                        m.mark,
                        m.at.map_or_else(
                            || crate::dates::display::date(m.on),
                            crate::dates::display::date_time
                        ),
                        m.outcome
                            .as_deref()
                            .map(|o| format!(": {}", one_line(o)))
                            .unwrap_or_default()
                    );
                }
                print_deadlines(store.rules(), &v.deadlines);
            }
        }
        EpisodeCmd::End { episode, on, at } => {
            let (day, time) = match (on, at) {
                (_, Some(at)) => {
                    let t = parse::date_time("--at", &at, now)?;
                    (t.date(), Some(t))
                }
                (Some(on), None) => (parse::date("--on", &on, now.date())?, None),
                (None, None) => anyhow::bail!("give --on DATE or --at \"DATE TIME\""),
            };
            let cancelled = store.end_episode_at(episode, day, time, now)?;
            println!(
                "Ended episode {episode} {}; {cancelled} open deadline(s) due after it cancelled (kept, not deleted).",
                time.map_or_else(
                    || format!("on {}", crate::dates::display::date(day)),
                    |t| format!("at {}", crate::dates::display::date_time(t))
                )
            );
        }
        EpisodeCmd::Link { episode, follows } => {
            let ids = store.link_episode(episode, follows, now)?;
            journey_words(store, episode, follows)?;
            println!(
                "{} deadline(s) worked out again; undo the link with `caseload undo`.",
                ids.len()
            );
            print_deadlines(store.rules(), &store.episode_deadlines(episode)?);
        }
        EpisodeCmd::Revoke { episode, at } => {
            let at = parse::date_time("--at", &at, now)?;
            let s3 = store.revoke_cto(episode, at, now)?;
            println!(
                "Revoked the CTO (episode {episode}) at {}: the section 3 revives as episode {s3} for 6 months from the revocation (s17G); the managers refer to the tribunal as soon as possible (s68(7)); a new right to apply within 6 months (s66(1)(cb)).",
                crate::dates::display::date_time(at)
            );
            print_deadlines(store.rules(), &store.episode_deadlines(s3)?);
        }
        EpisodeCmd::Mark {
            episode,
            mark,
            on,
            outcome,
        } => {
            let (day, at) = parse::date_maybe_time("--on", &on, now)?;
            let ids = store.add_mark(
                &NewMark {
                    episode_id: episode,
                    mark: mark.trim().to_lowercase(),
                    on: day,
                    at,
                    outcome,
                },
                now,
            )?;
            println!(
                "Recorded {} on {} for episode {episode}; {} deadline(s) added.",
                mark.trim(),
                at.map_or_else(
                    || crate::dates::display::date(day),
                    crate::dates::display::date_time
                ),
                ids.len()
            );
            print_deadlines(store.rules(), &store.episode_deadlines(episode)?);
        }
        EpisodeCmd::Extend { deadline, until } => {
            let until = until
                .map(|u| parse::date_maybe_time("--until", &u, now))
                .transpose()?;
            let id = store.extend_deadline_until(deadline, until, now)?;
            let d = store.deadline(id)?;
            println!(
                "Deadline {deadline} extended: now deadline {id}, due {}.",
                when(&d)
            );
        }
        EpisodeCmd::Move { episode, start } => {
            let (start, start_at) = parse::date_maybe_time("--start", &start, now)?;
            store.change_episode_start_at(episode, start, start_at, now)?;
            println!(
                "Episode {episode} now starts on {}; its open deadlines were recalculated.",
                start_at.map_or_else(
                    || crate::dates::display::date(start),
                    crate::dates::display::date_time
                )
            );
            print_deadlines(store.rules(), &store.episode_deadlines(episode)?);
        }
    }
    Ok(())
}

/// " to 07/12/2026 14:00 (converted)": when and how an episode ended.
fn ended(e: &LegalEpisode) -> String {
    let follows = e
        .follows_id
        .map(|f| format!(", following episode {f}"))
        .unwrap_or_default();
    let Some(when) = e.ended() else {
        return follows;
    };
    match e.end_reason.as_deref() {
        Some(r) => format!(" to {when} ({r}){follows}"),
        None => format!(" to {when}{follows}"),
    }
}

/// Says what following `earlier` did, by the law of the transition.
fn journey_words(store: &Store, later: i64, earlier: i64) -> Result<()> {
    let (l, e) = (store.episode(later)?, store.episode(earlier)?);
    if let Some(t) = store.rules().succession(e.kind, l.kind) {
        println!(
            "Episode {later} ({}) follows episode {earlier} ({}): {}. Source: {}",
            l.kind.label(),
            e.kind.label(),
            t.does,
            t.source
        );
    }
    Ok(())
}

fn print_deadlines(rules: &RuleSet, deadlines: &[Deadline]) {
    let rows: Vec<Vec<String>> = deadlines
        .iter()
        .map(|d| {
            let state = if d.cancelled {
                "cancelled".to_string()
            } else if let Some(on) = d.completed_on {
                format!("done {}", crate::dates::display::date(on))
            } else {
                "open".to_string()
            };
            vec![
                format!("  {}", d.id),
                when(d),
                state,
                d.what.clone(),
                d.rule.clone().unwrap_or_default(),
                d.source.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if rows.is_empty() {
        println!("  (no dated deadlines: visits are worked out from contacts)");
        return;
    }
    output::table(&["  id", "due", "state", "what", "rule", "source"], &rows);
    for d in deadlines
        .iter()
        .filter(|d| d.completed_on.is_none() && !d.cancelled)
    {
        let Some(rule) = d.rule.as_deref() else {
            continue;
        };
        if let Some(text) = rules.readings(rule, d.due, d.later_due, d.window_opens) {
            println!("  {}: {text}", d.id);
        }
    }
}

/// The due date, with its time for periods counted in hours.
fn when(d: &Deadline) -> String {
    crate::domain::when::due_at_words(d.due, d.due_at)
}
