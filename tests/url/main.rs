//! URL generation and signing: one test binary, a module per concern. (`url_allocations`
//! keeps its own binary: it installs a counting global allocator.)

mod generation;
mod properties;
mod schema;
mod transformations;
