//! What the screens show, as plain data, and the one port they load it
//! through. [`Source`] has one function per screen; the app implements it
//! over the store (`app/load.rs`). A screen calls it only from
//! [`Screen::reload`](super::screen::Screen::reload), which the app calls on
//! opening the screen and after a write: never while drawing or handling keys.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::{
    Action as Todo, Addendum, CarePlan, Client, ClientSummary, Deadline, DueItem, LegalEpisode,
    NetworkMember, Note,
};
use crate::store::{AgendaItem, ChainBreak, ChronologyEntry, SearchFilter, SearchHit};

/// Where the screens' data comes from.
pub trait Source {
    /// The Today screen at `now` (a deadline counted in hours is overdue
    /// from the minute it passes).
    fn today(&self, now: NaiveDateTime) -> Result<TodayData, String>;
    /// Every client's summary row (closed cases too when `closed`).
    fn clients(&self, closed: bool) -> Result<Vec<ClientSummary>, String>;
    /// One client's record, as of `day`.
    fn client(&self, id: i64, day: NaiveDate) -> Result<ClientData, String>;
    /// One note with its addenda and client.
    fn note(&self, id: i64) -> Result<NoteData, String>;
    /// Notes, addenda and care plans matching `words` within `filter`.
    fn search(&self, words: &str, filter: &SearchFilter) -> Result<Vec<SearchHit>, String>;
}

/// A draft note still to finalise.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftDue {
    /// The note.
    pub note_id: i64,
    /// Whose.
    pub client_id: i64,
    /// Their name.
    pub name: String,
    /// When the contact happened.
    pub occurred: NaiveDateTime,
    /// Working days left to finalise it under the late-entry rule
    /// (negative: late by that many).
    pub days_left: i64,
}

/// Everything the Today screen shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TodayData {
    /// Deadlines and actions (and visits not yet overdue) overdue or due soon.
    pub due: Vec<DueItem>,
    /// Why each of `due` ranks where it does (the `due --explain` line), in
    /// the same order.
    pub why: Vec<String>,
    /// This week's contacts and reviews.
    pub week: Vec<AgendaItem>,
    /// Overdue visits, with the days since any contact (None: never).
    pub unseen: Vec<(DueItem, Option<i64>)>,
    /// Drafts to finalise.
    pub drafts: Vec<DraftDue>,
    /// Open deadlines, actions and reviews in each of the next 8 weeks.
    pub chart: [u64; 8],
    /// Whether the database holds any client yet.
    pub has_clients: bool,
}

/// When a client was last seen and whether a visit is overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen {
    /// The day of the last contact, if any.
    pub last: Option<NaiveDate>,
    /// Whether a visit is overdue.
    pub overdue: bool,
}

/// Everything a client's tabs show.
#[derive(Debug, Clone)]
pub struct ClientData {
    /// The client.
    pub client: Client,
    /// Notes, newest contact first.
    pub notes: Vec<Note>,
    /// Care plan versions, newest first.
    pub plans: Vec<CarePlan>,
    /// Deadlines, open first.
    pub deadlines: Vec<Deadline>,
    /// The client's actions, open first.
    pub actions: Vec<Todo>,
    /// Network members.
    pub network: Vec<NetworkMember>,
    /// Legal episodes, current first.
    pub episodes: Vec<LegalEpisode>,
    /// The chronology, oldest first.
    pub chronology: Vec<ChronologyEntry>,
    /// The first entry of the tamper-evidence chain that does not verify.
    pub chain_break: Option<ChainBreak>,
    /// Last seen, and whether a visit is overdue (the Summary tab).
    pub seen: Seen,
}

/// A note with its addenda and client.
#[derive(Debug, Clone)]
pub struct NoteData {
    /// The note.
    pub note: Note,
    /// Its addenda, oldest first.
    pub addenda: Vec<Addendum>,
    /// Whose note.
    pub client: Client,
}
