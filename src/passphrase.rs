//! Getting the passphrase: from `CASELOAD_PASSPHRASE` for scripts, else a
//! prompt on the terminal. The passphrase lives in a `SecretString`, zeroed
//! when dropped, and is never written anywhere.
//!
//! `CASELOAD_PASSPHRASE` is for scripts and tests. Its risk: any process of
//! the same user can read another's environment (`/proc/PID/environ`), and a
//! passphrase typed as `CASELOAD_PASSPHRASE=… caseload …` lands in the shell
//! history. Prefer the prompt; if a script must use it, read it from a file
//! only you can read, and never export it in a shell profile.

pub mod policy;

use secrecy::{ExposeSecret, SecretString};

pub use policy::{MIN_LEN, MIN_LEN_WITH_WARNING, Strength, check_new};

/// Environment variable a script may set to supply the passphrase.
pub const PASSPHRASE_ENV: &str = "CASELOAD_PASSPHRASE";

/// Why a passphrase could not be had.
#[derive(Debug, thiserror::Error)]
pub enum PassphraseError {
    /// Nothing to read it from.
    #[error(
        "a passphrase is needed: run caseload in a terminal, or set CASELOAD_PASSPHRASE for scripts"
    )]
    NoTerminal,
    /// The two entries differed.
    #[error("the two passphrases did not match; nothing was changed")]
    Mismatch,
    /// Too short.
    #[error(
        "that passphrase is too short: use at least {MIN_LEN} characters \
         (a few unrelated words make a good one); nothing was changed"
    )]
    TooShort,
    /// On the deny-list of common passphrases.
    #[error(
        "that passphrase is one of the most common ones and would be guessed at once; \
         choose another (nothing was changed)"
    )]
    Common,
    /// The new passphrase is the same as the current one.
    #[error("the new passphrase is the same as the current one; nothing was changed")]
    Unchanged,
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
    prompt_terminal(prompt)
}

/// Asks on the terminal only, never the environment.
fn prompt_terminal(prompt: &str) -> Result<SecretString, PassphraseError> {
    rpassword::prompt_password(prompt)
        .map(SecretString::from)
        .map_err(|_| PassphraseError::NoTerminal)
}

/// Asks for a new passphrase twice on the terminal (or reads it once from
/// `env_var` for scripts), checks it against the policy, and prints the
/// warning for an 8–11 character passphrase on stderr.
pub fn ask_new_from(env_var: &str) -> Result<SecretString, PassphraseError> {
    let from_env = std::env::var(env_var)
        .ok()
        .filter(|p| !p.is_empty())
        .map(SecretString::from);
    let first = match from_env {
        Some(p) => p,
        None => {
            let a = prompt_terminal("New passphrase: ")?;
            let b = prompt_terminal("Repeat the new passphrase: ")?;
            confirm(&a, &b)?;
            a
        }
    };
    if check_new(&first)? == Strength::Short {
        eprintln!("{}", policy::SHORT_WARNING);
    }
    Ok(first)
}

/// Asks for a new passphrase (see [`ask_new_from`]), from `CASELOAD_PASSPHRASE`.
pub fn ask_new() -> Result<SecretString, PassphraseError> {
    ask_new_from(PASSPHRASE_ENV)
}

/// Checks the two entries of a new passphrase are the same.
pub fn confirm(first: &SecretString, second: &SecretString) -> Result<(), PassphraseError> {
    if first.expose_secret() == second.expose_secret() {
        Ok(())
    } else {
        Err(PassphraseError::Mismatch)
    }
}
