//! The Plan tab: the care plan version shown (the current one unless an
//! earlier one is being read), with older versions a key away; `x` ticks
//! off one of the current plan's actions.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::Drawn;
use super::show::{empty, paragraph_lines};
use crate::action::Action;
use crate::dates::display;
use crate::domain::CarePlan;
use crate::privacy::{Kind, shown};
use crate::ui::forms;
use crate::ui::screen::Effect;
use crate::ui::theme::Theme;

/// The Plan tab's state: every version, which is shown, the scroll.
#[derive(Debug, Clone, Default)]
pub struct PlanTab {
    /// Care plan versions, newest first.
    pub plans: Vec<CarePlan>,
    /// Which version is shown (index into `plans`; 0 is the current one).
    pub index: usize,
    /// How far the tab is scrolled.
    pub scroll: u16,
}

impl PlanTab {
    /// Takes freshly loaded versions: an earlier version being read stays
    /// shown; the current one stays current (a new version replaces it).
    pub fn fill(&mut self, plans: Vec<CarePlan>) {
        let reading = (self.index > 0)
            .then(|| self.plans.get(self.index).map(|p| p.id))
            .flatten();
        self.plans = plans;
        self.index = 0;
        if let Some(id) = reading {
            self.show(id);
        }
    }

    /// Shows version `id` (the current version when there is no such one).
    pub fn show(&mut self, id: i64) {
        self.index = self.plans.iter().position(|p| p.id == id).unwrap_or(0);
    }

    /// The current version, if any.
    #[must_use]
    pub fn current(&self) -> Option<&CarePlan> {
        self.plans.first()
    }

    /// What the tab's own keys do: `[`/`]` step through the versions.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::OlderVersion if self.index + 1 < self.plans.len() => self.index += 1,
            Action::NewerVersion => self.index = self.index.saturating_sub(1),
            _ => {}
        }
    }

    /// Ticking off an action of the current plan: its form, or why not.
    #[must_use]
    pub fn mark_done(&self, theme: Theme, today: NaiveDate) -> Vec<Effect> {
        match self.plans.first() {
            Some(p) if self.index == 0 && !p.actions.is_empty() => {
                vec![Effect::Push(
                    forms::plan_action_done(p, theme, today).into(),
                )]
            }
            Some(_) if self.index != 0 => vec![Effect::Info(
                "Earlier versions are read-only; ] shows the current plan".into(),
            )],
            _ => vec![Effect::Info("The plan has no actions to tick off".into())],
        }
    }
}

impl Widget for Drawn<'_, PlanTab> {
    /// The version's heading, its four sections and its actions.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let (v, theme) = (self.tab, self.theme);
        let Some(p) = v.plans.get(v.index) else {
            empty(
                frame,
                area,
                "No care plan yet. Press a to write one.",
                theme,
            );
            return;
        };
        let mut lines = vec![heading(p, v, theme)];
        for (title, text) in [
            ("Needs, in their words", &p.needs),
            ("Outcomes they want", &p.outcomes),
            ("What they bring (strengths)", &p.strengths),
            ("Crisis and contingency plan", &p.crisis_plan),
        ] {
            lines.push(Line::from(Span::styled(title, theme.heading())));
            lines.extend(paragraph_lines("plan", text, theme));
        }
        lines.push(Line::from(Span::styled("Actions agreed", theme.heading())));
        if p.actions.is_empty() {
            lines.push(Line::from(Span::styled("  none", theme.dim())));
        }
        for (i, a) in p.actions.iter().enumerate() {
            let done = match a.done_on {
                Some(d) => format!("[x] done {}:", display::date(d)),
                None => "[ ]".into(),
            };
            let due = a
                .due
                .map(|d| format!(" by {}", display::date(d)))
                .unwrap_or_default();
            lines.push(Line::from(format!(
                "  {}. {done} {} — {}{due}",
                i + 1,
                shown(Kind::Text("action"), &a.what, theme.privacy()),
                if a.owner.is_empty() {
                    "—".into()
                } else {
                    shown(Kind::Name, &a.owner, theme.privacy())
                }
            )));
        }
        Widget::render(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((v.scroll, 0)),
            area,
            frame,
        );
    }
}

/// "Version 2 of 3  written …  next review …".
fn heading(p: &CarePlan, v: &PlanTab, theme: Theme) -> Line<'static> {
    let newest = v.index == 0;
    Line::from(vec![
        Span::styled(
            format!("Version {} of {}", p.version, v.plans.len()),
            theme.heading(),
        ),
        Span::styled(
            format!(
                "  written {}{}",
                display::date(p.created_at.date()),
                if newest {
                    " (current)"
                } else {
                    " (earlier version, read-only)"
                }
            ),
            if newest { theme.dim() } else { theme.warn() },
        ),
        Span::styled(
            format!(
                "  next review {}",
                p.next_review
                    .map(display::date)
                    .unwrap_or_else(|| "not set".into())
            ),
            theme.dim(),
        ),
    ])
}
