//! The store: the only code that touches SQL. One connection, opened with the
//! key, safety pragmas checked, migrations run; typed methods that take and
//! return domain values, each user action one transaction.

mod activity;
mod agenda;
mod audit;
mod bulk;
mod bulk_search;
mod chain;
mod chronology;
mod clients;
mod closures;
mod cpd;
mod damage;
mod deadlines;
mod due;
mod dump;
mod dump_check;
mod episode_marks;
mod episodes;
mod error;
mod facts_cache;
mod form_drafts;
mod generated_rows;
mod households;
mod ids;
mod inspect;
mod journeys;
mod keying;
mod maintenance;
mod migrate;
mod network;
mod note_kind;
mod notes;
mod open;
mod orders;
mod placements;
mod plans;
mod record_edits;
mod rows;
mod rules_apply;
mod search;
mod stamp;
mod stats;
mod summaries;
mod supervision;
mod today;
mod undo;
mod undo_label;
mod upgrade_hook;
mod visit_facts;
mod visit_read;
mod visits;

/// Every record's trait, so a caller reaches all of `Store` with one line:
/// `use crate::store::prelude::*;` (outside the crate, `caseload::store::prelude`).
pub mod prelude {
    // Opening and the key
    pub use super::inspect::Inspection;
    pub use super::keying::Keying;
    pub use super::maintenance::Upkeep;
    pub use super::stats::PageStats;

    // Clients
    pub use super::clients::ClientRecords;
    pub use super::households::HouseholdRecords;
    pub use super::network::NetworkRecords;
    pub use super::record_edits::RecordEdits;
    pub use super::summaries::ClientSummaries;

    // Notes
    pub use super::form_drafts::FormDrafts;
    pub use super::notes::NoteRecords;
    pub use super::today::DraftRows;

    // Visits
    pub use super::visit_facts::SeenFacts;
    pub use super::visit_read::VisitReads;
    pub use super::visits::VisitRecords;

    // Episodes and deadlines
    pub use super::agenda::AgendaReads;
    pub use super::deadlines::DeadlineRecords;
    pub use super::due::DueReads;
    pub use super::episode_marks::EpisodeMarks;
    pub use super::episodes::EpisodeRecords;
    pub use super::journeys::EpisodeJourneys;
    pub use super::orders::OrderChanges;
    pub use super::placements::PlacementRecords;
    pub use super::rules_apply::RulesInUse;

    // Plans
    pub use super::plans::PlanRecords;

    // Supervision and CPD
    pub use super::activity::ActivityCounts;
    pub use super::cpd::CpdRecords;
    pub use super::supervision::SupervisionRecords;

    // Search and chronology
    pub use super::chronology::ChronologyReads;
    pub use super::search::SearchRecords;

    // Audit, undo and chain
    pub use super::audit::AuditLog;
    pub use super::chain::Chains;
    pub use super::stamp::DataStamps;
    pub use super::undo::Undoing;

    // Export and import
    pub use super::bulk::BulkWrites;
    pub use super::closures::Closures;
    pub use super::dump::Dumps;
    pub use super::dump_check::DumpChecks;
}

pub use crate::domain::AgendaItem;
pub use crate::domain::chain::ChainBreak;
pub use crate::domain::chronology::{ChronologyEntry, ChronologySource};
pub use crate::domain::closure::{ClosurePreview, RetentionDue};
pub use crate::domain::found::{HitSource, SearchFilter, SearchHit, Segment};
pub use agenda::AgendaKinds;
pub use audit::AuditEntry;
pub use bulk::Bulk;
pub use dump::{Dump, TableDump};
pub use dump_check::{MAX_LISTED, listing};
pub use episode_marks::NewMark;
pub use error::{Result, StoreError};
pub use form_drafts::FormDraft;
pub use inspect::SafetySettings;
pub use journeys::EpisodeOptions;
pub use migrate::LATEST_VERSION;
pub use rules_apply::Completed;
pub use stamp::DataStamp;
pub use today::DraftRow;
pub use undo::{UndoStep, Undone};
pub use visit_read::VisitFilter;

use rusqlite::Connection;
use std::path::PathBuf;

/// A caseload database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The active rule packs (embedded, plus any overrides the caller set).
    rules: crate::rules::RuleSet,
    /// Working days allowed before a note is a late entry (from the config).
    late_rule: crate::rules::late::LateEntryRule,
    /// Chain seals already verified in this session (see `verify_chain`).
    verified: chain::VerifiedSeals,
    /// Whether the visit facts cache was checked against the rules in use.
    facts_rules_checked: std::cell::Cell<bool>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}
