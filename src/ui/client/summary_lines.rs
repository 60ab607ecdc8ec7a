//! The lines of a client's Summary, section by section: who they are
//! (the legal name beside the one they go by, NHS number, GP, consent to
//! share), the case's status, who saw them when, risk, legal status with
//! each period's end and renewal window, and what is next. Personal fields
//! pass through `privacy::shown`.

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::text::{Line, Span};

use super::show::{deadline_what, field, opt, paragraph_lines};
use super::summary::SummaryTab;
use crate::dates::display;
use crate::domain::Client;
use crate::domain::text::one_line;
use crate::privacy::{Kind, shown, shown_opt};
use crate::ui::theme::Theme;

/// Who they are and how to reach them.
pub(super) fn details(c: &Client, today: NaiveDate, theme: Theme) -> Vec<Line<'static>> {
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
    lines
}

/// Whether the case is open (and, once closed, its retention review and
/// closure summary).
pub(super) fn case(s: &SummaryTab, theme: Theme) -> Vec<Line<'static>> {
    let (c, on) = (&s.client, theme.privacy());
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
        let basis = s.closure.as_ref().and_then(|(_, b)| b.clone());
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
    if let Some((summary, _)) = s.closure.as_ref().filter(|(s, _)| !s.trim().is_empty()) {
        case.push(field(
            "Closure",
            shown(Kind::Text("closure summary"), summary, on),
            theme,
        ));
    }
    case
}

/// Who was seen when: last seen, last contact, the next visit due, the
/// visits planned and the household.
pub(super) fn seen(s: &SummaryTab, today: NaiveDate, theme: Theme) -> Vec<Line<'static>> {
    let (c, on) = (&s.client, theme.privacy());
    let mut lines = Vec::new();
    // Last seen, last contact and the next visit come from the practice
    // layer through the loader (one place decides who was seen when).
    let when = |d: Option<NaiveDate>| match d {
        Some(d) => format!("{} ({})", display::date(d), ago((today - d).num_days())),
        None => "never".into(),
    };
    let mut seen = when(s.seen.last);
    if let Some(every) = c.visit_every_days {
        seen.push_str(&format!(" · visit every {every} days"));
    }
    lines.push(field("Last seen", seen, theme));
    lines.push(field("Last contact", when(s.seen.last_contact), theme));
    // A closed case has no visit due (the Next section says why).
    if let Some((due, what)) = &s.seen.next_visit
        && c.closed_on.is_none()
    {
        let late = if s.seen.overdue { " — overdue" } else { "" };
        let style = if s.seen.overdue {
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
    for p in &s.seen.planned {
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
    if !s.seen.household.is_empty() {
        let names: Vec<String> = s
            .seen
            .household
            .iter()
            .map(|(_, n)| shown(Kind::Name, n, on))
            .collect();
        lines.push(field("Household", names.join(", "), theme));
    }
    lines
}

/// Risk, legal status and what is next.
pub(super) fn status(s: &SummaryTab, now: NaiveDateTime, theme: Theme) -> Vec<Line<'static>> {
    let c = &s.client;
    let mut lines = Vec::new();
    lines.push(Line::from(Span::styled("Risk summary", theme.heading())));
    lines.extend(paragraph_lines(
        "risk summary",
        c.risk_summary.as_deref().unwrap_or(""),
        theme,
    ));
    lines.push(Line::default());
    lines.extend(legal(s, now.date(), theme));
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
        next_lines(&mut lines, s, now, theme);
    }
    lines.push(Line::default());
    lines
}

/// The legal episodes, the journey between them, each open one's current
/// period.
fn legal(s: &SummaryTab, today: NaiveDate, theme: Theme) -> Vec<Line<'static>> {
    let c = &s.client;
    let mut lines = Vec::new();
    lines.push(Line::from(Span::styled("Legal episodes", theme.heading())));
    if s.episodes.is_empty() {
        lines.push(Line::from(Span::styled("  none", theme.dim())));
    }
    for l in crate::practice::journey::lines(&s.episodes) {
        lines.push(Line::from(format!("  journey: {l}")));
    }
    for e in &s.episodes {
        // A clock counted in hours is shown with its times (issue 26).
        let start = e.started();
        let span = match (e.ended(), e.end_reason.as_deref()) {
            (Some(end), Some(r)) if r != "ended" => format!("{start} to {end} ({r})"),
            (Some(end), _) => format!("{start} to {end}"),
            (None, _) => format!("since {start}"),
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
        if let Some(p) = s.periods.iter().find(|p| p.episode_id == e.id) {
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
    lines
}

/// An open case's next open deadline (red once overdue, to the minute for
/// a clock counted in hours) and care plan review.
fn next_lines(lines: &mut Vec<Line<'static>>, s: &SummaryTab, now: NaiveDateTime, theme: Theme) {
    match &s.next_deadline {
        Some(d) => {
            let style = if d.is_overdue(now) {
                theme.danger()
            } else {
                theme.text()
            };
            lines.push(Line::from(Span::styled(
                format!(
                    "  {}  {}",
                    d.when(now).at,
                    deadline_what(d, theme.privacy())
                ),
                style,
            )));
        }
        None => lines.push(Line::from(Span::styled("  no open deadlines", theme.dim()))),
    }
    if let Some(r) = s.next_review {
        lines.push(Line::from(format!(
            "  {}  care plan review",
            display::date(r)
        )));
    }
}

/// "today", "yesterday", "3 days ago".
fn ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{} ago", crate::domain::text::count(n, "day")),
    }
}
