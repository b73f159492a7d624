//! The HTTP side of the fake: hyper on a loopback listener, one task per connection, every
//! request recorded, injected failures first, then authentication and the routes.

use std::{
    collections::VecDeque,
    convert::Infallible,
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use base64::Engine as _;
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming as Body;
use hyper_util::rt::TokioIo;
use tokio::{net::TcpListener, task::JoinSet};

use super::{
    ReceivedRequest,
    answer::{Answer, HELP},
    multipart::{self, Part},
    routes,
    store::Library,
};

/// The keys the fake accepts, fixed when it starts (no `Debug`: it holds the private key).
pub(super) struct Keys {
    pub(super) private_key: String,
    pub(super) public_key: String,
}

/// What the fake's tasks share with its handle.
pub(super) struct Shared {
    pub(super) keys: Keys,
    pub(super) state: Mutex<State>,
}

pub(super) struct State {
    pub(super) library: Library,
    pub(super) received: Vec<ReceivedRequest>,
    /// Failures still to answer ([`crate::testing::FakeImageKit::fail_next`]).
    pub(super) failures: VecDeque<StatusCode>,
}

impl Shared {
    /// The state; a panic elsewhere while it was held leaves it usable, since every change
    /// to it is made whole under the lock.
    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// How a request authenticated itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Auth {
    /// HTTP Basic with the fake's private key.
    PrivateKey,
    /// No `Authorization` header.
    Missing,
    /// An `Authorization` header that is not the fake's private key.
    Wrong,
}

/// A request as the routes see it.
pub(super) struct Incoming<'a> {
    pub(super) method: &'a Method,
    pub(super) path: &'a str,
    pub(super) query: Vec<(String, String)>,
    pub(super) body: &'a Bytes,
    pub(super) form: Option<&'a [Part]>,
    pub(super) auth: Auth,
}

impl Incoming<'_> {
    pub(super) fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Accepts connections until the task is aborted (when the fake is dropped); the connections
/// live in a `JoinSet` owned by this task, so they end with it.
pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection reset before it was accepted: wait a
            // little instead of spinning, and keep serving.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let shared = Arc::clone(&shared);
        let service = hyper::service::service_fn(move |request| {
            let shared = Arc::clone(&shared);
            async move { Ok::<_, Infallible>(handle(&shared, request).await) }
        });
        connections.spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            // A client that goes away mid-request is no concern of the fake's.
            let _ = connection.await;
        });
    }
}

async fn handle(shared: &Shared, request: Request<Body>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return respond(Answer::bad_request("The request body could not be read.")),
    };
    let path = parts.uri.path().to_owned();
    let raw_query = parts.uri.query().map(str::to_owned);
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let form = multipart::boundary(content_type).map(|b| multipart::parse(&body, &b));
    let auth = authentication(&shared.keys, &parts.headers);

    let mut state = shared.lock();
    let answer = if let Some(status) = state.failures.pop_front() {
        injected(status)
    } else if let Some(Err(reason)) = &form {
        Answer::bad_request(format!(
            "Your request contains an invalid multipart/form-data body: {reason}."
        ))
    } else {
        let incoming = Incoming {
            method: &parts.method,
            path: &path,
            query: query_pairs(raw_query.as_deref()),
            body: &body,
            form: form
                .as_ref()
                .and_then(|f| f.as_ref().ok())
                .map(Vec::as_slice),
            auth,
        };
        routes::dispatch(&mut state.library, &shared.keys, &incoming)
    };
    let form_parts = form.as_ref().and_then(|f| f.as_ref().ok());
    let received = ReceivedRequest::new(
        parts.method,
        path,
        raw_query,
        redacted(parts.headers),
        body,
        form_parts.map(Vec::as_slice),
        answer.status,
    );
    state.received.push(received);
    drop(state);
    respond(answer)
}

/// The answer of [`crate::testing::FakeImageKit::fail_next`]: ImageKit's error body, and for a
/// 429 its rate-limit headers, asking for a short wait.
fn injected(status: StatusCode) -> Answer {
    let message = match status.as_u16() {
        429 => "Too many requests. Please try again after some time.".to_owned(),
        500..=599 => "We have encountered an internal error. Please try again later.".to_owned(),
        _ => format!(
            "{} (injected by FakeImageKit::fail_next)",
            status.canonical_reason().unwrap_or("Error")
        ),
    };
    let answer = Answer::json(
        status.as_u16(),
        serde_json::json!({ "message": message, "help": HELP }),
    );
    if status == StatusCode::TOO_MANY_REQUESTS {
        answer
            .with_header("x-ratelimit-limit", "10")
            .with_header("x-ratelimit-reset", "20")
            .with_header("x-ratelimit-interval", "1000")
    } else {
        answer
    }
}

/// Whether the request carries HTTP Basic with the private key as user name, as the client
/// (and ImageKit's documentation) sends it.
fn authentication(keys: &Keys, headers: &HeaderMap) -> Auth {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Auth::Missing;
    };
    let user = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|encoded| {
            base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .ok()
        })
        .and_then(|decoded| String::from_utf8(decoded).ok())
        .map(|credentials| {
            credentials
                .split_once(':')
                .map_or(credentials.clone(), |(user, _)| user.to_owned())
        });
    if user.as_deref() == Some(keys.private_key.as_str()) {
        Auth::PrivateKey
    } else {
        Auth::Wrong
    }
}

/// The headers as recorded: the `Authorization` value replaced, so that recorded requests
/// never hold a key.
fn redacted(mut headers: HeaderMap) -> HeaderMap {
    if headers.contains_key(header::AUTHORIZATION) {
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("<redacted>"),
        );
    }
    headers
}

/// The decoded `name=value` pairs of a query string.
pub(super) fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    let Some(query) = query.filter(|q| !q.is_empty()) else {
        return Vec::new();
    };
    match ::url::Url::parse(&format!("http://fake/?{query}")) {
        Ok(url) => url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn respond(answer: Answer) -> Response<Full<Bytes>> {
    let body = answer
        .body
        .as_ref()
        .map(|value| Bytes::from(value.to_string()))
        .unwrap_or_default();
    let mut response = Response::new(Full::new(body));
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    if answer.body.is_some() {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
    }
    for (name, value) in answer.headers {
        if let Ok(value) = HeaderValue::try_from(value) {
            headers.insert(name, value);
        }
    }
    response
}
