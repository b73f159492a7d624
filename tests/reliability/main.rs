//! Retries, rate limits and timeouts, specified against a mock ImageKit that misbehaves: each
//! test states the typed outcome and the number of requests the server saw.

#[path = "../common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{
    FILE_ID, closed_port_url, error_body, example,
    raw_http::{RawServer, Reply},
};
use imagekitio::{Error, ImageKit, ImageKitBuilder, UploadOptions, UploadSource};
use serde_json::json;
use wiremock::{
    Mock, MockServer, ResponseTemplate,
    matchers::{any, method, path},
};

/// A client for `server` with the default retries and a backoff short enough for tests.
fn builder(server: &MockServer) -> ImageKitBuilder {
    ImageKit::builder()
        .private_key("private_key")
        .api_base_url(server.uri())
        .upload_base_url(server.uri())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(4))
}

fn client(server: &MockServer) -> ImageKit {
    builder(server).build().unwrap()
}

/// A server answering `first` to the first `times` requests, whatever their path, then `then`.
async fn answering(first: ResponseTemplate, times: u64, then: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(times)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(then).mount(&server).await;
    server
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

fn file_details() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(example("FileDetails"))
}

fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(error_body("Something went wrong"))
}

// --- Retries of transient failures ----------------------------------------------------------

#[tokio::test]
async fn a_503_then_a_200_succeeds_on_the_second_attempt() {
    let server = answering(status(503), 1, file_details()).await;

    let file = client(&server).get_file_details(FILE_ID).await.unwrap();

    assert_eq!(file.file_id.as_deref(), Some(FILE_ID));
    assert_eq!(file.metadata().attempts(), 2);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn by_default_a_call_is_tried_three_times_and_the_error_says_so() {
    let server = answering(status(500), u64::MAX, file_details()).await;

    let error = client(&server).get_file_details(FILE_ID).await.unwrap_err();

    assert!(matches!(error, Error::InternalServer(_)), "{error:?}");
    assert_eq!(error.attempts(), 3);
    assert_eq!(error.api_error().unwrap().attempts(), 3);
    assert!(
        error
            .to_string()
            .starts_with("ImageKit answered 500 Internal Server Error after 3 attempts"),
        "{error}"
    );
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn the_client_setting_changes_how_many_retries_are_made() {
    let server = answering(status(502), u64::MAX, file_details()).await;
    let ik = builder(&server).max_retries(4).build().unwrap();

    let error = ik.get_file_details(FILE_ID).await.unwrap_err();

    assert_eq!(error.attempts(), 5);
    assert_eq!(requests(&server).await, 5);
}

#[tokio::test]
async fn zero_retries_per_call_sends_once_and_leaves_the_client_unchanged() {
    let server = answering(status(503), 1, file_details()).await;
    let ik = client(&server);

    let error = ik
        .with_max_retries(0)
        .get_file_details(FILE_ID)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await, 1);

    let file = ik.get_file_details(FILE_ID).await.unwrap();
    assert_eq!(file.metadata().attempts(), 1);
}

#[tokio::test]
async fn a_request_timeout_408_is_retried() {
    let server = answering(status(408), 1, file_details()).await;

    let file = client(&server).get_file_details(FILE_ID).await.unwrap();

    assert_eq!(file.metadata().attempts(), 2);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = answering(status(404), u64::MAX, file_details()).await;

    let error = client(&server).get_file_details(FILE_ID).await.unwrap_err();

    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn backoff_waits_longer_before_each_retry() {
    let server = answering(status(503), u64::MAX, file_details()).await;
    let ik = builder(&server)
        .retry_backoff(Duration::from_millis(100), Duration::from_secs(8))
        .max_retries(3)
        .build()
        .unwrap();

    let started = Instant::now();
    let error = ik.get_file_details(FILE_ID).await.unwrap_err();

    // 100, 200 and 400 ms, each shortened by at most a quarter of jitter.
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(525), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(2500), "{elapsed:?}");
    assert_eq!(error.attempts(), 4);
}

#[tokio::test]
async fn the_backoff_cap_bounds_every_wait() {
    let server = answering(status(503), u64::MAX, file_details()).await;
    let ik = builder(&server)
        .retry_backoff(Duration::from_millis(50), Duration::from_millis(60))
        .max_retries(4)
        .build()
        .unwrap();

    let started = Instant::now();
    ik.get_file_details(FILE_ID).await.unwrap_err();

    // Uncapped, the waits would be 50 + 100 + 200 + 400 ms.
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(180), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(600), "{elapsed:?}");
}

