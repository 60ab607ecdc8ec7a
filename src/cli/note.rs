//! `caseload note …`: contact notes, finalising, addenda.

use crate::store::prelude::*;
use anyhow::{Context, Result, bail};
use chrono::NaiveDateTime;
use clap::Subcommand;
use serde::Serialize;
use std::io::{Read, Write};

use super::{output, parse};
use crate::dates::Tense;
use crate::domain::note_outcome::outcome_required;
use crate::domain::text::one_line;
use crate::domain::{Addendum, NewNote, Note, NoteOutcome};
use crate::store::Store;

/// Note subcommands.
#[derive(Debug, Subcommand)]
pub enum NoteCmd {
    /// Record a contact; the body comes from --text or stdin. Prints the new
    /// note's id once it is safely stored.
    Add {
        /// The client: id, record number, or part of the name.
        client: String,
        /// Kind of contact: home-visit, phone, office, hospital, video,
        /// meeting, review, court, other (required: never guessed).
        #[arg(long)]
        kind: Option<String>,
        /// When it happened, "2026-12-03 14:30", "03/12/2026 2pm", "yesterday 2pm",
        /// "fri 2pm" (last Friday), "4 dec 14:00" (the last 4 December) (default now).
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// Where it happened.
        #[arg(long = "where", value_name = "PLACE")]
        location: Option<String>,
        /// Who was present.
        #[arg(long)]
        present: Option<String>,
        /// Include it in the chronology.
        #[arg(long)]
        significant: bool,
        /// Finalise at once (it can then only be corrected by addendum).
        #[arg(long = "final")]
        finalise: bool,
        /// With --final: why it is written up late, when it is.
        #[arg(long)]
        late_reason: Option<String>,
        /// The note text (read from stdin when absent).
        #[arg(long)]
        text: Option<String>,
        /// What came of it: seen, seen-alone, not-seen, cancelled or
        /// not-applicable (a call, a message, a meeting about the person).
        /// Required for a visit in person (home-visit, office, hospital,
        /// review), where it records the visit too; a contact of another
        /// kind needs it before it is finalised.
        #[arg(long)]
        outcome: Option<String>,
    },
    /// A client's notes, newest contact first.
    List {
        /// The client: id, record number, or part of the name.
        client: String,
        /// Print JSON (with each note's full text and addenda).
        #[arg(long)]
        json: bool,
    },
    /// Finalise a draft note; after this it never changes.
    Finalise {
        /// The note's id.
        note: String,
        /// Why it was written up late, if it was.
        #[arg(long)]
        late_reason: Option<String>,
    },
    /// Discard a draft note (its text is kept in the undo record, so
    /// `caseload undo` puts it back); a final note is refused.
    Discard {
        /// The note's id.
        note: String,
    },
    /// Append a correction or addition to a final note.
    Addendum {
        /// The note's id.
        note: String,
        /// Why the addendum is needed.
        #[arg(long)]
        reason: String,
        /// The addendum's text.
        #[arg(long)]
        text: String,
    },
}

/// A note with its addenda, as `note list --json` prints it.
#[derive(Debug, Serialize)]
struct NoteJson {
    #[serde(flatten)]
    note: Note,
    /// A final contact note from before notes had an outcome.
    before_outcomes: bool,
    addenda: Vec<Addendum>,
}

