//! `ImageKit::url` with arbitrary options (see `check_url_builder`).
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

fuzz_target!(|input: checks::UrlInput| checks::check_url_builder(&IK, input));
