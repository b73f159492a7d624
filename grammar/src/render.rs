//! The renderer: how a value, a list, a layer and its position and timing become URL text, for
//! all three forms (`transform!` at compile time, its run-time values and the builder, and the
//! list-of-steps form). The rules are those of ImageKit's Node 7 and Python 5 SDKs, selected per
//! name by the vocabulary's `x-ik-render`.
//!
//! Everything writes into the caller's buffer: no intermediate `String`, numbers included.

use crate::{Entry, Input, LayerKind, Render, Slot};

/// A value to render, borrowed from wherever it was read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar<'a> {
    /// `null`: renders nothing.
    Null,
    /// A boolean.
    Bool(bool),
    /// A signed integer, written exactly.
    Int(i64),
    /// An unsigned integer, written exactly.
    UInt(u64),
    /// A float; integral ones are written without `.0`.
    Float(f64),
    /// A string.
    Str(&'a str),
}

impl Scalar<'_> {
    fn is_blank(&self) -> bool {
        matches!(self, Scalar::Str(s) if s.trim().is_empty())
    }

    /// `true`, `"true"` or `"-"`: the ways the SDKs ask for a parameter without a value.
    fn asks_for_bare_parameter(&self) -> bool {
        match self {
            Scalar::Bool(b) => *b,
            Scalar::Str(s) => *s == "true" || *s == "-",
            _ => false,
        }
    }

    /// JavaScript truthiness, which decides whether a layer's mode, position and timing are
    /// written.
    pub fn is_truthy(&self) -> bool {
        match self {
            Scalar::Null => false,
            Scalar::Bool(b) => *b,
            Scalar::Int(n) => *n != 0,
            Scalar::UInt(n) => *n != 0,
            Scalar::Float(f) => *f != 0.0 && !f.is_nan(),
            Scalar::Str(s) => !s.is_empty(),
        }
    }

    /// Writes the value as the SDKs print it: `true`, integers exactly and without `.0`.
    #[inline]
    pub fn write(&self, out: &mut String) {
        match self {
            Scalar::Null => {}
            Scalar::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Scalar::Int(n) => write_int(out, *n),
            Scalar::UInt(n) => out.push_str(decimal(*n, &mut Digits::new())),
            Scalar::Float(f) => write_float(out, *f),
            Scalar::Str(s) => out.push_str(s),
        }
    }
}

/// Room for the digits of any `u64`, for [`decimal`].
pub use itoa::Buffer as Digits;

/// `n` in decimal, in `buf`, without allocating: the one integer formatter of the crate and of
/// `imagekitio` (expiry times of signed URLs use it too).
#[inline]
pub fn decimal(n: u64, buf: &mut Digits) -> &str {
    buf.format(n)
}

#[inline]
fn write_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    out.push_str(decimal(n.unsigned_abs(), &mut Digits::new()));
}

/// `5.0` -> `5`, `0.8` -> `0.8`: Python SDK 5's formatting, and what JavaScript prints.
pub fn write_float(out: &mut String, f: f64) {
    // 2^53: every integral float below it converts to i64 exactly; above, `{}` prints the
    // float's exact integral value anyway (`1e20` as `100000000000000000000`).
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        write_int(out, f as i64);
    } else {
        use std::fmt::Write as _;
        let _ = write!(out, "{f}");
    }
}

/// `5.0` -> `5`: [`write_float`] into a new `String`, for messages.
pub fn number_text(n: f64) -> String {
    let mut out = String::new();
    write_float(&mut out, n);
    out
}

/// A media-library path without its outer `/`, as `i-` inputs and `di-` values take it.
pub fn trim_path(path: &str) -> &str {
    let path = path.strip_prefix('/').unwrap_or(path);
    path.strip_suffix('/').unwrap_or(path)
}

/// Writes `path` with `/` as `@@`, the way ImageKit reads a path inside a transformation.
fn push_at_path(out: &mut String, path: &str) {
    for (i, part) in path.split('/').enumerate() {
        if i > 0 {
            out.push_str("@@");
        }
        out.push_str(part);
    }
}

/// The parameters of one step, with `,` between them, written into a chain's buffer.
#[derive(Debug)]
pub struct Step<'a> {
    out: &'a mut String,
    start: usize,
}

impl<'a> Step<'a> {
    /// A step starting at the end of `out`.
    pub fn new(out: &'a mut String) -> Self {
        let start = out.len();
        Self { out, start }
    }

