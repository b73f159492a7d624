//! `webhooks::Verifier` with arbitrary secrets, bodies and headers (see `check_webhook_verifier`).
#![no_main]

#[path = "../../tests/properties/checks.rs"]
#[allow(dead_code)]
mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: checks::WebhookInput| checks::check_webhook_verifier(&input));
