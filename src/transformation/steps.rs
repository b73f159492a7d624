//! Reading [`Transformation`] from the list-of-steps form: each step is rendered as it is read,
//! keeping the order of its keys, so no intermediate JSON tree is built.

use std::{borrow::Cow, fmt};

use serde::de::{
    self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
    value::MapAccessDeserializer,
};

use super::{
    Transformation,
    layer::RenderedLayer,
    render::{Scalar, StepValue, pair},
    shared::{self, Render, Step, vocabulary},
};

/// Accepts a list of steps, `null` (no transformation), or a string taken as already rendered.
impl<'de> de::Deserialize<'de> for Transformation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ChainVisitor)
    }
}

struct ChainVisitor;

impl<'de> Visitor<'de> for ChainVisitor {
    type Value = Transformation;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of transformation steps (objects of name: value), or a rendered string")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Transformation, A::Error> {
        // Room for a usual chain (`h-300,w-400:rt-90`), so that it is allocated once.
        let mut out = String::with_capacity(32);
        while seq.next_element_seed(StepSeed { out: &mut out })?.is_some() {}
        Ok(Transformation(Cow::Owned(out)))
    }

    fn visit_str<E: de::Error>(self, rendered: &str) -> Result<Transformation, E> {
        self.visit_string(rendered.to_owned())
    }

    fn visit_string<E: de::Error>(self, rendered: String) -> Result<Transformation, E> {
        match shared::url_breaking(&rendered) {
            Some(reason) => Err(E::custom(reason)),
            None => Ok(Transformation::from_rendered(rendered)),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Transformation, E> {
        Ok(Transformation::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Transformation, E> {
        Ok(Transformation::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Transformation, D::Error> {
        d.deserialize_any(self)
    }
}

/// Renders one step onto the chain, with `:` before it unless it is the first or renders nothing.
struct StepSeed<'a> {
    out: &'a mut String,
}

impl<'de> DeserializeSeed<'de> for StepSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StepSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a transformation step: an object of name: value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let out = self.out;
        let chain_end = out.len();
        if chain_end > 0 {
            out.push(':');
        }
        let mut step = Step::new(&mut *out);
        while let Some(name) = map.next_key::<String>()? {
            let takes_layer =
                vocabulary::lookup(&name).is_some_and(|entry| entry.render == Render::Layer);
            let value = map.next_value_seed(ValueSeed {
                name: &name,
                takes_layer,
            })?;
            let before = step.len();
            pair(&mut step, &name, &value);
            if let Some(reason) = shared::url_breaking(step.written_since(before)) {
                return Err(de::Error::custom(format!("`{name}`: {reason}")));
            }
        }
        if step.is_empty() {
            out.truncate(chain_end);
        }
        Ok(())
    }
}

/// The value of `name` in a step; only a layer name takes an object.
struct ValueSeed<'a> {
    name: &'a str,
    takes_layer: bool,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = StepValue;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<StepValue, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = StepValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.takes_layer {
            write!(f, "`{}` to be an overlay object", self.name)
        } else {
            write!(
                f,
                "`{}` to be a string, number, boolean, null or list",
                self.name
            )
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<StepValue, E> {
        Ok(StepValue::Scalar(Scalar::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<StepValue, E> {
        Ok(StepValue::Scalar(Scalar::Int(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<StepValue, E> {
        Ok(StepValue::Scalar(Scalar::UInt(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<StepValue, E> {
        Ok(StepValue::Scalar(Scalar::Float(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<StepValue, E> {
        Ok(StepValue::Scalar(Scalar::Str(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<StepValue, E> {
        Ok(StepValue::Scalar(Scalar::Str(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<StepValue, E> {
        Ok(StepValue::Scalar(Scalar::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<StepValue, E> {
        Ok(StepValue::Scalar(Scalar::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<StepValue, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StepValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Scalar>()? {
            items.push(item);
        }
        Ok(StepValue::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<StepValue, A::Error> {
        if !self.takes_layer {
            return Err(de::Error::custom(format!(
                "`{}` cannot take an object; only `overlay` does",
                self.name
            )));
        }
        let RenderedLayer(layer) = de::Deserialize::deserialize(MapAccessDeserializer::new(map))?;
        Ok(StepValue::Layer(layer))
    }
}

impl<'de> de::Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number, boolean or null")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::UInt(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(self)
    }
}

/// The JSON Schema of the steps form, generated from the same vocabulary as the renderer.
#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Transformation {
    fn schema_name() -> Cow<'static, str> {
        "Transformation".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let prefix = format!("#{}/", generator.settings().definitions_path);
        let defs = super::json_schema::JSON_SCHEMA_DEFS
            .replace(super::json_schema::JSON_SCHEMA_DEFS_MARKER, &prefix);
        // The text was produced by serde_json at build time, so it always parses; should it not,
        // the schema degrades to "any steps" rather than failing.
        if let Ok(serde_json::Value::Object(defs)) = serde_json::from_str(&defs) {
            generator.definitions_mut().extend(defs);
        }
        let step = format!("{prefix}TransformationStep");
        schemars::json_schema!({
            "description": "A transformation chain: a list of steps (objects of name: value, \
                            applied in order), or an already rendered string such as \
                            `h-300,w-400:rt-90`.",
            "oneOf": [
                {"type": "array", "items": {"$ref": step}},
                {"type": "string"},
                {"type": "null"}
            ]
        })
    }
}
