//! The typed builder: [`Transformation::builder`], one method per name of the vocabulary,
//! generated from `openapi/transformations.yaml` by `codegen/`, and enums for the names that take a
//! closed list of strings.
//!
//! Values are checked with the rules `transform!` applies at compile time (ranges, lists,
//! characters that would break the URL); the first invalid one makes [`build`] fail.
//!
//! [`build`]: TransformationBuilder::build

use super::{
    Transformation,
    chain::{Accept, Bool, BoolOrNumber, BoolOrText, Chain, Number, NumberOrText, Text, arg},
    shared::vocabulary,
};
use crate::Error;

/// Builds a [`Transformation`] step by step with typed, checked values.
///
/// ```
/// use imagekitio::{Transformation, builder::Crop};
///
/// let t = Transformation::builder()
///     .height(300)
///     .width(400)
///     .crop(Crop::AtMax)
///     .chain()
///     .rotation(90)
///     .build()?;
/// assert_eq!(t.as_str(), "h-300,w-400,c-at_max:rt-90");
///
/// assert!(Transformation::builder().quality(150).build().is_err());
/// # Ok::<(), imagekitio::Error>(())
/// ```
#[derive(Debug)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct TransformationBuilder {
    chain: Chain,
}

impl Transformation {
    /// Starts a [`TransformationBuilder`].
    ///
    /// ```
    /// let t = imagekitio::Transformation::builder().width(300).build()?;
    /// assert_eq!(t.as_str(), "w-300");
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn builder() -> TransformationBuilder {
        TransformationBuilder {
            // Room for a usual chain (`h-300,w-400:rt-90`), so that it is allocated once.
            chain: Chain::with_capacity(32),
        }
    }
}

impl TransformationBuilder {
    /// Ends the current step: what follows is applied after it (`:` in the URL).
    ///
    /// ```
    /// let t = imagekitio::Transformation::builder().width(300).chain().rotation(90).build()?;
    /// assert_eq!(t.as_str(), "w-300:rt-90");
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn chain(mut self) -> Self {
        self.chain.step();
        self
    }

    /// The rendered chain, or [`Error::InvalidInput`] naming the first invalid value.
    ///
    /// ```
    /// let error = imagekitio::Transformation::builder().blur(0).build().unwrap_err();
    /// assert!(error.to_string().contains("1..=100"));
    /// ```
    pub fn build(self) -> Result<Transformation, Error> {
        self.chain.finish()
    }
}

include!("../generated/builder.rs");
