//! Transient failures are retried: how many times, after which answers, and how long the
//! backoff waits.

use std::time::{Duration, Instant};

use imagekitio::Error;

use crate::{answering, builder, client, common::FILE_ID, file_details, requests, status};

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
