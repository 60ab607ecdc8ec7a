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
use crate::store::Store;

/// Episode subcommands.
#[derive(Debug, Subcommand)]
pub enum EpisodeCmd {
    /// Add a legal episode to a client; its deadlines are generated.
    Add {
        /// The client: id, record number or part of the name.
        client: String,
        /// The framework: mha-s2, mha-s3, cto, s117, dols, care-act, cpa, cin,
        /// cp, lac, care-leaver, cf-assessment.
        #[arg(long)]
        kind: EpisodeKind,
        /// Start date, YYYY-MM-DD (admission, referral, strategy discussion,
        /// the day the child became looked after…).
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
        /// The new start date, YYYY-MM-DD.
        #[arg(long)]
        start: String,
    },
}

#[derive(Serialize)]
struct EpisodeView {
    #[serde(flatten)]
    episode: LegalEpisode,
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
            let start_on = parse_date("start", &start)?;
            let (id, _) = store.add_legal_episode(
                &NewEpisode {
                    client_id: c.id,
                    kind,
                    start_on,
                    notes,
                },
                now,
            )?;
            println!(
                "Added episode {id}: {} for {} from {start_on}.",
                kind.label(),
                one_line(&c.display_name())
            );
            print_deadlines(&store.episode_deadlines(id)?);
        }
        EpisodeCmd::List { client, json } => {
            let c = store.resolve_client(&client)?;
            let mut views = Vec::new();
            for e in store.episodes(c.id)? {
                let deadlines = store.episode_deadlines(e.id)?;
                views.push(EpisodeView {
                    episode: e,
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
                    e.start_on,
                    e.end_on.map(|d| format!(" to {d}")).unwrap_or_default()
                );
                print_deadlines(&v.deadlines);
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
        EpisodeCmd::Move { episode, start } => {
            let start = parse_date("start", &start)?;
            store.change_episode_start(episode, start, now)?;
            println!(
                "Episode {episode} now starts on {start}; its open deadlines were recalculated."
            );
            print_deadlines(&store.episode_deadlines(episode)?);
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

fn print_deadlines(deadlines: &[Deadline]) {
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
                d.due.to_string(),
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
}
