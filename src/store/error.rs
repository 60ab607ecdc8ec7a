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
    /// The database file is damaged (not a wrong passphrase).
    #[error("the database file is damaged; restore it from a backup (`caseload backup` makes one){}", backup_hint(.0.as_deref()))]
    Damaged(Option<String>),
    /// SQLite reported an error. Shown in plain words, once: the underlying
    /// error is not chained as a source, so no "disk I/O error: disk I/O
    /// error" repetition reaches the practitioner.
    #[error("{}", plain_sqlite(.0))]
    Sqlite(rusqlite::Error),
    /// A file could not be read or written.
    #[error("a file could not be read or written ({})", plain_io(.0))]
    Io(std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        // The detail (codes, not client text) goes to the log once.
        tracing::warn!(error = %e, "database error");
        StoreError::Sqlite(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        tracing::warn!(kind = ?e.kind(), "file error");
        StoreError::Io(e)
    }
}

fn backup_hint(latest: Option<&str>) -> String {
    latest.map_or_else(String::new, |b| format!("; the latest backup found is {b}"))
}

/// What a SQLite failure means for the practitioner, in plain words.
fn plain_sqlite(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            C::DiskFull => "the disk is full".into(),
            C::SystemIoFailure => "the disk could not be read or written (an I/O error)".into(),
            C::DatabaseBusy | C::DatabaseLocked => {
                "the caseload is busy in another window or command; try again".into()
            }
            C::DatabaseCorrupt | C::NotADatabase => {
                "the database file is damaged; restore it from a backup".into()
            }
            C::ReadOnly | C::PermissionDenied | C::CannotOpen => {
                "the database file cannot be written (check the folder's permissions)".into()
            }
            // The protective triggers and CHECKs say what they stop in
            // their own (fixed, impersonal) words.
            C::ConstraintViolation => match e {
                rusqlite::Error::SqliteFailure(_, Some(m)) => {
                    format!("the database refused the change: {m}")
                }
                _ => "the database refused the change (it would break a record's rules)".into(),
            },
            _ => format!("the database reported an error (code {})", f.extended_code),
        },
        rusqlite::Error::QueryReturnedNoRows => "a record it needed was not there".into(),
        _ => "the database reported an error".into(),
    }
}

fn plain_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "not found".into(),
        K::PermissionDenied => "permission denied".into(),
        K::StorageFull => "the disk is full".into(),
        _ => "an I/O error".into(),
    }
}

/// Shorthand for store results.
pub type Result<T> = std::result::Result<T, StoreError>;
