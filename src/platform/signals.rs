//! SIGTERM, SIGHUP and SIGINT while the terminal UI is up: the first
//! stops the loop as `q` would, so open drafts are saved and the terminal is
//! put back (alternate screen left, cursor shown) before the program ends.
//! Without this, the default action killed the program at once and left the
//! open note on the screen with the cursor hidden. The handler only sets a
//! flag (all a signal handler may safely do); the loop, which wakes at least
//! every [`crate::tui::POLL`], reads it.
//!
//! Windows has no such signals for a console program; closing the console
//! window ends it as before.

use std::sync::atomic::{AtomicBool, Ordering};

static ASKED: AtomicBool = AtomicBool::new(false);

/// Catches the signals that ask the program to end; true when every handler
/// was installed (always false on Windows).
pub fn catch_termination() -> bool {
    imp::install()
}

/// Whether one of those signals has arrived since [`catch_termination`].
#[must_use]
pub fn termination_asked() -> bool {
    ASKED.load(Ordering::SeqCst)
}

#[cfg(unix)]
mod imp {
    use std::sync::atomic::Ordering;

    extern "C" fn on_signal(_: libc::c_int) {
        super::ASKED.store(true, Ordering::SeqCst);
    }

    pub(super) fn install() -> bool {
        [libc::SIGTERM, libc::SIGHUP, libc::SIGINT]
            .into_iter()
            .all(|signal| {
                // SAFETY: the handler only stores into an atomic, which is
                // async-signal-safe; the struct is zeroed, then filled in,
                // before sigaction reads it.
                unsafe {
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
                    libc::sigemptyset(&raw mut action.sa_mask);
                    action.sa_flags = libc::SA_RESTART;
                    libc::sigaction(signal, &raw const action, std::ptr::null_mut()) == 0
                }
            })
    }
}

#[cfg(not(unix))]
mod imp {
    pub(super) fn install() -> bool {
        false
    }
}
