//! Checks `openapi/imagekit.yaml` against the rules progenitor 0.15 needs (see the header of the
//! document): every problem found is reported, naming the operation or schema at fault.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::common;

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/imagekit.yaml");

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

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

/// Operations build.rs drops (multipart/form-data), written by hand in the SDK.
const MULTIPART: [&str; 2] = ["upload_file", "upload_file_v2"];

const ERROR_BODY: &str = "#/components/schemas/ErrorBody";

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

fn is_snake_case(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
        && !s.ends_with('_')
}

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

fn fail_if_any(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s)\n  - {}",
        problems.len(),
        problems.join("\n  - ")
    );
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

/// `UploadOptions` holds the V1 request and writes the V2 form from it without the V1-only
/// fields, which is right only while V2's fields are exactly V1's but those three.
#[test]
fn the_v2_upload_fields_are_the_v1_fields_but_the_v1_only_ones() {
    let doc = load();
    let fields = |schema: &str| -> BTreeSet<String> {
        doc.pointer(&format!("/components/schemas/{schema}/properties"))
            .and_then(Value::as_object)
            .unwrap_or_else(|| panic!("{schema} has properties"))
            .keys()
            .cloned()
            .collect()
    };
    let v1_only: BTreeSet<String> = ["publicKey", "signature", "expire"]
        .map(String::from)
        .into();
    let v1 = fields("UploadFileRequest");
    assert!(v1_only.is_subset(&v1));
    assert_eq!(fields("UploadFileV2Request"), &v1 - &v1_only);
}

/// The hand-written `UploadResponseField` (build.rs replaces the generated one) lists exactly
/// the spec's values, and each parses from ImageKit's camelCase and the Python SDK's
/// snake_case.
#[test]
fn upload_response_fields_are_the_specs_in_both_spellings() {
    let doc = load();
    let values: Vec<&str> = doc
        .pointer("/components/schemas/UploadResponseField/enum")
        .and_then(Value::as_array)
        .expect("an enum")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let ours: Vec<String> = imagekitio::UploadResponseField::ALL
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(ours, values);
    for value in values {
        let snake: String = value
            .chars()
            .flat_map(|c| {
                let lower = c.to_ascii_lowercase();
                (c.is_ascii_uppercase().then_some('_').into_iter()).chain([lower])
            })
            .collect();
        let camel = value.parse::<imagekitio::UploadResponseField>().unwrap();
        assert_eq!(
            snake.parse::<imagekitio::UploadResponseField>().unwrap(),
            camel,
            "{snake}"
        );
    }
    assert!(
        "isprivatefile"
            .parse::<imagekitio::UploadResponseField>()
            .is_err()
    );
}

#[test]
fn update_file_details_body_is_the_replaced_schema() {
    let doc = load();
    let body = doc
        .pointer("/paths/~1v1~1files~1{fileId}~1details/patch/requestBody/content/application~1json/schema/$ref")
        .and_then(Value::as_str);
    assert_eq!(body, Some("#/components/schemas/UpdateFileDetailsRequest"));
    let schema = doc
        .pointer("/components/schemas/UpdateFileDetailsRequest")
        .expect("schema exists");
    assert_eq!(
        schema.get("type").and_then(Value::as_str),
        Some("object"),
        "a plain object"
    );
    for field in ["tags", "customCoordinates"] {
        assert_eq!(
            schema.pointer(&format!("/properties/{field}/nullable")),
            Some(&Value::Bool(true)),
            "{field} must be nullable (null clears it)"
        );
    }
}

/// Deserializes the `example` of each listed component schema into its generated type.
macro_rules! examples_parse {
    ($doc:expr, $($name:ident),* $(,)?) => {{
        let doc: &Value = $doc;
        let mut problems = Vec::<String>::new();
        $(
            let pointer = concat!("/components/schemas/", stringify!($name), "/example");
            match doc.pointer(pointer) {
                None => problems.push(format!("{}: no example", stringify!($name))),
                Some(example) => {
                    if let Err(e) =
                        serde_json::from_value::<imagekitio::api::types::$name>(example.clone())
                    {
                        problems.push(format!("{}: example does not parse: {e}", stringify!($name)));
                    }
                }
            }
        )*
        problems
    }};
}

