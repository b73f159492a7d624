//! The document and its operations: OpenAPI 3.0, the 53 operations the SDK wraps with unique
//! snake_case ids, one known tag each, the multipart ones on the upload host, and path
//! parameters that match their templates.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{deref, fail_if_any, load, operations, resolve};

const TAGS: [&str; 13] = [
    "files",
    "versions",
    "folders",
    "bulk-jobs",
    "cache",
    "metadata",
    "custom-metadata-fields",
    "saved-extensions",
    "named-transformations",
    "origins",
    "url-endpoints",
    "accounts",
    "upload",
];

/// The operations the SDK wraps, by operationId (= Rust method name).
const OPERATIONS: [&str; 53] = [
    "upload_file",
    "upload_file_v2",
    "list_files",
    "get_file_details",
    "update_file_details",
    "delete_file",
    "bulk_file_delete",
    "copy_file",
    "move_file",
    "rename_file",
    "add_tags",
    "remove_tags",
    "remove_ai_tags",
    "get_file_versions",
    "get_file_version_details",
    "delete_file_version",
    "restore_file_version",
    "create_folder",
    "delete_folder",
    "copy_folder",
    "move_folder",
    "rename_folder",
    "get_bulk_job_status",
    "purge_file_cache",
    "get_purge_file_cache_status",
    "get_file_metadata",
    "get_remote_file_url_metadata",
    "create_custom_metadata_fields",
    "get_custom_metadata_fields",
    "update_custom_metadata_fields",
    "delete_custom_metadata_field",
    "list_saved_extensions",
    "create_saved_extension",
    "get_saved_extension",
    "update_saved_extension",
    "delete_saved_extension",
    "list_named_transformations",
    "create_named_transformation",
    "get_named_transformation",
    "update_named_transformation",
    "delete_named_transformation",
    "list_origins",
    "create_origin",
    "get_origin",
    "update_origin",
    "delete_origin",
    "list_url_endpoints",
    "create_url_endpoint",
    "get_url_endpoint",
    "update_url_endpoint",
    "delete_url_endpoint",
    "get_usage",
    "get_usage_analytics",
];

/// Operations codegen/client.rs drops (multipart/form-data), written by hand in the SDK.
const MULTIPART: [&str; 2] = ["upload_file", "upload_file_v2"];

fn is_snake_case(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
        && !s.ends_with('_')
}

#[test]
fn spec_is_openapi_3_0() {
    let doc = load();
    assert_eq!(
        doc.get("openapi").and_then(Value::as_str),
        Some("3.0.3"),
        "openapi must be 3.0.3"
    );
    assert_eq!(
        doc.pointer("/info/version").and_then(Value::as_str),
        Some("1.0.0"),
        "info.version"
    );
    assert_eq!(
        doc.pointer("/servers/0/url").and_then(Value::as_str),
        Some("https://api.imagekit.io"),
        "the document's server is the API host"
    );
}

#[test]
fn operations_are_the_53_expected_with_unique_snake_case_ids() {
    let doc = load();
    let ops = operations(&doc);
    let mut problems = Vec::new();
    let mut seen = BTreeMap::<&str, usize>::new();
    for op in &ops {
        match op.op.get("operationId").and_then(Value::as_str) {
            None => problems.push(format!("{}: no operationId", op.name)),
            Some(id) => {
                *seen.entry(id).or_default() += 1;
                if !is_snake_case(id) {
                    problems.push(format!("{id}: operationId is not snake_case"));
                }
            }
        }
    }
    for (id, n) in &seen {
        if *n > 1 {
            problems.push(format!("{id}: operationId used {n} times"));
        }
    }
    let expected: BTreeSet<&str> = OPERATIONS.iter().copied().collect();
    let actual: BTreeSet<&str> = seen.keys().copied().collect();
    for id in expected.difference(&actual) {
        problems.push(format!("{id}: expected operation is missing"));
    }
    for id in actual.difference(&expected) {
        problems.push(format!("{id}: unexpected operation"));
    }
    if ops.len() != OPERATIONS.len() {
        problems.push(format!(
            "{} operations, expected {}",
            ops.len(),
            OPERATIONS.len()
        ));
    }
    fail_if_any("operation ids", &problems);
}

#[test]
fn every_operation_has_exactly_one_known_tag() {
    let doc = load();
    let mut problems = Vec::new();
    for op in operations(&doc) {
        let tags = op.op.get("tags").and_then(Value::as_array);
        match tags.map(Vec::as_slice) {
            Some([tag]) => match tag.as_str() {
                Some(t) if TAGS.contains(&t) => {}
                _ => problems.push(format!("{}: unknown tag {tag}", op.name)),
            },
            Some([]) | None => problems.push(format!("{}: no tag", op.name)),
            Some(more) => problems.push(format!(
                "{}: {} tags, exactly one wanted",
                op.name,
                more.len()
            )),
        }
    }
    fail_if_any("tags", &problems);
}

#[test]
fn multipart_operations_are_marked_and_on_the_upload_host() {
    let doc = load();
    let mut problems = Vec::new();
    for op in operations(&doc) {
        let marked = op.op.get("x-ik-multipart") == Some(&Value::Bool(true));
        let multipart = op
            .op
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
            .is_some_and(|c| c.contains_key("multipart/form-data"));
        let expected = MULTIPART.contains(&op.name.as_str());
        if marked != expected || multipart != expected {
            problems.push(format!(
                "{}: x-ik-multipart={marked}, multipart body={multipart}, expected {expected} for both",
                op.name
            ));
        }
        if expected {
            let server = op.op.pointer("/servers/0/url").and_then(Value::as_str);
            if server != Some("https://upload.imagekit.io") {
                problems.push(format!(
                    "{}: operation-level server must be https://upload.imagekit.io",
                    op.name
                ));
            }
            let schema = op
                .op
                .pointer("/requestBody/content/multipart~1form-data/schema/$ref");
            if schema
                .and_then(Value::as_str)
                .and_then(|r| resolve(&doc, r))
                .is_none()
            {
                problems.push(format!(
                    "{}: multipart body must $ref a component schema",
                    op.name
                ));
            }
        }
    }
    fail_if_any("multipart operations", &problems);
}

#[test]
fn path_parameters_match_the_path_template() {
    let doc = load();
    let mut problems = Vec::new();
    for op in operations(&doc) {
        let in_template: BTreeSet<&str> = op
            .path
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .collect();
        let mut declared = BTreeSet::new();
        for p in op
            .op
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            match deref(&doc, p) {
                Err(e) => problems.push(format!("{}: parameter: {e}", op.name)),
                Ok(p) => {
                    let name = p.get("name").and_then(Value::as_str).unwrap_or("");
                    let location = p.get("in").and_then(Value::as_str).unwrap_or("");
                    if p.get("schema").is_none() {
                        problems.push(format!("{}: parameter {name} has no schema", op.name));
                    }
                    if location == "path" {
                        if p.get("required") != Some(&Value::Bool(true)) {
                            problems.push(format!(
                                "{}: path parameter {name} must be required",
                                op.name
                            ));
                        }
                        declared.insert(name);
                    } else if location != "query" {
                        problems.push(format!("{}: parameter {name} is in {location:?}", op.name));
                    }
                }
            }
        }
        let declared: BTreeSet<&str> = declared.into_iter().collect();
        if declared != in_template {
            problems.push(format!(
                "{} ({} {}): path parameters {declared:?} != template {in_template:?}",
                op.name, op.method, op.path
            ));
        }
    }
    fail_if_any("path parameters", &problems);
}
