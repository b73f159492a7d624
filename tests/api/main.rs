//! The Media API, call by call, against a local mock of ImageKit: one test binary, a module per
//! family (and for errors, pagination and custom requests), and `spec` for the API description
//! the client is generated from.

#[path = "../common/mod.rs"]
mod common;

mod cache_metadata;
mod custom_metadata;
mod custom_requests;
mod errors;
mod files;
mod folders;
mod named_transformations;
mod origins;
mod pagination;
mod saved_extensions;
mod spec;
mod url_endpoints;
mod usage;
mod versions;
