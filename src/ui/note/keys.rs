//! What keys do in the note editor, and the draft's life: autosave, saving
//! on leaving, and finalising (late entries ask for a reason first).

use std::time::Instant;

use chrono::NaiveDateTime;
use ratatui::crossterm::event::KeyEvent;

use super::{AUTOSAVE_AFTER, NoteEditor};
use crate::action::Action;
use crate::keymap::Mode;
use crate::ui::forms;
use crate::ui::screen::{Effect, Outcome, Screen, Write, WriteError};
use crate::ui::theme::Theme;

impl NoteEditor {
    /// The write that saves the draft, if it has changed (`at` is the
    /// monotonic time now). Nothing is written for an empty new note.
    pub fn save_effects(&mut self, at: Instant) -> Vec<Effect> {
        if !self.dirty {
            return Vec::new();
        }
        if !self.has_content() {
            self.dirty = false;
            return Vec::new();
        }
        self.last_save = at;
        vec![Effect::Write(Box::new(Write::SaveDraft {
            note_id: self.note_id,
            note: self.to_new_note(),
        }))]
    }

    /// Finalising, once the draft is saved: refused while a field is wrong
    /// (a time showing an error, a blank note), naming the field; a late
    /// one asks its reason; otherwise the question.
    fn finalise_step(&mut self) -> Vec<Effect> {
        self.finalising = false;
        if let Some(why) = self.refuse_seal() {
            return vec![Effect::Error(why)];
        }
        match self.note_id {
            Some(id) => vec![Effect::Write(Box::new(Write::CheckLate(id)))],
            None => Vec::new(),
        }
    }
}

impl NoteEditor {
    /// Discarding the draft: asked first; on yes (the action again) a saved
    /// draft leaves the record (undo puts it back) and the editor closes.
    /// The id is read at the answer, so an autosave in between is
    /// discarded too.
    fn discard(&mut self) -> Vec<Effect> {
        if !std::mem::take(&mut self.discard_asked) {
            self.discard_asked = true;
            return vec![Effect::Confirm {
                question: "Discard this draft note? It leaves the record; u (undo) puts it back."
                    .into(),
                yes: vec![Effect::Action(Action::DiscardDraft)],
                no: vec![Effect::Action(Action::No)],
            }];
        }
        let mut out = Vec::new();
        if let Some(id) = self.note_id {
            out.push(Effect::Write(Box::new(Write::DiscardDraft(id))));
        }
        out.push(Effect::Close);
        out
    }
}

impl Screen for NoteEditor {
    fn title(&self) -> String {
        "Note editor".into()
    }

    fn mode(&self) -> Mode {
        Mode::Editor
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::NextField,
            Action::Save,
            Action::Finalise,
            Action::DiscardDraft,
            Action::Back,
        ]
    }

    fn update(&mut self, action: Action, _now: NaiveDateTime) -> Vec<Effect> {
        match action {
            Action::NextField | Action::PrevField => {
                self.move_focus(if action == Action::NextField { 1 } else { -1 });
                self.save_effects(Instant::now())
            }
            Action::Save => {
                let mut e = self.save_effects(Instant::now());
                e.push(Effect::Info("Draft saved".into()));
                e
            }
            Action::Finalise => {
                // Refused before anything is saved or asked: the draft
                // keeps its text and the field says what is wrong.
                if let Some(why) = self.refuse_seal() {
                    let mut e = self.save_effects(Instant::now());
                    e.push(Effect::Error(why));
                    return e;
                }
                self.finalising = true;
                let e = self.save_effects(Instant::now());
                if e.is_empty() {
                    self.finalise_step()
                } else {
                    e
                }
            }
            Action::DiscardDraft => self.discard(),
            Action::No => {
                self.discard_asked = false;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn type_key(&mut self, key: KeyEvent, now: NaiveDateTime) -> Vec<Effect> {
        self.key(key, now);
        Vec::new()
    }

    fn paste(&mut self, text: &str, now: NaiveDateTime) -> Vec<Effect> {
        match NoteEditor::paste(self, text, now) {
            Ok(()) => Vec::new(),
            Err(why) => vec![Effect::Error(why)],
        }
    }

    /// Saves and closes; when the draft cannot be saved the editor stays.
    fn back(&mut self) -> Vec<Effect> {
        let mut e = self.save_effects(Instant::now());
        let saved = !e.is_empty() || self.note_id.is_some();
        e.push(Effect::Close);
        if saved {
            e.push(Effect::Info(
                "Draft kept: finalise it when it is ready (it is listed on Today)".into(),
            ));
        }
        e
    }

    fn save(&mut self) -> Vec<Effect> {
        self.save_effects(Instant::now())
    }

    fn tick(&mut self, at: Instant) -> Vec<Effect> {
        if self.dirty && at.saturating_duration_since(self.last_save) >= AUTOSAVE_AFTER {
            self.save_effects(at)
        } else {
            Vec::new()
        }
    }

    fn written(&mut self, write: &Write, result: Result<&Outcome, &WriteError>) -> Vec<Effect> {
        match (write, result) {
            (Write::SaveDraft { .. }, Ok(o)) => {
                if self.note_id.is_none() {
                    self.note_id = o.id;
                }
                self.dirty = false;
                self.saved_at = Some(o.at);
                if self.finalising {
                    return self.finalise_step();
                }
                Vec::new()
            }
            (Write::SaveDraft { .. }, Err(e)) => {
                self.finalising = false;
                vec![Effect::Error(format!(
                    "the draft could not be saved ({e}); your text is still here"
                ))]
            }
            // Every path to the seal shows what will be sealed first (issue
            // 25: a late entry went straight to its reason and sealed).
            (Write::CheckLate(id), Ok(o)) => match o.late_days {
                // A late entry needs its reason too; giving it (and saving)
                // finalises.
                Some(days) => {
                    let f = forms::late_reason(*id, days, self.theme, o.at.date());
                    vec![Effect::Confirm {
                        question: format!(
                            "{}\nIt is a late entry ({days} working days after the contact): \
                             its reason is asked next.",
                            self.seal_question()
                        ),
                        yes: vec![Effect::Push(f.into())],
                        no: Vec::new(),
                    }]
                }
                None => vec![Effect::Confirm {
                    question: self.seal_question(),
                    yes: vec![Effect::Write(Box::new(Write::Finalise {
                        note_id: *id,
                        reason: None,
                    }))],
                    no: Vec::new(),
                }],
            },
            (Write::CheckLate(_), Err(e)) => {
                vec![Effect::Error(format!("could not check the note: {e}"))]
            }
            (Write::Finalise { .. }, Ok(_)) => {
                vec![Effect::Close, Effect::Action(Action::TabNotes)]
            }
            (Write::Finalise { .. }, Err(e)) => {
                vec![Effect::Error(format!("could not finalise: {e}"))]
            }
            _ => Vec::new(),
        }
    }

    fn wheel(&mut self, down: bool) -> bool {
        self.body.scroll(down);
        true
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}
