//! Responses as progenitor needs them: each a `$ref`, one success type per operation, the one
//! error body, and response schemas that stay open to what ImageKit may add.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{deref, fail_if_any, load, operations, resolve};

const ERROR_BODY: &str = "#/components/schemas/ErrorBody";

/// The JSON body schema of a response (already dereferenced), if it has one.
fn json_schema(response: &Value) -> Option<&Value> {
    let content = response.get("content")?.as_object()?;
    content
        .iter()
        .find(|(mime, _)| {
            mime.as_str() == "application/json" || mime.starts_with("application/json;")
        })
        .map(|(_, media)| media.get("schema").unwrap_or(&Value::Null))
}

#[test]
fn responses_use_refs_one_success_type_and_error_body() {
    let doc = load();
    let mut problems = Vec::new();
    for op in operations(&doc) {
        let Some(responses) = op.op.get("responses").and_then(Value::as_object) else {
            problems.push(format!("{}: no responses", op.name));
            continue;
        };
        // Success type per 2xx response: Some($ref) for a body, None for no body.
        let mut success = BTreeMap::<&str, Option<&str>>::new();
        for (status, response) in responses {
            let response = match deref(&doc, response) {
                Ok(r) => r,
                Err(e) => {
                    problems.push(format!("{}: response {status}: {e}", op.name));
                    continue;
                }
            };
            if status == "default" {
                problems.push(format!(
                    "{}: `default` response (progenitor treats it as success)",
                    op.name
                ));
                continue;
            }
            let schema = json_schema(response);
            let reference = schema.and_then(|s| s.get("$ref")).and_then(Value::as_str);
            if let Some(schema) = schema {
                match reference {
                    None => problems.push(format!(
                        "{}: response {status} has an inline schema; use $ref to a named schema",
                        op.name
                    )),
                    Some(r) if resolve(&doc, r).is_none() => problems.push(format!(
                        "{}: response {status}: unresolvable $ref {r}",
                        op.name
                    )),
                    Some(_) => {}
                }
                if schema.as_object().is_some_and(|o| o.len() > 1) {
                    problems.push(format!(
                        "{}: response {status}: $ref with sibling keys",
                        op.name
                    ));
                }
            } else if response
                .get("content")
                .and_then(Value::as_object)
                .is_some_and(|c| !c.is_empty())
            {
                problems.push(format!(
                    "{}: response {status} has a non-JSON body",
                    op.name
                ));
            }
            match status.as_bytes().first() {
                Some(b'2') => {
                    success.insert(status, reference);
                }
                Some(b'4' | b'5') => {
                    if reference != Some(ERROR_BODY) {
                        problems.push(format!(
                            "{}: error response {status} must use {ERROR_BODY}, found {reference:?}",
                            op.name
                        ));
                    }
                }
                _ => problems.push(format!("{}: unexpected status {status}", op.name)),
            }
        }
        let types: BTreeSet<Option<&str>> = success.values().copied().collect();
        if types.is_empty() {
            problems.push(format!("{}: no 2xx response", op.name));
        } else if types.len() > 1 {
            problems.push(format!(
                "{}: success responses disagree on their body: {success:?}",
                op.name
            ));
        }
        if success.contains_key("200") && success.contains_key("204") {
            problems.push(format!("{}: 200 and 204 together", op.name));
        }
        if success.contains_key("207") && success.get("207") != success.get("200") {
            problems.push(format!("{}: 207 without a 200 of the same schema", op.name));
        }
        if let Some(r429) = responses.get("429") {
            let headers = deref(&doc, r429)
                .ok()
                .and_then(|r| r.get("headers"))
                .and_then(Value::as_object);
            for h in [
                "X-RateLimit-Limit",
                "X-RateLimit-Reset",
                "X-RateLimit-Interval",
            ] {
                if !headers.is_some_and(|hs| hs.contains_key(h)) {
                    problems.push(format!("{}: 429 does not declare header {h}", op.name));
                }
            }
        } else {
            problems.push(format!("{}: no 429 response", op.name));
        }
    }
    fail_if_any("responses", &problems);
}

/// Names of the component schemas reachable from `value` through `$ref`s (transitively).
fn collect_refs<'a>(doc: &'a Value, value: &'a Value, seen: &mut BTreeSet<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(r) = map.get("$ref").and_then(Value::as_str)
                && let Some(name) = r.strip_prefix("#/components/schemas/")
                && seen.insert(name)
                && let Some(target) = resolve(doc, r)
            {
                collect_refs(doc, target, seen);
            }
            for v in map.values() {
                collect_refs(doc, v, seen);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(doc, v, seen)),
        _ => {}
    }
}

/// Keywords that make typify reject values ImageKit may send, found anywhere in `schema`.
fn closed_keywords(schema: &Value, at: &str, out: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map {
                let here = format!("{at}/{key}");
                // Under `properties`, keys are field names, not keywords.
                if at.ends_with("/properties") {
                    closed_keywords(value, &here, out);
                    continue;
                }
                match key.as_str() {
                    "enum" | "pattern" | "minLength" | "maxLength" => out.push(here.clone()),
                    "additionalProperties" if value == &Value::Bool(false) => {
                        out.push(here.clone())
                    }
                    "format"
                        if value
                            .as_str()
                            .is_some_and(|f| !["date-time", "date"].contains(&f)) =>
                    {
                        out.push(format!("{here}={value}"))
                    }
                    // Examples are data, not schema.
                    "example" | "examples" => continue,
                    _ => {}
                }
                closed_keywords(value, &here, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                closed_keywords(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn response_schemas_stay_open_and_refs_resolve() {
    let doc = load();
    let mut problems = Vec::new();
    let mut reachable = BTreeSet::new();
    for op in operations(&doc) {
        for response in op
            .op
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(_, r)| r)
        {
            if let Ok(response) = deref(&doc, response)
                && let Some(schema) = json_schema(response)
            {
                collect_refs(&doc, schema, &mut reachable);
            }
        }
    }
    for name in &reachable {
        let Some(schema) = doc.pointer(&format!("/components/schemas/{name}")) else {
            problems.push(format!("schema {name}: referenced but not defined"));
            continue;
        };
        let mut found = Vec::new();
        closed_keywords(schema, name, &mut found);
        for f in found {
            problems.push(format!(
                "schema {name} (read from a response) is closed at {f}"
            ));
        }
    }
    // Every $ref anywhere in the document resolves.
    let mut all = BTreeSet::new();
    collect_refs(&doc, &doc, &mut all);
    for name in all {
        if doc
            .pointer(&format!("/components/schemas/{name}"))
            .is_none()
        {
            problems.push(format!("schema {name}: referenced but not defined"));
        }
    }
    fail_if_any("response schemas", &problems);
}
