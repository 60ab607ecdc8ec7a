//! `cargo bench --bench ui`: drawing each screen and handling a key on a
//! 2,000-client encrypted synthetic caseload (200,000 notes, 20,000
//! deadlines). Each "key" case handles one key press through the keymap and
//! `App::update` and draws the whole 120×40 frame, which is what a key
//! costs the practitioner. `CASELOAD_BENCH_CLIENTS` changes the size.
//! The privacy cases draw through `App::render`, which adds the frame sweep.
//!
//! Today and the Caseload rows are kept until something is written, so
//! `today_reload_key_t`, `key_c_today_to_caseload` and
//! `key_esc_caseload_to_today` measure switching screens with nothing
//! changed; the `…_after_a_write` cases make a real write first (by a second
//! connection, as the CLI beside the TUI does; outside the timing) and
//! measure the key that then loads the screen afresh.

use caseload::app::App;
use caseload::demo::{self, SynthOptions};
use caseload::keymap::Keymap;
use caseload::store::Store;
use caseload::store::prelude::*;
use caseload::ui::theme::Theme;
use chrono::{NaiveDate, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use secrecy::SecretString;
use std::hint::black_box;
use std::time::Instant;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn draw(app: &App, buf: &mut Buffer) {
    buf.reset();
    caseload::ui::render(app, buf.area, buf);
}

/// A real, tiny write by another connection (the CLI beside the TUI):
/// client 1's pronouns, toggled so the caseload does not grow across runs.
fn write_elsewhere(other: &mut Store, flip: &mut bool) {
    *flip = !*flip;
    let mut c = other.client(1).unwrap().to_new();
    c.pronouns = Some(if *flip { "they/them" } else { "she/her" }.into());
    other.update_client(1, &c, now()).unwrap();
}

fn bench_ui(c: &mut Criterion) {
    let clients: usize = std::env::var("CASELOAD_BENCH_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let dir = tempfile::tempdir().unwrap();
    // CASELOAD_BENCH_DB=PATH builds the caseload there once and reuses it
    // (passphrase "benchmark passphrase", as `scripts/bench-cli.sh` makes).
    let path = std::env::var_os("CASELOAD_BENCH_DB")
        .map_or_else(|| dir.path().join("bench.db"), std::path::PathBuf::from);
    let key = SecretString::from("benchmark passphrase".to_string());
    if !path.exists() {
        let started = Instant::now();
        let mut store = Store::open(&path, &key).unwrap();
        demo::generate(&mut store, SynthOptions::new(clients, 7), now()).unwrap();
        eprintln!(
            "built {clients} clients in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let store = Store::open(&path, &key).unwrap();
    let started = Instant::now();
    let mut app = App::new(
        store,
        Box::new(now),
        Keymap::defaults().unwrap(),
        Theme::new(true),
    );
    eprintln!(
        "Today loaded in {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut buf = Buffer::empty(Rect::new(0, 0, 120, 40));
    // The command line beside the TUI: a second connection to the file.
    let mut elsewhere = Store::open(&path, &key).unwrap();
    let mut flip = false;

    let mut g = c.benchmark_group(format!("ui_{clients}_clients"));
    g.sample_size(10);

    g.bench_function("today_draw", |b| b.iter(|| draw(black_box(&app), &mut buf)));
    g.bench_function("today_key_down", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('j'));
            draw(&app, &mut buf);
        });
    });
    g.bench_function("today_reload_key_t", |b| {
        b.iter(|| {
            keys(&mut app, "t");
            draw(&app, &mut buf);
        });
    });

    // The keys that change screen, each with the frame it draws: `c` from
    // Today (the table alone is loaded), Esc back to Today (Today loads),
    // `f` and typing a search (results as you type), Esc out of it.
    g.bench_function("key_c_today_to_caseload", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                keys(&mut app, "t");
                let t = Instant::now();
                keys(&mut app, "c");
                draw(&app, &mut buf);
                spent += t.elapsed();
                // As the terminal loop does once the frame is drawn.
                app.idle();
            }
            spent
        });
    });
    g.bench_function("key_esc_caseload_to_today", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                keys(&mut app, "c");
                let t = Instant::now();
                press(&mut app, KeyCode::Esc);
                draw(&app, &mut buf);
                spent += t.elapsed();
                // As the terminal loop does once the frame is drawn.
                app.idle();
            }
            spent
        });
    });
    // The same keys just after a commit by another process: the screen
    // they show is loaded afresh.
    g.bench_function("today_reload_after_a_write", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                write_elsewhere(&mut elsewhere, &mut flip);
                let t = Instant::now();
                keys(&mut app, "t");
                draw(&app, &mut buf);
                spent += t.elapsed();
                // As the terminal loop does once the frame is drawn.
                app.idle();
            }
            spent
        });
    });
    g.bench_function("key_c_today_to_caseload_after_a_write", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                keys(&mut app, "t");
                write_elsewhere(&mut elsewhere, &mut flip);
                let t = Instant::now();
                keys(&mut app, "c");
                draw(&app, &mut buf);
                spent += t.elapsed();
                // As the terminal loop does once the frame is drawn.
                app.idle();
            }
            spent
        });
    });
    g.bench_function("key_esc_caseload_to_today_after_a_write", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                keys(&mut app, "c");
                write_elsewhere(&mut elsewhere, &mut flip);
                let t = Instant::now();
                press(&mut app, KeyCode::Esc);
                draw(&app, &mut buf);
                spent += t.elapsed();
                // As the terminal loop does once the frame is drawn.
                app.idle();
            }
            spent
        });
    });
    g.bench_function("search_open_type_word_and_esc", |b| {
        b.iter(|| {
            keys(&mut app, "f");
            for c in "landlord".chars() {
                keys(&mut app, &c.to_string());
                draw(&app, &mut buf);
            }
            press(&mut app, KeyCode::Esc);
            draw(&app, &mut buf);
        });
    });
    keys(&mut app, "f");
    keys(&mut app, "landlor");
    g.bench_function("search_type_one_key", |b| {
        b.iter(|| {
            keys(&mut app, "d");
            draw(&app, &mut buf);
            press(&mut app, KeyCode::Backspace);
            draw(&app, &mut buf);
        });
    });
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "t");

    keys(&mut app, "c");
    g.bench_function("caseload_draw", |b| {
        b.iter(|| draw(black_box(&app), &mut buf))
    });
    g.bench_function("caseload_key_down", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('j'));
            draw(&app, &mut buf);
        });
    });
    g.bench_function("caseload_sort_key", |b| {
        b.iter(|| {
            keys(&mut app, "s");
            draw(&app, &mut buf);
        });
    });
    // Privacy mode: Ctrl-O through the keymap and App::update, then the
    // frame with the sweep; and moving one row with privacy mode on.
    let ctrl_o = Event::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
    eprintln!("privacy sweep knows {} name patterns", app.known_names());
    g.bench_function("caseload_privacy_toggle", |b| {
        b.iter(|| {
            app.handle_event(&ctrl_o);
            buf.reset();
            app.render(buf.area, &mut buf);
        });
    });
    if !app.theme.privacy() {
        app.handle_event(&ctrl_o);
    }
    g.bench_function("caseload_private_key_down", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('j'));
            buf.reset();
            app.render(buf.area, &mut buf);
        });
    });
    app.handle_event(&ctrl_o);
    assert!(!app.theme.privacy());

    keys(&mut app, "/");
    g.bench_function("caseload_filter_type_and_delete", |b| {
        b.iter(|| {
            keys(&mut app, "a");
            draw(&app, &mut buf);
            press(&mut app, KeyCode::Backspace);
            draw(&app, &mut buf);
        });
    });
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "g");

    g.bench_function("open_client_and_back", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Enter);
            if app.overlay.is_some() {
                keys(&mut app, "n");
            }
            draw(&app, &mut buf);
            keys(&mut app, "q");
            draw(&app, &mut buf);
        });
    });

    // Enter on a client alone (its record loaded and drawn); back to the
    // table outside the timing.
    g.bench_function("enter_on_a_client", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                press(&mut app, KeyCode::Enter);
                draw(&app, &mut buf);
                spent += t.elapsed();
                // As the terminal loop does once the frame is drawn.
                app.idle();
                if app.overlay.is_some() {
                    keys(&mut app, "n");
                }
                press(&mut app, KeyCode::Esc);
            }
            spent
        });
    });
    g.bench_function("esc_client_to_caseload", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                press(&mut app, KeyCode::Enter);
                if app.overlay.is_some() {
                    keys(&mut app, "n");
                }
                let t = Instant::now();
                press(&mut app, KeyCode::Esc);
                draw(&app, &mut buf);
                spent += t.elapsed();
                // As the terminal loop does once the frame is drawn.
                app.idle();
            }
            spent
        });
    });

    press(&mut app, KeyCode::Enter);
    if app.overlay.is_some() {
        keys(&mut app, "n");
    }
    for (tab, name) in [
        ('1', "summary"),
        ('2', "notes"),
        ('3', "plan"),
        ('4', "deadlines"),
        ('5', "network"),
    ] {
        keys(&mut app, &tab.to_string());
        g.bench_function(format!("client_{name}_draw"), |b| {
            b.iter(|| draw(black_box(&app), &mut buf))
        });
    }
    keys(&mut app, "2");
    g.bench_function("client_notes_key_down", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('j'));
            draw(&app, &mut buf);
        });
    });

    keys(&mut app, "n");
    if app.overlay.is_some() {
        keys(&mut app, "n");
    }
    g.bench_function("editor_type_a_key", |b| {
        b.iter(|| {
            keys(&mut app, "x");
            draw(&app, &mut buf);
        });
    });
    g.finish();
}

criterion_group!(benches, bench_ui);
criterion_main!(benches);
