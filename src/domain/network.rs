//! The people around a client: family, carers, professionals.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::validate::{self, MAX_NAME, MAX_SHORT, ValidationError};

/// A network member as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkMember {
    /// Database id.
    pub id: i64,
    /// Whose network.
    pub client_id: i64,
    /// Name.
    pub name: String,
    /// Role (GP, mother, advocate…).
    pub role: String,
    /// Organisation.
    pub organisation: Option<String>,
    /// Relationship to the client.
    pub relationship: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Whether the client consents to information being shared with them.
    pub consent_to_share: bool,
    /// Notes.
    pub notes: Option<String>,
    /// Archived (no longer involved); kept, not deleted.
    pub archived: bool,
    /// When recorded.
    pub created_at: NaiveDateTime,
}

/// A network member to add.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewNetworkMember {
    /// Whose network.
    pub client_id: i64,
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
    pub consent_to_share: bool,
    /// Notes.
    pub notes: Option<String>,
}

impl NetworkMember {
    /// The editable details as a [`NewNetworkMember`] (to change some and
    /// save), as `Client::to_new` does for a client.
    #[must_use]
    pub fn to_new(&self) -> NewNetworkMember {
        NewNetworkMember {
            client_id: self.client_id,
            name: self.name.clone(),
            role: self.role.clone(),
            organisation: self.organisation.clone(),
            relationship: self.relationship.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            consent_to_share: self.consent_to_share,
            notes: self.notes.clone(),
        }
    }
}

impl NewNetworkMember {
    /// Checks the fields.
    pub fn validate(&self) -> Result<NewNetworkMember, ValidationError> {
        Ok(NewNetworkMember {
            client_id: self.client_id,
            name: validate::required("name", &self.name, MAX_NAME)?,
            role: validate::optional("role", Some(&self.role), MAX_NAME)?.unwrap_or_default(),
            organisation: validate::optional(
                "organisation",
                self.organisation.as_deref(),
                MAX_NAME,
            )?,
            relationship: validate::optional(
                "relationship",
                self.relationship.as_deref(),
                MAX_NAME,
            )?,
            phone: validate::optional("phone", self.phone.as_deref(), MAX_NAME)?,
            email: validate::optional("email", self.email.as_deref(), MAX_NAME)?,
            consent_to_share: self.consent_to_share,
            notes: validate::optional("notes", self.notes.as_deref(), MAX_SHORT)?,
        })
    }
}
