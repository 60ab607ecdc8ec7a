//! Security in the terminal UI: the real app inside its lock session, driven
//! on a fake clock and drawn on a `TestBackend` (idle lock, privacy mode),
//! and the real binary in tmux (the terminal after exit holds no client
//! name). Fictional people only.

mod common;

use caseload::store::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use secrecy::SecretString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use caseload::app::App;
use caseload::app::session::Session;
use caseload::domain::{NewClient, NewNetworkMember, NoteKind};
use caseload::keymap::Keymap;
use caseload::store::Store;
use caseload::ui::theme::Theme;
use common::{Fixture, PASS, now};

/// Every piece of client text the fixture holds; none may show when it must not.
const SECRETS: &[&str] = &[
    "Zqxmarker",
    "Annabel",
    "MOS-4242",
    "Zqxnotebody",
    "Qwxfriend",
];

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let mut f = Fixture::new();
    let id = f.client_with(NewClient {
        given_name: "Annabel".into(),
        family_name: "Zqxmarker".into(),
        record_no: Some("MOS-4242".into()),
        visit_every_days: Some(14),
        ..NewClient::default()
    });
    let note = f.note(
        id,
        NoteKind::HomeVisit,
        now() - chrono::Duration::hours(1),
        "Zqxnotebody: talked about the move.",
    );
    f.store.finalise_note(note, None, now()).unwrap();
    f.store
        .add_network_member(
            &NewNetworkMember {
                client_id: id,
                name: "Bertram Qwxfriend".into(),
                role: "Friend".into(),
                consent_to_share: true,
                ..NewNetworkMember::default()
            },
            now(),
        )
        .unwrap();
    f.into_files()
}

fn session(db: &Path, privacy: bool, t0: Instant) -> Session<App> {
    Session::new(
        db,
        Some(Duration::from_secs(300)),
        privacy,
        Box::new(|store| {
            App::new(
                store,
                Box::new(now),
                Keymap::defaults().unwrap(),
                Theme::new(false),
            )
        }),
        t0,
    )
}

fn send(s: &mut Session<App>, code: KeyCode, mods: KeyModifiers, at: Instant) {
    s.handle_event(&Event::Key(KeyEvent::new(code, mods)), at, 1000);
}

fn keys(s: &mut Session<App>, text: &str, at: Instant) {
    for c in text.chars() {
        send(s, KeyCode::Char(c), KeyModifiers::NONE, at);
    }
}

fn unlock(s: &mut Session<App>, at: Instant) {
    keys(s, PASS, at);
    send(s, KeyCode::Enter, KeyModifiers::NONE, at);
    assert!(!s.is_locked(), "did not unlock:\n{}", screen(s));
}

fn screen(s: &Session<App>) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| s.draw(f)).unwrap();
    common::tui::text(t.backend().buffer())
}

fn assert_hides_everything(shown: &str) {
    for secret in SECRETS {
        assert!(!shown.contains(secret), "{secret} is on screen:\n{shown}");
    }
}

#[test]
fn idle_lock_on_a_fake_clock_saves_the_draft_and_leaves_no_client_text() {
    let (_dir, db) = fixture();
    let t0 = Instant::now();
    let mut s = session(&db, false, t0);
    assert_hides_everything(&screen(&s));
    unlock(&mut s, t0);
    // Caseload, the client, a new note with a few words typed.
    keys(&mut s, "c", t0);
    assert!(screen(&s).contains("Zqxmarker"));
    send(&mut s, KeyCode::Enter, KeyModifiers::NONE, t0);
    keys(&mut s, "n", t0);
    assert!(screen(&s).contains("What happened"), "{}", screen(&s));
    keys(&mut s, "Zqxdraft words", t0 + Duration::from_secs(5));
    s.tick(t0 + Duration::from_secs(100));
    assert!(!s.is_locked());

    // Five minutes after the last key, the lock.
    s.tick(t0 + Duration::from_secs(306));
    assert!(s.is_locked());
    let locked = screen(&s);
    assert_hides_everything(&locked);
    assert!(!locked.contains("Zqxdraft"), "{locked}");
    assert!(locked.contains("locked"), "{locked}");

    // The draft was saved before the store closed.
    let other = Store::open(&db, &SecretString::from(PASS)).unwrap();
    let drafts = other.drafts().unwrap();
    assert!(
        drafts.iter().any(|d| d.body.contains("Zqxdraft words")),
        "draft not saved: {drafts:?}"
    );
    drop(other);

    // Unlocking returns to the editor with the words still there.
    unlock(&mut s, t0 + Duration::from_secs(400));
    let back = screen(&s);
    assert!(back.contains("Zqxdraft words"), "{back}");
    assert!(back.contains("What happened"), "{back}");
}

#[test]
fn the_lock_key_works_while_typing_a_note() {
    let (_dir, db) = fixture();
    let t0 = Instant::now();
    let mut s = session(&db, false, t0);
    unlock(&mut s, t0);
    keys(&mut s, "c", t0);
    send(&mut s, KeyCode::Enter, KeyModifiers::NONE, t0);
    keys(&mut s, "nhello", t0);
    send(&mut s, KeyCode::Char('l'), KeyModifiers::CONTROL, t0);
    assert!(s.is_locked());
    assert_hides_everything(&screen(&s));
}

