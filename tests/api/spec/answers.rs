//! Answers ImageKit's official OpenAPI document allows: each, stripped to its required fields,
//! decodes through the SDK call that receives it.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{fail_if_any, load, operations};
use crate::common;

/// For each call and success status, the bodies ImageKit's official OpenAPI document allows
/// with only the fields it requires (one per `oneOf` variant), written from that document by
/// `tools/audit_required.py`.
const MINIMAL_ANSWERS: &str = include_str!("../../data/minimal_answers.json");

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
