//! The real binary in a pseudo-terminal (portable-pty, screen read with
//! vt100): a note written, the program left and started again, the note is
//! there; and a note being typed when the program is killed with SIGKILL is
//! offered back as a draft with what was typed more than 2 seconds before.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

use common::Envs as _;
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

use common::{NOW, PASS};

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Tui {
    fn start(db: &Path) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_caseload"));
        cmd.arg("--db");
        cmd.arg(db);
        cmd.env("CASELOAD_PASSPHRASE", PASS);
        cmd.env("CASELOAD_NOW", NOW);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        for (k, v) in common::shared().envs() {
            cmd.env(k, v);
        }
        cmd.env_remove("CASELOAD_DB");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let s = Arc::clone(&screen);
        std::thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
            }
        });
        let mut t = Tui {
            child,
            writer,
            screen,
        };
        // The passphrase is typed on the TUI's lock screen.
        t.wait_for("Passphrase:");
        t.send(PASS);
        t.send("\r");
        t.wait_for("Today");
        t
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&mut self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("never saw {needle:?}; screen:\n{}", self.text());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Give the app a moment, and keep Esc apart from the next key.
        std::thread::sleep(Duration::from_millis(120));
    }

    fn wait_exit(&mut self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("the program did not exit; screen:\n{}", self.text());
    }
}

fn init(db: &Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caseload"))
        .arg("--db")
        .arg(db)
        .arg("init")
        .env("CASELOAD_PASSPHRASE", PASS)
        .sandboxed()
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn a_note_written_and_finalised_is_there_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    init(&db);
    let mut t = Tui::start(&db);
    // A new client through the form.
    t.send("N");
    t.wait_for("New client");
    t.send("Fay\tTester\r");
    t.wait_for("Fay Tester");
    // A note, finalised after the question.
    t.send("n");
    t.wait_for("What happened");
    t.send("Met Fay at home; all well.");
    // No kind until one is picked (issue 25): Ctrl-F names the field and
    // moves there; `h` picks a home visit.
    t.send("\x06");
    t.wait_for("Not finalised: Kind");
    t.send("h");
    t.send("\x06");
    t.wait_for("Not finalised: Outcome");
    t.send("1");
    t.send("\x06");
    t.wait_for("Finalise this note?");
    t.send("y");
    t.wait_for("Note finalised");
    t.send("q");
    t.wait_for("Today");
    t.send("q");
    t.wait_exit();

    let mut t = Tui::start(&db);
    t.send("c");
    t.wait_for("Fay Tester");
    t.send("\r");
    t.send("2");
    t.wait_for("Met Fay at home; all well.");
    t.send("q");
    t.send("q");
    t.send("q");
    t.wait_exit();
}

#[test]
fn typing_killed_with_sigkill_is_offered_back_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    init(&db);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(["--db"])
        .arg(&db)
        .args(["client", "add", "--given", "Gus", "--family", "Example"])
        .env("CASELOAD_PASSPHRASE", PASS)
        .env("CASELOAD_NOW", NOW)
        .sandboxed()
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");

    let mut t = Tui::start(&db);
    t.send("c");
    t.wait_for("Gus Example");
    t.send("\r");
    t.send("n");
    t.wait_for("What happened");
    t.send("Typed well before the crash.");
    // More than 2 s pass, then more typing and an immediate SIGKILL.
    std::thread::sleep(Duration::from_millis(2200));
    t.writer.write_all(b" Lost tail").unwrap();
    t.writer.flush().unwrap();
    let pid = t.child.process_id().unwrap();
    let pid = libc::pid_t::try_from(pid).unwrap();
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
    t.wait_exit();

    let mut t = Tui::start(&db);
    t.wait_for("Drafts to finalise (1)");
    t.send("c");
    t.send("\r");
    t.wait_for("unfinished draft");
    t.send("y");
    t.wait_for("Typed well before the crash.");
    t.send("\x1b");
    t.wait_for("Draft kept");
    t.send("q");
    t.send("q");
    t.send("q");
    t.wait_exit();
}
