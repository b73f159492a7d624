//! URL generation and signing: one test binary, a module per concern, and `conformance` for
//! the vectors of ImageKit's Python SDK. (`url_allocations` keeps its own binary: it installs a
//! counting global allocator.)

mod conformance;
mod generation;
mod properties;
mod schema;
mod transformations;
