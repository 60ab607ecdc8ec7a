//! Continuing professional development and reflective supervision: the
//! practitioner's own record, never a client's. No entry names a client or
//! belongs to one; the exports and the subject access export never read
//! them.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::validate::{self, MAX_SHORT, ValidationError};

string_enum! {
    /// The kinds of CPD activity Social Work England lists.
    pub enum CpdType {
        /// A course or training.
        Course => ("course", "Course or training"),
        /// Reading (a book, an article, research summaries).
        Reading => ("reading", "Reading"),
        /// Reflective supervision.
        Supervision => ("supervision", "Supervision"),
        /// Discussion with peers (reflective team meetings, group supervision).
        PeerDiscussion => ("peer-discussion", "Peer discussion"),
        /// Research (taking part in it, or doing it).
        Research => ("research", "Research"),
        /// Shadowing a colleague or another service.
        Shadowing => ("shadowing", "Shadowing"),
        /// A conference, seminar or event.
        Conference => ("conference", "Conference or event"),
        /// Online learning: e-learning, a podcast, a video.
        Online => ("online", "Online learning, podcast or video"),
        /// Anything else that changed practice.
        Other => ("other", "Other"),
    }
}

/// Social Work England's professional standard 4 (maintain my continuing
/// professional development) has eight parts, 4.1 to 4.8.
pub const STANDARDS: [&str; 8] = ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8"];

/// The most characters a title holds (the form's short title).
pub const MAX_TITLE: usize = 200;

/// A CPD entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpdEntry {
    /// Database id.
    pub id: i64,
    /// What kind of activity.
    #[serde(rename = "type")]
    pub kind: CpdType,
    /// A short title.
    pub title: String,
    /// When it took place.
    #[serde(with = "crate::dates::stored::day")]
    pub on: NaiveDate,
    /// What the activity was and why it was relevant.
    pub description: String,
    /// What was learnt.
    pub learning: String,
    /// The impact on practice and on people using services.
    pub impact: String,
    /// What was learnt from discussing it with a peer, if it was.
    pub peer_reflection: Option<String>,
    /// The parts of standard 4 it meets ("4.1" … "4.8").
    pub standards: Vec<String>,
    /// When it was recorded.
    pub created_at: NaiveDateTime,
    /// When it was last changed.
    pub updated_at: NaiveDateTime,
}

/// A CPD entry to record (or the new values of one being edited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCpd {
    /// What kind of activity.
    pub kind: CpdType,
    /// A short title.
    pub title: String,
    /// When it took place.
    pub on: NaiveDate,
    /// What it was and why it was relevant (may be left for later).
    pub description: String,
    /// What was learnt (may be left for later).
    pub learning: String,
    /// The impact on practice (may be left for later).
    pub impact: String,
    /// Peer reflection, if any.
    pub peer_reflection: Option<String>,
    /// Standard 4's parts it meets.
    pub standards: Vec<String>,
}

impl NewCpd {
    /// Checks the fields: a title, texts within their length, each
    /// standard one of 4.1 to 4.8 (an entry may be saved before every field
    /// is written: `cpd check` says what is missing).
    pub fn validate(&self) -> Result<NewCpd, ValidationError> {
        let long = |field: &'static str, v: &str| -> Result<String, ValidationError> {
            validate::limit(field, v, MAX_SHORT)?;
            Ok(v.trim().to_string())
        };
        let mut standards = Vec::new();
        for s in &self.standards {
            let s = s.trim().trim_start_matches("standard ").trim();
            if !STANDARDS.contains(&s) {
                return Err(ValidationError::new(
                    "standard",
                    format!("must be one of {}", STANDARDS.join(", ")),
                ));
            }
            if !standards.iter().any(|k| k == s) {
                standards.push(s.to_string());
            }
        }
        standards.sort();
        Ok(NewCpd {
            kind: self.kind,
            title: validate::required("title", &self.title, MAX_TITLE)?,
            on: self.on,
            description: long("description", &self.description)?,
            learning: long("learning", &self.learning)?,
            impact: long("impact", &self.impact)?,
            peer_reflection: validate::optional(
                "peer reflection",
                self.peer_reflection.as_deref(),
                MAX_SHORT,
            )?,
            standards,
        })
    }
}

impl CpdEntry {
    /// The entry's values as a [`NewCpd`], to edit.
    #[must_use]
    pub fn to_new(&self) -> NewCpd {
        NewCpd {
            kind: self.kind,
            title: self.title.clone(),
            on: self.on,
            description: self.description.clone(),
            learning: self.learning.clone(),
            impact: self.impact.clone(),
            peer_reflection: self.peer_reflection.clone(),
            standards: self.standards.clone(),
        }
    }

    /// Whether it has a peer reflection written.
    #[must_use]
    pub fn has_peer_reflection(&self) -> bool {
        self.peer_reflection
            .as_deref()
            .is_some_and(|p| !p.trim().is_empty())
    }

    /// The texts a reader could find a client's name in, named as the form
    /// names them.
    #[must_use]
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            ("title", self.title.as_str()),
            ("description", self.description.as_str()),
            ("learning", self.learning.as_str()),
            ("impact", self.impact.as_str()),
        ];
        if let Some(p) = &self.peer_reflection {
            out.push(("peer reflection", p.as_str()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standards_are_the_eight_parts_of_standard_4() {
        let new = NewCpd {
            kind: CpdType::Reading,
            title: "Reading".into(),
            on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            description: String::new(),
            learning: String::new(),
            impact: String::new(),
            peer_reflection: None,
            standards: vec!["4.8".into(), "4.1".into(), "4.1".into()],
        };
        assert_eq!(new.validate().unwrap().standards, ["4.1", "4.8"]);
        let bad = NewCpd {
            standards: vec!["4.9".into()],
            ..new
        };
        assert_eq!(bad.validate().unwrap_err().field, "standard");
    }
}
