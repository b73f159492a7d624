//! Turns `openapi/transformations.yaml`, the transformation vocabulary, into
//! `$OUT_DIR/vocabulary.rs`: `match`-based lookups for the runtime renderer and the JSON Schema
//! of `Transformation`.
//!
//! Everything is checked here, at build time: a duplicate name, an unknown `x-ik-render` or a
//! missing `x-ik-param` fails the build with the offending entry named.

use std::{collections::BTreeMap, env, fmt::Write as _, fs, path::PathBuf, process::exit};

use serde_json::{Map, Value};

const VOCABULARY: &str = "openapi/transformations.yaml";

/// Where the generated JSON Schema points its references; replaced at run time by the
/// generator's own definitions path.
const DEFS_MARKER: &str = "#/$defs/";

/// Generates `$OUT_DIR/vocabulary.rs`, or stops the build with the reason.
pub fn run() {
    println!("cargo:rerun-if-changed={VOCABULARY}");
    if let Err(problem) = generate() {
        eprintln!("error: cannot build the transformation vocabulary from {VOCABULARY}: {problem}");
        exit(1);
    }
}

/// The `components.schemas` of the vocabulary file.
fn read_schemas() -> Result<Map<String, Value>, String> {
    let text = fs::read_to_string(VOCABULARY).map_err(|e| format!("cannot read it: {e}"))?;
    let mut document: Value =
        serde_yaml::from_str(&text).map_err(|e| format!("it is not valid YAML: {e}"))?;
    match document.pointer_mut("/components/schemas").map(Value::take) {
        Some(Value::Object(schemas)) => Ok(schemas),
        _ => Err("it has no `components.schemas` object".into()),
    }
}

fn generate() -> Result<(), String> {
    let schemas = &read_schemas()?;
    let vocabulary = Vocabulary::read(schemas)?;
    let code = vocabulary.rust(&json_schema(schemas)?);
    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?);
    fs::write(out.join("vocabulary.rs"), code).map_err(|e| format!("cannot write: {e}"))?;
    let builder = builder_rust(schemas)?;
    fs::write(out.join("builder.rs"), builder).map_err(|e| format!("cannot write: {e}"))
}

/// `aspect_ratio` -> `aspectRatio`.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A name of a step, its spellings, and how it renders.
pub struct StepName {
    pub spellings: Vec<String>,
    pub param: String,
    pub render: &'static str,
    /// A seed-era name, whose rule is not the parameter's own.
    pub deprecated: bool,
}

/// A layer kind: `text`, `image`, ...
pub struct Layer {
    pub types: Vec<String>,
    pub open: String,
    pub input_field: String,
    pub input: &'static str,
}

/// The parameters of a fixed-order object (position, timing), in render order.
pub struct Ordered {
    pub keys: Vec<(Vec<String>, String)>,
}

pub struct Vocabulary {
    pub steps: Vec<StepName>,
    pub layers: Vec<Layer>,
    pub layer_mode_param: String,
    pub position: Ordered,
    pub timing: Ordered,
}

fn str_field<'a>(object: &'a Value, field: &str, what: &str) -> Result<&'a str, String> {
    object
        .get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{what} has no string `{field}`"))
}

fn schema<'a>(schemas: &'a Map<String, Value>, name: &str) -> Result<&'a Value, String> {
    schemas
        .get(name)
        .ok_or_else(|| format!("schema `{name}` is missing"))
}

fn properties<'a>(
    schemas: &'a Map<String, Value>,
    name: &str,
) -> Result<&'a Map<String, Value>, String> {
    schema(schemas, name)?
        .get("properties")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("schema `{name}` has no properties"))
}

