//! Legal journeys (issue 36): one power following another, each clock
//! started and ended where the law says. Every date below is worked by hand
//! from the section cited beside it.

mod common;

use caseload::domain::{Deadline, EpisodeKind, NewClient, NewEpisode};
use caseload::store::prelude::*;
use caseload::store::{EpisodeOptions, Store};
use chrono::{NaiveDate, NaiveDateTime};

#[path = "journeys/cli.rs"]
mod cli;
#[path = "journeys/clocks.rs"]
mod clocks;
#[path = "journeys/mha.rs"]
mod mha;
#[path = "journeys/orders.rs"]
mod orders;
#[path = "journeys/rights.rs"]
mod rights;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn t(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

/// A store with one fictional client; returns (store, client id).
pub fn store() -> (Store, i64) {
    let mut s = Store::open_in_memory().unwrap();
    let c = s
        .add_client(
            &NewClient {
                given_name: "Wren".into(),
                family_name: "Fictional".into(),
                ..NewClient::default()
            },
            t(2026, 1, 1, 9, 0),
        )
        .unwrap();
    (s, c)
}

/// Adds an episode of `kind` starting `on` (at `at`), following `follows`.
pub fn add(
    s: &mut Store,
    c: i64,
    kind: EpisodeKind,
    on: NaiveDate,
    at: Option<NaiveDateTime>,
    follows: Option<i64>,
) -> caseload::store::Result<i64> {
    s.add_episode_with(
        &NewEpisode {
            client_id: c,
            kind,
            start_on: on,
            notes: None,
        },
        EpisodeOptions {
            start_at: at,
            follows,
            ends: None,
        },
        at.unwrap_or_else(|| on.and_hms_opt(12, 0, 0).unwrap()),
    )
    .map(|(id, _)| id)
}

/// The open deadlines of `rule` in episode `ep`.
pub fn open(s: &Store, ep: i64, rule: &str) -> Vec<Deadline> {
    s.episode_deadlines(ep)
        .unwrap()
        .into_iter()
        .filter(|x| x.rule.as_deref() == Some(rule) && x.completed_on.is_none() && !x.cancelled)
        .collect()
}

/// The one open deadline of `rule` in episode `ep`.
pub fn one(s: &Store, ep: i64, rule: &str) -> Deadline {
    let v = open(s, ep, rule);
    assert_eq!(v.len(), 1, "{rule} in episode {ep}: {v:?}");
    v.into_iter().next().unwrap()
}
