//! A URL built with a prebuilt `Transformation` allocates only its output `String`.
//!
//! Counted with a global allocator that counts only on the thread that asked, so the test
//! harness's own threads do not disturb the count.

use std::{
    alloc::{GlobalAlloc, Layout, System},
    cell::Cell,
};

use imagekitio::{ImageKit, Transformation, UrlOptions};

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counters are
// thread-local cells that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCATIONS.with(|n| n.set(n.get() + 1));
        }
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCATIONS.with(|n| n.set(n.get() + 1));
        }
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn allocations_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|c| c.set(true));
    let out = f();
    COUNTING.with(|c| c.set(false));
    (out, ALLOCATIONS.with(Cell::get))
}

const TWO_STEPS: Transformation = Transformation::from_static("h-300,w-400:rt-90");

#[test]
fn prebuilt_transformation_urls_allocate_only_the_output_string() {
    let ik = ImageKit::new("public", "private", "https://ik.imagekit.io/demo").expect("client");
    let cases = [
        UrlOptions::path("/folder/a.jpg").transformation(TWO_STEPS),
        UrlOptions::path("/folder/a.jpg")
            .transformation(TWO_STEPS)
            .query_parameter("v", "2"),
        UrlOptions::path("/folder/a.jpg")
            .transformation(TWO_STEPS)
            .expire_at(1_900_000_000),
        UrlOptions::path("/folder/a.jpg")
            .transformation(TWO_STEPS)
            .expire_seconds(300),
    ];
    for options in &cases {
        let (url, allocations) = allocations_of(|| ik.url(options));
        let url = url.expect("valid options");
        assert_eq!(allocations, 1, "{url} took {allocations} allocations");
    }
}