#[test]
fn schema_examples_parse_into_the_generated_types() {
    let doc = load();
    let problems = examples_parse!(
        &doc,
        ErrorBody,
        FileDetails,
        FileOrFolder,
        AiTag,
        VersionInfo,
        ExtensionStatus,
        CustomMetadata,
        EmbeddedMetadata,
        BulkDeleteFilesResult,
        RenameFileResult,
        BulkTagsResult,
        BulkJob,
        BulkJobStatus,
        PurgeCacheResult,
        PurgeCacheStatus,
        Metadata,
        CustomMetadataField,
        SavedExtension,
        NamedTransformation,
        Origin,
        UrlEndpoint,
        Usage,
        UsageAnalytics,
        UploadedFile,
        Extension,
        AiTask,
        UploadTransformation,
        UploadFileRequest,
        UploadFileV2Request,
        OriginRequest,
        UrlEndpointRequest,
        CreateCustomMetadataFieldRequest,
        UpdateCustomMetadataFieldRequest,
        CreateSavedExtensionRequest,
        CreateNamedTransformationRequest,
        UpdateNamedTransformationRequest,
        BulkDeleteFilesRequest,
        CopyFileRequest,
        MoveFileRequest,
        RenameFileRequest,
        AddTagsRequest,
        RemoveTagsRequest,
        RemoveAiTagsRequest,
        CreateFolderRequest,
        DeleteFolderRequest,
        CopyFolderRequest,
        MoveFolderRequest,
        RenameFolderRequest,
        PurgeCacheRequest,
    );
    fail_if_any("schema examples", &problems);
}

// ---------------------------------------------------------------------------------------------
// Answers ImageKit's official OpenAPI document allows

/// For each call and success status, the bodies ImageKit's official OpenAPI document allows
/// with only the fields it requires (one per `oneOf` variant), written from that document by
/// `tools/audit_required.py`.
const MINIMAL_ANSWERS: &str = include_str!("../data/minimal_answers.json");

const NO_BODY: &str = "204: an answer without a body";
const NOT_OFFICIAL: &str = "not in ImageKit's official document";

/// Operations of `openapi/imagekit.yaml` that have no minimal answer, and why.
const WITHOUT_MINIMAL_ANSWER: [(&str, &str); 15] = [
    ("delete_file", NO_BODY),
    ("copy_file", NO_BODY),
    ("move_file", NO_BODY),
    ("delete_file_version", NO_BODY),
    ("delete_folder", NO_BODY),
    ("delete_custom_metadata_field", NO_BODY),
    ("delete_saved_extension", NO_BODY),
    ("delete_origin", NO_BODY),
    ("delete_url_endpoint", NO_BODY),
    ("list_named_transformations", NOT_OFFICIAL),
    ("create_named_transformation", NOT_OFFICIAL),
    ("get_named_transformation", NOT_OFFICIAL),
    ("update_named_transformation", NOT_OFFICIAL),
    ("delete_named_transformation", NOT_OFFICIAL),
    ("get_usage_analytics", NOT_OFFICIAL),
];

/// A call's result as "did the answer decode": a 207 is an error by design
/// ([`imagekitio::Error::PartialSuccess`]), whose body must still decode as the success type.
fn decoded<T>(result: Result<imagekitio::Response<T>, imagekitio::Error>) -> Result<(), String>
where
    T: serde::de::DeserializeOwned,
{
    match result {
        Ok(_) => Ok(()),
        Err(imagekitio::Error::PartialSuccess(partial)) => partial
            .decode::<T>()
            .map(drop)
            .map_err(|e| format!("the 207 body does not decode: {e}")),
        Err(e) => Err(e.to_string()),
    }
}

