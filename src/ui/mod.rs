//! The screens and the frame around them. Each screen is a [`Screen`] in
//! its own file or folder (`today/`, `client/`, `note/`, `calendar/`,
//! `forms/`), listed once in the registry below; [`render`] draws the
//! whole frame from a [`Shell`] (the app as drawing sees it), with no query
//! and no change to state (only render caches such as scroll offsets).
//! Nothing here names the store or the app (`tests/walls.rs`); the theme
//! is the one place for colours.

pub mod activity;
pub mod calendar;
pub mod caseload;
pub mod client;
pub mod confirm;
pub mod data;
pub mod export_menu;
pub mod fit;
pub mod forms;
pub mod help;
pub mod input;
pub mod lock;
pub mod note;
pub mod palette;
pub mod records;
pub mod screen;
pub mod search;
pub mod text_view;
pub mod theme;
pub mod today;
pub mod widgets;
pub mod write;

use ratatui::buffer::Buffer;
use ratatui::widgets::Widget;

use chrono::NaiveDateTime;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::action::Action;
use crate::keymap::{Keymap, Mode};
use screen::Screen;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
/// The fewest rows the screens are laid out for.
pub const MIN_HEIGHT: u16 = 16;

/// The screen registry: one line per screen (its variant and its type).
/// The macro makes the `View` enum the app keeps its stack in, with
/// exhaustive dispatch to [`Screen`]: a screen missing a method does not
/// compile.
macro_rules! registry {
    ( $( $(#[$doc:meta])* $name:ident($ty:ty) ),+ $(,)? ) => {
        /// A screen on the stack.
        #[derive(Debug, Clone)]
        pub enum View {
            $( $(#[$doc])* $name(Box<$ty>) ),+
        }

        impl View {
            /// Every variant's name, in registry order (the privacy sweep
            /// test checks it drew each one).
            pub const NAMES: &'static [&'static str] = &[ $( stringify!($name) ),+ ];

            /// This variant's name.
            #[must_use]
            pub fn name(&self) -> &'static str {
                match self { $( View::$name(_) => stringify!($name) ),+ }
            }

            /// The screen, as the trait every screen implements.
            #[must_use]
            pub fn screen(&self) -> &dyn Screen {
                match self { $( View::$name(s) => s.as_ref() ),+ }
            }

            /// The words in the title bar (never personal text).
            #[must_use]
            pub fn title(&self) -> String {
                self.screen().title()
            }

            /// The screen, mutably.
            pub fn screen_mut(&mut self) -> &mut dyn Screen {
                match self { $( View::$name(s) => s.as_mut() ),+ }
            }
        }

        $(
            impl From<$ty> for View {
                fn from(s: $ty) -> View {
                    View::$name(Box::new(s))
                }
            }
        )+
    };
}

registry! {
    /// What is due, who to see, drafts.
    Today(today::TodayView),
    /// The table of clients.
    Caseload(caseload::CaseloadView),
    /// One client's record.
    Client(client::ClientView),
    /// Writing a note.
    Editor(note::NoteEditor),
    /// A final note, read-only.
    NoteView(note::view::NoteViewer),
    /// A form.
    Form(forms::form::Form),
    /// Searching notes, addenda and care plans.
    Search(search::SearchView),
    /// A month of visits, deadlines and reviews, and the day's agenda.
    Calendar(calendar::CalendarView),
    /// The Export menu.
    Export(export_menu::ExportMenu),
    /// A paste pack to read and select.
    Text(text_view::TextView),
    /// One network member's details.
    Member(client::member::MemberView),
    /// The practitioner's own work week by week, in counts.
    Activity(activity::ActivityView),
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The words.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
}

/// What the frame is drawn from: the app as the drawing code sees it.
pub trait Shell {
    /// The screen on top.
    fn top(&self) -> Option<&dyn Screen>;
    /// A popup over it.
    fn overlay(&self) -> Option<&Overlay>;
    /// The status line's message.
    fn status(&self) -> Option<&Status>;
    /// The live keymap.
    fn keymap(&self) -> &Keymap;
    /// The colours.
    fn theme(&self) -> theme::Theme;
    /// The time now.
    fn now(&self) -> NaiveDateTime;
    /// The keys live now.
    fn mode(&self) -> Mode;
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

impl Overlay {
    /// Every variant's name (the privacy sweep test checks it drew each).
    pub const NAMES: &'static [&'static str] = &["Help", "Palette", "Confirm"];

    /// This variant's name (exhaustive: a new popup must be named here).
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Overlay::Help(_) => "Help",
            Overlay::Palette(_) => "Palette",
            Overlay::Confirm(_) => "Confirm",
        }
    }
}

/// The hint bar's actions for the popups (screens declare their own).
#[must_use]
pub fn overlay_hints(overlay: &Overlay) -> &'static [Action] {
    match overlay {
        Overlay::Palette(_) => &[Action::Open, Action::Back],
        Overlay::Confirm(_) => &[Action::Yes, Action::No],
        Overlay::Help(_) => &[Action::Down, Action::PageDown, Action::Back],
    }
}

