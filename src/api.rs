//! The client generated from `openapi/imagekit.yaml` by progenitor, and its types.
//!
//! [`crate::ImageKit`] wraps every operation; use [`crate::ImageKit::api`] for the generated
//! calls themselves, and [`crate::ImageKit::request`] for calls the spec does not have.
// Generated code: its lints and docs are progenitor's, not this crate's.
#![allow(
    missing_docs,
    private_interfaces,
    clippy::all,
    rustdoc::all,
    unused_imports
)]

include!("generated/imagekit_api.rs");
