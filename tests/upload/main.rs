//! Uploads against local servers: every multipart field and its encoding, every source kind,
//! streaming, progress, and every way an upload can fail.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::Duration,
};

use base64::Engine as _;
use imagekitio::{
    Error, Extension, ImageKit, Progress, UploadOptions, UploadPostTransformation,
    UploadResponseField, UploadSource,
    api::types::{UploadPostTransformationProtocol, UploadPostTransformationType},
};
use serde_json::{Value, json};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers};

const PRIVATE_KEY: &str = "private_test_key";
const PUBLIC_KEY: &str = "public_test_key";
const PIXEL: &str = "tests/data/upload_pixel.png";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn uploaded_file_json() -> Value {
    serde_json::from_str(include_str!("../data/upload_response.json")).unwrap()
}

fn client(upload_host: &str) -> ImageKit {
    ImageKit::builder()
        .public_key(PUBLIC_KEY)
        .private_key(PRIVATE_KEY)
        .url_endpoint("https://ik.imagekit.io/your_imagekit_id")
        .upload_base_url(upload_host)
        .build()
        .unwrap()
}

/// An upload host answering every upload with ImageKit's answer from the seeds.
async fn upload_host() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(uploaded_file_json()))
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// Bytes that differ at every position, so that a reordered or dropped chunk shows.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

/// Every byte, in order; on a mismatch, says where rather than printing megabytes.
fn assert_same_bytes(actual: &[u8], expected: &[u8]) {
    if let Some(at) = actual.iter().zip(expected).position(|(a, e)| a != e) {
        panic!("bytes differ first at offset {at}");
    }
    assert_eq!(
        actual.len(),
        expected.len(),
        "same bytes, different lengths"
    );
}

fn temp_file(name: &str, content: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "imagekitio-upload-test-{}-{name}",
        std::process::id()
    ));
    std::fs::write(&path, content).unwrap();
    path
}

#[derive(Debug)]
struct Field {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    data: Vec<u8>,
}

impl Field {
    fn text(&self) -> &str {
        std::str::from_utf8(&self.data).unwrap()
    }
}

struct Form(Vec<Field>);

impl Form {
    fn get(&self, name: &str) -> &Field {
        let mut matching = self.0.iter().filter(|f| f.name == name);
        let field = matching
            .next()
            .unwrap_or_else(|| panic!("no field {name:?}"));
        assert!(matching.next().is_none(), "field {name:?} sent twice");
        field
    }

    fn text(&self, name: &str) -> &str {
        self.get(name).text()
    }

    fn json(&self, name: &str) -> Value {
        serde_json::from_str(self.text(name))
            .unwrap_or_else(|e| panic!("field {name:?} is not JSON: {e}"))
    }

    fn names(&self) -> Vec<&str> {
        self.0.iter().map(|f| f.name.as_str()).collect()
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A strict `multipart/form-data` reader (RFC 7578): the test's own, so that it checks the
/// SDK's output rather than trusting another client library.
fn parse_multipart(content_type: &str, body: &[u8]) -> Form {
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart/form-data: {content_type}"));
    let delimiter = format!("--{boundary}").into_bytes();
    let mut rest = body
        .strip_prefix(delimiter.as_slice())
        .expect("body starts with the boundary");
    let mut fields = Vec::new();
    loop {
        if rest == b"--\r\n" || rest == b"--" {
            break;
        }
        rest = rest.strip_prefix(b"\r\n").expect("CRLF after a boundary");
        let separator = [b"\r\n".as_slice(), &delimiter].concat();
        let end = find(rest, &separator).expect("a closing boundary");
        let section = &rest[..end];
        rest = &rest[end + separator.len()..];
        let split = find(section, b"\r\n\r\n").expect("headers end with an empty line");
        let headers = std::str::from_utf8(&section[..split]).unwrap();
        let data = section[split + 4..].to_vec();
        let mut name = None;
        let mut filename = None;
        let mut part_type = None;
        for line in headers.split("\r\n") {
            let (key, value) = line.split_once(": ").expect("a header line");
            match key.to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    for param in value.split("; ").skip(1) {
                        let (k, v) = param.split_once('=').unwrap();
                        let v = v.trim_matches('"').to_owned();
                        match k {
                            "name" => name = Some(v),
                            "filename" => filename = Some(v),
                            other => panic!("unexpected parameter {other}"),
                        }
                    }
                }
                "content-type" => part_type = Some(value.to_owned()),
                other => panic!("unexpected part header {other}"),
            }
        }
        fields.push(Field {
            name: name.expect("every part has a name"),
            filename,
            content_type: part_type,
            data,
        });
    }
    Form(fields)
}

