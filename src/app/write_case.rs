//! Carrying out the writes that change a case as the CLI can: closing it,
//! ending or moving a legal episode, editing or archiving a network member,
//! discarding a draft. Each is the same store call the CLI makes (one
//! transaction), and says what it did.

use crate::store::prelude::*;
use chrono::NaiveDateTime;

use crate::domain::NewEpisode;
use crate::store::{EpisodeOptions, Store};
use crate::ui::screen::{Outcome, Write, WriteError};
use crate::ui::write::FollowChoice;

fn said(message: impl Into<String>) -> Outcome {
    Outcome {
        message: Some(message.into()),
        ..Outcome::default()
    }
}

/// The retention schedule in force (config.toml, defaults otherwise): the
/// one `client close` uses.
pub(super) fn retention_schedule() -> Result<crate::domain::retention::RetentionSchedule, WriteError>
{
    crate::config::Config::load()
        .map(|c| c.retention_schedule())
        .map_err(|e| WriteError {
            field: None,
            message: format!("the case was NOT closed: {e}"),
        })
}

/// Carries out one of this module's writes at `now`.
pub(super) fn apply(
    store: &mut Store,
    w: &Write,
    now: NaiveDateTime,
) -> Result<Outcome, WriteError> {
    Ok(match w {
        Write::CloseCase { client_id, closing } => {
            let schedule = retention_schedule()?;
            let done = store.close_case(*client_id, closing, &schedule, now)?;
            match &done.retention {
                Some(r) => said(format!("Case closed. {}", r.words())),
                None => said("Case closed"),
            }
        }
        Write::EndEpisode { id, on, at } => {
            let open = |s: &Store| -> Result<usize, WriteError> {
                Ok(s.episode_deadlines(*id)?
                    .iter()
                    .filter(|d| d.completed_on.is_none() && !d.cancelled)
                    .count())
            };
            let before = open(store)?;
            store.end_episode_at(*id, *on, *at, now)?;
            let cancelled = before.saturating_sub(open(store)?);
            let cancelled = i64::try_from(cancelled).unwrap_or(i64::MAX);
            said(format!(
                "Episode ended {}{}; {} after it cancelled (kept)",
                crate::dates::show(*on),
                at.map(|t| t.format(" at %H:%M").to_string())
                    .unwrap_or_default(),
                crate::domain::text::count(cancelled, "open deadline")
            ))
        }
        Write::RevokeCto { id, at } => {
            let s3 = store.revoke_cto(*id, *at, now)?;
            said(format!(
                "CTO revoked {}: the section 3 revives (episode {s3}) for 6 months from the revocation (s17G); managers' reference as soon as possible (s68(7)); a new right to apply within 6 months (s66(1)(cb))",
                crate::dates::display::date_time(*at)
            ))
        }
        Write::MoveEpisode { id, start, at } => {
            store.change_episode_start_at(*id, *start, *at, now)?;
            said(format!(
                "Episode now starts {}; its open deadlines were recalculated",
                crate::dates::show(*start)
            ))
        }
        Write::UpdateNetwork(id, m) => {
            let changed = store.update_network_member(*id, m, now)?;
            if changed.is_empty() {
                said("Nothing changed")
            } else {
                said(format!("Saved ({} changed)", changed.len()))
            }
        }
        Write::ArchiveNetwork(id) => {
            store.archive_network_member(*id, now)?;
            said("Network member archived (kept in the record; u undoes)")
        }
        Write::DiscardDraft(id) => {
            store.discard_draft(*id, now)?;
            said("Draft discarded (u puts it back)")
        }
        _ => {
            return Err(WriteError {
                field: None,
                message: "that change is not made here".into(),
            });
        }
    })
}

/// Adds a legal episode from the `L` form. Follows left unchosen while an
/// open power could be followed is refused beside the field (naming that
/// power), so a transition is never applied, or missed, without the
/// practitioner's choice; the law of a chosen transition is said after.
pub(super) fn add_episode(
    store: &mut Store,
    e: &NewEpisode,
    at: Option<NaiveDateTime>,
    follows: FollowChoice,
    now: NaiveDateTime,
) -> Result<Outcome, WriteError> {
    let follows = match follows {
        FollowChoice::Follows(id) => Some(id),
        FollowChoice::Alone => None,
        FollowChoice::Unchosen => {
            if let Some(o) = store.may_follow_open(e.client_id, e.kind)?.first() {
                return Err(WriteError {
                    field: Some("follows".into()),
                    message: format!(
                        "does this {2} follow the open {0} (episode {1})? Choose",
                        o.kind.label(),
                        o.id,
                        e.kind.label()
                    ),
                });
            }
            None
        }
    };
    let opts = EpisodeOptions {
        start_at: at,
        follows,
        ends: None,
    };
    let (_, ids) = store.add_episode_with(e, opts, now)?;
    let mut message = format!(
        "{} episode added: {} deadline(s) from the rules",
        e.kind.label(),
        ids.len()
    );
    if let Some(f) = follows {
        let earlier = store.episode(f)?;
        if let Some(t) = store.rules().succession(earlier.kind, e.kind) {
            message = format!(
                "{message}; it follows the {}: {} ({})",
                earlier.kind.label(),
                t.does,
                t.source
            );
        }
    }
    Ok(said(message))
}
