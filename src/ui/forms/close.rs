//! Closing a case: why, the closure summary and the day, with what
//! closing stops tracking (the store's own preview, loaded when the form
//! opens) listed under the fields and asked about before it is written.

use chrono::NaiveDate;

use super::draft::DraftKey;
use super::{Field, FieldKind, Form, FormSpec, Problem, fields_of, typed_form};
use crate::action::Action;
use crate::domain::closure::ClosurePreview;
use crate::domain::retention::Closing;
use crate::ui::data::Source;
use crate::ui::screen::{Effect, Outcome};
use crate::ui::theme::Theme;
use crate::ui::write::Write;

typed_form! {
    /// Closing a case: why, the closure summary, and the day.
    CloseForm {
        /// Why the case is closing (short).
        reason,
        /// What was done, where things stand, who holds what.
        summary,
        /// The closing date.
        on,
    }
}

/// Closing a client's case.
#[derive(Debug, Clone)]
pub struct CloseSpec {
    /// The client.
    pub client_id: i64,
    /// What closing stops tracking (none until loaded).
    pub preview: Option<Box<ClosurePreview>>,
    /// The fields.
    pub form: CloseForm,
}

impl FormSpec for CloseSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        let form = &self.form;
        Ok(Write::CloseCase {
            client_id: self.client_id,
            closing: Closing {
                on: form.on.required_date(today, "the closing date is needed")?,
                reason: form
                    .reason
                    .opt()
                    .ok_or_else(|| form.reason.problem("say why the case is closing"))?,
                summary: form.summary.value(),
            },
        })
    }

    // A closed case: its Summary says the closure and retention date.
    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Action(Action::TabSummary)]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::CloseCase(self.client_id))
    }

    /// Loads what closing stops tracking.
    fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        self.preview = Some(Box::new(src.closure(self.client_id, today)?));
        Ok(())
    }

    /// The write, or first a question when closing stops tracking
    /// something (each thing listed, as `client close` warns; in privacy
    /// mode deadlines are counted, not named).
    fn confirm(&self, w: Write, privacy: bool) -> Vec<Effect> {
        let write = Effect::Write(Box::new(w));
        match &self.preview {
            Some(p) if p.needs_warning() => {
                let mut question = String::from("Closing this case stops tracking:\n");
                let lines = tracked(p, privacy);
                // Legal episodes come first and are always listed; a long
                // list of deadlines is cut short so the question fits.
                let shown = lines.len().min(MAX_LISTED.max(p.open_episodes.len()));
                for line in &lines[..shown] {
                    question.push_str(&format!("• {line}\n"));
                }
                if shown < lines.len() {
                    question.push_str(&format!(
                        "• and {} more (`caseload client close` lists them all)\n",
                        lines.len() - shown
                    ));
                }
                question.push_str("Close the case anyway?");
                vec![Effect::Confirm {
                    question,
                    yes: vec![write],
                    no: Vec::new(),
                }]
            }
            _ => vec![write],
        }
    }

    /// What stops being tracked and the retention review it sets (if
    /// closed today).
    fn notes(&self, privacy: bool) -> Vec<String> {
        let Some(p) = &self.preview else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if p.needs_warning() {
            out.push("Closing this case stops tracking (you are asked before it closes):".into());
            out.extend(tracked(p, privacy).into_iter().map(|l| format!("• {l}")));
        } else {
            out.push("Nothing else is tracked for this client.".into());
        }
        if let Some(r) = &p.retention {
            out.push(format!("If closed today: {}.", r.words()));
        }
        out
    }
}

/// What closing stops tracking, one line each: the store's own lines, with
/// the deadlines (hand-written text) counted instead in privacy mode.
fn tracked(p: &ClosurePreview, privacy: bool) -> Vec<String> {
    let lines = p.stops_tracking();
    if !privacy || p.open_deadlines.is_empty() {
        return lines;
    }
    let episodes = p.open_episodes.len();
    let deadlines = p.open_deadlines.len();
    let n = i64::try_from(deadlines).unwrap_or(i64::MAX);
    let mut out: Vec<String> = lines[..episodes].to_vec();
    out.push(crate::domain::text::count(n, "open deadline"));
    out.extend(lines[episodes + deadlines..].iter().cloned());
    out
}

/// The most lines of what closing stops tracking the question lists.
const MAX_LISTED: usize = 8;

/// The closing form for a client.
#[must_use]
pub fn close(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let form = CloseForm {
        reason: Field::text("Reason", "reason", FieldKind::Text, "", theme).required(),
        summary: Field::text(
            "Closure summary",
            "closure summary",
            FieldKind::Long,
            "",
            theme,
        ),
        on: Field::text(
            "Closing date",
            "closing date",
            FieldKind::Date { required: true },
            "today",
            theme,
        ),
    };
    let spec = CloseSpec {
        client_id,
        preview: None,
        form,
    };
    Form::new(spec, "Close the case".into(), today, theme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EpisodeKind, LegalEpisode};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn type_into(form: &mut Form, key: &str, text: &str) {
        let f = form.field_mut(key).unwrap();
        f.input
            .key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        for c in text.chars() {
            f.input.key(KeyEvent::from(KeyCode::Char(c)));
        }
    }

    #[test]
    fn closing_needs_a_reason_and_carries_the_summary_and_date() {
        let mut form = close(4, Theme::default(), today());
        assert_eq!(form.spec.to_write(today()).unwrap_err().field, "reason");
        type_into(&mut form, "reason", "Moved away");
        type_into(&mut form, "closure summary", "Handed over.");
        type_into(&mut form, "closing date", "20/11/2026");
        match form.spec.to_write(today()).unwrap() {
            Write::CloseCase { client_id, closing } => {
                assert_eq!(client_id, 4);
                assert_eq!(closing.reason, "Moved away");
                assert_eq!(closing.summary, "Handed over.");
                assert_eq!(closing.on, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn closing_asks_first_only_when_something_stops_being_tracked() {
        let theme = Theme::default();
        let mut c = CloseSpec {
            client_id: 4,
            preview: None,
            form: CloseForm {
                reason: Field::text("Reason", "reason", FieldKind::Text, "", theme),
                summary: Field::text("Summary", "closure summary", FieldKind::Long, "", theme),
                on: Field::text("On", "closing date", FieldKind::Text, "", theme),
            },
        };
        let w = Write::Undo;
        // Not loaded yet, or nothing tracked: straight to the write.
        assert!(matches!(
            c.confirm(w.clone(), false)[..],
            [Effect::Write(_)]
        ));
        let mut p = ClosurePreview {
            open_episodes: vec![],
            open_deadlines: vec![],
            open_actions: 0,
            drafts: 0,
            retention: None,
        };
        c.preview = Some(Box::new(p.clone()));
        assert!(matches!(
            c.confirm(w.clone(), false)[..],
            [Effect::Write(_)]
        ));
        p.open_episodes = vec![LegalEpisode {
            id: 9,
            client_id: 4,
            kind: EpisodeKind::Dols,
            start_on: today(),
            end_on: None,
            notes: None,
            created_at: today().and_hms_opt(9, 0, 0).unwrap(),
            start_at: None,
            follows_id: None,
            end_at: None,
            end_reason: None,
        }];
        c.preview = Some(Box::new(p));
        match &c.confirm(w, false)[..] {
            [Effect::Confirm { question, yes, .. }] => {
                assert!(question.contains("legal episode 9: DoLS"), "{question}");
                assert!(matches!(yes[..], [Effect::Write(_)]));
            }
            other => panic!("{other:?}"),
        }
    }
}
