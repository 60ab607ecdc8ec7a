//! The command palette: type part of a client's name or record number, or of
//! a command, and Enter goes there. Matching is fuzzy (nucleo-matcher).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::StatefulWidget;
use ratatui::widgets::Widget;
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};

use super::theme::Theme;
use super::widgets::{Cursor, centered};
use crate::action::Action;
use crate::domain::ClientSummary;
use crate::privacy::{Kind, client_name, shown};

/// Where a palette entry leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A client's record.
    Client(i64),
    /// A command.
    Command(Action),
}

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What is matched and shown.
    pub label: String,
    /// What is shown in privacy mode (a client's initials and masked
    /// record number; a command's own words).
    pub private: String,
    /// Where it leads.
    pub target: Target,
}

impl AsRef<str> for Item {
    fn as_ref(&self) -> &str {
        &self.label
    }
}

/// The commands the palette offers.
pub const COMMANDS: &[Action] = &[
    Action::GoToday,
    Action::GoCaseload,
    Action::GoCalendar,
    Action::GoActivity,
    Action::NewClient,
    Action::NewAction,
    Action::ToggleClosed,
    Action::Export,
    Action::Paste,
    Action::Help,
    Action::Quit,
];

/// The palette's state.
#[derive(Debug, Clone, Default)]
pub struct PaletteView {
    /// What has been typed.
    pub query: String,
    /// Every entry.
    pub items: Vec<Item>,
    /// Entries matching the query, best first.
    pub matches: Vec<Item>,
    /// The selected match.
    pub cursor: Cursor,
}

impl PaletteView {
    /// A palette over these clients and the commands.
    #[must_use]
    pub fn new(clients: &[ClientSummary]) -> PaletteView {
        let mut items: Vec<Item> = clients
            .iter()
            .map(|s| {
                let c = &s.client;
                let rec = |on| {
                    c.record_no
                        .as_deref()
                        .map(|r| format!("  #{}", shown(Kind::RecordNo, r, on)))
                        .unwrap_or_default()
                };
                let closed = if c.status == crate::domain::CaseStatus::Closed {
                    "  (closed)"
                } else {
                    ""
                };
                let label = |on| format!("{}{}{closed}", client_name(c, on), rec(on));
                Item {
                    label: label(false),
                    private: label(true),
                    target: Target::Client(c.id),
                }
            })
            .collect();
        items.extend(COMMANDS.iter().map(|a| Item {
            label: format!("› {}", a.describe()),
            private: format!("› {}", a.describe()),
            target: Target::Command(*a),
        }));
        let mut p = PaletteView {
            items,
            ..PaletteView::default()
        };
        p.refilter();
        p
    }

    /// Re-matches after the query changed.
    pub fn refilter(&mut self) {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let pattern = Pattern::parse(&self.query, CaseMatching::Ignore, Normalization::Smart);
        self.matches = pattern
            .match_list(self.items.iter(), &mut matcher)
            .into_iter()
            .map(|(i, _)| i.clone())
            .collect();
        self.cursor.selected = 0;
    }

    /// The selected entry's target.
    #[must_use]
    pub fn selected(&self) -> Option<Target> {
        self.matches.get(self.cursor.selected).map(|i| i.target)
    }

    /// Draws the palette near the top of the screen.
    pub fn draw(&self, frame: &mut Buffer, area: Rect, theme: Theme) {
        let h = area.height.saturating_sub(4).clamp(3, 16);
        let mut popup = centered(area, 70, h);
        popup.y = area.y + area.height.saturating_sub(h).min(2);
        Widget::render(Clear, popup, frame);
        let block = Block::new()
            .borders(Borders::ALL)
            .title(Span::styled(" Go to a client or command ", theme.heading()));
        let inner = block.inner(popup);
        Widget::render(block, popup, frame);
        let (q, list) = super::widgets::take_top(inner, 1);
        Widget::render(
            Paragraph::new(Line::from(vec![
                Span::styled(": ", theme.key()),
                Span::raw(shown(Kind::Typed, &self.query, theme.privacy())),
                Span::styled("▏", theme.key()),
            ])),
            q,
            frame,
        );
        let window = self.cursor.window(list.height, self.matches.len());
        let items: Vec<ListItem<'_>> = self.matches[window]
            .iter()
            .map(|i| {
                ListItem::new(if theme.privacy() {
                    i.private.clone()
                } else {
                    i.label.clone()
                })
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.cursor.selected_in_window()));
        StatefulWidget::render(
            List::new(items).highlight_style(theme.selected()),
            list,
            frame,
            &mut state,
        );
        self.cursor.remember(list);
    }
}
