//! The terminal left clean (issue 25, item 9): the real binary in tmux at
//! 80×24. After `q` following a resize to 120×40, after SIGTERM or SIGHUP
//! with a note open, and after a panic, nothing of a client stays on the
//! screen or in the scrollback (`capture-pane -S -`), the alternate screen
//! has been left and the cursor is shown; a signal saves the open draft
//! first. vim, resized and quit in the same way, is the yardstick (skipped
//! when vim is not installed; the caseload part always runs): here it
//! keeps lines of its file in the scrollback, caseload keeps none.

mod common;

use caseload::store::prelude::*;
use std::process::Command;
use std::time::Duration;

use caseload::domain::{NewClient, NoteKind};
use common::tmux::{self, Tmux};
use common::{Fixture, Sandbox, now};

/// A surname no screen shows unless it is the client's.
const NAME: &str = "Zqxmarker";

fn fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let mut f = Fixture::new();
    let id = f.client_with(NewClient {
        given_name: "Annabel".into(),
        family_name: NAME.into(),
        visit_every_days: Some(14),
        ..NewClient::default()
    });
    let note = f.note(
        id,
        NoteKind::Phone,
        now() - chrono::Duration::hours(1),
        "Rang.",
    );
    f.store.finalise_note(note, None, now()).unwrap();
    f.into_files()
}

fn tmux_on(socket: &str, args: &[&str]) -> String {
    let out = Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `alternate_on cursor_flag` of the pane: "0 1" once the terminal is back.
fn modes(t: &Tmux) -> String {
    tmux_on(
        t.socket(),
        &[
            "display-message",
            "-p",
            "-t",
            "t",
            "#{alternate_on} #{cursor_flag}",
        ],
    )
    .trim()
    .to_string()
}

fn resize(socket: &str) {
    tmux_on(
        socket,
        &["resize-window", "-t", "t", "-x", "120", "-y", "40"],
    );
    std::thread::sleep(Duration::from_millis(800));
}

/// Unlocks and opens the caseload list, which shows the client's name.
fn show_client(t: &Tmux) {
    t.unlock();
    t.keys(&["c"]);
    t.wait_for(NAME);
}

fn assert_clean(t: &Tmux, what: &str) {
    let history = t.history();
    assert!(
        !history.contains(NAME) && !history.contains("Annabel"),
        "{what}: the client's name stayed in the terminal:\n{history}"
    );
    assert_eq!(
        modes(t),
        "0 1",
        "{what}: alternate screen left, cursor shown"
    );
}

#[test]
fn after_a_resize_and_q_the_scrollback_holds_no_client_as_with_vim() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let (_dir, db) = fixture();
    let sb = Sandbox::new();
    let t = tmux::launch(&sb, "resize").db(&db).start();
    show_client(&t);
    resize(t.socket());
    t.wait_for(NAME);
    t.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));
    t.keys(&["q"]);
    t.exited();
    assert_clean(&t, "q after a resize");
    drop(t);

    if !common::require_tool("vim", "apt-get install vim") {
        return;
    }
    let file = sb.path("names.txt");
    std::fs::write(&file, format!("Annabel {NAME}\n").repeat(30)).unwrap();
    let socket = format!("caseload-vim-{}", std::process::id());
    // vim as installed, with its own defaults (no user vimrc: HOME is the
    // sandbox's), no viminfo or swap file.
    let program = format!(
        "env HOME={} vim -i NONE -n {}; echo {}; sleep 600",
        sb.path("").display(),
        file.display(),
        tmux::EXITED
    );
    tmux_on(
        &socket,
        &[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "80",
            "-y",
            "24",
            &program,
        ],
    );
    std::thread::sleep(Duration::from_millis(800));
    resize(&socket);
    tmux_on(&socket, &["send-keys", "-t", "t", ":q!", "Enter"]);
    std::thread::sleep(Duration::from_millis(800));
    let history = tmux_on(
        &socket,
        &["capture-pane", "-p", "-t", "t", "-S", "-", "-E", "-"],
    );
    tmux_on(&socket, &["kill-server"]);
    assert!(
        history.contains(tmux::EXITED),
        "vim did not exit:\n{history}"
    );
    // The yardstick, reported rather than required: with tmux 3.3a and vim
    // 9 here, vim keeps nine lines of the file in the scrollback after the
    // same resize, which also shows that this capture sees such lines.
    let kept = history.lines().filter(|l| l.contains(NAME)).count();
    println!("vim, resized and quit the same way, left {kept} lines naming the client");
}

