//! What keys do on a client's record: moving, switching tabs, the keys
//! each tab answers itself (handed to it), and the forms that open over
//! the record whatever the tab.

use chrono::{NaiveDate, NaiveDateTime};

use super::{ClientView, Tab};
use crate::action::Action;
use crate::keymap::Mode;
use crate::ui::data::Source;
use crate::ui::forms;
use crate::ui::forms::case;
use crate::ui::note::NoteEditor;
use crate::ui::screen::{Click, Effect, Screen};
use crate::ui::theme::Theme;

impl ClientView {
    /// The keys the shown tab answers itself, if it does.
    fn tab_update(&mut self, action: Action, now: NaiveDateTime) -> Option<Vec<Effect>> {
        let (id, theme, today) = (self.client.id, self.theme, now.date());
        match self.tab {
            Tab::Notes => self.notes.update(action),
            Tab::Deadlines => self.deadlines.update(action, id, theme, now),
            Tab::Network => self.network.update(action, theme),
            Tab::Plan if action == Action::MarkDone => Some(self.plan.mark_done(theme, today)),
            Tab::Summary | Tab::Plan | Tab::Chronology => None,
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
                // No kind until the practitioner picks one (issue 25: the
                // last kind used sealed a home visit as a phone call).
                let e = NoteEditor::new(id, &name, now, std::time::Instant::now(), theme);
                return vec![Effect::Push(e.into())];
            }
            (Action::PlanVisit, _) => {
                let household = self
                    .summary
                    .seen
                    .household
                    .iter()
                    .map(|(id, _)| *id)
                    .collect();
                forms::visit::plan(id, household, theme, today)
            }
            (Action::MoveVisit | Action::CancelVisit, _) => {
                let visit = match self.tab {
                    Tab::Deadlines => self.deadlines.selected_visit(),
                    _ => None,
                };
                let Some(v) = visit else {
                    return vec![Effect::Info(
                        "Select a planned visit on the Deadlines tab (4) first".into(),
                    )];
                };
                if action == Action::MoveVisit {
                    forms::visit::move_visit(v.id, theme, today)
                } else {
                    forms::visit::cancel_visit(v.id, theme, today)
                }
            }
            (Action::EditClient, _) | (Action::Add, Tab::Summary) => {
                forms::client(Some(&self.client), theme, today)
            }
            (Action::Add, Tab::Plan) => forms::plan(id, self.plan.current(), theme, today),
            (Action::NewDeadline, _) | (Action::Add, Tab::Deadlines) => {
                forms::deadline(id, theme, today)
            }
            (Action::NewEpisode, _) => forms::episode(id, &self.summary.episodes, theme, today),
            (Action::NewSupervision, _) => forms::supervision::supervision(id, theme, today),
            (Action::CloseCase, _) => {
                if self.client.status == crate::domain::CaseStatus::Closed {
                    return vec![Effect::Info("This case is already closed".into())];
                }
                case::close(id, theme, today)
            }
            (Action::EndEpisode, _) => {
                match case::end_episode(&self.summary.episodes, theme, today) {
                    Some(f) => f,
                    None => return vec![Effect::Info("No legal episode is open".into())],
                }
            }
            (Action::RevokeEpisode, _) => {
                match case::revoke_cto(&self.summary.episodes, theme, today) {
                    Some(f) => f,
                    None => {
                        return vec![Effect::Info("No community treatment order is open".into())];
                    }
                }
            }
            (Action::MoveEpisode, _) => {
                match case::move_episode(&self.summary.episodes, theme, today) {
                    Some(f) => f,
                    None => return vec![Effect::Info("There is no legal episode".into())],
                }
            }
            (Action::DiscardDraft, _) => return self.notes.discard_draft(self.tab == Tab::Notes),
            (Action::Add, Tab::Network) => forms::network(id, theme, today),
            _ => return Vec::new(),
        };
        vec![Effect::Push(form.into())]
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
            Action::OlderVersion | Action::NewerVersion => {
                self.plan.update(action);
                self.set_tab(Tab::Plan);
            }
            _ => match self.tab_update(action, now) {
                Some(effects) => return effects,
                None => return self.open_action(action, now),
            },
        }
        Vec::new()
    }

    fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        let data = src.client(self.client.id, today)?;
        self.fill(data, today);
        Ok(())
    }

    fn opened(&mut self) -> Vec<Effect> {
        if !std::mem::take(&mut self.offer_draft) {
            return Vec::new();
        }
        let Some(n) = self.notes.draft() else {
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
            Tab::Notes => self.notes.cursor.selected,
            Tab::Deadlines => self.deadlines.cursor.selected,
            Tab::Network => self.network.cursor.selected,
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
            return self.notes.selected().map(|n| n.id);
        }
        self.notes.latest().map(|n| n.id)
    }

    // What the record already holds: no query needed.
    fn people(&self) -> Vec<String> {
        let network = self.network.members.iter().map(|m| m.name.clone());
        let present = self.notes.notes.iter().filter_map(|n| n.present.clone());
        network.chain(present).collect()
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}
