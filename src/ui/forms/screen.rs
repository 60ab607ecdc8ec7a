//! A form as a screen: Tab between fields, Ctrl-s (or Enter) checks it and
//! asks the app for the write; a problem comes back beside its field.

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Instant;

use super::form::Form;
use crate::action::Action;
use crate::keymap::Mode;
use crate::ui::data::Source;
use crate::ui::screen::{Click, Effect, Outcome, Screen, Write, WriteError};
use crate::ui::theme::Theme;

impl Form {
    fn problem(&mut self, key: &str, message: &str) -> Vec<Effect> {
        self.set_error(key, message.to_string());
        vec![Effect::Error(format!("{key}: {message}"))]
    }

    /// After a successful save: forget the kept text, close, and what
    /// the form says follows.
    fn saved(&self, o: &Outcome) -> Vec<Effect> {
        let mut e = self.drop_effects();
        e.push(Effect::Close);
        e.extend(self.spec.after_save(o));
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
                return match self.spec.to_write(self.today) {
                    Ok(w) => self.spec.confirm(w, self.theme.privacy()),
                    Err(p) => self.problem(p.field, &p.message),
                };
            }
            _ => {}
        }
        Vec::new()
    }

    fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        self.spec.reload(src, today)
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
        let mut yes = self.drop_effects();
        yes.push(Effect::Close);
        vec![Effect::Confirm {
            question: "Leave this form without saving? What you typed in it will be lost.".into(),
            yes,
            no: Vec::new(),
        }]
    }

    fn tick(&mut self, at: Instant) -> Vec<Effect> {
        self.keep_tick(at)
    }

    fn save(&mut self) -> Vec<Effect> {
        self.keep_effects(Instant::now())
    }

    fn written(&mut self, _write: &Write, result: Result<&Outcome, &WriteError>) -> Vec<Effect> {
        match result {
            Ok(o) => self.saved(o),
            Err(e) => match &e.field {
                Some(f) => {
                    let key = self.key_for(f);
                    self.problem(key, &e.message)
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
