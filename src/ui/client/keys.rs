//! What keys do on a client's record: moving, switching tabs, opening rows
//! and the forms that add to each tab.

use chrono::{NaiveDate, NaiveDateTime};

use super::member::MemberView;
use super::{ClientView, DueRow, Tab};
use crate::action::Action;
use crate::domain::NoteStatus;
use crate::keymap::Mode;
use crate::ui::data::Source;
use crate::ui::forms;
use crate::ui::forms::case;
use crate::ui::note::NoteEditor;
use crate::ui::screen::{Click, Effect, Screen, Write};
use crate::ui::theme::Theme;

impl ClientView {
    /// The planned visit selected on the Deadlines tab.
    fn selected_visit(&self) -> Option<&crate::domain::Visit> {
        match (self.tab, self.selected_due()) {
            (Tab::Deadlines, Some(DueRow::Visit(i))) => self.seen.planned.get(i),
            _ => None,
        }
    }

    /// Actions that open a form or another screen.
    fn open_action(&self, action: Action, now: NaiveDateTime) -> Vec<Effect> {
        let (id, theme, today) = (self.client.id, self.theme, now.date());
        let form = match (action, self.tab) {
            // Always a new note: an older draft is another contact's record
            // (it is offered when the client opens and listed on Notes).
            (Action::NewNote, _) | (Action::Add, Tab::Notes) => {
                let name = self.client.display_name();
                let mut e = NoteEditor::new(id, &name, now, std::time::Instant::now(), theme);
                if let Some(kind) = self.last_note_kind() {
                    e.kind = kind;
                }
                return vec![Effect::Push(e.into())];
            }
            (Action::Open, Tab::Notes) => {
                return match self.selected_note() {
                    Some(n) if n.status == NoteStatus::Draft => vec![Effect::OpenNote(n.id)],
                    Some(n) => vec![Effect::OpenNote(n.id)],
                    None => Vec::new(),
                };
            }
            (Action::MarkDone | Action::Open, Tab::Deadlines) => return self.mark_done(now),
            (Action::PlanVisit, _) => {
                let household = self.seen.household.iter().map(|(id, _)| *id).collect();
                crate::ui::forms::visit::plan(id, household, theme, today)
            }
            (Action::MoveVisit | Action::CancelVisit, _) => {
                let Some(v) = self.selected_visit() else {
                    return vec![Effect::Info(
                        "Select a planned visit on the Deadlines tab (4) first".into(),
                    )];
                };
                if action == Action::MoveVisit {
                    crate::ui::forms::visit::move_visit(v.id, theme, today)
                } else {
                    crate::ui::forms::visit::cancel_visit(v.id, theme, today)
                }
            }
            (Action::MarkDone, Tab::Plan) => match self.plans.first() {
                Some(p) if self.plan_index == 0 && !p.actions.is_empty() => {
                    forms::plan_action_done(p, theme, today)
                }
                Some(_) if self.plan_index != 0 => {
                    return vec![Effect::Info(
                        "Earlier versions are read-only; ] shows the current plan".into(),
                    )];
                }
                _ => return vec![Effect::Info("The plan has no actions to tick off".into())],
            },
            (Action::EditClient, _) | (Action::Add, Tab::Summary) => {
                forms::client(Some(&self.client), theme, today)
            }
            (Action::Add, Tab::Plan) => forms::plan(id, self.plans.first(), theme, today),
            (Action::NewDeadline, _) | (Action::Add, Tab::Deadlines) => {
                forms::deadline(id, theme, today)
            }
            (Action::NewEpisode, _) => forms::episode(id, &self.episodes, theme, today),
            (Action::NewSupervision, _) => forms::supervision::supervision(id, theme, today),
            (Action::CloseCase, _) => {
                if self.client.status == crate::domain::CaseStatus::Closed {
                    return vec![Effect::Info("This case is already closed".into())];
                }
                case::close(id, theme, today)
            }
            (Action::EndEpisode, _) => match case::end_episode(&self.episodes, theme, today) {
                Some(f) => f,
                None => return vec![Effect::Info("No legal episode is open".into())],
            },
            (Action::RevokeEpisode, _) => match case::revoke_cto(&self.episodes, theme, today) {
                Some(f) => f,
                None => return vec![Effect::Info("No community treatment order is open".into())],
            },
            (Action::MoveEpisode, _) => match case::move_episode(&self.episodes, theme, today) {
                Some(f) => f,
                None => return vec![Effect::Info("There is no legal episode".into())],
            },
            (Action::DiscardDraft, _) => return self.discard_draft(),
            (Action::Open, Tab::Network) => {
                return match self.network.get(self.network_cursor.selected) {
                    Some(m) => vec![Effect::Push(MemberView::new(m.clone(), theme).into())],
                    None => Vec::new(),
                };
            }
            (Action::Add, Tab::Network) => forms::network(id, theme, today),
            _ => return Vec::new(),
        };
        vec![Effect::Push(form.into())]
    }

