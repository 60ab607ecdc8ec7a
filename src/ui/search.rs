//! The Search screen: type words (`"a phrase"`, `prefix*`, AND/OR/NOT,
//! `from:DATE`, `to:DATE` with a date as the forms take it, `from:01/11/2026`
//! or `from:2026-11-01` or `from:-2w`); matches appear as you type, newest
//! first, with the matched words highlighted. Enter opens the record.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;

use super::data::Source;
use super::screen::Tab;
use super::screen::{Effect, Screen};
use super::theme::Theme;
use super::widgets::{Cursor, take_top};
use crate::action::Action;
use crate::dates::parse_date;
use crate::domain::found::{HitSource, SearchFilter, SearchHit};
use crate::keymap::Mode;
use crate::privacy::{Kind, shown};
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::KeyEvent;

/// The Search screen's state.
#[derive(Debug, Clone)]
pub struct SearchView {
    /// What has been typed.
    pub query: String,
    /// The client the search was opened from (id, name), if any.
    pub scope: Option<(i64, String)>,
    /// Search everyone even though opened from a client.
    pub everyone: bool,
    /// The matches, newest first.
    pub hits: Vec<SearchHit>,
    /// The selected match.
    pub cursor: Cursor,
    /// Why there are no matches (a message, never an error dump).
    pub message: Option<String>,
    /// The colours.
    pub theme: Theme,
}

impl SearchView {
    /// A new search, limited to `scope`'s records when given.
    #[must_use]
    pub fn new(scope: Option<(i64, String)>, theme: Theme) -> SearchView {
        SearchView {
            query: String::new(),
            scope,
            everyone: false,
            hits: Vec::new(),
            cursor: Cursor::default(),
            message: None,
            theme,
        }
    }

    /// The words to search for and the filter, from what was typed.
    fn parse(&self, today: NaiveDate) -> Result<(String, SearchFilter), String> {
        let mut filter = SearchFilter {
            client_id: if self.everyone {
                None
            } else {
                self.scope.as_ref().map(|s| s.0)
            },
            ..SearchFilter::default()
        };
        let mut words: Vec<String> = Vec::new();
        let tokens: Vec<&str> = self.query.split_whitespace().collect();
        // The word still being typed (no space after it yet) is searched as
        // a prefix, so "olanz" finds "olanzapine" as you type.
        let typing = !self.query.ends_with(char::is_whitespace);
        // "from:31/02/2026 is not a real date…", the word as typed.
        let date = |w: &str, d: &str| {
            parse_date(d, today).map_err(|e| {
                if e.starts_with("is ") {
                    format!("{w} {e}")
                } else {
                    format!("{w}: {e}")
                }
            })
        };
        for (i, w) in tokens.iter().enumerate() {
            if let Some(d) = w.strip_prefix("from:") {
                filter.from = Some(date(w, d)?);
            } else if let Some(d) = w.strip_prefix("to:") {
                filter.to = Some(date(w, d)?);
            } else if typing
                && i + 1 == tokens.len()
                && w.chars().all(char::is_alphanumeric)
                && !matches!(*w, "AND" | "OR" | "NOT")
                && self.query.matches('"').count().is_multiple_of(2)
            {
                words.push(format!("{w}*"));
            } else {
                words.push((*w).to_string());
            }
        }
        Ok((words.join(" "), filter))
    }

    /// The selected match.
    #[must_use]
    pub fn selected(&self) -> Option<&SearchHit> {
        self.hits.get(self.cursor.selected)
    }
}

