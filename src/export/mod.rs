//! Documents from domain values: client summary, court chronology, paste
//! packs (templates), calendar, spreadsheets, lossless JSON, the outage pack
//! and subject access. No SQL and no terminal here: [`gather`] collects the
//! domain values through the store's typed methods, every other module is a
//! pure function from those values to text. Every document is complete
//! (nothing cut short), sanitised of control characters, and says when it was
//! made and from which records.

pub mod chronology;
pub mod cpd;
pub mod csv;
pub mod doc;
pub mod files;
pub mod gather;
pub mod html;
pub mod ics;
pub mod json;
pub mod menu;
pub mod outage;
pub mod paste;
pub mod sar;
pub mod sar_gather;
pub mod summary;
pub mod supervision;
pub mod third_party;
pub mod write;

use chrono::{NaiveDate, NaiveDateTime};

pub use gather::{ClientFile, PlannedVisit};

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The store could not read the records.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A template is broken: its file, line and what is wrong.
    #[error("template {file}{}: {detail}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Template {
        /// The template's file (or built-in name).
        file: String,
        /// The line the problem is on, when known.
        line: Option<usize>,
        /// What is wrong (never client text).
        detail: String,
    },
    /// A file or folder could not be written.
    #[error("could not write {path}: {source}")]
    Io {
        /// Where.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The document could not be encoded or decoded.
    #[error("{0}")]
    Format(String),
}

/// Result of an export.
pub type Result<T> = std::result::Result<T, ExportError>;

/// The formats a document can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
    /// Self-contained HTML (no scripts, print stylesheet).
    Html,
    /// Plain text.
    Txt,
    /// Comma-separated values.
    Csv,
}

impl Format {
    /// The file extension for this format.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Txt => "txt",
            Format::Csv => "csv",
        }
    }
}

/// When a document was made and from which records: printed in every
/// document's header so a reader knows what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// When it was made (the program's clock).
    pub at: NaiveDateTime,
    /// The schema version of the database it was made from.
    pub schema: i64,
}

impl Made {
    /// "Made 22/11/2026 09:00 by caseload 0.1.0 from the caseload database
    /// (schema 4)", the date as the practitioner reads dates.
    #[must_use]
    pub fn line(&self) -> String {
        format!(
            "Made {} by caseload {} from the caseload database (schema {})",
            crate::dates::display::date_time(self.at),
            env!("CARGO_PKG_VERSION"),
            self.schema
        )
    }
}

/// A period of days; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
}

impl Period {
    /// Whether `d` falls in the period.
    #[must_use]
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }

    /// "01/01/2026 to 22/11/2026", "from 01/01/2026", "all records".
    #[must_use]
    pub fn describe(&self) -> String {
        let show = crate::dates::display::date;
        match (self.from, self.to) {
            (Some(f), Some(t)) => format!("{} to {}", show(f), show(t)),
            (Some(f), None) => format!("from {}", show(f)),
            (None, Some(t)) => format!("up to {}", show(t)),
            (None, None) => "all records".into(),
        }
    }
}

/// Stored text made safe for a document: escape sequences, control
/// characters and bidi overrides removed, paragraphs kept, ends trimmed.
#[must_use]
pub fn clean(s: &str) -> String {
    crate::domain::text::sanitize(s).trim().to_string()
}

/// Like [`clean`] on one line.
#[must_use]
pub fn clean_line(s: &str) -> String {
    crate::domain::text::one_line(s).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_bounds_are_inclusive() {
        let d = |n| NaiveDate::from_ymd_opt(2026, 11, n).unwrap();
        let p = Period {
            from: Some(d(2)),
            to: Some(d(4)),
        };
        assert!(!p.contains(d(1)) && p.contains(d(2)) && p.contains(d(4)) && !p.contains(d(5)));
        assert!(Period::default().contains(d(1)));
        assert_eq!(p.describe(), "02/11/2026 to 04/11/2026");
    }

    #[test]
    fn clean_removes_controls_and_bidi() {
        assert_eq!(clean(" a\u{1b}[2Jb\u{202e}c\n d "), "abc\n d");
        assert_eq!(clean_line("a\nb"), "a b");
    }
}
