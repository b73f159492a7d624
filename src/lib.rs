//! The Rust SDK for [ImageKit.io](https://imagekit.io): URL generation and signing, uploads,
//! and every call of the Media API.
#![warn(missing_docs)]

mod client;
mod error;
mod files;
mod response;
mod transport;

/// The client generated from `openapi/imagekit.yaml` by progenitor, and its types.
///
/// [`ImageKit`] wraps every operation; use [`ImageKit::api`] for anything it does not.
#[allow(
    missing_docs,
    private_interfaces,
    clippy::all,
    rustdoc::all,
    unused_imports
)]
pub mod api {
    include!(concat!(env!("OUT_DIR"), "/imagekit_api.rs"));
}

pub use client::{ImageKit, ImageKitBuilder};
pub use error::{ApiError, DecodeError, Error, RateLimit};
pub use files::UpdateFileDetails;
pub use response::{Response, ResponseMetadata};