// --- Rate limits and the server's say ------------------------------------------------------

#[tokio::test]
async fn a_429_with_retry_after_waits_that_many_seconds() {
    let server = answering(
        status(429).insert_header("retry-after", "1"),
        1,
        file_details(),
    )
    .await;

    let started = Instant::now();
    let file = client(&server).get_file_details(FILE_ID).await.unwrap();

    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(file.metadata().attempts(), 2);
}

#[tokio::test]
async fn a_429_with_x_ratelimit_reset_waits_those_milliseconds() {
    let server = answering(
        status(429)
            .insert_header("x-ratelimit-limit", "10")
            .insert_header("x-ratelimit-reset", "300")
            .insert_header("x-ratelimit-interval", "1000"),
        1,
        file_details(),
    )
    .await;

    let started = Instant::now();
    let file = client(&server).get_file_details(FILE_ID).await.unwrap();

    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
    assert_eq!(file.metadata().attempts(), 2);
}

#[tokio::test]
async fn a_wait_longer_than_max_retry_wait_fails_at_once_with_the_rate_limit() {
    let server = answering(
        status(429)
            .insert_header("x-ratelimit-limit", "10")
            .insert_header("x-ratelimit-reset", "120000"),
        u64::MAX,
        file_details(),
    )
    .await;

    let started = Instant::now();
    let error = client(&server).get_file_details(FILE_ID).await.unwrap_err();

    assert!(started.elapsed() < Duration::from_secs(1));
    let Error::TooManyRequests(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        api.rate_limit().unwrap().reset,
        Some(Duration::from_secs(120))
    );
    assert_eq!(error.attempts(), 1);
    assert!(
        error.to_string().ends_with("retry after 120000 ms"),
        "{error}"
    );
}

