//! Procedural macros of the [`imagekitio`](https://docs.rs/imagekitio) crate.
//!
//! The `transform!` macro, which checks ImageKit transformations at compile time, lives here.
