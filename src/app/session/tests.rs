//! The session with a stand-in app: lock, idle lock on a fake clock,
//! unlock back to the same place, privacy mode held by the app.

use super::*;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::widgets::Paragraph;
use secrecy::SecretString;

use crate::domain::NewClient;

const PASS: &str = "blue kettle river";

/// Draws the first client's name, record number and the draft being typed.
struct FakeApp {
    store: Store,
    draft: String,
    saved_draft: Option<String>,
    privacy: bool,
    messages: Vec<String>,
    /// How many times a store was handed back after unlocking.
    reopened: u32,
}

impl Lockable for FakeApp {
    fn draw(&self, frame: &mut Frame<'_>) {
        let c = &self.store.clients(false).unwrap()[0];
        let body = if self.privacy {
            "(hidden)"
        } else {
            self.draft.as_str()
        };
        let text = format!(
            "Client: {} ref {}\nDraft: {body}",
            crate::privacy::client_name(c, self.privacy),
            crate::privacy::shown(
                crate::privacy::Kind::RecordNo,
                c.record_no.as_deref().unwrap_or_default(),
                self.privacy
            )
        );
        frame.render_widget(Paragraph::new(text), frame.area());
    }
    fn handle_event(&mut self, ev: &Event) {
        if let Event::Key(k) = ev
            && let KeyCode::Char(c) = k.code
        {
            self.draft.push(c);
        }
    }
    fn tick(&mut self, _now: Instant) {}
    fn save_all(&mut self) {
        self.saved_draft = Some(self.draft.clone());
    }
    fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }
    fn should_quit(&self) -> bool {
        false
    }
    fn is_lock_key(&self, key: &KeyEvent) -> bool {
        key.code == KeyCode::Char('l') && key.modifiers.contains(KeyModifiers::CONTROL)
    }
    fn is_privacy_key(&self, key: &KeyEvent) -> bool {
        key.code == KeyCode::F(9)
    }
    fn set_privacy(&mut self, on: bool) {
        self.privacy = on;
    }
    fn privacy(&self) -> bool {
        self.privacy
    }
    fn take_lock_request(&mut self) -> bool {
        false
    }
    fn notify(&mut self, text: &str) {
        self.messages.push(text.to_string());
    }
    fn store_opened(&mut self) {
        self.reopened += 1;
    }
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let mut store = Store::open(&db, &SecretString::from(PASS)).unwrap();
    let at = NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    store
        .add_client(
            &NewClient {
                given_name: "Ann".into(),
                family_name: "Zqxmarker".into(),
                record_no: Some("MOS 998877".into()),
                ..NewClient::default()
            },
            at,
        )
        .unwrap();
    (dir, db)
}

fn fake_app(store: Store) -> FakeApp {
    FakeApp {
        store,
        draft: String::new(),
        saved_draft: None,
        privacy: false,
        messages: Vec::new(),
        reopened: 0,
    }
}

