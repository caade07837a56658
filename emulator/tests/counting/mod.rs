//! A global allocator that counts the bytes allocated and not yet freed: the exact measure of
//! what a data structure holds, for the memory tests and the footprint example (which includes
//! this file). It forwards everything to the system allocator.
#![allow(dead_code)] // each user reads its own subset

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

pub struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

/// Bytes allocated now.
pub fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

/// The most bytes allocated at once so far.
pub fn peak() -> isize {
    PEAK.load(Ordering::Relaxed)
}

fn add(bytes: isize) {
    let now = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn signed(size: usize) -> isize {
    isize::try_from(size).unwrap_or(isize::MAX)
}

// A global allocator is an unsafe trait; this one only forwards and counts.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(signed(layout.size()));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(signed(layout.size()));
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(-signed(layout.size()));
        // SAFETY: `ptr` came from this allocator with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(signed(new_size) - signed(layout.size()));
        // SAFETY: as for `dealloc`; the system allocator keeps the contents.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