#[tokio::test]
async fn max_retry_wait_sets_how_long_a_server_may_make_the_client_wait() {
    let server = answering(
        status(429).insert_header("retry-after", "1"),
        1,
        file_details(),
    )
    .await;
    let ik = builder(&server)
        .max_retry_wait(Duration::from_millis(500))
        .build()
        .unwrap();

    let error = ik.get_file_details(FILE_ID).await.unwrap_err();

    assert!(matches!(error, Error::TooManyRequests(_)), "{error:?}");
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn x_should_retry_false_stops_a_retry_the_status_would_allow() {
    let server = answering(
        status(503).insert_header("x-should-retry", "false"),
        1,
        file_details(),
    )
    .await;

    let error = client(&server).get_file_details(FILE_ID).await.unwrap_err();

    assert!(matches!(error, Error::InternalServer(_)), "{error:?}");
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn x_should_retry_true_repeats_even_a_call_that_is_not_idempotent() {
    let server = answering(
        status(409).insert_header("x-should-retry", "true"),
        1,
        ResponseTemplate::new(201).set_body_json(json!({})),
    )
    .await;

    let created = client(&server).create_folder("summer", "/").await.unwrap();

    assert_eq!(created.metadata().attempts(), 2);
}

// --- What is safe to repeat ----------------------------------------------------------------

#[tokio::test]
async fn a_server_error_on_a_call_that_is_not_idempotent_is_not_repeated() {
    let server = answering(status(500), u64::MAX, ResponseTemplate::new(201)).await;
    let ik = client(&server);

    let error = ik.create_folder("summer", "/").await.unwrap_err();
    assert!(matches!(error, Error::InternalServer(_)), "{error:?}");
    assert_eq!(error.attempts(), 1);

    let error = ik
        .copy_file("/a.jpg", "/b/", &imagekitio::CopyFileOptions::new())
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_429_on_a_call_that_is_not_idempotent_is_repeated_as_it_was_not_processed() {
    let server = answering(status(429), 1, ResponseTemplate::new(201)).await;

    let created = client(&server).create_folder("summer", "/").await.unwrap();

    assert_eq!(created.metadata().attempts(), 2);
}

#[tokio::test]
async fn idempotent_posts_such_as_adding_tags_are_repeated_after_a_server_error() {
    let server = answering(
        status(502),
        1,
        ResponseTemplate::new(200).set_body_json(json!({"successfullyUpdatedFileIds": [FILE_ID]})),
    )
    .await;

    let tagged = client(&server)
        .add_tags([FILE_ID], ["summer"])
        .await
        .unwrap();

    assert_eq!(tagged.metadata().attempts(), 2);
    let bodies: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.body)
        .collect();
    assert_eq!(bodies[0], bodies[1], "the retry sends the same body");
}

#[tokio::test]
async fn an_unreachable_host_is_retried_for_any_call_since_nothing_was_sent() {
    let ik = ImageKit::builder()
        .private_key("private_key")
        .api_base_url(closed_port_url())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(4))
        .build()
        .unwrap();

    let error = ik.create_folder("summer", "/").await.unwrap_err();

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(error.attempts(), 3);
    assert!(
        error
            .to_string()
            .starts_with("could not reach ImageKit after 3 attempts"),
        "{error}"
    );
}

// --- Timeouts -------------------------------------------------------------------------------

#[tokio::test]
async fn an_answer_that_stalls_past_the_timeout_is_retried_for_a_read() {
    let server = answering(
        file_details().set_delay(Duration::from_secs(5)),
        1,
        file_details(),
    )
    .await;
    let ik = builder(&server)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let file = ik.get_file_details(FILE_ID).await.unwrap();

    assert_eq!(file.metadata().attempts(), 2);
}

#[tokio::test]
async fn a_timeout_on_a_call_that_is_not_idempotent_is_not_repeated() {
    let server = answering(
        ResponseTemplate::new(201).set_delay(Duration::from_secs(5)),
        u64::MAX,
        ResponseTemplate::new(201),
    )
    .await;
    let ik = builder(&server)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let error = ik.create_folder("summer", "/").await.unwrap_err();

    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_timeout_every_time_ends_in_a_timeout_error_counting_the_attempts() {
    let server = answering(
        file_details().set_delay(Duration::from_secs(5)),
        u64::MAX,
        file_details(),
    )
    .await;
    let ik = builder(&server)
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();

    let error = ik.get_file_details(FILE_ID).await.unwrap_err();

    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert_eq!(error.attempts(), 3);
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_per_call_timeout_is_shorter_than_the_clients() {
    let server = answering(
        file_details().set_delay(Duration::from_secs(5)),
        u64::MAX,
        file_details(),
    )
    .await;
    let ik = builder(&server)
        .timeout(Duration::from_secs(30))
        .max_retries(0)
        .build()
        .unwrap();

    let started = Instant::now();
    let error = ik
        .with_timeout(Duration::from_millis(150))
        .get_file_details(FILE_ID)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_per_call_timeout_is_longer_than_the_clients() {
    let server = answering(
        file_details().set_delay(Duration::from_millis(400)),
        u64::MAX,
        file_details(),
    )
    .await;
    let ik = builder(&server)
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .build()
        .unwrap();

    let slow = ik
        .with_timeout(Duration::from_secs(5))
        .get_file_details(FILE_ID)
        .await;
    let fast = ik.get_file_details(FILE_ID).await;

    assert_eq!(slow.unwrap().metadata().attempts(), 1);
    assert!(matches!(fast, Err(Error::Timeout { .. })), "{fast:?}");
}

// --- Server surprises ----------------------------------------------------------------------

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

// --- Uploads --------------------------------------------------------------------------------

fn uploaded() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "fileId": "6673f2a3e375de4b9e2d6a21",
        "name": "photo.jpg",
        "url": "https://ik.imagekit.io/demo/photo.jpg",
    }))
}

