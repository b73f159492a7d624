//! [`Error`]: everything that can go wrong, with the HTTP exchange kept whenever there was one.

use std::{fmt, time::Duration};

use bytes::Bytes;
use reqwest::{StatusCode, header::HeaderMap};
use serde::de::DeserializeOwned;

/// The one error type of this crate.
///
/// API failures are split by HTTP status the way ImageKit's Python SDK splits its exceptions
/// (`BadRequestException`, `NotFoundException`, ...); each keeps the [`ApiError`] with status,
/// headers, raw body, `message` and `help`. The other variants cover the network, undecodable
/// answers and input this crate refused before sending anything.
///
/// ```
/// use imagekitio::Error;
/// # async fn run(ik: imagekitio::ImageKit) {
/// match ik.get_file_details("598821f949c0a938d57563bd").await {
///     Ok(file) => println!("found {:?}", file.name),
///     Err(Error::NotFound(e)) => println!("no such file: {}", e.message()),
///     Err(Error::TooManyRequests(e)) => println!("slow down: {:?}", e.rate_limit()),
///     Err(e) if e.is_retryable() => println!("transient, try again later: {e}"),
///     Err(e) => println!("failed: {e}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 400: missing or invalid parameters.
    #[error("{0}")]
    BadRequest(Box<ApiError>),
    /// 401: ImageKit could not authenticate the request.
    #[error("{0}")]
    Unauthorized(Box<ApiError>),
    /// 403: the key is not allowed to do this, the account is disabled, or a limit is exceeded.
    #[error("{0}")]
    Forbidden(Box<ApiError>),
    /// 404: the file, version, folder, job or other resource does not exist.
    #[error("{0}")]
    NotFound(Box<ApiError>),
    /// 409: the request conflicts with the current state (for example a folder that exists).
    #[error("{0}")]
    Conflict(Box<ApiError>),
    /// 429: rate limited; [`ApiError::rate_limit`] says when to try again.
    #[error("{0}")]
    TooManyRequests(Box<ApiError>),
    /// 5xx: something went wrong on ImageKit's side.
    #[error("{0}")]
    InternalServer(Box<ApiError>),
    /// 207: the operation succeeded for some items only. [`ApiError::decode`] reads which.
    #[error("{0}")]
    PartialSuccess(Box<ApiError>),
    /// Any other non-success status.
    #[error("{0}")]
    Unknown(Box<ApiError>),
    /// The request never got an answer: DNS, connection, TLS or an interrupted transfer.
    #[error(
        "could not reach ImageKit{}: {message}; check the network and the configured base URL",
        after(*.attempts)
    )]
    Transport {
        /// What failed.
        message: String,
        /// The underlying HTTP client error.
        #[source]
        source: reqwest::Error,
        /// Requests sent, retries included.
        attempts: u32,
    },
    /// No answer within the configured timeout.
    #[error(
        "ImageKit did not answer in time{} ({message}); raise the timeout or try again later",
        after(*.attempts)
    )]
    Timeout {
        /// What timed out.
        message: String,
        /// The underlying HTTP client error.
        #[source]
        source: reqwest::Error,
        /// Requests sent, retries included.
        attempts: u32,
    },
    /// A success status whose body is not what the API describes.
    #[error("{0}")]
    Decode(Box<DecodeError>),
    /// The request was refused before anything was sent: the message says which input is wrong.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A webhook delivery was refused: unsigned, altered, signed with another secret, or
    /// outside the timestamp tolerance. See [`crate::webhooks`].
    #[error("webhook refused: {0}")]
    Webhook(crate::webhooks::WebhookError),
    /// The file or reader of an upload could not be read: missing, not a file, unreadable, or
    /// of another length than announced. Nothing was reported as uploaded.
    #[error("cannot read {}: {source}", describe_upload_source(.path.as_deref()))]
    Io {
        /// The file, or `None` for a reader given to [`crate::UploadSource::from_reader`].
        path: Option<std::path::PathBuf>,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// An upload made no progress for the client's timeout: no byte of the body could be sent,
    /// or no answer came after the last one. The upload was abandoned.
    #[error(
        "the upload stalled{}: nothing happened for {idle:?} after {sent} bytes of the file \
         were sent; check the network, or raise the client's timeout",
        after(*.attempts)
    )]
    UploadStalled {
        /// Bytes of the file handed to the connection before the stall (in the last attempt).
        sent: u64,
        /// How long nothing happened (the client's timeout).
        idle: Duration,
        /// Uploads attempted, retries included.
        attempts: u32,
    },
}

