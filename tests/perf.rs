//! Work that must not grow with the caseload: opening one client reads
//! that client's rows, not everyone's. Counted in SQLite pages, not timed.

use caseload::app::load;
use caseload::demo::{SynthOptions, generate};
use caseload::store::Store;
use caseload::store::prelude::*;
use chrono::NaiveDate;

fn fixture(clients: usize) -> Store {
    fixture_with(clients, 20)
}

/// `clients` synthetic clients with `notes_per_client` notes each.
fn fixture_with(clients: usize, notes_per_client: usize) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let now = NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let opts = SynthOptions {
        notes_per_client,
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

/// Pages the due list (14 days from the fixture's day) touches.
fn pages_for_due(store: &Store) -> (usize, i64) {
    let now = NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let (items, pages) = store
        .pages_touched(|s| s.due_now(now, 14).unwrap())
        .unwrap();
    (items.len(), pages)
}

#[test]
fn the_due_list_does_not_read_deadlines_and_actions_far_off() {
    use caseload::domain::{NewAction, NewDeadline};
    let mut store = fixture(200);
    let (items, before) = pages_for_due(&store);
    // Years of open deadlines and actions well beyond the fortnight, as a
    // long career's statutory reviews would leave: none is listed, so none
    // should be read.
    let at = NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let client = first_client(&store);
    for i in 0..1500u64 {
        let due = NaiveDate::from_ymd_opt(2027, 1, 1)
            .unwrap()
            .checked_add_days(chrono::Days::new(i))
            .unwrap();
        store
            .add_deadline(
                &NewDeadline {
                    client_id: Some(client),
                    what: format!("Annual review {i} of the placement plan"),
                    due: Some(due),
                    ..NewDeadline::default()
                },
                at,
            )
            .unwrap();
        store
            .add_action(
                &NewAction {
                    client_id: Some(client),
                    what: format!("Chase report {i} from the school nurse"),
                    due: Some(due),
                },
                at,
            )
            .unwrap();
    }
    let (items_after, after) = pages_for_due(&store);
    eprintln!("due: {items} items, {before} pages -> {items_after} items, {after} pages");
    assert_eq!(items, items_after, "nothing far off is due");
    // An index a level deeper may cost a page or two; reading the far-off
    // rows' index entries cost 44 pages more here (and the rows themselves
    // 3.5 pages per listed item on the 2,000-client caseload).
    assert!(
        after <= before + 10,
        "the due list touched {before} pages, then {after} with 3,000 far-off items added"
    );
}

#[test]
fn the_caseload_table_does_not_read_every_note_to_count_drafts() {
    let pages = |notes_per_client| {
        let store = fixture_with(200, notes_per_client);
        let (rows, pages) = store
            .pages_touched(|s| s.client_summaries(true).unwrap())
            .unwrap();
        (
            rows.len(),
            rows.iter().map(|r| r.drafts).sum::<u32>(),
            pages,
        )
    };
    let (rows, drafts, few) = pages(10);
    let (rows_more, drafts_more, many) = pages(60);
    eprintln!(
        "summaries: {few} pages at 10 notes a client, {many} at 60 ({drafts} / {drafts_more} drafts)"
    );
    assert_eq!(rows, rows_more);
    assert!(drafts > 0, "the fixture has drafts to count");
    // Six times the notes must not mean reading them all: the drafts are
    // counted from an index of drafts alone.
    assert!(
        many <= few + few / 5,
        "the Caseload table touched {few} pages with 10 notes a client, {many} with 60"
    );
}

#[test]
fn a_weeks_agenda_does_not_read_visits_far_off() {
    use caseload::domain::NewVisit;
    use caseload::store::AgendaKinds;
    let mut store = fixture_with(40, 5);
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let at = |m: u32, d: u32| day(m, d).and_hms_opt(10, 0, 0).unwrap();
    let now = at(3, 2);
    let ids: Vec<i64> = store.clients(false).unwrap().iter().map(|c| c.id).collect();
    let plan = |store: &mut Store, n: usize, m: u32, d: u32| {
        for i in 0..n {
            let visit = NewVisit {
                clients: vec![ids[i % ids.len()]],
                at: Some(at(m, d)),
                ..NewVisit::default()
            };
            store.plan_visit(&visit, now).unwrap();
        }
    };
    plan(&mut store, 3, 3, 4);
    let week = |store: &Store| {
        let (lines, pages) = store
            .pages_touched(|s| s.agenda_of(day(3, 2), day(3, 8), AgendaKinds::ALL).unwrap())
            .unwrap();
        let (counts, count_pages) = store
            .pages_touched(|s| s.open_work_by_day(day(3, 2), day(3, 8)).unwrap())
            .unwrap();
        let visits = lines
            .iter()
            .filter(|l| l.kind == caseload::domain::AgendaKind::Visit && l.rule.is_none())
            .count();
        (visits, counts.values().sum::<u64>(), pages + count_pages)
    };
    // Each measured after a first read, which works out the visit facts of
    // the clients the new visits are for.
    week(&store);
    let (visits, open, before) = week(&store);
    plan(&mut store, 2000, 9, 15);
    week(&store);
    let (visits_after, open_after, after) = week(&store);
    eprintln!("a week's agenda and chart: {before} pages, {after} with 2,000 visits in September");
    assert_eq!((visits, open), (visits_after, open_after));
    assert_eq!(visits, 3, "the week's planned visits are listed");
    // The visits are found by their day (migration 0013): 2,000 others add
    // at most a level of index, not a page per visit.
    assert!(
        after <= before + 20,
        "a week's agenda touched {before} pages, then {after} with 2,000 visits far off"
    );
}
