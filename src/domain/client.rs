//! The person the practitioner works with.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::validate::{self, MAX_NAME, MAX_SHORT, ValidationError};

string_enum! {
    /// How worried the practitioner is, as recorded in the risk summary.
    pub enum RiskLevel {
        /// Low risk.
        Low => ("low", "Low"),
        /// Medium risk.
        Medium => ("medium", "Medium"),
        /// High risk: shown in red.
        High => ("high", "High"),
    }
}

string_enum! {
    /// Whether the case is open or closed.
    pub enum CaseStatus {
        /// An open case.
        Open => ("open", "Open"),
        /// A closed case: kept, never deleted automatically.
        Closed => ("closed", "Closed"),
    }
}

string_enum! {
    /// Which service holds the case.
    pub enum Service {
        /// Adult social care or mental health.
        Adult => ("adult", "Adult"),
        /// Children's services.
        Children => ("children", "Children"),
    }
}

/// A client as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Client {
    /// Database id.
    pub id: i64,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// The name they like to be called, if different.
    pub preferred_name: Option<String>,
    /// Pronouns.
    pub pronouns: Option<String>,
    /// Date of birth.
    pub dob: Option<NaiveDate>,
    /// The employer's record number (Mosaic…), free text.
    pub record_no: Option<String>,
    /// NHS number: ten digits, check digit verified (see `domain::nhs`).
    #[serde(default)]
    pub nhs_number: Option<String>,
    /// The GP (name and practice), free text.
    #[serde(default)]
    pub gp: Option<String>,
    /// Whether the client consents to information about them being shared
    /// with the professionals around them; `None`: not yet recorded.
    #[serde(default)]
    pub consent_to_share: Option<bool>,
    /// The day the consent answer was last recorded or changed.
    #[serde(default)]
    pub consent_recorded_on: Option<NaiveDate>,
    /// Address.
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// First language.
    pub language: Option<String>,
    /// Whether an interpreter is needed.
    pub interpreter: bool,
    /// Team or service name.
    pub team: Option<String>,
    /// Adult or children's services.
    pub service: Service,
    /// Open or closed.
    pub status: CaseStatus,
    /// When the case was opened.
    pub opened_on: NaiveDate,
    /// When the case was closed.
    pub closed_on: Option<NaiveDate>,
    /// Why the case was closed.
    pub closure_reason: Option<String>,
    /// Target days between visits.
    pub visit_every_days: Option<u32>,
    /// Risk level.
    pub risk: RiskLevel,
    /// Dated risk summary text.
    pub risk_summary: Option<String>,
    /// When the risk summary was last reviewed.
    pub risk_reviewed_on: Option<NaiveDate>,
    /// Free-text alerts, shown in red wherever the client appears.
    pub alerts: Vec<String>,
    /// When the record was created.
    pub created_at: NaiveDateTime,
    /// When the record last changed.
    pub updated_at: NaiveDateTime,
    /// When a closed case's record falls due for a retention review (set
    /// on closing from the retention schedule; never acted on automatically).
    #[serde(default)]
    pub retain_until: Option<NaiveDate>,
}

impl Client {
    /// "Given Family", or "Preferred Family" when a preferred name is set.
    #[must_use]
    pub fn display_name(&self) -> String {
        let first = self.preferred_name.as_deref().unwrap_or(&self.given_name);
        format!("{first} {}", self.family_name)
    }

    /// The legal name ("Given Family") when a preferred name is in use, so
    /// it can be shown beside the name they go by; `None` when they are
    /// the same.
    #[must_use]
    pub fn legal_name(&self) -> Option<String> {
        let legal = format!("{} {}", self.given_name, self.family_name);
        (legal != self.display_name()).then_some(legal)
    }

    /// Consent to share in words: "yes", "no" or "not recorded".
    #[must_use]
    pub fn consent_words(&self) -> &'static str {
        match self.consent_to_share {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not recorded",
        }
    }

    /// The editable details as a [`NewClient`] (to change some and save).
    #[must_use]
    pub fn to_new(&self) -> NewClient {
        NewClient {
            given_name: self.given_name.clone(),
            family_name: self.family_name.clone(),
            preferred_name: self.preferred_name.clone(),
            pronouns: self.pronouns.clone(),
            dob: self.dob,
            record_no: self.record_no.clone(),
            nhs_number: self.nhs_number.clone(),
            gp: self.gp.clone(),
            consent_to_share: self.consent_to_share,
            address: self.address.clone(),
            phone: self.phone.clone(),
            language: self.language.clone(),
            interpreter: self.interpreter,
            team: self.team.clone(),
            service: Some(self.service),
            visit_every_days: self.visit_every_days,
            risk: Some(self.risk),
            risk_summary: self.risk_summary.clone(),
            alerts: self.alerts.clone(),
            opened_on: None,
        }
    }

    /// Initials only, for privacy mode.
    #[must_use]
    pub fn initials(&self) -> String {
        initials(&self.given_name, &self.family_name)
    }
}

