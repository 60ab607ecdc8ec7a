//! Keys → actions. The defaults are `data/keymap.toml`, compiled in; a user's
//! `keymap.toml` in the config folder is merged on top (the keys given for an
//! action replace the defaults for that action in that section). The help
//! screen and the hint bar are generated from the live keymap.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use crate::action::Action;

/// The default keys, embedded at build time.
pub const DEFAULT_KEYMAP: &str = include_str!("../data/keymap.toml");

/// Which set of keys is live. Browsing modes fall back to `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Keys shared by every browsing screen.
    Global,
    /// The Today screen.
    Today,
    /// The Caseload table.
    Caseload,
    /// Typing a filter on the Caseload table.
    Filter,
    /// A client's tabs.
    Client,
    /// A final note, read-only.
    NoteView,
    /// Writing a note.
    Editor,
    /// Filling in a form.
    Form,
    /// The Search screen (typing the search).
    Search,
    /// The command palette.
    Palette,
    /// A yes/no question.
    Confirm,
    /// The help screen.
    Help,
    /// The calendar (a month, and the selected day's agenda).
    Calendar,
    /// The Export menu (a letter picks an entry; then the folder is typed).
    Export,
    /// One network member's details.
    Member,
    /// The activity chart.
    Activity,
}

impl Mode {
    /// Every mode, in the order help and the tests walk them.
    pub const ALL: [Mode; 16] = [
        Mode::Global,
        Mode::Today,
        Mode::Caseload,
        Mode::Filter,
        Mode::Client,
        Mode::NoteView,
        Mode::Editor,
        Mode::Form,
        Mode::Search,
        Mode::Palette,
        Mode::Confirm,
        Mode::Help,
        Mode::Calendar,
        Mode::Export,
        Mode::Member,
        Mode::Activity,
    ];

    /// Whether keys not bound in this mode fall back to the global section.
    /// Typing modes do not: there a letter is text.
    #[must_use]
    pub fn uses_global(self) -> bool {
        matches!(
            self,
            Mode::Today
                | Mode::Caseload
                | Mode::Client
                | Mode::NoteView
                | Mode::Calendar
                | Mode::Member
                | Mode::Activity
        )
    }

    /// The heading the help screen gives this mode.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::Today => "Today",
            Mode::Caseload => "Caseload",
            Mode::Filter => "Filtering the caseload",
            Mode::Client => "Client",
            Mode::NoteView => "Final note",
            Mode::Editor => "Note editor",
            Mode::Form => "Form",
            Mode::Search => "Search",
            Mode::Palette => "Palette",
            Mode::Confirm => "Question",
            Mode::Help => "Help",
            Mode::Calendar => "Calendar",
            Mode::Export => "Export",
            Mode::Member => "Network member",
            Mode::Activity => "Activity",
        }
    }
}

/// One key with its modifiers (Shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
];

impl Key {
    /// The key pressed, as the keymap sees it.
    #[must_use]
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let code = match ev.code {
            KeyCode::Char(' ') => KeyCodeOrd::Named(u8::MAX),
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            other => {
                let i = NAMED.iter().position(|(_, k)| *k == other)?;
                KeyCodeOrd::Named(u8::try_from(i).ok()?)
            }
        };
        Some(Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// Parses `ctrl-s`, `G`, `pageup`, `f1`, `space`…
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut rest = s;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCodeOrd::Char(c),
            _ if rest == "space" => KeyCodeOrd::Named(u8::MAX),
            _ => {
                if let Some(n) = rest.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    KeyCodeOrd::F(n)
                } else {
                    let i = NAMED
                        .iter()
                        .position(|(name, _)| *name == rest)
                        .ok_or_else(|| format!("unknown key name \"{s}\""))?;
                    KeyCodeOrd::Named(u8::try_from(i).map_err(|e| e.to_string())?)
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Named(u8::MAX) => f.write_str("Space"),
            KeyCodeOrd::Named(i) => {
                let name = match NAMED.get(usize::from(i)).map(|(n, _)| *n) {
                    Some("enter") => "Enter",
                    Some("esc") => "Esc",
                    Some("tab") => "Tab",
                    Some("backtab") => "Shift-Tab",
                    Some("backspace") => "Backspace",
                    Some("delete") => "Delete",
                    Some("up") => "↑",
                    Some("down") => "↓",
                    Some("left") => "←",
                    Some("right") => "→",
                    Some("home") => "Home",
                    Some("end") => "End",
                    Some("pageup") => "PgUp",
                    Some("pagedown") => "PgDn",
                    _ => "?",
                };
                f.write_str(name)
            }
        }
    }
}

type Sections = BTreeMap<Mode, BTreeMap<Action, Vec<String>>>;

/// The live keymap: for each mode, which keys do what.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    modes: BTreeMap<Mode, Vec<(Key, Action)>>,
}

impl Keymap {
    /// The built-in defaults.
    pub fn defaults() -> Result<Keymap, String> {
        Keymap::build(DEFAULT_KEYMAP, None)
    }

