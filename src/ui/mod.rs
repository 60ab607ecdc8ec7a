//! Drawing: one function draws the whole frame from `&App`, with no query
//! and no change to the app's state (only render caches such as scroll
//! offsets). One file per screen; the theme is the one place for colours.

pub mod caseload;
pub mod chronology;
pub mod client;
pub mod client_tabs;
pub mod confirm;
pub mod form;
pub mod forms;
pub mod help;
pub mod input;
pub mod lock;
pub mod note;
pub mod note_view;
pub mod palette;
pub mod records;
pub mod search;
pub mod session;
pub mod theme;
pub mod today;
mod today_draw;
pub mod widgets;

use ratatui::buffer::Buffer;
use widgets::Draw as _;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::action::Action;
use crate::app::App;
use crate::keymap::Mode;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
/// The fewest rows the screens are laid out for.
pub const MIN_HEIGHT: u16 = 16;

/// A screen. Add a variant (and a file in `ui/`) for a new screen.
#[derive(Debug, Clone)]
pub enum View {
    /// What is due, who to see, drafts.
    Today(today::TodayView),
    /// The table of clients.
    Caseload(caseload::CaseloadView),
    /// One client's record.
    Client(Box<client::ClientView>),
    /// Writing a note.
    Editor(Box<note::NoteEditor>),
    /// A final note, read-only.
    NoteView(Box<note_view::NoteViewer>),
    /// A form.
    Form(Box<form::Form>),
    /// Searching notes, addenda and care plans.
    Search(Box<search::SearchView>),
}

impl View {
    /// The words in the title bar (never personal text).
    #[must_use]
    pub fn title(&self) -> String {
        match self {
            View::Today(_) => "Today".into(),
            View::Caseload(_) => "Caseload".into(),
            View::Client(c) => format!("Client · {}", c.tab.title()),
            View::Editor(_) => "Note editor".into(),
            View::NoteView(_) => "Final note".into(),
            View::Form(f) => f.title.clone(),
            View::Search(_) => "Search".into(),
        }
    }
}

/// Something drawn over the screen.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The keys for the screen underneath.
    Help(help::HelpView),
    /// The command palette.
    Palette(palette::PaletteView),
    /// A yes/no question.
    Confirm(confirm::Confirm),
}

/// The actions worth a place in the hint bar, per mode.
#[must_use]
pub fn hints(mode: Mode) -> &'static [Action] {
    match mode {
        Mode::Today => &[
            Action::Open,
            Action::NextSection,
            Action::GoCaseload,
            Action::Palette,
            Action::Help,
            Action::Quit,
        ],
        Mode::Caseload => &[
            Action::Filter,
            Action::Open,
            Action::SortNext,
            Action::ToggleClosed,
            Action::NewClient,
            Action::Help,
            Action::Quit,
        ],
        Mode::Filter => &[Action::Open, Action::ClearFilter],
        Mode::Client => &[
            Action::NextTab,
            Action::NewNote,
            Action::Add,
            Action::EditClient,
            Action::Open,
            Action::Help,
            Action::Quit,
        ],
        Mode::NoteView => &[Action::AddAddendum, Action::Help, Action::Quit],
        Mode::Editor => &[
            Action::NextField,
            Action::Save,
            Action::Finalise,
            Action::Back,
        ],
        Mode::Form => &[Action::NextField, Action::Submit, Action::Back],
        Mode::Search => &[Action::Open, Action::ToggleScope, Action::Back],
        Mode::Palette => &[Action::Open, Action::Back],
        Mode::Confirm => &[Action::Yes, Action::No],
        Mode::Help => &[Action::Back],
        Mode::Global => &[],
    }
}

/// Draws the whole frame.
pub fn draw(frame: &mut ratatui::Frame<'_>, app: &App) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Draws the app into `area` of a buffer.
pub fn render(app: &App, area: Rect, frame: &mut Buffer) {
    let theme = app.theme;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Terminal too small ({}×{}). caseload needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let (top, rest) = widgets::take_top(area, 1);
    let (body, bottom) = widgets::take_bottom(rest, 1);
    draw_title(frame, top, app);
    let now = app.now();
    match app.stack.last() {
        Some(View::Today(v)) => v.draw(frame, body, theme),
        Some(View::Caseload(v)) => v.draw(frame, body, theme),
        Some(View::Client(v)) => v.draw(frame, body, theme, now.date()),
        Some(View::Editor(v)) => v.draw(frame, body, theme),
        Some(View::NoteView(v)) => v.draw(frame, body, theme),
        Some(View::Form(v)) => v.draw(frame, body, theme),
        Some(View::Search(v)) => v.draw(frame, body, theme),
        None => {}
    }
    draw_bottom(frame, bottom, app);
    match &app.overlay {
        Some(Overlay::Help(h)) => h.draw(frame, body, &app.keymap, theme),
        Some(Overlay::Palette(p)) => p.draw(frame, body, theme),
        Some(Overlay::Confirm(c)) => c.draw(frame, body, theme),
        None => {}
    }
}

fn draw_title(frame: &mut Buffer, area: Rect, app: &App) {
    let theme = app.theme;
    let title = app.stack.last().map(View::title).unwrap_or_default();
    let when = app.now().format("%a %-d %b %Y %H:%M").to_string();
    let left = format!(" caseload · {title}");
    let pad =
        usize::from(area.width).saturating_sub(left.chars().count() + when.chars().count() + 1);
    frame.render_widget(
        Paragraph::new(Line::from(format!("{left}{}{when} ", " ".repeat(pad))))
            .style(theme.title()),
        area,
    );
}

fn draw_bottom(frame: &mut Buffer, area: Rect, app: &App) {
    let theme = app.theme;
    if let Some(s) = &app.status {
        let style = if s.error {
            theme.danger()
        } else {
            theme.good()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", s.text), style)),
            area,
        );
        return;
    }
    let mode = app.mode();
    let mut spans = Vec::new();
    for a in hints(mode) {
        let Some(k) = app.keymap.keys_for(mode, *a).into_iter().next() else {
            continue;
        };
        spans.push(Span::styled(format!(" {k}"), theme.key()));
        spans.push(Span::styled(format!(" {} ", a.hint()), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
