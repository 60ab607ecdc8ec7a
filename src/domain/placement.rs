//! Where a looked-after child lives: a placement, its type, carer, address
//! and legal basis, from its start to its end. The visiting duty (Care
//! Planning, Placement and Case Review (England) Regulations 2010 reg 28)
//! comes from the current placement's type: the rules in
//! `data/rules/children.toml` name the types each paragraph covers.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::ValidationError;
use super::validate::{self, MAX_NAME, MAX_SHORT};

crate::string_enum! {
    /// The kind of placement, as the visiting duty tells them apart.
    pub enum PlacementType {
        /// With local authority foster parents (reg 22).
        Foster => ("foster", "Foster care"),
        /// With a connected person approved as a foster parent.
        ConnectedPerson => ("connected-person", "Connected person (approved)"),
        /// With a connected person under temporary approval (reg 24).
        TemporaryConnectedPerson => ("temporary-connected-person", "Connected person, temporary approval (reg 24)"),
        /// With a parent before the assessment is completed (reg 19).
        ParentBeforeAssessment => ("parent-before-assessment", "With a parent before assessment (reg 19)"),
        /// With a parent under an interim care order (Children Act 1989 s38).
        ParentInterimOrder => ("parent-interim-order", "With a parent, interim care order (s38)"),
        /// With a parent under a care order (Children Act 1989 s31).
        ParentCareOrder => ("parent-care-order", "With a parent, care order (s31)"),
        /// In a children's home.
        Residential => ("residential", "Children's home"),
        /// In secure accommodation.
        Secure => ("secure", "Secure accommodation"),
        /// Living in hospital (another person arranges where the child lives).
        Hospital => ("hospital", "Hospital"),
        /// Other arrangements (Children Act 1989 s22C(6)(d)).
        OtherArrangements => ("other-arrangements", "Other arrangements (s22C(6)(d))"),
    }
}

/// A placement as entered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewPlacement {
    /// The child.
    pub client_id: i64,
    /// The type (none only before validation).
    pub kind: Option<PlacementType>,
    /// The day the child moved in.
    pub start_on: Option<NaiveDate>,
    /// Intended to last until the child is 18 (reg 28(2)(c)(i)).
    pub long_term: bool,
    /// The carer (a foster carer, a parent, the home).
    pub carer: Option<String>,
    /// Where the child lives.
    pub address: Option<String>,
    /// The legal basis (s20, interim care order, care order…), in words.
    pub legal_basis: Option<String>,
}

/// A placement as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    /// Its id.
    pub id: i64,
    /// The child.
    pub client_id: i64,
    /// The type.
    #[serde(rename = "type")]
    pub kind: PlacementType,
    /// The day the child moved in.
    pub start_on: NaiveDate,
    /// The day it ended, if it has.
    pub end_on: Option<NaiveDate>,
    /// Why it ended.
    pub end_reason: Option<String>,
    /// Intended to last until the child is 18.
    pub long_term: bool,
    /// The carer.
    pub carer: Option<String>,
    /// Where the child lives.
    pub address: Option<String>,
    /// The legal basis, in words.
    pub legal_basis: Option<String>,
    /// When it was entered.
    pub created_at: NaiveDateTime,
}

impl Placement {
    /// Whether the child lives there on `day`.
    #[must_use]
    pub fn current_on(&self, day: NaiveDate) -> bool {
        self.start_on <= day && self.end_on.is_none_or(|end| day < end)
    }
}

/// A checked placement: type and start present, texts trimmed and bounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPlacement {
    /// The child.
    pub client_id: i64,
    /// The type.
    pub kind: PlacementType,
    /// The day the child moved in.
    pub start_on: NaiveDate,
    /// Intended to last until the child is 18.
    pub long_term: bool,
    /// The carer.
    pub carer: Option<String>,
    /// Where the child lives.
    pub address: Option<String>,
    /// The legal basis.
    pub legal_basis: Option<String>,
}

impl NewPlacement {
    /// Checks the placement: a type and a start are needed.
    pub fn validate(&self) -> Result<ValidPlacement, ValidationError> {
        let kind = self.kind.ok_or_else(|| {
            ValidationError::new(
                "type",
                format!("give the placement type: {}", PlacementType::codes()),
            )
        })?;
        let start_on = self
            .start_on
            .ok_or_else(|| ValidationError::new("start", "give the day the placement began"))?;
        Ok(ValidPlacement {
            client_id: self.client_id,
            kind,
            start_on,
            long_term: self.long_term,
            carer: validate::optional("carer", self.carer.as_deref(), MAX_NAME)?,
            address: validate::optional("address", self.address.as_deref(), MAX_SHORT)?,
            legal_basis: validate::optional("legal basis", self.legal_basis.as_deref(), MAX_SHORT)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_read_from_their_codes() {
        let t: PlacementType = "temporary-connected-person".parse().unwrap();
        assert_eq!(t, PlacementType::TemporaryConnectedPerson);
        assert!("kinship".parse::<PlacementType>().is_err());
    }

    #[test]
    fn a_placement_needs_a_type_and_a_start() {
        let p = NewPlacement {
            client_id: 1,
            ..NewPlacement::default()
        };
        assert_eq!(p.validate().unwrap_err().field, "type");
        let p = NewPlacement {
            kind: Some(PlacementType::Foster),
            ..p
        };
        assert_eq!(p.validate().unwrap_err().field, "start");
    }
}