/// An upload host answering `first` to the first `times` uploads, then storing the file.
async fn uploading(first: ResponseTemplate, times: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/files/upload"))
        .respond_with(first)
        .up_to_n_times(times)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/files/upload"))
        .respond_with(uploaded())
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn an_upload_that_got_a_server_error_is_not_repeated_by_default() {
    let server = uploading(status(503), 1).await;

    let error = client(&server)
        .upload_file(b"GIF89a".as_slice(), "photo.gif", UploadOptions::new())
        .await
        .unwrap_err();

    assert!(matches!(error, Error::InternalServer(_)), "{error:?}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn a_retryable_upload_is_repeated_with_the_same_bytes() {
    let server = uploading(status(503), 1).await;
    let options = UploadOptions::new()
        .use_unique_file_name(false)
        .overwrite_file(true)
        .retryable(true);

    let file = client(&server)
        .upload_file(b"GIF89a-bytes".as_slice(), "photo.gif", options)
        .await
        .unwrap();

    assert_eq!(file.metadata().attempts(), 2);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    assert!(String::from_utf8_lossy(&received[1].body).contains("GIF89a-bytes"));
}

#[tokio::test]
async fn a_retryable_upload_from_disk_reads_the_file_again() {
    let server = uploading(status(500), 1).await;
    let path = std::env::temp_dir().join(format!("ik-retry-{}.bin", std::process::id()));
    let content = vec![b'x'; 200_000];
    std::fs::write(&path, &content).unwrap();

    let result = client(&server)
        .upload_file(
            UploadSource::from_path(&path).await.unwrap(),
            "big.bin",
            UploadOptions::new().retryable(true),
        )
        .await;
    std::fs::remove_file(&path).unwrap();

    assert_eq!(result.unwrap().metadata().attempts(), 2);
    let received = server.received_requests().await.unwrap();
    let counts: Vec<_> = received
        .iter()
        .map(|r| r.body.iter().filter(|&&b| b == b'x').count())
        .collect();
    assert!(counts.iter().all(|&n| n >= content.len()), "{counts:?}");
}

#[tokio::test]
async fn an_upload_refused_with_429_is_repeated_as_it_was_not_processed() {
    let server = uploading(status(429).insert_header("x-ratelimit-reset", "10"), 1).await;

    let file = client(&server)
        .upload_file(b"GIF89a".as_slice(), "photo.gif", UploadOptions::new())
        .await
        .unwrap();

    assert_eq!(file.metadata().attempts(), 2);
}

#[tokio::test]
async fn an_upload_from_a_reader_is_not_repeated_once_the_reader_was_read() {
    let server = uploading(status(503), 1).await;

    let error = client(&server)
        .upload_file(
            UploadSource::from_reader(b"GIF89a".as_slice()),
            "photo.gif",
            UploadOptions::new().retryable(true),
        )
        .await
        .unwrap_err();

    assert!(matches!(error, Error::InternalServer(_)), "{error:?}");
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn an_upload_to_an_unreachable_host_is_repeated_and_the_reader_kept_for_it() {
    let ik = ImageKit::builder()
        .private_key("private_key")
        .upload_base_url(closed_port_url())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(4))
        .build()
        .unwrap();

    let error = ik
        .upload_file(
            UploadSource::from_reader(b"GIF89a".as_slice()),
            "photo.gif",
            UploadOptions::new(),
        )
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(
        error.attempts(),
        3,
        "the reader was never read, so each attempt could use it"
    );
}

/// A listener whose accept queue is full, so that a new connection is never established
/// (Linux drops the SYN), and the streams that fill it.
fn unanswered_listener() -> (String, tokio::net::TcpListener, Vec<std::net::TcpStream>) {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let address = listener.local_addr().unwrap();
    let filling = (0..4)
        .filter_map(|_| {
            std::net::TcpStream::connect_timeout(&address, Duration::from_millis(100)).ok()
        })
        .collect();
    (format!("http://{address}"), listener, filling)
}

#[tokio::test]
async fn the_connect_timeout_limits_waiting_for_a_connection_and_the_attempt_is_repeated() {
    let (url, _listener, _filling) = unanswered_listener();
    let ik = ImageKit::builder()
        .private_key("private_key")
        .api_base_url(url)
        .connect_timeout(Duration::from_millis(200))
        .timeout(Duration::from_secs(30))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(4))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = ik.create_folder("summer", "/").await.unwrap_err();

    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert_eq!(
        error.attempts(),
        3,
        "no connection, nothing sent: safe to repeat"
    );
}

// --- Broken connections (a raw server: wiremock always answers whole) -----------------------

fn raw_client(server: &RawServer) -> ImageKit {
    ImageKit::builder()
        .private_key("private_key")
        .api_base_url(server.url())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(4))
        .build()
        .unwrap()
}

