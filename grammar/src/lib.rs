//! The ImageKit transformation language, in one place for the two crates that apply it:
//! `imagekitio-macros` (whose `transform!` checks and renders literals at compile time) and
//! `imagekitio` (which checks and renders other values at run time), so that every form
//! (`transform!`, the typed builder, the list-of-steps form) reaches the same [`Entry`] of the
//! same table and the same renderer. It holds the vocabulary generated from
//! `openapi/transformations.yaml` ([`vocabulary`]), the value checks, and the renderer
//! ([`Step::write_value`], [`write_layer`], [`write_slots`]).
//!
//! An implementation detail of `imagekitio`: use that crate instead.
//!
//! Plain Rust only: no syn, no serde (only `itoa`, which serde_json brings anyway), nothing that
//! panics.
#![warn(missing_docs)]

mod render;
#[rustfmt::skip]
pub mod vocabulary;

pub use render::{
    Digits, Encoding, Layer, Scalar, Step, decimal, number_text, push_layer_input,
    push_uri_component, trim_path, write_float, write_layer, write_slots,
};

/// How a value becomes URL text (`x-ik-render` in the vocabulary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Render {
    /// `param-value`.
    Value,
    /// The bare parameter for `true`.
    Flag,
    /// The bare parameter for `true` or `""`, else `param-value`.
    FlagOrValue,
    /// The bare parameter for `"-"`, else `param-value` (the seed's `effect_*` names).
    DashFlag,
    /// A media-library path: outer `/` dropped, inner `/` written `@@`.
    Path,
    /// `""` renders `param-true`.
    TrueIfEmpty,
    /// The value itself.
    Raw,
    /// An overlay.
    Layer,
}

/// What a name accepts.
#[derive(Clone, Copy, Debug)]
pub struct Accepts {
    /// `(minimum, maximum)` when numbers are accepted.
    pub number: Option<(Option<f64>, Option<f64>)>,
    /// The allowed strings when strings are accepted; empty means any string.
    pub text: Option<&'static [&'static str]>,
    /// `Some(true)` when only `true` is meaningful (a flag), `Some(false)` for any boolean.
    pub boolean: Option<bool>,
    /// The allowed items when a list is accepted; empty means any.
    pub list: Option<&'static [&'static str]>,
}

/// One transformation name of the vocabulary.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The canonical (snake_case) name.
    pub name: &'static str,
    /// Every accepted spelling: the name, its camelCase, its aliases.
    pub spellings: &'static [&'static str],
    /// The URL parameter.
    pub param: &'static str,
    /// How a value is written.
    pub render: Render,
    /// What values it takes.
    pub accepts: Accepts,
    /// A name of the seed SDK, kept for compatibility.
    pub deprecated: bool,
}

/// How a layer's input is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// `i-` URI-encoded, or `ie-` base64.
    Text,
    /// A media-library path.
    Path,
    /// A colour, written `bg-`.
    Color,
}

/// A layer kind.
#[derive(Clone, Copy, Debug)]
pub struct LayerKind {
    /// The `type` and its aliases.
    pub types: &'static [&'static str],
    /// The opening (`l-text`).
    pub open: &'static str,
    /// The field holding the input in the JSON form.
    pub input_field: &'static str,
    /// How the input is written.
    pub input: Input,
    /// The step names its nested transformation takes; `None` means any.
    pub names: Option<&'static [&'static str]>,
}

/// A key of an overlay's position or timing.
#[derive(Clone, Copy, Debug)]
pub struct Slot {
    /// Its spellings.
    pub spellings: &'static [&'static str],
    /// Its URL parameter.
    pub param: &'static str,
    /// What values it takes.
    pub accepts: Accepts,
}

/// A value to check.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// Any number.
    Number(f64),
    /// A string.
    Text(&'a str),
    /// A boolean.
    Bool(bool),
}

/// The characters a value of this render rule cannot hold without changing the URL's meaning:
/// `,` ends a parameter, `:` a step, and the [`URL_BREAKING`] ones the transformation's place
/// in the URL. A media-library path turns `/` into `@@`, and `raw` is meant to carry `,` and `:`.
pub fn forbidden(render: Render) -> &'static [char] {
    match render {
        Render::Path => &[',', ':', '?', '#', '&', '\\'],
        Render::Raw => URL_BREAKING,
        _ => &[',', ':', '/', '?', '#', '&', '\\'],
    }
}

/// What rendered transformation text may never contain, whichever way it was built: `/` ends
/// the `tr:` path segment (and with `.` or `..` after it, moves the file's path or drops the
/// segment), `\` is read as `/` by browsers, `?` and `#` end the path, and `&` and `#` end the
/// `tr` query value. Escapes such as `%2F` stay data to every URL parser, and are allowed.
pub const URL_BREAKING: &[char] = &['/', '?', '#', '&', '\\'];