fn session(db: &Path, t0: Instant) -> Session<FakeApp> {
    Session::new(
        db,
        Some(Duration::from_secs(300)),
        false,
        Box::new(fake_app),
        t0,
    )
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_in(s: &mut Session<FakeApp>, text: &str, at: Instant) {
    for c in text.chars() {
        s.handle_event(&key(KeyCode::Char(c)), at, 1000);
    }
}

fn screen(s: &Session<FakeApp>) -> String {
    let mut t = Terminal::new(TestBackend::new(60, 12)).unwrap();
    t.draw(|f| s.draw(f)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn unlock(s: &mut Session<FakeApp>, at: Instant) {
    type_in(s, PASS, at);
    s.handle_event(&key(KeyCode::Enter), at, 1000);
    assert!(!s.is_locked(), "did not unlock: {}", screen(s));
}

#[test]
fn starts_locked_and_shows_nothing_until_unlocked() {
    let (_d, db) = setup();
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    assert!(s.is_locked());
    let locked = screen(&s);
    assert!(
        locked.contains("locked") && !locked.contains("Zqxmarker"),
        "{locked}"
    );
    unlock(&mut s, t0);
    assert!(screen(&s).contains("Ann Zqxmarker"));
}

#[test]
fn idle_lock_on_a_fake_clock_saves_the_draft_closes_and_hides_everything() {
    let (_d, db) = setup();
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    unlock(&mut s, t0);
    type_in(&mut s, "met Zqxmarker", t0 + Duration::from_secs(10));
    s.tick(t0 + Duration::from_secs(200));
    assert!(!s.is_locked(), "locked before the idle time");
    s.tick(t0 + Duration::from_secs(310));
    assert!(s.is_locked());
    let app = s.app_mut().unwrap();
    assert_eq!(app.saved_draft.as_deref(), Some("met Zqxmarker"));
    assert!(app.store.is_closed(), "the connection is still open");
    let locked = screen(&s);
    for secret in ["Zqxmarker", "Ann", "998877", "met"] {
        assert!(
            !locked.contains(secret),
            "{secret} on the lock screen:\n{locked}"
        );
    }
    // Unlocking returns to the same app with the draft intact.
    unlock(&mut s, t0 + Duration::from_secs(400));
    let back = screen(&s);
    assert!(back.contains("Draft: met Zqxmarker"), "{back}");
    assert!(!s.app_mut().unwrap().store.is_closed());
}

#[test]
fn a_pasted_passphrase_unlocks_and_its_newline_is_not_enter() {
    let (_d, db) = setup();
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    s.handle_event(&Event::Paste(format!("{PASS}\n")), t0, 1000);
    assert!(s.is_locked(), "a pasted newline must not submit");
    s.handle_event(&key(KeyCode::Enter), t0, 1000);
    assert!(!s.is_locked(), "{}", screen(&s));
}

#[test]
fn the_lock_key_locks_at_once_and_zero_idle_never_locks() {
    let (_d, db) = setup();
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    s.idle = IdleTimer::new(None, t0);
    unlock(&mut s, t0);
    s.tick(t0 + Duration::from_secs(86_400));
    assert!(!s.is_locked());
    let ctrl_l = Event::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    s.handle_event(&ctrl_l, t0, 1000);
    assert!(s.is_locked());
    assert!(!screen(&s).contains("Zqxmarker"));
}

#[test]
fn a_wrong_passphrase_on_relock_keeps_the_screen_locked() {
    let (_d, db) = setup();
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    unlock(&mut s, t0);
    s.lock_now();
    type_in(&mut s, "not the passphrase", t0);
    s.handle_event(&key(KeyCode::Enter), t0, 1000);
    assert!(s.is_locked());
    let shown = screen(&s);
    assert!(shown.contains("Wrong passphrase"), "{shown}");
    assert!(!shown.contains("Zqxmarker"), "{shown}");
}

#[test]
fn privacy_mode_is_the_apps_one_flag_toggled_by_the_key() {
    let (_d, db) = setup();
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    unlock(&mut s, t0);
    s.handle_event(&key(KeyCode::F(9)), t0, 1000);
    assert!(s.privacy());
    let shown = screen(&s);
    assert!(
        !shown.contains("Zqxmarker") && !shown.contains("Ann "),
        "{shown}"
    );
    assert!(!shown.contains("998877"), "{shown}");
    assert!(shown.contains("A.Z."), "{shown}");
    assert!(s.app_mut().unwrap().privacy, "the app was not told");
    s.handle_event(&key(KeyCode::F(9)), t0, 1000);
    assert!(screen(&s).contains("Ann Zqxmarker"));
    // The app turning it on itself (the palette) is the session's answer too.
    s.app_mut().unwrap().privacy = true;
    assert!(s.privacy());
}

#[test]
fn privacy_mode_can_start_from_the_config() {
    let (_d, db) = setup();
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    s.start_private = true;
    unlock(&mut s, t0);
    assert!(!screen(&s).contains("Zqxmarker"));
    assert!(s.app_mut().unwrap().privacy);
    // The first unlock makes the app over its store; only a later unlock
    // hands a reopened store back.
    assert_eq!(s.app_mut().unwrap().reopened, 0);
    s.lock_now();
    unlock(&mut s, t0);
    assert_eq!(s.app_mut().unwrap().reopened, 1);
}

/// Ctrl-L also ends a `caseload unlock` agent for the same database: a
/// stand-in agent on the database's socket is asked to lock.
#[cfg(unix)]
#[test]
fn locking_the_screen_asks_the_unlock_agent_to_lock() {
    use std::io::{BufRead, BufReader, Write};
    let (_d, db) = setup();
    let socket = crate::agent::socket::socket_path(&db);
    let listener = crate::agent::server::bind_private(&socket).unwrap();
    let agent = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line).unwrap();
        stream.write_all(b"locked\n").unwrap();
        line
    });
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    unlock(&mut s, t0);
    let ctrl_l = Event::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    s.handle_event(&ctrl_l, t0, 1000);
    assert!(s.is_locked());
    assert_eq!(agent.join().unwrap(), "lock\n");
    let _ = std::fs::remove_file(socket);
}

