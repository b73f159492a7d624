//! Reads `openapi/transformations.yaml`, the transformation vocabulary, into one model that
//! every generated file is written from: the table of `imagekitio-grammar`
//! (`build/grammar_table.rs`, checked in), the typed builder (`build/builder.rs`) and the JSON
//! Schema of `Transformation` (both in `$OUT_DIR`).
//!
//! Everything is checked here, at build time: a duplicate name, an unknown `x-ik-render` or a
//! missing `x-ik-param` fails the build with the offending entry named.

use std::{collections::BTreeMap, env, fs, path::PathBuf, process::exit};

use serde_json::{Map, Value};

pub const VOCABULARY: &str = "openapi/transformations.yaml";

/// Where the generated JSON Schema points its references; replaced at run time by the
/// generator's own definitions path.
const DEFS_MARKER: &str = "#/$defs/";

/// Generates the builder and the JSON Schema into `$OUT_DIR`, or stops the build with the
/// reason.
pub fn run() {
    println!("cargo:rerun-if-changed={VOCABULARY}");
    if let Err(problem) = generate() {
        eprintln!("error: cannot build the transformation vocabulary from {VOCABULARY}: {problem}");
        exit(1);
    }
}

/// The `components.schemas` of the vocabulary file.
pub fn read_schemas() -> Result<Map<String, Value>, String> {
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
    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?);
    let schema = json_schema(schemas)?;
    let schema_rust = format!(
        "/// JSON Schema definitions of the `Transformation` family; references start with \
         [`JSON_SCHEMA_DEFS_MARKER`].\n\
         pub(crate) const JSON_SCHEMA_DEFS: &str = {schema:?};\n\n\
         /// The prefix of the references in [`JSON_SCHEMA_DEFS`].\n\
         pub(crate) const JSON_SCHEMA_DEFS_MARKER: &str = {DEFS_MARKER:?};\n"
    );
    fs::write(out.join("json_schema.rs"), schema_rust).map_err(|e| format!("cannot write: {e}"))?;
    let builder = crate::builder::builder_rust(&vocabulary)?;
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

/// What a name accepts, read from its schema (and the alternatives of a `oneOf`).
#[derive(Clone, Debug, Default)]
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

pub fn strings(value: Option<&Value>) -> Vec<String> {
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
                Some("array") => accepts.list = Some(strings(alt.pointer("/items/enum"))),
                _ => {}
            }
        }
        accepts
    }
}

/// A name of a step: its spellings, how it renders, what it takes.
pub struct StepName {
    /// The canonical (snake_case) name.
    pub name: String,
    pub spellings: Vec<String>,
    pub param: String,
    /// The variant of `Render`.
    pub render: &'static str,
    /// A seed-era name, whose rule is not the parameter's own.
    pub deprecated: bool,
    pub accepts: Accepts,
    pub description: String,
}

/// A layer kind: `text`, `image`, ...
pub struct Layer {
    pub types: Vec<String>,
    pub open: String,
    pub input_field: String,
    /// The variant of `Input`.
    pub input: &'static str,
    /// The step names its nested transformation takes; `None` means any.
    pub names: Option<Vec<String>>,
}

/// A key of a fixed-order object (position, timing).
pub struct Key {
    pub spellings: Vec<String>,
    pub param: String,
    pub accepts: Accepts,
}

pub struct Vocabulary {
    pub steps: Vec<StepName>,
    pub layers: Vec<Layer>,
    pub layer_mode_param: String,
    pub layer_modes: Vec<String>,
    /// The keys of `OverlayPosition`, in render order.
    pub position: Vec<Key>,
    /// The keys of `OverlayTiming`, in render order.
    pub timing: Vec<Key>,
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

/// `name`, its camelCase when different, then the strings of `aliases`.
fn spellings(name: &str, aliases: Option<&Value>, what: &str) -> Result<Vec<String>, String> {
    let mut spellings = vec![name.to_owned()];
    let camel = camel_case(name);
    if camel != name {
        spellings.push(camel);
    }
    for alias in aliases.and_then(Value::as_array).into_iter().flatten() {
        let alias = alias
            .as_str()
            .ok_or_else(|| format!("{what} has a non-string alias"))?;
        spellings.push(alias.to_owned());
    }
    Ok(spellings)
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
            if !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(format!("{what}: names are snake_case"));
            }
            let spellings = spellings(name, property.get("x-ik-aliases"), &what)?;
            for spelling in &spellings {
                if let Some(other) = seen.insert(spelling.clone(), name.clone()) {
                    return Err(format!(
                        "the spelling `{spelling}` belongs to both `{other}` and `{name}`"
                    ));
                }
            }
            steps.push(StepName {
                name: name.clone(),
                spellings,
                param,
                render,
                deprecated: property.get("deprecated") == Some(&Value::Bool(true)),
                accepts: Accepts::read(property),
                description: property
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
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
            // Which step names a layer's nested transformation takes: its `x-ik-names`, or any.
            let names = definition
                .pointer("/properties/transformation/items/$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .and_then(|r| schemas.get(r))
                .map(|s| strings(s.get("x-ik-names")));
            layers.push(Layer {
                types,
                open: str_field(layer, "open", &what)?.to_owned(),
                input_field: str_field(layer, "input", &what)?.to_owned(),
                input,
                names,
            });
        }
        if layers.is_empty() {
            return Err("no schema has an `x-ik-layer`".into());
        }

        let layer_mode = schema(schemas, "LayerMode")?;
        Ok(Self {
            steps,
            layers,
            layer_mode_param: str_field(layer_mode, "x-ik-param", "LayerMode")?.to_owned(),
            layer_modes: strings(layer_mode.get("enum")),
            position: ordered(schemas, "OverlayPosition")?,
            timing: ordered(schemas, "OverlayTiming")?,
        })
    }
}

/// The keys of a fixed-order object (position, timing), in its `x-ik-order`.
fn ordered(schemas: &Map<String, Value>, name: &str) -> Result<Vec<Key>, String> {
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
        let what = format!("`{name}.{key}`");
        keys.push(Key {
            spellings: spellings(key, None, &what)?,
            param: str_field(property, "x-ik-param", &what)?.to_owned(),
            accepts: Accepts::read(property),
        });
    }
    Ok(keys)
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
