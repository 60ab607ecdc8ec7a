//! A final note, read-only, with its addenda; `a` adds an addendum.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::action::Action;
use crate::domain::{Addendum, Client, Note};
use crate::keymap::Mode;
use crate::privacy::{Kind, client_name, shown, shown_opt};
use crate::ui::data::{NoteData, Source};
use crate::ui::screen::{Effect, Screen};
use crate::ui::theme::Theme;
use chrono::{NaiveDate, NaiveDateTime};

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
    /// The colours.
    pub theme: Theme,
}

impl NoteViewer {
    /// A final note from its loaded data.
    #[must_use]
    pub fn open(data: NoteData, theme: Theme) -> NoteViewer {
        NoteViewer {
            note: data.note,
            addenda: data.addenda,
            client: data.client,
            scroll: 0,
            theme,
        }
    }

    /// Scrolls by `delta` lines.
    pub fn step(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(i16::try_from(delta).unwrap_or(0))
            .min(10_000);
    }
}

impl Widget for &NoteViewer {
    /// Draws the note.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let theme = self.theme;
        let n = &self.note;
        let on = theme.privacy();
        let block = Block::new().borders(Borders::TOP).title(Span::styled(
            format!(" Final note · {} ", client_name(&self.client, on)),
            theme.heading(),
        ));
        let mut lines = vec![
            Line::from(vec![
                Span::styled("When        ", theme.dim()),
                Span::raw(crate::dates::display::day_date_time(n.occurred_at)),
                Span::styled(
                    format!(
                        "   finalised {}",
                        n.finalised_at
                            .map(crate::dates::display::date_time)
                            .unwrap_or_default()
                    ),
                    theme.dim(),
                ),
            ]),
            Line::from(vec![
                Span::styled("Kind        ", theme.dim()),
                Span::raw(n.kind_label()),
            ]),
            Line::from(vec![
                Span::styled("Outcome     ", theme.dim()),
                Span::raw(match n.outcome_words() {
                    "" => "not recorded",
                    words => words,
                }),
            ]),
            Line::from(vec![
                Span::styled("Where       ", theme.dim()),
                Span::raw(shown_opt(Kind::Contact, n.location.as_deref(), on)),
            ]),
            Line::from(vec![
                Span::styled("Present     ", theme.dim()),
                Span::raw(shown_opt(Kind::Text("people"), n.present.as_deref(), on)),
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
                Span::styled(shown(Kind::Text("reason"), reason, on), theme.warn()),
            ]));
        }
        lines.push(Line::default());
        lines.extend(
            shown(Kind::Text("note"), &n.body, on)
                .lines()
                .map(|l| Line::from(l.to_string())),
        );
        for a in &self.addenda {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!(
                    "Addendum {} — reason: {}",
                    crate::dates::display::date_time(a.written_at),
                    shown(Kind::Text("reason"), &a.reason, on)
                ),
                theme.heading(),
            )));
            lines.extend(
                shown(Kind::Text("addendum"), &a.body, on)
                    .lines()
                    .map(|l| Line::from(l.to_string())),
            );
        }
        Widget::render(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0)),
            area,
            frame,
        );
    }
}

impl Screen for NoteViewer {
    fn title(&self) -> String {
        "Final note".into()
    }

    fn mode(&self) -> Mode {
        Mode::NoteView
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::AddAddendum, Action::Help, Action::Quit]
    }

    fn update(&mut self, action: Action, now: NaiveDateTime) -> Vec<Effect> {
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-10),
            Action::PageDown => self.step(10),
            Action::Top => self.scroll = 0,
            Action::AddAddendum => {
                let f = crate::ui::forms::addendum(self.note.id, self.theme, now.date());
                return vec![Effect::Push(f.into())];
            }
            _ => {}
        }
        Vec::new()
    }

    fn reload(&mut self, src: &dyn Source, _today: NaiveDate) -> Result<(), String> {
        let data = src.note(self.note.id)?;
        self.note = data.note;
        self.addenda = data.addenda;
        self.client = data.client;
        Ok(())
    }

    fn note(&self) -> Option<i64> {
        Some(self.note.id)
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}
