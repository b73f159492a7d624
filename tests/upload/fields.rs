//! Every option as the multipart field ImageKit reads, the V1 and V2 endpoints, and the
//! client-side authentication fields that replace the private key.

use base64::Engine as _;
use imagekitio::{
    Error, Extension, ImageKit, UploadOptions, UploadPostTransformation, UploadResponseField,
    UploadSource,
    api::types::{UploadPostTransformationProtocol, UploadPostTransformationType},
};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers};

use crate::{
    PIXEL, PRIVATE_KEY, PUBLIC_KEY, assert_same_bytes, client,
    multipart::{Form, form_of},
    only_request, pattern, upload_host, uploaded_file_json,
};

fn basic_auth() -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{PRIVATE_KEY}:"))
    )
}

fn extension(value: Value) -> Extension {
    serde_json::from_value(value).unwrap()
}

/// Every option the Python SDK's README and today's API document, set at once.
pub(crate) fn every_option() -> UploadOptions {
    UploadOptions::new()
        .use_unique_file_name(false)
        .tags(["abc", "def"])
        .folder("/testing-python-folder/")
        .is_private_file(false)
        .is_published(true)
        .custom_coordinates("10,10,20,20")
        .response_fields([
            UploadResponseField::Tags,
            UploadResponseField::CustomCoordinates,
            UploadResponseField::IsPrivateFile,
            UploadResponseField::EmbeddedMetadata,
            UploadResponseField::CustomMetadata,
        ])
        .extensions([
            extension(
                json!({"name": "remove-bg", "options": {"add_shadow": true, "bg_color": "pink"}}),
            ),
            extension(json!({"name": "google-auto-tagging", "minConfidence": 80, "maxTags": 10})),
        ])
        .extension(extension(json!({"name": "ai-auto-description"})))
        .extension(extension(json!({
            "name": "ai-tasks",
            "tasks": [{
                "type": "yes_no",
                "instruction": "Is this a luxury or high-end fashion item?",
                "on_yes": {"add_tags": ["luxury", "premium"]}
            }]
        })))
        .extension(extension(
            json!({"name": "saved-extension", "id": "ext_abc123"}),
        ))
        .webhook_url("https://webhook.site/c78d617f-33bc-40d9-9e61-608999721e2e")
        .overwrite_file(true)
        .overwrite_ai_tags(false)
        .overwrite_tags(false)
        .overwrite_custom_metadata(true)
        .custom_metadata_field("testss", 12)
        .custom_metadata_field("brand", "Nike")
        .description("Running shoes")
        .pre_transformation("w-300,h-300,q-80")
        .post_transformation(UploadPostTransformation {
            type_: UploadPostTransformationType::Thumbnail,
            value: Some("w-150,h-150".into()),
            protocol: None,
        })
        .post_transformation(UploadPostTransformation {
            type_: UploadPostTransformationType::Abs,
            value: Some("sr-240_360_480_720_1080".into()),
            protocol: Some(UploadPostTransformationProtocol::Hls),
        })
        .checks(r#""request.folder" : "marketing/""#)
}

/// The fields [`every_option`] produces, as ImageKit reads them (besides `file`).
pub(crate) fn assert_every_option_encoded(form: &Form) {
    assert_eq!(form.text("useUniqueFileName"), "false");
    assert_eq!(form.text("tags"), "abc,def");
    assert_eq!(form.text("folder"), "/testing-python-folder/");
    assert_eq!(form.text("isPrivateFile"), "false");
    assert_eq!(form.text("isPublished"), "true");
    assert_eq!(form.text("customCoordinates"), "10,10,20,20");
    assert_eq!(
        form.text("responseFields"),
        "tags,customCoordinates,isPrivateFile,embeddedMetadata,customMetadata"
    );
    assert_eq!(
        form.json("extensions"),
        json!([
            {"name": "remove-bg", "options": {"add_shadow": true, "bg_color": "pink"}},
            {"name": "google-auto-tagging", "minConfidence": 80, "maxTags": 10},
            {"name": "ai-auto-description"},
            {"name": "ai-tasks", "tasks": [{
                "type": "yes_no",
                "instruction": "Is this a luxury or high-end fashion item?",
                "on_yes": {"add_tags": ["luxury", "premium"]}
            }]},
            {"name": "saved-extension", "id": "ext_abc123"}
        ])
    );
    assert_eq!(
        form.text("webhookUrl"),
        "https://webhook.site/c78d617f-33bc-40d9-9e61-608999721e2e"
    );
    assert_eq!(form.text("overwriteFile"), "true");
    assert_eq!(form.text("overwriteAITags"), "false");
    assert_eq!(form.text("overwriteTags"), "false");
    assert_eq!(form.text("overwriteCustomMetadata"), "true");
    // Keys keep the caller's order, numbers stay numbers.
    assert_eq!(
        form.text("customMetadata"),
        r#"{"testss":12,"brand":"Nike"}"#
    );
    assert_eq!(form.text("description"), "Running shoes");
    assert_eq!(
        form.json("transformation"),
        json!({
            "pre": "w-300,h-300,q-80",
            "post": [
                {"type": "thumbnail", "value": "w-150,h-150"},
                {"type": "abs", "value": "sr-240_360_480_720_1080", "protocol": "hls"}
            ]
        })
    );
    assert_eq!(form.text("checks"), r#""request.folder" : "marketing/""#);
    // Plain text fields carry no filename or type, so that ImageKit reads them as values.
    for field in form.0.iter().filter(|f| f.name != "file") {
        assert_eq!(field.filename, None, "{}", field.name);
        assert_eq!(field.content_type, None, "{}", field.name);
    }
}

#[tokio::test]
async fn every_v1_option_is_a_multipart_field_encoded_as_imagekit_reads_it() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let source = UploadSource::from_path(PIXEL).await.unwrap();

    let file = ik
        .upload_file(source, "my_file_name.jpg", every_option())
        .await
        .unwrap();

    assert_eq!(file.file_id.as_deref(), Some("6311960051c0c0bdd51cff53"));
    assert_eq!(
        file.tags.as_deref(),
        Some(&["tag1".into(), "tag2".into()][..])
    );
    assert!(!file.is_accepted());
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/v1/files/upload");
    assert_eq!(
        request.headers["authorization"].to_str().unwrap(),
        basic_auth()
    );
    assert!(request.headers.contains_key("content-length"));
    let form = form_of(&request);
    assert_every_option_encoded(&form);
    assert_eq!(form.text("fileName"), "my_file_name.jpg");
    // Exactly the spec's fields, in the generated type's order, the file last.
    assert_eq!(
        form.names(),
        [
            "checks",
            "customCoordinates",
            "customMetadata",
            "description",
            "extensions",
            "fileName",
            "folder",
            "isPrivateFile",
            "isPublished",
            "overwriteAITags",
            "overwriteCustomMetadata",
            "overwriteFile",
            "overwriteTags",
            "responseFields",
            "tags",
            "transformation",
            "useUniqueFileName",
            "webhookUrl",
            "file"
        ]
    );
    let part = form.get("file");
    assert_eq!(part.filename.as_deref(), Some("my_file_name.jpg"));
    assert_eq!(
        part.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_same_bytes(&part.data, &std::fs::read(PIXEL).unwrap());
}

#[tokio::test]
async fn an_upload_without_options_sends_only_the_file_and_its_name() {
    let server = upload_host().await;
    let ik = client(&server.uri());

    ik.upload_file(b"GIF89a".as_slice(), "a.gif", UploadOptions::default())
        .await
        .unwrap();

    let form = form_of(&only_request(&server).await);
    assert_eq!(form.names(), ["fileName", "file"]);
}

#[tokio::test]
async fn file_upload_the_older_readmes_name_is_the_same_upload() {
    let server = upload_host().await;
    let ik = client(&server.uri());

    let file = ik
        .file_upload(
            b"GIF89a".as_slice(),
            "a.gif",
            UploadOptions::new().folder("/icons"),
        )
        .await
        .unwrap();

    assert_eq!(file.file_id.as_deref(), Some("6311960051c0c0bdd51cff53"));
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/v1/files/upload");
    assert_eq!(form_of(&request).names(), ["fileName", "folder", "file"]);
}

#[tokio::test]
async fn v2_upload_goes_to_the_v2_endpoint_with_the_same_encoding() {
    let server = upload_host().await;
    let ik = client(&server.uri());

    ik.upload_file_v2(pattern(1000), "my_file_name.jpg", every_option())
        .await
        .unwrap();

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/v2/files/upload");
    assert_eq!(
        request.headers["authorization"].to_str().unwrap(),
        basic_auth()
    );
    let form = form_of(&request);
    assert_every_option_encoded(&form);
    assert_same_bytes(&form.get("file").data, &pattern(1000));
}

#[tokio::test]
async fn client_side_v1_fields_replace_the_private_key() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let params = ik.get_authentication_parameters(
        Some("1bab386f-45ea-49e1-9f0d-6afe49a5b250"),
        Some(1_700_000_000),
    );
    let signature = params.signature.clone();

    ik.upload_file(
        b"GIF89a".as_slice(),
        "a.gif",
        UploadOptions::new().authentication(params),
    )
    .await
    .unwrap();

    let request = only_request(&server).await;
    assert!(
        !request.headers.contains_key("authorization"),
        "ImageKit refuses a signature together with basic auth"
    );
    let form = form_of(&request);
    assert_eq!(form.text("publicKey"), PUBLIC_KEY);
    assert_eq!(form.text("signature"), signature);
    assert_eq!(form.text("expire"), "1700000000");
    assert_eq!(form.text("token"), "1bab386f-45ea-49e1-9f0d-6afe49a5b250");
}

#[tokio::test]
async fn client_side_v1_upload_needs_signature_expire_and_token_together() {
    let server = upload_host().await;
    let ik = client(&server.uri());

    let err = ik
        .upload_file(
            b"GIF89a".as_slice(),
            "a.gif",
            UploadOptions::new()
                .signature("abc")
                .public_key("public_other"),
        )
        .await
        .unwrap_err();

    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(err.to_string().contains("missing: expire, token"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn client_side_v2_upload_sends_the_jwt_without_the_private_key() {
    let server = upload_host().await;
    let ik = client(&server.uri());

    ik.upload_file_v2(
        b"GIF89a".as_slice(),
        "a.gif",
        UploadOptions::new().token("eyJhbGciOiJIUzI1NiJ9.e30.sig"),
    )
    .await
    .unwrap();

    let request = only_request(&server).await;
    assert!(!request.headers.contains_key("authorization"));
    let form = form_of(&request);
    assert_eq!(form.text("token"), "eyJhbGciOiJIUzI1NiJ9.e30.sig");
    assert_eq!(form.names(), ["fileName", "token", "file"]);
}

#[tokio::test]
async fn v2_refuses_the_v1_only_signature_fields() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let params = ik.get_authentication_parameters(None, None);

    let err = ik
        .upload_file_v2(
            b"x".as_slice(),
            "a.gif",
            UploadOptions::new().authentication(params),
        )
        .await
        .unwrap_err();

    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_tag_with_a_comma_is_refused_rather_than_split_in_two() {
    let server = upload_host().await;
    let ik = client(&server.uri());

    let err = ik
        .upload_file(
            b"x".as_slice(),
            "a.gif",
            UploadOptions::new().tags(["red", "navy, dark"]),
        )
        .await
        .unwrap_err();

    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(err.to_string().contains("navy, dark"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn upload_goes_to_the_upload_host_not_the_api_host() {
    let api = MockServer::start().await;
    Mock::given(matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(uploaded_file_json()))
        .expect(0)
        .mount(&api)
        .await;
    let upload = upload_host().await;
    let ik = ImageKit::builder()
        .private_key(PRIVATE_KEY)
        .api_base_url(api.uri())
        .upload_base_url(upload.uri())
        .build()
        .unwrap();

    ik.upload_file(b"x".as_slice(), "a.gif", UploadOptions::new())
        .await
        .unwrap();

    assert_eq!(
        only_request(&upload).await.url.path(),
        "/api/v1/files/upload"
    );
    api.verify().await;
}

#[tokio::test]
async fn options_debug_hides_the_signature_and_token() {
    let options = UploadOptions::new()
        .signature("8a5bd8ef1bbd1c2ff9e5ca8d8f2c7d6f2b5ea1a4")
        .token("eyJhbGciOiJIUzI1NiJ9.e30.sig")
        .on_progress(|_| {});

    let text = format!("{options:?}");

    assert!(!text.contains("8a5bd8ef"), "{text}");
    assert!(!text.contains("eyJhbGci"), "{text}");
}
