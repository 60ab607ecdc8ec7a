//! A form's unsaved text, kept as it is typed: which form it is (a
//! [`DraftKey`]: the form and what it is for), the fields as plain values,
//! and putting them back when the same form opens again. The store keeps
//! them (`Store::keep_form_draft`) under the key's text, which is the text
//! the keys were kept under before they were typed ("deadline:4"), so a
//! draft kept by an earlier version is found again; the app writes them on
//! the timer.

use std::fmt;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::field::FieldKind;
use super::form::Form;
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

/// Which form a kept text belongs to, and what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKey {
    /// A new client.
    NewClient,
    /// A client's details.
    EditClient(i64),
    /// A new network member for a client.
    Network(i64),
    /// A care plan review for a client.
    PlanReview(i64),
    /// A new deadline for a client.
    Deadline(i64),
    /// A new legal episode for a client.
    Episode(i64),
    /// A new action, for a client or none.
    Action(Option<i64>),
    /// An addendum to a note.
    Addendum(i64),
    /// Marking a deadline done.
    DeadlineDone(i64),
    /// Planning a visit to a client.
    PlanVisit(i64),
    /// What came of a visit.
    VisitOutcome(i64),
    /// Moving a visit.
    MoveVisit(i64),
    /// Cancelling a visit.
    CancelVisit(i64),
    /// Closing a client's case.
    CloseCase(i64),
    /// Editing a network member.
    EditNetwork(i64),
    /// The reason a note is written up late.
    LateFinalise(i64),
    /// A case supervision about a client.
    Supervision(i64),
}

/// Whose record an id in a key names: a client's, or another record's.
enum Whose {
    Client(Option<i64>),
    Record(i64),
}

impl DraftKey {
    /// The name the key's text starts with, and the id it carries.
    fn parts(self) -> (&'static str, Whose) {
        use DraftKey as K;
        use Whose::{Client, Record};
        match self {
            K::NewClient => ("new-client", Client(None)),
            K::EditClient(id) => ("edit-client", Client(Some(id))),
            K::Network(id) => ("network", Client(Some(id))),
            K::PlanReview(id) => ("plan-review", Client(Some(id))),
            K::Deadline(id) => ("deadline", Client(Some(id))),
            K::Episode(id) => ("episode", Client(Some(id))),
            K::Action(id) => ("action", Client(id)),
            K::PlanVisit(id) => ("plan-visit", Client(Some(id))),
            K::CloseCase(id) => ("close-case", Client(Some(id))),
            K::Supervision(id) => ("supervision", Client(Some(id))),
            K::Addendum(id) => ("addendum", Record(id)),
            K::DeadlineDone(id) => ("deadline-done", Record(id)),
            K::VisitOutcome(id) => ("visit-outcome", Record(id)),
            K::MoveVisit(id) => ("move-visit", Record(id)),
            K::CancelVisit(id) => ("cancel-visit", Record(id)),
            K::EditNetwork(id) => ("edit-network", Record(id)),
            K::LateFinalise(id) => ("late-finalise", Record(id)),
        }
    }

    /// The key a kept text was stored under, or `None` for one this
    /// version does not know.
    #[must_use]
    pub fn parse(text: &str) -> Option<DraftKey> {
        use DraftKey as K;
        let (name, id) = text.split_once(':').unwrap_or((text, ""));
        let n: Option<i64> = id.parse().ok();
        Some(match (name, n) {
            ("new-client", _) if id.is_empty() => K::NewClient,
            ("action", None) if id == "none" => K::Action(None),
            (_, None) => return None,
            ("edit-client", Some(i)) => K::EditClient(i),
            ("network", Some(i)) => K::Network(i),
            ("plan-review", Some(i)) => K::PlanReview(i),
            ("deadline", Some(i)) => K::Deadline(i),
            ("episode", Some(i)) => K::Episode(i),
            ("action", Some(i)) => K::Action(Some(i)),
            ("addendum", Some(i)) => K::Addendum(i),
            ("deadline-done", Some(i)) => K::DeadlineDone(i),
            ("plan-visit", Some(i)) => K::PlanVisit(i),
            ("visit-outcome", Some(i)) => K::VisitOutcome(i),
            ("move-visit", Some(i)) => K::MoveVisit(i),
            ("cancel-visit", Some(i)) => K::CancelVisit(i),
            ("close-case", Some(i)) => K::CloseCase(i),
            ("edit-network", Some(i)) => K::EditNetwork(i),
            ("late-finalise", Some(i)) => K::LateFinalise(i),
            ("supervision", Some(i)) => K::Supervision(i),
            _ => return None,
        })
    }