/// Initials of a name, e.g. "A.B.".
#[must_use]
pub fn initials(given: &str, family: &str) -> String {
    let g = given.chars().next().map(|c| c.to_uppercase().to_string());
    let f = family.chars().next().map(|c| c.to_uppercase().to_string());
    format!("{}.{}.", g.unwrap_or_default(), f.unwrap_or_default())
}

/// A row of the caseload table: the client plus derived facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientSummary {
    /// The client.
    #[serde(flatten)]
    pub client: Client,
    /// The latest day they were seen in person (see `crate::practice`).
    pub last_seen: Option<NaiveDate>,
    /// The latest contact of any kind, calls included.
    pub last_contact: Option<NaiveDate>,
    /// The earlier of the earliest open deadline and the next visit due.
    pub next_due: Option<NaiveDate>,
    /// The time it falls due, when it is a deadline counted in hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_due_at: Option<NaiveDateTime>,
    /// What is due then.
    pub next_due_what: Option<String>,
    /// Kinds of open legal episodes, comma-separated codes.
    pub frameworks: Vec<String>,
    /// Drafts not yet finalised.
    pub drafts: u32,
}

impl ClientSummary {
    /// When the next thing is due, seen from `now` (with its time for a
    /// deadline counted in hours).
    #[must_use]
    pub fn next_when(&self, now: NaiveDateTime) -> Option<super::When> {
        self.next_due
            .map(|d| super::When::new(d, self.next_due_at, now))
    }
}

/// What a new client needs; validated by [`NewClient::validate`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewClient {
    /// Given name (required).
    pub given_name: String,
    /// Family name (required).
    pub family_name: String,
    /// Preferred name.
    pub preferred_name: Option<String>,
    /// Pronouns.
    pub pronouns: Option<String>,
    /// Date of birth.
    pub dob: Option<NaiveDate>,
    /// Record number.
    pub record_no: Option<String>,
    /// NHS number as typed (spaces allowed); checked by its check digit.
    #[serde(default)]
    pub nhs_number: Option<String>,
    /// The GP.
    #[serde(default)]
    pub gp: Option<String>,
    /// Consent to share: yes, no, or not recorded (`None`).
    #[serde(default)]
    pub consent_to_share: Option<bool>,
    /// Address.
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// First language.
    pub language: Option<String>,
    /// Interpreter needed.
    pub interpreter: bool,
    /// Team.
    pub team: Option<String>,
    /// Adult or children's (defaults to adult).
    pub service: Option<Service>,
    /// Visiting frequency target in days.
    pub visit_every_days: Option<u32>,
    /// Risk level (defaults to low).
    pub risk: Option<RiskLevel>,
    /// Risk summary.
    pub risk_summary: Option<String>,
    /// Alerts.
    pub alerts: Vec<String>,
    /// When the case opened (defaults to today).
    pub opened_on: Option<NaiveDate>,
}

