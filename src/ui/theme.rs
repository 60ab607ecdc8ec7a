//! The one place colours are chosen. With `NO_COLOR` set (to anything but
//! empty) no colour is used at all; emphasis falls back to bold, reverse and
//! underline so overdue items and alerts still stand out.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::RiskLevel;

/// Styles for every kind of thing drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Theme {
    color: bool,
    privacy: bool,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set and non-empty.
    #[must_use]
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            privacy: false,
        }
    }

    /// A theme with or without colour (tests pick).
    #[must_use]
    pub fn new(color: bool) -> Theme {
        Theme {
            color,
            privacy: false,
        }
    }

    /// The same theme with privacy mode on or off (see [`crate::privacy`]).
    #[must_use]
    pub fn with_privacy(self, on: bool) -> Theme {
        Theme {
            privacy: on,
            ..self
        }
    }

    /// Whether privacy mode is on: note text hidden until a note is opened,
    /// names and record numbers swept from the frame.
    #[must_use]
    pub fn privacy(self) -> bool {
        self.privacy
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Ordinary text.
    #[must_use]
    pub fn text(self) -> Style {
        Style::new()
    }

    /// Secondary text: dates, counts, hints.
    #[must_use]
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    /// The title bar.
    #[must_use]
    pub fn title(self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Section headings.
    #[must_use]
    pub fn heading(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The selected row.
    #[must_use]
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Overdue items and alerts: red (bold without colour).
    #[must_use]
    pub fn danger(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Due soon.
    #[must_use]
    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }

    /// Things that went well (saved, done).
    #[must_use]
    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    /// A key name in the hint bar and help.
    #[must_use]
    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// The focused field's label.
    #[must_use]
    pub fn focus(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A text input box.
    #[must_use]
    pub fn input(self) -> Style {
        if self.color {
            Style::new().bg(Color::Indexed(236))
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// A risk level.
    #[must_use]
    pub fn risk(self, r: RiskLevel) -> Style {
        match r {
            RiskLevel::High => self.danger(),
            RiskLevel::Medium => self.warn(),
            RiskLevel::Low => self.text(),
        }
    }
}