impl Vocabulary {
    pub fn read(schemas: &Map<String, Value>) -> Result<Self, String> {
        let mut seen = BTreeMap::new();
        let mut steps = Vec::new();
        for (name, property) in properties(schemas, "TransformationStep")? {
            let what = format!("transformation `{name}`");
            let param = str_field(property, "x-ik-param", &what)?.to_owned();
            let render = match property.get("x-ik-render").and_then(Value::as_str) {
                None => "Value",
                Some("flag") => "Flag",
                Some("flag-or-value") => "FlagOrValue",
                Some("dash-flag") => "DashFlag",
                Some("path") => "Path",
                Some("true-if-empty") => "TrueIfEmpty",
                Some("raw") => "Raw",
                Some("layer") => "Layer",
                Some(other) => return Err(format!("{what} has an unknown x-ik-render `{other}`")),
            };
            let mut spellings = vec![name.clone()];
            let camel = camel_case(name);
            if camel != *name {
                spellings.push(camel);
            }
            for alias in property
                .get("x-ik-aliases")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let alias = alias
                    .as_str()
                    .ok_or_else(|| format!("{what} has a non-string alias"))?;
                spellings.push(alias.to_owned());
            }
            for spelling in &spellings {
                if let Some(other) = seen.insert(spelling.clone(), name.clone()) {
                    return Err(format!(
                        "the spelling `{spelling}` belongs to both `{other}` and `{name}`"
                    ));
                }
            }
            steps.push(StepName {
                spellings,
                param,
                render,
                deprecated: property.get("deprecated") == Some(&Value::Bool(true)),
            });
        }

        let mut layers = Vec::new();
        for (name, definition) in schemas {
            let Some(layer) = definition.get("x-ik-layer") else {
                continue;
            };
            let what = format!("layer `{name}`");
            let mut types = vec![str_field(layer, "type", &what)?.to_owned()];
            for alias in layer
                .get("aliases")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                types.push(
                    alias
                        .as_str()
                        .ok_or_else(|| format!("{what} has a non-string alias"))?
                        .to_owned(),
                );
            }
            let input = match str_field(layer, "x-ik-input", &what)? {
                "text" => "Text",
                "path" => "Path",
                "color" => "Color",
                other => return Err(format!("{what} has an unknown x-ik-input `{other}`")),
            };
            layers.push(Layer {
                types,
                open: str_field(layer, "open", &what)?.to_owned(),
                input_field: str_field(layer, "input", &what)?.to_owned(),
                input,
            });
        }
        if layers.is_empty() {
            return Err("no schema has an `x-ik-layer`".into());
        }

        Ok(Self {
            steps,
            layers,
            layer_mode_param: str_field(schema(schemas, "LayerMode")?, "x-ik-param", "LayerMode")?
                .to_owned(),
            position: Ordered::read(schemas, "OverlayPosition")?,
            timing: Ordered::read(schemas, "OverlayTiming")?,
        })
    }

    /// The Rust source of `$OUT_DIR/vocabulary.rs`.
    pub fn rust(&self, json_schema: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "// Generated by build/vocabulary.rs from {VOCABULARY}; edit that file instead.\n"
        );
        out.push_str(
            "pub(crate) use imagekitio_grammar::Render;\n\n\
             /// The URL parameter of a transformation name and its render rule.\n\
             #[derive(Clone, Copy, Debug)]\n\
             pub(crate) struct StepParam {\n    pub(crate) param: &'static str,\n    \
             pub(crate) render: Render,\n}\n\n\
             /// Looks a transformation name up in any of its spellings.\n\
             pub(crate) fn step_param(name: &str) -> Option<StepParam> {\n    \
             let (param, render) = match name {\n",
        );
        for step in &self.steps {
            let pattern = step
                .spellings
                .iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(" | ");
            let _ = writeln!(
                out,
                "        {pattern} => ({:?}, Render::{}),",
                step.param, step.render
            );
        }
        out.push_str(
            "        _ => return None,\n    };\n    Some(StepParam { param, render })\n}\n\n",
        );

        // A URL parameter given as the name (`{"e-grayscale": "-"}`) renders by the rule of
        // today's name for it, as ImageKit's SDKs do.
        out.push_str(
            "/// The render rule of a URL parameter given directly as a name (`e-grayscale`).\n\
             pub(crate) fn param_render(param: &str) -> Option<Render> {\n    \
             Some(match param {\n",
        );
        let mut params = std::collections::BTreeSet::new();
        for step in &self.steps {
            let direct = !step.deprecated
                && !matches!(step.render, "Raw" | "Layer")
                && !step.spellings.contains(&step.param);
            if direct && params.insert(step.param.as_str()) {
                let _ = writeln!(out, "        {:?} => Render::{},", step.param, step.render);
            }
        }
        out.push_str("        _ => return None,\n    })\n}\n\n");

        out.push_str(
            "/// How a layer's input is written.\n\
             #[derive(Clone, Copy, Debug, PartialEq, Eq)]\n\
             pub(crate) enum LayerInput {\n    Text,\n    Path,\n    Color,\n}\n\n\
             /// A layer kind: how it opens and which field holds its input.\n\
             #[derive(Clone, Copy, Debug)]\n\
             pub(crate) struct LayerKind {\n    pub(crate) open: &'static str,\n    \
             pub(crate) input_field: &'static str,\n    pub(crate) input: LayerInput,\n}\n\n\
             /// Looks a layer `type` up.\n\
             pub(crate) fn layer_kind(kind: &str) -> Option<LayerKind> {\n    \
             let (open, input_field, input) = match kind {\n",
        );
        for layer in &self.layers {
            let pattern = layer
                .types
                .iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(" | ");
            let _ = writeln!(
                out,
                "        {pattern} => ({:?}, {:?}, LayerInput::{}),",
                layer.open, layer.input_field, layer.input
            );
        }
        out.push_str(
            "        _ => return None,\n    };\n    Some(LayerKind { open, input_field, input })\n}\n\n",
        );
        let types = self
            .layers
            .iter()
            .map(|l| l.types[0].as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "/// The layer types, for error messages.\npub(crate) const LAYER_TYPES: &str = {types:?};\n"
        );
        let _ = writeln!(
            out,
            "/// The parameter of `layer_mode`.\npub(crate) const LAYER_MODE_PARAM: &str = {:?};\n",
            self.layer_mode_param
        );
        self.position.rust(&mut out, "POSITION", "position");
        self.timing.rust(&mut out, "TIMING", "timing");

        let _ = writeln!(
            out,
            "/// JSON Schema definitions of the `Transformation` family; references start with \
             `{DEFS_MARKER}`.\n#[cfg(feature = \"schemars\")]\n\
             pub(crate) const JSON_SCHEMA_DEFS: &str = r####\"{json_schema}\"####;\n\n\
             /// The prefix of the references in [`JSON_SCHEMA_DEFS`].\n#[cfg(feature = \"schemars\")]\n\
             pub(crate) const JSON_SCHEMA_DEFS_MARKER: &str = {DEFS_MARKER:?};"
        );
        out
    }
}