    /// The defaults with the user's file (if any) merged on top. A broken
    /// user file is reported and ignored; the defaults still work.
    #[must_use]
    pub fn load_user() -> (Keymap, Option<String>) {
        let user = crate::paths::config_dir()
            .map(|d| d.join("keymap.toml"))
            .and_then(|p| std::fs::read_to_string(p).ok());
        match Keymap::build(DEFAULT_KEYMAP, user.as_deref()) {
            Ok(k) => (k, None),
            Err(e) => (
                Keymap::defaults().unwrap_or_default(),
                Some(format!("your keymap.toml was ignored: {e}")),
            ),
        }
    }

    /// Builds from the defaults' text and an optional override text.
    pub fn build(defaults: &str, user: Option<&str>) -> Result<Keymap, String> {
        let mut sections: Sections =
            toml::from_str(defaults).map_err(|e| e.message().to_string())?;
        if let Some(user) = user {
            let over: Sections = toml::from_str(user).map_err(|e| e.message().to_string())?;
            for (mode, actions) in over {
                let section = sections.entry(mode).or_default();
                for (action, keys) in actions {
                    section.insert(action, keys);
                }
            }
        }
        let mut modes = BTreeMap::new();
        for (mode, actions) in sections {
            let mut list: Vec<(Key, Action)> = Vec::new();
            for (action, keys) in actions {
                for k in keys {
                    list.push((Key::parse(&k)?, action));
                }
            }
            modes.insert(mode, list);
        }
        Ok(Keymap { modes })
    }

    /// The action a key triggers in `mode`, if any.
    #[must_use]
    pub fn lookup(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(ev)?;
        let find = |m: Mode| {
            self.modes
                .get(&m)
                .and_then(|l| l.iter().find(|(k, _)| *k == key).map(|(_, a)| *a))
        };
        find(mode).or_else(|| {
            if mode.uses_global() {
                find(Mode::Global)
            } else {
                None
            }
        })
    }

    /// The keys bound to `action` in `mode` (and the global section when the
    /// mode falls back to it), for the hint bar and help.
    #[must_use]
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<Key> {
        let mut out: Vec<Key> = self.own_keys(mode, action);
        if out.is_empty() && mode.uses_global() {
            out = self.own_keys(Mode::Global, action);
        }
        out
    }

    fn own_keys(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.modes
            .get(&mode)
            .map(|l| {
                l.iter()
                    .filter(|(_, a)| *a == action)
                    .map(|(k, _)| *k)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every action bound in `mode` itself (not the fallback), with its keys,
    /// in the order actions are declared.
    #[must_use]
    pub fn bindings(&self, mode: Mode) -> Vec<(Action, Vec<Key>)> {
        let mut out = Vec::new();
        for a in Action::ALL {
            let keys = self.own_keys(mode, *a);
            if !keys.is_empty() {
                out.push((*a, keys));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Mode::ALL` lists every mode once: the match below stops compiling
    /// when a mode is added, until it is placed in the list too.
    #[test]
    fn all_lists_every_mode_once() {
        let place = |m: Mode| match m {
            Mode::Global => 0,
            Mode::Today => 1,
            Mode::Caseload => 2,
            Mode::Filter => 3,
            Mode::Client => 4,
            Mode::NoteView => 5,
            Mode::Editor => 6,
            Mode::Form => 7,
            Mode::Search => 8,
            Mode::Palette => 9,
            Mode::Confirm => 10,
            Mode::Help => 11,
            Mode::Calendar => 12,
            Mode::Export => 13,
            Mode::Member => 14,
            Mode::Activity => 15,
        };
        for (i, m) in Mode::ALL.iter().enumerate() {
            assert_eq!(place(*m), i, "{m:?}");
        }
    }

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn defaults_parse_and_vim_and_arrows_both_move() {
        let k = Keymap::defaults().unwrap();
        let none = KeyModifiers::NONE;
        assert_eq!(
            k.lookup(Mode::Caseload, &ev(KeyCode::Char('j'), none)),
            Some(Action::Down)
        );
        assert_eq!(
            k.lookup(Mode::Caseload, &ev(KeyCode::Down, none)),
            Some(Action::Down)
        );
        assert_eq!(
            k.lookup(Mode::Today, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        // In the editor a letter is text, not a command.
        assert_eq!(k.lookup(Mode::Editor, &ev(KeyCode::Char('q'), none)), None);
        assert_eq!(
            k.lookup(Mode::Editor, &ev(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(Action::Save)
        );
    }

    #[test]
    fn user_overrides_replace_an_actions_keys() {
        let k = Keymap::build(DEFAULT_KEYMAP, Some("[global]\nquit = [\"ctrl-q\"]\n")).unwrap();
        let none = KeyModifiers::NONE;
        assert_eq!(k.lookup(Mode::Today, &ev(KeyCode::Char('q'), none)), None);
        assert_eq!(
            k.lookup(Mode::Today, &ev(KeyCode::Char('q'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert!(Keymap::build(DEFAULT_KEYMAP, Some("[global]\nfly = [\"z\"]\n")).is_err());
        assert!(Keymap::build(DEFAULT_KEYMAP, Some("[global]\nquit = [\"hyper-q\"]\n")).is_err());
    }

    #[test]
    fn keys_display_readably() {
        assert_eq!(Key::parse("ctrl-s").unwrap().to_string(), "Ctrl-s");
        assert_eq!(Key::parse("backtab").unwrap().to_string(), "Shift-Tab");
        assert_eq!(Key::parse("space").unwrap().to_string(), "Space");
    }
}
