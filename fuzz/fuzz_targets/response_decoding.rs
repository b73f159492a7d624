//! Arbitrary bytes as every response type and webhook event (see `check_response_decoding`).
#![no_main]

#[path = "../../tests/properties/checks.rs"]
#[allow(dead_code)]
mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| checks::check_response_decoding(bytes));
