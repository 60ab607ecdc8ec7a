//! Today's detail pane: everything about the selected row that the list
//! line has no room for (the full text, the rule and its source, why it
//! ranks where it does), so no rule is ever out of sight.

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::text::{Line, Span};

use super::TodayRow;
use crate::dates::display;
use crate::domain::DueItem;
use crate::domain::text::{due_words, one_line};
use crate::privacy::{Kind, due_words as due_words_private, shown};
use crate::ui::theme::Theme;

/// How far off an item is: "5 h 20 min left" for a deadline with a time
/// (counted from `now`), else "2 days overdue", "in 3 days"…
#[must_use]
pub fn when(d: &DueItem, now: Option<NaiveDateTime>) -> String {
    match (d.due_at, now) {
        (Some(at), Some(now)) => crate::rules::hours::countdown(now, at),
        _ => due_words(d.days),
    }
}

/// The detail lines for `row` (before wrapping), or none for a heading.
#[must_use]
pub fn detail(
    row: &TodayRow,
    now: Option<NaiveDateTime>,
    today: NaiveDate,
    theme: Theme,
) -> Vec<Line<'static>> {
    // Names, hand-written text and places go through the privacy layer, as
    // in the list above.
    let on = theme.privacy();
    let who = |name: Option<&str>| match name {
        Some(n) => shown(Kind::Name, n, on),
        None => "no client".to_string(),
    };
    let what = |kind: &str, text: &str, by_rule: bool| due_words_private(kind, text, by_rule, on);
    let label = |l: &str| Span::styled(format!("{l}: "), theme.dim());
    match row {
        TodayRow::Heading(_) | TodayRow::Empty(_) => Vec::new(),
        TodayRow::Due(d, local_rule) => {
            let mut out = vec![Line::from(vec![
                Span::styled(format!("{}: ", who(d.client_name.as_deref())), theme.text()),
                Span::styled(
                    what(d.kind.as_str(), &d.what, d.rule.is_some()),
                    theme.heading(),
                ),
            ])];
            // When, then why it ranks here as `due --explain` says it (rule
            // included).
            let at = d.due_at.map_or_else(String::new, |t| {
                format!("{} ({})", t.format(" %H:%M"), when(d, now))
            });
            out.push(Line::from(vec![
                label(&format!("{} {}{at}", d.kind.label(), display::date(d.due),)),
                Span::raw(crate::rules::explain::why_with(
                    d,
                    *local_rule,
                    now.unwrap_or_else(|| today.and_time(chrono::NaiveTime::MIN)),
                )),
            ]));
            if let Some(opens) = d.window_opens {
                out.push(Line::from(vec![
                    label("Window opens"),
                    Span::raw(format!("{} (not before)", display::date(opens))),
                ]));
            }
            if let Some(src) = &d.source {
                out.push(Line::from(vec![label("Source"), Span::raw(one_line(src))]));
            }
            out
        }
        TodayRow::Visit(a) => vec![
            Line::from(vec![
                Span::styled(format!("{}: ", who(a.client_name.as_deref())), theme.text()),
                Span::styled(
                    a.what.parse::<crate::domain::NoteKind>().map_or_else(
                        |_| what(a.kind.as_str(), &a.what, a.rule.is_some()),
                        |k| k.label().to_string(),
                    ),
                    theme.heading(),
                ),
            ]),
            Line::from(vec![
                label("When"),
                Span::raw(format!(
                    "{} {}",
                    display::day_date(a.date),
                    a.time.as_deref().unwrap_or("")
                )),
            ]),
        ],
        TodayRow::Unseen { visit, days } => {
            let seen = match days {
                None => "never".to_string(),
                Some(d) => display::date(today - chrono::Days::new(u64::try_from(*d).unwrap_or(0))),
            };
            let mut out = vec![
                Line::from(vec![
                    Span::styled(
                        format!("{}: ", who(visit.client_name.as_deref())),
                        theme.text(),
                    ),
                    Span::styled(
                        what(visit.kind.as_str(), &visit.what, visit.rule.is_some()),
                        theme.heading(),
                    ),
                ]),
                Line::from(vec![
                    label("Visit was due"),
                    Span::raw(format!(
                        "{} ({})  ",
                        display::date(visit.due),
                        due_words(visit.days)
                    )),
                    label("Last contact"),
                    Span::raw(seen),
                ]),
            ];
            if let Some(rule) = &visit.rule {
                out.push(Line::from(vec![label("Rule"), Span::raw(one_line(rule))]));
            }
            if let Some(src) = &visit.source {
                out.push(Line::from(vec![label("Source"), Span::raw(one_line(src))]));
            }
            out
        }
        TodayRow::Planned(v) => {
            let who = v
                .people
                .iter()
                .map(|p| shown(Kind::Name, &p.name, on))
                .collect::<Vec<_>>()
                .join(", ");
            let mut out = vec![Line::from(vec![
                Span::styled(format!("{who}: "), theme.text()),
                Span::styled(format!("{} planned", v.kind.label()), theme.heading()),
            ])];
            let when = v.planned_at.map(display::day_date_time).unwrap_or_default();
            let mut l = vec![label("When"), Span::raw(format!("{when}  "))];
            if let Some(place) = &v.location {
                l.push(label("Where"));
                l.push(Span::raw(shown(Kind::Contact, place, on)));
            }
            out.push(Line::from(l));
            if now.is_some_and(|n| v.awaits_outcome(n)) {
                out.push(Line::from(Span::styled(
                    "Its time has passed: Enter records the outcome.",
                    theme.warn(),
                )));
            }
            out
        }
        TodayRow::Draft {
            name,
            occurred,
            days_left,
            ..
        } => vec![
            Line::from(vec![
                Span::styled(format!("{}: ", shown(Kind::Name, name, on)), theme.text()),
                Span::styled("draft note", theme.heading()),
            ]),
            Line::from(vec![
                label("Contact"),
                Span::raw(format!("{}  ", display::day_date_time(*occurred))),
                label("Late-entry rule"),
                Span::raw(super::draw::countdown_words(*days_left)),
            ]),
            Line::from(Span::styled(
                "Enter opens the draft to finalise it.",
                theme.dim(),
            )),
        ],
        TodayRow::Retention(r) => vec![
            Line::from(vec![
                Span::styled(format!("{}: ", who(Some(&r.name))), theme.text()),
                Span::styled("retention review due (closed case)", theme.heading()),
            ]),
            Line::from(vec![
                label("Review date"),
                Span::raw(format!(
                    "{}, set by the retention schedule at closing",
                    crate::dates::display::date(r.retain_until)
                )),
            ]),
            Line::from(Span::raw(
                "Flagged only: caseload never deletes or changes the record by itself.",
            )),
            Line::from(Span::styled(
                "Decide whether it is still needed under your schedule; Enter opens it.",
                theme.dim(),
            )),
        ],
    }
}
