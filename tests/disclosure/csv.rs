//! Spreadsheets carry what the record holds: the NHS number in the
//! caseload sheet, each addendum's text (time, reason) in the contacts
//! sheet, formula injection still neutralised. Read back by the `csv` crate.

use crate::common::{Fixture, at, new_note, now};
use caseload::domain::{NewClient, NoteKind};
use caseload::export::Period;
use caseload::export::csv::Listing;
use caseload::export::files::{self, Job};
use caseload::store::prelude::*;

fn sheet(f: &Fixture, what: Listing) -> Vec<std::collections::HashMap<String, String>> {
    let made = files::make(&f.store, &Job::Csv(what, Period::default()), now()).unwrap();
    let mut r = csv::Reader::from_reader(made[0].content.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            head.iter()
                .cloned()
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn the_nhs_number_and_every_addendum_reach_the_spreadsheets() {
    let mut f = Fixture::new();
    // 943 476 5919: a valid check digit (NHS Data Dictionary, modulus 11).
    let id = f.client_with(NewClient {
        given_name: "Ada".into(),
        family_name: "Quill".into(),
        nhs_number: Some("943 476 5919".into()),
        ..NewClient::default()
    });
    let note = f
        .store
        .add_final_note(
            &new_note(id, NoteKind::Phone, at(8, 0), "Spoke to Ada."),
            None,
            now(),
        )
        .unwrap();
    f.store
        .add_addendum(note, "wrong day", "=It was Tuesday, not Monday.", now())
        .unwrap();
    let clients = sheet(&f, Listing::Caseload);
    assert_eq!(clients[0]["nhs_number"], "9434765919");
    let contacts = sheet(&f, Listing::Contacts);
    let text = &contacts[0]["addenda_text"];
    assert!(text.contains("reason: wrong day"), "{text}");
    assert!(text.contains("It was Tuesday, not Monday."), "{text}");
    assert!(text.contains("2026-11-22 09:00"), "{text}");
    // The cell starts with "Addendum", never with the "=" typed.
    assert!(text.starts_with("Addendum"), "{text}");
}