    /// Continues a step that started at `start` in `out`.
    #[inline]
    pub fn resume(out: &'a mut String, start: usize) -> Self {
        Self { out, start }
    }

    /// Whether the step has no parameter yet.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.out.len() <= self.start
    }

    /// The length of the buffer, to find what a later write added.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// What was written after the buffer had length `at`.
    pub fn written_since(&self, at: usize) -> &str {
        self.out.get(at..).unwrap_or_default()
    }

    /// Starts a new parameter and returns the buffer to write it to.
    #[inline]
    pub fn entry(&mut self) -> &mut String {
        if !self.is_empty() {
            self.out.push(',');
        }
        self.out
    }

    /// Appends a parameter rendered elsewhere (at compile time, or a layer).
    #[inline]
    pub fn rendered(&mut self, text: &str) {
        if !text.is_empty() {
            self.entry().push_str(text);
        }
    }

    /// Writes `entry: value` by the entry's render rule.
    #[inline]
    pub fn write_entry(&mut self, entry: &Entry, value: Scalar<'_>) {
        self.write_value(entry.param, entry.render, value);
    }

    /// Writes `param: value` by `render`: `param-value`, the bare parameter for a flag, the
    /// value alone for `raw`, a path with `/` as `@@`; `null`, `false` and blank strings render
    /// nothing.
    #[inline]
    pub fn write_value(&mut self, param: &str, render: Render, value: Scalar<'_>) {
        match (render, value) {
            (Render::Flag, v) => {
                if v.asks_for_bare_parameter() {
                    self.entry().push_str(param);
                }
            }
            (Render::FlagOrValue, v) if v.asks_for_bare_parameter() || v.is_blank() => {
                self.entry().push_str(param);
            }
            (Render::DashFlag, Scalar::Str("-")) => self.entry().push_str(param),
            (Render::Raw, Scalar::Str(s)) if !s.trim().is_empty() => self.entry().push_str(s),
            (Render::Raw, v @ (Scalar::Int(_) | Scalar::UInt(_) | Scalar::Float(_))) => {
                v.write(self.entry())
            }
            (Render::Raw, _) => {}
            (Render::Path, Scalar::Str(s)) => {
                let trimmed = trim_path(s);
                if !trimmed.trim().is_empty() {
                    let out = self.entry();
                    out.push_str(param);
                    out.push('-');
                    push_at_path(out, trimmed);
                }
            }
            (Render::TrueIfEmpty, v) if v.is_blank() => {
                let out = self.entry();
                out.push_str(param);
                out.push_str("-true");
            }
            (_, v) => self.param_value(param, v),
        }
    }

    /// `param-value`; `null`, `false` and blank strings render nothing.
    #[inline]
    fn param_value(&mut self, param: &str, value: Scalar<'_>) {
        if matches!(value, Scalar::Null | Scalar::Bool(false)) || value.is_blank() {
            return;
        }
        let out = self.entry();
        out.push_str(param);
        out.push('-');
        value.write(out);
    }

    /// `param-a_b_c` (`streaming_resolutions`, per-corner `radius`); `null` items are skipped
    /// and an empty list renders nothing.
    pub fn write_list<'v>(&mut self, param: &str, items: impl IntoIterator<Item = Scalar<'v>>) {
        let mut items = items
            .into_iter()
            .filter(|item| !matches!(item, Scalar::Null))
            .peekable();
        if items.peek().is_none() {
            return;
        }
        let out = self.entry();
        out.push_str(param);
        out.push('-');
        for (i, item) in items.enumerate() {
            if i > 0 {
                out.push('_');
            }
            item.write(out);
        }
    }
}

/// `,param-value` for each truthy value (as the SDKs skip zero, empty and false), in the
/// vocabulary's order: a layer's position or timing. `values` holds one place per slot.
pub fn write_slots(out: &mut String, slots: &[Slot], values: &[Option<Scalar<'_>>]) {
    for (slot, value) in slots.iter().zip(values) {
        if let Some(value) = value.filter(Scalar::is_truthy) {
            out.push(',');
            out.push_str(slot.param);
            out.push('-');
            value.write(out);
        }
    }
}

/// How a layer's input is written: `Auto` picks `Plain` for simple input and `Base64` otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Plain when simple, else base64.
    Auto,
    /// `i-`: URI-encoded text, or a path with `/` as `@@`.
    Plain,
    /// `ie-`: base64.
    Base64,
}