fn details_reply() -> Reply {
    Reply::json(200, &example("FileDetails"))
}

#[tokio::test]
async fn a_connection_reset_before_the_answer_is_retried_for_a_read() {
    let server = RawServer::start(|n, _| {
        if n == 0 {
            Reply::Reset
        } else {
            details_reply()
        }
    })
    .await;

    let file = raw_client(&server).get_file_details(FILE_ID).await.unwrap();

    assert_eq!(file.metadata().attempts(), 2);
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_connection_reset_every_time_is_a_transport_error_counting_the_attempts() {
    let server = RawServer::start(|_, _| Reply::Reset).await;

    let error = raw_client(&server)
        .get_file_details(FILE_ID)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(error.attempts(), 3);
    assert_eq!(server.requests(), 3);
}

#[tokio::test]
async fn a_connection_reset_after_a_call_that_is_not_idempotent_was_sent_is_not_repeated() {
    let server = RawServer::start(|_, _| Reply::Reset).await;

    let error = raw_client(&server)
        .create_folder("summer", "/")
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(
        server.requests(),
        1,
        "the folder may exist now: not sent twice"
    );
}

#[tokio::test]
async fn an_answer_cut_short_is_retried_for_a_read() {
    let server = RawServer::start(|n, _| match n {
        0 => Reply::Truncated {
            status: 200,
            body: br#"{"fileId": "598821f9"#.to_vec(),
            announced: 4096,
        },
        _ => details_reply(),
    })
    .await;

    let file = raw_client(&server).get_file_details(FILE_ID).await.unwrap();

    assert_eq!(file.metadata().attempts(), 2);
}

#[tokio::test]
async fn an_answer_cut_short_every_time_is_a_transport_error_not_a_decode_error() {
    let server = RawServer::start(|_, _| Reply::Truncated {
        status: 200,
        body: br#"{"fileId": "598821f9"#.to_vec(),
        announced: 4096,
    })
    .await;

    let error = raw_client(&server)
        .get_file_details(FILE_ID)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(error.attempts(), 3);
}

#[tokio::test]
async fn retries_reuse_the_open_connection() {
    let server = RawServer::start(|n, _| {
        if n < 2 {
            Reply::json(503, &error_body("Service unavailable"))
        } else {
            details_reply()
        }
    })
    .await;

    let file = raw_client(&server).get_file_details(FILE_ID).await.unwrap();

    assert_eq!(file.metadata().attempts(), 3);
    assert_eq!(server.connections(), 1);
    let heads = server.heads();
    assert!(
        heads.iter().all(|h| h.contains("authorization: Basic")),
        "{heads:?}"
    );
}
