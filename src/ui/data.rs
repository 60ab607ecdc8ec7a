//! What the screens show, as plain data, and the one port they load it
//! through. [`Source`] has one function per screen; the app implements it
//! over the store (`app/load.rs`). A screen calls it only from
//! [`Screen::reload`](super::screen::Screen::reload), which the app calls on
//! opening the screen and after a write: never while drawing or handling keys.

use chrono::{NaiveDate, NaiveDateTime};
use std::rc::Rc;

use crate::domain::AgendaItem;
use crate::domain::chain::ChainBreak;
use crate::domain::chronology::ChronologyEntry;
use crate::domain::found::{SearchFilter, SearchHit};
use crate::domain::{
    Action as Todo, Addendum, CarePlan, Client, ClientSummary, Deadline, DueItem, LegalEpisode,
    NetworkMember, Note, Visit,
};

/// The Caseload table's rows as the store gives them: shared (the app
/// keeps them until something changes, the table shows them) rather than
/// copied.
pub type ClientRows = Rc<Vec<ClientSummary>>;

/// Where the screens' data comes from.
pub trait Source {
    /// The Today screen at `now` (a deadline counted in hours is overdue
    /// from the minute it passes).
    fn today(&self, now: NaiveDateTime) -> Result<TodayData, String>;
    /// Every client's summary row (closed cases too when `closed`).
    fn clients(&self, closed: bool) -> Result<ClientRows, String>;
    /// One client's record, as of `day`.
    fn client(&self, id: i64, day: NaiveDate) -> Result<ClientData, String>;
    /// One note with its addenda and client.
    fn note(&self, id: i64) -> Result<NoteData, String>;
    /// Notes, addenda and care plans matching `words` within `filter`.
    fn search(&self, words: &str, filter: &SearchFilter) -> Result<Vec<SearchHit>, String>;
    /// The calendar's days from `from` to `to`: the agenda and bank holidays.
    fn calendar(&self, from: NaiveDate, to: NaiveDate) -> Result<CalendarData, String>;
    /// The practitioner's own work from `from` to `to` as of `today`, in
    /// counts (`Store::activity`, which `report activity` prints too).
    fn activity(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<crate::practice::activity::Activity, String>;
    /// What closing client `id` on `on` would stop tracking, and the
    /// retention review it would set (the store's own preview).
    fn closure(
        &self,
        id: i64,
        on: NaiveDate,
    ) -> Result<crate::domain::closure::ClosurePreview, String>;
}

/// What the calendar shows for a range of days.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CalendarData {
    /// Everything dated in the range (visits planned, recorded and falling
    /// due, deadlines, actions, contacts, reviews), in diary order.
    pub items: Vec<AgendaItem>,
    /// The bank holidays in the range (England and Wales, from the rules
    /// calendar).
    pub bank_holidays: Vec<NaiveDate>,
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
    /// The rules changed or added locally, which the `due --explain` line
    /// of a selected item marks (worked out once, not per item).
    pub local_rules: std::collections::BTreeSet<String>,
    /// This week's contacts and reviews.
    pub week: Vec<AgendaItem>,
    /// Overdue visits, with the days since they were last seen (None: never).
    pub unseen: Vec<(DueItem, Option<i64>)>,
    /// Drafts to finalise.
    pub drafts: Vec<DraftDue>,
    /// Open deadlines, actions, reviews and visits in each of the next 8 weeks.
    pub chart: [u64; 8],
    /// Whether the database holds any client yet.
    pub has_clients: bool,
    /// Visits planned up to the end of this week (earlier ones still
    /// waiting for their outcome included), earliest first.
    pub visits: Vec<Visit>,
    /// Closed cases whose records have reached their retention review
    /// date (flagged for review, never acted on automatically).
    pub retention: Vec<crate::domain::closure::RetentionDue>,
    /// The CPD year's state, from 1 September to 30 November
    /// (`practice::cpd::reminder`); none the rest of the year.
    pub cpd: Option<String>,
}

/// Who was seen when, for the Summary tab (from `crate::practice`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    /// The day they were last seen in person, if ever.
    pub last: Option<NaiveDate>,
    /// The day of the last contact of any kind (calls too).
    pub last_contact: Option<NaiveDate>,
    /// The next visit due under a visiting rule: when, and what.
    pub next_visit: Option<(NaiveDate, String)>,
    /// Whether that visit is overdue.
    pub overdue: bool,
    /// Visits planned for them (time passed or not), earliest first.
    pub planned: Vec<Visit>,
    /// The other clients of their household: id and name.
    pub household: Vec<(i64, String)>,
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
    /// Where each open episode's current period ends, and its renewal
    /// window (from `crate::practice::current_periods`).
    pub periods: Vec<crate::practice::CurrentPeriod>,
    /// A closed case's closure summary and the retention rule applied.
    pub closure: Option<(String, Option<String>)>,
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
