//! The Rust SDK for [ImageKit.io](https://imagekit.io): URL generation and signing, uploads,
//! and every call of the Media API.
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "client")]
pub mod api;
mod client;
mod encode;
mod error;
#[cfg(feature = "client")]
mod extensions;
#[cfg(feature = "client")]
mod media;
mod phash;
#[cfg(feature = "client")]
mod request;
mod response;
#[cfg(feature = "client")]
mod retry;
#[cfg(feature = "client")]
mod seed_names;
mod signing;
#[cfg(feature = "client")]
mod telemetry;
#[cfg(feature = "testing")]
pub mod testing;
mod transformation;
#[cfg(feature = "client")]
mod transport;
#[cfg(feature = "client")]
mod upload;
mod url;
pub mod webhooks;

pub use client::{ImageKit, ImageKitBuilder};
pub use error::{ApiError, DecodeError, Error, HttpClientError};
#[cfg(feature = "client")]
pub use media::{
    CopyFileOptions, CopyFolderOptions, CustomMetadataFieldsOptions, ListFilesOptions,
    RenameFileOptions, RenameFolderOptions, UpdateFileDetails,
};
pub use phash::phash_distance;
#[cfg(feature = "client")]
pub use request::RequestBuilder;
pub use response::{RateLimit, Response, ResponseMetadata};
pub use signing::AuthenticationParameters;
pub use transformation::{Transformation, TransformationPosition};
#[cfg(feature = "client")]
pub use upload::{Progress, UploadOptions, UploadResponseField, UploadSource};

pub use crate::url::UrlOptions;
#[cfg(feature = "client")]
pub use api::types::{
    AiTask, CreateCustomMetadataFieldRequest, CreateNamedTransformationRequest,
    CreateSavedExtensionRequest, CustomMetadata, Extension, ListFilesFileType, ListFilesSort,
    ListFilesType, OriginRequest, RemoveBgOptions, UpdateCustomMetadataFieldRequest,
    UpdateNamedTransformationRequest, UpdateSavedExtensionRequest, UploadPostTransformation,
    UploadTransformation, UrlEndpointRequest,
};
#[cfg(feature = "client")]
pub use extensions::TaggingProvider;

/// The typed transformation builder ([`Transformation::builder`]) and the enums of its values.
pub mod builder {
    pub use crate::transformation::builder::*;
}