/// Makes the SDK call of `operation` through the public client.
async fn call(ik: &imagekitio::ImageKit, operation: &str) -> Result<(), String> {
    use common::FILE_ID;
    use imagekitio::{
        CustomMetadataFieldsOptions, ListFilesOptions, RenameFileOptions, UpdateFileDetails,
        UploadOptions, api::types,
    };
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 1, d).expect("a valid date");
    const ID: &str = "6630a6c3a8ee3cd5d5b6b8c1";
    const VERSION_ID: &str = "697a71b8f1c9c3a1b1c1d1e1";
    // Each call's future is boxed: together, inline, they overflow a test thread's stack.
    macro_rules! on {
        ($call:expr) => {
            decoded(Box::pin($call).await)
        };
    }
    // A request body: the example of its schema in `openapi/imagekit.yaml`.
    macro_rules! body {
        ($schema:ident) => {
            serde_json::from_value::<types::$schema>(common::example(stringify!($schema))).expect(
                concat!("the example of ", stringify!($schema), " fits its type"),
            )
        };
    }
    match operation {
        "upload_file" => {
            on!(ik.upload_file(b"GIF89a".as_slice(), "a.gif", UploadOptions::default()))
        }
        "upload_file_v2" => {
            on!(ik.upload_file_v2(b"GIF89a".as_slice(), "a.gif", UploadOptions::default()))
        }
        "list_files" => on!(ik.list_files(&ListFilesOptions::new())),
        "get_file_details" => on!(ik.get_file_details(FILE_ID)),
        "update_file_details" => {
            on!(ik.update_file_details(FILE_ID, &UpdateFileDetails::new().tags(["sale"])))
        }
        "bulk_file_delete" => on!(ik.bulk_file_delete([FILE_ID])),
        "rename_file" => on!(ik.rename_file("/a.jpg", "b.jpg", &RenameFileOptions::new())),
        "add_tags" => on!(ik.add_tags([FILE_ID], ["sale"])),
        "remove_tags" => on!(ik.remove_tags([FILE_ID], ["sale"])),
        "remove_ai_tags" => on!(ik.remove_ai_tags([FILE_ID], ["Shirt"])),
        "get_file_versions" => on!(ik.get_file_versions(FILE_ID)),
        "get_file_version_details" => {
            on!(ik.get_file_version_details(FILE_ID, VERSION_ID))
        }
        "restore_file_version" => on!(ik.restore_file_version(FILE_ID, VERSION_ID)),
        "create_folder" => on!(ik.create_folder("new", "/")),
        "copy_folder" => on!(ik.copy_folder("/a", "/b", &Default::default())),
        "move_folder" => on!(ik.move_folder("/a", "/b")),
        "rename_folder" => on!(ik.rename_folder("/a", "c", &Default::default())),
        "get_bulk_job_status" => on!(ik.get_bulk_job_status(ID)),
        "purge_file_cache" => on!(ik.purge_file_cache("https://ik.imagekit.io/demo/a.jpg")),
        "get_purge_file_cache_status" => on!(ik.get_purge_file_cache_status(ID)),
        "get_file_metadata" => on!(ik.get_file_metadata(FILE_ID)),
        "get_remote_file_url_metadata" => {
            on!(ik.get_remote_file_url_metadata("https://ik.imagekit.io/demo/a.jpg"))
        }
        "create_custom_metadata_fields" => {
            on!(ik.create_custom_metadata_fields(body!(CreateCustomMetadataFieldRequest)))
        }
        "get_custom_metadata_fields" => {
            on!(ik.get_custom_metadata_fields(&CustomMetadataFieldsOptions::new()))
        }
        "update_custom_metadata_fields" => {
            on!(ik.update_custom_metadata_fields(ID, body!(UpdateCustomMetadataFieldRequest)))
        }
        "list_saved_extensions" => on!(ik.list_saved_extensions()),
        "create_saved_extension" => {
            on!(ik.create_saved_extension(body!(CreateSavedExtensionRequest)))
        }
        "get_saved_extension" => on!(ik.get_saved_extension(ID)),
        "update_saved_extension" => on!(ik.update_saved_extension(
            ID,
            types::UpdateSavedExtensionRequest::builder().description(Some("20 tags".to_owned())),
        )),
        "list_origins" => on!(ik.list_origins()),
        "create_origin" => on!(ik.create_origin(body!(OriginRequest))),
        "get_origin" => on!(ik.get_origin(ID)),
        "update_origin" => on!(ik.update_origin(ID, body!(OriginRequest))),
        "list_url_endpoints" => on!(ik.list_url_endpoints()),
        "create_url_endpoint" => on!(ik.create_url_endpoint(body!(UrlEndpointRequest))),
        "get_url_endpoint" => on!(ik.get_url_endpoint(ID)),
        "update_url_endpoint" => on!(ik.update_url_endpoint(ID, body!(UrlEndpointRequest))),
        "get_usage" => on!(ik.get_usage(day(1), day(31))),
        other => panic!("minimal_answers.json has an answer for {other}: add its call here"),
    }
}