/// " after 3 attempts" when retries were made, so that a message says the failure persisted.
fn after(attempts: u32) -> String {
    if attempts > 1 {
        format!(" after {attempts} attempts")
    } else {
        String::new()
    }
}

fn describe_upload_source(path: Option<&std::path::Path>) -> String {
    match path {
        Some(path) => format!("{}", path.display()),
        None => "the upload's reader".to_owned(),
    }
}

impl Error {
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }

    /// Builds the error for a non-success answer, classifying it by status.
    pub(crate) fn from_response(
        status: StatusCode,
        headers: HeaderMap,
        raw: Bytes,
        attempts: u32,
    ) -> Self {
        let api = Box::new(ApiError::new(status, headers, raw, attempts));
        match status.as_u16() {
            400 => Error::BadRequest(api),
            401 => Error::Unauthorized(api),
            403 => Error::Forbidden(api),
            404 => Error::NotFound(api),
            409 => Error::Conflict(api),
            429 => Error::TooManyRequests(api),
            207 => Error::PartialSuccess(api),
            500..=599 => Error::InternalServer(api),
            _ => Error::Unknown(api),
        }
    }

    pub(crate) fn from_reqwest(source: reqwest::Error, attempts: u32) -> Self {
        let message = source.to_string();
        if source.is_timeout() {
            Error::Timeout {
                message,
                source,
                attempts,
            }
        } else {
            Error::Transport {
                message,
                source,
                attempts,
            }
        }
    }

    /// How many requests were sent before giving up, retries included: 1 when the first
    /// answer was final, more after retries, and 0 when nothing was sent (input refused,
    /// an unreadable upload source, a webhook).
    ///
    /// ```
    /// # async fn run(ik: imagekitio::ImageKit) {
    /// if let Err(e) = ik.get_file_details("598821f949c0a938d57563bd").await {
    ///     eprintln!("gave up after {} attempts: {e}", e.attempts());
    /// }
    /// # }
    /// ```
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Transport { attempts, .. }
            | Error::Timeout { attempts, .. }
            | Error::UploadStalled { attempts, .. } => *attempts,
            Error::Decode(d) => d.attempts,
            Error::InvalidInput(_) | Error::Webhook(_) | Error::Io { .. } => 0,
            _ => self.api_error().map_or(0, |e| e.attempts),
        }
    }

    /// The API error, for the variants that carry one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::BadRequest(e)
            | Error::Unauthorized(e)
            | Error::Forbidden(e)
            | Error::NotFound(e)
            | Error::Conflict(e)
            | Error::TooManyRequests(e)
            | Error::InternalServer(e)
            | Error::PartialSuccess(e)
            | Error::Unknown(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status of the answer, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Decode(d) => Some(d.status),
            _ => self.api_error().map(ApiError::status),
        }
    }

    /// The raw body of the answer, if there was one.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Error::Decode(d) => Some(d.raw()),
            _ => self.api_error().map(ApiError::raw),
        }
    }

    /// Whether trying the same request again later may succeed: timeouts, network failures,
    /// 408, 423, 429 and 5xx.
    ///
    /// The client has already retried what was safe to retry ([`Error::attempts`] says how
    /// often); this tells an application whether a later retry of its own, or one of an
    /// operation the client would not repeat by itself, may help.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::TooManyRequests(_) | Error::InternalServer(_) => true,
            Error::UploadStalled { .. } => true,
            Error::Transport { source, .. } => !source.is_builder(),
            // 423: ImageKit is running another bulk job on the folder; it says to retry later.
            Error::Unknown(e) => {
                matches!(e.status, StatusCode::REQUEST_TIMEOUT | StatusCode::LOCKED)
            }
            _ => false,
        }
    }
}