impl Widget for &SearchView {
    /// Draws the search line, the scope and the matches.
    fn render(self, area: Rect, frame: &mut Buffer) {
        let theme = self.theme;
        let (top, body) = take_top(area, 3);
        let scope = match (&self.scope, self.everyone) {
            (Some((_, name)), false) => {
                format!(
                    "In {}'s records only (ctrl-a: everyone)",
                    shown(Kind::Name, name, theme.privacy())
                )
            }
            (Some(_), true) => "In everyone's records (ctrl-a: this client only)".into(),
            (None, _) => "In everyone's records".into(),
        };
        Widget::render(
            Paragraph::new(vec![
                Line::from(vec![
                    Span::styled(" Search: ", theme.heading()),
                    Span::styled(
                        format!("{}▏", shown(Kind::Typed, &self.query, theme.privacy())),
                        theme.input(),
                    ),
                ]),
                Line::from(Span::styled(format!(" {scope}"), theme.dim())),
                Line::from(Span::styled(
                    " words, \"a phrase\", prefix*, AND/OR/NOT, from:DATE to:DATE (01/11/2026, -2w)",
                    theme.dim(),
                )),
            ]),
            top,
            frame,
        );
        if let Some(m) = &self.message {
            Widget::render(
                Paragraph::new(Span::styled(format!(" {m}"), theme.warn())),
                body,
                frame,
            );
            return;
        }
        let per = 2usize;
        let rows = usize::from(body.height) / per;
        let window = self
            .cursor
            .window(u16::try_from(rows).unwrap_or(u16::MAX), self.hits.len());
        self.cursor.remember(body);
        let mark = theme.warn().add_modifier(Modifier::BOLD);
        let mut lines = Vec::new();
        for (i, h) in self
            .hits
            .iter()
            .enumerate()
            .skip(window.start)
            .take(window.len())
        {
            let selected = i == self.cursor.selected;
            let place = match h.note_id {
                Some(n) if h.id != n => format!("{} {} on note {n}", h.source.label(), h.id),
                _ => format!("{} {}", h.source.label(), h.id),
            };
            let head = format!(
                "{} {}  {}  {place}",
                if selected { "▶" } else { " " },
                crate::dates::display::date(h.at.date()),
                shown(Kind::Name, &h.client_name, theme.privacy())
            );
            lines.push(Line::from(Span::styled(
                head,
                if selected {
                    theme.selected()
                } else {
                    theme.heading()
                },
            )));
            let mut spans = vec![Span::raw("    ")];
            if theme.privacy() {
                // The words found are the practitioner's own; the text
                // around them is the record's, hidden.
                let text: String = h.snippet.iter().map(|s| s.text.as_str()).collect();
                spans.push(Span::styled(
                    shown(Kind::Text("snippet"), &text, true),
                    theme.dim(),
                ));
                lines.push(Line::from(spans));
                continue;
            }
            for s in &h.snippet {
                spans.push(if s.hit {
                    Span::styled(s.text.clone(), mark)
                } else {
                    Span::raw(s.text.clone())
                });
            }
            lines.push(Line::from(spans));
        }
        Widget::render(Paragraph::new(lines), body, frame);
    }
}

impl Screen for SearchView {
    fn title(&self) -> String {
        "Search".into()
    }

    fn mode(&self) -> Mode {
        Mode::Search
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Open, Action::ToggleScope, Action::Back]
    }

    fn update(&mut self, action: Action, _now: NaiveDateTime) -> Vec<Effect> {
        let len = self.hits.len();
        match action {
            Action::Up => self.cursor.step(-1, len),
            Action::Down => self.cursor.step(1, len),
            Action::PageUp => self.cursor.page(false, len),
            Action::PageDown => self.cursor.page(true, len),
            Action::ToggleScope if self.scope.is_some() => {
                self.everyone = !self.everyone;
                return vec![Effect::Reload];
            }
            Action::Open => {
                return match self.selected() {
                    Some(SearchHit {
                        note_id: Some(n), ..
                    }) => vec![Effect::OpenNote(*n)],
                    Some(h) if h.source == HitSource::Plan => vec![Effect::OpenPlanVersion {
                        client: h.client_id,
                        plan: h.id,
                    }],
                    Some(h) => vec![Effect::OpenClient {
                        id: h.client_id,
                        tab: Tab::Plan,
                        offer_draft: true,
                    }],
                    None => Vec::new(),
                };
            }
            _ => {}
        }
        Vec::new()
    }

    fn type_key(&mut self, key: KeyEvent, _now: NaiveDateTime) -> Vec<Effect> {
        if super::input::edit_line(&mut self.query, key) {
            vec![Effect::Reload]
        } else {
            Vec::new()
        }
    }

    /// Runs the search again (after typing or a change of scope).
    fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        self.message = None;
        self.hits.clear();
        self.cursor.selected = 0;
        if self.query.trim().is_empty() {
            return Ok(());
        }
        let result = self.parse(today).and_then(|(q, f)| src.search(&q, &f));
        match result {
            Ok(hits) if hits.is_empty() => self.message = Some("No matches.".into()),
            Ok(hits) => self.hits = hits,
            Err(m) => self.message = Some(m),
        }
        Ok(())
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(typed: &str) -> String {
        let mut v = SearchView::new(None, Theme::new(false));
        v.query = typed.to_string();
        v.parse(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
            .unwrap()
            .0
    }

    #[test]
    fn the_word_being_typed_is_a_prefix_and_finished_words_are_whole() {
        assert_eq!(parsed("olanz"), "olanz*");
        assert_eq!(parsed("mood olanz"), "mood olanz*");
        assert_eq!(parsed("olanz "), "olanz");
        assert_eq!(parsed("mood AND"), "mood AND");
        assert_eq!(parsed("\"low mood"), "\"low mood");
        assert_eq!(parsed("olanz*"), "olanz*");
        assert_eq!(parsed("mood from:2026-11-01"), "mood");
    }

    #[test]
    fn from_and_to_take_the_dates_the_forms_take() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut v = SearchView::new(None, Theme::new(false));
        v.query = "mood from:01/11/2026 to:-1d".into();
        let (_, f) = v.parse(today).unwrap();
        assert_eq!(f.from, chrono::NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(f.to, chrono::NaiveDate::from_ymd_opt(2026, 11, 21));
        v.query = "mood from:31/02/2026".into();
        let e = v.parse(today).unwrap_err();
        assert!(e.starts_with("from:31/02/2026 is not a real date"), "{e}");
    }
}