impl Encoding {
    /// Reads `auto`, `plain` or `base64`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "auto" => Some(Self::Auto),
            "plain" => Some(Self::Plain),
            "base64" => Some(Self::Base64),
            _ => None,
        }
    }
}

/// A layer (overlay) to render: its kind and input, then its options.
#[derive(Clone, Copy, Debug)]
pub struct Layer<'a> {
    /// The kind, from [`crate::vocabulary::layer_kind`].
    pub kind: &'static LayerKind,
    /// The input: text, a media-library path or a colour; not empty.
    pub input: &'a str,
    /// How the input is written.
    pub encoding: Encoding,
    /// `layer_mode`, written when truthy.
    pub mode: Option<Scalar<'a>>,
    /// One place per [`crate::vocabulary::POSITION`] slot.
    pub position: &'a [Option<Scalar<'a>>],
    /// One place per [`crate::vocabulary::TIMING`] slot.
    pub timing: &'a [Option<Scalar<'a>>],
    /// The nested transformation, already rendered; blank for none.
    pub nested: &'a str,
}

/// Writes a layer as ImageKit's layer syntax:
/// `l-<type>,i-<input>,lm-..,lx-..,..,<nested transformation>,l-end`.
pub fn write_layer(out: &mut String, layer: &Layer<'_>) {
    out.push_str(layer.kind.open);
    out.push(',');
    push_layer_input(out, layer.kind.input, layer.input, layer.encoding);
    if let Some(mode) = layer.mode.filter(Scalar::is_truthy) {
        out.push(',');
        out.push_str(crate::vocabulary::LAYER_MODE.0);
        out.push('-');
        mode.write(out);
    }
    write_slots(out, &crate::vocabulary::POSITION, layer.position);
    write_slots(out, &crate::vocabulary::TIMING, layer.timing);
    if !layer.nested.trim().is_empty() {
        out.push(',');
        out.push_str(layer.nested);
    }
    out.push_str(",l-end");
}

/// Letters, digits, `-._` and spaces (and `/` for paths): the input the SDKs write plainly.
fn is_simple(s: &str, slash_allowed: bool) -> bool {
    s.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b' ')
            || (slash_allowed && b == b'/')
    })
}

/// JavaScript's `encodeURIComponent`, as ImageKit's Node SDK writes text inputs.
pub fn push_uri_component(out: &mut String, input: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in input.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            for nibble in [byte >> 4, byte & 0x0f] {
                out.push(char::from(
                    HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
                ));
            }
        }
    }
}

/// `ie-` and the input in standard base64 with padding, URI-encoded (`+`, `/`, `=`).
fn push_base64(out: &mut String, input: &[u8]) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let symbol =
        |index: u32| char::from(ALPHABET.get((index & 63) as usize).copied().unwrap_or(b'A'));
    let mut encoded = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let bytes = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(bytes[0]) << 16 | u32::from(bytes[1]) << 8 | u32::from(bytes[2]);
        encoded.push(symbol(n >> 18));
        encoded.push(symbol(n >> 12));
        encoded.push(if chunk.len() > 1 { symbol(n >> 6) } else { '=' });
        encoded.push(if chunk.len() > 2 { symbol(n) } else { '=' });
    }
    out.push_str("ie-");
    push_uri_component(out, &encoded);
}

/// Writes a layer's input as ImageKit's Node SDK 7 does: text as `i-` URI-encoded when simple
/// (or asked plain), else `ie-` base64; a media-library path with outer slashes dropped and `/`
/// as `@@`, else base64; a colour as `bg-`.
pub fn push_layer_input(out: &mut String, input: Input, value: &str, encoding: Encoding) {
    match input {
        Input::Text => {
            if encoding == Encoding::Base64
                || (encoding == Encoding::Auto && !is_simple(value, false))
            {
                push_base64(out, value.as_bytes());
            } else {
                out.push_str("i-");
                push_uri_component(out, value);
            }
        }
        Input::Path => {
            let path = trim_path(value);
            if encoding == Encoding::Base64
                || (encoding == Encoding::Auto && !is_simple(path, true))
            {
                push_base64(out, path.as_bytes());
            } else {
                out.push_str("i-");
                push_at_path(out, path);
            }
        }
        Input::Color => {
            out.push_str("bg-");
            out.push_str(value);
        }
    }
}

#[cfg(test)]
mod tests;