fn form_of(request: &Request) -> Form {
    let content_type = request.headers["content-type"].to_str().unwrap();
    parse_multipart(content_type, &request.body)
}

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
fn every_option() -> UploadOptions {
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
fn assert_every_option_encoded(form: &Form) {
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

// ---------------------------------------------------------------------------------------------
// Fields and their encoding
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Source kinds
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn bytes_are_sent_as_a_binary_file_part_with_a_length() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let data = pattern(200 * 1024);

    ik.upload_file(
        UploadSource::from_bytes(data.clone()),
        "photo.jpg",
        UploadOptions::new(),
    )
    .await
    .unwrap();

    let request = only_request(&server).await;
    assert!(request.headers.contains_key("content-length"));
    let form = form_of(&request);
    let part = form.get("file");
    assert_eq!(part.filename.as_deref(), Some("photo.jpg"));
    assert_eq!(
        part.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_same_bytes(&part.data, &data);
}

#[tokio::test]
async fn a_reader_of_unknown_length_is_sent_whole_with_chunked_encoding() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let data = pattern(300 * 1024);
    let (mut writer, reader) = tokio::io::duplex(8 * 1024);
    let producer = {
        let data = data.clone();
        tokio::spawn(async move {
            for chunk in data.chunks(10_000) {
                writer.write_all(chunk).await.unwrap();
            }
        })
    };

    ik.upload_file(
        UploadSource::from_reader(reader),
        "stream.bin",
        every_option(),
    )
    .await
    .unwrap();

    producer.await.unwrap();
    let request = only_request(&server).await;
    assert!(!request.headers.contains_key("content-length"));
    assert_eq!(request.headers["transfer-encoding"], "chunked");
    let form = form_of(&request);
    assert_every_option_encoded(&form);
    let part = form.get("file");
    assert_eq!(part.filename.as_deref(), Some("stream.bin"));
    assert_same_bytes(&part.data, &data);
}

#[tokio::test]
async fn a_reader_with_a_length_is_sent_with_a_content_length() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let data: &'static [u8] = include_bytes!("../data/upload_pixel.png");

    ik.upload_file(
        UploadSource::from_reader_with_length(data, data.len() as u64),
        "pixel.png",
        UploadOptions::new(),
    )
    .await
    .unwrap();

    let request = only_request(&server).await;
    assert!(request.headers.contains_key("content-length"));
    assert_same_bytes(&form_of(&request).get("file").data, data);
}

#[tokio::test]
async fn a_url_is_sent_as_a_plain_value_for_imagekit_to_fetch() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let url = "https://file-examples.com/wp-content/uploads/2017/10/file_example_JPG_100kB.jpg";

    let file = ik
        .upload_file(
            UploadSource::from_url(url),
            "test-url.jpg",
            UploadOptions::new()
                .response_fields([
                    UploadResponseField::IsPrivateFile,
                    UploadResponseField::Tags,
                ])
                .tags(["tag1", "tag2"]),
        )
        .await
        .unwrap();

    assert_eq!(file.is_private_file, Some(false));
    let form = form_of(&only_request(&server).await);
    let part = form.get("file");
    assert_eq!(part.text(), url);
    assert_eq!(part.filename, None);
    assert_eq!(part.content_type, None);
    assert_eq!(form.text("responseFields"), "isPrivateFile,tags");
    assert_eq!(form.text("tags"), "tag1,tag2");
}

