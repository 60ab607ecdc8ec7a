//! `cargo bench --bench caseload`: on a 2,000-client encrypted caseload
//! (200,000 notes, 20,000 deadlines), in-process: what is due (and its
//! JSON), the Caseload list, opening one client (first time in a session and
//! again), and unlock-to-Today with the passphrase (PBKDF2) and with the
//! key an agent holds. The database is built once in a temporary folder.
//! `CASELOAD_BENCH_CLIENTS` changes the size. End to end (process start
//! included) see `scripts/bench-due.sh` and `scripts/bench-cli.sh`.

use caseload::agent::kdf;
use caseload::app::load;
use caseload::demo::{self, SynthOptions};
use caseload::store::Store;
use caseload::store::prelude::*;
use chrono::NaiveDate;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use secrecy::SecretString;
use std::hint::black_box;
use std::time::Instant;

fn bench_due(c: &mut Criterion) {
    let clients: usize = std::env::var("CASELOAD_BENCH_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let now = NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // CASELOAD_BENCH_DB=PATH builds the caseload there once and reuses it
    // (passphrase "benchmark passphrase", as `scripts/bench-cli.sh` makes).
    let path = std::env::var_os("CASELOAD_BENCH_DB")
        .map_or_else(|| dir.path().join("bench.db"), std::path::PathBuf::from);
    let key = SecretString::from("benchmark passphrase".to_string());
    if !path.exists() {
        let started = Instant::now();
        let mut store = Store::open(&path, &key).unwrap();
        let s = demo::generate(&mut store, SynthOptions::new(clients, 1), now).unwrap();
        eprintln!(
            "built {} clients, {} notes, {} deadlines in {:.1} s",
            s.clients,
            s.notes,
            s.deadlines,
            started.elapsed().as_secs_f64()
        );
    }
    let store = Store::open(&path, &key).unwrap();
    let today = now.date();
    eprintln!("due items: {}", store.due(today, 14).unwrap().len());

    let mut group = c.benchmark_group(format!("{clients}_clients"));
    // Each iteration takes tens of milliseconds: flat sampling keeps the run short.
    group.sampling_mode(SamplingMode::Flat).sample_size(20);
    group.bench_function("due_14_days_json", |b| {
        b.iter(|| {
            let items = store.due(black_box(today), 14).unwrap();
            // As `caseload due --json` writes it.
            caseload::cli::due_json::pretty(&items)
        });
    });
    group.bench_function("due_14_days", |b| {
        b.iter(|| store.due(black_box(today), 14).unwrap().len());
    });
    group.bench_function("today_load", |b| {
        b.iter(|| load::today(&store, today.and_time(chrono::NaiveTime::MIN)).unwrap());
    });
    group.bench_function("client_summaries", |b| {
        b.iter(|| store.client_summaries(false).unwrap().len());
    });
    let some_client = store.clients(false).unwrap()[clients / 2].id;
    group.bench_function("open_client_again", |b| {
        b.iter(|| load::client(&store, black_box(some_client), today).unwrap());
    });
    let raw = kdf::raw_key(&key, &kdf::file_salt(&path).unwrap());
    group.bench_function("open_client_first_time", |b| {
        b.iter_batched(
            || Store::open(&path, &raw).unwrap(),
            |fresh| load::client(&fresh, black_box(some_client), today).unwrap(),
            criterion::BatchSize::PerIteration,
        );
    });
    group.bench_function("unlock_to_today_passphrase", |b| {
        b.iter(|| {
            let s = Store::open(&path, black_box(&key)).unwrap();
            load::today(&s, today.and_time(chrono::NaiveTime::MIN)).unwrap()
        });
    });
    group.bench_function("unlock_to_today_agent_key", |b| {
        b.iter(|| {
            let s = Store::open(&path, black_box(&raw)).unwrap();
            load::today(&s, today.and_time(chrono::NaiveTime::MIN)).unwrap()
        });
    });
    group.bench_function("derive_key_once", |b| {
        b.iter(|| kdf::raw_key(black_box(&key), &[0u8; kdf::SALT_LEN]));
    });
    group.finish();
}

criterion_group!(benches, bench_due);
criterion_main!(benches);
