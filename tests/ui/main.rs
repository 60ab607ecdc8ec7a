//! The terminal UI driven with key events and no terminal: state asserted
//! after each step, screens snapshotted on a `TestBackend` at 80×24 and
//! 120×40 with a fixed clock, and every size from 1×1 to 200×60 drawn.
//!
//! The snapshots live in `tests/snapshots` as `ui__NAME_WxH.snap`, as
//! they did when this was one file: every module's snapshots are taken
//! here, in the crate root, so the names keep their `ui__` prefix.

#[path = "../common/mod.rs"]
mod common;

mod app;
mod clients;
mod forms;
mod notes;
mod support;
mod today;

use std::time::Instant;

use caseload::app::App;
use caseload::ui::Overlay;
use ratatui::crossterm::event::KeyCode;

use support::*;

/// Every screen, reached by keys, with a name.
fn screens() -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    let mk = |ks: &[&str]| {
        let mut a = app();
        for k in ks {
            match *k {
                "<enter>" => press(&mut a, KeyCode::Enter),
                "<esc>" => press(&mut a, KeyCode::Esc),
                "<tab>" => press(&mut a, KeyCode::Tab),
                "<no>" => {
                    if let Some(Overlay::Confirm(_)) = a.overlay {
                        keys(&mut a, "n");
                    }
                }
                s => keys(&mut a, s),
            }
        }
        a
    };
    let ada = ["c/lov", "<enter>", "<no>"];
    let with = |extra: &[&'static str]| {
        let mut v: Vec<&str> = ada.to_vec();
        v.extend_from_slice(extra);
        v
    };
    out.push(("today", mk(&[])));
    out.push(("caseload", mk(&["c"])));
    out.push(("caseload_filter", mk(&["c/lo"])));
    out.push(("draft_offer", mk(&["c/lov", "<enter>"])));
    out.push(("client_summary", mk(&with(&[]))));
    out.push(("client_notes", mk(&with(&["2"]))));
    out.push(("client_plan", mk(&with(&["3"]))));
    out.push(("client_deadlines", mk(&with(&["4"]))));
    out.push(("client_network", mk(&with(&["5"]))));
    out.push(("note_editor", mk(&with(&["2", "<enter>"]))));
    out.push(("note_view", mk(&with(&["2j", "<enter>"]))));
    out.push(("client_form", mk(&with(&["e"]))));
    out.push(("plan_form", mk(&with(&["3a"]))));
    out.push((
        "deadline_form",
        mk(&with(&["4a", "Review", "<tab>", "next tue"])),
    ));
    out.push(("help_client", mk(&with(&["?"]))));
    out.push(("palette", mk(&[":ri"])));
    out
}

#[test]
fn snapshots_of_every_screen() {
    for (name, app) in screens() {
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            let t = draw(&app, w, h);
            insta::with_settings!({snapshot_path => "../snapshots"}, {
                insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
            });
        }
    }
}

/// Every screen shows its dates in the chosen style, and none in the other:
/// UK (the default, the snapshots above) and ISO (`date_style = "iso"`,
/// snapshots of the screens with most dates).
#[test]
fn every_screen_shows_dates_in_the_chosen_style_only() {
    use caseload::dates::display::{DateStyle, scoped};
    for style in [DateStyle::Uk, DateStyle::Iso] {
        let _style = scoped(style);
        let iso = style == DateStyle::Iso;
        for (name, app) in screens() {
            for (w, h) in [(80u16, 24u16), (120, 40)] {
                let text = screen_text(&app, w, h);
                let other = common::dates_in_other_style(&text, iso);
                assert!(
                    other.is_empty(),
                    "{name} {w}x{h} under {style:?}: {other:?}\n{text}"
                );
            }
            let snap = [
                "today",
                "caseload",
                "client_summary",
                "client_notes",
                "client_plan",
                "client_deadlines",
                "note_view",
                "note_editor",
            ];
            if iso && snap.contains(&name) {
                let t = draw(&app, 80, 24);
                insta::with_settings!({snapshot_path => "../snapshots"}, {
                    insta::assert_snapshot!(format!("iso_{name}_80x24"), t.backend());
                });
            }
        }
    }
}

#[test]
fn every_size_draws_without_panic() {
    // Two threads, each drawing every screen at every size in its half of
    // the widths, straight into a buffer (no terminal needed).
    let start = Instant::now();
    std::thread::scope(|scope| {
        for part in 0..2u16 {
            scope.spawn(move || {
                let apps = screens();
                for w in (1..=200u16).filter(|w| w % 2 == part) {
                    for h in 1..=60u16 {
                        let area = ratatui::layout::Rect::new(0, 0, w, h);
                        let mut buf = ratatui::buffer::Buffer::empty(area);
                        for (name, app) in &apps {
                            buf.reset();
                            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                caseload::ui::render(app, area, &mut buf);
                            }));
                            assert!(r.is_ok(), "{name} at {w}x{h}");
                        }
                    }
                }
            });
        }
    });
    eprintln!("size sweep: {:?}", start.elapsed());
    let small = screen_text(&app(), 40, 10);
    assert!(small.contains("Terminal too small"));
}
