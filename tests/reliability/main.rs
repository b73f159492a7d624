//! Retries, rate limits and timeouts, specified against a mock ImageKit that misbehaves: each
//! test states the typed outcome and the number of requests the server saw. Its own binary, a
//! module per concern: its tests bound elapsed times, which other binaries' tests would disturb.

#[path = "../common/mod.rs"]
mod common;

mod connections;
mod idempotency;
mod rate_limits;
mod retries;
mod surprises;
mod timeouts;
mod uploads;

use std::time::Duration;

use common::{error_body, example};
use imagekitio::{ImageKit, ImageKitBuilder};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};

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
