//! A final note, read-only, with its addenda; `a` adds an addendum.

use super::widgets::Draw as _;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use crate::domain::text::{one_line, sanitize};
use crate::domain::{Addendum, Client, Note};
use crate::store::Store;

/// A final note on screen.
#[derive(Debug, Clone)]
pub struct NoteViewer {
    /// The note.
    pub note: Note,
    /// Its addenda, oldest first.
    pub addenda: Vec<Addendum>,
    /// Whose note.
    pub client: Client,
    /// Lines scrolled.
    pub scroll: u16,
}

impl NoteViewer {
    /// Loads a note with its addenda and client.
    pub fn load(store: &Store, note_id: i64) -> crate::store::Result<NoteViewer> {
        let note = store.note(note_id)?;
        Ok(NoteViewer {
            addenda: store.addenda(note_id)?,
            client: store.client(note.client_id)?,
            note,
            scroll: 0,
        })
    }

    /// Scrolls by `delta` lines.
    pub fn step(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(i16::try_from(delta).unwrap_or(0))
            .min(10_000);
    }

    /// Draws the note.
    pub fn draw(&self, frame: &mut Buffer, area: Rect, theme: Theme) {
        let n = &self.note;
        let block = Block::new().borders(Borders::TOP).title(Span::styled(
            format!(" Final note · {} ", one_line(&self.client.display_name())),
            theme.heading(),
        ));
        let mut lines = vec![
            Line::from(vec![
                Span::styled("When        ", theme.dim()),
                Span::raw(n.occurred_at.format("%a %-d %b %Y %H:%M").to_string()),
                Span::styled(
                    format!(
                        "   finalised {}",
                        n.finalised_at
                            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                            .unwrap_or_default()
                    ),
                    theme.dim(),
                ),
            ]),
            Line::from(vec![
                Span::styled("Kind        ", theme.dim()),
                Span::raw(n.kind.label()),
            ]),
            Line::from(vec![
                Span::styled("Where       ", theme.dim()),
                Span::raw(one_line(n.location.as_deref().unwrap_or("—"))),
            ]),
            Line::from(vec![
                Span::styled("Present     ", theme.dim()),
                Span::raw(one_line(n.present.as_deref().unwrap_or("—"))),
            ]),
            Line::from(vec![
                Span::styled("Significant ", theme.dim()),
                Span::raw(if n.significant {
                    "yes (in the chronology)"
                } else {
                    "no"
                }),
            ]),
        ];
        if let Some(reason) = &n.late_reason {
            lines.push(Line::from(vec![
                Span::styled("Late entry  ", theme.dim()),
                Span::styled(one_line(reason), theme.warn()),
            ]));
        }
        lines.push(Line::default());
        lines.extend(sanitize(&n.body).lines().map(|l| Line::from(l.to_string())));
        for a in &self.addenda {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!(
                    "Addendum {} — reason: {}",
                    a.written_at.format("%Y-%m-%d %H:%M"),
                    one_line(&a.reason)
                ),
                theme.heading(),
            )));
            lines.extend(sanitize(&a.body).lines().map(|l| Line::from(l.to_string())));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0)),
            area,
        );
    }
}