    /// Discards the selected draft on the Notes tab, after asking.
    fn discard_draft(&self) -> Vec<Effect> {
        let draft = match (self.tab, self.selected_note()) {
            (Tab::Notes, Some(n)) if n.status == NoteStatus::Draft => n,
            _ => {
                return vec![Effect::Info(
                    "Select a draft note on the Notes tab (2) to discard it".into(),
                )];
            }
        };
        vec![Effect::Confirm {
            question: format!(
                "Discard the draft note of {} ({})? It leaves the record; u (undo) puts it back.",
                crate::dates::display::short_day_time(draft.occurred_at),
                draft.kind.label()
            ),
            yes: vec![Effect::Write(Box::new(Write::DiscardDraft(draft.id)))],
            no: Vec::new(),
        }]
    }

    /// Marks the selected deadline (asks for date and outcome) or action done.
    fn mark_done(&self, now: NaiveDateTime) -> Vec<Effect> {
        let today = now.date();
        match self.selected_due() {
            Some(DueRow::Visit(i)) => {
                let v = &self.seen.planned[i];
                if !v.awaits_outcome(now) {
                    return vec![Effect::Info(
                        "Record what came of a visit once its time has passed (m moves it, X cancels it)"
                            .into(),
                    )];
                }
                let f =
                    crate::ui::forms::visit::outcome(v.clone(), self.client.id, self.theme, today);
                vec![Effect::Push(f.into())]
            }
            Some(DueRow::Deadline(i)) => {
                let d = &self.deadlines[i];
                if d.completed_on.is_some() || d.cancelled {
                    return vec![Effect::Info("That deadline is already closed".into())];
                }
                let f = forms::deadline_done(d, self.theme, today);
                vec![Effect::Push(f.into())]
            }
            Some(DueRow::Action(i)) => {
                let a = &self.actions[i];
                if a.done_on.is_some() {
                    return vec![Effect::Info("That action is already done".into())];
                }
                vec![Effect::Write(Box::new(Write::CompleteAction(a.id)))]
            }
            None => Vec::new(),
        }
    }
}

impl Screen for ClientView {
    fn title(&self) -> String {
        format!("Client · {}", self.tab.title())
    }

    fn mode(&self) -> Mode {
        Mode::Client
    }