/// Draws the whole frame.
pub fn draw<A: Shell>(frame: &mut ratatui::Frame<'_>, app: &A) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Draws the app into `area` of a buffer.
pub fn render<A: Shell>(app: &A, area: Rect, frame: &mut Buffer) {
    let theme = app.theme();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Terminal too small ({}×{}). caseload needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        );
        Widget::render(Paragraph::new(msg).wrap(Wrap { trim: true }), area, frame);
        return;
    }
    let (top, rest) = widgets::take_top(area, 1);
    let (body, bottom) = widgets::take_bottom(rest, 1);
    draw_title(frame, top, app);
    if let Some(top) = app.top() {
        top.paint(body, frame);
    }
    draw_bottom(frame, bottom, app);
    match app.overlay() {
        Some(Overlay::Help(h)) => h.draw(frame, body, app.keymap(), theme),
        Some(Overlay::Palette(p)) => p.draw(frame, body, theme),
        Some(Overlay::Confirm(c)) => c.draw(frame, body, theme),
        None => {}
    }
}

fn draw_title<A: Shell>(frame: &mut Buffer, area: Rect, app: &A) {
    let theme = app.theme();
    let title = app.top().map(Screen::title).unwrap_or_default();
    let when = crate::dates::display::words_time(app.now());
    // The title gives way to the clock (cut with "…", two spaces before
    // the time), never runs into it.
    let room = usize::from(area.width).saturating_sub(when.chars().count() + 3);
    let left = fit::fit_str(&format!(" caseload · {title}"), room);
    let pad =
        usize::from(area.width).saturating_sub(domain_width(&left) + when.chars().count() + 1);
    Widget::render(
        Paragraph::new(Line::from(format!("{left}{}{when} ", " ".repeat(pad))))
            .style(theme.title()),
        area,
        frame,
    );
}

fn domain_width(s: &str) -> usize {
    crate::domain::cell::width(s)
}

fn draw_bottom<A: Shell>(frame: &mut Buffer, area: Rect, app: &A) {
    let theme = app.theme();
    if let Some(s) = app.status() {
        let style = if s.error {
            theme.danger()
        } else {
            theme.good()
        };
        let text = fit::fit_str(&format!(" {}", s.text), usize::from(area.width));
        Widget::render(Paragraph::new(Span::styled(text, style)), area, frame);
        return;
    }
    let mode = app.mode();
    let hints = match app.overlay() {
        Some(o) => overlay_hints(o),
        None => app.top().map(Screen::hints).unwrap_or_default(),
    };
    let mut items: Vec<(Action, String, String)> = hints
        .iter()
        .filter_map(|a| {
            let k = app.keymap().keys_for(mode, *a).into_iter().next()?;
            Some((*a, format!(" {k}"), format!(" {} ", a.hint())))
        })
        .collect();
    // Too many for the width: the last ones give way, never help or back.
    let width = |items: &[(Action, String, String)]| -> usize {
        items
            .iter()
            .map(|(_, k, h)| Line::from(format!("{k}{h}")).width())
            .sum()
    };
    while width(&items) > usize::from(area.width) {
        let Some(i) = items
            .iter()
            .rposition(|(a, _, _)| !matches!(a, Action::Help | Action::Back))
        else {
            break;
        };
        items.remove(i);
    }
    let mut spans = Vec::new();
    for (_, k, h) in items {
        spans.push(Span::styled(k, theme.key()));
        spans.push(Span::styled(h, theme.dim()));
    }
    Widget::render(Paragraph::new(Line::from(spans)), area, frame);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// Every screen's hint keys are bound in its keymap section: a new
    /// screen whose keys are missing from `data/keymap.toml` fails here.
    #[test]
    fn every_screens_hints_are_bound_in_its_keymap_section() {
        let keymap = Keymap::defaults().unwrap();
        let theme = theme::Theme::default();
        let now = NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let mut filtering = caseload::CaseloadView::new(theme);
        filtering.filtering = true;
        let screens: Vec<View> = vec![
            today::TodayView::new(theme).into(),
            caseload::CaseloadView::new(theme).into(),
            filtering.into(),
            note::NoteEditor::new(1, "A", now, std::time::Instant::now(), theme).into(),
            search::SearchView::new(None, theme).into(),
            forms::deadline(1, theme, now.date()).into(),
            client::member::MemberView::new(
                crate::domain::NetworkMember {
                    id: 1,
                    client_id: 1,
                    name: "A".into(),
                    role: String::new(),
                    organisation: None,
                    relationship: None,
                    phone: None,
                    email: None,
                    consent_to_share: false,
                    notes: None,
                    archived: false,
                    created_at: now,
                },
                theme,
            )
            .into(),
        ];
        for v in &screens {
            let s = v.screen();
            for a in s.hints() {
                assert!(
                    !keymap.keys_for(s.mode(), *a).is_empty(),
                    "{} shows {a:?} but {:?} binds no key to it",
                    s.title(),
                    s.mode()
                );
            }
        }
    }
}