#[test]
fn privacy_mode_shows_no_full_name_record_number_or_note_text() {
    let (_dir, db) = fixture();
    let t0 = Instant::now();
    let mut s = session(&db, false, t0);
    unlock(&mut s, t0);
    send(&mut s, KeyCode::Char('o'), KeyModifiers::CONTROL, t0);
    assert!(s.privacy());
    let today = screen(&s);
    assert_hides_everything(&today);
    keys(&mut s, "c", t0);
    let caseload = screen(&s);
    assert_hides_everything(&caseload);
    assert!(
        caseload.contains("A.") && caseload.contains("Z."),
        "{caseload}"
    );
    insta::assert_snapshot!("privacy_caseload_80x24", caseload);
    send(&mut s, KeyCode::Enter, KeyModifiers::NONE, t0);
    keys(&mut s, "2", t0);
    let notes = screen(&s);
    assert_hides_everything(&notes);
    assert!(notes.contains("‹note, 1 line›"), "{notes}");
    insta::assert_snapshot!("privacy_client_notes_80x24", notes);
    keys(&mut s, "5", t0);
    let network = screen(&s);
    assert_hides_everything(&network);
    assert!(
        network.contains("B.") && network.contains("Friend"),
        "{network}"
    );

    // Off again: everything is back.
    send(&mut s, KeyCode::Char('o'), KeyModifiers::CONTROL, t0);
    let plain = screen(&s);
    assert!(
        plain.contains("Qwxfriend") && plain.contains("Zqxmarker"),
        "{plain}"
    );
}

#[test]
fn privacy_mode_can_start_from_the_config() {
    let (_dir, db) = fixture();
    let t0 = Instant::now();
    let mut s = session(&db, true, t0);
    unlock(&mut s, t0);
    keys(&mut s, "c", t0);
    assert_hides_everything(&screen(&s));
}

/// The real binary in tmux: start, unlock on the lock screen, look at a
/// client, quit; what the terminal shows afterwards, scrollback included,
/// has no client name.
#[test]
fn after_exit_the_terminal_holds_no_client_name() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let (dir, db) = fixture();
    let sandbox = common::Sandbox::new();
    let t = common::tmux::launch(&sandbox, "sec")
        .env("CASELOAD_CONFIG", dir.path().join("config.toml"))
        .db(&db)
        .start();
    let pane = t.wait_for("Passphrase:");
    assert!(pane.contains("locked"), "{pane}");
    t.unlock();
    t.keys(&["c"]);
    let pane = t.wait_for("Zqxmarker");
    assert!(
        pane.contains("Zqxmarker"),
        "the client never showed:\n{pane}"
    );
    t.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));
    t.keys(&["q"]);
    let after = t.exited();
    let history = t.history();
    drop(t);
    assert!(after.contains("EXITED"), "caseload did not exit:\n{after}");
    assert_hides_everything(&after);
    assert_hides_everything(&history);
}

/// After `caseload unlock` the terminal UI opens on Today with the agent's
/// key, asking nothing, as every other command does; locking the screen
/// ends the agent, so the command line asks again too.
#[cfg(unix)]
#[test]
fn after_unlock_the_tui_opens_without_asking_and_its_lock_ends_the_agent() {
    use std::os::unix::fs::PermissionsExt;
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let (dir, db) = fixture();
    let sandbox = common::Sandbox::new();
    let runtime = sandbox.path("run");
    std::fs::create_dir(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    let cli = |args: &[&str], passphrase: bool| {
        let mut c = assert_cmd::Command::cargo_bin("caseload").unwrap();
        c.env_remove("CASELOAD_DB")
            .env("CASELOAD_NOW", common::NOW)
            .env("XDG_RUNTIME_DIR", &runtime)
            .arg("--db")
            .arg(&db)
            .args(args);
        if passphrase {
            c.env("CASELOAD_PASSPHRASE", PASS);
        } else {
            c.env_remove("CASELOAD_PASSPHRASE");
        }
        let out = c.output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (ok, said) = cli(&["unlock", "--idle-minutes", "10"], true);
    assert!(ok, "unlock failed: {said}");

    let t = common::tmux::launch(&sandbox, "agent")
        .env("CASELOAD_CONFIG", dir.path().join("config.toml"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .db(&db)
        .start();
    let pane = t.wait_for("caseload unlock");
    assert!(
        pane.contains("Today") && !pane.contains("Passphrase:"),
        "the TUI asked although unlocked:\n{pane}"
    );
    assert_eq!(
        cli(&["status"], false).1.trim_end().split(' ').next(),
        Some("Unlocked")
    );

    t.keys(&["C-l"]);
    let pane = t.wait_for("Passphrase:");
    assert!(!pane.contains("Zqxmarker"), "{pane}");
    let (_, status) = cli(&["status"], false);
    assert_eq!(
        status.trim(),
        "Locked.",
        "the screen lock left the agent running"
    );
    let (ok, _) = cli(&["client", "list"], false);
    assert!(
        !ok,
        "a command ran without the passphrase after the screen lock"
    );
}