#[test]
fn a_key_pressed_and_released_counts_once() {
    // Windows consoles report every key twice, pressed and released.
    fn both(s: &mut Session<FakeApp>, code: KeyCode, at: Instant) {
        for kind in [KeyEventKind::Press, KeyEventKind::Release] {
            let k = KeyEvent::new_with_kind(code, KeyModifiers::NONE, kind);
            s.handle_event(&Event::Key(k), at, 1000);
        }
    }
    let (_d, db) = setup();
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    for c in PASS.chars() {
        both(&mut s, KeyCode::Char(c), t0);
    }
    both(&mut s, KeyCode::Enter, t0);
    assert!(!s.is_locked(), "passphrase read twice: {}", screen(&s));
    both(&mut s, KeyCode::F(9), t0);
    assert!(s.privacy(), "privacy toggled twice");
}

#[test]
fn a_store_opened_with_the_agents_key_opens_the_app_and_idle_still_locks() {
    let (_d, db) = setup();
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    let store = Store::open(&db, &SecretString::from(PASS)).unwrap();
    s.open_unlocked(store, t0);
    assert!(!s.is_locked());
    assert!(screen(&s).contains("Ann Zqxmarker"));
    let said = &s.app.as_ref().unwrap().messages;
    assert_eq!(said, &[OPENED_BY_AGENT.to_string()]);
    // Opened this way, it still locks when left idle.
    s.tick(t0 + Duration::from_secs(301));
    assert!(s.is_locked());
    assert!(!screen(&s).contains("Zqxmarker"));
}

#[test]
fn an_open_session_or_the_demo_is_not_reopened_with_the_agents_key() {
    let (_d, db) = setup();
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    unlock(&mut s, t0);
    let again = Store::open(&db, &SecretString::from(PASS)).unwrap();
    s.open_unlocked(again, t0);
    assert!(s.app.as_ref().unwrap().messages.is_empty());
    assert_eq!(s.app.as_ref().unwrap().reopened, 0);

    let demo_store = Store::open(&db, &SecretString::from(PASS)).unwrap();
    let mut demo = Session::without_lock(fake_app(demo_store), false, t0);
    let other = Store::open(&db, &SecretString::from(PASS)).unwrap();
    demo.open_unlocked(other, t0);
    assert!(demo.app.as_ref().unwrap().messages.is_empty());
    assert_eq!(demo.app.as_ref().unwrap().reopened, 0);
}

#[test]
fn first_start_asks_twice_then_creates_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    assert!(screen(&s).contains("New passphrase"));
    type_in(&mut s, PASS, t0);
    s.handle_event(&key(KeyCode::Enter), t0, 1000);
    assert!(s.is_locked());
    assert!(!Store::exists(&db), "nothing is made before the repeat");
    unlock(&mut s, t0);
    assert!(Store::exists(&db));
}

#[test]
fn ten_wrong_attempts_delay_the_eleventh_even_if_right() {
    let (_d, db) = setup();
    let mut a = crate::attempts::Attempts::beside(&db);
    for i in 0..10 {
        a.record_failure(990 + i).unwrap();
    }
    let t0 = Instant::now();
    let mut s = session(&db, t0);
    type_in(&mut s, PASS, t0);
    s.handle_event(&key(KeyCode::Enter), t0, 1000);
    assert!(s.is_locked());
    assert!(screen(&s).contains("wait"), "{}", screen(&s));
}
