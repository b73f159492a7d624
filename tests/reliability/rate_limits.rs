//! Rate limits and the server's say: `Retry-After`, `X-RateLimit-Reset`, the longest wait a
//! client accepts, and `X-Should-Retry`.

use std::time::{Duration, Instant};

use imagekitio::Error;
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::{answering, builder, client, common::FILE_ID, file_details, requests, status};

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