#[tokio::test]
async fn base64_is_sent_as_a_plain_value() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let text = base64::engine::general_purpose::STANDARD.encode(std::fs::read(PIXEL).unwrap());

    ik.upload_file(
        UploadSource::from_base64(text.clone()),
        "pixel.png",
        every_option(),
    )
    .await
    .unwrap();

    let form = form_of(&only_request(&server).await);
    assert_every_option_encoded(&form);
    let part = form.get("file");
    assert_eq!(part.text(), text);
    assert_eq!(part.filename, None);
}

#[tokio::test]
async fn vec_bytes_static_slices_and_urls_convert_into_sources() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let url = reqwest::Url::parse("https://www.example.com/path/to-image.jpg").unwrap();

    ik.upload_file(vec![1u8, 2, 3], "a", UploadOptions::new())
        .await
        .unwrap();
    ik.upload_file(bytes::Bytes::from_static(b"456"), "b", UploadOptions::new())
        .await
        .unwrap();
    ik.upload_file(b"789".as_slice(), "c", UploadOptions::new())
        .await
        .unwrap();
    ik.upload_file(url, "d", UploadOptions::new())
        .await
        .unwrap();

    let files: Vec<Vec<u8>> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| form_of(r).get("file").data.clone())
        .collect();
    assert_eq!(
        files,
        [
            b"\x01\x02\x03".to_vec(),
            b"456".to_vec(),
            b"789".to_vec(),
            b"https://www.example.com/path/to-image.jpg".to_vec()
        ]
    );
}

