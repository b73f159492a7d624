//! `ImageKit::url` with arbitrary options (see `check_url_builder`), and pairs of signed paths
//! (see `check_signatures_differ`).
#![no_main]

#[path = "../../tests/properties/checks.rs"]
#[allow(dead_code)]
mod checks;

use std::sync::LazyLock;

use imagekitio::ImageKit;
use libfuzzer_sys::fuzz_target;

static IK: LazyLock<ImageKit> = LazyLock::new(|| {
    ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo").expect("a client")
});

fuzz_target!(|input: (checks::UrlInput, String, String)| {
    let (options, a, b) = input;
    checks::check_url_builder(&IK, options);
    checks::check_signatures_differ(&IK, &a, &b);
});
