//! Support shared by the integration tests (`mod common;` in each file):
//!
//! - a [`Sandbox`]: a temporary HOME with its own XDG data and config
//!   folders, temp folder and config file, so no test that runs the binary
//!   ever reads or writes the developer's real `~/.config/caseload`;
//! - a fixed clock ([`NOW`], [`now`], [`at`]) and the test passphrase;
//! - a [`Fixture`] builder for a temporary encrypted store with fictional
//!   clients;
//! - [`require_tool`]: a test needing an outside program (tmux; later
//!   Chromium, Python, Wine) reports itself skipped when the program is
//!   missing, unless `CASELOAD_REQUIRE_TOOLS=1` (CI) makes that a failure;
//! - [`cli`]: the command line on a temporary database (`ok`, `fails`,
//!   `json`, `new_db`);
//! - [`kill`]: writers killed with `kill -9` at random moments;
//! - [`tmux`]: the real binary in a tmux session, driven by keys;
//! - [`tui`]: the app on a store with no terminal: keys in, text out.
//!
//! Not every test file uses every item.
#![allow(dead_code)]

pub mod cli;
pub mod kill;
pub mod tmux;
pub mod tui;

use caseload::store::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime};
use secrecy::SecretString;

use caseload::app::App;
use caseload::domain::{NewClient, NewNote, NoteKind};
use caseload::store::Store;

/// The passphrase every test database uses.
pub const PASS: &str = "correct horse battery";
/// The fixed time the binary is run at (`CASELOAD_NOW`).
pub const NOW: &str = "2026-11-22T09:00:00";

/// [`NOW`] as a value: Sunday 22 November 2026, 09:00.
pub fn now() -> NaiveDateTime {
    at(9, 0)
}

/// 22 November 2026 at `h`:`m`.
pub fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

/// `m`/`d` in 2026, the year of [`NOW`].
pub fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A temporary home: data, config, temp and home folders all inside it.
pub struct Sandbox {
    /// The folder holding everything (deleted when dropped).
    pub root: tempfile::TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}

impl Sandbox {
    /// A fresh, empty sandbox.
    pub fn new() -> Sandbox {
        let root = tempfile::tempdir().unwrap();
        for d in ["data", "config", "tmp", "home/.local/share"] {
            std::fs::create_dir_all(root.path().join(d)).unwrap();
        }
        Sandbox { root }
    }

    /// A path inside the sandbox.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// The default database path inside it.
    pub fn db(&self) -> PathBuf {
        self.path("data/x.db")
    }

    /// The environment pointing every folder caseload uses into the sandbox.
    pub fn envs(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("HOME", self.path("home")),
            ("XDG_DATA_HOME", self.path("home/.local/share")),
            ("XDG_CONFIG_HOME", self.path("config")),
            ("XDG_STATE_HOME", self.path("home/.local/state")),
            ("XDG_CACHE_HOME", self.path("home/.cache")),
            ("TMPDIR", self.path("tmp")),
            // Windows' temporary folder (`std::env::temp_dir` there).
            ("TMP", self.path("tmp")),
            ("TEMP", self.path("tmp")),
            ("SQLITE_TMPDIR", self.path("tmp")),
            ("CASELOAD_CONFIG", self.path("config/config.toml")),
        ]
    }
}

/// One sandbox shared by every binary run of a test process (each test
/// still uses its own database).
pub fn shared() -> &'static Sandbox {
    static SHARED: OnceLock<Sandbox> = OnceLock::new();
    SHARED.get_or_init(Sandbox::new)
}

/// Something that sets environment variables on a child process.
pub trait Envs {
    /// Sets one variable.
    fn set_env(&mut self, key: &str, value: &Path) -> &mut Self;
    /// Removes one variable.
    fn unset_env(&mut self, key: &str) -> &mut Self;

    /// Points HOME and the XDG folders into `sb`, and unsets `CASELOAD_DB`.
    fn sandbox(&mut self, sb: &Sandbox) -> &mut Self {
        for (k, v) in sb.envs() {
            self.set_env(k, &v);
        }
        self.unset_env("CASELOAD_DB")
    }

    /// Sandboxed in the shared sandbox.
    fn sandboxed(&mut self) -> &mut Self {
        self.sandbox(shared())
    }
}

impl Envs for std::process::Command {
    fn set_env(&mut self, key: &str, value: &Path) -> &mut Self {
        self.env(key, value)
    }
    fn unset_env(&mut self, key: &str) -> &mut Self {
        self.env_remove(key)
    }
}

impl Envs for assert_cmd::Command {
    fn set_env(&mut self, key: &str, value: &Path) -> &mut Self {
        self.env(key, value)
    }
    fn unset_env(&mut self, key: &str) -> &mut Self {
        self.env_remove(key)
    }
}

/// `caseload` with the test passphrase and clock, sandboxed in the shared
/// sandbox.
pub fn caseload() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("caseload").unwrap();
    c.env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_NOW", NOW)
        .sandboxed();
    c
}

