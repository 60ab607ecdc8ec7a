//! The Network tab: family, carers and professionals, archived members
//! dimmed. Enter opens a member's details; `a` adds one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table, Widget};

use super::Drawn;
use super::member::MemberView;
use super::show::{empty, opt};
use crate::action::Action;
use crate::domain::NetworkMember;
use crate::domain::text::one_line;
use crate::privacy::{Kind, shown, shown_opt};
use crate::ui::fit::{columns, fit_str};
use crate::ui::screen::Effect;
use crate::ui::theme::Theme;
use crate::ui::widgets::Cursor;

/// The Network tab's state: the members and the selection.
#[derive(Debug, Clone, Default)]
pub struct NetworkTab {
    /// Network members.
    pub members: Vec<NetworkMember>,
    /// The selected row.
    pub cursor: Cursor,
}

impl NetworkTab {
    /// Takes freshly loaded members, keeping the selection in range.
    pub fn fill(&mut self, members: Vec<NetworkMember>) {
        self.members = members;
        self.cursor.clamp(self.members.len());
    }

    /// Moves the selection by `delta` (a page when `page`).
    pub fn step(&mut self, delta: isize, page: bool) {
        if page {
            self.cursor.page(delta > 0, self.members.len());
        } else {
            self.cursor.step(delta, self.members.len());
        }
    }

    /// Selects the row clicked; true when it was one.
    pub fn click(&mut self, x: u16, y: u16) -> bool {
        match self.cursor.row_at(x, y, 1) {
            Some(i) if i < self.members.len() => {
                self.cursor.selected = i;
                true
            }
            _ => false,
        }
    }

    /// What the tab's own keys do: Enter opens the selected member.
    #[must_use]
    pub fn update(&self, action: Action, theme: Theme) -> Option<Vec<Effect>> {
        match action {
            Action::Open => Some(
                self.members
                    .get(self.cursor.selected)
                    .map(|m| Effect::Push(MemberView::new(m.clone(), theme).into()))
                    .into_iter()
                    .collect(),
            ),
            _ => None,
        }
    }
}

impl Widget for Drawn<'_, NetworkTab> {
    /// The members as a table, columns sized from what they hold.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let (v, theme) = (self.tab, self.theme);

        if v.members.is_empty() {
            empty(
                frame,
                area,
                "No one recorded yet. Press a to add a network member.",
                theme,
            );
            return;
        }
        let window = v
            .cursor
            .window(area.height.saturating_sub(1), v.members.len());
        let header = [
            "Name",
            "Role",
            "Organisation",
            "Relationship",
            "Phone",
            "Consent",
        ];
        let on = theme.privacy();
        let cells = |m: &NetworkMember| {
            [
                shown(Kind::Name, &m.name, on),
                if m.archived {
                    format!("archived: {}", one_line(&m.role))
                } else {
                    one_line(&m.role)
                },
                shown_opt(Kind::Contact, m.organisation.as_deref(), on),
                opt(m.relationship.as_ref()),
                shown_opt(Kind::Contact, m.phone.as_deref(), on),
                (if m.consent_to_share { "yes" } else { "no" }).to_string(),
            ]
        };
        // Columns sized from what they hold (every member, not just those in
        // view, so they do not jump while scrolling); a cut value ends in "…".
        let mut wants: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for m in &v.members {
            for (w, c) in wants.iter_mut().zip(cells(m)) {
                *w = (*w).max(Line::from(c).width());
            }
        }
        let widths = columns(usize::from(area.width), &wants, &[8, 8, 8, 8, 8, 7], 1, 0);
        let rows: Vec<Row<'_>> = v.members[window]
            .iter()
            .map(|m| {
                let style = if m.archived {
                    theme.dim()
                } else {
                    theme.text()
                };
                let shown: Vec<Cell<'_>> = cells(m)
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| Cell::from(fit_str(c, *w)))
                    .collect();
                Row::new(shown).style(style)
            })
            .collect();
        let header = Row::new(header).style(theme.heading());
        let table = Table::new(
            rows,
            widths
                .iter()
                .map(|w| Constraint::Length(u16::try_from(*w).unwrap_or(u16::MAX))),
        )
        .header(header)
        .row_highlight_style(theme.selected());
        v.cursor.render_table(frame, area, table, 1);
    }
}
