//! `caseload … | head` ends quietly, as other command-line tools do,
//! instead of panicking when the reader goes away.

/// Restores the default SIGPIPE disposition on Unix. Windows has no
/// SIGPIPE: a closed pipe is an ordinary write error there.
pub fn restore_default() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any other thread exists;
    // resetting SIGPIPE to its default has no other effect on this process.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
