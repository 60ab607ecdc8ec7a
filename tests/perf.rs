//! Work that must not grow with the caseload: opening one client reads
//! that client's rows, not everyone's. Counted in SQLite pages, not timed.

use caseload::app::load;
use caseload::demo::{SynthOptions, generate};
use caseload::store::Store;
use chrono::NaiveDate;

fn fixture(clients: usize) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let now = NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let opts = SynthOptions {
        notes_per_client: 20,
        deadlines_per_client: 4,
        ..SynthOptions::new(clients, 7)
    };
    generate(&mut store, opts, now).unwrap();
    store
}

/// The first synthetic client is the same in every fixture made with the
/// same seed (it is generated first).
fn first_client(store: &Store) -> i64 {
    store
        .clients(true)
        .unwrap()
        .iter()
        .map(|c| c.id)
        .min()
        .unwrap()
}

fn pages_to_open_first_client(store: &Store) -> (i64, i64) {
    let id = first_client(store);
    let (view, load) = store
        .pages_touched(|s| load::client(s, id, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()))
        .unwrap();
    assert!(view.unwrap().chain_break.is_none());
    // The seal check alone, on a fresh store session, is the part that used
    // to read every client's notes.
    let (broken, seals) = store.pages_touched(|s| s.verify_chain(id)).unwrap();
    assert!(broken.unwrap().is_none());
    (load, seals)
}

#[test]
fn opening_a_client_reads_the_same_pages_when_the_caseload_doubles() {
    let small = fixture(200);
    let big = fixture(400);
    let (load_small, seals_small) = pages_to_open_first_client(&small);
    let (load_big, seals_big) = pages_to_open_first_client(&big);
    eprintln!("load {load_small} -> {load_big}; seals {seals_small} -> {seals_big}");
    // An index one level deeper may cost a page per lookup; reading other
    // clients' rows would cost hundreds.
    let slack = 16;
    assert!(
        load_big <= load_small + slack,
        "opening a client touched {load_small} pages at 200 clients, {load_big} at 400"
    );
    assert!(
        seals_big <= seals_small + 4,
        "checking seals touched {seals_small} pages at 200 clients, {seals_big} at 400"
    );
}
