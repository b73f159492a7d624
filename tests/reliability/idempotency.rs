//! What is safe to repeat: a call that could take effect twice is not, unless the server
//! says it was not processed or nothing was sent.

use std::time::Duration;

use imagekitio::{Error, ImageKit};
use serde_json::json;
use wiremock::ResponseTemplate;

use crate::{
    answering, client,
    common::{FILE_ID, closed_port_url},
    requests, status,
};

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
