//! What a new passphrase must be: long enough, and not one of the handful
//! every guessing tool tries first.

use secrecy::{ExposeSecret, SecretString};

use super::PassphraseError;

/// The length a new passphrase should have (characters).
pub const MIN_LEN: usize = 12;

/// The fewest characters accepted at all; 8–11 are accepted with a warning.
pub const MIN_LEN_WITH_WARNING: usize = 8;

/// Printed when an 8–11 character passphrase is accepted.
pub const SHORT_WARNING: &str = "warning: this passphrase is shorter than 12 characters. \
It is accepted, but a stolen laptop gives an attacker unlimited time to guess; \
consider changing it with `caseload passwd` to a few unrelated words.";

/// Common passphrases refused outright (compared lower-cased, spaces
/// removed): the top of the public breach lists, plus the obvious ones for
/// this program and this work.
const DENY_LIST: &[&str] = &[
    "password",
    "password1",
    "password12",
    "password123",
    "password1234",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "12345678",
    "123456789",
    "1234567890",
    "123456789012",
    "87654321",
    "11111111",
    "000000000000",
    "qwertyuiop",
    "qwerty123",
    "qwerty12345",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "abcd1234",
    "abc12345",
    "iloveyou",
    "iloveyou1",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "superman",
    "trustno1",
    "letmein1",
    "letmein123",
    "welcome1",
    "welcome123",
    "changeme",
    "changeme123",
    "monkey123",
    "dragon123",
    "whatever",
    "caseload",
    "caseload123",
    "caseloadpassword",
    "socialwork",
    "socialworker",
    "socialwork123",
    "safeguarding",
    "confidential",
    "correcthorsebatterystaple",
];

/// How a new passphrase that passed the policy rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// At least [`MIN_LEN`] characters.
    Good,
    /// 8–11 characters: accepted with [`SHORT_WARNING`].
    Short,
}

/// Checks a new passphrase: refuses fewer than 8 characters and common
/// passphrases; rates 8–11 characters as [`Strength::Short`].
pub fn check_new(p: &SecretString) -> Result<Strength, PassphraseError> {
    let text = p.expose_secret();
    let len = text.chars().count();
    if len < MIN_LEN_WITH_WARNING || text.trim().is_empty() {
        return Err(PassphraseError::TooShort);
    }
    if is_common(text) {
        return Err(PassphraseError::Common);
    }
    Ok(if len < MIN_LEN {
        Strength::Short
    } else {
        Strength::Good
    })
}

/// Whether `text` is on the deny-list, or a single character repeated.
fn is_common(text: &str) -> bool {
    let folded: zeroize::Zeroizing<String> = zeroize::Zeroizing::new(
        text.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect(),
    );
    let mut chars = folded.chars();
    let repeated = match chars.next() {
        Some(first) => chars.all(|c| c == first),
        None => true,
    };
    repeated || DENY_LIST.contains(&folded.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) -> Result<Strength, PassphraseError> {
        check_new(&SecretString::from(s))
    }

    #[test]
    fn twelve_characters_are_good() {
        assert_eq!(check("blue kettle river").unwrap(), Strength::Good);
        assert_eq!(check("abcdefghijkl").unwrap(), Strength::Good);
    }

    #[test]
    fn eight_to_eleven_are_accepted_with_a_warning() {
        assert_eq!(check("kettle42").unwrap(), Strength::Short);
        assert_eq!(check("kettle42xyz").unwrap(), Strength::Short);
    }

    #[test]
    fn under_eight_is_refused() {
        assert!(matches!(check("kettle4"), Err(PassphraseError::TooShort)));
        assert!(matches!(check(""), Err(PassphraseError::TooShort)));
        assert!(matches!(check("        "), Err(PassphraseError::TooShort)));
    }

    #[test]
    fn common_ones_are_refused_whatever_the_case_and_spacing() {
        for p in [
            "password",
            "Password123",
            "QWERTYUIOP",
            "Correct Horse Battery Staple",
            "caseload123",
            "aaaaaaaaaaaaaa",
        ] {
            assert!(matches!(check(p), Err(PassphraseError::Common)), "{p}");
        }
    }

    #[test]
    fn the_deny_list_is_folded_and_long_enough_to_matter() {
        for p in DENY_LIST {
            assert_eq!(*p, p.to_lowercase());
            assert!(!p.contains(' '));
            assert!(p.chars().count() >= MIN_LEN_WITH_WARNING, "{p}");
        }
    }
}
