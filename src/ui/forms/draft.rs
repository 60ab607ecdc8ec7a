//! A form's unsaved text, kept as it is typed: which form it is (a stable
//! key naming the form and what it is for), the fields as plain values, and
//! putting them back when the same form opens again. The store keeps them
//! (`Store::keep_form_draft`); the app writes them on the timer.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::Spec;
use super::case::CaseSpec;
use super::form::{FieldKind, Form};
use crate::ui::screen::Effect;

/// The most time between keeping a form's new text and keeping it again
/// (the note editor's autosave interval: well within the 2 s the design
/// allows).
pub const KEEP_AFTER: std::time::Duration = crate::ui::screen::AUTOSAVE_AFTER;

/// One field as kept: its text, choice and tick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldValue {
    /// The field's key.
    pub key: String,
    /// What was typed (text fields).
    pub text: String,
    /// The option chosen (choice fields).
    pub choice: usize,
    /// Ticked or not (check fields).
    pub checked: bool,
}

impl Spec {
    /// Which form this is and what for, as the unsaved text is kept under;
    /// `None` for forms that only confirm a step (nothing long is typed).
    #[must_use]
    pub fn draft_key(&self) -> Option<String> {
        Some(match self {
            Spec::NewClient(_) => "new-client".into(),
            Spec::EditClient(id, _) => format!("edit-client:{id}"),
            Spec::Network(id, _) => format!("network:{id}"),
            Spec::PlanReview(id, _) => format!("plan-review:{id}"),
            Spec::Deadline(id, _) => format!("deadline:{id}"),
            Spec::Episode(id, _, _) => format!("episode:{id}"),
            Spec::Action(id, _) => {
                format!("action:{}", id.map_or("none".into(), |i| i.to_string()))
            }
            Spec::Addendum(note, _) => format!("addendum:{note}"),
            Spec::DeadlineDone(id, ..) => format!("deadline-done:{id}"),
            Spec::PlanVisit(id, ..) => format!("plan-visit:{id}"),
            Spec::VisitOutcome(_, visit, _) => format!("visit-outcome:{}", visit.id),
            Spec::MoveVisit(id, _) => format!("move-visit:{id}"),
            Spec::CancelVisit(id, _) => format!("cancel-visit:{id}"),
            Spec::Case(CaseSpec::Close { client_id, .. }) => format!("close-case:{client_id}"),
            Spec::Case(CaseSpec::EditNetwork(member, ..)) => format!("edit-network:{member}"),
            Spec::LateFinalise(note, _) => format!("late-finalise:{note}"),
            Spec::Supervision(id, _) => format!("supervision:{id}"),
            Spec::PlanActionDone(..)
            | Spec::Case(
                CaseSpec::EndEpisode(..) | CaseSpec::RevokeCto(..) | CaseSpec::MoveEpisode(..),
            ) => return None,
        })
    }
}

/// Which form a kept text belongs to, in words ("New deadline (Ada
/// Lovelace)"): `name` gives a client's name from their id.
#[must_use]
pub fn describe(key: &str, name: impl Fn(i64) -> Option<String>) -> String {
    let (kind, id) = key.split_once(':').unwrap_or((key, ""));
    let id: Option<i64> = id.parse().ok();
    let whose = |form: &str| match id.and_then(&name) {
        Some(n) => format!("{form} ({n})"),
        None => form.to_string(),
    };
    let numbered = |form: &str| match id {
        Some(i) => format!("{form} {i}"),
        None => form.to_string(),
    };
    match kind {
        "new-client" => "New client".into(),
        "edit-client" => whose("Client details"),
        "network" => whose("New network member"),
        "plan-review" => whose("Care plan review"),
        "deadline" => whose("New deadline"),
        "episode" => whose("New legal episode"),
        "action" => whose("New action"),
        "plan-visit" => whose("Plan a visit"),
        "close-case" => whose("Close the case"),
        "supervision" => whose("Case supervision"),
        "addendum" => numbered("Addendum to note"),
        "late-finalise" => numbered("Late entry reason for note"),
        "deadline-done" => numbered("Deadline done:"),
        "visit-outcome" => numbered("Outcome of visit"),
        "move-visit" => numbered("Move visit"),
        "cancel-visit" => numbered("Cancel visit"),
        "edit-network" => numbered("Network member"),
        _ => "A form".into(),
    }
}