/// The process under the pane's shell gets `signal`.
fn signal_caseload(t: &Tmux, signal: &str) {
    let shell = tmux_on(
        t.socket(),
        &["display-message", "-p", "-t", "t", "#{pane_pid}"],
    );
    let status = Command::new("pkill")
        .args([signal, "-P", shell.trim()])
        .status()
        .unwrap();
    assert!(status.success(), "no caseload under the pane's shell");
}

#[test]
fn sigterm_or_sighup_with_a_note_open_saves_it_then_restores_the_terminal() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    for signal in ["-TERM", "-HUP"] {
        let (_dir, db) = fixture();
        let sb = Sandbox::new();
        let t = tmux::launch(&sb, "signal").db(&db).start();
        show_client(&t);
        t.keys(&["Enter"]);
        t.wait_for("Legal episodes");
        t.keys(&["n"]);
        t.wait_for("What happened");
        t.type_text("Zqxdraft: Annabel spoke about school.");
        t.wait_for("Zqxdraft");
        signal_caseload(&t, signal);
        t.exited();
        assert_clean(&t, signal);
        let history = t.history();
        assert!(
            !history.contains("Zqxdraft"),
            "{signal}: the note stayed:\n{history}"
        );
        drop(t);
        let notes = common::cli::json(&db, &["note", "list", "1", "--json"]);
        assert!(
            notes.to_string().contains("Zqxdraft"),
            "{signal}: the draft was not saved: {notes}"
        );
    }
}

#[test]
fn a_panic_restores_the_terminal_and_prints_nothing_of_the_panic() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let (_dir, db) = fixture();
    let sb = Sandbox::new();
    let t = tmux::launch(&sb, "panic")
        .env("CASELOAD_TEST_PANIC", format!("about Annabel {NAME}"))
        .db(&db)
        .start();
    show_client(&t);
    t.keys(&["F12"]);
    let after = t.exited();
    assert!(
        after.contains("caseload stopped because of an internal error"),
        "{after}"
    );
    assert_clean(&t, "panic");
}

/// The caseload process under the pane's shell.
fn caseload_pid(t: &Tmux) -> String {
    let shell = tmux_on(
        t.socket(),
        &["display-message", "-p", "-t", "t", "#{pane_pid}"],
    );
    let out = Command::new("pgrep")
        .args(["-P", shell.trim()])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "no caseload under the pane's shell");
    pid
}

/// A closed terminal (the window closed, tmux killed): the program ends,
/// saving the open draft, rather than running on unseen. crossterm's
/// default key reader spun at 100% CPU for ever once the terminal hung up,
/// so every closed window left a caseload process burning a core.
#[test]
fn a_closed_terminal_ends_the_program_and_keeps_the_draft() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let (_dir, db) = fixture();
    let sb = Sandbox::new();
    let t = tmux::launch(&sb, "hangup").db(&db).start();
    show_client(&t);
    t.keys(&["Enter"]);
    t.wait_for("Legal episodes");
    t.keys(&["n"]);
    t.wait_for("What happened");
    t.type_text("Zqxhangup: Annabel was at home.");
    t.wait_for("Zqxhangup");
    let pid = caseload_pid(&t);
    tmux_on(t.socket(), &["kill-server"]);
    // Generous: this checks that it ends, not how fast.
    let gone = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
    });
    if !gone {
        let _ = Command::new("kill").args(["-9", &pid]).status();
    }
    assert!(gone, "caseload ran on after its terminal closed");
    let notes = common::cli::json(&db, &["note", "list", "1", "--json"]);
    assert!(
        notes.to_string().contains("Zqxhangup"),
        "the draft was not saved: {notes}"
    );
}
