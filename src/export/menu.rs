//! What the terminal UI's Export menu offers, in order: each entry's key,
//! words, and the [`Job`] it makes for the client (and note) in view.

use super::csv::Listing;
use super::files::Job;
use super::{Format, Period};

/// One entry of the Export menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The key that picks it.
    pub key: char,
    /// What it makes, as the menu shows it.
    pub label: &'static str,
    what: What,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Summary(Format),
    Chronology(Format),
    Paste(&'static str),
    Calendar,
    Csv(Listing),
    Json,
    Outage,
    Sar,
}

const fn e(key: char, label: &'static str, what: What) -> Entry {
    Entry { key, label, what }
}

/// Every entry, in menu order.
pub const ENTRIES: [Entry; 17] = [
    e('s', "Client summary (HTML)", What::Summary(Format::Html)),
    e('m', "Client summary (Markdown)", What::Summary(Format::Md)),
    e(
        'c',
        "Chronology for a bundle (HTML)",
        What::Chronology(Format::Html),
    ),
    e('C', "Chronology (CSV)", What::Chronology(Format::Csv)),
    e('k', "Chronology (Markdown)", What::Chronology(Format::Md)),
    e(
        'n',
        "Paste pack: case note (latest note)",
        What::Paste("case-note"),
    ),
    e(
        'v',
        "Paste pack: visit record (latest note)",
        What::Paste("visit-record"),
    ),
    e(
        'p',
        "Paste pack: care plan review (latest note)",
        What::Paste("care-plan-review"),
    ),
    e(
        'r',
        "Paste pack: social circumstances report",
        What::Paste("social-circumstances-report"),
    ),
    e(
        'i',
        "Calendar of visits and deadlines (.ics)",
        What::Calendar,
    ),
    e('1', "Spreadsheet: caseload", What::Csv(Listing::Caseload)),
    e('2', "Spreadsheet: due", What::Csv(Listing::Due)),
    e('3', "Spreadsheet: contacts", What::Csv(Listing::Contacts)),
    e('4', "Spreadsheet: deadlines", What::Csv(Listing::Deadlines)),
    e('j', "Everything, lossless (JSON)", What::Json),
    e('o', "Outage pack (print it)", What::Outage),
    e('a', "Subject access (this client)", What::Sar),
];

impl Entry {
    /// The job for `client` (and its latest `note`, for paste packs);
    /// `None` when it needs a note and the client has none.
    #[must_use]
    pub fn job(&self, client: i64, note: Option<i64>) -> Option<Job> {
        Some(match self.what {
            What::Summary(f) => Job::Summary(client, f),
            What::Chronology(f) => Job::Chronology(client, Period::default(), f),
            What::Paste(t) => Job::Paste(note?, Some(t.to_string())),
            What::Calendar => Job::Calendar(Period::default(), false),
            What::Csv(l) => Job::Csv(l, Period::default()),
            What::Json => Job::Json,
            What::Outage => Job::Outage,
            What::Sar => Job::Sar(client),
        })
    }

    /// Whether it is a paste pack (copied and shown rather than written).
    #[must_use]
    pub fn is_paste(&self) -> bool {
        matches!(self.what, What::Paste(_))
    }

    /// Whether the files hold the whole caseload rather than one client.
    #[must_use]
    pub fn whole_caseload(&self) -> bool {
        matches!(
            self.what,
            What::Calendar | What::Csv(_) | What::Json | What::Outage
        )
    }
}

/// The entry picked by `key`.
#[must_use]
pub fn by_key(key: char) -> Option<Entry> {
    ENTRIES.iter().copied().find(|e| e.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_entry_makes_a_job() {
        for (i, a) in ENTRIES.iter().enumerate() {
            assert!(ENTRIES[i + 1..].iter().all(|b| b.key != a.key), "{}", a.key);
            assert!(a.job(1, Some(2)).is_some());
        }
        assert_eq!(by_key('n').unwrap().job(1, None), None);
        assert!(by_key('n').unwrap().is_paste() && !by_key('o').unwrap().is_paste());
        assert!(by_key('o').unwrap().whole_caseload() && !by_key('a').unwrap().whole_caseload());
        assert_eq!(by_key('a').unwrap().job(3, None), Some(Job::Sar(3)));
    }
}
