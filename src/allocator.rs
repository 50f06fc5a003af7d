//! How the binary's allocator, mimalloc (`main.rs`), gives memory back to the system.
//!
//! mimalloc keeps the pages it frees for 10 ms before handing them back, and only
//! hands them back when the thread that freed them allocates again. A tokio worker
//! that built an export and went idle kept its pages, so each export and report
//! began from the memory the previous one left. Handing pages back at once took the
//! export's peak at 100,000 participants from 92-105 MB to 80-88 MB over three runs
//! in one process, and left 61-68 MB instead of 69-89 MB afterwards; the bot's CPU per
//! update did not change (docs/benchmarks.md).

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

/// `mi_option_purge_delay` in mimalloc v2's `mi_option_e` (`mimalloc.h`), which
/// `libmimalloc-sys` does not name. A unit test checks it is the option whose
/// default is 10 ms.
const PURGE_DELAY: mi_option_t = 15;

/// Makes mimalloc hand freed pages back to the system at once. Call it first in
/// `main`, before any thread is started. Without mimalloc as the global allocator
/// (the tests) it only sets an option nothing reads.
pub fn return_freed_pages_at_once() {
    // SAFETY: stores an integer in mimalloc's table of options; no pointer is involved.
    unsafe { mi_option_set(PURGE_DELAY, 0) }
}

/// mimalloc's purge delay now, in milliseconds.
pub fn purge_delay_ms() -> std::ffi::c_long {
    // SAFETY: reads an integer from mimalloc's table of options.
    unsafe { mi_option_get(PURGE_DELAY) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index is the purge delay's: its default is 10 ms, and its neighbours'
    /// defaults (eager_commit_delay 1, use_numa_nodes 0) are not. The test
    /// binary never calls [`return_freed_pages_at_once`] before this runs.
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads integers from mimalloc's table of options.
        let (before, after) = unsafe { (mi_option_get(PURGE_DELAY - 1), mi_option_get(PURGE_DELAY + 1)) };
        assert_eq!((before, purge_delay_ms(), after), (1, 10, 0));
        return_freed_pages_at_once();
        assert_eq!(purge_delay_ms(), 0);
    }
}