/// [`URL_BREAKING`] indexed by byte (every one of them is ASCII), for a check that runs on
/// every URL built.
const BREAKS_URL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < URL_BREAKING.len() {
        table[URL_BREAKING[i] as usize] = true;
        i += 1;
    }
    table
};

/// The first character of rendered transformation text that would change the URL around it
/// (see [`URL_BREAKING`]), with a message that says why; `None` when the text is safe.
#[inline]
pub fn url_breaking(rendered: &str) -> Option<String> {
    let at = rendered.bytes().position(|b| BREAKS_URL[usize::from(b)])?;
    Some(url_breaking_message(rendered, at))
}

#[cold]
fn url_breaking_message(rendered: &str, at: usize) -> String {
    let c = char::from(rendered.as_bytes().get(at).copied().unwrap_or(b'/'));
    format!(
        "the transformation {rendered:?} contains `{c}`, which would end its part of the URL \
         and change the path or query the CDN reads (another file, or no transformation); \
         a transformation value cannot contain any of / \\ ? # &"
    )
}

/// The allowed range, as people write it (`in 1..=100`, `>= 0`).
pub fn range_text(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("in {}..={}", number_text(min), number_text(max)),
        (Some(min), None) => format!(">= {}", number_text(min)),
        (None, Some(max)) => format!("<= {}", number_text(max)),
        (None, None) => "any number".into(),
    }
}

/// What a name expects, for messages: `a number in 1..=100 or one of: auto`.
pub fn expected(accepts: &Accepts) -> String {
    let mut parts = Vec::new();
    if let Some((min, max)) = accepts.number {
        parts.push(match (min, max) {
            (None, None) => "a number".to_owned(),
            _ => format!("a number {}", range_text(min, max)),
        });
    }
    match accepts.text {
        Some([]) => parts.push("a string".into()),
        Some(values) => parts.push(format!("one of: {}", values.join(", "))),
        None => {}
    }
    match accepts.boolean {
        Some(true) => parts.push("`true` (or nothing, as a flag)".into()),
        Some(false) => parts.push("a boolean".into()),
        None => {}
    }
    if accepts.list.is_some() {
        parts.push("a list".into());
    }
    parts.join(" or ")
}

/// Checks one value of `name`; the message says what was wrong and what is allowed.
#[inline]
pub fn check(name: &str, render: Render, accepts: &Accepts, arg: Arg<'_>) -> Result<(), String> {
    // The usual case, a number in range, decided here (and inlined into the caller); the
    // rest, messages included, out of line.
    if let (Arg::Number(n), Some((min, max))) = (arg, accepts.number)
        && n.is_finite()
        && !min.is_some_and(|min| n < min)
        && !max.is_some_and(|max| n > max)
    {
        return Ok(());
    }
    check_slow(name, render, accepts, arg)
}

#[inline(never)]
fn check_slow(name: &str, render: Render, accepts: &Accepts, arg: Arg<'_>) -> Result<(), String> {
    let wrong_kind = |got: &str| Err(format!("`{name}` takes {}, not {got}", expected(accepts)));
    match arg {
        Arg::Number(n) => match accepts.number {
            None => wrong_kind("a number"),
            Some(_) if !n.is_finite() => Err(format!("`{name}` must be a finite number")),
            Some((min, max)) => {
                if min.is_some_and(|min| n < min) || max.is_some_and(|max| n > max) {
                    Err(format!(
                        "`{name}` must be {}, not {}",
                        range_text(min, max),
                        number_text(n)
                    ))
                } else {
                    Ok(())
                }
            }
        },
        Arg::Bool(_) => match accepts.boolean {
            Some(_) => Ok(()),
            None => wrong_kind("a boolean"),
        },
        Arg::Text(s) => {
            let Some(values) = accepts.text.or(accepts.list) else {
                return wrong_kind("a string");
            };
            if let Some(c) = s.chars().find(|c| forbidden(render).contains(c)) {
                return Err(format!(
                    "`{name}` cannot contain `{c}`: it would break the URL{}",
                    if render == Render::Raw {
                        ""
                    } else {
                        " (use `raw` for parameters written as they are)"
                    }
                ));
            }
            if values.is_empty() {
                return Ok(());
            }
            // A list given as text is its items joined with `_` (`"360_720"`).
            let items: Vec<&str> = if accepts.text.is_none() {
                s.split('_').collect()
            } else {
                vec![s]
            };
            match items.iter().find(|item| !values.contains(item)) {
                Some(item) => Err(format!(
                    "`{name}` must be one of: {}; not {item:?}",
                    values.join(", ")
                )),
                None => Ok(()),
            }
        }
    }
}
