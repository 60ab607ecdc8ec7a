//! Legal episodes: a period under a framework that generates dates.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::validate::{self, MAX_SHORT, ValidationError};

string_enum! {
    /// The legal framework an episode is under.
    pub enum EpisodeKind {
        /// Mental Health Act 1983 section 2 (assessment, up to 28 days).
        MhaS2 => ("mha-s2", "MHA s2"),
        /// Mental Health Act 1983 section 3 (treatment).
        MhaS3 => ("mha-s3", "MHA s3"),
        /// Community treatment order (MHA s17A).
        Cto => ("cto", "CTO"),
        /// Section 117 aftercare.
        S117 => ("s117", "s117 aftercare"),
        /// Deprivation of Liberty Safeguards standard authorisation.
        Dols => ("dols", "DoLS"),
        /// Care Act 2014 care and support plan.
        CareAct => ("care-act", "Care Act plan"),
        /// Care Programme Approach.
        Cpa => ("cpa", "CPA"),
        /// Child in need plan.
        Cin => ("cin", "Child in need"),
        /// Child protection plan (starting at the strategy discussion).
        Cp => ("cp", "Child protection"),
        /// Looked-after child.
        Lac => ("lac", "Looked after"),
        /// Care leaver pathway plan.
        CareLeaver => ("care-leaver", "Care leaver"),
        /// Child and family assessment (from the referral date).
        CfAssessment => ("cf-assessment", "C&F assessment"),
    }
}

/// A legal episode as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegalEpisode {
    /// Database id.
    pub id: i64,
    /// Whose.
    pub client_id: i64,
    /// Framework.
    pub kind: EpisodeKind,
    /// Start date.
    pub start_on: NaiveDate,
    /// End date, once ended.
    pub end_on: Option<NaiveDate>,
    /// Notes.
    pub notes: Option<String>,
    /// When recorded.
    pub created_at: NaiveDateTime,
}

/// A legal episode to add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewEpisode {
    /// Whose.
    pub client_id: i64,
    /// Framework.
    pub kind: EpisodeKind,
    /// Start date.
    pub start_on: NaiveDate,
    /// Notes.
    pub notes: Option<String>,
}

impl NewEpisode {
    /// Checks the fields.
    pub fn validate(&self) -> Result<NewEpisode, ValidationError> {
        Ok(NewEpisode {
            notes: validate::optional("notes", self.notes.as_deref(), MAX_SHORT)?,
            ..self.clone()
        })
    }
}
