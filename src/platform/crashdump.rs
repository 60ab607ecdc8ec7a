//! Keeping a crash from writing the decrypted caseload (or the key) to disk.
//!
//! Unix: the core-dump size limit is set to zero. Windows: the fault dialog
//! and Windows Error Reporting's prompts are switched off for this process
//! (`SetErrorMode`), any report Windows still makes leaves out the heap,
//! where decrypted records live (`WerSetFlags(NOHEAP)`), and the program is
//! excluded from Windows Error Reporting for the current user
//! (`WerAddExcludedApplication`, which needs no administrator rights). A
//! dump that an administrator forces machine-wide (`LocalDumps` in HKLM)
//! is beyond what a program may override.

/// Turns crash dumps off as far as the platform lets a program do so for
/// itself. Returns whether every step took effect.
pub fn disable() -> bool {
    imp::disable()
}

/// Whether this process is now kept from writing crash dumps (read back
/// from the operating system, for tests and the log).
#[must_use]
pub fn disabled() -> bool {
    imp::disabled()
}

#[cfg(unix)]
mod imp {
    pub(super) fn disable() -> bool {
        let zero = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: setrlimit reads the struct we pass and has no other effect
        // on this process's memory.
        unsafe { libc::setrlimit(libc::RLIMIT_CORE, &raw const zero) == 0 }
    }

    pub(super) fn disabled() -> bool {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes into the struct we own.
        let rc = unsafe { libc::getrlimit(libc::RLIMIT_CORE, &raw mut lim) };
        rc == 0 && lim.rlim_cur == 0
    }
}

#[cfg(windows)]
mod imp {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::System::Diagnostics::Debug::{
        GetErrorMode, SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX, SEM_NOOPENFILEERRORBOX,
        SetErrorMode,
    };
    use windows_sys::Win32::System::ErrorReporting::{
        WER_FAULT_REPORTING_FLAG_NOHEAP, WerAddExcludedApplication, WerSetFlags,
    };

    const MODE: u32 = SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX;

    pub(super) fn disable() -> bool {
        // SAFETY: these calls take plain flags and change only this
        // process's error-reporting settings.
        let heap_left_out = unsafe {
            SetErrorMode(MODE);
            WerSetFlags(WER_FAULT_REPORTING_FLAG_NOHEAP) >= 0
        };
        heap_left_out && exclude_from_wer()
    }

    /// Excludes this program's file name from Windows Error Reporting for
    /// the current user (a per-user registry entry, no administrator rights).
    fn exclude_from_wer() -> bool {
        let Some(name) = std::env::current_exe()
            .ok()
            .and_then(|p| p.file_name().map(std::ffi::OsStr::to_owned))
        else {
            return false;
        };
        let wide: Vec<u16> = name.encode_wide().chain(std::iter::once(0)).collect();
        // SAFETY: `wide` is a NUL-terminated UTF-16 string that outlives the call.
        unsafe { WerAddExcludedApplication(wide.as_ptr(), 0) >= 0 }
    }

    pub(super) fn disabled() -> bool {
        // SAFETY: GetErrorMode only reads this process's error mode.
        let mode = unsafe { GetErrorMode() };
        mode & MODE == MODE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crash_dumps_are_off_after_disabling() {
        assert!(disable());
        assert!(disabled());
    }
}