#[tokio::test]
async fn a_url_source_that_is_not_http_is_refused_before_sending() {
    let server = upload_host().await;
    let ik = client(&server.uri());

    for bad in ["file:///etc/passwd", "not a url"] {
        let err = ik
            .upload_file(UploadSource::from_url(bad), "a.jpg", UploadOptions::new())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
        assert!(err.to_string().contains(bad), "{err}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Streaming and progress
// ---------------------------------------------------------------------------------------------

/// A minimal HTTP/1.1 upload host over a raw socket: publishes how many bytes it has received
/// so far, reads one request with a `Content-Length`, answers an `UploadedFile`.
async fn counting_host() -> (
    String,
    tokio::sync::watch::Receiver<usize>,
    tokio::task::JoinHandle<Vec<u8>>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let (received_tx, received_rx) = tokio::sync::watch::channel(0usize);
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut buffer = vec![0u8; 16 * 1024];
        loop {
            let n = socket.read(&mut buffer).await.unwrap();
            assert!(n > 0, "client closed before sending the whole request");
            request.extend_from_slice(&buffer[..n]);
            received_tx.send_replace(request.len());
            if let Some(end) = find(&request, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length: "))
                    .expect("a content-length")
                    .parse()
                    .unwrap();
                if request.len() >= end + 4 + length {
                    break;
                }
            }
        }
        let body = uploaded_file_json().to_string();
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(answer.as_bytes()).await.unwrap();
        request
    });
    (address, received_rx, server)
}

fn split_request(raw: &[u8]) -> (String, Vec<u8>) {
    let end = find(raw, b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    (head, raw[end + 4..].to_vec())
}

fn content_type_of(head: &str) -> String {
    head.lines()
        .find_map(|l| {
            l.split_once(": ")
                .filter(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                .map(|(_, v)| v.to_owned())
        })
        .unwrap()
}

#[tokio::test]
async fn the_body_is_streamed_while_a_slow_reader_is_still_producing() {
    const PIECE: usize = 16 * 1024;
    const PIECES: usize = 12;
    let (address, mut received, server) = counting_host().await;
    let ik = client(&address);
    let data = pattern(PIECE * PIECES);
    let (mut writer, reader) = tokio::io::duplex(PIECE);
    // Each piece is written only once the server holds the one before: a client that
    // buffered the body before sending would never let the server see it, and stall here.
    let producer = {
        let data = data.clone();
        tokio::spawn(async move {
            let mut streamed = true;
            for (k, piece) in data.chunks(PIECE).enumerate() {
                writer.write_all(piece).await.unwrap();
                tokio::time::sleep(Duration::from_millis(5)).await;
                if streamed {
                    let seen = tokio::time::timeout(
                        Duration::from_secs(5),
                        received.wait_for(|&n| n >= (k + 1) * PIECE),
                    )
                    .await;
                    streamed = seen.is_ok();
                }
            }
            streamed
        })
    };
    let progress = Arc::new(Mutex::new(Vec::<Progress>::new()));
    let seen = Arc::clone(&progress);
    let options = UploadOptions::new().on_progress(move |p| seen.lock().unwrap().push(p));

    let file = ik
        .upload_file(
            UploadSource::from_reader_with_length(reader, data.len() as u64),
            "slow.bin",
            options,
        )
        .await
        .unwrap();

    assert!(
        producer.await.unwrap(),
        "the server saw no body before the reader ended"
    );
    assert_eq!(file.file_id.as_deref(), Some("6311960051c0c0bdd51cff53"));
    let (head, body) = split_request(&server.await.unwrap());
    let form = parse_multipart(&content_type_of(&head), &body);
    assert_same_bytes(&form.get("file").data, &data);
    let progress = progress.lock().unwrap();
    assert!(progress.len() >= PIECES, "{progress:?}");
    assert!(progress.windows(2).all(|w| w[0].sent < w[1].sent));
    assert!(progress.iter().all(|p| p.total == Some(data.len() as u64)));
    assert_eq!(progress.last().unwrap().sent, data.len() as u64);
}

#[tokio::test]
async fn progress_counts_every_piece_up_to_the_total() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let path = temp_file("progress.bin", &pattern(200 * 1024));
    let progress = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&progress);

    ik.upload_file(
        UploadSource::from_path(&path).await.unwrap(),
        "progress.bin",
        UploadOptions::new().on_progress(move |p: Progress| {
            seen.lock().unwrap().push((p.sent, p.total, p.fraction()))
        }),
    )
    .await
    .unwrap();

    std::fs::remove_file(&path).unwrap();
    let progress = progress.lock().unwrap();
    let total = Some(200 * 1024);
    assert!(
        progress.len() >= 4,
        "one call per piece of at most 64 KiB: {progress:?}"
    );
    let mut before = 0;
    for &(sent, reported_total, fraction) in progress.iter() {
        assert!(sent > before && sent - before <= 64 * 1024, "{progress:?}");
        assert_eq!(reported_total, total);
        assert_eq!(fraction, Some(sent as f64 / (200.0 * 1024.0)));
        before = sent;
    }
    assert_eq!(progress.last(), Some(&(204_800, total, Some(1.0))));
}

#[tokio::test]
async fn progress_of_a_reader_of_unknown_length_ends_with_its_total() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let last = Arc::new(Mutex::new(None));
    let seen = Arc::clone(&last);
    let data: &'static [u8] = include_bytes!("../data/upload_pixel.png");

    ik.upload_file(
        UploadSource::from_reader(data),
        "pixel.png",
        UploadOptions::new().on_progress(move |p| *seen.lock().unwrap() = Some(p)),
    )
    .await
    .unwrap();

    let last = last.lock().unwrap().unwrap();
    assert_eq!(
        (last.sent, last.total),
        (data.len() as u64, Some(data.len() as u64))
    );
}

