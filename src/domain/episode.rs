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
        /// MHA s5(2): doctor's or approved clinician's holding power (72 hours).
        MhaS5_2 => ("mha-s5-2", "MHA s5(2)"),
        /// MHA s5(4): nurse's holding power (6 hours).
        MhaS5_4 => ("mha-s5-4", "MHA s5(4)"),
        /// MHA s4: emergency admission (72 hours).
        MhaS4 => ("mha-s4", "MHA s4"),
        /// MHA s135: warrant to a place of safety (24 hours, +12).
        MhaS135 => ("mha-s135", "MHA s135"),
        /// MHA s136: police removal to a place of safety (24 hours, +12).
        MhaS136 => ("mha-s136", "MHA s136"),
        /// CTO recall to hospital (72 hours).
        CtoRecall => ("cto-recall", "CTO recall"),
        /// MHA s7 guardianship.
        Guardianship => ("guardianship", "Guardianship"),
        /// An AMHP's application for admission (from seeing the patient).
        AmhpApplication => ("amhp-application", "AMHP application"),
        /// A mental health tribunal application or reference.
        MhaTribunal => ("mha-tribunal", "MH tribunal"),
        /// A First-tier Tribunal social security appeal.
        BenefitAppeal => ("benefit-appeal", "Benefit appeal"),
        /// DoLS urgent authorisation (7 days, +7 once).
        DolsUrgent => ("dols-urgent", "DoLS urgent"),
        /// A request for a DoLS standard authorisation (assessments in 21 days).
        DolsRequest => ("dols-request", "DoLS request"),
        /// A request to a funding panel, with its decision.
        FundingPanel => ("funding-panel", "Funding panel"),
        /// A referral to an advocate (IMHA, IMCA, Care Act).
        AdvocacyReferral => ("advocacy-referral", "Advocacy referral"),
        /// Care Act s42 adult safeguarding enquiry.
        S42Enquiry => ("s42-enquiry", "s42 enquiry"),
        /// Children Act s47 child protection enquiry.
        S47Enquiry => ("s47-enquiry", "s47 enquiry"),
        /// Care proceedings (26 weeks from issue).
        CareProceedings => ("care-proceedings", "Care proceedings"),
        /// Emergency protection order (8 days, +7 once).
        Epo => ("epo", "EPO"),
        /// Police protection (72 hours).
        PoliceProtection => ("police-protection", "Police protection"),
        /// The nearest relative's order for discharge (s23), barred or not
        /// within 72 hours (s25(1)).
        NrDischargeOrder => ("nr-discharge-order", "NR discharge order"),
        /// An application to displace the nearest relative (MHA s29).
        S29Application => ("s29-application", "s29 application"),
        /// Absent without leave (MHA s18, s21).
        Awol => ("awol", "AWOL"),
        /// MHA s17 leave of absence.
        S17Leave => ("s17-leave", "s17 leave"),
        /// MHA s35: remand to hospital for a report.
        MhaS35 => ("mha-s35", "MHA s35"),
        /// MHA s36: remand to hospital for treatment.
        MhaS36 => ("mha-s36", "MHA s36"),
        /// MHA s37: hospital order.
        MhaS37 => ("mha-s37", "MHA s37"),
        /// MHA s37 with a s41 restriction order.
        MhaS37_41 => ("mha-s37-41", "MHA s37/41"),
        /// MHA s47 transfer direction (with s49 restrictions or not).
        MhaS47 => ("mha-s47", "MHA s47"),
    }
}

impl EpisodeKind {
    /// The short name a narrow column or a journey line shows ("s3",
    /// "CTO", "Looked after"): the label without "MHA ".
    #[must_use]
    pub fn short(self) -> &'static str {
        let label = self.label();
        label.strip_prefix("MHA ").unwrap_or(label)
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
    /// The start time, for episodes counted in hours (UK wall clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_at: Option<NaiveDateTime>,
    /// The episode this power follows in a journey (s136 then s2 then s3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows_id: Option<i64>,
    /// The end time, where it ended at a moment (an hour clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_at: Option<NaiveDateTime>,
    /// How it ended, where the law names it: "ended", "converted",
    /// "suspended", "revoked", "discharged"; none when ended by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_reason: Option<String>,
}

impl LegalEpisode {
    /// When it started, as shown: the date, with the time for a clock
    /// counted in hours ("21/11/2026 23:30").
    #[must_use]
    pub fn started(&self) -> String {
        self.start_at.map_or_else(
            || crate::dates::display::date(self.start_on),
            crate::dates::display::date_time,
        )
    }

    /// When it ended, as shown (with the time where it ended at a moment);
    /// none while open.
    #[must_use]
    pub fn ended(&self) -> Option<String> {
        let on = self.end_on?;
        Some(self.end_at.map_or_else(
            || crate::dates::display::date(on),
            crate::dates::display::date_time,
        ))
    }
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
