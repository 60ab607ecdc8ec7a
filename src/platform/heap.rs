//! The memory allocator set up for a program that mostly runs for a few
//! milliseconds (one command) and sometimes for hours (the TUI).
//!
//! A command over a large caseload touches several megabytes of fresh heap
//! (the due list of a 2,000-client caseload is 4,000 items), and with
//! glibc's defaults each 4 KiB page of it is one page fault, with large
//! blocks mapped and unmapped on their own and the heap grown and trimmed
//! in small steps: a sixth of `caseload due --json`'s time was the kernel
//! handing out pages. So, on Linux with glibc, before anything is
//! allocated in earnest:
//! - blocks up to 32 MiB come from the heap rather than their own mapping,
//!   and the heap is not trimmed until 64 MiB at its top are free;
//! - the heap grows once by 16 MiB, and that stretch is marked for
//!   transparent huge pages (`MADV_HUGEPAGE`), so the kernel may fill it
//!   2 MiB at a time (where it has no huge page free it uses small ones;
//!   where huge pages are turned off the advice does nothing).
//!
//! Nothing here changes what memory holds or who can read it: the key's
//! pages are still locked where they are locked, and core dumps stay off.
//! Elsewhere (Windows, other C libraries) this does nothing.

/// How far blocks are served from the heap rather than mapped alone.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MAPPED_FROM: i32 = 32 << 20;
/// Free space kept at the heap's top before any is given back.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIMMED_FROM: i32 = 64 << 20;
/// The first growth of the heap, marked for huge pages.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const FIRST_GROWTH: i32 = 16 << 20;
/// Each later growth beyond what was asked for.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const LATER_GROWTH: i32 = 4 << 20;

/// Sets the allocator up (call once, first thing in `main`, before any
/// thread starts). Failures are ignored: the defaults still work.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn tune() {
    // SAFETY: mallopt only sets glibc malloc's parameters; sbrk(0) reads
    // the current break; the block is allocated and freed at once; madvise
    // gives advice on the heap's own pages and changes none of their
    // contents. No other thread runs yet.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MAPPED_FROM);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIMMED_FROM);
        libc::mallopt(libc::M_TOP_PAD, FIRST_GROWTH);
        let before = libc::sbrk(0) as usize;
        // More than the heap's top can hold, so the heap grows now (kept
        // from the optimiser, which would drop an unused allocation).
        let block = std::hint::black_box(libc::malloc(1 << 20));
        libc::free(block);
        let after = libc::sbrk(0) as usize;
        libc::mallopt(libc::M_TOP_PAD, LATER_GROWTH);
        let page = 4096;
        let start = before.div_ceil(page) * page;
        if after > start {
            libc::madvise(
                start as *mut libc::c_void,
                after - start,
                libc::MADV_HUGEPAGE,
            );
        }
    }
}

/// Elsewhere the allocator's defaults are kept.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune() {}