    /// Which form it is in words ("New deadline (Ada Lovelace)"): `name`
    /// gives a client's name from their id.
    #[must_use]
    pub fn describe(self, name: impl Fn(i64) -> Option<String>) -> String {
        use DraftKey as K;
        let form = match self {
            K::NewClient => "New client",
            K::EditClient(_) => "Client details",
            K::Network(_) => "New network member",
            K::PlanReview(_) => "Care plan review",
            K::Deadline(_) => "New deadline",
            K::Episode(_) => "New legal episode",
            K::Action(_) => "New action",
            K::PlanVisit(_) => "Plan a visit",
            K::CloseCase(_) => "Close the case",
            K::Supervision(_) => "Case supervision",
            K::Addendum(_) => "Addendum to note",
            K::LateFinalise(_) => "Late entry reason for note",
            K::DeadlineDone(_) => "Deadline done:",
            K::VisitOutcome(_) => "Outcome of visit",
            K::MoveVisit(_) => "Move visit",
            K::CancelVisit(_) => "Cancel visit",
            K::EditNetwork(_) => "Network member",
        };
        match self.parts().1 {
            Whose::Client(id) => match id.and_then(name) {
                Some(n) => format!("{form} ({n})"),
                None => form.to_string(),
            },
            Whose::Record(id) => format!("{form} {id}"),
        }
    }
}

impl fmt::Display for DraftKey {
    /// The text the store keeps it under: "deadline:4", "action:none",
    /// "new-client".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parts() {
            ("new-client", _) => f.write_str("new-client"),
            (name, Whose::Client(None)) => write!(f, "{name}:none"),
            (name, Whose::Client(Some(id)) | Whose::Record(id)) => write!(f, "{name}:{id}"),
        }
    }
}

/// Which form a kept text belongs to, in words, from the text it was kept
/// under ("A form" for one this version does not know).
#[must_use]
pub fn describe(key: &str, name: impl Fn(i64) -> Option<String>) -> String {
    DraftKey::parse(key).map_or_else(|| "A form".into(), |k| k.describe(name))
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
        self.spec.follow_choice();
        self.changed = true;
    }

    /// What keeping the form's text now asks of the app, or nothing when
    /// there is nothing new to keep.
    pub(super) fn keep_effects(&mut self, at: Instant) -> Vec<Effect> {
        let Some(key) = self.draft_key else {
            return Vec::new();
        };
        if !self.unkept {
            return Vec::new();
        }
        self.unkept = false;
        self.last_kept = at;
        match serde_json::to_string(&self.values()) {
            Ok(fields) => vec![Effect::KeepFormDraft {
                key: key.to_string(),
                fields,
            }],
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
            .map(|k| Effect::DropFormDraft(k.to_string()))
            .into_iter()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{DraftKey, describe};

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

    /// A draft kept before the keys were typed is found again: each key's
    /// text is the text the old code wrote (listed here as it wrote them),
    /// and that text reads back as the same key.
    #[test]
    fn keys_keep_the_text_drafts_were_kept_under() {
        use DraftKey as K;
        let old = [
            (K::NewClient, "new-client"),
            (K::EditClient(3), "edit-client:3"),
            (K::Network(3), "network:3"),
            (K::PlanReview(3), "plan-review:3"),
            (K::Deadline(3), "deadline:3"),
            (K::Episode(3), "episode:3"),
            (K::Action(Some(3)), "action:3"),
            (K::Action(None), "action:none"),
            (K::Addendum(5), "addendum:5"),
            (K::DeadlineDone(5), "deadline-done:5"),
            (K::PlanVisit(3), "plan-visit:3"),
            (K::VisitOutcome(5), "visit-outcome:5"),
            (K::MoveVisit(5), "move-visit:5"),
            (K::CancelVisit(5), "cancel-visit:5"),
            (K::CloseCase(3), "close-case:3"),
            (K::EditNetwork(5), "edit-network:5"),
            (K::LateFinalise(5), "late-finalise:5"),
            (K::Supervision(3), "supervision:3"),
        ];
        for (key, text) in old {
            assert_eq!(key.to_string(), text);
            assert_eq!(DraftKey::parse(text), Some(key), "{text}");
        }
        for unknown in [
            "",
            "deadline",
            "deadline:x",
            "new-client:1",
            "action:",
            "x:1",
        ] {
            assert_eq!(DraftKey::parse(unknown), None, "{unknown}");
        }
    }
}
