//! Fictional caseloads: the shipped demo (`data/demo.toml`), a throwaway
//! encrypted database for `caseload --demo`, and large synthetic caseloads
//! for benchmarks. Every person here is made up.

pub mod data;
pub mod rng;
mod seed;
mod sweep;
pub mod synth;
mod throwaway;
mod visits;
mod words;

pub use seed::{SeedSummary, seed};
pub use synth::{SynthOptions, SynthSummary, generate};
pub use throwaway::{DemoDb, open_throwaway};

use crate::store::StoreError;

/// The outcome the demo's written notes record: the person seen on a
/// contact in person, "not applicable" on a call or meeting, none on a
/// note that is no contact. Demo and test data only: a practitioner's note
/// always has its outcome chosen.
#[must_use]
pub fn written_outcome(kind: crate::domain::NoteKind) -> Option<crate::domain::NoteOutcome> {
    use crate::domain::NoteOutcome;
    if !crate::domain::note_outcome::outcome_required(kind) {
        return None;
    }
    Some(if kind.is_in_person() {
        NoteOutcome::Seen
    } else {
        NoteOutcome::NotApplicable
    })
}

/// Why a demo caseload could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The store refused something.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The shipped demo file is malformed (a bug in this build).
    #[error("the built-in demo data is malformed: {0}")]
    Data(String),
    /// The temporary folder could not be made or used.
    #[error("could not make a private temporary folder for the demo: {0}")]
    Io(#[from] std::io::Error),
}
