//! Drawing each tab of a client's record. Every stored string passes through
//! `one_line` or `sanitize` before it reaches the screen, and every personal
//! field through `privacy::shown` with its kind.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::client::{ClientView, DueRow};
use super::theme::Theme;
use crate::domain::NoteStatus;
use crate::domain::text::one_line;
use crate::privacy::{Kind, shown, shown_opt};

fn field(label: &str, value: String, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<16}"), theme.dim()),
        Span::raw(one_line(&value)),
    ])
}

fn opt(v: Option<&String>) -> String {
    v.map(|s| one_line(s)).unwrap_or_else(|| "—".into())
}

fn paragraph_lines(what: &'static str, text: &str, theme: Theme) -> Vec<Line<'static>> {
    if text.trim().is_empty() {
        return vec![Line::from(Span::styled("  (nothing written)", theme.dim()))];
    }
    shown(Kind::Text(what), text, theme.privacy())
        .lines()
        .map(|l| Line::from(format!("  {l}")))
        .collect()
}

fn empty(frame: &mut Buffer, area: Rect, msg: &str, theme: Theme) {
    Widget::render(
        Paragraph::new(Span::styled(msg.to_string(), theme.dim())),
        area,
        frame,
    );
}

fn ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    }
}

/// A deadline's words: a rule's own words always; words the practitioner
/// typed are free text (they may name people), hidden in privacy mode.
#[must_use]
pub fn deadline_what(d: &crate::domain::Deadline, on: bool) -> String {
    crate::privacy::due_words("deadline", &d.what, d.rule.is_some(), on)
}

/// The Summary tab.
pub fn summary(v: &ClientView, frame: &mut Buffer, area: Rect, theme: Theme, today: NaiveDate) {
    let c = &v.client;
    let on = theme.privacy();
    let mut lines = Vec::new();
    let age = c
        .dob
        .and_then(|d| Some((d, today.years_since(d)?)))
        .map(|(d, y)| {
            if on {
                shown(Kind::Dob, &d.to_string(), on)
            } else {
                format!("{d} (age {y})")
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
        "Team",
        format!("{} ({})", opt(c.team.as_ref()), c.service.label()),
        theme,
    ));
    let status = match (c.closed_on, &c.closure_reason) {
        (Some(d), r) => format!(
            "closed {d}: {}",
            shown_opt(Kind::Text("reason"), r.as_deref(), on)
        ),
        _ => format!("open since {}", c.opened_on),
    };
    lines.push(field("Case", status, theme));
    // Last seen, last contact and the next visit come from the practice
    // layer through the loader (one place decides who was seen when).
    let when = |d: Option<NaiveDate>| match d {
        Some(d) => format!("{d} ({})", ago((today - d).num_days())),
        None => "never".into(),
    };
    let mut seen = when(v.seen.last);
    if let Some(every) = c.visit_every_days {
        seen.push_str(&format!(" · visit every {every} days"));
    }
    lines.push(field("Last seen", seen, theme));
    lines.push(field("Last contact", when(v.seen.last_contact), theme));
    if let Some((due, what)) = &v.seen.next_visit {
        let late = if v.seen.overdue { " — overdue" } else { "" };
        let style = if v.seen.overdue {
            theme.danger()
        } else {
            theme.text()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<16}", "Next visit due"), theme.dim()),
            Span::styled(format!("{due} {}{late}", one_line(what)), style),
        ]));
    }
    for p in &v.seen.planned {
        let at = p
            .planned_at
            .map(|t| t.format("%a %-d %b %H:%M").to_string())
            .unwrap_or_default();
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
    lines.push(Line::default());
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
    for e in &v.episodes {
        let span = match e.end_on {
            Some(end) => format!("{} to {end}", e.start_on),
            None => format!("since {}", e.start_on),
        };
        lines.push(Line::from(format!("  {} {span}", e.kind.label())));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Next", theme.heading())));
    match v
        .deadlines
        .iter()
        .find(|d| d.completed_on.is_none() && !d.cancelled)
    {
        Some(d) => {
            let style = if d.due < today {
                theme.danger()
            } else {
                theme.text()
            };
            lines.push(Line::from(Span::styled(
                format!("  {}  {}", d.due, deadline_what(d, on)),
                style,
            )));
        }
        None => lines.push(Line::from(Span::styled("  no open deadlines", theme.dim()))),
    }
    if let Some(r) = v.plans.first().and_then(|p| p.next_review) {
        lines.push(Line::from(format!("  {r}  care plan review")));
    }
    Widget::render(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((v.scroll, 0)),
        area,
        frame,
    );
}

/// The Notes tab: newest contact first; drafts marked.
pub fn notes(v: &ClientView, frame: &mut Buffer, area: Rect, theme: Theme) {
    if v.notes.is_empty() {
        empty(frame, area, "No notes yet. Press n to write one.", theme);
        return;
    }
    let window = v
        .notes_cursor
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
                Cell::from(n.occurred_at.format("%Y-%m-%d %H:%M").to_string()),
                Cell::from(n.kind.label()),
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
    v.notes_cursor.render_table(frame, area, table, 1);
}

/// The Plan tab: the shown version, with older versions a key away.
pub fn plan(v: &ClientView, frame: &mut Buffer, area: Rect, theme: Theme) {
    let Some(p) = v.plans.get(v.plan_index) else {
        empty(
            frame,
            area,
            "No care plan yet. Press a to write one.",
            theme,
        );
        return;
    };
    let newest = v.plan_index == 0;
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("Version {} of {}", p.version, v.plans.len()),
            theme.heading(),
        ),
        Span::styled(
            format!(
                "  written {}{}",
                p.created_at.format("%Y-%m-%d"),
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
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "not set".into())
            ),
            theme.dim(),
        ),
    ])];
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
            Some(d) => format!("[x] done {d}:"),
            None => "[ ]".into(),
        };
        let due = a.due.map(|d| format!(" by {d}")).unwrap_or_default();
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

