//! Getting the passphrase: from `CASELOAD_PASSPHRASE` for scripts, else a
//! prompt on the terminal. The passphrase lives in a `SecretString`, zeroed
//! when dropped, and is never written anywhere.

use secrecy::{ExposeSecret, SecretString};

/// Environment variable a script may set to supply the passphrase.
pub const PASSPHRASE_ENV: &str = "CASELOAD_PASSPHRASE";

/// The fewest characters a new passphrase may have.
pub const MIN_LEN: usize = 12;

/// Why a passphrase could not be had.
#[derive(Debug, thiserror::Error)]
pub enum PassphraseError {
    /// Nothing to read it from.
    #[error(
        "a passphrase is needed: run caseload in a terminal, or set CASELOAD_PASSPHRASE for scripts"
    )]
    NoTerminal,
    /// The two entries differed.
    #[error("the two passphrases did not match; nothing was created")]
    Mismatch,
    /// Too short.
    #[error("the passphrase must be at least {MIN_LEN} characters")]
    TooShort,
}

/// The passphrase from the environment, if set and non-empty.
#[must_use]
pub fn from_env() -> Option<SecretString> {
    std::env::var(PASSPHRASE_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .map(SecretString::from)
}

/// Asks once on the terminal (or reads the environment).
pub fn ask(prompt: &str) -> Result<SecretString, PassphraseError> {
    if let Some(p) = from_env() {
        return Ok(p);
    }
    rpassword::prompt_password(prompt)
        .map(SecretString::from)
        .map_err(|_| PassphraseError::NoTerminal)
}

/// Asks for a new passphrase twice (or reads the environment) and checks it.
pub fn ask_new() -> Result<SecretString, PassphraseError> {
    let first = match from_env() {
        Some(p) => p,
        None => {
            let a = ask("New passphrase: ")?;
            let b = ask("Repeat it: ")?;
            if a.expose_secret() != b.expose_secret() {
                return Err(PassphraseError::Mismatch);
            }
            a
        }
    };
    check_new(&first)?;
    Ok(first)
}

/// Checks a new passphrase's strength.
pub fn check_new(p: &SecretString) -> Result<(), PassphraseError> {
    if p.expose_secret().chars().count() < MIN_LEN {
        return Err(PassphraseError::TooShort);
    }
    Ok(())
}