impl Ordered {
    fn read(schemas: &Map<String, Value>, name: &str) -> Result<Self, String> {
        let props = properties(schemas, name)?;
        let order = schema(schemas, name)?
            .get("x-ik-order")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("schema `{name}` has no x-ik-order"))?;
        if order.len() != props.len() {
            return Err(format!(
                "schema `{name}`: x-ik-order must list every property once"
            ));
        }
        let mut keys = Vec::new();
        for key in order {
            let key = key
                .as_str()
                .ok_or_else(|| format!("schema `{name}` has a non-string x-ik-order entry"))?;
            let property = props
                .get(key)
                .ok_or_else(|| format!("schema `{name}` orders `{key}`, which it does not have"))?;
            let param = str_field(property, "x-ik-param", &format!("`{name}.{key}`"))?;
            let mut spellings = vec![key.to_owned()];
            let camel = camel_case(key);
            if camel != key {
                spellings.push(camel);
            }
            keys.push((spellings, param.to_owned()));
        }
        Ok(Self { keys })
    }

    fn rust(&self, out: &mut String, prefix: &str, what: &str) {
        let params = self
            .keys
            .iter()
            .map(|(_, p)| format!("{p:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "/// The {what} parameters, in the order they are written.\n\
             pub(crate) const {prefix}_PARAMS: [&str; {}] = [{params}];\n",
            self.keys.len()
        );
        let _ = writeln!(
            out,
            "/// The index in [`{prefix}_PARAMS`] of a {what} key, in any of its spellings.\n\
             pub(crate) fn {}_slot(key: &str) -> Option<usize> {{\n    Some(match key {{",
            what
        );
        for (index, (spellings, _)) in self.keys.iter().enumerate() {
            let pattern = spellings
                .iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(" | ");
            let _ = writeln!(out, "        {pattern} => {index},");
        }
        out.push_str("        _ => return None,\n    })\n}\n\n");
        let keys = self
            .keys
            .iter()
            .map(|(s, _)| s[0].as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "/// The {what} keys, for error messages.\npub(crate) const {prefix}_KEYS: &str = {keys:?};\n"
        );
    }
}

