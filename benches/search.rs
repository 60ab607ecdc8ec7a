//! Full-text search on a synthetic caseload: 2,000 clients and 200,000
//! notes (scale down with CASELOAD_BENCH_NOTES=20000 for a quick run).
//! The caseload is built in memory through the public API, copied to an
//! encrypted file, and searched there, as the program would.
//!
//! `cargo bench --bench search` (add `--profile dev` to reuse a debug build).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use secrecy::SecretString;
use std::hint::black_box;

use caseload::domain::{NewClient, NewNote, NoteKind};
use caseload::store::{SearchFilter, Store};

const CLIENTS: usize = 2_000;
/// Fictional, everyday words; "visit" and "discussed" are common.
const WORDS: &[&str] = &[
    "discussed",
    "visit",
    "housing",
    "benefits",
    "medication",
    "sleep",
    "family",
    "school",
    "appointment",
    "mood",
    "support",
    "worker",
    "garden",
    "shopping",
    "phone",
    "bus",
    "kitchen",
    "letter",
    "college",
    "weekend",
    "cousin",
    "doctor",
    "clinic",
    "rent",
    "neighbour",
    "walk",
    "music",
    "football",
    "cooking",
    "diary",
    "plan",
    "tenancy",
];
/// Appears in one note in 20,000.
const RARE: &str = "zanzibar";

/// A small deterministic generator, so every run builds the same caseload.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        usize::try_from(self.0 >> 33).unwrap_or(0)
    }
}

fn base() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2020, 1, 6)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default()
}

fn build(notes: usize) -> Store {
    let mut store = Store::open_in_memory().expect("in-memory store");
    let now = NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default();
    let mut ids = Vec::with_capacity(CLIENTS);
    for i in 0..CLIENTS {
        let new = NewClient {
            given_name: format!("Test{i}"),
            family_name: format!("Person{}", i % 97),
            opened_on: NaiveDate::from_ymd_opt(2020, 1, 1),
            ..NewClient::default()
        };
        ids.push(store.add_client(&new, now).expect("client"));
    }
    let mut rng = Lcg(42);
    for n in 0..notes {
        let len = 40 + rng.next() % 80;
        let mut body = String::with_capacity(len * 8);
        for _ in 0..len {
            body.push_str(WORDS[rng.next() % WORDS.len()]);
            body.push(' ');
        }
        if n % 20_000 == 7 {
            body.push_str(RARE);
        }
        let when = base() + Duration::minutes(i64::try_from(n).unwrap_or(0) * 15);
        let new = NewNote {
            client_id: ids[n % CLIENTS],
            kind: NoteKind::HomeVisit,
            occurred_at: when,
            location: None,
            present: None,
            body,
            significant: n % 50 == 0,
        };
        store.add_note(&new, when).expect("note");
    }
    store
}

fn bench(c: &mut Criterion) {
    let notes = std::env::var("CASELOAD_BENCH_NOTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let key = SecretString::from("correct horse battery");
    // CASELOAD_BENCH_DB keeps the built caseload for the next run.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = std::env::var_os("CASELOAD_BENCH_DB")
        .map_or_else(|| dir.path().join("bench.db"), std::path::PathBuf::from);
    if !path.exists() {
        let started = std::time::Instant::now();
        let memory = build(notes);
        eprintln!(
            "built {CLIENTS} clients / {notes} notes in {:?}",
            started.elapsed()
        );
        memory
            .export_encrypted(&path, &key)
            .expect("copy to an encrypted file");
    }
    let store = Store::open(&path, &key).expect("open the encrypted copy");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!("database file: {} MB", size / 1_000_000);

    let all = SearchFilter::default();
    let one = SearchFilter {
        client_id: Some(17),
        ..all
    };
    for (q, f) in [
        (RARE, all),
        ("discussed", all),
        ("disc*", all),
        ("discussed", one),
    ] {
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
        b.iter(|| store.search(black_box("discussed"), &all).expect("search"));
    });
    g.bench_function("common prefix", |b| {
        b.iter(|| store.search(black_box("disc*"), &all).expect("search"));
    });
    g.bench_function("common word, one client", |b| {
        b.iter(|| store.search(black_box("discussed"), &one).expect("search"));
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
