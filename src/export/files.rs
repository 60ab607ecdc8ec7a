//! Which document to make, and the files it becomes: one place the command
//! line and the terminal UI both call, so a summary written from either is
//! the same file.

use crate::store::prelude::*;
use chrono::{Days, NaiveDateTime};
use std::path::{Path, PathBuf};

use super::csv::Listing;
use super::{
    Format, Made, Period, Result, chronology, gather, ics, json, outage, paste, sar, summary, write,
};
use crate::store::Store;

/// Days of planned visits a client summary shows.
pub const SUMMARY_DAYS: u32 = 28;
/// Days of planned visits and deadlines a calendar covers by default.
pub const CALENDAR_DAYS: u64 = 180;

/// A document to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// A client summary.
    Summary(i64, Format),
    /// A client's chronology over a period.
    Chronology(i64, Period, Format),
    /// A paste pack for a note, with a template name (None: the default).
    Paste(i64, Option<String>),
    /// The calendar of planned visits and deadlines.
    Calendar(Period, bool),
    /// A spreadsheet listing.
    Csv(Listing, Period),
    /// The lossless JSON of the whole database.
    Json,
    /// The outage pack (HTML and text).
    Outage,
    /// Subject access for a client.
    Sar(i64),
}

/// One file of a document: its name and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// A file name (no folders).
    pub name: String,
    /// The content.
    pub content: String,
}

fn slug(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Makes the files of `job` from the store at time `now`.
pub fn make(store: &Store, job: &Job, now: NaiveDateTime) -> Result<Vec<File>> {
    let made = Made {
        at: now,
        schema: store.schema_version()?,
    };
    let today = now.date();
    let day = today.format("%Y-%m-%d");
    let one = |name: String, content: String| Ok(vec![File { name, content }]);
    // File names carry the client id and record number, not the name.
    let tag = |id: i64| -> Result<String> {
        let c = store.client(id)?;
        Ok(match &c.record_no {
            Some(r) if !slug(r).is_empty() => format!("client-{id}-{}", slug(r)),
            _ => format!("client-{id}"),
        })
    };
    match job {
        Job::Summary(id, f) => {
            let file = gather::client_file(store, *id, today, SUMMARY_DAYS)?;
            one(
                format!("{}-summary-{day}.{}", tag(*id)?, f.extension()),
                summary::render(&file, &made, *f),
            )
        }
        Job::Chronology(id, p, f) => {
            let file = gather::client_file(store, *id, today, 0)?;
            one(
                format!("{}-chronology-{day}.{}", tag(*id)?, f.extension()),
                chronology::render(&file, p, &made, *f)?,
            )
        }
        Job::Paste(note_id, template) => {
            let note = store.note(*note_id)?;
            let file = gather::client_file(store, note.client_id, today, SUMMARY_DAYS)?;
            let t = paste::find(
                template.as_deref().unwrap_or(paste::DEFAULT),
                crate::paths::templates_dir().as_deref(),
            )?;
            one(
                format!("note-{note_id}-{}.txt", t.name),
                paste::render(&t, &file, *note_id, &made)?,
            )
        }
        Job::Calendar(p, names) => {
            let from = p.from.unwrap_or(today);
            let to = p.to.unwrap_or(from + Days::new(CALENDAR_DAYS));
            let period = Period {
                from: Some(from),
                to: Some(to),
            };
            let caseload = gather::caseload(store, today, 0, false)?;
            let visits = gather::planned_visits(store, from, to)?;
            // The alarms before an hour clock runs out are the
            // practitioner's setting (config.toml).
            let alarms = crate::config::Config::load()
                .map_err(|e| super::ExportError::Format(e.to_string()))?
                .calendar_alarm_minutes;
            one(
                "caseload.ics".into(),
                ics::calendar(&caseload, &visits, &period, *names, &alarms, &made),
            )
        }
        Job::Csv(what, p) => {
            let horizon = p.to.map_or(outage::DUE_DAYS, |t| {
                u32::try_from((t - today).num_days().max(0)).unwrap_or(u32::MAX)
            });
            let caseload = gather::caseload(store, today, 0, true)?;
            let due = store.due(today, horizon)?;
            let name = format!("{what:?}").to_lowercase();
            one(
                format!("{name}-{day}.csv"),
                super::csv::listing(*what, &caseload, &due, p)?,
            )
        }
        Job::Json => one(
            format!("caseload-{day}.json"),
            json::document(&store.dump()?, &made)?,
        ),
        Job::Outage => {
            let caseload = gather::caseload(store, today, outage::DUE_DAYS, false)?;
            let (html, text) = outage::render(&caseload, &made);
            Ok(vec![
                File {
                    name: outage::HTML_FILE.into(),
                    content: html,
                },
                File {
                    name: outage::TEXT_FILE.into(),
                    content: text,
                },
            ])
        }
        Job::Sar(id) => {
            let pack = super::sar_gather::sar_file(store, *id, today)?;
            let (html, text, found) = sar::render(&pack, &made);
            let t = tag(*id)?;
            Ok(vec![
                File {
                    name: format!("{t}-{}", sar::RECORD_FILE),
                    content: html,
                },
                File {
                    name: format!("{t}-{}", sar::RECORD_TEXT),
                    content: text,
                },
                File {
                    name: format!("{t}-{}", sar::FOUND_FILE),
                    content: found,
                },
            ])
        }
    }
}

/// Writes `files` into `dir` (created 0700), each 0600; returns the paths.
pub fn write_into(dir: &Path, files: &[File]) -> Result<Vec<PathBuf>> {
    write::private_dir(dir)?;
    let mut out = Vec::new();
    for f in files {
        let p = dir.join(&f.name);
        write::private_file(&p, f.content.as_bytes())?;
        out.push(p);
    }
    Ok(out)
}
