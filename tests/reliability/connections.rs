//! Broken connections, from a raw server (wiremock always answers whole): resets and answers
//! cut short, retried when safe, and the open connection reused.

use std::time::Duration;

use imagekitio::{Error, ImageKit};

use crate::common::{
    FILE_ID, error_body, example,
    raw_http::{RawServer, Reply},
};

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
