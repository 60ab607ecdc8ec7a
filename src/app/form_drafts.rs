//! A form's unsaved text in the store: kept on the timer (and before a
//! lock or quit), forgotten when the form is saved or left on purpose, and
//! put back when the same form opens again. Nothing of it is logged.

use super::App;
use crate::dates::display;
use crate::store::prelude::*;
use crate::ui::View;
use crate::ui::forms::draft::{FieldValue, describe};

impl App {
    /// Keeps a form's fields under `key`; says so if that failed (the text
    /// is still on screen).
    pub(super) fn keep_form_draft(&mut self, key: &str, fields: &str) {
        let now = self.now();
        if let Err(e) = self.store.keep_form_draft(key, fields, now) {
            tracing::warn!(error = %e, "a form's text could not be kept");
            self.error(format!(
                "what you typed could not be kept ({e}); it is still here: Ctrl-s saves it"
            ));
        }
    }

    /// Forgets what was kept for the form `key`.
    pub(super) fn drop_form_draft(&mut self, key: &str) {
        if let Err(e) = self.store.drop_form_draft(key) {
            tracing::warn!(error = %e, "a form's kept text could not be removed");
        }
    }

    /// When the form just opened on top had text kept from before (the
    /// program ended, or the laptop died, before it was saved), puts it
    /// back and says so.
    pub(super) fn restore_form_draft(&mut self) {
        let Some(View::Form(form)) = self.stack.last_mut() else {
            return;
        };
        let Some(key) = form.draft_key else {
            return;
        };
        let kept = match self.store.form_draft(&key.to_string()) {
            Ok(Some(kept)) => kept,
            Ok(None) => return,
            Err(e) => {
                return self.error(format!("what was typed here before could not be read: {e}"));
            }
        };
        let Ok(values) = serde_json::from_str::<Vec<FieldValue>>(&kept.fields) else {
            tracing::warn!("a form's kept text could not be read back");
            return;
        };
        form.restore(&values);
        self.info(format!(
            "Put back your unsaved text from {}: Ctrl-s saves, Esc discards",
            display::date_time(kept.saved_at)
        ));
    }

    /// At start: says which forms hold text that was typed but never saved
    /// (the last session ended with them open), so none is forgotten.
    pub(super) fn mention_kept_forms(&mut self) {
        let keys = match self.store.kept_form_drafts() {
            Ok(keys) => keys,
            Err(e) => {
                return tracing::warn!(error = %e, "could not list the forms' kept text");
            }
        };
        if keys.is_empty() {
            return;
        }
        let store = &self.store;
        let names: Vec<String> = keys
            .iter()
            .map(|k| describe(k, |id| store.client(id).ok().map(|c| c.display_name())))
            .collect();
        let said = match names.as_slice() {
            [one] => format!("Unsaved text kept: {one}. Open it again to carry on"),
            _ => format!(
                "Unsaved text kept in {} forms: {}. Open them again to carry on",
                names.len(),
                names.join(", ")
            ),
        };
        self.info(said);
    }
}
