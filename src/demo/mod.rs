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
