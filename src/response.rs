//! [`Response`]: a decoded body together with the HTTP exchange it came from.
// Answers are read, and so these records built, only by the HTTP client (feature `client`).
#![cfg_attr(not(feature = "client"), allow(dead_code, unused_imports))]

use std::{ops::Deref, time::Duration};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

/// The HTTP facts of one API answer: status, headers and the raw body exactly as received.
///
/// This is what the Python SDK calls `response_metadata`.
///
/// ```
/// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
/// let details = ik.get_file_details("598821f949c0a938d57563bd").await?;
/// let meta = details.metadata();
/// println!("{} {:?}", meta.http_status_code(), meta.headers().get("x-request-id"));
/// println!("{}", String::from_utf8_lossy(meta.raw()));
/// # Ok(()) }
/// ```
///
/// The same record is kept by every error that had an answer: [`crate::ApiError::metadata`],
/// [`crate::DecodeError::metadata`].
#[derive(Clone)]
pub struct ResponseMetadata {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) raw: Bytes,
    pub(crate) attempts: u32,
}

/// Shows at most an excerpt of the body: an answer can be megabytes.
impl std::fmt::Debug for ResponseMetadata {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseMetadata")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("raw", &crate::error::excerpt(&self.raw))
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl ResponseMetadata {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, raw: Bytes, attempts: u32) -> Self {
        Self {
            status,
            headers,
            raw,
            attempts,
        }
    }

    /// Requests sent to get this answer: 1, or more when the client retried.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The HTTP status code.
    pub fn http_status_code(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body bytes exactly as the server sent them.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// The body as a cheaply clonable [`Bytes`].
    pub fn raw_bytes(&self) -> Bytes {
        self.raw.clone()
    }

    /// ImageKit's `X-RateLimit-*` headers, when the server sent them.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }
}

/// A successful API answer: the typed body, plus [`ResponseMetadata`].
///
/// `Response<T>` dereferences to `T`, so fields of the body read directly:
///
/// ```
/// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
/// let file = ik.get_file_details("598821f949c0a938d57563bd").await?;
/// println!("{:?} has status {}", file.name, file.metadata().http_status_code());
/// let body = file.into_inner(); // the generated type, owned
/// # let _ = body; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Response<T> {
    body: T,
    metadata: ResponseMetadata,
}

impl<T> Response<T> {
    pub(crate) fn new(body: T, metadata: ResponseMetadata) -> Self {
        Self { body, metadata }
    }

    /// Status, headers and raw body of the exchange.
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }

    /// The decoded body, dropping the metadata.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// The decoded body and the metadata, apart.
    pub fn into_parts(self) -> (T, ResponseMetadata) {
        (self.body, self.metadata)
    }

    /// Applies `f` to the body, keeping the metadata.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response::new(f(self.body), self.metadata)
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// ImageKit's rate-limit headers (`X-RateLimit-Limit`, `X-RateLimit-Reset`, `X-RateLimit-Interval`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed per interval.
    pub limit: Option<u64>,
    /// Time until the limit resets (the header is in milliseconds).
    pub reset: Option<Duration>,
    /// Length of the rate-limit interval (the header is in milliseconds).
    pub interval: Option<Duration>,
}

impl RateLimit {
    pub(crate) fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let limit = number("x-ratelimit-limit");
        let reset = number("x-ratelimit-reset").map(Duration::from_millis);
        let interval = number("x-ratelimit-interval").map(Duration::from_millis);
        (limit.is_some() || reset.is_some() || interval.is_some()).then_some(Self {
            limit,
            reset,
            interval,
        })
    }
}
