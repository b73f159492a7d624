//! What the SDK writes by hand beside the generated client agrees with the document, and the
//! document's examples parse into the generated types.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{fail_if_any, load};

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

/// The hand-written `UploadResponseField` (codegen/client.rs replaces the generated one) lists exactly
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
