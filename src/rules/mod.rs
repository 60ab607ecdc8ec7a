//! The statutory rule engine: rule packs (data, not code), the England and
//! Wales working-day calendar, legal period arithmetic, and the engine that
//! turns a legal episode into its chain of deadlines. Pure: nothing here
//! reads files or the database; callers hand in the text and the facts.

pub mod calendar;
pub mod completion;
pub mod engine;
pub mod explain;
pub mod generate;
pub mod hours;
pub mod journey;
pub mod late;
pub mod overrides;
pub mod pack;
pub mod period;
pub mod placement;
pub mod readings;
pub mod rule;
pub mod versions;

pub use calendar::Calendar;
pub use engine::{VisitBasis, VisitDue};
pub use generate::{EpisodeStart, Generated};
pub use hours::countdown;
pub use journey::{Effect, Succession};
pub use pack::{Chain, Commencement, CountsFrom, Rule, RuleSet, Transition};
pub use period::Unit;
pub use placement::{PlacementBasis, PlacementRule, Until};

use thiserror::Error;

/// The environment variable naming a rules override file (used by tests and
/// by practitioners who keep it somewhere else).
pub const RULES_ENV: &str = "CASELOAD_RULES";

/// A rule pack or override that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RulesError {
    /// The file is not valid TOML for a pack.
    #[error("{0} cannot be read as a rule pack: {1}")]
    Parse(String, String),
    /// A rule is inconsistent.
    #[error("rule {0}: {1}")]
    Invalid(String, String),
}

#[cfg(test)]
mod rank_tests;
