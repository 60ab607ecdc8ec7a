//! `caseload episode …`: legal episodes, which generate their statutory
//! deadlines from the rule packs.

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;

use super::output;
use crate::clock;
use crate::domain::text::one_line;
use crate::domain::validate::parse_date;
use crate::domain::{Deadline, EpisodeKind, LegalEpisode, NewEpisode};
use crate::rules::{RuleSet, hours};
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
        /// Start date, YYYY-MM-DD (admission, referral, strategy discussion,
        /// the day the child became looked after…); for kinds counted in
        /// hours (s136, s5(2), police protection…) "YYYY-MM-DD HH:MM".
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
        /// The end date, YYYY-MM-DD.
        #[arg(long)]
        on: String,
    },
    /// Correct an episode's start date: its open deadlines are recalculated.
    Move {
        /// The episode id.
        episode: i64,
        /// The new start date, YYYY-MM-DD (or "YYYY-MM-DD HH:MM").
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
        /// The date, YYYY-MM-DD (or "YYYY-MM-DD HH:MM").
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

/// A start typed as a date, or a date and a time.
fn parse_start(
    field: &'static str,
    text: &str,
) -> Result<(chrono::NaiveDate, Option<chrono::NaiveDateTime>)> {
    if let Some(t) = hours::parse_local(text) {
        return Ok((t.date(), Some(t)));
    }
    Ok((parse_date(field, text)?, None))
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
            let (start_on, start_at) = parse_start("start", &start)?;
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
            let from = start_at.map_or(start_on.to_string(), |t| {
                t.format("%Y-%m-%d %H:%M").to_string()
            });
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
                    e.start_at.map_or(e.start_on.to_string(), |t| t
                        .format("%Y-%m-%d %H:%M")
                        .to_string()),
                    e.end_on.map(|d| format!(" to {d}")).unwrap_or_default()
                );
                for m in &v.marks {
                    println!(
                        "  {} {}{}",
                        m.mark,
                        m.on,
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
            let on = parse_date("on", &on)?;
            let open_before = open_count(store, episode)?;
            store.end_episode(episode, on, now)?;
            let cancelled = open_before - open_count(store, episode)?;
            println!(
                "Ended episode {episode} on {on}; {cancelled} open deadline(s) due after it cancelled (kept, not deleted)."
            );
        }
        EpisodeCmd::Mark {
            episode,
            mark,
            on,
            outcome,
        } => {
            let (day, at) = parse_start("on", &on)?;
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
                "Recorded {} on {day} for episode {episode}; {} deadline(s) added.",
                mark.trim(),
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
            let (start, start_at) = parse_start("start", &start)?;
            store.change_episode_start_at(episode, start, start_at, now)?;
            println!(
                "Episode {episode} now starts on {start}; its open deadlines were recalculated."
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
                format!("done {on}")
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
    d.due_at.map_or(d.due.to_string(), |t| {
        t.format("%Y-%m-%d %H:%M").to_string()
    })
}
