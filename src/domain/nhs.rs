//! NHS numbers: ten digits, the last a modulus-11 check digit over the
//! first nine. Typed with spaces (`943 476 5919`) or hyphens; stored as the
//! ten digits, shown in the 3-3-4 groups the NHS prints.

use super::validate::ValidationError;

/// The field name every refusal carries (the TUI puts it beside the field).
pub const FIELD: &str = "NHS number";

/// The check digit the first nine digits call for; `None` when the
/// remainder makes 10 (no valid NHS number starts with those nine).
fn check_digit(first_nine: &[u32]) -> Option<u32> {
    let sum: u32 = first_nine
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        c => Some(c),
    }
}

/// Checks a typed NHS number and returns its ten digits. Spaces and hyphens
/// between digits are allowed; anything else, a wrong length or a wrong
/// check digit is refused with the reason (the number is never echoed).
pub fn parse(typed: &str) -> Result<String, ValidationError> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValidationError::new(
            FIELD,
            "should be 10 digits, for example 943 476 5919",
        ));
    }
    let nums: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if nums.len() != 10 {
        return Err(ValidationError::new(
            FIELD,
            format!(
                "should be 10 digits (this has {}), for example 943 476 5919",
                nums.len()
            ),
        ));
    }
    if check_digit(&nums[..9]) != Some(nums[9]) {
        return Err(ValidationError::new(
            FIELD,
            "wrong check digit (is a digit mistyped?): not a valid NHS number",
        ));
    }
    Ok(digits)
}

/// An optional NHS number: blank is `None`, anything else must pass [`parse`].
pub fn parse_opt(typed: Option<&str>) -> Result<Option<String>, ValidationError> {
    match typed.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => parse(t).map(Some),
    }
}

/// Ten stored digits as the NHS prints them, `943 476 5919`; anything
/// else (never stored by this program) as it is.
#[must_use]
pub fn display(digits: &str) -> String {
    if digits.len() == 10 && digits.chars().all(|c| c.is_ascii_digit()) {
        format!("{} {} {}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        digits.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_numbers_pass_with_or_without_spaces() {
        assert_eq!(parse("943 476 5919").unwrap(), "9434765919");
        assert_eq!(parse("9434765919").unwrap(), "9434765919");
        assert_eq!(parse(" 943-476-5919 ").unwrap(), "9434765919");
        assert_eq!(parse("401 023 2137").unwrap(), "4010232137");
        // A remainder of 0 calls for a check digit of 0, not 11.
        assert_eq!(parse("943 476 5080").unwrap(), "9434765080");
        assert_eq!(display("9434765919"), "943 476 5919");
    }

    #[test]
    fn a_wrong_check_digit_is_refused_without_echoing_the_number() {
        let err = parse("943 476 5918").unwrap_err();
        assert_eq!(err.field, FIELD);
        assert!(err.problem.contains("check digit"), "{err}");
        assert!(!err.to_string().contains("5918"));
        // Every single-digit slip of a good number is caught.
        let good: Vec<char> = "9434765919".chars().collect();
        for i in 0..10 {
            for d in '0'..='9' {
                if d == good[i] {
                    continue;
                }
                let mut bad = good.clone();
                bad[i] = d;
                let bad: String = bad.into_iter().collect();
                assert!(parse(&bad).is_err(), "{bad} should be refused");
            }
        }
    }

    #[test]
    fn wrong_lengths_and_letters_are_refused() {
        assert!(
            parse("943 476 591")
                .unwrap_err()
                .problem
                .contains("this has 9")
        );
        assert!(parse("943 476 59199").is_err());
        assert!(parse("NHS 943 476 5919").is_err());
        assert_eq!(parse_opt(Some("  ")).unwrap(), None);
        assert_eq!(parse_opt(None).unwrap(), None);
    }

    #[test]
    fn a_remainder_of_ten_is_never_valid() {
        // 1,0,0,0,0,0,0,0,1: 10 + 2 = 12, remainder 1, check 10: no number.
        assert_eq!(check_digit(&[1, 0, 0, 0, 0, 0, 0, 0, 1]), None);
        for last in 0..=9 {
            assert!(parse(&format!("100000001{last}")).is_err());
        }
    }
}
