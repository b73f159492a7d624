//! Server surprises: HTML from a proxy, empty and truncated bodies, huge errors, values the
//! SDK does not know, and a 207.

use imagekitio::Error;
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::{
    answering, client,
    common::{FILE_ID, example},
    file_details, requests, status,
};

#[tokio::test]
async fn an_html_502_from_a_proxy_is_retried_and_kept_whole() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let server = answering(
        ResponseTemplate::new(502).set_body_raw(page, "text/html"),
        u64::MAX,
        file_details(),
    )
    .await;

    let error = client(&server).get_file_details(FILE_ID).await.unwrap_err();

    let Error::InternalServer(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.raw(), page.as_bytes());
    assert!(
        api.message().contains("non-JSON body (text/html)"),
        "{}",
        api.message()
    );
    assert_eq!(error.attempts(), 3);
}

#[tokio::test]
async fn an_empty_200_where_a_body_is_expected_is_a_decode_error_and_not_retried() {
    let server = answering(ResponseTemplate::new(200), u64::MAX, file_details()).await;

    let error = client(&server).get_file_details(FILE_ID).await.unwrap_err();

    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert!(decode.raw().is_empty());
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn an_empty_200_where_no_body_is_expected_is_a_success() {
    let server = answering(ResponseTemplate::new(200), u64::MAX, status(500)).await;

    let deleted = client(&server).delete_file(FILE_ID).await.unwrap();

    assert_eq!(deleted.metadata().http_status_code(), 200);
}

#[tokio::test]
async fn truncated_json_in_a_200_is_a_decode_error_keeping_the_bytes() {
    let truncated = r#"{"fileId": "598821f949c0a938d57563bd", "name": "file1.jpg", "tags": ["summ"#;
    let server = answering(
        ResponseTemplate::new(200).set_body_raw(truncated, "application/json"),
        u64::MAX,
        file_details(),
    )
    .await;

    let error = client(&server).get_file_details(FILE_ID).await.unwrap_err();

    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(decode.raw(), truncated.as_bytes());
    assert!(decode.reason().contains("EOF"), "{}", decode.reason());
}

#[tokio::test]
async fn a_huge_error_body_is_kept_whole_without_trouble() {
    let page = "<p>overloaded</p>".repeat(600_000); // about 10 MB
    let server = answering(
        ResponseTemplate::new(503).set_body_raw(page.clone(), "text/html"),
        u64::MAX,
        file_details(),
    )
    .await;

    let error = client(&server)
        .with_max_retries(0)
        .get_file_details(FILE_ID)
        .await
        .unwrap_err();

    assert_eq!(error.raw_body().map(<[u8]>::len), Some(page.len()));
    // The message shows an excerpt instead of quoting 10 MB of it.
    assert!(
        error.to_string().len() < 1024,
        "{}",
        error.to_string().len()
    );
}

#[tokio::test]
async fn unknown_enum_values_and_extra_fields_decode() {
    let mut file = example("FileDetails");
    file["type"] = json!("hologram");
    file["fileType"] = json!("spatial");
    file["introducedNextYear"] = json!({"nested": [1, 2, 3]});
    let server = answering(
        ResponseTemplate::new(200).set_body_json(&file),
        u64::MAX,
        status(500),
    )
    .await;

    let decoded = client(&server).get_file_details(FILE_ID).await.unwrap();

    assert_eq!(decoded.file_id.as_deref(), Some(FILE_ID));
    let raw: serde_json::Value = serde_json::from_slice(decoded.metadata().raw()).unwrap();
    assert_eq!(raw["introducedNextYear"]["nested"][2], 3);
}

#[tokio::test]
async fn a_207_is_a_partial_success_listing_the_failures_and_not_retried() {
    let body = json!({
        "successfullyDeletedFileIds": ["598821f949c0a938d57563bd"],
        "errors": [{"fileId": "598821f949c0a938d57563be", "error": "File is in use"}],
    });
    let server = answering(
        ResponseTemplate::new(207).set_body_json(&body),
        u64::MAX,
        status(500),
    )
    .await;

    let error = client(&server)
        .bulk_file_delete(["598821f949c0a938d57563bd", "598821f949c0a938d57563be"])
        .await
        .unwrap_err();

    let Error::PartialSuccess(api) = &error else {
        panic!("{error:?}")
    };
    let decoded: serde_json::Value = api.decode().unwrap();
    assert_eq!(decoded["errors"][0]["error"], "File is in use");
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await, 1);
}
