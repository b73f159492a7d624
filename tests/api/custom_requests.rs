//! Calls the crate does not wrap: `ik.request(method, path)`, sent as every wrapped call is;
//! and `with_header` / `with_query`, which reach every request of a handle.

use std::time::Duration;

use crate::common::{FILE_ID, Harness, api, error_body, example, json, no_content};
use http::Method;
use imagekitio::{Error, ImageKit, ListFilesOptions, api::types::FileDetails};
use serde_json::{Value, json};
use wiremock::{
    Mock, MockServer, ResponseTemplate,
    matchers::{any, body_json, header, method, path},
};

async fn received(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

/// A client that retries at once, against a server that answers `first` once, then `then`.
async fn retrying(first: ResponseTemplate, then: ResponseTemplate) -> (MockServer, ImageKit) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(then).mount(&server).await;
    let ik = ImageKit::builder()
        .private_key("private_key")
        .api_base_url(server.uri())
        .max_retries(2)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(4))
        .build()
        .unwrap();
    (server, ik)
}

fn unavailable() -> ResponseTemplate {
    json(503, error_body("Service unavailable"))
}

// --- ik.request -----------------------------------------------------------------------------

#[tokio::test]
async fn a_get_with_a_query_reaches_the_path_with_the_clients_authentication() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files?path=/products&limit=2"),
        json(200, json!([example("FileDetails")])),
    )
    .await;

    let files = h
        .succeeds(
            h.ik.request(Method::GET, "/v1/files")
                .query(&[("path", "/products"), ("limit", "2")])
                .send(),
        )
        .await;

    assert_eq!(files.as_array().map(Vec::len), Some(1));
    assert_eq!(files.metadata().http_status_code(), 200);
    assert_eq!(files.metadata().attempts(), 1);
}

#[tokio::test]
async fn a_post_sends_its_json_body() {
    let h = Harness::start().await;
    let folder = json!({ "folderName": "summer", "parentFolderPath": "/" });
    h.expect(
        api("POST", "/v1/folder")
            .and(header("content-type", "application/json"))
            .and(body_json(&folder)),
        json(201, json!({})),
    )
    .await;

    let created = h
        .succeeds(
            h.ik.request(Method::POST, "/v1/folder")
                .json(&folder)
                .send(),
        )
        .await;

    assert_eq!(created.metadata().http_status_code(), 201);
    assert_eq!(*created, json!({}));
}

#[tokio::test]
async fn a_header_of_the_builder_reaches_the_server() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files").and(header("x-ik-beta", "on")),
        json(200, json!([])),
    )
    .await;

    h.succeeds(
        h.ik.request(Method::GET, "/v1/files")
            .header("x-ik-beta", "on")
            .send(),
    )
    .await;
}

#[tokio::test]
async fn send_as_decodes_the_answer_into_the_given_type() {
    let h = Harness::start().await;
    h.expect(
        api("GET", &format!("/v1/files/{FILE_ID}/details")),
        json(200, example("FileDetails")),
    )
    .await;

    let file = h
        .succeeds(
            h.ik.request(Method::GET, format!("/v1/files/{FILE_ID}/details"))
                .send_as::<FileDetails>(),
        )
        .await;

    assert_eq!(file.file_id.as_deref(), Some(FILE_ID));
}

#[tokio::test]
async fn an_empty_answer_is_json_null() {
    let h = Harness::start().await;
    h.expect(api("DELETE", &format!("/v1/files/{FILE_ID}")), no_content())
        .await;

    let answer = h
        .succeeds(
            h.ik.request(Method::DELETE, format!("/v1/files/{FILE_ID}"))
                .send(),
        )
        .await;

    assert_eq!(*answer, Value::Null);
    assert_eq!(answer.metadata().http_status_code(), 204);
}

#[tokio::test]
async fn a_404_is_not_found_with_the_answers_metadata() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v2/new-endpoint"),
        json(404, error_body("The requested resource does not exist.")),
    )
    .await;

    let error = h
        .fails(h.ik.request(Method::GET, "/v2/new-endpoint").send())
        .await;

    let Error::NotFound(api_error) = &error else {
        panic!("expected NotFound, got {error:?}");
    };
    assert_eq!(
        api_error.message(),
        "The requested resource does not exist."
    );
    assert_eq!(api_error.metadata().http_status_code(), 404);
    assert!(String::from_utf8_lossy(api_error.metadata().raw()).contains("does not exist"));
}

#[tokio::test]
async fn an_answer_that_does_not_decode_as_the_type_is_a_decode_error_keeping_the_body() {
    let h = Harness::start().await;
    h.expect(api("GET", "/v1/files"), json(200, json!({"files": []})))
        .await;

    let error = h
        .fails(
            h.ik.request(Method::GET, "/v1/files")
                .send_as::<Vec<FileDetails>>(),
        )
        .await;

    let Error::Decode(decode) = &error else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(decode.raw(), br#"{"files":[]}"#);
}

#[tokio::test]
async fn a_redirect_is_refused_as_for_every_call() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files"),
        ResponseTemplate::new(302).insert_header("location", "https://elsewhere.example/"),
    )
    .await;

    let error = h.fails(h.ik.request(Method::GET, "/v1/files").send()).await;

    assert!(matches!(error, Error::Redirect(_)), "{error:?}");
}

