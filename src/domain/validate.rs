//! Input checks shared by every form and subcommand. Each failure names the
//! field and says what is wrong in words a practitioner understands; the
//! offending text itself is never echoed (it may be personal).

use chrono::NaiveDate;
use thiserror::Error;

/// The most characters a name-like field may hold.
pub const MAX_NAME: usize = 200;
/// The most characters a short free-text field (address, reason, what) may hold.
pub const MAX_SHORT: usize = 2_000;
/// The most characters a long free-text field (a note body, a plan) may hold.
pub const MAX_LONG: usize = 200_000;

/// Why an input was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {problem}")]
pub struct ValidationError {
    /// The field, as the practitioner sees it named.
    pub field: &'static str,
    /// What is wrong with it.
    pub problem: String,
}

impl ValidationError {
    /// A refusal of `field` for `problem`.
    pub fn new(field: &'static str, problem: impl Into<String>) -> Self {
        Self {
            field,
            problem: problem.into(),
        }
    }
}

/// A required single-line field: trimmed, not empty, not longer than `max`.
pub fn required(field: &'static str, value: &str, max: usize) -> Result<String, ValidationError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    limit(field, v, max)?;
    Ok(v.to_string())
}

/// An optional field: blank becomes `None`; otherwise trimmed and length-checked.
pub fn optional(
    field: &'static str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, ValidationError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => {
            limit(field, v, max)?;
            Ok(Some(v.to_string()))
        }
    }
}

/// Refuses text longer than `max` characters.
pub fn limit(field: &'static str, value: &str, max: usize) -> Result<(), ValidationError> {
    // Count lazily so a 10 MB paste is refused without walking all of it.
    if value.chars().nth(max).is_some() {
        return Err(ValidationError::new(
            field,
            format!("is too long (at most {max} characters)"),
        ));
    }
    Ok(())
}

/// A date of birth: a real date, not in the future, not absurdly long ago.
pub fn date_of_birth(dob: NaiveDate, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    if dob > today {
        return Err(ValidationError::new("date of birth", "is in the future"));
    }
    if let Some(oldest) = today.checked_sub_months(chrono::Months::new(130 * 12))
        && dob < oldest
    {
        return Err(ValidationError::new(
            "date of birth",
            "is more than 130 years ago",
        ));
    }
    Ok(dob)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_huge_names_are_refused() {
        assert!(required("given name", "   ", MAX_NAME).is_err());
        let huge = "x".repeat(10 * 1024 * 1024);
        let err = required("given name", &huge, MAX_NAME).unwrap_err();
        assert!(err.problem.contains("too long"));
        assert!(!err.to_string().contains("xxxx"), "must not echo the text");
    }

    #[test]
    fn future_birth_dates_are_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let tomorrow = today.succ_opt().unwrap();
        assert!(date_of_birth(tomorrow, today).is_err());
        assert!(date_of_birth(today, today).is_ok());
    }
}
