//! What each screen does with an action: moving, switching tabs, opening
//! rows and forms. Anything that writes goes through `effects.rs`.

use std::time::Instant;

use super::App;
use crate::action::Action;
use crate::ui::client::Tab;
use crate::ui::today::TodayTarget;
use crate::ui::{View, forms};

impl App {
    /// Does what an action asks of the screen on top.
    pub(super) fn update_view(&mut self, action: Action) {
        let now = self.now();
        let theme = self.theme;
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        match top {
            View::Today(v) => match action {
                Action::Up => v.step(-1),
                Action::Down => v.step(1),
                Action::PageUp => v.step(-10),
                Action::PageDown => v.step(10),
                Action::Top => v.step(isize::MIN / 2),
                Action::Bottom => v.step(isize::MAX / 2),
                Action::NextSection => v.next_section(1),
                Action::PrevSection => v.next_section(-1),
                Action::Open => match v.target() {
                    Some(TodayTarget::Client(id, tab)) => self.open_client(id, tab, true),
                    Some(TodayTarget::Draft(id)) => self.open_draft(id),
                    None => {}
                },
                _ => {}
            },
            View::Caseload(v) => {
                let len = v.rows.len();
                match action {
                    Action::Up => v.cursor.step(-1, len),
                    Action::Down => v.cursor.step(1, len),
                    Action::PageUp => v.cursor.page(false, len),
                    Action::PageDown => v.cursor.page(true, len),
                    Action::Top => v.cursor.selected = 0,
                    Action::Bottom => v.cursor.step(isize::MAX / 2, len),
                    Action::Filter => v.filtering = true,
                    Action::ClearFilter => {
                        v.filtering = false;
                        v.filter.clear();
                        v.refresh();
                    }
                    Action::SortNext => v.sort_next(),
                    Action::SortReverse => {
                        v.descending = !v.descending;
                        v.refresh();
                    }
                    Action::ToggleClosed => {
                        v.show_closed = !v.show_closed;
                        if let Err(e) = v.reload(&self.store) {
                            self.error(format!("could not load the caseload: {e}"));
                        }
                    }
                    Action::Open => {
                        v.filtering = false;
                        if let Some(id) = v.selected().map(|s| s.client.id) {
                            self.open_client(id, Tab::Summary, true);
                        }
                    }
                    _ => {}
                }
            }
            View::Client(v) => match action {
                Action::Up => v.step(-1, false),
                Action::Down => v.step(1, false),
                Action::PageUp => v.step(-1, true),
                Action::PageDown => v.step(1, true),
                Action::Top => v.step(-10_000, false),
                Action::Bottom => v.step(10_000, false),
                Action::NextTab => v.set_tab(v.tab.step(1)),
                Action::PrevTab => v.set_tab(v.tab.step(-1)),
                Action::TabSummary => v.set_tab(Tab::Summary),
                Action::TabNotes => v.set_tab(Tab::Notes),
                Action::TabPlan => v.set_tab(Tab::Plan),
                Action::TabDeadlines => v.set_tab(Tab::Deadlines),
                Action::TabNetwork => v.set_tab(Tab::Network),
                Action::TabChronology => v.set_tab(Tab::Chronology),
                Action::OlderVersion => {
                    if v.plan_index + 1 < v.plans.len() {
                        v.plan_index += 1;
                    }
                    v.set_tab(Tab::Plan);
                }
                Action::NewerVersion => {
                    v.plan_index = v.plan_index.saturating_sub(1);
                    v.set_tab(Tab::Plan);
                }
                _ => self.client_action(action),
            },
            View::NoteView(v) => match action {
                Action::Up => v.step(-1),
                Action::Down => v.step(1),
                Action::PageUp => v.step(-10),
                Action::PageDown => v.step(10),
                Action::Top => v.scroll = 0,
                Action::AddAddendum => {
                    let f = forms::addendum(v.note.id, theme, now.date());
                    self.stack.push(View::Form(Box::new(f)));
                }
                _ => {}
            },
            View::Editor(e) => match action {
                Action::NextField | Action::PrevField => {
                    e.move_focus(if action == Action::NextField { 1 } else { -1 });
                    self.save_draft(Instant::now());
                }
                Action::Save => {
                    self.save_draft(Instant::now());
                    if self.status.is_none() {
                        self.info("Draft saved");
                    }
                }
                Action::Finalise => self.ask_finalise(),
                _ => {}
            },
            View::Search(v) => match action {
                Action::Up => v.cursor.step(-1, v.hits.len()),
                Action::Down => v.cursor.step(1, v.hits.len()),
                Action::PageUp => v.cursor.page(false, v.hits.len()),
                Action::PageDown => v.cursor.page(true, v.hits.len()),
                Action::ToggleScope if v.scope.is_some() => {
                    v.everyone = !v.everyone;
                    v.run(&self.store);
                }
                Action::Open => {
                    if let Some(h) = v.selected() {
                        let (client, note) = (h.client_id, h.note_id);
                        match note {
                            Some(n) => self.open_draft(n),
                            None => self.open_client(client, Tab::Plan, true),
                        }
                    }
                }
                _ => {}
            },
            View::Form(f) => match action {
                Action::NextField => f.move_focus(1),
                Action::PrevField => f.move_focus(-1),
                Action::Submit => self.submit_form(),
                _ => {}
            },
        }
    }

    /// Actions on a client's record that open another screen.
    fn client_action(&mut self, action: Action) {
        let now = self.now();
        let theme = self.theme;
        let Some(View::Client(v)) = self.stack.last() else {
            return;
        };
        let id = v.client.id;
        let form = match (action, v.tab) {
            // Always a new note: an older draft is another contact's record
            // (it is offered when the client opens and listed on Notes).
            (Action::NewNote, _) | (Action::Add, Tab::Notes) => {
                let name = v.client.display_name();
                let e = crate::ui::note::NoteEditor::new(id, &name, now, Instant::now(), theme);
                self.stack.push(View::Editor(Box::new(e)));
                return;
            }
            (Action::Open, Tab::Notes) => {
                if let Some(n) = v.selected_note() {
                    let (nid, draft) = (n.id, n.status == crate::domain::NoteStatus::Draft);
                    if draft {
                        self.open_draft(nid);
                    } else {
                        self.open_note_view(nid);
                    }
                }
                return;
            }
            (Action::MarkDone | Action::Open, Tab::Deadlines) => {
                self.mark_done();
                return;
            }
            (Action::EditClient, _) | (Action::Add, Tab::Summary) => {
                forms::client(Some(&v.client), theme, now.date())
            }
            (Action::Add, Tab::Plan) => forms::plan(id, v.plans.first(), theme, now.date()),
            (Action::NewDeadline, _) | (Action::Add, Tab::Deadlines) => {
                forms::deadline(id, theme, now.date())
            }
            (Action::NewEpisode, _) => forms::episode(id, theme, now.date()),
            (Action::Add, Tab::Network) => forms::network(id, theme, now.date()),
            _ => return,
        };
        self.stack.push(View::Form(Box::new(form)));
    }
}
