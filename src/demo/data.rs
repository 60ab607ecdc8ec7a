//! The shape of `data/demo.toml`: fictional clients whose dates are day
//! offsets from the day the demo is opened (negative = in the past), so the
//! demo always has something overdue and something due this week.

use serde::Deserialize;

use crate::domain::{EpisodeKind, NoteKind, RiskLevel, Service, VisitOutcome};

/// The demo file: clients, and actions that belong to no client.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoFile {
    /// The clients.
    #[serde(default)]
    pub client: Vec<DemoClient>,
    /// The practitioner's own to-dos.
    #[serde(default)]
    pub action: Vec<DemoAction>,
    /// Clients linked as households.
    #[serde(default)]
    pub household: Vec<DemoHousehold>,
}

/// Clients linked as one household.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoHousehold {
    /// The members, as "Given Family".
    pub members: Vec<String>,
}

/// A visit: planned (ahead, or past with no outcome yet), recorded with an
/// outcome, or cancelled.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoVisit {
    /// Day (offset).
    pub day: i64,
    /// Time, HH:MM.
    pub time: String,
    /// Expected length in minutes.
    pub minutes: Option<u32>,
    /// Where.
    pub location: Option<String>,
    /// Who else is coming.
    pub with: Option<String>,
    /// Lone working ring-back time, HH:MM.
    pub lone_check: Option<String>,
    /// Other clients on the visit, as "Given Family".
    #[serde(default)]
    pub also: Vec<String>,
    /// What came of it for this client (a past visit).
    pub outcome: Option<VisitOutcome>,
    /// What came of it for the others on it.
    pub also_outcome: Option<VisitOutcome>,
    /// Cancelled, with this reason.
    pub cancelled: Option<String>,
    /// The note recording it (final), if any.
    pub text: Option<String>,
}

/// One fictional client and everything recorded about them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoClient {
    /// Given name.
    pub given: String,
    /// Family name.
    pub family: String,
    /// Preferred name.
    pub preferred: Option<String>,
    /// Pronouns.
    pub pronouns: Option<String>,
    /// Age in years on the day the demo opens.
    pub age: Option<u32>,
    /// Record number.
    pub record: Option<String>,
    /// NHS number (the fictional 999 range NHS England keeps for testing).
    #[serde(default)]
    pub nhs: Option<String>,
    /// GP and practice.
    #[serde(default)]
    pub gp: Option<String>,
    /// Consent to share: true, false, or absent (not recorded).
    #[serde(default)]
    pub consent: Option<bool>,
    /// Adult or children's services.
    pub service: Service,
    /// Team.
    pub team: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// First language.
    pub language: Option<String>,
    /// Interpreter needed.
    #[serde(default)]
    pub interpreter: bool,
    /// Risk level.
    pub risk: RiskLevel,
    /// Risk summary.
    pub risk_summary: Option<String>,
    /// Visiting frequency target in days.
    pub visit_every: Option<u32>,
    /// Alerts.
    #[serde(default)]
    pub alerts: Vec<String>,
    /// Day the case opened (offset).
    pub opened: i64,
    /// Day the case closed (offset), for closed cases.
    pub closed: Option<i64>,
    /// Why it closed.
    pub closure_reason: Option<String>,
    /// Network members.
    #[serde(default)]
    pub network: Vec<DemoMember>,
    /// Contact notes.
    #[serde(default)]
    pub note: Vec<DemoNote>,
    /// Care plan versions, oldest first.
    #[serde(default)]
    pub plan: Vec<DemoPlan>,
    /// Legal episodes.
    #[serde(default)]
    pub episode: Vec<DemoEpisode>,
    /// Deadlines.
    #[serde(default)]
    pub deadline: Vec<DemoDeadline>,
    /// Actions.
    #[serde(default)]
    pub action: Vec<DemoAction>,
    /// Visits.
    #[serde(default)]
    pub visit: Vec<DemoVisit>,
}

/// A network member.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoMember {
    /// Name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Organisation.
    pub organisation: Option<String>,
    /// Relationship.
    pub relationship: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Consent to share.
    #[serde(default)]
    pub consent: bool,
}

/// A contact note.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoNote {
    /// Day it happened (offset, 0 or less).
    pub day: i64,
    /// Time it happened, HH:MM.
    pub time: String,
    /// Kind.
    pub kind: NoteKind,
    /// Where.
    pub location: Option<String>,
    /// Who was present.
    pub present: Option<String>,
    /// Significant (goes into the chronology).
    #[serde(default)]
    pub significant: bool,
    /// Left as a draft.
    #[serde(default)]
    pub draft: bool,
    /// The text.
    pub text: String,
    /// Addenda (final notes only).
    #[serde(default)]
    pub addendum: Vec<DemoAddendum>,
}

/// An addendum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoAddendum {
    /// Days after the note it was written.
    #[serde(default = "one")]
    pub after: i64,
    /// Why.
    pub reason: String,
    /// Text.
    pub text: String,
}

fn one() -> i64 {
    1
}

/// A care plan version.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoPlan {
    /// Day written (offset).
    pub day: i64,
    /// Needs.
    pub needs: String,
    /// Outcomes.
    pub outcomes: String,
    /// Strengths.
    pub strengths: String,
    /// Crisis plan.
    pub crisis: String,
    /// Next review (offset).
    pub review: Option<i64>,
    /// Actions agreed.
    #[serde(default)]
    pub action: Vec<DemoPlanAction>,
}

/// An action agreed in a care plan.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoPlanAction {
    /// What.
    pub what: String,
    /// Who.
    pub owner: String,
    /// Due (offset).
    pub due: Option<i64>,
    /// Done (offset).
    pub done: Option<i64>,
}

/// A legal episode.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoEpisode {
    /// Framework.
    pub kind: EpisodeKind,
    /// Start (offset).
    pub start: i64,
    /// End (offset).
    pub end: Option<i64>,
    /// Notes.
    pub notes: Option<String>,
}

/// A deadline.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoDeadline {
    /// What.
    pub what: String,
    /// Due (offset).
    pub due: i64,
    /// Warning window opens (offset).
    pub warn: Option<i64>,
    /// Done (offset, 0 or less).
    pub done: Option<i64>,
    /// Outcome.
    pub outcome: Option<String>,
    /// Rule id, for a statutory date.
    pub rule: Option<String>,
    /// The kind of the client's legal episode it belongs to (so completing
    /// it continues the rule's chain).
    pub episode: Option<EpisodeKind>,
    /// The rule's citation.
    pub source: Option<String>,
    /// Legal weight.
    pub weight: Option<i64>,
}

/// An action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoAction {
    /// What.
    pub what: String,
    /// Due (offset).
    pub due: Option<i64>,
    /// Done (offset, 0 or less).
    pub done: Option<i64>,
}

/// The demo caseload shipped in the binary.
pub const DEMO_TOML: &str = include_str!("../../data/demo.toml");

/// Parses the shipped demo file.
pub fn load() -> Result<DemoFile, toml::de::Error> {
    toml::from_str(DEMO_TOML)
}
