//! Layers (overlays): the `overlay` object of a step, rendered as ImageKit's layer syntax
//! `l-<type>,i-<input>,lm-..,lx-..,..,<nested transformation>,l-end`.
//!
//! Layer kinds, their openings and the position and timing parameters come from the vocabulary;
//! the input encodings are those of ImageKit's Node SDK 7.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::{
    Transformation,
    render::Scalar,
    shared::{self, Encoding, vocabulary},
};

/// A layer rendered at deserialization time; `None` when it has no input, which the SDKs drop.
pub(crate) struct RenderedLayer(pub(crate) Option<String>);

#[derive(Default)]
struct Layer {
    kind: Option<String>,
    inputs: Vec<(String, Scalar)>,
    encoding: Option<Encoding>,
    layer_mode: Option<Scalar>,
    position: Slots<{ vocabulary::POSITION.len() }>,
    timing: Slots<{ vocabulary::TIMING.len() }>,
    transformation: Option<Transformation>,
}

const FIELDS: &[&str] = &[
    "type",
    "text",
    "input",
    "color",
    "encoding",
    "layer_mode",
    "position",
    "timing",
    "transformation",
];

impl<'de> de::Deserialize<'de> for RenderedLayer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let layer = deserializer.deserialize_map(LayerVisitor)?;
        layer.render().map(RenderedLayer).map_err(de::Error::custom)
    }
}

struct LayerVisitor;

impl<'de> Visitor<'de> for LayerVisitor {
    type Value = Layer;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an overlay object with a `type` (")?;
        f.write_str(vocabulary::LAYER_TYPES)?;
        f.write_str(")")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Layer, A::Error> {
        let mut layer = Layer::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => layer.kind = map.next_value()?,
                "text" | "input" | "color" => {
                    let value: Scalar = map.next_value()?;
                    layer.inputs.push((key, value));
                }
                "encoding" => {
                    let encoding: Option<String> = map.next_value()?;
                    layer.encoding = match encoding.as_deref() {
                        None => Some(Encoding::Auto),
                        Some(name) => Some(Encoding::parse(name).ok_or_else(|| {
                            de::Error::custom(format!(
                                "overlay encoding must be auto, plain or base64, not {name:?}"
                            ))
                        })?),
                    };
                }
                "layer_mode" | "layerMode" => layer.layer_mode = Some(map.next_value()?),
                "position" => {
                    layer.position = map.next_value_seed(SlotsSeed {
                        what: "overlay position",
                        keys: vocabulary::POSITION_KEYS,
                        slot: vocabulary::position_slot,
                    })?;
                }
                "timing" => {
                    layer.timing = map.next_value_seed(SlotsSeed {
                        what: "overlay timing",
                        keys: vocabulary::TIMING_KEYS,
                        slot: vocabulary::timing_slot,
                    })?;
                }
                "transformation" => layer.transformation = map.next_value()?,
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
        }
        Ok(layer)
    }
}

impl Layer {
    fn render(self) -> Result<Option<String>, String> {
        let kind_name = self.kind.unwrap_or_default();
        let kind = vocabulary::layer_kind(&kind_name).ok_or_else(|| {
            format!(
                "overlay type must be one of {}, not {kind_name:?}",
                vocabulary::LAYER_TYPES
            )
        })?;
        let mut input = None;
        for (field, value) in self.inputs {
            if field != kind.input_field {
                return Err(format!(
                    "a {kind_name} overlay takes `{}`, not `{field}`",
                    kind.input_field
                ));
            }
            input = Some(value);
        }
        let input = match input {
            Some(Scalar::Str(s)) => s,
            Some(other @ (Scalar::Int(_) | Scalar::UInt(_) | Scalar::Float(_))) => {
                let mut s = String::new();
                other.borrowed().write(&mut s);
                s
            }
            _ => String::new(),
        };
        if input.is_empty() {
            return Ok(None);
        }
        let nested = self.transformation.unwrap_or_default();
        let mut out = String::with_capacity(32 + input.len() + nested.as_str().len());
        // The same renderer as `transform!`, which renders literal overlays at compile time.
        shared::write_layer(
            &mut out,
            &shared::Layer {
                kind,
                input: &input,
                encoding: self.encoding.unwrap_or(Encoding::Auto),
                mode: self.layer_mode.as_ref().map(Scalar::borrowed),
                position: &self.position.borrowed(),
                timing: &self.timing.borrowed(),
                nested: nested.as_str(),
            },
        );
        Ok(Some(out))
    }
}

/// Values of a fixed-order object (position, timing), by the vocabulary's slot.
struct Slots<const N: usize>([Option<Scalar>; N]);

impl<const N: usize> Default for Slots<N> {
    fn default() -> Self {
        Self(std::array::from_fn(|_| None))
    }
}

impl<const N: usize> Slots<N> {
    fn borrowed(&self) -> [Option<shared::Scalar<'_>>; N] {
        std::array::from_fn(|i| self.0.get(i).and_then(|v| v.as_ref()).map(Scalar::borrowed))
    }
}

struct SlotsSeed<const N: usize> {
    what: &'static str,
    keys: &'static str,
    slot: fn(&str) -> Option<usize>,
}

impl<'de, const N: usize> DeserializeSeed<'de> for SlotsSeed<N> {
    type Value = Slots<N>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Slots<N>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for SlotsSeed<N> {
    type Value = Slots<N>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an {} object with keys among {}", self.what, self.keys)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Slots<N>, E> {
        Ok(Slots::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Slots<N>, E> {
        Ok(Slots::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Slots<N>, A::Error> {
        let mut slots = Slots::default();
        while let Some(key) = map.next_key::<String>()? {
            let value: Scalar = map.next_value()?;
            let place = (self.slot)(&key)
                .and_then(|i| slots.0.get_mut(i))
                .ok_or_else(|| {
                    de::Error::custom(format!(
                        "unknown {} key `{key}`; expected one of {}",
                        self.what, self.keys
                    ))
                })?;
            *place = Some(value);
        }
        Ok(slots)
    }
}
