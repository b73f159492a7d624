//! How answers other than the documented success become `Error`s, and what they keep.

use std::time::Duration;

use crate::common::{FILE_ID, Harness, api, closed_port_url, error_body, example, json};
use base64::Engine as _;
use imagekitio::{
    CustomMetadataFieldsOptions, Error, RenameFileOptions,
    api::types::{BulkDeleteFilesResult, ErrorBody, OriginRequest},
};
use serde_json::json;
use wiremock::{
    Mock, ResponseTemplate,
    matchers::{any, body_json},
};

const OTHER_FILE_ID: &str = "598821f949c0a938d57563be";
const DETAILS: &str = "/v1/files/598821f949c0a938d57563bd/details";

/// Harness whose API host answers `response` to `GET /v1/files/{FILE_ID}/details`.
async fn details_answering(response: ResponseTemplate) -> Harness {
    let h = Harness::start().await;
    h.expect(api("GET", DETAILS), response).await;
    h
}

#[tokio::test]
async fn status_400_is_bad_request_with_message_and_help_read_from_imagekits_error_body() {
    let h = details_answering(json(
        400,
        error_body("Your request contains invalid fileId parameter."),
    ))
    .await;

    let error = h.fails(h.ik.get_file_details(FILE_ID)).await;

    let Error::BadRequest(e) = &error else {
        panic!("expected BadRequest, got {error:?}")
    };
    assert_eq!(e.status(), 400);
    assert_eq!(
        e.message(),
        "Your request contains invalid fileId parameter."
    );
    assert_eq!(
        e.help(),
        Some("For support kindly contact us at support@imagekit.io.")
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn status_401_is_unauthorized_and_its_display_says_to_check_the_private_key() {
    let h = details_answering(json(
        401,
        error_body("Your request does not contain private API key."),
    ))
    .await;

    let error = h.fails(h.ik.get_file_details(FILE_ID)).await;

    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert!(
        error.to_string().contains("check the private key"),
        "{error}"
    );
}

#[tokio::test]
async fn status_403_is_forbidden() {
    let h = details_answering(json(
        403,
        error_body("Your account cannot be authenticated."),
    ))
    .await;

    let error = h.fails(h.ik.get_file_details(FILE_ID)).await;

    let Error::Forbidden(e) = &error else {
        panic!("expected Forbidden, got {error:?}")
    };
    assert_eq!(e.message(), "Your account cannot be authenticated.");
}

#[tokio::test]
async fn status_404_is_not_found_and_its_body_decodes_to_the_missing_file_ids() {
    let h = Harness::start().await;
    let mut body = error_body("The requested file(s) does not exist.");
    body["missingFileIds"] = json!([OTHER_FILE_ID]);
    h.expect(
        api("POST", "/v1/files/batch/deleteByFileIds")
            .and(body_json(json!({"fileIds": [FILE_ID, OTHER_FILE_ID]}))),
        json(404, body),
    )
    .await;

    let error = h
        .fails(h.ik.bulk_file_delete([FILE_ID, OTHER_FILE_ID]))
        .await;

    let Error::NotFound(e) = &error else {
        panic!("expected NotFound, got {error:?}")
    };
    assert_eq!(e.message(), "The requested file(s) does not exist.");
    let body: ErrorBody = e.decode().unwrap();
    assert_eq!(body.missing_file_ids, [OTHER_FILE_ID]);
}

#[tokio::test]
async fn status_409_is_conflict_with_imagekits_reason_readable() {
    let h = Harness::start().await;
    let mut body = error_body("File with the same name already exists in the folder.");
    body["reason"] = json!("FILE_ALREADY_EXISTS");
    h.expect(
        api("PUT", "/v1/files/rename").and(body_json(json!({
            "filePath": "/path/to/file.jpg",
            "newFileName": "newFileName.jpg",
        }))),
        json(409, body),
    )
    .await;

    let options = RenameFileOptions::new();
    let error = h
        .fails(h.ik.rename_file("/path/to/file.jpg", "newFileName.jpg", &options))
        .await;

    let Error::Conflict(e) = &error else {
        panic!("expected Conflict, got {error:?}")
    };
    let body: ErrorBody = e.decode().unwrap();
    assert_eq!(body.reason.as_deref(), Some("FILE_ALREADY_EXISTS"));
}

#[tokio::test]
async fn status_429_is_too_many_requests_keeping_and_parsing_the_rate_limit_headers() {
    let h = details_answering(
        json(429, error_body("Too many requests"))
            .insert_header("X-RateLimit-Limit", "100")
            .insert_header("X-RateLimit-Reset", "1500")
            .insert_header("X-RateLimit-Interval", "60000"),
    )
    .await;

    let error = h.fails(h.ik.get_file_details(FILE_ID)).await;

    let Error::TooManyRequests(e) = &error else {
        panic!("expected TooManyRequests, got {error:?}")
    };
    assert_eq!(e.headers()["x-ratelimit-limit"], "100");
    assert_eq!(e.headers()["x-ratelimit-reset"], "1500");
    assert_eq!(e.headers()["x-ratelimit-interval"], "60000");
    let limit = e.rate_limit().expect("rate-limit headers");
    assert_eq!(limit.limit, Some(100));
    assert_eq!(limit.reset, Some(Duration::from_millis(1500)));
    assert_eq!(limit.interval, Some(Duration::from_secs(60)));
    assert!(error.is_retryable());
    assert!(error.to_string().contains("retry after 1500 ms"), "{error}");
}

#[tokio::test]
async fn status_500_is_internal_server_and_retryable() {
    let h = details_answering(json(
        500,
        error_body("We have encountered an internal error. Please try again later."),
    ))
    .await;

    let error = h.fails(h.ik.get_file_details(FILE_ID)).await;

    let Error::InternalServer(e) = &error else {
        panic!("expected InternalServer, got {error:?}")
    };
    assert_eq!(e.status(), 500);
    assert_eq!(
        e.message(),
        "We have encountered an internal error. Please try again later."
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn status_502_with_an_html_body_keeps_status_headers_and_raw_body_and_says_it_is_not_json() {
    let html = "<html><head><title>502 Bad Gateway</title></head>\
                <body><center><h1>502 Bad Gateway</h1></center></body></html>";
    let h = details_answering(
        ResponseTemplate::new(502)
            .set_body_raw(html, "text/html")
            .insert_header("x-request-id", "d2d7c3a1-5b1e-4d4c-9a0e-2f6b8c1e7a90"),
    )
    .await;

    let error = h.fails(h.ik.get_file_details(FILE_ID)).await;

    let Error::InternalServer(e) = &error else {
        panic!("expected InternalServer, got {error:?}")
    };
    assert_eq!(e.status(), 502);
    assert_eq!(e.headers()["content-type"], "text/html");
    assert_eq!(
        e.headers()["x-request-id"],
        "d2d7c3a1-5b1e-4d4c-9a0e-2f6b8c1e7a90"
    );
    assert_eq!(e.raw(), html.as_bytes());
    assert!(e.message().contains("non-JSON"), "{}", e.message());
    assert_eq!(e.help(), None);
    assert!(error.to_string().contains("502"), "{error}");
}

#[tokio::test]
async fn status_200_with_invalid_json_is_a_decode_error_keeping_the_raw_body() {
    let truncated = r#"{"fileId": "598821f949c0a938d57563bd", "name": "file.jp"#;
    let h =
        details_answering(ResponseTemplate::new(200).set_body_raw(truncated, "application/json"))
            .await;

    let error = h.fails(h.ik.get_file_details(FILE_ID)).await;

    let Error::Decode(d) = &error else {
        panic!("expected Decode, got {error:?}")
    };
    assert_eq!(d.status(), 200);
    assert_eq!(d.raw(), truncated.as_bytes());
    assert!(!d.reason().is_empty());
    assert!(
        error.to_string().contains("could not be decoded"),
        "{error}"
    );
    assert_eq!(error.raw_body(), Some(truncated.as_bytes()));
}

#[tokio::test]
async fn status_200_with_an_empty_body_is_a_decode_error() {
    let h = details_answering(ResponseTemplate::new(200)).await;

    let error = h.fails(h.ik.get_file_details(FILE_ID)).await;

    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.raw_body(), Some(&[][..]));
}

#[tokio::test]
async fn status_207_on_bulk_delete_is_partial_success_decoding_to_successes_and_errors() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/files/batch/deleteByFileIds")
            .and(body_json(json!({"fileIds": [FILE_ID, OTHER_FILE_ID]}))),
        json(
            207,
            json!({
                "successfullyDeletedFileIds": [FILE_ID],
                "errors": [{"fileId": OTHER_FILE_ID, "error": "Internal server error"}],
            }),
        ),
    )
    .await;

    let error = h
        .fails(h.ik.bulk_file_delete([FILE_ID, OTHER_FILE_ID]))
        .await;

    let Error::PartialSuccess(e) = &error else {
        panic!("expected PartialSuccess, got {error:?}")
    };
    assert_eq!(e.status(), 207);
    let result: BulkDeleteFilesResult = e.decode().unwrap();
    assert_eq!(result.successfully_deleted_file_ids, [FILE_ID]);
    assert_eq!(result.errors.len(), 1);
    assert_eq!(result.errors[0].file_id.as_deref(), Some(OTHER_FILE_ID));
    assert_eq!(
        result.errors[0].error.as_deref(),
        Some("Internal server error")
    );
}

#[tokio::test]
async fn status_423_on_a_folder_job_is_unknown_with_status_and_message_kept() {
    let h = Harness::start().await;
    h.expect(
        api("POST", "/v1/bulkJobs/moveFolder"),
        json(
            423,
            error_body("Another bulk job is already running on this folder."),
        ),
    )
    .await;

    let error = h
        .fails(h.ik.move_folder("/path/of/source/folder", "/path/of/destination/folder"))
        .await;

    let Error::Unknown(e) = &error else {
        panic!("expected Unknown, got {error:?}")
    };
    assert_eq!(e.status(), 423);
    assert_eq!(
        e.message(),
        "Another bulk job is already running on this folder."
    );
    assert!(error.is_retryable(), "ImageKit says to retry a 423 later");
}

#[tokio::test]
async fn unknown_fields_in_a_response_are_accepted_and_kept_in_the_raw_body() {
    let mut file = example("FileDetails");
    file["assetFolderId"] = json!("6441fce4e809dd54b0dee029");
    file["aiSummary"] = json!({"caption": "A red t-shirt", "model": "ik-vision-2"});
    let h = details_answering(json(200, file)).await;

    let details = h.succeeds(h.ik.get_file_details(FILE_ID)).await;

    assert_eq!(details.name.as_deref(), Some("file.jpg"));
    let raw: serde_json::Value = serde_json::from_slice(details.metadata().raw()).unwrap();
    assert_eq!(raw["aiSummary"]["caption"], "A red t-shirt");
}

#[tokio::test]
async fn unknown_values_of_server_side_enums_in_file_details_are_accepted() {
    let mut file = example("FileDetails");
    file["type"] = json!("file-set");
    file["fileType"] = json!("3d-model");
    file["AITags"][0]["source"] = json!("imagekit-vision-tagging");
    file["extensionStatus"] = json!({"ai-tasks": "queued", "remove-bg": "success"});
    let h = details_answering(json(200, file)).await;

    let details = h.succeeds(h.ik.get_file_details(FILE_ID)).await;

    assert_eq!(details.type_.as_deref(), Some("file-set"));
    assert_eq!(details.file_type.as_deref(), Some("3d-model"));
    assert_eq!(
        details.extension_status.as_ref().unwrap()["ai-tasks"],
        "queued"
    );
}

#[tokio::test]
async fn unknown_custom_metadata_field_type_in_a_response_is_accepted() {
    let h = Harness::start().await;
    let field = json!({
        "id": "598821f949c0a938d57563df",
        "name": "store_location",
        "label": "Store location",
        "schema": {"type": "GeoPoint", "isValueRequired": false},
    });
    h.expect(
        api("GET", "/v1/customMetadataFields"),
        json(200, json!([example("CustomMetadataField"), field])),
    )
    .await;

    let fields = h
        .succeeds(h.ik.get_custom_metadata_fields(&CustomMetadataFieldsOptions::new()))
        .await;

    assert_eq!(
        fields[1].schema.as_ref().unwrap().type_.as_deref(),
        Some("GeoPoint")
    );
}

#[tokio::test]
async fn display_of_an_api_error_says_which_status_imagekit_answered_and_why() {
    let h = details_answering(json(404, example("ErrorBody"))).await;

    let error = h.fails(h.ik.get_file_details(FILE_ID)).await;

    assert_eq!(
        error.to_string(),
        "ImageKit answered 404 Not Found: The requested file does not exist. \
         (For support kindly contact us at support@imagekit.io.)"
    );
}

#[tokio::test]
async fn an_unreachable_api_host_is_a_retryable_transport_error() {
    let ik = imagekitio::ImageKit::builder()
        .private_key("private_key")
        .api_base_url(closed_port_url())
        .max_retries(0)
        .build()
        .unwrap();

    let error = ik.get_file_details(FILE_ID).await.unwrap_err();

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
    assert!(
        error.to_string().contains("could not reach ImageKit"),
        "{error}"
    );
}

#[tokio::test]
async fn an_answer_slower_than_the_configured_timeout_is_a_retryable_timeout_error() {
    let h = Harness::start().await;
    h.expect(
        api("GET", DETAILS),
        json(200, example("FileDetails")).set_delay(Duration::from_secs(5)),
    )
    .await;
    let impatient = imagekitio::ImageKit::builder()
        .private_key("private_key")
        .api_base_url(h.api.uri())
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .build()
        .unwrap();

    let error = h.fails(impatient.get_file_details(FILE_ID)).await;

    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(error.is_retryable());
    assert!(
        error.to_string().contains("did not answer in time"),
        "{error}"
    );
}

#[tokio::test]
async fn a_request_body_missing_a_required_field_is_invalid_input_and_nothing_is_sent() {
    let h = Harness::start().await;
    Mock::given(any())
        .respond_with(json(201, example("Origin")))
        .expect(0)
        .mount(&h.api)
        .await;

    let origin = OriginRequest::builder()
        .type_("S3")
        .bucket("test-bucket".to_string());
    let error = h.fails(h.ik.create_origin(origin)).await;

    let Error::InvalidInput(message) = &error else {
        panic!("expected InvalidInput, got {error:?}")
    };
    assert!(message.contains("name"), "{message}");
    assert!(error.to_string().starts_with("invalid input: "), "{error}");
}

#[tokio::test]
async fn the_private_key_appears_in_no_debug_output_and_no_error() {
    const KEY: &str = "private_lRkxzbv0Q1Y5u8f7X2Nq3Hc9Ws4=";
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{KEY}:"));
    let h = Harness::with_private_key(KEY).await;
    let html = ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html");
    Mock::given(any())
        .respond_with(json(
            401,
            error_body("Your request does not contain private API key."),
        ))
        .up_to_n_times(1)
        .mount(&h.api)
        .await;
    Mock::given(any())
        .respond_with(html)
        .up_to_n_times(1)
        .mount(&h.api)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw("{", "application/json"))
        .mount(&h.api)
        .await;
    let builder = imagekitio::ImageKit::builder()
        .private_key(KEY)
        .api_base_url(closed_port_url())
        .max_retries(0);
    let unreachable = builder.clone().build().unwrap();

    let errors = [
        h.ik.get_file_details(FILE_ID).await.unwrap_err(),
        h.ik.get_file_details(FILE_ID).await.unwrap_err(),
        h.ik.get_file_details(FILE_ID).await.unwrap_err(),
        h.ik.create_origin(OriginRequest::builder().type_("S3"))
            .await
            .unwrap_err(),
        unreachable.get_file_details(FILE_ID).await.unwrap_err(),
    ];

    assert!(matches!(
        &errors,
        [
            Error::Unauthorized(_),
            Error::InternalServer(_),
            Error::Decode(_),
            Error::InvalidInput(_),
            Error::Transport { .. } | Error::Timeout { .. }
        ]
    ));
    let mut outputs = vec![format!("{:?}", h.ik), format!("{builder:?}")];
    for error in &errors {
        outputs.push(error.to_string());
        outputs.push(format!("{error:?}"));
    }
    for output in outputs {
        assert!(!output.contains(KEY), "private key leaked: {output}");
        assert!(!output.contains(&basic), "credentials leaked: {output}");
        assert!(
            !output.contains("lRkxzbv0Q1Y5u8f7"),
            "key part leaked: {output}"
        );
    }
}
