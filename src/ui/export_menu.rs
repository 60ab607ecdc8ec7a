//! The Export menu (`x` on a client, or "export" in the palette): every
//! document the export layer makes, then the folder to write it into
//! (default `~/Documents/caseload`, created owner-only). Paste packs are
//! copied to the clipboard and shown instead of written. The app makes and
//! writes the files and says what it wrote.

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use std::path::PathBuf;

use super::screen::{Effect, Screen};
use super::theme::Theme;
use super::widgets::Cursor;
use crate::action::Action;
use crate::export::menu::{ENTRIES, Entry};
use crate::keymap::Mode;

/// Where the menu is: choosing a document, or typing the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Choosing what to make.
    Choose,
    /// Typing where to write the chosen entry.
    Folder(Entry),
}

/// The Export menu's state.
#[derive(Debug, Clone)]
pub struct ExportMenu {
    /// The client in view (id, name), if any.
    pub client: Option<(i64, String)>,
    /// The note paste packs use (the selected or latest note).
    pub note: Option<i64>,
    /// The entries on offer (client entries only with a client).
    pub entries: Vec<Entry>,
    /// The highlighted entry.
    pub cursor: Cursor,
    /// Choosing or typing the folder.
    pub stage: Stage,
    /// The folder typed (starts as the default).
    pub folder: String,
    /// Why the last choice could not be made.
    pub message: Option<String>,
    /// The colours.
    pub theme: Theme,
}

impl ExportMenu {
    /// A menu for `client` (and `note`), writing by default into `folder`.
    #[must_use]
    pub fn new(
        client: Option<(i64, String)>,
        note: Option<i64>,
        folder: Option<PathBuf>,
        theme: Theme,
    ) -> ExportMenu {
        let entries = ENTRIES
            .iter()
            .copied()
            .filter(|e| client.is_some() || e.whole_caseload())
            .collect();
        ExportMenu {
            client,
            note,
            entries,
            cursor: Cursor::default(),
            stage: Stage::Choose,
            folder: folder.map(|p| p.display().to_string()).unwrap_or_default(),
            message: None,
            theme,
        }
    }

    fn pick(&mut self, entry: Entry) -> Vec<Effect> {
        let client = self.client.as_ref().map_or(0, |c| c.0);
        let Some(job) = entry.job(client, self.note) else {
            self.message = Some("This client has no note yet: write one first.".into());
            return Vec::new();
        };
        if entry.is_paste() {
            return vec![Effect::Close, Effect::Paste(job)];
        }
        self.message = None;
        self.stage = Stage::Folder(entry);
        Vec::new()
    }

    fn write(&mut self, entry: Entry) -> Vec<Effect> {
        let client = self.client.as_ref().map_or(0, |c| c.0);
        let dir = expand_home(self.folder.trim());
        match (entry.job(client, self.note), dir) {
            (Some(job), Some(dir)) => vec![Effect::Close, Effect::Export { job, dir }],
            _ => {
                self.message = Some("Type the folder to write into.".into());
                Vec::new()
            }
        }
    }
}

/// `~/x` → the home folder's `x`; empty → none.
fn expand_home(typed: &str) -> Option<PathBuf> {
    if typed.is_empty() {
        return None;
    }
    if let Some(rest) = typed.strip_prefix("~/")
        && let Some(home) = directories::UserDirs::new()
    {
        return Some(home.home_dir().join(rest));
    }
    Some(PathBuf::from(typed))
}

impl Widget for &ExportMenu {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let who = match &self.client {
            Some((_, name)) if !t.privacy() => {
                format!(" Export · {} ", crate::domain::text::one_line(name))
            }
            _ => " Export ".to_string(),
        };
        let mut lines = Vec::new();
        match &self.stage {
            Stage::Choose => {
                lines.push(Line::from(Span::styled(
                    "Choose what to make (its key, or ↑↓ and Enter):",
                    t.dim(),
                )));
                let window = self
                    .cursor
                    .window(area.height.saturating_sub(4), self.entries.len());
                for (i, e) in self
                    .entries
                    .iter()
                    .enumerate()
                    .skip(window.start)
                    .take(window.len())
                {
                    let style = if i == self.cursor.selected {
                        t.selected()
                    } else {
                        t.text()
                    };
                    lines.push(Line::from(vec![
                        Span::styled(format!(" {} ", e.key), t.key()),
                        Span::styled(format!(" {}", e.label), style),
                    ]));
                }
            }
            Stage::Folder(e) => {
                lines.push(Line::from(Span::raw(e.label)));
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    "Write into this folder (created, readable by you only):",
                    t.dim(),
                )));
                lines.push(Line::from(vec![Span::styled(
                    format!("{}▏", self.folder),
                    t.input(),
                )]));
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    "Enter writes · Esc goes back",
                    t.dim(),
                )));
            }
        }
        if let Some(m) = &self.message {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(m.clone(), t.warn())));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .title(Span::styled(who, t.heading())),
            )
            .render(area, buf);
    }
}

impl Screen for ExportMenu {
    fn title(&self) -> String {
        "Export".into()
    }

    fn mode(&self) -> Mode {
        Mode::Export
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Open, Action::Back]
    }

    fn update(&mut self, action: Action, _now: NaiveDateTime) -> Vec<Effect> {
        match (&self.stage, action) {
            (Stage::Choose, Action::Up) => self.cursor.step(-1, self.entries.len()),
            (Stage::Choose, Action::Down) => self.cursor.step(1, self.entries.len()),
            (Stage::Choose, Action::Open) => {
                if let Some(e) = self.entries.get(self.cursor.selected).copied() {
                    return self.pick(e);
                }
            }
            (Stage::Folder(e), Action::Open) => {
                let e = *e;
                return self.write(e);
            }
            _ => {}
        }
        Vec::new()
    }

    fn type_key(&mut self, key: KeyEvent, _now: NaiveDateTime) -> Vec<Effect> {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Vec::new();
        }
        match (&self.stage, key.code) {
            (Stage::Choose, KeyCode::Char(c)) => {
                if let Some(e) = self.entries.iter().copied().find(|e| e.key == c) {
                    return self.pick(e);
                }
            }
            (Stage::Folder(_), KeyCode::Char(c)) => self.folder.push(c),
            (Stage::Folder(_), KeyCode::Backspace) => {
                self.folder.pop();
            }
            _ => {}
        }
        Vec::new()
    }

    fn back(&mut self) -> Vec<Effect> {
        if matches!(self.stage, Stage::Folder(_)) {
            self.stage = Stage::Choose;
            self.message = None;
            return Vec::new();
        }
        vec![Effect::Close]
    }

    fn reload(&mut self, _src: &dyn super::data::Source, _today: NaiveDate) -> Result<(), String> {
        Ok(())
    }

    fn client(&self) -> Option<(i64, String)> {
        self.client.clone()
    }

    fn people(&self) -> Vec<String> {
        self.client.iter().map(|c| c.1.clone()).collect()
    }

    fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }
}