/// The Deadlines tab: deadlines (open first) then actions.
pub fn deadlines(v: &ClientView, frame: &mut Buffer, area: Rect, theme: Theme, today: NaiveDate) {
    let rows_idx = v.due_rows();
    if rows_idx.is_empty() {
        empty(
            frame,
            area,
            "No deadlines or actions. Press a to add a deadline.",
            theme,
        );
        return;
    }
    let window = v
        .due_cursor
        .window(area.height.saturating_sub(1), rows_idx.len());
    let rows: Vec<Row<'_>> = rows_idx[window]
        .iter()
        .map(|r| match *r {
            DueRow::Deadline(i) => {
                let d = &v.deadlines[i];
                let (state, style) = if let Some(done) = d.completed_on {
                    (format!("done {done}"), theme.dim())
                } else if d.cancelled {
                    ("cancelled".into(), theme.dim())
                } else if d.due < today {
                    (
                        format!("{} days overdue", (today - d.due).num_days()),
                        theme.danger(),
                    )
                } else {
                    (
                        format!("in {} days", (d.due - today).num_days()),
                        theme.text(),
                    )
                };
                Row::new(vec![
                    Cell::from(d.due.to_string()),
                    Cell::from(Span::styled(deadline_what(d, theme.privacy()), style)),
                    Cell::from(Span::styled(state, style)),
                    Cell::from(Span::styled(opt(d.rule.as_ref()), theme.dim())),
                ])
            }
            DueRow::Visit(i) => {
                let p = &v.seen.planned[i];
                let waiting = p.planned_at.is_some_and(|t| t.date() < today);
                let (state, style) = if waiting {
                    ("outcome?".to_string(), theme.danger())
                } else {
                    ("planned".to_string(), theme.text())
                };
                Row::new(vec![
                    Cell::from(
                        p.planned_at
                            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                            .unwrap_or_default(),
                    ),
                    Cell::from(Span::styled(
                        format!(
                            "Visit: {}",
                            match p.location.as_deref() {
                                Some(place) => shown(Kind::Contact, place, theme.privacy()),
                                None => p.kind.label().to_string(),
                            }
                        ),
                        style,
                    )),
                    Cell::from(Span::styled(state, style)),
                    Cell::from(Span::styled("D outcome · m move · X cancel", theme.dim())),
                ])
            }
            DueRow::Action(i) => {
                let a = &v.actions[i];
                let (state, style) = match (a.done_on, a.due) {
                    (Some(done), _) => (format!("done {done}"), theme.dim()),
                    (None, Some(d)) if d < today => ("overdue".to_string(), theme.danger()),
                    _ => ("to do".to_string(), theme.text()),
                };
                Row::new(vec![
                    Cell::from(a.due.map(|d| d.to_string()).unwrap_or_default()),
                    Cell::from(Span::styled(
                        format!(
                            "Action: {}",
                            crate::privacy::due_words("action", &a.what, false, theme.privacy())
                        ),
                        style,
                    )),
                    Cell::from(Span::styled(state, style)),
                    Cell::from(""),
                ])
            }
        })
        .collect();
    let header = Row::new(["Due", "What", "State", "Rule"]).style(theme.heading());
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Min(16),
            Constraint::Length(16),
            Constraint::Length(12),
        ],
    )
    .header(header)
    .row_highlight_style(theme.selected());
    // The selected statutory deadline shows its rule and citation below.
    let detail = match v.selected_due() {
        Some(DueRow::Deadline(i)) => rule_detail(&v.deadlines[i], theme),
        _ => None,
    };
    match detail {
        Some(text) if area.height > 6 => {
            let [top, bottom] =
                ratatui::layout::Layout::vertical([Constraint::Min(3), Constraint::Length(2)])
                    .areas(area);
            v.due_cursor.render_table(frame, top, table, 1);
            Widget::render(text.wrap(Wrap { trim: true }), bottom, frame);
        }
        _ => v.due_cursor.render_table(frame, area, table, 1),
    }
}