/// A transformation chain checked at compile time: `transform!(height = 300, width = 400;
/// rotation = 90)` renders `h-300,w-400:rt-90`.
///
/// # Syntax
///
/// - `name = value` pairs separated by `,` make a step; `;` starts the next step (a chained
///   transformation). A trailing `;` is allowed, an empty step is not.
/// - Names are those of `openapi/transformations.yaml`: snake_case (`aspect_ratio`), camelCase
///   (`aspectRatio`), aliases (`rotate`) and the seed SDK's names (`effect_sharpen`).
/// - A flag stands alone: `transform!(grayscale)` is `e-grayscale`; `name = false` drops it.
/// - Values: numbers (`300`, `0.8`, `-10`), strings (`"auto"`, `"iw_div_2"`), `true`/`false`,
///   and lists for `streaming_resolutions` (`["360", "720"]`).
/// - `raw = "..."` is written as given, for parameters the vocabulary does not name.
///
/// ```
/// use imagekitio::{Transformation, transform};
///
/// const THUMBNAIL: Transformation = transform!(width = 300, height = 300, crop = "at_max");
/// assert_eq!(THUMBNAIL.as_str(), "w-300,h-300,c-at_max");
///
/// let t = transform!(height = 300, width = 400; rotation = 90, grayscale);
/// assert_eq!(t.as_str(), "h-300,w-400:rt-90,e-grayscale");
/// assert_eq!(transform!(raw = "l-text,i-Hi,l-end").as_str(), "l-text,i-Hi,l-end");
/// ```
///
/// # Overlays
///
/// `overlay(kind = input, options...)` adds a layer. The kind is `text`, `image`, `video`,
/// `subtitles` or `solid_color` (its input: the text, a media-library path, or a colour). The
/// options, all optional: `encoding = "auto" | "plain" | "base64"`, `layer_mode = "multiply"`
/// (or `cutter`, `cutout`, `displace`), `position(x, y, x_center, y_center, focus,
/// anchor_point)`, `timing(start, end, duration)` and `transformation(...)`, a nested chain in
/// this same syntax (text, subtitle and solid-colour layers take only the names that apply to
/// them; layers nest). Overlay values must be literals, so a layer is rendered at compile time.
///
/// ```
/// use imagekitio::{Transformation, transform};
///
/// const WATERMARK: Transformation = transform!(
///     width = 800;
///     overlay(image = "/brand/logo.png", position(focus = "bottom_right"),
///             transformation(width = 100, opacity = 60))
/// );
/// assert_eq!(
///     WATERMARK.as_str(),
///     "w-800:l-image,i-brand@@logo.png,lfo-bottom_right,w-100,o-60,l-end"
/// );
///
/// let caption = transform!(overlay(
///     text = "Hello world",
///     position(x = 10, y = 20),
///     timing(start = 2, duration = 5),
///     transformation(font_size = 40, font_color = "FFFFFF", background = "00000080"),
/// ));
/// assert_eq!(
///     caption.as_str(),
///     "l-text,i-Hello%20world,lx-10,ly-20,lso-2,ldu-5,fs-40,co-FFFFFF,bg-00000080,l-end"
/// );
///
/// let badge = transform!(overlay(solid_color = "FF0000", transformation(width = 300, height = 100)));
/// assert_eq!(badge.as_str(), "l-image,i-ik_canvas,bg-FF0000,w-300,h-100,l-end");
///
/// let subtitles = transform!(overlay(subtitles = "/subs/en.srt", transformation(font_size = 16)));
/// assert_eq!(subtitles.as_str(), "l-subtitles,i-subs@@en.srt,fs-16,l-end");
///
/// let clip = transform!(overlay(video = "/intro.mp4", timing(end = 3)));
/// assert_eq!(clip.as_str(), "l-video,i-intro.mp4,leo-3,l-end");
/// ```
///
/// # Checks
///
/// Each mistake is a compile error at the offending token, all reported at once: an unknown
/// name (with a "did you mean"), a value of the wrong kind, a number outside its range
/// (`quality` is `1..=100`), a string outside its list (`crop`), the same name twice in a step,
/// an empty step, and a `,` `:` `/` `?` `#` inside a value, which would change the URL.
///
/// ```compile_fail
/// let t = imagekitio::transform!(hieght = 300, quality = 150);
/// ```
///
/// # Values known only at run time
///
/// With only literals the macro expands to a [`Transformation`] constant: nothing happens at
/// run time. When any value is another expression (`width = w`), the macro expands instead to
/// `Result<Transformation, Error>`: the compiler checks the value's type (a number for
/// `quality`, a string for `crop`, either for `width`), and the same range and list checks run
/// at run time; an invalid value gives [`Error::InvalidInput`], never a panic.
///
/// ```
/// use imagekitio::transform;
///
/// let width = 400;
/// let t = transform!(width = width, quality = 80)?;
/// assert_eq!(t.as_str(), "w-400,q-80");
///
/// let quality = 150;
/// assert!(transform!(quality = quality).is_err());
/// # Ok::<(), imagekitio::Error>(())
/// ```
#[doc(inline)]
pub use imagekitio_macros::transform;

/// What `transform!` expands to; not public API, and exempt from semver.
#[doc(hidden)]
pub mod __private {
    pub use crate::transformation::chain::{
        Accept, Bool, BoolOrNumber, BoolOrText, Chain, Number, NumberOrText, Text, Value, arg,
        vocabulary,
    };
}

/// Compiles (and runs, where they do no I/O) the README's examples, so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
