//! Carrying out the writes screens ask for: each is one store call (one
//! transaction), and says what it did or, for a problem with a field, which
//! field (the domain's name for it) and what is wrong.

use crate::store::prelude::*;
use chrono::NaiveDateTime;

use crate::domain::Completion;
use crate::store::{Store, StoreError};
use crate::ui::screen::{Outcome, Write, WriteError};

impl From<StoreError> for WriteError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(v) => WriteError {
                field: Some(v.field.to_string()),
                message: v.problem,
            },
            other => WriteError {
                field: None,
                message: other.to_string(),
            },
        }
    }
}

/// Whether a write changes what screens show (a check does not).
pub(super) fn changes_store(w: &Write) -> bool {
    !matches!(w, Write::CheckLate(_))
}

/// Whether a write may add or rename a person (the privacy sweep's names
/// are rebuilt after it; undo may take back a rename).
pub(super) fn changes_names(w: &Write) -> bool {
    matches!(
        w,
        Write::AddClient(_)
            | Write::UpdateClient(..)
            | Write::AddNetwork(_)
            | Write::UpdateNetwork(..)
            | Write::Undo
    )
}

fn said(message: impl Into<String>) -> Outcome {
    Outcome {
        message: Some(message.into()),
        ..Outcome::default()
    }
}

fn prefixed(prefix: &str, e: StoreError) -> WriteError {
    WriteError {
        field: None,
        message: format!("{prefix}{e}"),
    }
}

/// Carries out one write at `now`.
pub(super) fn apply(
    store: &mut Store,
    w: &Write,
    now: NaiveDateTime,
) -> Result<Outcome, WriteError> {
    let mut out = match w {
        Write::SaveDraft { note_id, note } => {
            let id = match note_id {
                None => store.add_note(note, now)?,
                Some(id) => {
                    store.save_draft(*id, note, now)?;
                    *id
                }
            };
            Outcome {
                id: Some(id),
                ..Outcome::default()
            }
        }
        Write::CheckLate(id) => Outcome {
            late_days: store.late_entry(*id, store.late_entry_rule(), now)?,
            ..Outcome::default()
        },
        Write::Finalise { note_id, reason } => {
            store.finalise_note(*note_id, reason.as_deref(), now)?;
            said(match reason {
                Some(_) => "Note finalised (late entry; the reason is kept with it)",
                None => "Note finalised",
            })
        }
        Write::AddClient(c) => Outcome {
            id: Some(store.add_client(c, now)?),
            ..said("Client added")
        },
        Write::UpdateClient(id, c) => {
            let changed = store.update_client(*id, c, now)?;
            said(format!("Saved ({} changed)", changed.len()))
        }
        Write::AddNetwork(m) => {
            store.add_network_member(m, now)?;
            said("Network member added")
        }
        Write::AddPlan(cid, p) => {
            let v = store.add_plan_version(*cid, p, now)?;
            said(format!(
                "Care plan version {v} saved; earlier versions stay readable"
            ))
        }
        Write::AddDeadline(d) => {
            store.add_deadline(d, now)?;
            said("Deadline added")
        }
        Write::AddEpisode(e, at, follows) => {
            super::write_case::add_episode(store, e, *at, *follows, now)?
        }
        Write::AddAction(a) => {
            store.add_action(a, now)?;
            said("Action added")
        }
        Write::AddAddendum {
            note_id,
            reason,
            text,
        } => {
            store.add_addendum(*note_id, reason, text, now)?;
            said("Addendum added")
        }
        Write::CompleteDeadline { id, on, how } => {
            let what = crate::domain::cell::cell_text(&store.deadline(*id)?.what);
            let done = store.complete_deadline(*id, *on, how.clone(), now)?;
            // A statutory visit not seen is recorded; the deadline stays open.
            if let (Completion::Visit(o), false) = (how, done.completed) {
                return Ok(Outcome {
                    at: now,
                    ..said(format!(
                        "Visit recorded ({}); the deadline stays open until the child is seen",
                        o.label().to_lowercase()
                    ))
                });
            }
            let next = done.next;
            // Where the rule's chain continues, say when the next one is due.
            match next.first().map(|n| store.deadline(*n)).transpose()? {
                Some(d) => said(format!(
                    "\"{what}\" marked done; next due {}",
                    crate::domain::when::due_at_words(d.due, d.due_at)
                )),
                None => said(format!("\"{what}\" marked done")),
            }
        }
        Write::CompleteAction(id) => {
            store
                .complete_action(*id, now.date(), now)
                .map_err(|e| prefixed("could not mark it done: ", e))?;
            said("Action marked done")
        }
        Write::PlanVisit(v) => Outcome {
            id: Some(store.plan_visit(v, now)?),
            ..said("Visit planned")
        },
        Write::RecordVisit {
            id,
            outcomes,
            note_for,
        } => Outcome {
            id: Some(store.record_visit_and_start_note(*id, outcomes, None, *note_for, now)?),
            ..said("Visit recorded; its note is started as a draft")
        },
        Write::MoveVisit { id, at } => {
            store.move_visit(*id, *at, now)?;
            said(format!(
                "Visit moved to {}",
                crate::dates::display::day_date_time(*at)
            ))
        }
        Write::CancelVisit { id, reason } => {
            store.cancel_visit(*id, reason, now)?;
            said("Visit cancelled (kept in the record)")
        }
        Write::CompletePlanAction { id, on } => {
            let a = store.mark_plan_action_done(*id, *on, now)?;
            said(format!(
                "\"{}\" marked done",
                crate::domain::cell::cell_text(&a.what)
            ))
        }
        Write::AddSupervision {
            new,
            finalise,
            late_reason,
        } => add_supervision(store, new, *finalise, late_reason.as_deref(), now)?,
        Write::CloseCase { .. }
        | Write::EndEpisode { .. }
        | Write::RevokeCto { .. }
        | Write::MoveEpisode { .. }
        | Write::UpdateNetwork(..)
        | Write::ArchiveNetwork(_)
        | Write::DiscardDraft(_) => super::write_case::apply(store, w, now)?,
        Write::Undo => {
            let u = store
                .undo_last(now)
                .map_err(|e| prefixed("Nothing undone: ", e))?;
            let mut msg = u.summary;
            if let Some(first) = msg.get(..1) {
                msg = format!("{}{}", first.to_uppercase(), &msg[1..]);
            }
            said(msg)
        }
    };
    out.at = now;
    Ok(out)
}

/// Records a case supervision. Sealing it late needs the reason: asked
/// beside the form's field before anything is written (the store's own
/// check, with the same rule, would only say so in words).
fn add_supervision(
    store: &mut Store,
    new: &crate::domain::NewSupervision,
    finalise: bool,
    late_reason: Option<&str>,
    now: NaiveDateTime,
) -> Result<Outcome, WriteError> {
    if finalise
        && late_reason.is_none()
        && let Some(days) = store.late_entry_in_force().lateness(new.on, now, true)
    {
        return Err(WriteError {
            field: Some("reason for late entry".into()),
            message: format!(
                "sealed {days} working days after the supervision, this is a late entry: \
                 give the reason, or untick Finalise to keep it as a draft"
            ),
        });
    }
    let id = store.add_supervision(new, finalise, late_reason, now)?;
    Ok(Outcome {
        id: Some(id),
        ..said(if finalise {
            "Supervision sealed: in the chronology, its actions on Today"
        } else {
            "Supervision saved as a draft: finalise it on the Notes tab (2)"
        })
    })
}