/// "Rule mha-s3-expiry · Mental Health Act 1983 s20…" for a generated deadline.
fn rule_detail(d: &crate::domain::Deadline, theme: Theme) -> Option<Paragraph<'static>> {
    let rule = d.rule.as_deref()?;
    let mut spans = vec![
        Span::styled("Rule ", theme.dim()),
        Span::raw(one_line(rule)),
    ];
    if let Some(src) = d.source.as_deref() {
        spans.push(Span::styled(" · ", theme.dim()));
        spans.push(Span::raw(one_line(src)));
    }
    Some(Paragraph::new(Line::from(spans)))
}

/// The Network tab.
pub fn network(v: &ClientView, frame: &mut Buffer, area: Rect, theme: Theme) {
    if v.network.is_empty() {
        empty(
            frame,
            area,
            "No one recorded yet. Press a to add a network member.",
            theme,
        );
        return;
    }
    let window = v
        .network_cursor
        .window(area.height.saturating_sub(1), v.network.len());
    let rows: Vec<Row<'_>> = v.network[window]
        .iter()
        .map(|m| {
            let style = if m.archived {
                theme.dim()
            } else {
                theme.text()
            };
            let on = theme.privacy();
            Row::new(vec![
                Cell::from(shown(Kind::Name, &m.name, on)),
                Cell::from(one_line(&m.role)),
                Cell::from(shown_opt(Kind::Contact, m.organisation.as_deref(), on)),
                Cell::from(opt(m.relationship.as_ref())),
                Cell::from(shown_opt(Kind::Contact, m.phone.as_deref(), on)),
                Cell::from(if m.consent_to_share { "yes" } else { "no" }),
            ])
            .style(style)
        })
        .collect();
    let header = Row::new([
        "Name",
        "Role",
        "Organisation",
        "Relationship",
        "Phone",
        "Consent",
    ])
    .style(theme.heading());
    let table = Table::new(
        rows,
        [
            Constraint::Min(12),
            Constraint::Length(12),
            Constraint::Length(14),
            Constraint::Length(12),
            Constraint::Length(13),
            Constraint::Length(7),
        ],
    )
    .header(header)
    .row_highlight_style(theme.selected());
    v.network_cursor.render_table(frame, area, table, 1);
}
