//! What actions do to the store: saving drafts, finalising, submitting
//! forms, marking things done; and reloading what a write changed.

use std::time::Instant;

use super::App;
use crate::domain::NoteStatus;
use crate::store::StoreError;
use crate::ui::View;
use crate::ui::client::{DueRow, Tab};
use crate::ui::confirm::Answer;
use crate::ui::form::FormKind;
use crate::ui::forms::{self, Problem};
use crate::ui::note::NoteEditor;
use crate::ui::note_view::NoteViewer;

/// Why a form could not be saved.
enum FormError {
    /// A field's problem, shown beside it.
    Field(&'static str, String),
    /// Anything else, shown in the status line.
    Other(String),
}

impl From<Problem> for FormError {
    fn from((k, m): Problem) -> Self {
        FormError::Field(k, m)
    }
}

impl From<StoreError> for FormError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(v) => FormError::Field(v.field, v.problem),
            other => FormError::Other(other.to_string()),
        }
    }
}

impl App {
    /// Writes the editor's draft if it has changed. Errors go to the status
    /// line; the text stays in the editor.
    pub(super) fn save_draft(&mut self, at: Instant) {
        let now = self.now();
        let Some(View::Editor(e)) = self.stack.last_mut() else {
            return;
        };
        if !e.dirty {
            return;
        }
        if !e.has_content() {
            e.dirty = false;
            return;
        }
        let note = e.to_new_note();
        let result = match e.note_id {
            None => self.store.add_note(&note, now).map(|id| {
                e.note_id = Some(id);
            }),
            Some(id) => self.store.save_draft(id, &note, now).map(|_| ()),
        };
        e.last_save = at;
        match result {
            Ok(()) => {
                e.dirty = false;
                e.saved_at = Some(now);
                self.stale = true;
            }
            Err(err) => {
                self.error(format!(
                    "the draft could not be saved ({err}); your text is still here"
                ));
            }
        }
    }

    /// Saves and closes the editor; false (and the editor stays) when the
    /// draft could not be saved.
    pub(super) fn leave_editor(&mut self) -> bool {
        self.save_draft(Instant::now());
        let Some(View::Editor(e)) = self.stack.last() else {
            return true;
        };
        if e.dirty {
            return false;
        }
        let saved = e.note_id.is_some();
        self.stack.pop();
        if saved {
            self.info("Draft kept: finalise it when it is ready (it is listed on Today)");
        }
        true
    }

    /// Asks before finalising the note in the editor.
    pub(super) fn ask_finalise(&mut self) {
        self.save_draft(Instant::now());
        let Some(View::Editor(e)) = self.stack.last() else {
            return;
        };
        if e.dirty {
            return;
        }
        if e.body.is_blank() {
            self.error("Write what happened before finalising");
            return;
        }
        // A late entry needs its reason; giving it (and saving) finalises.
        if let Some(id) = e.note_id {
            let now = self.now();
            match self.store.late_entry(id, self.store.late_entry_rule(), now) {
                Ok(Some(days)) => {
                    let f = forms::late_reason(id, days, self.theme, now.date());
                    self.stack.push(View::Form(Box::new(f)));
                    return;
                }
                Ok(None) => {}
                Err(err) => return self.error(format!("could not check the note: {err}")),
            }
        }
        self.confirm(
            "Finalise this note? After this it cannot be changed; corrections are added as addenda.".into(),
            Answer::FinaliseNote,
            Answer::Nothing,
        );
    }

    /// Finalises the note in the editor (after the question).
    pub(super) fn finalise_now(&mut self) {
        let now = self.now();
        let Some(View::Editor(e)) = self.stack.last() else {
            return;
        };
        let Some(id) = e.note_id else { return };
        match self.store.finalise_note(id, None, now) {
            Ok(()) => {
                self.stack.pop();
                if let Some(View::Client(c)) = self.stack.last_mut() {
                    c.set_tab(Tab::Notes);
                }
                self.refresh();
                self.info("Note finalised");
            }
            Err(err) => self.error(format!("could not finalise: {err}")),
        }
    }

