//! Drawing each tab of a client's record. Every stored string passes through
//! `one_line` or `sanitize` before it reaches the screen, and every personal
//! field through `privacy::shown` with its kind.

use chrono::NaiveDateTime;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::{ClientView, DueRow};
use crate::dates::display;
use crate::domain::NoteStatus;
use crate::domain::text::one_line;
use crate::privacy::{Kind, shown, shown_opt};
use crate::ui::fit::{columns, fit_str, wrap_within};
use crate::ui::theme::Theme;

pub(super) fn field(label: &str, value: String, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<16}"), theme.dim()),
        Span::raw(one_line(&value)),
    ])
}

pub(super) fn opt(v: Option<&String>) -> String {
    v.map(|s| one_line(s)).unwrap_or_else(|| "—".into())
}

pub(super) fn paragraph_lines(what: &'static str, text: &str, theme: Theme) -> Vec<Line<'static>> {
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

/// A deadline's words: a rule's own words always; words the practitioner
/// typed are free text (they may name people), hidden in privacy mode.
#[must_use]
pub fn deadline_what(d: &crate::domain::Deadline, on: bool) -> String {
    crate::privacy::due_words("deadline", &d.what, d.rule.is_some(), on)
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
                Cell::from(display::date_time(n.occurred_at)),
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

/// The Deadlines tab: deadlines (open first) then actions.
pub fn deadlines(v: &ClientView, frame: &mut Buffer, area: Rect, theme: Theme, now: NaiveDateTime) {
    let today = now.date();
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
    let cells = |r: &DueRow| -> [(String, ratatui::style::Style); 4] {
        match *r {
            DueRow::Deadline(i) => {
                let d = &v.deadlines[i];
                let (state, style) = if let Some(done) = d.completed_on {
                    (format!("done {}", display::date(done)), theme.dim())
                } else if d.cancelled {
                    ("cancelled".into(), theme.dim())
                } else {
                    // When and whether overdue: the domain's, to the minute
                    // for a clock counted in hours.
                    let style = if d.is_overdue(now) {
                        theme.danger()
                    } else {
                        theme.text()
                    };
                    (d.when(now).left, style)
                };
                [
                    (d.when(now).at, theme.text()),
                    (deadline_what(d, theme.privacy()), style),
                    (state, style),
                    (opt(d.rule.as_ref()), theme.dim()),
                ]
            }
            DueRow::Visit(i) => {
                let p = &v.seen.planned[i];
                let waiting = p.awaits_outcome(now);
                let (state, style) = if waiting {
                    ("outcome?".to_string(), theme.danger())
                } else {
                    ("planned".to_string(), theme.text())
                };
                [
                    (
                        p.planned_at.map(display::date_time).unwrap_or_default(),
                        theme.text(),
                    ),
                    (
                        format!(
                            "Visit: {}",
                            match p.location.as_deref() {
                                Some(place) => shown(Kind::Contact, place, theme.privacy()),
                                None => p.kind.label().to_string(),
                            }
                        ),
                        style,
                    ),
                    (state, style),
                    ("D outcome · m move · X cancel".to_string(), theme.dim()),
                ]
            }
            DueRow::Action(i) => {
                let a = &v.actions[i];
                let (state, style) = match (a.done_on, a.due) {
                    (Some(done), _) => (format!("done {}", display::date(done)), theme.dim()),
                    (None, Some(d)) if d < today => ("overdue".to_string(), theme.danger()),
                    _ => ("to do".to_string(), theme.text()),
                };
                [
                    (a.due.map(display::date).unwrap_or_default(), theme.text()),
                    (
                        format!(
                            "Action: {}",
                            crate::privacy::due_words("action", &a.what, false, theme.privacy())
                        ),
                        style,
                    ),
                    (state, style),
                    (String::new(), theme.dim()),
                ]
            }
        }
    };
    let header = ["Due", "What", "State", "Rule"];
    // Columns sized from every row's content; What takes the spare room and
    // anything cut ends in "…".
    let mut wants: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows_idx {
        for (w, (c, _)) in wants.iter_mut().zip(cells(r)) {
            *w = (*w).max(Line::from(c).width());
        }
    }
    let widths = columns(usize::from(area.width), &wants, &[10, 16, 9, 8], 1, 1);
    let rows: Vec<Row<'_>> = rows_idx[window]
        .iter()
        .map(|r| {
            let shown: Vec<Cell<'_>> = cells(r)
                .into_iter()
                .zip(&widths)
                .map(|((c, style), w)| Cell::from(Span::styled(fit_str(&c, *w), style)))
                .collect();
            Row::new(shown)
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
            let rows = wrap_within(&[text], usize::from(bottom.width), 2, 2);
            Widget::render(Paragraph::new(rows), bottom, frame);
        }
        _ => v.due_cursor.render_table(frame, area, table, 1),
    }
}

/// "Rule mha-s3-expiry · Mental Health Act 1983 s20…" for a generated deadline.
fn rule_detail(d: &crate::domain::Deadline, theme: Theme) -> Option<Line<'static>> {
    let rule = d.rule.as_deref()?;
    let mut spans = vec![
        Span::styled("Rule ", theme.dim()),
        Span::raw(one_line(rule)),
    ];
    if let Some(src) = d.source.as_deref() {
        spans.push(Span::styled(" · ", theme.dim()));
        spans.push(Span::raw(one_line(src)));
    }
    Some(Line::from(spans))
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
    let header = [
        "Name",
        "Role",
        "Organisation",
        "Relationship",
        "Phone",
        "Consent",
    ];
    let on = theme.privacy();
    let cells = |m: &crate::domain::NetworkMember| {
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
    for m in &v.network {
        for (w, c) in wants.iter_mut().zip(cells(m)) {
            *w = (*w).max(Line::from(c).width());
        }
    }
    let widths = columns(usize::from(area.width), &wants, &[8, 8, 8, 8, 8, 7], 1, 0);
    let rows: Vec<Row<'_>> = v.network[window]
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
    v.network_cursor.render_table(frame, area, table, 1);
}
