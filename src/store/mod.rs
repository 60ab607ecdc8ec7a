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

impl Store {
    /// The file this store was opened from (`None` in memory).
    #[must_use]
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}
