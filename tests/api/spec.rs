//! Checks `openapi/imagekit.yaml` against the rules progenitor 0.15 needs (see the header of the
//! document): every problem found is reported, naming the operation or schema at fault. A
//! module per part of the document; here, reading it.

mod answers;
mod document;
mod generated;
mod responses;

use serde_json::Value;

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/imagekit.yaml");

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn load() -> Value {
    let text = std::fs::read_to_string(SPEC).unwrap_or_else(|e| panic!("cannot read {SPEC}: {e}"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{SPEC} is not valid YAML: {e}"))
}

/// Follows a local `$ref` (`#/a/b/c`) from the document root.
fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    doc.pointer(pointer)
}

/// The object itself, or what its `$ref` points at.
fn deref<'a>(doc: &'a Value, item: &'a Value) -> Result<&'a Value, String> {
    match item.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(doc, r).ok_or_else(|| format!("unresolvable $ref {r}")),
        None => Ok(item),
    }
}

struct Operation<'a> {
    path: &'a str,
    method: &'a str,
    /// operationId, or `METHOD path` when it has none.
    name: String,
    op: &'a Value,
}

fn operations(doc: &Value) -> Vec<Operation<'_>> {
    let mut out = Vec::new();
    let paths = doc
        .get("paths")
        .and_then(Value::as_object)
        .expect("the document has no `paths` object");
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let name = op
                .get("operationId")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("{} {path}", method.to_uppercase()));
            out.push(Operation {
                path,
                method,
                name,
                op,
            });
        }
    }
    out
}

fn fail_if_any(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s)\n  - {}",
        problems.len(),
        problems.join("\n  - ")
    );
}