// ---------------------------------------------------------------------------------------------
// Outcomes and errors
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_202_is_ok_but_marked_accepted_with_imagekits_message() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .respond_with(ResponseTemplate::new(202).set_body_json(
            json!({"message": "The pre-transformation has been queued successfully."}),
        ))
        .mount(&server)
        .await;
    let ik = client(&server.uri());

    let answer = ik
        .upload_file(
            pattern(4096),
            "clip.mp4",
            UploadOptions::new().pre_transformation("w-1280"),
        )
        .await
        .unwrap();

    assert!(answer.is_accepted());
    assert_eq!(answer.metadata().http_status_code(), 202);
    assert_eq!(
        answer.message.as_deref(),
        Some("The pre-transformation has been queued successfully.")
    );
    assert_eq!(answer.file_id, None);
}

#[tokio::test]
async fn a_missing_file_is_an_io_error_naming_the_path() {
    let err = UploadSource::from_path("tests/data/no-such-photo.jpg")
        .await
        .unwrap_err();

    let Error::Io { path, source } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        path.as_deref(),
        Some(Path::new("tests/data/no-such-photo.jpg"))
    );
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
    assert!(
        err.to_string().contains("tests/data/no-such-photo.jpg"),
        "{err}"
    );
}

#[tokio::test]
async fn a_directory_is_an_io_error_naming_the_path() {
    let err = UploadSource::from_path("tests/data").await.unwrap_err();

    let Error::Io { path, source } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path.as_deref(), Some(Path::new("tests/data")));
    assert_eq!(source.kind(), std::io::ErrorKind::IsADirectory);
    assert!(err.to_string().contains("tests/data"), "{err}");
}

#[tokio::test]
async fn an_empty_file_name_is_refused_before_sending() {
    let server = upload_host().await;
    let ik = client(&server.uri());

    for name in ["", "   "] {
        let err = ik
            .upload_file(b"GIF89a".as_slice(), name, UploadOptions::new())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
        assert!(err.to_string().contains("file name is empty"), "{err}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_400_is_a_bad_request_with_imagekits_message_and_help() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "message": "A file with the same name already exists at the exact location. We could not overwrite it because both overwriteFile and useUniqueFileName are set to false.",
            "help": "For support kindly contact us at support@imagekit.io ."
        })))
        .mount(&server)
        .await;
    let ik = client(&server.uri());

    let err = ik
        .upload_file(
            b"GIF89a".as_slice(),
            "a.gif",
            UploadOptions::new()
                .use_unique_file_name(false)
                .overwrite_file(false),
        )
        .await
        .unwrap_err();

    let Error::BadRequest(api) = &err else {
        panic!("{err:?}")
    };
    assert!(
        api.message()
            .starts_with("A file with the same name already exists")
    );
    assert_eq!(
        api.help(),
        Some("For support kindly contact us at support@imagekit.io .")
    );
    assert!(err.to_string().contains("overwriteFile"), "{err}");
}

#[tokio::test]
async fn a_413_from_a_proxy_is_an_error_with_its_status() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .respond_with(ResponseTemplate::new(413).set_body_raw(
            "<html><head><title>413 Request Entity Too Large</title></head></html>",
            "text/html",
        ))
        .mount(&server)
        .await;
    let ik = client(&server.uri());

    let err = ik
        .upload_file(pattern(100_000), "big.jpg", UploadOptions::new())
        .await
        .unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(413));
    assert!(err.to_string().contains("413"), "{err}");
    assert!(String::from_utf8_lossy(err.raw_body().unwrap()).contains("Too Large"));
}

