//! One driver for the tests that run the real binary in a terminal: a
//! detached tmux session of a given size on a server of its own (its own
//! socket, so tests never see each other's sessions or the developer's),
//! running `caseload` with the sandboxed environment of a [`Sandbox`], the
//! fixed clock and `NO_COLOR=1`. Keys are sent one at a time with a pause
//! (after Escape crossterm needs a moment, or it reads Alt+key), text
//! appears within 60 s or the test fails showing the screen, and the server
//! is killed when the driver is dropped, pass or fail.
//!
//! When caseload exits the pane stays, showing [`EXITED`], so a test can
//! look at what the terminal holds afterwards.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::{NOW, PASS, Sandbox};

/// What the pane shows once caseload has exited.
pub const EXITED: &str = "EXITED";
/// How long [`Tmux::wait_for`] waits for its text.
pub const WAIT: Duration = Duration::from_secs(60);
/// The pause after each key sent.
const PAUSE: Duration = Duration::from_millis(150);

/// A caseload running in a detached tmux session (killed on drop).
pub struct Tmux {
    socket: String,
}

/// How to start one: the size, extra environment and arguments.
pub struct Launch<'a> {
    sandbox: &'a Sandbox,
    name: &'a str,
    size: (u16, u16),
    env: Vec<(String, String)>,
    args: Vec<String>,
}

/// Starts describing a session called `name` (a word, for the socket)
/// sandboxed in `sandbox`: 80×24, `CASELOAD_NOW` = [`NOW`], no arguments.
pub fn launch<'a>(sandbox: &'a Sandbox, name: &'a str) -> Launch<'a> {
    Launch {
        sandbox,
        name,
        size: (80, 24),
        env: vec![
            ("CASELOAD_NOW".into(), NOW.into()),
            ("NO_COLOR".into(), "1".into()),
        ],
        args: Vec::new(),
    }
}

/// `text` quoted for `sh`.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

impl Launch<'_> {
    /// The terminal's size in columns and rows.
    pub fn size(mut self, width: u16, height: u16) -> Self {
        self.size = (width, height);
        self
    }

    /// One more environment variable (it wins over the sandbox's and the
    /// defaults: `CASELOAD_NOW`, `CASELOAD_CONFIG`, `TERM` …).
    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        let value = value.as_ref().to_string_lossy().into_owned();
        self.env.push((key.into(), value));
        self
    }

    /// One more argument to caseload.
    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Self {
        self.args.push(arg.as_ref().to_string_lossy().into_owned());
        self
    }

    /// `--db PATH`: caseload on that database.
    pub fn db(self, db: &std::path::Path) -> Self {
        self.arg("--db").arg(db)
    }

    /// Starts it; the session's pane is caseload's terminal.
    pub fn start(self) -> Tmux {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "caseload-{}-{}-{}",
            self.name,
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        );
        let mut words = vec!["env".to_string(), "-u".into(), "CASELOAD_DB".into()];
        words.push("-u".into());
        words.push("CASELOAD_PASSPHRASE".into());
        for (k, v) in self.sandbox.envs() {
            words.push(quoted(&format!("{k}={}", v.display())));
        }
        for (k, v) in &self.env {
            words.push(quoted(&format!("{k}={v}")));
        }
        words.push(quoted(env!("CARGO_BIN_EXE_caseload")));
        words.extend(self.args.iter().map(|a| quoted(a)));
        let program = format!("{}; echo {EXITED}; sleep 600", words.join(" "));
        let tmux = Tmux { socket };
        let (w, h) = (self.size.0.to_string(), self.size.1.to_string());
        let status = tmux
            .command(&["new-session", "-d", "-s", "t", "-x", &w, "-y", &h, &program])
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux did not start a session");
        tmux
    }
}

impl Tmux {
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-L").arg(&self.socket).args(args);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.command(args).output().expect("tmux runs");
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `C-s`, `q` …), one at a
    /// time, pausing after each.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "t", k]);
            std::thread::sleep(PAUSE);
        }
    }

    /// Types `text` literally (no key names).
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "t", "-l", text]);
        std::thread::sleep(PAUSE);
    }

    /// Pastes `text` as a terminal does: bracketed, line feeds sent as CR.
    pub fn paste(&self, text: &str) {
        let mut load = self
            .command(&["load-buffer", "-b", "p", "-"])
            .stdin(Stdio::piped())
            .spawn()
            .expect("tmux runs");
        load.stdin
            .take()
            .expect("a pipe")
            .write_all(text.as_bytes())
            .expect("tmux reads the text");
        assert!(load.wait().expect("tmux runs").success(), "load-buffer");
        self.run(&["paste-buffer", "-p", "-d", "-b", "p", "-t", "t"]);
    }

    /// What the pane shows now.
    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    /// Everything the terminal holds, scrollback included.
    pub fn history(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t", "-S", "-", "-E", "-"])
    }

    /// The screen once it shows `needle`; fails the test, showing the
    /// screen, if it has not within [`WAIT`].
    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let pane = self.screen();
            if pane.contains(needle) {
                return pane;
            }
            assert!(
                start.elapsed() < WAIT,
                "never saw {needle:?} in {WAIT:?}; the screen:\n{pane}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The pane's size in columns and rows.
    pub fn size(&self) -> (u16, u16) {
        let out = self.run(&[
            "display-message",
            "-p",
            "-t",
            "t",
            "#{pane_width} #{pane_height}",
        ]);
        let mut n = out.split_whitespace().map(|n| n.parse().expect("a number"));
        (n.next().expect("a width"), n.next().expect("a height"))
    }

    /// The name of its tmux server's socket (`tmux -L NAME`).
    pub fn socket(&self) -> &str {
        &self.socket
    }

    /// Unlocks the lock screen with the test passphrase; returns Today.
    pub fn unlock(&self) -> String {
        self.wait_for("Passphrase:");
        self.type_text(PASS);
        self.keys(&["Enter"]);
        self.wait_for("Today")
    }

    /// Kills caseload with SIGKILL (no chance to save anything), as a crash
    /// or a flat battery would; returns once the pane says it has gone.
    pub fn kill_caseload(&self) -> String {
        let shell = self.run(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
        let status = Command::new("pkill")
            .args(["-KILL", "-P", shell.trim()])
            .status()
            .expect("pkill runs");
        assert!(status.success(), "no caseload under the pane's shell");
        self.exited()
    }

    /// The screen once caseload has exited (fails if it does not).
    pub fn exited(&self) -> String {
        self.wait_for(EXITED)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command(&["kill-server"]).output();
    }
}
