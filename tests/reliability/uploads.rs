//! Uploads are repeated only when the caller allows it or nothing was processed, and then
//! with the same bytes.

use std::time::Duration;

use imagekitio::{Error, ImageKit, UploadOptions, UploadSource};
use serde_json::json;
use wiremock::{
    Mock, MockServer, ResponseTemplate,
    matchers::{method, path},
};

use crate::{client, common::closed_port_url, requests, status};

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
