//! Procedural macros of the [`imagekitio`](https://docs.rs/imagekitio) crate: `transform!`,
//! ImageKit transformations checked at compile time.
//!
//! Use it through `imagekitio::transform!`; its documentation, with examples, is there. This
//! crate only parses and checks: the vocabulary it checks against is generated from
//! `openapi/transformations.yaml` into `vocabulary.rs`.

use proc_macro::TokenStream;

mod expand;
mod overlay;
use imagekitio_grammar as shared;
#[rustfmt::skip]
#[allow(dead_code)]
mod vocabulary;

/// Checks an ImageKit transformation at compile time and renders it.
///
/// See `imagekitio::transform!` for the syntax and examples. With only literal values it
/// expands to a `Transformation` usable in a `const`; with any other expression, to a
/// `Result<Transformation, imagekitio::Error>` checked at run time.
#[proc_macro]
pub fn transform(input: TokenStream) -> TokenStream {
    match syn::parse::<expand::Chain>(input) {
        Ok(chain) => expand::expand(&chain).into(),
        Err(error) => {
            let error = error.to_compile_error();
            quote::quote!({ #error ::imagekitio::Transformation::from_static("") }).into()
        }
    }
}
