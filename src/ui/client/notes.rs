//! The Notes tab: a client's contact notes, newest contact first, drafts
//! marked. Enter opens the selected note; a draft can be discarded.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table, Widget};

use super::Drawn;
use super::show::empty;
use crate::action::Action;
use crate::dates::display;
use crate::domain::text::one_line;
use crate::domain::{Note, NoteStatus};
use crate::privacy::{Kind, shown};
use crate::ui::screen::{Effect, Write};
use crate::ui::widgets::Cursor;

/// The Notes tab's state: the notes and the selection.
#[derive(Debug, Clone, Default)]
pub struct NotesTab {
    /// Notes, newest contact first.
    pub notes: Vec<Note>,
    /// The selected row.
    pub cursor: Cursor,
}

impl NotesTab {
    /// Takes freshly loaded notes, keeping the selection in range.
    pub fn fill(&mut self, notes: Vec<Note>) {
        self.notes = notes;
        self.cursor.clamp(self.notes.len());
    }

    /// The selected note.
    #[must_use]
    pub fn selected(&self) -> Option<&Note> {
        self.notes.get(self.cursor.selected)
    }

    /// The first draft note, if any (offered back when the client opens).
    #[must_use]
    pub fn draft(&self) -> Option<&Note> {
        self.notes.iter().find(|n| n.status == NoteStatus::Draft)
    }

    /// The latest contact's note.
    #[must_use]
    pub fn latest(&self) -> Option<&Note> {
        self.notes.iter().max_by_key(|n| (n.occurred_at, n.id))
    }

    /// Moves the selection by `delta` (a page when `page`).
    pub fn step(&mut self, delta: isize, page: bool) {
        if page {
            self.cursor.page(delta > 0, self.notes.len());
        } else {
            self.cursor.step(delta, self.notes.len());
        }
    }

    /// Selects the row clicked; true when it was one.
    pub fn click(&mut self, x: u16, y: u16) -> bool {
        match self.cursor.row_at(x, y, 1) {
            Some(i) if i < self.notes.len() => {
                self.cursor.selected = i;
                true
            }
            _ => false,
        }
    }

    /// What the tab's own keys do: Enter opens the selected note.
    #[must_use]
    pub fn update(&self, action: Action) -> Option<Vec<Effect>> {
        match action {
            Action::Open => Some(
                self.selected()
                    .map(|n| Effect::OpenNote(n.id))
                    .into_iter()
                    .collect(),
            ),
            _ => None,
        }
    }

    /// Discards the selected draft, after asking; `shown` is whether this
    /// tab is the one on screen (a draft is only discarded where it is seen).
    #[must_use]
    pub fn discard_draft(&self, shown: bool) -> Vec<Effect> {
        let Some(draft) = self
            .selected()
            .filter(|n| shown && n.status == NoteStatus::Draft)
        else {
            return vec![Effect::Info(
                "Select a draft note on the Notes tab (2) to discard it".into(),
            )];
        };
        vec![Effect::Confirm {
            question: format!(
                "Discard the draft note of {} ({})? It leaves the record; u (undo) puts it back.",
                display::short_day_time(draft.occurred_at),
                draft.kind_label()
            ),
            yes: vec![Effect::Write(Box::new(Write::DiscardDraft(draft.id)))],
            no: Vec::new(),
        }]
    }
}

impl Widget for Drawn<'_, NotesTab> {
    /// The notes as a table: when, kind, status, significant, first line.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let (v, theme) = (self.tab, self.theme);
        if v.notes.is_empty() {
            empty(frame, area, "No notes yet. Press n to write one.", theme);
            return;
        }
        let window = v
            .cursor
            .window(area.height.saturating_sub(1), v.notes.len());
        let rows: Vec<Row<'_>> = v.notes[window]
            .iter()
            .map(|n| {
                let status = if n.status == NoteStatus::Draft {
                    Span::styled("DRAFT", theme.warn())
                } else {
                    Span::styled("final", theme.dim())
                };
                // Only the start of the first line shows; don't lay out the rest.
                let first = if theme.privacy() {
                    shown(Kind::Text("note"), &n.body, true)
                } else {
                    let line = n.body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                    line.chars().take(200).collect()
                };
                Row::new(vec![
                    Cell::from(display::date_time(n.occurred_at)),
                    Cell::from(n.kind_label()),
                    Cell::from(status),
                    Cell::from(if n.significant { "★" } else { "" }),
                    Cell::from(one_line(&first)),
                ])
            })
            .collect();
        let header = Row::new(["When", "Kind", "Status", "", "Note"]).style(theme.heading());
        let table = Table::new(
            rows,
            [
                Constraint::Length(16),
                Constraint::Length(14),
                Constraint::Length(6),
                Constraint::Length(1),
                Constraint::Min(10),
            ],
        )
        .header(header)
        .row_highlight_style(theme.selected());
        v.cursor.render_table(frame, area, table, 1);
    }
}
