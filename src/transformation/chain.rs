//! What `transform!` expands to when a value is not a literal, and what the typed builder
//! writes into: the literal parts arrive already checked and rendered, the others arrive with
//! the `&'static Entry` of their name (resolved by the macro, or by the generated builder
//! method) and are checked and rendered here with the grammar's rules and renderer, in one
//! pass into one buffer. Not public API.

use std::borrow::Cow;

use super::{
    Transformation,
    render::Scalar,
    shared::{self, Arg, Entry, Step},
};
use crate::Error;

pub use super::shared::vocabulary;

/// Builds a chain step by step; remembers the first invalid value instead of panicking.
#[derive(Debug, Default)]
pub struct Chain {
    out: String,
    step_start: usize,
    /// The first invalid value's message: kept small, as the builder moves the chain by value
    /// at every call.
    error: Option<String>,
}

/// A run-time value, converted from one of the Rust types its name accepts.
#[derive(Debug)]
pub struct Value(Scalar);

macro_rules! kinds {
    ($($kind:ident: $what:literal),* $(,)?) => {$(
        #[doc = concat!("Values that are ", $what, ".")]
        #[derive(Debug)]
        pub struct $kind;
    )*};
}

kinds! {
    Number: "numbers",
    Text: "strings",
    NumberOrText: "numbers or strings",
    Bool: "booleans",
    BoolOrNumber: "booleans or numbers",
    BoolOrText: "booleans or strings",
}

/// The Rust types a transformation of kind `K` accepts.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value this transformation takes",
    label = "expected one of the {K} types"
)]
pub trait Accept<K> {
    /// The value, for checking and rendering.
    fn value(self) -> Value;
}

/// Converts a run-time value, checking its Rust type against the kind `K`.
pub fn arg<K, T: Accept<K>>(value: T) -> Value {
    value.value()
}

/// `impl Accept<Kind> for T` for each kind and each type (a cross product, which one
/// `macro_rules!` repetition cannot express, hence the two levels).
macro_rules! accept {
    ([$($kind:ident),*] $types:tt => $convert:expr) => {
        $(accept!(@one $kind $types => $convert);)*
    };
    (@one $kind:ident [$($t:ty),*] => $convert:expr) => {$(
        impl Accept<$kind> for $t {
            // One conversion for a family of types: the cast is a no-op for the widest.
            #[allow(clippy::unnecessary_cast, clippy::redundant_closure_call)]
            fn value(self) -> Value {
                Value($convert(self))
            }
        }
    )*};
}

accept!([Number, NumberOrText, BoolOrNumber] [i8, i16, i32, i64, isize] => |n| Scalar::Int(n as i64));
accept!([Number, NumberOrText, BoolOrNumber] [u8, u16, u32, u64, usize] => |n| Scalar::UInt(n as u64));
accept!([Number, NumberOrText, BoolOrNumber] [f32, f64] => |n| Scalar::Float(n as f64));
accept!([Text, NumberOrText, BoolOrText] [&str, String, &String, Cow<'_, str>] => |s: Self| Scalar::Str(s.to_string()));
accept!([Bool, BoolOrNumber, BoolOrText] [bool] => Scalar::Bool);

impl Chain {
    /// An empty chain with room for `capacity` bytes (the macro knows how long its chain
    /// usually renders), so that it is allocated once.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            out: String::with_capacity(capacity),
            ..Self::default()
        }
    }

    /// Ends the current step; the next parameters start a new one.
    pub fn step(&mut self) {
        if self.out.len() > self.step_start {
            self.out.push(':');
            self.step_start = self.out.len();
        }
    }

    /// Appends a parameter checked and rendered at compile time.
    pub fn rendered(&mut self, text: &str) {
        Step::resume(&mut self.out, self.step_start).rendered(text);
    }

    /// Checks `value` for `entry` and appends it; an invalid value is kept as the chain's error.
    pub fn value(&mut self, entry: &'static Entry, value: Value) {
        let Value(scalar) = value;
        let arg = match &scalar {
            Scalar::Int(n) => Arg::Number(*n as f64),
            Scalar::UInt(n) => Arg::Number(*n as f64),
            Scalar::Float(n) => Arg::Number(*n),
            Scalar::Bool(b) => Arg::Bool(*b),
            Scalar::Str(s) => Arg::Text(s),
            Scalar::Null => return,
        };
        if let Err(message) = shared::check(entry.name, entry.render, &entry.accepts, arg) {
            self.error.get_or_insert(message);
            return;
        }
        Step::resume(&mut self.out, self.step_start).write_entry(entry, scalar.borrowed());
    }

    /// The rendered chain, or the first invalid value.
    pub fn finish(mut self) -> Result<Transformation, Error> {
        if let Some(message) = self.error {
            return Err(Error::invalid(message));
        }
        if self.out.ends_with(':') {
            self.out.pop();
        }
        if let Some(reason) = shared::url_breaking(&self.out) {
            return Err(Error::invalid(reason));
        }
        Ok(Transformation(Cow::Owned(self.out)))
    }
}