/// An answer from ImageKit with a non-success status (or 207), kept whole.
#[derive(Clone)]
pub struct ApiError {
    status: StatusCode,
    headers: HeaderMap,
    raw: Bytes,
    message: String,
    help: Option<String>,
    attempts: u32,
}

impl ApiError {
    fn new(status: StatusCode, headers: HeaderMap, raw: Bytes, attempts: u32) -> Self {
        let (message, help) = match serde_json::from_slice::<serde_json::Value>(&raw) {
            Ok(body) => (
                body.get("message")
                    .and_then(|m| m.as_str())
                    .map(str::to_owned)
                    .unwrap_or_else(|| describe_status(status)),
                body.get("help").and_then(|h| h.as_str()).map(str::to_owned),
            ),
            Err(_) if raw.is_empty() => (
                format!("{} with an empty body", describe_status(status)),
                None,
            ),
            Err(_) => {
                let kind = headers
                    .get(reqwest::header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("unknown content type");
                (
                    format!("{} with a non-JSON body ({kind})", describe_status(status)),
                    None,
                )
            }
        };
        Self {
            status,
            headers,
            raw,
            message,
            help,
            attempts,
        }
    }

    /// Requests sent, retries included; this answer is the last one's.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// ImageKit's `message`, or a description of the answer when the body had none.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// ImageKit's `help` text, when present.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body exactly as received (JSON, HTML from a proxy, or empty).
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// ImageKit's `X-RateLimit-*` headers, when present (always on a 429).
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }

    /// Decodes the body as `T`; for a 207 this reads which items succeeded and which failed.
    ///
    /// ```
    /// # async fn run(ik: imagekitio::ImageKit) {
    /// if let Err(imagekitio::Error::PartialSuccess(e)) = ik.bulk_file_delete(["a", "b"]).await {
    ///     let body: serde_json::Value = e.decode().expect("JSON body");
    ///     println!("deleted: {}", body["successfullyDeletedFileIds"]);
    /// }
    /// # }
    /// ```
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.raw)
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("message", &self.message)
            .field("help", &self.help)
            .field("headers", &self.headers)
            .field("raw", &String::from_utf8_lossy(&self.raw))
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ImageKit answered {}{}: {}",
            self.status,
            after(self.attempts),
            self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        match self.status.as_u16() {
            401 => write!(f, "; check the private key"),
            403 => write!(f, "; check the key's permissions and the account's limits"),
            429 => match self.rate_limit().and_then(|r| r.reset) {
                Some(reset) => write!(f, "; retry after {} ms", reset.as_millis()),
                None => write!(f, "; retry later"),
            },
            _ => Ok(()),
        }
    }
}

fn describe_status(status: StatusCode) -> String {
    format!("HTTP {status}")
}

/// A success status whose body could not be decoded into the documented type.
#[derive(Clone)]
pub struct DecodeError {
    status: StatusCode,
    headers: HeaderMap,
    raw: Bytes,
    reason: String,
    attempts: u32,
}

impl DecodeError {
    pub(crate) fn new(
        status: StatusCode,
        headers: HeaderMap,
        raw: Bytes,
        reason: String,
        attempts: u32,
    ) -> Self {
        Self {
            status,
            headers,
            raw,
            reason,
            attempts,
        }
    }

    /// Requests sent, retries included; this body is the last one's.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The HTTP status (a success status).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body exactly as received.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// Why decoding failed.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("reason", &self.reason)
            .field("headers", &self.headers)
            .field("raw", &String::from_utf8_lossy(&self.raw))
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ImageKit answered {} but the body could not be decoded ({}); the raw body is kept \
             in the error, and this crate may need an update if the API changed",
            self.status, self.reason
        )
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
