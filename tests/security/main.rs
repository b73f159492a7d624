//! What the crate refuses to trust, through the public API: hostile networks, hostile input,
//! forged webhooks, and any output that could carry the private key. One binary, a module per
//! concern; `secrets` installs its one global `tracing` subscriber, so no other module may.

#[path = "../common/mod.rs"]
mod common;

mod input;
mod network;
mod secrets;
mod webhooks;

use imagekitio::ImageKit;

fn ik() -> ImageKit {
    ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo").unwrap()
}
