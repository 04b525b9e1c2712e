//! An allocator that counts: the system allocator, plus, for each thread, the bytes it holds now and
//! the most it held since [`reset_peak`]. The integration test binary declares it as its global
//! allocator so the fuzzer can check that memory stays linear in the input. The counts are per
//! thread because the other tests of the binary run beside the fuzzer: their allocations must not
//! count against its inputs (the pipeline it measures runs on the calling thread).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

pub struct Counting;

thread_local! {
    // Const-initialised `Cell`s of plain integers: reading them neither allocates nor registers a
    // destructor, which an allocator must not do. Signed, because a thread may free what another
    // allocated.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn size(bytes: usize) -> isize {
    isize::try_from(bytes).unwrap_or(isize::MAX)
}

fn grew(bytes: usize) {
    let live = LIVE.get().saturating_add(size(bytes));
    LIVE.set(live);
    PEAK.set(PEAK.get().max(live));
}

fn shrank(bytes: usize) {
    LIVE.set(LIVE.get().saturating_sub(size(bytes)));
}

// SAFETY: every call goes to `System` with the caller's layout unchanged; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as received.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        new
    }
}

/// Starts a new measurement on this thread: its peak becomes what it holds now.
pub fn reset_peak() {
    PEAK.set(LIVE.get());
}

/// The most bytes this thread held since [`reset_peak`], over what it held then (`start`).
pub fn peak_since(start: isize) -> usize {
    usize::try_from(PEAK.get().saturating_sub(start)).unwrap_or(0)
}

/// The bytes this thread holds now (allocated on it and not yet freed), less what it freed of other
/// threads' allocations.
pub fn live() -> isize {
    LIVE.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What other tests of the binary allocate meanwhile is not part of a measurement.
    #[test]
    fn another_threads_allocation_is_not_counted() {
        let start = live();
        reset_peak();
        let other = std::thread::spawn(|| vec![1u8; 64 << 20].len());
        assert_eq!(other.join().unwrap(), 64 << 20);
        assert!(
            peak_since(start) < 1 << 20,
            "peak {} bytes",
            peak_since(start)
        );
    }

    #[test]
    fn this_threads_allocation_is_counted() {
        let start = live();
        reset_peak();
        let held = std::hint::black_box(vec![1u8; 8 << 20]);
        assert!(peak_since(start) >= 8 << 20);
        drop(held);
    }
}
