//! With the `schemars` feature, `UrlOptions` and `Transformation` describe themselves as JSON
//! Schema, generated from the same vocabulary as the renderer.
#![cfg(feature = "schemars")]

use imagekitio::{Transformation, UrlOptions};
use serde_json::Value;

fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                out.push(target.clone());
            }
            map.values().for_each(|v| references(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

#[test]
fn every_schema_reference_resolves() {
    for schema in [
        schemars::schema_for!(UrlOptions),
        schemars::schema_for!(Transformation),
    ] {
        let root = schema.as_value();
        let mut targets = Vec::new();
        references(root, &mut targets);
        assert!(!targets.is_empty());
        for target in targets {
            let pointer = target.trim_start_matches('#');
            assert!(root.pointer(pointer).is_some(), "{target} does not resolve");
        }
    }
}

#[test]
fn step_schema_lists_every_name_in_both_spellings() {
    let schema = schemars::schema_for!(Transformation);
    let step = &schema.as_value()["$defs"]["TransformationStep"]["properties"];
    for name in [
        "width",
        "aspect_ratio",
        "aspectRatio",
        "effect_sharpen",
        "effectSharpen",
        "overlay",
    ] {
        assert!(step.get(name).is_some(), "{name} missing");
    }
}

#[test]
fn options_schema_accepts_snake_and_camel_case_keys() {
    let schema = schemars::schema_for!(UrlOptions);
    let properties = &schema.as_value()["properties"];
    for key in [
        "url_endpoint",
        "urlEndpoint",
        "expire_seconds",
        "expires_in",
        "expireAt",
    ] {
        assert!(properties.get(key).is_some(), "{key} missing");
    }
    assert_eq!(
        schema.as_value()["additionalProperties"],
        Value::Bool(false)
    );
}