/// Runs a note subcommand.
pub fn run(store: &mut Store, cmd: NoteCmd, now: NaiveDateTime) -> Result<()> {
    match cmd {
        NoteCmd::Add {
            client,
            kind,
            at,
            location,
            present,
            significant,
            finalise,
            late_reason,
            text,
            outcome,
        } => {
            // The kind decides what the note counts as (a visit, a call):
            // it is chosen, never defaulted.
            let Some(kind) = kind else {
                bail!(
                    "--kind is required: what kind of contact was it? ({}); nothing was saved",
                    crate::domain::NoteKind::codes()
                );
            };
            let kind = parse::note_kind(&kind)?;
            let outcome = outcome.as_deref().map(note_outcome).transpose()?;
            // "Seen" is never read from the kind: a visit in person says
            // what came of it, and so does any contact before it is sealed.
            if outcome.is_none() && (kind.is_in_person() || (finalise && outcome_required(kind))) {
                bail!(
                    "--outcome is required for a {}: what came of it? ({}); nothing was saved",
                    kind.label().to_lowercase(),
                    NoteOutcome::codes()
                );
            }
            if let Some(problem) = outcome.and_then(|o| o.problem_with(kind)) {
                bail!("--outcome {problem}; nothing was saved");
            }
            let occurred_at = match at {
                Some(a) => parse::date_time_for("--at", &a, now, Tense::Past)?,
                None => now,
            };
            let c = store.resolve_client(&client)?;
            let body = match text {
                Some(t) => t,
                None => read_stdin()?,
            };
            if body.trim().is_empty() {
                bail!("the note is empty; nothing was saved (give --text or pipe the text in)");
            }
            // Refuse a late --final note without a reason before anything is written.
            if finalise
                && late_reason.as_deref().is_none_or(|r| r.trim().is_empty())
                && let Some(days) =
                    store
                        .late_entry_in_force()
                        .lateness(occurred_at, now, significant)
            {
                bail!(
                    "this contact was {days} working days ago, so finalising it now is a late entry; \
                     add --late-reason R (nothing was saved)"
                );
            }
            let new = NewNote {
                client_id: c.id,
                kind: Some(kind),
                occurred_at,
                location,
                present,
                body,
                significant,
                outcome,
            };
            // Adding (with its visit) and finalising is one transaction:
            // a final note or nothing, never a stray draft.
            // A visit in person with a visit's outcome records the visit too.
            let visit = outcome
                .and_then(NoteOutcome::as_visit)
                .filter(|_| kind.is_in_person());
            let written = match (visit, finalise) {
                (Some(o), true) => store
                    .add_final_note_with_outcome(&new, o, late_reason.as_deref(), now)
                    .map(|(id, _)| id),
                (Some(o), false) => store.add_note_with_outcome(&new, o, now).map(|(id, _)| id),
                (None, true) => store.add_final_note(&new, late_reason.as_deref(), now),
                (None, false) => store.add_note(&new, now),
            };
            let id = written.map_err(|e| super::output::not_saved(&e))?;
            // Printed only after the commit: a printed id is a stored note.
            let mut out = std::io::stdout().lock();
            writeln!(out, "{id}")?;
            out.flush()?;
        }
        NoteCmd::List { client, json } => {
            let c = store.resolve_client(&client)?;
            let notes = store.notes(c.id)?;
            if json {
                let mut rows = Vec::with_capacity(notes.len());
                for note in notes {
                    let addenda = store.addenda(note.id)?;
                    rows.push(NoteJson {
                        before_outcomes: note.before_outcomes(),
                        note,
                        addenda,
                    });
                }
                return output::json(&rows);
            }
            let table: Vec<Vec<String>> = notes
                .iter()
                .map(|n| {
                    vec![
                        n.id.to_string(),
                        crate::dates::display::date_time(n.occurred_at),
                        n.kind
                            .map_or("(choose)", crate::domain::NoteKind::as_str)
                            .into(),
                        n.status.as_str().into(),
                        n.outcome_words().into(),
                        if n.significant {
                            "*".into()
                        } else {
                            String::new()
                        },
                        preview(&n.body),
                    ]
                })
                .collect();
            output::table(
                &["id", "when", "kind", "status", "outcome", "sig", "text"],
                &table,
            );
        }
        NoteCmd::Finalise { note, late_reason } => {
            let id = parse::id("the note", &note)?;
            store.finalise_note(id, late_reason.as_deref(), now)?;
            println!("Note {id} is final.");
        }
        NoteCmd::Discard { note } => {
            let id = parse::id("the note", &note)?;
            store
                .discard_draft(id, now)
                .map_err(|e| anyhow::anyhow!("{e}; nothing was discarded"))?;
            println!("Draft {id} discarded; `caseload undo` puts it back.");
        }
        NoteCmd::Addendum { note, reason, text } => {
            let id = parse::id("the note", &note)?;
            let add = store.add_addendum(id, &reason, &text, now).map_err(|e| {
                anyhow::anyhow!("{e}; the addendum was NOT saved (nothing was written)")
            })?;
            println!("{add}");
        }
    }
    Ok(())
}

fn read_stdin() -> Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        eprintln!("Type the note, then press Ctrl-D on a new line (Ctrl-C to give up):");
    }
    let mut body = String::new();
    std::io::stdin()
        .read_to_string(&mut body)
        .context("could not read the note text from stdin (it must be UTF-8 text)")?;
    Ok(body)
}

/// The first 60 characters of a note on one line.
fn preview(body: &str) -> String {
    let line = one_line(body.trim());
    if line.chars().count() > 60 {
        let cut: String = line.chars().take(59).collect();
        format!("{cut}…")
    } else {
        line
    }
}

/// A note outcome as typed on the command line.
fn note_outcome(typed: &str) -> Result<NoteOutcome> {
    typed.parse::<NoteOutcome>().map_err(|_| {
        anyhow::anyhow!(
            "--outcome: \"{}\" is not an outcome; use one of: {}",
            one_line(typed),
            NoteOutcome::codes()
        )
    })
}