#[tokio::test]
async fn a_get_is_retried_after_a_503() {
    let (server, ik) = retrying(unavailable(), json(200, json!([]))).await;

    let files = ik.request(Method::GET, "/v1/files").send().await.unwrap();

    assert_eq!(files.metadata().attempts(), 2);
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn a_post_is_not_retried_after_a_503() {
    let (server, ik) = retrying(unavailable(), json(200, json!({}))).await;

    let error = ik
        .request(Method::POST, "/v1/files/purge")
        .json(&json!({ "url": "https://ik.imagekit.io/demo/a.jpg" }))
        .send()
        .await
        .unwrap_err();

    assert!(matches!(error, Error::InternalServer(_)), "{error:?}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn a_post_marked_retryable_is_retried_after_a_503() {
    let (server, ik) = retrying(unavailable(), json(200, json!({}))).await;

    let answer = ik
        .request(Method::POST, "/v1/files/purge")
        .json(&json!({ "url": "https://ik.imagekit.io/demo/a.jpg" }))
        .retryable(true)
        .send()
        .await
        .unwrap();

    assert_eq!(answer.metadata().attempts(), 2);
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn paths_that_leave_the_api_are_refused_before_anything_is_sent() {
    let h = Harness::start().await;

    for path in [
        "https://evil.example/v1/files",
        "//evil.example/v1/files",
        "/v1/../../admin",
        "/v1/%2e%2e/admin",
        "/v1/files?limit=1",
    ] {
        let error = h.ik.request(Method::GET, path).send().await.unwrap_err();
        assert!(
            matches!(&error, Error::InvalidInput(m) if m.contains("is refused")),
            "{path}: {error:?}"
        );
    }
    assert_eq!(received(&h.api).await, 0);
}

#[tokio::test]
async fn an_authorization_header_on_the_builder_is_refused_before_anything_is_sent() {
    let h = Harness::start().await;

    let error =
        h.ik.request(Method::GET, "/v1/files")
            .header("authorization", "Basic b3RoZXI6")
            .send()
            .await
            .unwrap_err();

    assert!(
        matches!(&error, Error::InvalidInput(m) if m.contains("Authorization")),
        "{error:?}"
    );
    assert_eq!(received(&h.api).await, 0);
}

// --- with_header and with_query -------------------------------------------------------------

#[tokio::test]
async fn with_header_reaches_a_wrapped_call() {
    let h = Harness::start().await;
    h.expect(
        api("GET", &format!("/v1/files/{FILE_ID}/details")).and(header("x-request-id", "42")),
        json(200, example("FileDetails")),
    )
    .await;

    h.succeeds(
        h.ik.with_header("x-request-id", "42")
            .get_file_details(FILE_ID),
    )
    .await;
}

#[tokio::test]
async fn with_query_reaches_a_wrapped_call_after_its_own_parameters() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files?limit=1&includeDeleted=true"),
        json(200, json!([])),
    )
    .await;

    h.succeeds(
        h.ik.with_query("includeDeleted", "true")
            .list_files(&ListFilesOptions::new().limit(1)),
    )
    .await;
}

#[tokio::test]
async fn with_header_and_with_query_reach_a_custom_request_too() {
    let h = Harness::start().await;
    h.expect(
        api("GET", "/v1/files?limit=1&beta=1").and(header("x-ik-beta", "on")),
        json(200, json!([])),
    )
    .await;

    let ik = h.ik.with_header("x-ik-beta", "on").with_query("beta", "1");
    h.succeeds(
        ik.request(Method::GET, "/v1/files")
            .query(&[("limit", "1")])
            .send(),
    )
    .await;
}

#[tokio::test]
async fn with_header_leaves_the_original_client_unchanged() {
    let h = Harness::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/files"))
        .and(header("x-request-id", "42"))
        .respond_with(json(500, error_body("the header leaked")))
        .expect(0)
        .mount(&h.api)
        .await;
    h.expect(api("GET", "/v1/files"), json(200, json!([])))
        .await;

    let _traced = h.ik.with_header("x-request-id", "42");
    h.succeeds(h.ik.list_files(&ListFilesOptions::new())).await;
}

#[tokio::test]
async fn with_header_authorization_fails_every_call_of_the_handle_before_anything_is_sent() {
    let h = Harness::start().await;
    let other_key = h.ik.with_header("Authorization", "Basic b3RoZXI6");

    let error = other_key.get_file_details(FILE_ID).await.unwrap_err();

    assert!(
        matches!(&error, Error::InvalidInput(m) if m.contains("Authorization")),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert_eq!(received(&h.api).await, 0);
}

#[tokio::test]
async fn with_header_with_an_invalid_value_names_the_header_without_its_value() {
    let h = Harness::start().await;
    let broken = h.ik.with_header("x-token", "secret\nvalue");

    let error = broken
        .request(Method::GET, "/v1/files")
        .send()
        .await
        .unwrap_err();

    let message = error.to_string();
    assert!(message.contains("x-token"), "{message}");
    assert!(!message.contains("secret"), "{message}");
    assert_eq!(received(&h.api).await, 0);
}

#[tokio::test]
async fn with_header_and_with_query_reach_an_upload() {
    let upload = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/files/upload"))
        .and(header("x-request-id", "42"))
        .and(wiremock::matchers::query_param("beta", "1"))
        .respond_with(json(200, json!({ "fileId": FILE_ID, "name": "a.gif" })))
        .expect(1)
        .mount(&upload)
        .await;
    let ik = ImageKit::builder()
        .private_key("private_key")
        .upload_base_url(upload.uri())
        .build()
        .unwrap();

    let file = ik
        .with_header("x-request-id", "42")
        .with_query("beta", "1")
        .upload_file(
            b"GIF89a".as_slice(),
            "a.gif",
            imagekitio::UploadOptions::new(),
        )
        .await
        .unwrap();

    assert_eq!(file.file_id.as_deref(), Some(FILE_ID));
    upload.verify().await;
}