    // Each tab's own keys first: the bar drops the last ones when narrow.
    fn hints(&self) -> &'static [Action] {
        match self.tab {
            Tab::Summary => &[
                Action::NextTab,
                Action::NewNote,
                Action::EditClient,
                Action::EndEpisode,
                Action::CloseCase,
                Action::Help,
                Action::Undo,
                Action::NewSupervision,
                Action::Quit,
            ],
            Tab::Notes => &[
                Action::NextTab,
                Action::NewNote,
                Action::Open,
                Action::DiscardDraft,
                Action::Help,
                Action::GoSearch,
                Action::Undo,
                Action::Quit,
            ],
            Tab::Network => &[
                Action::NextTab,
                Action::Open,
                Action::Add,
                Action::Help,
                Action::GoSearch,
                Action::Undo,
                Action::Quit,
            ],
            // Where a case supervision shows once recorded.
            Tab::Chronology => &[
                Action::NextTab,
                Action::NewSupervision,
                Action::NewNote,
                Action::GoSearch,
                Action::Undo,
                Action::Help,
                Action::Quit,
            ],
            Tab::Plan | Tab::Deadlines => &[
                Action::NextTab,
                Action::NewNote,
                Action::Add,
                Action::EditClient,
                Action::GoSearch,
                Action::Undo,
                Action::Open,
                Action::Help,
                Action::Quit,
            ],
        }
    }

    fn set_now(&mut self, now: NaiveDateTime) {
        self.now = Some(now);
    }

    fn update(&mut self, action: Action, now: NaiveDateTime) -> Vec<Effect> {
        self.now = Some(now);
        match action {
            Action::Up => self.step(-1, false),
            Action::Down => self.step(1, false),
            Action::PageUp => self.step(-1, true),
            Action::PageDown => self.step(1, true),
            Action::Top => self.step(-10_000, false),
            Action::Bottom => self.step(10_000, false),
            Action::NextTab => self.set_tab(self.tab.step(1)),
            Action::PrevTab => self.set_tab(self.tab.step(-1)),
            Action::TabSummary => self.set_tab(Tab::Summary),
            Action::TabNotes => self.set_tab(Tab::Notes),
            Action::TabPlan => self.set_tab(Tab::Plan),
            Action::TabDeadlines => self.set_tab(Tab::Deadlines),
            Action::TabNetwork => self.set_tab(Tab::Network),
            Action::TabChronology => self.set_tab(Tab::Chronology),
            Action::OlderVersion => {
                if self.plan_index + 1 < self.plans.len() {
                    self.plan_index += 1;
                }
                self.set_tab(Tab::Plan);
            }
            Action::NewerVersion => {
                self.plan_index = self.plan_index.saturating_sub(1);
                self.set_tab(Tab::Plan);
            }
            _ => return self.open_action(action, now),
        }
        Vec::new()
    }

    fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        let data = src.client(self.client.id, today)?;
        let scroll = self.scroll;
        self.fill(data, today);
        self.scroll = scroll;
        Ok(())
    }

    fn opened(&mut self) -> Vec<Effect> {
        if !std::mem::take(&mut self.offer_draft) {
            return Vec::new();
        }
        let Some(n) = self.draft() else {
            return Vec::new();
        };
        vec![Effect::Confirm {
            question: format!(
                "There is an unfinished draft note for this client (contact on {}). Carry on writing it now?",
                crate::dates::display::day_date_time(n.occurred_at)
            ),
            yes: vec![Effect::OpenNote(n.id)],
            no: Vec::new(),
        }]
    }

    fn click(&mut self, x: u16, y: u16) -> Click {
        if ClientView::click(self, x, y) {
            Click::Selected
        } else {
            Click::Missed
        }
    }

    fn selection(&self) -> Option<(usize, usize)> {
        let tab = Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
        let sel = match self.tab {
            Tab::Notes => self.notes_cursor.selected,
            Tab::Deadlines => self.due_cursor.selected,
            Tab::Network => self.network_cursor.selected,
            Tab::Summary | Tab::Plan | Tab::Chronology => return None,
        };
        Some((tab, sel))
    }

    fn client(&self) -> Option<(i64, String)> {
        Some((self.client.id, self.client.display_name()))
    }

    // On the Notes tab the selected note, elsewhere the latest one.
    fn note(&self) -> Option<i64> {
        if self.tab == Tab::Notes {
            return self.selected_note().map(|n| n.id);
        }
        self.notes
            .iter()
            .max_by_key(|n| (n.occurred_at, n.id))
            .map(|n| n.id)
    }

    // What the record already holds: no query needed.
    fn people(&self) -> Vec<String> {
        let network = self.network.iter().map(|m| m.name.clone());
        let present = self.notes.iter().filter_map(|n| n.present.clone());
        network.chain(present).collect()
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}
