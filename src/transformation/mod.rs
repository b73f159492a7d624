//! [`Transformation`]: a rendered chain of ImageKit transformations, and
//! [`TransformationPosition`]: where it goes in a URL.
//!
//! The names, their URL parameters, the rules for values and the renderer are those of
//! `imagekitio-grammar`, whose table is generated from `openapi/transformations.yaml`.

use std::{borrow::Cow, fmt};

use serde::{Deserialize, Serialize};

pub mod builder;
pub mod chain;
mod layer;
mod render;
use imagekitio_grammar as shared;
mod steps;

/// The JSON Schema of the steps form, generated from `openapi/transformations.yaml` by `codegen/`.
#[cfg(feature = "schemars")]
mod json_schema {
    include!("../generated/json_schema.rs");
}

/// A chain of transformations, rendered once into the text ImageKit reads (`h-300,w-400:rt-90`).
///
/// Build one from the list-of-steps form that ImageKit's other SDKs use — each step an ordered
/// map from transformation name to value — with `serde`:
///
/// ```
/// use imagekitio::Transformation;
/// use serde_json::json;
///
/// let t: Transformation = serde_json::from_value(json!([
///     {"height": 300, "width": 400},
///     {"rotation": 90},
/// ]))?;
/// assert_eq!(t.as_str(), "h-300,w-400:rt-90");
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// Names are today's vocabulary and the seed SDK's table (`effect_sharpen`, `overlay_image`, ...),
/// each in snake_case or camelCase; unknown names pass through as `name-value`; `raw` is copied
/// as given; `overlay` takes a layer object (text, image, video, subtitles, solid colour). Values
/// pass through unchecked, as in ImageKit's other SDKs.
///
/// Rendering happens once: a `Transformation` kept in a `static`, a config struct or an
/// `Arc` adds nothing but its bytes to every URL built with it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Transformation(Cow<'static, str>);

impl Transformation {
    /// A transformation from text that is **already rendered** (`"h-300,w-400:rt-90"`), usable in
    /// a `const`. Nothing is checked: this is what `transform!` expands to after checking at
    /// compile time, and the way to reuse a string rendered elsewhere.
    ///
    /// ```
    /// use imagekitio::Transformation;
    ///
    /// const THUMBNAIL: Transformation = Transformation::from_static("w-200,h-200,c-at_max");
    /// assert_eq!(THUMBNAIL.as_str(), "w-200,h-200,c-at_max");
    /// ```
    pub const fn from_static(rendered: &'static str) -> Self {
        Self(Cow::Borrowed(rendered))
    }

    /// A transformation from already-rendered text built at run time; nothing is checked.
    ///
    /// ```
    /// let width = 320;
    /// let t = imagekitio::Transformation::from_rendered(format!("w-{width}"));
    /// assert_eq!(t.to_string(), "w-320");
    /// ```
    pub fn from_rendered(rendered: impl Into<String>) -> Self {
        Self(Cow::Owned(rendered.into()))
    }

    /// The rendered chain, as it appears after `tr:` or `tr=`.
    ///
    /// ```
    /// let t = imagekitio::Transformation::from_static("q-80");
    /// assert_eq!(t.as_str(), "q-80");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the chain renders to nothing (then URLs carry no `tr`).
    ///
    /// ```
    /// let t: imagekitio::Transformation = serde_json::from_str(r#"[{"width": null}]"#)?;
    /// assert!(t.is_empty());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Transformation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Transformation {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Serializes as the rendered text, which [`Transformation`]'s `Deserialize` reads back.
impl Serialize for Transformation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Where the transformation goes in a URL.
///
/// ```
/// use imagekitio::{ImageKit, TransformationPosition, UrlOptions, Transformation};
///
/// let ik = ImageKit::new("public", "private", "https://ik.imagekit.io/demo")?;
/// let options = UrlOptions::path("/a.jpg")
///     .transformation(Transformation::from_static("w-300"))
///     .transformation_position(TransformationPosition::Query);
/// assert_eq!(ik.url(&options)?, "https://ik.imagekit.io/demo/a.jpg?tr=w-300");
/// # Ok::<(), imagekitio::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TransformationPosition {
    /// In the path, after the endpoint: `https://ik.imagekit.io/demo/tr:w-300/a.jpg` (the default
    /// for `path`).
    #[default]
    Path,
    /// As the `tr` query parameter: `https://ik.imagekit.io/demo/a.jpg?tr=w-300` (always used
    /// for an absolute `src`).
    Query,
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for TransformationPosition {
    fn schema_name() -> Cow<'static, str> {
        "TransformationPosition".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Where the transformation goes: in the path (default) or the `tr` query parameter.",
            "type": "string",
            "enum": ["path", "query"]
        })
    }
}
