//! The store writes a screen can ask for, as plain domain values. The app
//! carries them out (`app/write.rs`), one transaction per user action, and
//! tells the screen how it went.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::retention::Closing;
use crate::domain::{
    Completion, NewAction, NewCarePlan, NewClient, NewDeadline, NewEpisode, NewNetworkMember,
    NewNote, NewSupervision, NewVisit, VisitOutcome,
};

/// One store write.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Write the editor's draft (a new note when `note_id` is `None`).
    SaveDraft {
        /// The draft, once first saved.
        note_id: Option<i64>,
        /// What the editor holds.
        note: NewNote,
    },
    /// Check (no change) whether finalising this draft now is a late entry.
    CheckLate(i64),
    /// Finalise a draft; `reason` is the late-entry reason when one is needed.
    Finalise {
        /// The draft.
        note_id: i64,
        /// Why it is late, if it is.
        reason: Option<String>,
    },
    /// Add a client.
    AddClient(NewClient),
    /// Change a client's details.
    UpdateClient(i64, NewClient),
    /// Add a network member.
    AddNetwork(NewNetworkMember),
    /// Write a new care plan version for a client.
    AddPlan(i64, NewCarePlan),
    /// Add a deadline.
    AddDeadline(NewDeadline),
    /// Add a legal episode (its deadlines follow from the rules), with its
    /// start time for kinds counted in hours and whether it follows an open
    /// power (the law of that transition is then applied).
    AddEpisode(NewEpisode, Option<NaiveDateTime>, FollowChoice),
    /// Add an action.
    AddAction(NewAction),
    /// Add an addendum to a final note.
    AddAddendum {
        /// The note.
        note_id: i64,
        /// Why.
        reason: String,
        /// What it adds.
        text: String,
    },
    /// Mark a deadline done (a rule chain may continue with the next one).
    CompleteDeadline {
        /// The deadline.
        id: i64,
        /// When it was done.
        on: NaiveDate,
        /// How: a statutory visit's outcome, or what came of it.
        how: Completion,
    },
    /// Mark an action done today.
    CompleteAction(i64),
    /// Put a visit in the diary.
    PlanVisit(NewVisit),
    /// Record what came of a visit, per person, and start its note for
    /// `note_for` (the new draft's id comes back).
    RecordVisit {
        /// The visit.
        id: i64,
        /// Each person's outcome.
        outcomes: Vec<(i64, VisitOutcome)>,
        /// Whose note opens.
        note_for: i64,
    },
    /// Move a planned visit.
    MoveVisit {
        /// The visit.
        id: i64,
        /// The new time.
        at: NaiveDateTime,
    },
    /// Cancel a planned visit.
    CancelVisit {
        /// The visit.
        id: i64,
        /// Why.
        reason: String,
    },
    /// Mark a care plan action done.
    CompletePlanAction {
        /// The plan action.
        id: i64,
        /// When it was done.
        on: NaiveDate,
    },
    /// Close a case: the closure summary is kept and the retention review
    /// date set from the configured schedule.
    CloseCase {
        /// The client.
        client_id: i64,
        /// The date, reason and summary.
        closing: Closing,
    },
    /// End a legal episode; its open deadlines due after the end are
    /// cancelled (kept).
    EndEpisode {
        /// The episode.
        id: i64,
        /// The end date.
        on: NaiveDate,
        /// The end time, for a clock counted in hours: it stops then.
        at: Option<NaiveDateTime>,
    },
    /// Revoke a community treatment order (s17F(4)) at a date and time:
    /// the CTO ends and its section 3 revives (s17G).
    RevokeCto {
        /// The CTO episode.
        id: i64,
        /// When the revocation order was made.
        at: NaiveDateTime,
    },
    /// Correct a legal episode's start; its open deadlines are recalculated.
    MoveEpisode {
        /// The episode.
        id: i64,
        /// The new start date.
        start: NaiveDate,
        /// The start time, for kinds counted in hours.
        at: Option<NaiveDateTime>,
    },
    /// Change a network member's details.
    UpdateNetwork(i64, NewNetworkMember),
    /// Archive a network member (kept, shown as archived).
    ArchiveNetwork(i64),
    /// Record a case supervision (its note, parts and actions); sealed at
    /// once when `finalise`, with the late-entry reason when one is needed.
    AddSupervision {
        /// What was agreed.
        new: NewSupervision,
        /// Seal it now.
        finalise: bool,
        /// Why it is late, if it is.
        late_reason: Option<String>,
    },
    /// Discard a draft note (undo puts it back).
    DiscardDraft(i64),
    /// Undo the last change.
    Undo,
}

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// What to tell the practitioner, if anything.
    pub message: Option<String>,
    /// The id of a record it made (a new client, a new draft).
    pub id: Option<i64>,
    /// For [`Write::CheckLate`]: working days late, when late.
    pub late_days: Option<u32>,
    /// When it was written (the app's clock).
    pub at: NaiveDateTime,
}

/// Why a write failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    /// The domain's name for the field at fault (`ValidationError::field`).
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Whether a new legal episode follows one of the client's open powers, as
/// the practitioner chose on the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowChoice {
    /// Not chosen: saving asks first if an open power could be followed.
    Unchosen,
    /// It stands alone.
    Alone,
    /// It follows this open episode.
    Follows(i64),
}