    /// Opens a draft in the editor, over its client's record.
    pub(super) fn open_draft(&mut self, note_id: i64) {
        let note = match self.store.note(note_id) {
            Ok(n) => n,
            Err(e) => return self.error(format!("could not open the note: {e}")),
        };
        if note.status == NoteStatus::Final {
            return self.open_note_view(note_id);
        }
        let on_client =
            matches!(self.stack.last(), Some(View::Client(c)) if c.client.id == note.client_id);
        if !on_client {
            self.open_client(note.client_id, Tab::Notes, false);
        }
        let name = match self.stack.last() {
            Some(View::Client(c)) => c.client.display_name(),
            _ => return,
        };
        let e = NoteEditor::resume(&note, &name, Instant::now(), self.theme);
        self.stack.push(View::Editor(Box::new(e)));
    }

    /// Opens a final note read-only.
    pub(super) fn open_note_view(&mut self, note_id: i64) {
        match NoteViewer::load(&self.store, note_id) {
            Ok(v) => self.stack.push(View::NoteView(Box::new(v))),
            Err(e) => self.error(format!("could not open the note: {e}")),
        }
    }

    /// Marks the selected deadline (asks for date and outcome) or action done.
    pub(super) fn mark_done(&mut self) {
        let now = self.now();
        let Some(View::Client(v)) = self.stack.last() else {
            return;
        };
        match v.selected_due() {
            Some(DueRow::Deadline(i)) => {
                let d = &v.deadlines[i];
                if d.completed_on.is_some() || d.cancelled {
                    return self.info("That deadline is already closed");
                }
                let f = forms::deadline_done(d.id, d.client_id, self.theme, now.date());
                self.stack.push(View::Form(Box::new(f)));
            }
            Some(DueRow::Action(i)) => {
                let a = &v.actions[i];
                if a.done_on.is_some() {
                    return self.info("That action is already done");
                }
                let id = a.id;
                match self.store.complete_action(id, now.date(), now) {
                    Ok(()) => {
                        self.refresh();
                        self.info("Action marked done");
                    }
                    Err(e) => self.error(format!("could not mark it done: {e}")),
                }
            }
            None => {}
        }
    }

