//! What finalising seals: the fields that must be right first (a time
//! showing an error is never sealed as the last good one), and the lines
//! the confirm box shows, built from the same state the draft was saved
//! from.

use super::{Focus, NoteEditor};
use crate::privacy::Kind;

impl Focus {
    /// The field's name as the editor labels it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Focus::When => "When",
            Focus::Kind => "Kind",
            Focus::Outcome => "Outcome",
            Focus::Where => "Where",
            Focus::Present => "Present",
            Focus::Significant => "Significant",
            Focus::Body => "What happened",
        }
    }
}

impl NoteEditor {
    /// The first field that stops the note being finalised, and why; `None`
    /// when every field holds what the practitioner chose.
    #[must_use]
    pub fn seal_problem(&self) -> Option<(Focus, String)> {
        if let Some(why) = &self.when_error {
            return Some((Focus::When, why.clone()));
        }
        let Some(kind) = self.kind else {
            return Some((Focus::Kind, "choose the kind of contact".into()));
        };
        if self.outcome.is_none() && crate::domain::note_outcome::outcome_required(kind) {
            return Some((
                Focus::Outcome,
                "choose what came of it (1 seen, 2 seen alone, 3 not seen, 4 cancelled, 5 not applicable)"
                    .into(),
            ));
        }
        if self.body.is_blank() {
            return Some((Focus::Body, "write what happened".into()));
        }
        None
    }

    /// Finalising refused: the field named in the status line, and the
    /// keyboard moved to it (its problem is shown beside it).
    pub(super) fn refuse_seal(&mut self) -> Option<String> {
        let (field, why) = self.seal_problem()?;
        if self.focus != field {
            self.focus_on(field);
        }
        Some(format!("Not finalised: {} — {why}", field.name()))
    }

    /// The confirm box's question: exactly what will be sealed.
    #[must_use]
    pub fn seal_question(&self) -> String {
        let on = self.theme.privacy();
        let present = crate::privacy::shown(Kind::Text("people"), &self.present.text(), on);
        let present = if present.trim().is_empty() {
            "not recorded".to_string()
        } else {
            crate::domain::text::one_line(&present)
        };
        format!(
            "Finalise this note? It will be sealed as:\n\
             • Kind: {}\n\
             • When: {}\n\
             • Outcome: {}\n\
             • Present: {present}\n\
             After this it cannot be changed; corrections are added as addenda.",
            crate::domain::note::kind_label(self.kind),
            crate::dates::show_dt(self.occurred_at),
            self.outcome.map_or("none (not a contact)", |o| o.label()),
        )
    }
}

#[cfg(test)]
mod tests;