#[tokio::test]
async fn a_connection_dropped_mid_upload_is_a_transport_error_never_a_success() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buffer = vec![0u8; 64 * 1024];
        let mut total = 0;
        while total < 100 * 1024 {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => total += n,
            }
        }
        // Closing with unread data resets the connection, as a crashed proxy would.
    });
    let ik = client(&address);
    let path = temp_file("dropped.bin", &pattern(16 * 1024 * 1024));

    let outcome = ik
        .upload_file(
            UploadSource::from_path(&path).await.unwrap(),
            "dropped.bin",
            UploadOptions::new(),
        )
        .await;

    std::fs::remove_file(&path).unwrap();
    let err = outcome.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(
        err.to_string().contains("the connection was lost after"),
        "{err}"
    );
    assert!(err.to_string().contains("of 16777216 bytes"), "{err}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_reader_shorter_than_announced_fails_the_upload() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let data: &'static [u8] = b"only eleven";

    let err = ik
        .upload_file(
            UploadSource::from_reader_with_length(data, 100),
            "short.bin",
            UploadOptions::new(),
        )
        .await
        .unwrap_err();

    let Error::Io { path: None, source } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(source.kind(), std::io::ErrorKind::UnexpectedEof);
    assert!(
        err.to_string()
            .contains("ended after 11 of the announced 100 bytes"),
        "{err}"
    );
}

#[tokio::test]
async fn a_reader_longer_than_announced_fails_the_upload() {
    let server = upload_host().await;
    let ik = client(&server.uri());
    let data: &'static [u8] = b"more than five";

    let err = ik
        .upload_file(
            UploadSource::from_reader_with_length(data, 5),
            "long.bin",
            UploadOptions::new(),
        )
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Io { path: None, .. }), "{err:?}");
    assert!(
        err.to_string().contains("more than the announced 5 bytes"),
        "{err}"
    );
}

/// An upload host that reads everything it is sent and never answers.
async fn silent_upload_host() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buffer = vec![0u8; 64 * 1024];
        while let Ok(n) = socket.read(&mut buffer).await {
            if n == 0 {
                break;
            }
        }
    });
    address
}

#[tokio::test]
async fn a_server_that_never_answers_stalls_the_upload_after_the_clients_timeout() {
    let address = silent_upload_host().await;
    let ik = ImageKit::builder()
        .private_key(PRIVATE_KEY)
        .upload_base_url(address)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let err = ik
        .upload_file(pattern(256 * 1024), "a.bin", UploadOptions::new())
        .await
        .unwrap_err();

    let Error::UploadStalled {
        sent,
        idle,
        attempts,
    } = err
    else {
        panic!("{err:?}")
    };
    assert_eq!(sent, 256 * 1024);
    assert_eq!(idle, Duration::from_millis(300));
    assert_eq!(
        attempts, 1,
        "a stalled upload may have reached ImageKit: not repeated"
    );
}

#[tokio::test]
async fn a_per_call_timeout_sets_the_stall_limit_of_an_upload() {
    let address = silent_upload_host().await;
    let ik = ImageKit::builder()
        .private_key(PRIVATE_KEY)
        .upload_base_url(address)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    let err = ik
        .with_timeout(Duration::from_millis(200))
        .upload_file(pattern(1024), "a.bin", UploadOptions::new())
        .await
        .unwrap_err();

    assert!(
        matches!(err, Error::UploadStalled { idle, .. } if idle == Duration::from_millis(200)),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_upload_slower_than_the_clients_timeout_still_succeeds_while_it_progresses() {
    let server = upload_host().await;
    let ik = ImageKit::builder()
        .private_key(PRIVATE_KEY)
        .upload_base_url(server.uri())
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let (mut writer, reader) = tokio::io::duplex(1024);
    // 15 pieces 100 ms apart: 1.5 s in all, never more than 100 ms without progress.
    tokio::spawn(async move {
        for piece in pattern(15 * 1024).chunks(1024) {
            writer.write_all(piece).await.unwrap();
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });

    let file = ik
        .upload_file(
            UploadSource::from_reader(reader),
            "slow.bin",
            UploadOptions::new(),
        )
        .await
        .unwrap();

    assert_eq!(file.file_id.as_deref(), Some("6311960051c0c0bdd51cff53"));
    assert_same_bytes(
        &form_of(&only_request(&server).await).get("file").data,
        &pattern(15 * 1024),
    );
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
