//! The Rust SDK for [ImageKit.io](https://imagekit.io): URL generation and signing, uploads,
//! and every call of the Media API.
#![warn(missing_docs)]

mod cache;
mod client;
mod custom_metadata;
mod encode;
mod error;
mod files;
mod folders;
mod metadata;
mod named_transformations;
mod origins;
mod phash;
mod response;
mod saved_extensions;
mod signing;
mod transformation;
mod transport;
mod upload;
mod url;
mod url_endpoints;
mod usage;
mod versions;
pub mod webhooks;

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
pub use custom_metadata::CustomMetadataFieldsOptions;
pub use error::{ApiError, DecodeError, Error, RateLimit};
pub use files::{CopyFileOptions, ListFilesOptions, RenameFileOptions, UpdateFileDetails};
pub use phash::phash_distance;
pub use response::{Response, ResponseMetadata};
pub use signing::AuthenticationParameters;
pub use transformation::{Transformation, TransformationPosition};
pub use upload::{Progress, UploadOptions, UploadSource};
pub use url::UrlOptions;

/// Compiles (and runs, where they do no I/O) the README's examples, so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
