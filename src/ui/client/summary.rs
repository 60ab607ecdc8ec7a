//! The Summary tab of a client's record: who they are (the legal name
//! beside the one they go by, NHS number, GP, consent to share), contact,
//! who saw them when, risk, legal status with each period's end and renewal
//! window, and what is next. Personal fields pass through `privacy::shown`.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;

use super::ClientView;
use super::tabs::{deadline_what, field, opt, paragraph_lines};
use crate::dates::display;
use crate::domain::text::one_line;
use crate::privacy::{Kind, shown, shown_opt};
use crate::ui::fit::wrap;
use crate::ui::theme::Theme;

fn ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{} ago", crate::domain::text::count(n, "day")),
    }
}

/// The Summary tab.
pub fn summary(v: &ClientView, frame: &mut Buffer, area: Rect, theme: Theme, today: NaiveDate) {
    let c = &v.client;
    let on = theme.privacy();
    let mut lines = Vec::new();
    // The legal name beside the one they go by (records, letters and the
    // GP use the legal one).
    if let Some(legal) = c.legal_name() {
        lines.push(field(
            "Name",
            format!(
                "{} (legal name {})",
                shown(Kind::Name, &c.display_name(), on),
                shown(Kind::Name, &legal, on)
            ),
            theme,
        ));
    }
    let age = c
        .dob
        .and_then(|d| Some((d, today.years_since(d)?)))
        .map(|(d, y)| {
            if on {
                shown(Kind::Dob, &display::date(d), on)
            } else {
                format!("{} (age {y})", display::date(d))
            }
        })
        .unwrap_or_else(|| "—".into());
    lines.push(field("Date of birth", age, theme));
    lines.push(field(
        "Address",
        shown_opt(Kind::Contact, c.address.as_deref(), on),
        theme,
    ));
    lines.push(field(
        "Phone",
        shown_opt(Kind::Contact, c.phone.as_deref(), on),
        theme,
    ));
    let lang = match (&c.language, c.interpreter) {
        (Some(l), true) => format!("{} — interpreter needed", shown(Kind::Detail, l, on)),
        (Some(l), false) => shown(Kind::Detail, l, on),
        (None, true) => "interpreter needed".into(),
        (None, false) => "—".into(),
    };
    lines.push(field("Language", lang, theme));
    lines.push(field(
        "NHS number",
        shown_opt(
            Kind::RecordNo,
            c.nhs_number
                .as_deref()
                .map(crate::domain::nhs::display)
                .as_deref(),
            on,
        ),
        theme,
    ));
    lines.push(field(
        "GP",
        shown_opt(Kind::Contact, c.gp.as_deref(), on),
        theme,
    ));
    let consent = match (c.consent_to_share, c.consent_recorded_on) {
        (Some(_), Some(d)) => format!(
            "to share: {} (recorded {})",
            c.consent_words(),
            display::date(d)
        ),
        _ => format!("to share: {}", c.consent_words()),
    };
    let consent_style = if c.consent_to_share == Some(true) {
        theme.text()
    } else {
        theme.warn()
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{:<16}", "Consent"), theme.dim()),
        Span::styled(consent, consent_style),
    ]));
    lines.push(field(
        "Team",
        format!("{} ({})", opt(c.team.as_ref()), c.service.label()),
        theme,
    ));
    let status = match (c.closed_on, &c.closure_reason) {
        (Some(d), r) => format!(
            "closed {}: {}",
            display::date(d),
            shown_opt(Kind::Text("reason"), r.as_deref(), on)
        ),
        _ => format!("open since {}", display::date(c.opened_on)),
    };
    // Whether the case is open (and, once closed, its retention review and
    // closure summary) heads the status.
    let mut case = vec![field("Case", status, theme)];
    if let (Some(_), Some(r)) = (c.closed_on, c.retain_until) {
        let basis = v.closure.as_ref().and_then(|(_, b)| b.clone());
        case.push(field(
            "Retention",
            format!("review due {}", display::date(r)),
            theme,
        ));
        let why = basis.map_or_else(String::new, |b| format!("({b}); "));
        case.push(field(
            "",
            format!("{why}flagged then, never deleted"),
            theme,
        ));
    }
    if let Some((summary, _)) = v.closure.as_ref().filter(|(s, _)| !s.trim().is_empty()) {
        case.push(field(
            "Closure",
            shown(Kind::Text("closure summary"), summary, on),
            theme,
        ));
    }
    // Who was seen when goes with the status (below what is next).
    let seen_from = lines.len();
    // Last seen, last contact and the next visit come from the practice
    // layer through the loader (one place decides who was seen when).
    let when = |d: Option<NaiveDate>| match d {
        Some(d) => format!("{} ({})", display::date(d), ago((today - d).num_days())),
        None => "never".into(),
    };
    let mut seen = when(v.seen.last);
    if let Some(every) = c.visit_every_days {
        seen.push_str(&format!(" · visit every {every} days"));
    }
    lines.push(field("Last seen", seen, theme));
    lines.push(field("Last contact", when(v.seen.last_contact), theme));
    // A closed case has no visit due (the Next section says why).
    if let Some((due, what)) = &v.seen.next_visit
        && c.closed_on.is_none()
    {
        let late = if v.seen.overdue { " — overdue" } else { "" };
        let style = if v.seen.overdue {
            theme.danger()
        } else {
            theme.text()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<16}", "Next visit due"), theme.dim()),
            Span::styled(
                format!("{} {}{late}", display::date(*due), one_line(what)),
                style,
            ),
        ]));
    }
    for p in &v.seen.planned {
        let at = p.planned_at.map(display::day_date_time).unwrap_or_default();
        let others: Vec<String> = p
            .people
            .iter()
            .filter(|x| x.client_id != c.id)
            .map(|x| shown(Kind::Name, &x.name, on))
            .collect();
        let with = if others.is_empty() {
            String::new()
        } else {
            format!(" with {}", others.join(", "))
        };
        lines.push(field("Visit planned", format!("{at}{with}"), theme));
    }
    if !v.seen.household.is_empty() {
        let names: Vec<String> = v
            .seen
            .household
            .iter()
            .map(|(_, n)| shown(Kind::Name, n, on))
            .collect();
        lines.push(field("Household", names.join(", "), theme));
    }
    // The second half: risk, legal status, what is next (beside the
    // details when there is room, else above them).
    let seen: Vec<Line<'static>> = lines.drain(seen_from..).collect();
    let details = std::mem::take(&mut lines);
    lines.push(Line::from(Span::styled("Risk summary", theme.heading())));
    lines.extend(paragraph_lines(
        "risk summary",
        c.risk_summary.as_deref().unwrap_or(""),
        theme,
    ));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Legal episodes", theme.heading())));
    if v.episodes.is_empty() {
        lines.push(Line::from(Span::styled("  none", theme.dim())));
    }
    for l in crate::practice::journey::lines(&v.episodes) {
        lines.push(Line::from(format!("  journey: {l}")));
    }
    for e in &v.episodes {
        let span = match (e.end_on, e.end_reason.as_deref()) {
            (Some(end), Some(r)) if r != "ended" => format!(
                "{} to {} ({r})",
                display::date(e.start_on),
                display::date(end)
            ),
            (Some(end), _) => format!("{} to {}", display::date(e.start_on), display::date(end)),
            (None, _) => format!("since {}", display::date(e.start_on)),
        };
        lines.push(Line::from(format!("  {} {span}", e.kind.label())));
        // A closed case's open episode is no longer tracked: its period end
        // would read as a live (or missed) statutory date.
        if let (Some(closed), None) = (c.closed_on, e.end_on) {
            lines.push(Line::from(Span::styled(
                format!(
                    "    not tracked since the case closed {}",
                    display::date(closed)
                ),
                theme.dim(),
            )));
            continue;
        }
        // The current period's end and renewal window, from the rule engine.
        if let Some(p) = v.periods.iter().find(|p| p.episode_id == e.id) {
            let style = if p.ends < today {
                theme.danger()
            } else if p.window_opens.is_some_and(|o| o <= today) {
                theme.warn()
            } else {
                theme.text()
            };
            lines.push(Line::from(Span::styled(
                format!("    {}", p.words()),
                style,
            )));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Next", theme.heading())));
    if let Some(closed) = c.closed_on {
        lines.push(Line::from(Span::styled(
            format!(
                "  nothing: the case closed {}; its deadlines, reviews and visits are not tracked",
                display::date(closed)
            ),
            theme.dim(),
        )));
    } else {
        next_lines(&mut lines, v, on, theme);
    }
    lines.push(Line::default());
    // Continuations of a detail line sit under its value; of a status line,
    // under its text.
    let (detail_indent, status_indent) = (16, 2);
    if area.width >= SIDE_BY_SIDE {
        let [left, _, right] = Layout::horizontal([
            Constraint::Percentage(55),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(area);
        let details = wrapped(&details, left.width, detail_indent);
        scrolled(details, left, frame, v.scroll, theme);
        let mut status = wrapped(&case, right.width, detail_indent);
        status.push(Line::default());
        status.extend(wrapped(&lines, right.width, status_indent));
        status.extend(wrapped(&seen, right.width, detail_indent));
        scrolled(status, right, frame, v.scroll, theme);
    } else {
        // One column: what matters at a glance (risk, legal status, what
        // is next) first, the details after it.
        let mut all = wrapped(&case, area.width, detail_indent);
        all.push(Line::default());
        all.extend(wrapped(&lines, area.width, status_indent));
        all.extend(wrapped(&seen, area.width, detail_indent));
        all.push(Line::default());
        all.extend(wrapped(&details, area.width, detail_indent));
        scrolled(all, area, frame, v.scroll, theme);
    }
}

/// From this width the details and the status sit side by side.
const SIDE_BY_SIDE: u16 = 100;

/// `lines` wrapped to `width`, continuations indented `indent`.
/// An open case's next open deadline (red once overdue) and care plan
/// review.
fn next_lines(lines: &mut Vec<Line<'static>>, v: &ClientView, on: bool, theme: Theme) {
    match v
        .deadlines
        .iter()
        .find(|d| d.completed_on.is_none() && !d.cancelled)
    {
        Some(d) => {
            let now = v.now();
            let style = if d.is_overdue(now) {
                theme.danger()
            } else {
                theme.text()
            };
            lines.push(Line::from(Span::styled(
                format!("  {}  {}", d.when(now).at, deadline_what(d, on)),
                style,
            )));
        }
        None => lines.push(Line::from(Span::styled("  no open deadlines", theme.dim()))),
    }
    if let Some(r) = v.plans.first().and_then(|p| p.next_review) {
        lines.push(Line::from(format!(
            "  {}  care plan review",
            display::date(r)
        )));
    }
}

fn wrapped(lines: &[Line<'_>], width: u16, indent: usize) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|l| wrap(l, usize::from(width), indent))
        .collect()
}

/// Draws `rows` into `area` from row `scroll`; when more follow below, the
/// last row says so (nothing is cut off unseen).
fn scrolled(rows: Vec<Line<'static>>, area: Rect, frame: &mut Buffer, scroll: u16, theme: Theme) {
    let height = usize::from(area.height);
    let skip = usize::from(scroll).min(rows.len().saturating_sub(1));
    let below = rows.len().saturating_sub(skip + height);
    let mut shown: Vec<Line<'static>> = rows.into_iter().skip(skip).take(height).collect();
    if below > 0 && height > 0 {
        shown.pop();
        shown.push(Line::from(Span::styled(
            format!("↓ {} more below (↓ scrolls)", below + 1),
            theme.dim(),
        )));
    }
    Widget::render(Paragraph::new(shown), area, frame);
}