/// `^/v1/files/[^/]+/details$` for `/v1/files/{fileId}/details`.
fn path_pattern(template: &str) -> String {
    let segments: Vec<String> = template
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                "[^/]+".to_owned()
            } else {
                segment.replace('.', "\\.")
            }
        })
        .collect();
    format!("^{}$", segments.join("/"))
}

#[test]
fn every_operation_has_a_minimal_answer_or_a_reason() {
    let doc = load();
    let data: Value = serde_json::from_str(MINIMAL_ANSWERS).expect("minimal_answers.json is JSON");
    let answers = data["answers"].as_object().expect("an `answers` object");
    let exempt: BTreeSet<&str> = WITHOUT_MINIMAL_ANSWER
        .iter()
        .map(|(operation, _)| *operation)
        .collect();
    let mut problems = Vec::new();
    let names: BTreeSet<String> = operations(&doc).into_iter().map(|o| o.name).collect();
    for name in &names {
        match (answers.contains_key(name), exempt.contains(name.as_str())) {
            (false, false) => problems.push(format!("{name}: no minimal answer")),
            (true, true) => problems.push(format!("{name}: has a minimal answer, listed without")),
            _ => {}
        }
    }
    for name in answers.keys() {
        if !names.contains(name) {
            problems.push(format!(
                "{name}: answer for an operation the spec does not have"
            ));
        }
    }
    fail_if_any("minimal answers", &problems);
}

/// Every success answer ImageKit's official OpenAPI document allows, stripped to the fields it
/// requires, decodes through the SDK call that receives it.
#[tokio::test]
async fn minimal_official_answers_decode() {
    use wiremock::{
        Mock, MockServer,
        matchers::{method, path_regex},
    };

    let doc = load();
    let routes: BTreeMap<String, (String, String)> = operations(&doc)
        .into_iter()
        .map(|o| (o.name, (o.method.to_uppercase(), path_pattern(o.path))))
        .collect();
    let data: Value = serde_json::from_str(MINIMAL_ANSWERS).expect("minimal_answers.json is JSON");
    let answers = data["answers"].as_object().expect("an `answers` object");

    let server = MockServer::start().await;
    let ik = imagekitio::ImageKit::builder()
        .public_key("public_key")
        .private_key(common::PRIVATE_KEY)
        .url_endpoint("https://ik.imagekit.io/demo")
        .api_base_url(server.uri())
        .upload_base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("a valid client configuration");

    let mut failures = Vec::new();
    let mut checked = 0;
    for (operation, statuses) in answers {
        let (http_method, pattern) = &routes[operation];
        for (status, bodies) in statuses.as_object().expect("status -> bodies") {
            let status: u16 = status.parse().expect("a status code");
            for body in bodies.as_array().expect("a list of bodies") {
                server.reset().await;
                Mock::given(method(http_method.as_str()))
                    .and(path_regex(pattern.as_str()))
                    .respond_with(common::json(status, body.clone()))
                    .mount(&server)
                    .await;
                checked += 1;
                if let Err(why) = call(&ik, operation).await {
                    failures.push(format!("{operation} {status} {body}: {why}"));
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} answers checked");
    fail_if_any(
        &format!("{} of {checked} minimal official answers", failures.len()),
        &failures,
    );
}
