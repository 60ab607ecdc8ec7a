//! Carrying out the effects screens ask for: opening and closing screens,
//! writes (then reloading what they changed), messages and questions.

use std::time::Instant;

use super::{App, load, write};
use crate::domain::NoteStatus;
use crate::ui::View;
use crate::ui::client::{ClientView, Tab};
use crate::ui::note::NoteEditor;
use crate::ui::note::view::NoteViewer;
use crate::ui::screen::{Effect, Write};

impl App {
    /// Carries out `effects` in order. When a write fails the effects after
    /// it are dropped and this returns false.
    pub(super) fn run(&mut self, effects: Vec<Effect>) -> bool {
        for e in effects {
            match e {
                Effect::Push(v) => self.push(v),
                Effect::OpenClient {
                    id,
                    tab,
                    offer_draft,
                } => self.open_client(id, tab, offer_draft, None),
                Effect::OpenPlanVersion { client, plan } => {
                    self.open_client(client, Tab::Plan, true, Some(plan));
                }
                Effect::OpenNote(id) => self.open_note(id),
                Effect::Close => self.close(),
                Effect::Write(w) => {
                    if !self.write(*w) {
                        return false;
                    }
                }
                Effect::Reload => self.reload_top(),
                Effect::KeepFormDraft { key, fields } => self.keep_form_draft(&key, &fields),
                Effect::DropFormDraft(key) => self.drop_form_draft(&key),
                Effect::Action(a) => {
                    let now = self.now();
                    let more = match self.stack.last_mut() {
                        Some(v) => v.screen_mut().update(a, now),
                        None => Vec::new(),
                    };
                    if !self.run(more) {
                        return false;
                    }
                }
                Effect::Info(t) => self.info(t),
                Effect::Error(t) => self.error(t),
                Effect::Confirm { question, yes, no } => self.confirm(question, yes, no),
                Effect::Export { job, dir } => self.export(&job, &dir),
                Effect::Paste(job) => self.paste_pack(&job),
                Effect::Quit => self.should_quit = true,
            }
        }
        true
    }

    /// Puts a screen on top, loads it, and does what it asks on opening.
    fn push(&mut self, v: View) {
        self.stack.push(v);
        let now = self.now();
        let today = now.date();
        let src = super::cache::Cached::new(&self.store, &self.cache, today);
        let r = match self.stack.last_mut() {
            Some(v) => {
                v.screen_mut().set_now(now);
                v.screen_mut().reload(&src, today)
            }
            None => Ok(()),
        };
        if let Err(e) = r {
            self.stack.pop();
            return self.error(format!("could not open it: {e}"));
        }
        self.restore_form_draft();
        self.opened();
    }

    fn opened(&mut self) {
        let fx = match self.stack.last_mut() {
            Some(v) => v.screen_mut().opened(),
            None => Vec::new(),
        };
        self.run(fx);
    }

    /// Closes the screen on top; the one beneath reloads if a write made
    /// it out of date.
    fn close(&mut self) {
        if self.stack.len() > 1 {
            self.retire_top();
        }
        if self.stale || (self.root_unloaded && self.stack.len() == 1) {
            self.reload_top();
        }
    }

    /// Carries out a write and what the screen on top does after it; false
    /// when it failed.
    fn write(&mut self, w: Write) -> bool {
        let now = self.now();
        match write::apply(&mut self.store, &w, now) {
            Ok(o) => {
                let changed = write::changes_store(&w);
                if changed {
                    self.stale = true;
                }
                if write::changes_names(&w) {
                    self.rebuild_names();
                }
                if let Some(m) = &o.message {
                    self.info(m.clone());
                }
                let more = match self.stack.last_mut() {
                    Some(v) => v.screen_mut().written(&w, Ok(&o)),
                    None => Vec::new(),
                };
                let ok = self.run(more);
                if changed {
                    self.reload_top();
                }
                ok
            }
            Err(e) => {
                let more = match self.stack.last_mut() {
                    Some(v) => v.screen_mut().written(&w, Err(&e)),
                    None => Vec::new(),
                };
                if more.is_empty() {
                    self.error(e.message);
                } else {
                    self.run(more);
                }
                false
            }
        }
    }

    /// Reloads the screen on top from the store.
    pub(super) fn reload_top(&mut self) {
        let now = self.now();
        let today = now.date();
        let src = super::cache::Cached::new(&self.store, &self.cache, today);
        let r = match self.stack.last_mut() {
            Some(v) => {
                v.screen_mut().set_now(now);
                v.screen_mut().reload(&src, today)
            }
            None => Ok(()),
        };
        if self.stack.len() <= 1 {
            self.stale = false;
            self.root_unloaded = false;
        }
        if let Err(e) = r {
            self.error(format!("could not refresh the screen: {e}"));
        }
    }

    /// Opens a client's record at `tab` (at care plan version `plan`, when
    /// given); `offer_draft` asks to resume a draft.
    fn open_client(&mut self, id: i64, tab: Tab, offer_draft: bool, plan: Option<i64>) {
        let now = self.now();
        let today = now.date();
        match load::client(&self.store, id, today) {
            Ok(data) => {
                let mut v = ClientView::open(data, tab, today, self.theme, offer_draft);
                // Overdue to the minute for a clock counted in hours.
                v.now = Some(now);
                if let Some(plan) = plan {
                    v.show_plan(plan);
                }
                // Asked once per draft: not again when it was asked before.
                if offer_draft
                    && let Some(n) = v.notes.draft()
                    && !self.offered_drafts.insert(n.id)
                {
                    v.skip_draft_offer();
                }
                self.stack.push(v.into());
                self.opened();
            }
            Err(e) => self.error(format!("could not open the client: {e}")),
        }
    }

    /// Opens a note: a draft in the editor over its client's record, a
    /// final note read-only.
    fn open_note(&mut self, note_id: i64) {
        let data = match load::note(&self.store, note_id) {
            Ok(d) => d,
            Err(e) => return self.error(format!("could not open the note: {e}")),
        };
        if data.note.status == NoteStatus::Final {
            self.stack.push(NoteViewer::open(data, self.theme).into());
            return;
        }
        // The editor opens over the screen it was asked from, so Esc goes
        // back there (a draft opened from Today returns to Today).
        let name = data.client.display_name();
        let e = NoteEditor::resume(&data.note, &name, Instant::now(), self.theme);
        self.stack.push(e.into());
    }
}