impl Form {
    /// Every field's value, top to bottom.
    #[must_use]
    pub fn values(&self) -> Vec<FieldValue> {
        self.spec
            .fields()
            .iter()
            .map(|f| FieldValue {
                key: f.key.to_string(),
                text: match f.kind {
                    FieldKind::Choice(_) | FieldKind::Check => String::new(),
                    _ => f.input.text(),
                },
                choice: f.choice,
                checked: f.checked,
            })
            .collect()
    }

    /// Puts kept values back into the fields with the same keys (a field
    /// the form no longer has is skipped; a choice out of range is left
    /// as it was) and marks the form changed, so leaving it asks first.
    pub fn restore(&mut self, values: &[FieldValue]) {
        for f in self.spec.fields_mut() {
            // Which open power a new episode follows is chosen again: the
            // open episodes (and so what an index means) may have changed.
            if f.key == "follows" {
                continue;
            }
            let Some(v) = values.iter().find(|v| v.key == f.key) else {
                continue;
            };
            match &f.kind {
                FieldKind::Choice(opts) => {
                    if v.choice < opts.len() {
                        f.choice = v.choice;
                    }
                }
                FieldKind::Check => f.checked = v.checked,
                _ => f.input.set_text(&v.text),
            }
        }
        if let Spec::Case(c) = &mut self.spec {
            c.follow_choice();
        }
        self.changed = true;
    }

    /// What keeping the form's text now asks of the app, or nothing when
    /// there is nothing new to keep.
    pub(super) fn keep_effects(&mut self, at: Instant) -> Vec<Effect> {
        let Some(key) = self.draft_key.clone() else {
            return Vec::new();
        };
        if !self.unkept {
            return Vec::new();
        }
        self.unkept = false;
        self.last_kept = at;
        match serde_json::to_string(&self.values()) {
            Ok(fields) => vec![Effect::KeepFormDraft { key, fields }],
            Err(_) => Vec::new(),
        }
    }

    /// The timer: keeps new text once [`KEEP_AFTER`] has passed since it
    /// was last kept, so what is typed is never much more than a second
    /// from the file, even while typing goes on.
    pub(super) fn keep_tick(&mut self, at: Instant) -> Vec<Effect> {
        if self.unkept && at.saturating_duration_since(self.last_kept) >= KEEP_AFTER {
            self.keep_effects(at)
        } else {
            Vec::new()
        }
    }

    /// What dropping the kept text asks of the app (the form was saved or
    /// left on purpose).
    pub(super) fn drop_effects(&self) -> Vec<Effect> {
        self.draft_key
            .clone()
            .map(Effect::DropFormDraft)
            .into_iter()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn kept_forms_are_named_with_the_client_they_are_for() {
        let name = |id: i64| (id == 1).then(|| "Ada Lovelace".to_string());
        assert_eq!(describe("deadline:1", name), "New deadline (Ada Lovelace)");
        assert_eq!(
            describe("plan-review:1", name),
            "Care plan review (Ada Lovelace)"
        );
        assert_eq!(describe("new-client", name), "New client");
        assert_eq!(
            describe("supervision:1", name),
            "Case supervision (Ada Lovelace)"
        );
        assert_eq!(describe("action:none", name), "New action");
        assert_eq!(describe("deadline:9", name), "New deadline");
        assert_eq!(describe("move-visit:4", name), "Move visit 4");
        assert_eq!(describe("something-new:1", name), "A form");
    }
}
