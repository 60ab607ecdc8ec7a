//! The activity chart (`r` on Today, or "activity" in the palette): the
//! practitioner's own work week by week, for supervision and appraisal.
//! One count at a time as a bar chart over twelve weeks (Tab steps through
//! visits, seen alone, contacts, late notes, deadlines met and missed),
//! the period's totals under it; ←/→ move the period a quarter back or
//! on. Counts only, never a name, so it can be shown to a manager. The
//! figures are `Store::activity`'s, the same `report activity` prints.

use chrono::{Days, NaiveDate, NaiveDateTime};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Widget, Wrap};

use crate::action::Action;
use crate::dates::display;
use crate::keymap::Mode;
use crate::practice::activity::{Activity, Measure, weeks_ending};
use crate::ui::data::Source;
use crate::ui::screen::{Effect, Screen};
use crate::ui::theme::Theme;

/// The weeks the chart shows at once.
pub const WEEKS: u32 = 12;

/// The activity chart's state.
#[derive(Debug, Clone)]
pub struct ActivityView {
    /// The last day of the period shown.
    pub end: NaiveDate,
    /// Today (the period never runs past it).
    pub today: NaiveDate,
    /// Which count the bars show (an index into [`Measure::ALL`]).
    pub measure: usize,
    /// The figures, once loaded.
    pub data: Option<Activity>,
    /// The colours.
    pub theme: Theme,
}

impl ActivityView {
    /// The chart of the twelve weeks to `today`; [`Screen::reload`] fills it.
    #[must_use]
    pub fn new(today: NaiveDate, theme: Theme) -> ActivityView {
        ActivityView {
            end: today,
            today,
            measure: 0,
            data: None,
            theme,
        }
    }

    /// The count the bars show.
    #[must_use]
    pub fn shown(&self) -> Measure {
        Measure::ALL[self.measure % Measure::ALL.len()]
    }

    /// Moves the period a chart's width back (`earlier`) or on, never
    /// past today; the figures are then reloaded.
    fn shift(&mut self, earlier: bool) -> Vec<Effect> {
        let step = Days::new(u64::from(WEEKS) * 7);
        let end = if earlier {
            self.end.checked_sub_days(step)
        } else {
            self.end.checked_add_days(step).map(|d| d.min(self.today))
        };
        match end {
            Some(e) if e != self.end => {
                self.end = e;
                vec![Effect::Reload]
            }
            _ => vec![Effect::Info("That is the latest period".into())],
        }
    }
}

impl Screen for ActivityView {
    fn title(&self) -> String {
        "Activity".into()
    }

    fn mode(&self) -> Mode {
        Mode::Activity
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::NextMeasure,
            Action::EarlierWeeks,
            Action::LaterWeeks,
            Action::Help,
            Action::Back,
        ]
    }

    fn update(&mut self, action: Action, _now: NaiveDateTime) -> Vec<Effect> {
        let n = Measure::ALL.len();
        match action {
            Action::NextMeasure => self.measure = (self.measure + 1) % n,
            Action::PrevMeasure => self.measure = (self.measure + n - 1) % n,
            Action::EarlierWeeks => return self.shift(true),
            Action::LaterWeeks => return self.shift(false),
            _ => {}
        }
        Vec::new()
    }

    fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        self.today = today;
        self.end = self.end.min(today);
        let (from, to) = weeks_ending(self.end, WEEKS);
        self.data = Some(src.activity(from, to, today)?);
        Ok(())
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}

/// "visits 12 (seen 5, seen-alone 3) · contacts 20 · …": the period's
/// totals in words.
fn totals(a: &Activity) -> String {
    let t = &a.total;
    let outcomes: Vec<String> = t.visits.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let contacts: Vec<String> = t.contacts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let mut out = format!("Visits {}", Measure::Visits.of(t));
    if !outcomes.is_empty() {
        out.push_str(&format!(" ({})", outcomes.join(", ")));
    }
    out.push_str(&format!(" · contacts {}", Measure::Contacts.of(t)));
    if !contacts.is_empty() {
        out.push_str(&format!(" ({})", contacts.join(", ")));
    }
    out.push_str(&format!(
        " · notes finalised late {} · statutory deadlines met {}, missed {}",
        t.notes_finalised_late, t.deadlines_met, t.deadlines_missed
    ));
    out
}

impl Widget for &ActivityView {
    fn render(self, area: Rect, frame: &mut Buffer) {
        let theme = self.theme;
        let Some(a) = &self.data else {
            Widget::render(Paragraph::new("Counting…"), area, frame);
            return;
        };
        let [head, tabs, chart, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(4),
            Constraint::Length(3),
        ])
        .areas(area);
        let period = format!(
            " Your work, {} to {} · counts only, no names",
            display::date(a.from),
            display::date(a.to)
        );
        Widget::render(
            Paragraph::new(crate::ui::fit::fit_str(&period, usize::from(head.width))),
            head,
            frame,
        );
        let shown = self.shown();
        let mut spans = vec![Span::raw(" ")];
        for (i, m) in Measure::ALL.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", theme.dim()));
            }
            let style = if *m == shown {
                theme.focus()
            } else {
                theme.dim()
            };
            spans.push(Span::styled(m.label(), style));
        }
        Widget::render(
            Paragraph::new(crate::ui::fit::fit(
                Line::from(spans),
                usize::from(tabs.width),
            )),
            tabs,
            frame,
        );
        let block = Block::new().borders(Borders::TOP).title(Span::styled(
            format!(" {} a week (total {}) ", shown.label(), shown.of(&a.total)),
            theme.heading(),
        ));
        let inner = block.inner(chart);
        Widget::render(block, chart, frame);
        let weeks = u16::try_from(a.weeks.len()).unwrap_or(u16::MAX).max(1);
        let bar_w = ((inner.width + 1) / weeks).saturating_sub(1).clamp(1, 5);
        let bars: Vec<Bar<'_>> = a
            .weeks
            .iter()
            .map(|w| {
                let n = u64::try_from(shown.of(&w.counts)).unwrap_or(u64::MAX);
                Bar::default()
                    .value(n)
                    .label(Line::from(display::chart_label(
                        w.week_of,
                        usize::from(bar_w),
                    )))
                    .style(theme.heading())
            })
            .collect();
        let bars = BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_w)
            .bar_gap(1);
        Widget::render(bars, inner, frame);
        Widget::render(
            Paragraph::new(totals(a))
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            foot,
            frame,
        );
    }
}