/// The `Transformation` family as JSON Schema definitions: OpenAPI-only keywords and vendor
/// extensions dropped, references re-pointed, and every property name also listed in camelCase.
pub fn json_schema(schemas: &Map<String, Value>) -> Result<String, String> {
    let mut defs = Map::new();
    for (name, definition) in schemas {
        defs.insert(name.clone(), to_json_schema(definition));
    }
    serde_json::to_string(&Value::Object(defs)).map_err(|e| format!("JSON Schema: {e}"))
}

fn to_json_schema(value: &Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut out = Map::new();
            for (key, item) in object {
                match key.as_str() {
                    k if k.starts_with("x-") => {}
                    "discriminator" => {}
                    "$ref" => {
                        let target = item
                            .as_str()
                            .unwrap_or_default()
                            .replace("#/components/schemas/", DEFS_MARKER);
                        out.insert(key.clone(), Value::String(target));
                    }
                    "properties" => {
                        let mut props = Map::new();
                        for (name, schema) in item.as_object().into_iter().flatten() {
                            let schema = to_json_schema(schema);
                            let camel = camel_case(name);
                            if camel != *name {
                                props.insert(camel, schema.clone());
                            }
                            props.insert(name.clone(), schema);
                        }
                        out.insert(key.clone(), Value::Object(props));
                    }
                    _ => {
                        out.insert(key.clone(), to_json_schema(item));
                    }
                }
            }
            if let Some(names) = object.get("x-ik-names").and_then(Value::as_array) {
                let mut props = Map::new();
                for name in names.iter().filter_map(Value::as_str) {
                    let target =
                        Value::String(format!("{DEFS_MARKER}TransformationStep/properties/{name}"));
                    let reference: Map<String, Value> =
                        [("$ref".to_owned(), target)].into_iter().collect();
                    props.insert(name.to_owned(), Value::Object(reference.clone()));
                    let camel = camel_case(name);
                    if camel != name {
                        props.insert(camel, Value::Object(reference));
                    }
                }
                out.insert("properties".into(), Value::Object(props));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(to_json_schema).collect()),
        other => other.clone(),
    }
}

/// The macro crate's copy of the vocabulary; used by `tests/transform_vocabulary.rs`, not by
/// build.rs.
#[allow(dead_code)]
pub mod macro_crate {
    use super::*;

    /// Where the macro crate keeps its copy of the vocabulary. It is checked in because a crate
    /// published on its own cannot read `../openapi`; `tests/transform_vocabulary.rs` fails when the
    /// copy is stale and rewrites it with `IMAGEKIT_BLESS=1`.
    pub const MACRO_TABLE: &str = "macros/src/vocabulary.rs";

    /// The Rust source of [`MACRO_TABLE`], from the vocabulary file.
    pub fn macro_table_from_file() -> Result<String, String> {
        macro_table(&read_schemas()?)
    }

    /// What a name accepts, read from its schema (and the alternatives of a `oneOf`).
    #[derive(Default)]
    pub struct Accepts {
        /// `(minimum, maximum)` when numbers are accepted.
        pub number: Option<(Option<f64>, Option<f64>)>,
        /// The allowed strings when strings are accepted; empty means any.
        pub text: Option<Vec<String>>,
        /// `Some(true)` when only `true` is accepted (a flag), `Some(false)` for any boolean.
        pub boolean: Option<bool>,
        /// The allowed items when a list is accepted; empty means any.
        pub list: Option<Vec<String>>,
    }

    fn strings(value: Option<&Value>) -> Vec<String> {
        value
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    }

    impl Accepts {
        pub fn read(property: &Value) -> Self {
            let mut accepts = Self::default();
            let alternatives = match property.get("oneOf").and_then(Value::as_array) {
                Some(items) => items.iter().collect(),
                None => vec![property],
            };
            for alt in alternatives {
                match alt.get("type").and_then(Value::as_str) {
                    Some("number") | Some("integer") => {
                        let bound = |k| alt.get(k).and_then(Value::as_f64);
                        accepts.number = Some((bound("minimum"), bound("maximum")));
                    }
                    Some("string") => accepts.text = Some(strings(alt.get("enum"))),
                    Some("boolean") => {
                        let only_true = alt
                            .get("enum")
                            .and_then(Value::as_array)
                            .is_some_and(|e| e.iter().all(|v| v == &Value::Bool(true)));
                        accepts.boolean = Some(only_true);
                    }
                    Some("array") => {
                        accepts.list = Some(strings(alt.pointer("/items/enum")));
                    }
                    _ => {}
                }
            }
            accepts
        }

