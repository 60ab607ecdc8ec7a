//! A form as a screen: Tab between fields, Ctrl-s (or Enter) checks it and
//! asks the app for the write; a problem comes back beside its field.

use chrono::NaiveDateTime;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::client::Tab;
use super::form::{Form, FormKind};
use super::forms::{self, Problem};
use super::screen::{Click, Effect, Outcome, Screen, Write, WriteError};
use super::theme::Theme;
use crate::action::Action;
use crate::keymap::Mode;

impl Form {
    /// The write this form asks for, or the field at fault.
    pub fn to_write(&self) -> Result<Write, Problem> {
        Ok(match self.kind {
            FormKind::NewClient => Write::AddClient(forms::to_client(self)?),
            FormKind::EditClient(id) => Write::UpdateClient(id, forms::to_client(self)?),
            FormKind::Network(cid) => Write::AddNetwork(forms::to_network(self, cid)),
            FormKind::PlanReview(cid) => Write::AddPlan(cid, forms::to_plan(self)?),
            FormKind::Deadline(cid) => Write::AddDeadline(forms::to_deadline(self, cid)?),
            FormKind::Episode(cid) => Write::AddEpisode(forms::to_episode(self, cid)?),
            FormKind::Action(cid) => Write::AddAction(forms::to_action(self, cid)?),
            FormKind::Addendum { note_id } => Write::AddAddendum {
                note_id,
                reason: self.value("reason"),
                text: self.value("addendum text"),
            },
            FormKind::LateFinalise { note_id } => {
                let Some(reason) = self.opt("reason for late entry") else {
                    return Err((
                        "reason for late entry",
                        "give the reason this note is written up late".into(),
                    ));
                };
                Write::Finalise {
                    note_id,
                    reason: Some(reason),
                }
            }
            FormKind::DeadlineDone { deadline_id, .. } => Write::CompleteDeadline {
                id: deadline_id,
                on: self
                    .date("done on")?
                    .ok_or(("done on", "the date it was done is needed".to_string()))?,
                outcome: self.opt("outcome"),
            },
        })
    }

    /// The field a store validation problem names, in this form's words.
    fn field_for(&self, store_field: &str) -> String {
        match (self.kind, store_field) {
            (FormKind::PlanReview(_), "owner") => "plan action".into(),
            _ => store_field.to_string(),
        }
    }

    fn problem(&mut self, key: &str, message: &str) -> Vec<Effect> {
        self.set_error(key, message.to_string());
        vec![Effect::Error(format!("{key}: {message}"))]
    }

    /// After a successful save: close, show what was added.
    fn saved(&self, o: &Outcome) -> Vec<Effect> {
        let mut e = vec![Effect::Close];
        match self.kind {
            // The late-entry form sat over the editor: the note is final now.
            FormKind::LateFinalise { .. } => {
                e.push(Effect::Close);
                e.push(Effect::Action(Action::TabNotes));
            }
            FormKind::Deadline(_) | FormKind::Action(_) | FormKind::DeadlineDone { .. } => {
                e.push(Effect::Action(Action::TabDeadlines));
            }
            FormKind::Network(_) => e.push(Effect::Action(Action::TabNetwork)),
            FormKind::PlanReview(_) => e.push(Effect::Action(Action::TabPlan)),
            FormKind::NewClient => {
                if let Some(id) = o.id {
                    e.push(Effect::OpenClient {
                        id,
                        tab: Tab::Summary,
                        offer_draft: false,
                    });
                }
            }
            FormKind::EditClient(_) | FormKind::Episode(_) | FormKind::Addendum { .. } => {}
        }
        e
    }
}

impl Screen for Form {
    fn title(&self) -> String {
        self.title.clone()
    }

    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::NextField, Action::Submit, Action::Back]
    }

    fn update(&mut self, action: Action, _now: NaiveDateTime) -> Vec<Effect> {
        match action {
            Action::NextField => self.move_focus(1),
            Action::PrevField => self.move_focus(-1),
            Action::Submit => {
                return match self.to_write() {
                    Ok(w) => vec![Effect::Write(Box::new(w))],
                    Err((k, m)) => self.problem(k, &m),
                };
            }
            _ => {}
        }
        Vec::new()
    }

    fn type_key(&mut self, key: KeyEvent, _now: NaiveDateTime) -> Vec<Effect> {
        self.key(key);
        Vec::new()
    }

    // In a long text field Enter and the arrows edit the text.
    fn wants_raw(&self, key: &KeyEvent) -> bool {
        key.modifiers == KeyModifiers::NONE
            && matches!(key.code, KeyCode::Enter | KeyCode::Up | KeyCode::Down)
            && self.focus_is_long()
    }

    fn back(&mut self) -> Vec<Effect> {
        if !self.changed {
            return vec![Effect::Close];
        }
        vec![Effect::Confirm {
            question: "Leave this form without saving? What you typed in it will be lost.".into(),
            yes: vec![Effect::Close],
            no: Vec::new(),
        }]
    }

    fn written(&mut self, _write: &Write, result: Result<&Outcome, &WriteError>) -> Vec<Effect> {
        match result {
            Ok(o) => self.saved(o),
            Err(e) => match &e.field {
                Some(f) => {
                    let key = self.field_for(f);
                    self.problem(&key, &e.message)
                }
                None => Vec::new(),
            },
        }
    }

    fn click(&mut self, _x: u16, y: u16) -> Click {
        Form::click(self, y);
        Click::Missed
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}
