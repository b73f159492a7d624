//! Harness of the Media API tests: a mock ImageKit API host and upload host, a client wired to
//! both, request matchers, and ImageKit's example payloads from `openapi/imagekit.yaml`.
//!
//! A test declares the one request it expects and the answer, makes the call, and gets the
//! result only after both servers are checked: the API host saw exactly the expected request
//! (otherwise the panic lists what it did receive) and the upload host saw nothing.
#![allow(dead_code)] // each test binary uses part of the harness

pub mod load;
pub mod raw_http;

use std::{fmt::Debug, future::Future, sync::OnceLock};

use imagekitio::{Error, ImageKit};
use serde_json::Value;
use wiremock::{
    Match, Mock, MockBuilder, MockServer, Request, ResponseTemplate,
    matchers::{any, header, header_regex, method, path},
};

/// A file id as ImageKit issues them.
pub const FILE_ID: &str = "598821f949c0a938d57563bd";
/// The harness client's private key.
pub const PRIVATE_KEY: &str = "private_key";
/// HTTP Basic with [`PRIVATE_KEY`] as user and an empty password.
pub const AUTHORIZATION: &str = "Basic cHJpdmF0ZV9rZXk6";

/// The two mock hosts and a client pointed at them.
pub struct Harness {
    pub api: MockServer,
    pub upload: MockServer,
    pub ik: ImageKit,
}

impl Harness {
    pub async fn start() -> Self {
        Self::with_private_key(PRIVATE_KEY).await
    }

    pub async fn with_private_key(private_key: &str) -> Self {
        let api = MockServer::start().await;
        let upload = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(500))
            .named("no Media API call reaches the upload host")
            .expect(0)
            .mount(&upload)
            .await;
        let ik = ImageKit::builder()
            .public_key("public_key")
            .private_key(private_key)
            .url_endpoint("https://ik.imagekit.io/demo")
            .api_base_url(api.uri())
            .upload_base_url(upload.uri())
            // One request, one answer: these tests specify how each answer maps to a result;
            // what retries do is specified in tests/reliability/.
            .max_retries(0)
            .build()
            .expect("a valid client configuration");
        Self { api, upload, ik }
    }

    /// The API host answers `response` to exactly one request matching `request`.
    pub async fn expect(&self, request: MockBuilder, response: ResponseTemplate) {
        request
            .respond_with(response)
            .expect(1)
            .mount(&self.api)
            .await;
    }

    /// Panics, listing the requests received, unless every expectation is met.
    pub async fn verify(&self) {
        self.api.verify().await;
        self.upload.verify().await;
    }

    /// Awaits `call`, checks the servers, and returns the success.
    pub async fn succeeds<T: Debug>(&self, call: impl Future<Output = Result<T, Error>>) -> T {
        let result = call.await;
        self.verify().await;
        result.unwrap_or_else(|e| panic!("expected a success, got: {e}\n{e:?}"))
    }

    /// Awaits `call`, checks the servers, and returns the error.
    pub async fn fails<T: Debug>(&self, call: impl Future<Output = Result<T, Error>>) -> Error {
        let result = call.await;
        self.verify().await;
        result.expect_err("expected an error")
    }
}

/// A request to the API host: method, path, exactly these query parameters, ImageKit's Basic
/// auth and our User-Agent.
///
/// `path_and_query` reads like the request line, with query values written decoded:
/// `/v1/files?searchQuery=size < '2mb'&limit=10` (values must not contain `&`).
pub fn api(http_method: &str, path_and_query: &str) -> MockBuilder {
    let (route, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    Mock::given(method(http_method))
        .and(path(route))
        .and(ExactQuery::parse(query))
        .and(header("authorization", AUTHORIZATION))
        .and(header_regex("user-agent", "^imagekitio-rust/"))
}

/// Matches when the query parameters, decoded, are exactly these (in any order).
#[derive(Debug)]
pub struct ExactQuery(Vec<(String, String)>);

impl ExactQuery {
    fn parse(query: &str) -> Self {
        let pairs = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (name.to_owned(), value.to_owned())
            });
        Self(sorted(pairs))
    }
}

impl Match for ExactQuery {
    fn matches(&self, request: &Request) -> bool {
        let received = request
            .url
            .query_pairs()
            .map(|(name, value)| (name.into_owned(), value.into_owned()));
        sorted(received) == self.0
    }
}

fn sorted(pairs: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = pairs.collect();
    pairs.sort();
    pairs
}

/// A local URL nothing listens on: connecting to it is refused.
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}

/// A JSON answer.
pub fn json(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// A `204 No Content` answer.
pub fn no_content() -> ResponseTemplate {
    ResponseTemplate::new(204)
}

/// The `example` of a schema of `openapi/imagekit.yaml`, as JSON.
pub fn example(schema: &str) -> Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    let spec = SPEC.get_or_init(|| {
        serde_yaml::from_str(include_str!("../../openapi/imagekit.yaml"))
            .expect("openapi/imagekit.yaml is valid YAML")
    });
    let example = &spec["components"]["schemas"][schema]["example"];
    assert!(!example.is_null(), "schema {schema} has no example");
    example.clone()
}

/// ImageKit's error body.
pub fn error_body(message: &str) -> Value {
    serde_json::json!({
        "message": message,
        "help": "For support kindly contact us at support@imagekit.io.",
    })
}