        pub fn rust(&self) -> String {
            let list = |items: &[String]| {
                let inner = items
                    .iter()
                    .map(|s| format!("{s:?}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("&[{inner}]")
            };
            let bound = |b: Option<f64>| match b {
                Some(b) => format!("Some({b:?})"),
                None => "None".into(),
            };
            let number = match self.number {
                Some((min, max)) => format!("Some(({}, {}))", bound(min), bound(max)),
                None => "None".into(),
            };
            let text = self
                .text
                .as_ref()
                .map_or("None".into(), |t| format!("Some({})", list(t)));
            let list_ = self
                .list
                .as_ref()
                .map_or("None".into(), |t| format!("Some({})", list(t)));
            format!(
                "Accepts {{ number: {number}, text: {text}, boolean: {:?}, list: {list_} }}",
                self.boolean
            )
        }
    }

    fn quoted_list(items: &[String]) -> String {
        let inner = items
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!("&[{inner}]")
    }

    /// The data tables of the macro crate: every name with its spellings, URL parameter, render
    /// rule and what it accepts; the layer kinds, position and timing.
    pub fn macro_table(schemas: &Map<String, Value>) -> Result<String, String> {
        let vocabulary = Vocabulary::read(schemas)?;
        let step_props = properties(schemas, "TransformationStep")?;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "// Generated by build/vocabulary.rs from {VOCABULARY}; edit that file instead.\n\
             // Refresh with `IMAGEKIT_BLESS=1 cargo test --test transform_vocabulary`.\n\n\
             use crate::shared::{{Accepts, Entry, Input, LayerKind, Render, Slot}};\n"
        );
        out.push_str("/// Every transformation name.\npub(crate) const ENTRIES: &[Entry] = &[\n");
        for ((name, property), step) in step_props.iter().zip(&vocabulary.steps) {
            let accepts = Accepts::read(property);
            let deprecated = property.get("deprecated") == Some(&Value::Bool(true));
            let _ = writeln!(
                out,
                "    Entry {{ name: {name:?}, spellings: {}, param: {:?}, render: Render::{}, accepts: {}, deprecated: {deprecated} }},",
                quoted_list(&step.spellings),
                step.param,
                step.render,
                accepts.rust()
            );
        }
        out.push_str("];\n\n/// The layer kinds.\npub(crate) const LAYERS: &[LayerKind] = &[\n");
        for (name, definition) in schemas {
            if definition.get("x-ik-layer").is_none() {
                continue;
            }
            let layer = vocabulary
                .layers
                .iter()
                .find(|l| {
                    Some(l.types[0].as_str())
                        == definition
                            .pointer("/x-ik-layer/type")
                            .and_then(Value::as_str)
                })
                .ok_or_else(|| format!("layer `{name}` lost its type"))?;
            // Which step names a layer's nested transformation takes: its `x-ik-names`, or any.
            let names = definition
                .pointer("/properties/transformation/items/$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .and_then(|r| schemas.get(r))
                .map(|s| strings(s.get("x-ik-names")));
            let names = names.map_or("None".into(), |n| format!("Some({})", quoted_list(&n)));
            let _ = writeln!(
                out,
                "    LayerKind {{ types: {}, open: {:?}, input_field: {:?}, input: Input::{}, names: {names} }},",
                quoted_list(&layer.types),
                layer.open,
                layer.input_field,
                layer.input
            );
        }
        out.push_str("];\n\n");
        let layer_mode = schema(schemas, "LayerMode")?;
        let _ = writeln!(
            out,
            "/// The parameter and values of `layer_mode`.\npub(crate) const LAYER_MODE: (&str, &[&str]) = ({:?}, {});\n",
            vocabulary.layer_mode_param,
            quoted_list(&strings(layer_mode.get("enum")))
        );
        for (schema_name, constant, ordered) in [
            ("OverlayPosition", "POSITION", &vocabulary.position),
            ("OverlayTiming", "TIMING", &vocabulary.timing),
        ] {
            let props = properties(schemas, schema_name)?;
            let _ = writeln!(
                out,
                "/// The keys of `{schema_name}`, in the order they are written.\npub(crate) const {constant}: &[Slot] = &["
            );
            for (spellings, param) in &ordered.keys {
                let accepts = props
                    .get(&spellings[0])
                    .map(Accepts::read)
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "    Slot {{ spellings: {}, param: {param:?}, accepts: {} }},",
                    quoted_list(spellings),
                    accepts.rust()
                );
            }
            out.push_str("];\n\n");
        }
        Ok(out.trim_end().to_owned() + "\n")
    }
}

/// `at_max` -> `AtMax`, `h264` -> `H264`: a Rust name for an enum value or a name.
fn pascal_case(snake: &str) -> String {
    let camel = camel_case(snake);
    let mut chars = camel.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.extend(chars);
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'R');
    }
    out
}

