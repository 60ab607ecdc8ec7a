//! One network member's details (Enter on a Network row): every field,
//! email and notes included; `e` edits them, `X` archives the member after
//! asking (kept in the record, shown as archived; undo takes it back).

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::action::Action;
use crate::domain::NetworkMember;
use crate::domain::text::one_line;
use crate::keymap::Mode;
use crate::privacy::{Kind, shown, shown_opt};
use crate::ui::data::Source;
use crate::ui::screen::{Effect, Screen, Write};
use crate::ui::theme::Theme;

/// A network member's details.
#[derive(Debug, Clone)]
pub struct MemberView {
    /// The member, as last loaded.
    pub member: NetworkMember,
    /// The colours (and privacy mode).
    pub theme: Theme,
    /// The day edits count relative dates from.
    today: Option<NaiveDate>,
}

impl MemberView {
    /// The details of `member`.
    #[must_use]
    pub fn new(member: NetworkMember, theme: Theme) -> MemberView {
        MemberView {
            member,
            theme,
            today: None,
        }
    }

    /// The lines shown: label and value, notes last (kept as written).
    fn lines(&self) -> Vec<Line<'static>> {
        let m = &self.member;
        let on = self.theme.privacy();
        let label = |l: &str| Span::styled(format!("{l:<14}"), self.theme.dim());
        let none = || "—".to_string();
        let or_none = |s: String| if s.is_empty() { none() } else { s };
        let mut out = vec![
            Line::from(vec![
                label("Name"),
                Span::raw(shown(Kind::Name, &m.name, on)),
            ]),
            Line::from(vec![label("Role"), Span::raw(or_none(one_line(&m.role)))]),
            Line::from(vec![
                label("Organisation"),
                Span::raw(or_none(shown_opt(
                    Kind::Contact,
                    m.organisation.as_deref(),
                    on,
                ))),
            ]),
            Line::from(vec![
                label("Relationship"),
                Span::raw(m.relationship.as_deref().map_or_else(none, one_line)),
            ]),
            Line::from(vec![
                label("Phone"),
                Span::raw(or_none(shown_opt(Kind::Contact, m.phone.as_deref(), on))),
            ]),
            Line::from(vec![
                label("Email"),
                Span::raw(or_none(shown_opt(Kind::Contact, m.email.as_deref(), on))),
            ]),
            Line::from(vec![
                label("Consent"),
                Span::raw(if m.consent_to_share {
                    "yes: information may be shared with them"
                } else {
                    "no"
                }),
            ]),
            Line::from(vec![
                label("Status"),
                if m.archived {
                    Span::styled("archived (no longer involved; kept)", self.theme.warn())
                } else {
                    Span::raw("current")
                },
            ]),
            Line::from(vec![
                label("Added"),
                Span::raw(crate::dates::display::date(m.created_at.date())),
            ]),
            Line::default(),
            Line::from(Span::styled("Notes", self.theme.heading())),
        ];
        match m.notes.as_deref() {
            Some(n) if !n.trim().is_empty() => {
                let text = shown(Kind::Text("notes"), n, on);
                out.extend(text.lines().map(|l| Line::from(one_line(l))));
            }
            _ => out.push(Line::from(Span::styled("None", self.theme.dim()))),
        }
        out
    }
}

impl Screen for MemberView {
    fn title(&self) -> String {
        "Network member".into()
    }

    fn mode(&self) -> Mode {
        Mode::Member
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::EditMember,
            Action::ArchiveMember,
            Action::Back,
            Action::Undo,
            Action::Help,
        ]
    }

    fn update(&mut self, action: Action, now: NaiveDateTime) -> Vec<Effect> {
        let today = self.today.unwrap_or(now.date());
        match action {
            Action::EditMember => {
                let f = crate::ui::forms::case::edit_network(&self.member, self.theme, today);
                vec![Effect::Push(f.into())]
            }
            Action::ArchiveMember if self.member.archived => {
                vec![Effect::Info("This member is already archived".into())]
            }
            Action::ArchiveMember => vec![Effect::Confirm {
                question: format!(
                    "Archive {} ({})? They stay in the record, shown as archived; u (undo) takes it back.",
                    shown(Kind::Name, &self.member.name, self.theme.privacy()),
                    one_line(&self.member.role)
                ),
                yes: vec![
                    Effect::Write(Box::new(Write::ArchiveNetwork(self.member.id))),
                    Effect::Close,
                ],
                no: Vec::new(),
            }],
            _ => Vec::new(),
        }
    }

    fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        self.today = Some(today);
        let data = src.client(self.member.client_id, today)?;
        if let Some(m) = data.network.into_iter().find(|m| m.id == self.member.id) {
            self.member = m;
        }
        Ok(())
    }

    fn client(&self) -> Option<(i64, String)> {
        None
    }

    fn people(&self) -> Vec<String> {
        vec![self.member.name.clone()]
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}

impl Widget for &MemberView {
    fn render(self, area: Rect, frame: &mut Buffer) {
        let block = Block::new().borders(Borders::TOP).title(Span::styled(
            " Network member (e edit · X archive · Esc back) ",
            self.theme.heading(),
        ));
        Paragraph::new(self.lines())
            .wrap(Wrap { trim: false })
            .block(block)
            .render(area, frame);
    }
}