/// Whether the outside program `tool` can run here. When it cannot, the
/// test should return early: this prints `SKIPPED: needs TOOL (INSTALL)` to
/// stderr, unless `CASELOAD_REQUIRE_TOOLS=1`, where a missing tool fails
/// the test (CI installs every tool, so nothing may be skipped there).
pub fn require_tool(tool: &str, install: &str) -> bool {
    let found = std::process::Command::new(tool)
        .arg("-V")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    let required = std::env::var("CASELOAD_REQUIRE_TOOLS").as_deref() == Ok("1");
    tool_decision(found, required, tool, install)
}

/// What [`require_tool`] decides: run (true), skip saying so (false), or,
/// when tools are `required`, fail.
pub fn tool_decision(found: bool, required: bool, tool: &str, install: &str) -> bool {
    if found {
        return true;
    }
    let message = format!("SKIPPED: needs {tool} ({install})");
    assert!(
        !required,
        "{message}, and CASELOAD_REQUIRE_TOOLS=1 forbids skipping"
    );
    eprintln!("{message}");
    false
}

/// The Python that reads the exports back (with `icalendar`): the one
/// named by `CASELOAD_CONSUMER_PYTHON`, else `target/consumer-venv` as
/// `.ci/consumers.sh` makes it; None after saying what to install (a
/// failure under `CASELOAD_REQUIRE_TOOLS=1`).
pub fn consumer_python() -> Option<PathBuf> {
    let p = std::env::var("CASELOAD_CONSUMER_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/consumer-venv/bin/python")
        });
    let required = std::env::var("CASELOAD_REQUIRE_TOOLS").as_deref() == Ok("1");
    tool_decision(
        p.exists(),
        required,
        &p.to_string_lossy(),
        "a Python venv with icalendar: . .ci/consumers.sh",
    )
    .then_some(p)
}

/// A temporary encrypted store with fictional clients.
pub struct Fixture {
    /// The folder holding the database (deleted when dropped).
    pub dir: tempfile::TempDir,
    /// The database file.
    pub db: PathBuf,
    /// The open store.
    pub store: Store,
}

impl Default for Fixture {
    fn default() -> Self {
        Fixture::new()
    }
}

impl Fixture {
    /// An empty store in a fresh temporary folder.
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let store = Store::open(&db, &SecretString::from(PASS)).unwrap();
        Fixture { dir, db, store }
    }

    /// Adds a client named `given` `family` (added at [`now`]); returns its id.
    pub fn client(&mut self, given: &str, family: &str) -> i64 {
        self.client_at(given, family, now())
    }

    /// Adds a client named `given` `family`, added `when`; returns its id.
    pub fn client_at(&mut self, given: &str, family: &str, when: NaiveDateTime) -> i64 {
        let c = NewClient {
            given_name: given.into(),
            family_name: family.into(),
            ..NewClient::default()
        };
        self.store.add_client(&c, when).unwrap()
    }

    /// Adds a client as given; returns its id.
    pub fn client_with(&mut self, c: NewClient) -> i64 {
        self.store.add_client(&c, now()).unwrap()
    }

    /// Adds a draft note of `kind` about `client_id`, happening `at` (written
    /// at [`now`]); returns its id.
    pub fn note(&mut self, client_id: i64, kind: NoteKind, at: NaiveDateTime, body: &str) -> i64 {
        self.note_with(new_note(client_id, kind, at, body))
    }

    /// Adds a draft note as given; returns its id.
    pub fn note_with(&mut self, n: NewNote) -> i64 {
        self.store.add_note(&n, now()).unwrap()
    }

    /// The app on this store (see [`tui::app_on`]), and the folder holding
    /// its file, to keep while the app runs.
    pub fn app(self) -> (tempfile::TempDir, App) {
        (self.dir, tui::app_on(self.store))
    }

    /// Closes the store, keeping the files: for running the binary on them.
    pub fn into_files(self) -> (tempfile::TempDir, PathBuf) {
        (self.dir, self.db)
    }
}

/// A note of `kind` about `client_id`, happening `at`, saying `body`: no
/// place, nobody else present, not significant.
pub fn new_note(client_id: i64, kind: NoteKind, at: NaiveDateTime, body: &str) -> NewNote {
    NewNote {
        client_id,
        kind: Some(kind),
        outcome: caseload::demo::written_outcome(kind),
        occurred_at: at,
        location: None,
        present: None,
        body: body.into(),
        significant: false,
    }
}

/// Dates in `text` written in the style not chosen: day-first `dd/mm` when
/// `iso`, `yyyy-mm-dd` when not. What a screen or a command shows under one
/// `date_style` should have none.
pub fn dates_in_other_style(text: &str, iso: bool) -> Vec<String> {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| {
        from + n <= b.len() && b[from..from + n].iter().all(u8::is_ascii_digit)
    };
    let mut found = Vec::new();
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let hit = if iso {
            digits(i, 2) && b.get(i + 2) == Some(&b'/') && digits(i + 3, 2)
        } else {
            digits(i, 4)
                && b.get(i + 4) == Some(&b'-')
                && digits(i + 5, 2)
                && b.get(i + 7) == Some(&b'-')
                && digits(i + 8, 2)
        };
        if hit {
            let end = (i + 10).min(b.len());
            found.push(String::from_utf8_lossy(&b[i..end]).into_owned());
        }
    }
    found
}
