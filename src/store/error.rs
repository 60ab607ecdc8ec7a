//! The store's error type. Messages name ids and fields, never personal text.

use thiserror::Error;

use crate::domain::ValidationError;

/// Everything that can go wrong in the store.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Input refused by validation; nothing was written.
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    /// The passphrase does not open the file (or it is not a caseload file).
    #[error("wrong passphrase, or this file is not a caseload database")]
    WrongPassphrase,
    /// A required safety setting could not be applied.
    #[error("could not set the database's {pragma} (wanted {wanted}, got {got})")]
    Pragma {
        /// The pragma.
        pragma: &'static str,
        /// The value wanted.
        wanted: String,
        /// The value read back.
        got: String,
    },
    /// The database was written by a newer version of this program.
    #[error(
        "this database has schema version {found}, newer than this program knows ({known}); update caseload"
    )]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// No such record.
    #[error("there is no {entity} with id {id}")]
    NotFound {
        /// What was looked for.
        entity: &'static str,
        /// The id asked for.
        id: i64,
    },
    /// No client matches what was typed.
    #[error("no open client matches that; try the id or record number (`caseload client list`)")]
    NoClientMatch,
    /// More than one client matches what was typed.
    #[error("more than one client matches; use the id:\n{}", .0.join("\n"))]
    Ambiguous(Vec<String>),
    /// The action is not allowed on this record in its present state.
    #[error("{0}")]
    Refused(String),
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file could not be read or written.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

/// Shorthand for store results.
pub type Result<T> = std::result::Result<T, StoreError>;
