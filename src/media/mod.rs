//! The Media API: one file per family of calls, each an `impl ImageKit` block over the
//! generated client, sent through [`crate::ImageKit`]'s transport like every other call.
//!
//! Files and their versions, folders, the CDN cache, metadata, custom metadata fields, and the
//! account-level resources (named transformations, saved extensions, origins, URL endpoints,
//! usage).

mod cache;
mod custom_metadata;
mod files;
mod folders;
mod metadata;
mod named_transformations;
mod origins;
mod pages;
mod saved_extensions;
mod url_endpoints;
mod usage;
mod versions;

pub use custom_metadata::CustomMetadataFieldsOptions;
pub use files::{CopyFileOptions, ListFilesOptions, RenameFileOptions, UpdateFileDetails};
pub use folders::{CopyFolderOptions, RenameFolderOptions};
