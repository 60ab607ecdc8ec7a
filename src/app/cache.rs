//! Today and the Caseload rows, kept until something changes: switching
//! screens (`c`, Esc, `t`) shows them again without loading them again.
//!
//! Each answer is kept with the store's [`DataStamp`] (which moves on every
//! write by this connection and every commit by another, such as the CLI
//! beside the TUI), and with what else it depends on: Today with the minute
//! it was worked out for (an hours deadline turns overdue with the clock),
//! the rows with the day and whether closed cases are listed. An answer is
//! given again only when all of these are the same; when the stamp cannot
//! be read the data is loaded afresh and nothing is kept.

use crate::store::prelude::*;
use std::cell::RefCell;

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::store::{ClosurePreview, DataStamp, SearchFilter, SearchHit, Store};
use crate::ui::data::{CalendarData, ClientData, ClientRows, NoteData, Source, TodayData};

/// A [`Source`] that can say whether anything was committed since it last
/// looked.
pub trait Stamped: Source {
    /// The stamp now; `None` when it cannot be read (then nothing is reused).
    fn stamp(&self) -> Option<DataStamp>;
}

impl Stamped for Store {
    fn stamp(&self) -> Option<DataStamp> {
        match self.data_stamp() {
            Ok(s) => Some(s),
            Err(e) => {
                tracing::warn!(error = %e, "could not read the data stamp; loading afresh");
                None
            }
        }
    }
}

/// One kept answer and what it was worked out from.
type Slot<K, V> = RefCell<Option<(K, V)>>;

/// What the App keeps between keys. Dropped whole when the store is closed
/// or replaced (stamps of different connections never compare).
#[derive(Default)]
pub struct Cache {
    today: Slot<(DataStamp, NaiveDateTime), TodayData>,
    /// Open cases only, then all cases.
    /// (Shared with the table showing them: kept without a copy.)
    clients: [Slot<(DataStamp, NaiveDate), ClientRows>; 2],
}

impl Cache {
    /// Forgets everything kept.
    pub fn clear(&mut self) {
        *self = Cache::default();
    }
}

/// The store seen through the cache, on `day` (the App's clock).
pub struct Cached<'a, S: Stamped + ?Sized> {
    src: &'a S,
    cache: &'a Cache,
    day: NaiveDate,
}

impl<'a, S: Stamped + ?Sized> Cached<'a, S> {
    /// `src` through `cache`, on `day`.
    pub fn new(src: &'a S, cache: &'a Cache, day: NaiveDate) -> Cached<'a, S> {
        Cached { src, cache, day }
    }

    /// The kept answer in `slot` when its key is `key` at the stamp now;
    /// otherwise `load`, kept under the stamp read after it when only this
    /// connection wrote meanwhile (a load may store what the visit facts
    /// cache lacked), else under the stamp before it (a commit elsewhere
    /// during the load: the next look loads again).
    fn through<K: PartialEq + Copy, V: Clone>(
        &self,
        slot: &Slot<(DataStamp, K), V>,
        key: K,
        load: impl FnOnce() -> Result<V, String>,
    ) -> Result<V, String> {
        let Some(before) = self.src.stamp() else {
            *slot.borrow_mut() = None;
            return load();
        };
        if let Some(((stamp, k), v)) = &*slot.borrow()
            && *stamp == before
            && *k == key
        {
            return Ok(v.clone());
        }
        let value = load()?;
        let kept = match self.src.stamp() {
            Some(after) if after.same_outside(&before) => after,
            _ => before,
        };
        *slot.borrow_mut() = Some(((kept, key), value.clone()));
        Ok(value)
    }
}

/// `now` to the minute: Today is kept for the rest of the minute it was
/// worked out in.
fn minute(now: NaiveDateTime) -> NaiveDateTime {
    now.with_second(0)
        .and_then(|n| n.with_nanosecond(0))
        .unwrap_or(now)
}

impl<S: Stamped + ?Sized> Source for Cached<'_, S> {
    fn today(&self, now: NaiveDateTime) -> Result<TodayData, String> {
        self.through(&self.cache.today, minute(now), || self.src.today(now))
    }

    fn clients(&self, closed: bool) -> Result<ClientRows, String> {
        let slot = &self.cache.clients[usize::from(closed)];
        self.through(slot, self.day, || self.src.clients(closed))
    }

    fn client(&self, id: i64, day: NaiveDate) -> Result<ClientData, String> {
        self.src.client(id, day)
    }

    fn note(&self, id: i64) -> Result<NoteData, String> {
        self.src.note(id)
    }

    fn search(&self, words: &str, filter: &SearchFilter) -> Result<Vec<SearchHit>, String> {
        self.src.search(words, filter)
    }

    fn calendar(&self, from: NaiveDate, to: NaiveDate) -> Result<CalendarData, String> {
        self.src.calendar(from, to)
    }

    fn activity(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<crate::practice::activity::Activity, String> {
        self.src.activity(from, to, today)
    }

    fn closure(&self, id: i64, on: NaiveDate) -> Result<ClosurePreview, String> {
        self.src.closure(id, on)
    }
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
