//! `caseload episode …`: legal episodes, which generate their statutory
//! deadlines from the rule packs.

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;

use super::{output, parse};
use crate::clock;
use crate::domain::text::one_line;
use crate::domain::{Deadline, EpisodeKind, LegalEpisode, NewEpisode};
use crate::rules::RuleSet;
use crate::store::{NewMark, Store};

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
        /// Notes.
        #[arg(long)]
        notes: Option<String>,
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
        #[arg(long)]
        on: String,
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
            notes,
        } => {
            let c = store.resolve_client(&client)?;
            let (start_on, start_at) = parse::date_maybe_time("--start", &start, now)?;
            let (id, _) = store.add_legal_episode_at(
                &NewEpisode {
                    client_id: c.id,
                    kind,
                    start_on,
                    notes,
                },
                start_at,
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
            for v in &views {
                let e = &v.episode;
                println!(
                    "Episode {}: {} from {}{}",
                    e.id,
                    e.kind.label(),
                    e.start_at.map_or_else(
                        || crate::dates::display::date(e.start_on),
                        crate::dates::display::date_time
                    ),
                    e.end_on
                        .map(|d| format!(" to {}", crate::dates::display::date(d)))
                        .unwrap_or_default()
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
        EpisodeCmd::End { episode, on } => {
            let on = parse::date("--on", &on, now.date())?;
            let open_before = open_count(store, episode)?;
            store.end_episode(episode, on, now)?;
            let cancelled = open_before - open_count(store, episode)?;
            println!(
                "Ended episode {episode} on {}; {cancelled} open deadline(s) due after it cancelled (kept, not deleted).",
                crate::dates::display::date(on)
            );
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
        EpisodeCmd::Extend { deadline } => {
            let id = store.extend_deadline(deadline, now)?;
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

fn open_count(store: &Store, episode: i64) -> Result<usize> {
    Ok(store
        .episode_deadlines(episode)?
        .iter()
        .filter(|d| d.completed_on.is_none() && !d.cancelled)
        .count())
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
    d.due_at.map_or_else(
        || crate::dates::display::date(d.due),
        crate::dates::display::date_time,
    )
}
