//! Procedural macros of the [`imagekitio`](https://docs.rs/imagekitio) crate: `transform!`,
//! ImageKit transformations checked at compile time.
//!
//! Use it through `imagekitio::transform!`; its documentation, with examples, is there. The
//! entry point below only converts tokens: the syntax is read in `syntax`, checked and expanded
//! in `expand` (overlays in `overlay`), against the vocabulary and with the renderer of
//! `imagekitio-grammar`, so that all of it is tested as plain functions.

use proc_macro::TokenStream;

mod expand;
mod overlay;
mod syntax;
use imagekitio_grammar as shared;

/// Checks an ImageKit transformation at compile time and renders it.
///
/// See `imagekitio::transform!` for the syntax and examples. With only literal values it
/// expands to a `Transformation` usable in a `const`; with any other expression, to a
/// `Result<Transformation, imagekitio::Error>` checked at run time.
#[proc_macro]
pub fn transform(input: TokenStream) -> TokenStream {
    expand::transform(input.into()).into()
}
