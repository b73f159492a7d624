//! Uploads against local servers: every multipart field and its encoding, every source kind,
//! streaming, progress, and every way an upload can fail. One binary, a module per concern,
//! sharing the hosts below and a strict multipart reader (`multipart`).

mod failures;
mod fields;
mod multipart;
mod sources;
mod streaming;

use std::path::PathBuf;

use imagekitio::ImageKit;
use serde_json::Value;
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers};

const PRIVATE_KEY: &str = "private_test_key";
const PUBLIC_KEY: &str = "public_test_key";
const PIXEL: &str = "tests/data/upload_pixel.png";

fn uploaded_file_json() -> Value {
    serde_json::from_str(include_str!("../data/upload_response.json")).unwrap()
}

fn client(upload_host: &str) -> ImageKit {
    ImageKit::builder()
        .public_key(PUBLIC_KEY)
        .private_key(PRIVATE_KEY)
        .url_endpoint("https://ik.imagekit.io/your_imagekit_id")
        .upload_base_url(upload_host)
        .build()
        .unwrap()
}

/// An upload host answering every upload with ImageKit's answer from the seeds.
async fn upload_host() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(uploaded_file_json()))
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// Bytes that differ at every position, so that a reordered or dropped chunk shows.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

/// Every byte, in order; on a mismatch, says where rather than printing megabytes.
fn assert_same_bytes(actual: &[u8], expected: &[u8]) {
    if let Some(at) = actual.iter().zip(expected).position(|(a, e)| a != e) {
        panic!("bytes differ first at offset {at}");
    }
    assert_eq!(
        actual.len(),
        expected.len(),
        "same bytes, different lengths"
    );
}

fn temp_file(name: &str, content: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "imagekitio-upload-test-{}-{name}",
        std::process::id()
    ));
    std::fs::write(&path, content).unwrap();
    path
}