/// A sample value for a number range, inside it.
fn sample_number(min: Option<f64>, max: Option<f64>) -> f64 {
    let mut n = min.unwrap_or(0.0).max(1.0);
    if let Some(max) = max {
        n = n.min(max);
    }
    n
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The typed builder's methods (`$OUT_DIR/builder.rs`): one per name of the vocabulary
/// (`overlay` stays in the serde and macro forms; the seed's legacy names are there, hidden from
/// the docs), with enums for closed lists of strings.
pub fn builder_rust(schemas: &Map<String, Value>) -> Result<String, String> {
    use macro_crate::Accepts;
    let mut methods = String::new();
    let mut enums = String::new();
    for (name, property) in properties(schemas, "TransformationStep")? {
        let deprecated = property.get("deprecated") == Some(&Value::Bool(true));
        let render = property.get("x-ik-render").and_then(Value::as_str);
        if render == Some("layer") {
            continue;
        }
        let what = format!("transformation `{name}`");
        let param = str_field(property, "x-ik-param", &what)?;
        let description = property
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let accepts = Accepts::read(property);
        let accepts_rust = accepts.rust();
        let enum_values = match (&accepts.text, accepts.number, accepts.boolean) {
            (Some(values), None, None) if !values.is_empty() && !deprecated => Some(values.clone()),
            _ => None,
        };
        // (signature, value expression, sample argument, sample rendering)
        let (signature, value, sample, rendered) = if let Some(values) = &enum_values {
            let type_name = pascal_case(name);
            let mut variants = String::new();
            let mut arms = String::new();
            for v in values {
                let variant = pascal_case(v);
                let _ = writeln!(
                    variants,
                    "    #[doc = {:?}]\n    {variant},",
                    format!("`{v}`")
                );
                let _ = writeln!(arms, "            Self::{variant} => {v:?},");
            }
            let first = values.first().cloned().unwrap_or_default();
            let _ = write!(
                enums,
                "/// The values of [`TransformationBuilder::{name}`].\n\
                 #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n\
                 pub enum {type_name} {{\n{variants}}}\n\n\
                 impl {type_name} {{\n    \
                 /// The value as written in the URL.\n    \
                 ///\n    /// ```\n    /// assert_eq!(imagekitio::builder::{type_name}::{}.as_str(), {first:?});\n    /// ```\n    \
                 pub fn as_str(self) -> &'static str {{\n        match self {{\n{arms}        }}\n    }}\n}}\n\n",
                pascal_case(&first)
            );
            (
                format!("value: {type_name}"),
                "arg::<Text, _>(value.as_str())".to_owned(),
                format!("imagekitio::builder::{type_name}::{}", pascal_case(&first)),
                format!("{param}-{first}"),
            )
        } else if accepts.list.is_some() {
            let first = accepts
                .list
                .as_ref()
                .and_then(|l| l.first().cloned())
                .unwrap_or_else(|| "1".into());
            (
                "value: &[&str]".to_owned(),
                "arg::<Text, _>(value.join(\"_\"))".to_owned(),
                format!("&[{first:?}]"),
                format!("{param}-{first}"),
            )
        } else if accepts.boolean == Some(true) && render == Some("flag") {
            (
                String::new(),
                "arg::<Bool, _>(true)".to_owned(),
                String::new(),
                param.to_owned(),
            )
        } else {
            let kind = match (
                accepts.number.is_some(),
                accepts.text.is_some(),
                accepts.boolean.is_some(),
            ) {
                (true, false, false) => "Number",
                (false, true, false) => "Text",
                (true, true, false) => "NumberOrText",
                (false, false, true) => "Bool",
                (true, false, true) => "BoolOrNumber",
                (false, true, true) => "BoolOrText",
                _ => return Err(format!("{what}: no builder form for what it accepts")),
            };
            let (sample, rendered) = if accepts.boolean.is_some() {
                let bare = matches!(render, Some("flag") | Some("flag-or-value"));
                (
                    "true".to_owned(),
                    if bare {
                        param.to_owned()
                    } else {
                        format!("{param}-true")
                    },
                )
            } else if let Some((min, max)) = accepts.number {
                let n = sample_number(min, max);
                (number_text(n), format!("{param}-{}", number_text(n)))
            } else if render == Some("raw") {
                ("\"w-100\"".to_owned(), "w-100".to_owned())
            } else {
                ("\"auto\"".to_owned(), format!("{param}-auto"))
            };
            (
                format!("value: impl Accept<{kind}>"),
                "value.value()".to_owned(),
                sample,
                rendered,
            )
        };
        let takes = if signature.is_empty() {
            "no value: it is a flag".to_owned()
        } else {
            describe(&accepts, enum_values.is_some(), &pascal_case(name))
        };
        let signature = if signature.is_empty() {
            "mut self".to_owned()
        } else {
            format!("mut self, {signature}")
        };
        // A seed-era name is there for code written from the seed's table, renders as it
        // does in `transform!`, and stays out of the docs (tests/transform_vocabulary.rs
        // checks each one).
        let (doc, hidden) = if deprecated {
            (
                format!("{description} (`{param}`; takes {takes})."),
                "#[doc(hidden)]\n    ",
            )
        } else {
            (
                format!(
                    "{description} (`{param}`; takes {takes}).\n\n\
                     An invalid value makes [`build`](Self::build) return [`Error::InvalidInput`](crate::Error::InvalidInput).\n\n\
                     ```\nlet t = imagekitio::Transformation::builder().{name}({sample}).build()?;\n\
                     assert_eq!(t.as_str(), {rendered:?});\n# Ok::<(), imagekitio::Error>(())\n```"
                ),
                "",
            )
        };
        let _ = write!(
            methods,
            "    {hidden}#[doc = {doc:?}]\n    pub fn {name}({signature}) -> Self {{\n        \
             self.chain.value({name:?}, &{accepts_rust}, {value});\n        self\n    }}\n\n"
        );
    }
    Ok(format!(
        "// Generated by build/vocabulary.rs from {VOCABULARY}; edit that file instead.\n\n\
         impl TransformationBuilder {{\n{}}}\n\n{}",
        methods.trim_end(),
        enums.trim_end()
    ) + "\n")
}

fn describe(accepts: &macro_crate::Accepts, is_enum: bool, type_name: &str) -> String {
    if is_enum {
        return format!("a [`{type_name}`]");
    }
    let mut parts = Vec::new();
    if let Some((min, max)) = accepts.number {
        parts.push(match (min, max) {
            (Some(a), Some(b)) => format!("a number in {}..={}", number_text(a), number_text(b)),
            (Some(a), None) => format!("a number >= {}", number_text(a)),
            (None, Some(b)) => format!("a number <= {}", number_text(b)),
            (None, None) => "a number".to_owned(),
        });
    }
    match &accepts.text {
        Some(values) if values.is_empty() => parts.push("a string".to_owned()),
        Some(values) => parts.push(format!("one of {}", values.join(", "))),
        None => {}
    }
    if accepts.boolean.is_some() {
        parts.push("a boolean".to_owned());
    }
    if let Some(items) = &accepts.list {
        parts.push(format!("a list of {}", items.join(", ")));
    }
    if parts.is_empty() {
        "no value: it is a flag".to_owned()
    } else {
        parts.join(" or ")
    }
}