impl NewClient {
    /// Checks every field; returns a trimmed copy or the first problem found.
    pub fn validate(&self, today: NaiveDate) -> Result<NewClient, ValidationError> {
        let dob = match self.dob {
            Some(d) => Some(validate::date_of_birth(d, today)?),
            None => None,
        };
        if let Some(days) = self.visit_every_days
            && !(1..=3650).contains(&days)
        {
            return Err(ValidationError::new(
                "visit every",
                "must be between 1 and 3650 days",
            ));
        }
        let mut alerts = Vec::new();
        for a in &self.alerts {
            if let Some(a) = validate::optional("alert", Some(a), MAX_SHORT)? {
                alerts.push(a);
            }
        }
        Ok(NewClient {
            given_name: validate::required("given name", &self.given_name, MAX_NAME)?,
            family_name: validate::required("family name", &self.family_name, MAX_NAME)?,
            preferred_name: validate::optional(
                "preferred name",
                self.preferred_name.as_deref(),
                MAX_NAME,
            )?,
            pronouns: validate::optional("pronouns", self.pronouns.as_deref(), MAX_NAME)?,
            dob,
            record_no: validate::optional("record number", self.record_no.as_deref(), MAX_NAME)?,
            nhs_number: super::nhs::parse_opt(self.nhs_number.as_deref())?,
            gp: validate::optional("GP", self.gp.as_deref(), MAX_SHORT)?,
            consent_to_share: self.consent_to_share,
            address: validate::optional("address", self.address.as_deref(), MAX_SHORT)?,
            phone: validate::optional("phone", self.phone.as_deref(), MAX_NAME)?,
            language: validate::optional("language", self.language.as_deref(), MAX_NAME)?,
            interpreter: self.interpreter,
            team: validate::optional("team", self.team.as_deref(), MAX_NAME)?,
            service: self.service,
            visit_every_days: self.visit_every_days,
            risk: self.risk,
            risk_summary: validate::optional(
                "risk summary",
                self.risk_summary.as_deref(),
                validate::MAX_LONG,
            )?,
            alerts,
            opened_on: self.opened_on,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn risk_parses_codes_in_any_case() {
        assert_eq!("HIGH".parse::<RiskLevel>().unwrap(), RiskLevel::High);
        let err = "severe".parse::<RiskLevel>().unwrap_err();
        assert!(err.problem.contains("low, medium, high"));
    }

    #[test]
    fn validation_trims_and_refuses_bad_input() {
        let ok = NewClient {
            given_name: "  Ada ".into(),
            family_name: "Lovelace".into(),
            record_no: Some("  ".into()),
            ..NewClient::default()
        }
        .validate(today())
        .unwrap();
        assert_eq!(ok.given_name, "Ada");
        assert_eq!(ok.record_no, None);

        let bad = NewClient {
            given_name: "Ada".into(),
            family_name: String::new(),
            ..NewClient::default()
        };
        assert_eq!(bad.validate(today()).unwrap_err().field, "family name");

        let bad_visit = NewClient {
            given_name: "Ada".into(),
            family_name: "L".into(),
            visit_every_days: Some(0),
            ..NewClient::default()
        };
        assert!(bad_visit.validate(today()).is_err());
    }

    #[test]
    fn the_nhs_number_is_checked_and_kept_as_ten_digits() {
        let base = NewClient {
            given_name: "Ada".into(),
            family_name: "Lovelace".into(),
            ..NewClient::default()
        };
        let ok = NewClient {
            nhs_number: Some("943 476 5919".into()),
            ..base.clone()
        }
        .validate(today())
        .unwrap();
        assert_eq!(ok.nhs_number.as_deref(), Some("9434765919"));
        let bad = NewClient {
            nhs_number: Some("943 476 5918".into()),
            ..base
        }
        .validate(today())
        .unwrap_err();
        assert_eq!(bad.field, "NHS number");
    }

    #[test]
    fn the_legal_name_shows_only_beside_a_different_preferred_name() {
        let store_like = |preferred: Option<&str>| {
            let n = NewClient {
                given_name: "Margaret".into(),
                family_name: "Oduya".into(),
                preferred_name: preferred.map(str::to_string),
                ..NewClient::default()
            };
            Client {
                id: 1,
                given_name: n.given_name,
                family_name: n.family_name,
                preferred_name: n.preferred_name,
                pronouns: None,
                dob: None,
                record_no: None,
                nhs_number: None,
                gp: None,
                consent_to_share: None,
                consent_recorded_on: None,
                address: None,
                phone: None,
                language: None,
                interpreter: false,
                team: None,
                service: Service::Adult,
                status: CaseStatus::Open,
                opened_on: today(),
                closed_on: None,
                closure_reason: None,
                visit_every_days: None,
                risk: RiskLevel::Low,
                risk_summary: None,
                risk_reviewed_on: None,
                alerts: Vec::new(),
                created_at: today().and_hms_opt(9, 0, 0).unwrap(),
                updated_at: today().and_hms_opt(9, 0, 0).unwrap(),
                retain_until: None,
            }
        };
        let c = store_like(Some("Peggy"));
        assert_eq!(c.display_name(), "Peggy Oduya");
        assert_eq!(c.legal_name().as_deref(), Some("Margaret Oduya"));
        assert_eq!(store_like(None).legal_name(), None);
        assert_eq!(store_like(Some("Margaret")).legal_name(), None);
        assert_eq!(c.consent_words(), "not recorded");
        assert_eq!(c.to_new().given_name, "Margaret");
    }

    #[test]
    fn initials_use_first_letters() {
        assert_eq!(initials("ada", "lovelace"), "A.L.");
        assert_eq!(initials("Émile", "Zola"), "É.Z.");
    }
}
