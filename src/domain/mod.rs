//! Plain types and pure rules: clients, notes, plans, episodes, deadlines,
//! visits.
//! Nothing here does I/O; the store persists these values.

#[macro_use]
mod enums;
pub mod agenda;
pub mod cell;
pub mod chain;
pub mod chronology;
pub mod client;
pub mod closure;
pub mod cpd;
pub mod deadline;
pub mod episode;
pub mod found;
pub mod network;
pub mod nhs;
pub mod note;
pub mod note_outcome;
pub mod placement;
pub mod plan;
pub mod rank;
pub mod retention;
pub mod search_query;
pub mod supervision;
pub mod text;
pub mod validate;
pub mod visit;
pub mod when;

pub use agenda::{AgendaItem, AgendaKind};
pub use client::{CaseStatus, Client, ClientSummary, NewClient, RiskLevel, Service};
pub use deadline::{Action, Completion, Deadline, DueItem, DueKind, NewAction, NewDeadline};
pub use episode::{EpisodeKind, LegalEpisode, NewEpisode};
pub use network::{NetworkMember, NewNetworkMember};
pub use note::{Addendum, NewNote, Note, NoteKind, NoteStatus};
pub use note_outcome::NoteOutcome;
pub use placement::{NewPlacement, Placement, PlacementType};
pub use plan::{CarePlan, NewCarePlan, PlanAction};
pub use supervision::{NewSupervision, Supervision, SupervisionAction};
pub use validate::ValidationError;
pub use visit::{NewVisit, Visit, VisitMove, VisitOutcome, VisitPerson, VisitStatus};
pub use when::{When, overdue_at};

/// Date format used everywhere a date is stored or printed: ISO 8601.
pub const DATE_FMT: &str = "%Y-%m-%d";
/// Local date-time format used for storage and JSON.
pub const DATETIME_FMT: &str = "%Y-%m-%dT%H:%M:%S";