    /// Checks and saves the form on top.
    pub(super) fn submit_form(&mut self) {
        let now = self.now();
        let Some(View::Form(f)) = self.stack.last() else {
            return;
        };
        let kind = f.kind;
        let result: Result<(String, Option<i64>), FormError> = (|| match kind {
            FormKind::NewClient => {
                let c = forms::to_client(f)?;
                let id = self.store.add_client(&c, now)?;
                Ok(("Client added".to_string(), Some(id)))
            }
            FormKind::EditClient(id) => {
                let c = forms::to_client(f)?;
                let changed = self.store.update_client(id, &c, now)?;
                Ok((format!("Saved ({} changed)", changed.len()), None))
            }
            FormKind::Network(cid) => {
                self.store
                    .add_network_member(&forms::to_network(f, cid), now)?;
                Ok(("Network member added".into(), None))
            }
            FormKind::PlanReview(cid) => {
                let p = forms::to_plan(f).map_err(|(k, m)| FormError::Field(k, m))?;
                let v = self
                    .store
                    .add_plan_version(cid, &p, now)
                    .map_err(|e| match e {
                        StoreError::Invalid(v) if v.field == "owner" => {
                            FormError::Field("plan action", v.problem)
                        }
                        other => other.into(),
                    })?;
                Ok((
                    format!("Care plan version {v} saved; earlier versions stay readable"),
                    None,
                ))
            }
            FormKind::Deadline(cid) => {
                self.store.add_deadline(&forms::to_deadline(f, cid)?, now)?;
                Ok(("Deadline added".into(), None))
            }
            FormKind::Episode(cid) => {
                let e = forms::to_episode(f, cid)?;
                let (_, ids) = self.store.add_legal_episode(&e, now)?;
                Ok((
                    format!(
                        "{} episode added: {} deadline(s) from the rules",
                        e.kind.label(),
                        ids.len()
                    ),
                    None,
                ))
            }
            FormKind::Action(cid) => {
                self.store.add_action(&forms::to_action(f, cid)?, now)?;
                Ok(("Action added".into(), None))
            }
            FormKind::Addendum { note_id } => {
                self.store.add_addendum(
                    note_id,
                    &f.value("reason"),
                    &f.value("addendum text"),
                    now,
                )?;
                Ok(("Addendum added".into(), None))
            }
            FormKind::LateFinalise { note_id } => {
                let Some(reason) = f.opt("reason for late entry") else {
                    return Err(FormError::Field(
                        "reason for late entry",
                        "give the reason this note is written up late".into(),
                    ));
                };
                self.store.finalise_note(note_id, Some(&reason), now)?;
                Ok((
                    "Note finalised (late entry; the reason is kept with it)".into(),
                    None,
                ))
            }
            FormKind::DeadlineDone { deadline_id, .. } => {
                let on = f
                    .date("done on")?
                    .ok_or(("done on", "the date it was done is needed".to_string()))?;
                let next = self.store.complete_deadline_and_continue(
                    deadline_id,
                    on,
                    f.opt("outcome").as_deref(),
                    now,
                )?;
                // Where the rule's chain continues, say when the next one is due.
                let msg = match next.first().map(|n| self.store.deadline(*n)).transpose()? {
                    Some(d) => format!("Deadline marked done; next due {}", d.due),
                    None => "Deadline marked done".into(),
                };
                Ok((msg, None))
            }
        })();
        match result {
            Ok((msg, new_client)) => {
                self.stack.pop();
                // The late-entry form sat over the editor: the note is final now.
                if matches!(kind, FormKind::LateFinalise { .. })
                    && matches!(self.stack.last(), Some(View::Editor(_)))
                {
                    self.stack.pop();
                    if let Some(View::Client(c)) = self.stack.last_mut() {
                        c.set_tab(Tab::Notes);
                    }
                }
                // Show what was just added.
                let tab = match kind {
                    FormKind::Deadline(_) | FormKind::Action(_) | FormKind::DeadlineDone { .. } => {
                        Some(Tab::Deadlines)
                    }
                    FormKind::Network(_) => Some(Tab::Network),
                    FormKind::PlanReview(_) => Some(Tab::Plan),
                    _ => None,
                };
                if let (Some(tab), Some(View::Client(c))) = (tab, self.stack.last_mut()) {
                    c.set_tab(tab);
                }
                self.refresh();
                if let Some(id) = new_client {
                    self.open_client(id, Tab::Summary, false);
                }
                self.info(msg);
            }
            Err(FormError::Field(k, m)) => {
                if let Some(View::Form(f)) = self.stack.last_mut() {
                    f.set_error(k, m.clone());
                }
                self.error(format!("{k}: {m}"));
            }
            Err(FormError::Other(m)) => self.error(m),
        }
    }

    /// After a write: reloads the screen now shown; the screens underneath
    /// reload when they are shown again (see `back`).
    pub(super) fn refresh(&mut self) {
        self.stale = true;
        self.reload_top();
    }

    /// Reloads the screen on top of the stack from the store.
    pub(super) fn reload_top(&mut self) {
        let today = self.now().date();
        let r = match self.stack.last_mut() {
            Some(View::Today(t)) => {
                crate::ui::today::TodayView::load(&self.store, today).map(|mut fresh| {
                    fresh.keep_selection(t);
                    *t = fresh;
                })
            }
            Some(View::Caseload(c)) => c.reload(&self.store),
            Some(View::Client(c)) => c.reload(&self.store),
            Some(View::NoteView(n)) => NoteViewer::load(&self.store, n.note.id).map(|fresh| {
                let scroll = n.scroll;
                **n = fresh;
                n.scroll = scroll;
            }),
            Some(View::Search(s)) => {
                s.run(&self.store);
                Ok(())
            }
            Some(View::Editor(_) | View::Form(_)) | None => Ok(()),
        };
        if self.stack.len() <= 1 {
            self.stale = false;
        }
        if let Err(e) = r {
            self.error(format!("could not refresh the screen: {e}"));
        }
    }
}

impl App {
    /// Undoes the last change (`u`), as a new audited change; says what was
    /// undone, or why it cannot be (finalising, an addendum).
    pub(super) fn undo(&mut self) {
        let now = self.now();
        match self.store.undo_last(now) {
            Ok(u) => {
                self.refresh();
                let mut msg = u.summary;
                if let Some(first) = msg.get(..1) {
                    msg = format!("{}{}", first.to_uppercase(), &msg[1..]);
                }
                self.info(msg);
            }
            Err(e) => self.error(format!("Nothing undone: {e}")),
        }
    }
}
