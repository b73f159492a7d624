//! Timeouts: a stalled answer, a stalled call that must not be repeated, per-call timeouts,
//! and waiting for a connection.

use std::time::{Duration, Instant};

use imagekitio::{Error, ImageKit};
use wiremock::ResponseTemplate;

use crate::{answering, builder, common::FILE_ID, file_details};

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
