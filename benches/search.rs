//! Full-text search on the synthetic caseload of `caseload demo --clients
//! 2000`: 2,000 clients and 200,000 notes in an encrypted file, searched as
//! the program would (scale with CASELOAD_BENCH_CLIENTS=200 for a quick run;
//! CASELOAD_BENCH_DB=PATH keeps the built caseload for the next run).
//!
//! `cargo bench --bench search` (add `--profile dev` to reuse a debug build).

use caseload::store::prelude::*;
use chrono::{NaiveDate, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use secrecy::SecretString;
use std::hint::black_box;

use caseload::demo::{self, SynthOptions};
use caseload::domain::{NewNote, NoteKind};
use caseload::store::{SearchFilter, Store};

const CLIENTS: usize = 2_000;
/// A word in ten notes of 200,000.
const RARE: &str = "zanzibar";
/// A word in many synthetic notes.
const COMMON: &str = "visit";

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default()
}

/// The synthetic caseload of `caseload demo --clients N` (100 notes each),
/// plus ten notes holding the rare word.
fn build(store: &mut Store, clients: usize) {
    let s =
        demo::generate(store, SynthOptions::new(clients, 1), now()).expect("synthetic caseload");
    eprintln!("{} clients, {} notes", s.clients, s.notes);
    for i in 0..10_i64 {
        let when = now() - chrono::Duration::days(30 * i + 3);
        let note = NewNote {
            client_id: 1 + (i * 97) % i64::try_from(clients).unwrap_or(1),
            kind: Some(NoteKind::Phone),
            outcome: caseload::demo::written_outcome(NoteKind::Phone),
            occurred_at: when,
            location: None,
            present: None,
            body: format!("Talked about the trip to {RARE} and the landlord."),
            significant: false,
        };
        store.add_note(&note, when).expect("note");
    }
}

fn bench(c: &mut Criterion) {
    let clients = std::env::var("CASELOAD_BENCH_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CLIENTS);
    let key = SecretString::from("correct horse battery");
    // CASELOAD_BENCH_DB keeps the built caseload for the next run.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = std::env::var_os("CASELOAD_BENCH_DB")
        .map_or_else(|| dir.path().join("bench.db"), std::path::PathBuf::from);
    if !path.exists() {
        let started = std::time::Instant::now();
        let mut store = Store::open(&path, &key).expect("new encrypted caseload");
        build(&mut store, clients);
        eprintln!("built in {:?}", started.elapsed());
    }
    let store = Store::open(&path, &key).expect("open the encrypted copy");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!("database file: {} MB", size / 1_000_000);

    let all = SearchFilter::default();
    let one = SearchFilter {
        client_id: Some(17),
        ..all
    };
    for (q, f) in [(RARE, all), (COMMON, all), ("visi*", all), (COMMON, one)] {
        let hits = store.search(q, &f).expect("search").len();
        eprintln!(
            "{q} ({}): {hits} hits shown",
            if f.client_id.is_some() {
                "one client"
            } else {
                "all"
            }
        );
    }
    let mut g = c.benchmark_group("search");
    g.sample_size(20);
    g.bench_function("rare word", |b| {
        b.iter(|| store.search(black_box(RARE), &all).expect("search"));
    });
    g.bench_function("common word", |b| {
        b.iter(|| store.search(black_box(COMMON), &all).expect("search"));
    });
    g.bench_function("common prefix", |b| {
        b.iter(|| store.search(black_box("visi*"), &all).expect("search"));
    });
    g.bench_function("common word, one client", |b| {
        b.iter(|| store.search(black_box(COMMON), &one).expect("search"));
    });
    g.bench_function("phrase", |b| {
        b.iter(|| {
            store
                .search(black_box("\"housing benefits\""), &all)
                .expect("search")
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
