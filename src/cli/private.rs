//! What the command line writes stays the practitioner's: standard output
//! redirected into a file others could read is made private before the
//! first byte, and an export of the whole caseload in plain text says so
//! once, pointing at the encrypted copy.

use crate::platform::perms;

/// Makes standard output private when it is the user's own file and others
/// could read it, saying so on standard error (never what it holds).
pub fn stdout_private() {
    match perms::restrict_stdout() {
        Ok(true) => eprintln!(
            "caseload: the file standard output goes to could be read by others; \
             it is now readable by you only (0600)"
        ),
        Ok(false) => {}
        Err(e) => eprintln!(
            "caseload: could not make the file standard output goes to private ({e}); \
             check who can read it"
        ),
    }
}

/// The warning for a document holding every client's records, unencrypted.
pub const WHOLE_CASELOAD: &str = "caseload: this export holds the records of every client \
     in the caseload, unencrypted: keep it off shared and synced folders and delete it when done; \
     to move a caseload to another laptop or a colleague, use `caseload backup PATH` \
     (an encrypted copy)";

/// Says once, on standard error, that the export holds every client's records unencrypted.
pub fn warn_whole_caseload() {
    eprintln!("{WHOLE_CASELOAD}");
}
