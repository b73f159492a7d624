//! [`Error`]: everything that can go wrong, with the HTTP exchange kept whenever there was one.
// Answers are read, and so these records built, only by the HTTP client (feature `client`).
#![cfg_attr(not(feature = "client"), allow(dead_code, unused_imports))]

use std::{fmt, time::Duration};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::response::{RateLimit, ResponseMetadata};

mod http_client;
mod message;
mod webhook;
pub use http_client::HttpClientError;
pub use webhook::WebhookError;

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
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// 400: missing or invalid parameters.
    BadRequest(Box<ApiError>),
    /// 401: ImageKit could not authenticate the request.
    Unauthorized(Box<ApiError>),
    /// 403: the key is not allowed to do this, the account is disabled, or a limit is exceeded.
    Forbidden(Box<ApiError>),
    /// 404: the file, version, folder, job or other resource does not exist.
    NotFound(Box<ApiError>),
    /// 409: the request conflicts with the current state (for example a folder that exists).
    Conflict(Box<ApiError>),
    /// 429: rate limited; [`ApiError::rate_limit`] says when to try again.
    TooManyRequests(Box<ApiError>),
    /// 5xx: something went wrong on ImageKit's side.
    InternalServer(Box<ApiError>),
    /// 207: the operation succeeded for some items only. [`ApiError::decode`] reads which.
    PartialSuccess(Box<ApiError>),
    /// Any other non-success status.
    Unknown(Box<ApiError>),
    /// A 3xx: the API host, or something between it and this client, redirected the request.
    /// ImageKit's API does not redirect, and following one would turn an upload or a delete
    /// into a read of another origin, or send a request body there, so redirects are never
    /// followed. [`ApiError::location`] says where it pointed.
    Redirect(Box<ApiError>),
    /// The answer's body was larger than the client's limit
    /// ([`crate::ImageKitBuilder::max_response_size`]); it was not read further.
    ResponseTooLarge {
        /// The status of the answer.
        status: StatusCode,
        /// The limit, in bytes.
        limit: u64,
        /// The length the answer announced (`Content-Length`), if it did.
        announced: Option<u64>,
        /// The answer's headers.
        headers: Box<HeaderMap>,
        /// Requests sent, retries included.
        attempts: u32,
    },
    /// The request never got an answer: DNS, connection, TLS or an interrupted transfer.
    Transport {
        /// What failed.
        message: String,
        /// The HTTP client's error, as [`std::error::Error::source`] of this one.
        source: HttpClientError,
        /// Requests sent, retries included.
        attempts: u32,
    },
    /// No answer within the configured timeout.
    Timeout {
        /// What timed out.
        message: String,
        /// The HTTP client's error, as [`std::error::Error::source`] of this one.
        source: HttpClientError,
        /// Requests sent, retries included.
        attempts: u32,
    },
    /// A success status whose body is not what the API describes.
    Decode(Box<DecodeError>),
    /// The request was refused before anything was sent: the message says which input is wrong.
    InvalidInput(String),
    /// A webhook delivery was refused: unsigned, altered, signed with another secret, or
    /// outside the timestamp tolerance. See [`crate::webhooks`].
    Webhook(WebhookError),
    /// The file or reader of an upload could not be read: missing, not a file, unreadable, or
    /// of another length than announced. Nothing was reported as uploaded.
    Io {
        /// The file, or `None` for a reader given to [`crate::UploadSource::from_reader`].
        path: Option<std::path::PathBuf>,
        /// What went wrong.
        source: std::io::Error,
    },
    /// An upload made no progress for the client's timeout: no byte of the body could be sent,
    /// or no answer came after the last one. The upload was abandoned.
    UploadStalled {
        /// Bytes of the file handed to the connection before the stall (in the last attempt).
        sent: u64,
        /// How long nothing happened (the client's timeout).
        idle: Duration,
        /// Uploads attempted, retries included.
        attempts: u32,
    },
    /// The server answered an upload before it had received the whole file: a success then
    /// cannot be trusted to describe the file, so none is reported. A proxy with a body limit
    /// is the usual cause.
    UploadIncomplete {
        /// Bytes of the file handed to the connection before the answer came.
        sent: u64,
        /// The file's length.
        total: u64,
        /// The status of the early answer.
        status: StatusCode,
        /// Uploads attempted, retries included.
        attempts: u32,
    },
}

/// At most this many bytes of a body are shown by `Display` and `Debug` of an error; the
/// error keeps the whole body it read.
const EXCERPT_BYTES: usize = 512;

/// The start of `bytes` as text, cut at a character boundary, saying how much was left out.
pub(crate) fn excerpt(bytes: &[u8]) -> String {
    if bytes.len() <= EXCERPT_BYTES {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut end = EXCERPT_BYTES;
    // Back off to a UTF-8 boundary, at most 3 bytes.
    while end > EXCERPT_BYTES - 4 && bytes.get(end).is_some_and(|b| b & 0xC0 == 0x80) {
        end -= 1;
    }
    let shown = bytes.get(..end).unwrap_or_default();
    format!(
        "{}… ({} more bytes)",
        String::from_utf8_lossy(shown),
        bytes.len() - shown.len()
    )
}

/// The innermost error of a chain: for a failed connection, the operating system's reason.
pub(crate) fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    cause.to_string()
}

/// A generated request type's builder refused a value (`Extension::builder().try_into()`);
/// the message says which field.
///
/// ```
/// fn extension() -> Result<imagekitio::Extension, imagekitio::Error> {
///     Ok(imagekitio::Extension::builder().name("google-auto-tagging").max_tags(Some(5)).try_into()?)
/// }
/// assert_eq!(extension()?.max_tags, Some(5));
/// # Ok::<(), imagekitio::Error>(())
/// ```
#[cfg(feature = "client")]
impl From<crate::api::types::error::ConversionError> for Error {
    fn from(error: crate::api::types::error::ConversionError) -> Self {
        Error::invalid(format!("a request value was refused: {error}"))
    }
}

/// " after 3 attempts" when retries were made, so that a message says the failure persisted.
fn after(attempts: u32) -> String {
    if attempts > 1 {
        format!(" after {attempts} attempts")
    } else {
        String::new()
    }
}

impl Error {
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }

    /// Builds the error for a non-success answer, classifying it by status.
    pub(crate) fn from_response(answer: ResponseMetadata) -> Self {
        let status = answer.status;
        let api = Box::new(ApiError::new(answer));
        match status.as_u16() {
            400 => Error::BadRequest(api),
            401 => Error::Unauthorized(api),
            403 => Error::Forbidden(api),
            404 => Error::NotFound(api),
            409 => Error::Conflict(api),
            429 => Error::TooManyRequests(api),
            207 => Error::PartialSuccess(api),
            300..=399 => Error::Redirect(api),
            500..=599 => Error::InternalServer(api),
            _ => Error::Unknown(api),
        }
    }

    /// The error for a user-supplied HTTP client that followed a redirect from `sent_to` to
    /// `landed_on`: whatever that origin answered is not ImageKit's answer.
    #[cfg(feature = "client")]
    pub(crate) fn redirect_followed(
        status: StatusCode,
        headers: HeaderMap,
        sent_to: &::url::Url,
        landed_on: &::url::Url,
    ) -> Self {
        let message = format!(
            "the HTTP client followed a redirect from {} to {}; ImageKit's API does not \
             redirect, so the answer there is not ImageKit's: build the reqwest::Client given \
             to ImageKitBuilder::http_client with redirect::Policy::none(), and check the base \
             URL and any proxy",
            excerpt(sent_to.as_str().as_bytes()),
            excerpt(landed_on.as_str().as_bytes()),
        );
        Error::Redirect(Box::new(ApiError {
            metadata: ResponseMetadata::new(status, headers, Bytes::new(), 1),
            message,
            help: None,
        }))
    }

    /// The same error, saying it came after `attempts` requests.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        match &mut self {
            Error::ResponseTooLarge { attempts: n, .. } => *n = attempts,
            Error::Redirect(api) => api.metadata.attempts = attempts,
            _ => {}
        }
        self
    }

    #[cfg(feature = "client")]
    pub(crate) fn from_reqwest(source: reqwest::Error, attempts: u32) -> Self {
        // reqwest's own text names the URL only; the reason (refused, DNS, TLS) is deeper.
        let cause = root_cause(&source);
        let top = source.to_string();
        let source = HttpClientError(source);
        let message = if top.contains(&cause) {
            top
        } else {
            format!("{top}: {cause}")
        };
        if source.0.is_timeout() {
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
            | Error::UploadStalled { attempts, .. }
            | Error::UploadIncomplete { attempts, .. }
            | Error::ResponseTooLarge { attempts, .. } => *attempts,
            Error::Decode(d) => d.attempts(),
            Error::InvalidInput(_) | Error::Webhook(_) | Error::Io { .. } => 0,
            _ => self.api_error().map_or(0, ApiError::attempts),
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
            | Error::Unknown(e)
            | Error::Redirect(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status of the answer, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Decode(d) => Some(d.status()),
            Error::ResponseTooLarge { status, .. } | Error::UploadIncomplete { status, .. } => {
                Some(*status)
            }
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
    /// an upload answered before it was complete, 408, 423, 429 and 5xx.
    ///
    /// The client has already retried what was safe to retry ([`Error::attempts`] says how
    /// often); this tells an application whether a later retry of its own, or one of an
    /// operation the client would not repeat by itself, may help.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::TooManyRequests(_) | Error::InternalServer(_) => true,
            Error::UploadStalled { .. } | Error::UploadIncomplete { .. } => true,
            #[cfg(feature = "client")]
            Error::Transport { source, .. } => !source.0.is_builder(),
            // 423: ImageKit is running another bulk job on the folder; it says to retry later.
            Error::Unknown(e) => {
                matches!(e.status(), StatusCode::REQUEST_TIMEOUT | StatusCode::LOCKED)
            }
            _ => false,
        }
    }
}

/// An answer from ImageKit with a non-success status (or 207), kept whole in its
/// [`ResponseMetadata`], with ImageKit's `message` and `help` read from it.
#[derive(Clone)]
pub struct ApiError {
    metadata: ResponseMetadata,
    message: String,
    help: Option<String>,
}

impl ApiError {
    fn new(metadata: ResponseMetadata) -> Self {
        let ResponseMetadata {
            status,
            ref headers,
            ref raw,
            ..
        } = metadata;
        let (message, help) = match serde_json::from_slice::<serde_json::Value>(raw) {
            Ok(body) => (
                body.get("message")
                    .and_then(|m| m.as_str())
                    .map(str::to_owned)
                    .unwrap_or_else(|| describe_status(status)),
                body.get("help").and_then(|h| h.as_str()).map(str::to_owned),
            ),
            _ if status.is_redirection() => {
                let location = headers
                    .get(http::header::LOCATION)
                    .map(|l| excerpt(l.as_bytes()));
                (
                    format!(
                        "{} redirecting to {}; ImageKit's API does not redirect, so it was not \
                         followed: check the base URL and any proxy in between",
                        describe_status(status),
                        location
                            .as_deref()
                            .unwrap_or("nowhere (no Location header)")
                    ),
                    None,
                )
            }
            Err(_) if raw.is_empty() && status == StatusCode::NOT_FOUND => (
                format!(
                    "{} with an empty body: ImageKit names what it did not find, so an empty \
                     404 usually means a wrong base URL (api_base_url, upload_base_url) or a \
                     proxy in between",
                    describe_status(status)
                ),
                None,
            ),
            Err(_) if raw.is_empty() => (
                format!("{} with an empty body", describe_status(status)),
                None,
            ),
            Err(_) => {
                let kind = headers
                    .get(http::header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("unknown content type");
                (
                    format!(
                        "{} with a non-JSON body ({kind}): {}",
                        describe_status(status),
                        excerpt(raw)
                    ),
                    None,
                )
            }
        };
        Self {
            metadata,
            message,
            help,
        }
    }

    /// The answer: status, headers, raw body and attempts.
    ///
    /// ```
    /// # fn show(e: &imagekitio::ApiError) {
    /// assert_eq!(e.metadata().http_status_code(), e.status());
    /// # }
    /// ```
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }

    /// Requests sent, retries included; this answer is the last one's.
    pub fn attempts(&self) -> u32 {
        self.metadata.attempts
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.metadata.status
    }

    /// ImageKit's `message`, or a description of the answer when the body had none.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// ImageKit's `help` text, when present.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// Where a redirect ([`Error::Redirect`]) pointed: its `Location` header.
    ///
    /// ```
    /// # fn show(e: &imagekitio::ApiError) {
    /// if let Some(target) = e.location() {
    ///     eprintln!("refused a redirect to {target}");
    /// }
    /// # }
    /// ```
    pub fn location(&self) -> Option<&str> {
        self.headers()
            .get(http::header::LOCATION)
            .and_then(|l| l.to_str().ok())
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.metadata.headers
    }

    /// The body exactly as received (JSON, HTML from a proxy, or empty).
    pub fn raw(&self) -> &[u8] {
        &self.metadata.raw
    }

    /// ImageKit's `X-RateLimit-*` headers, when present (always on a 429).
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.metadata.rate_limit()
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
        serde_json::from_slice(self.raw())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("message", &excerpt(self.message.as_bytes()))
            .field("help", &self.help)
            .field("metadata", &self.metadata)
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ImageKit answered {}{}: {}",
            self.status(),
            after(self.attempts()),
            excerpt(self.message.as_bytes())
        )?;
        if let Some(help) = &self.help {
            write!(f, " ({})", excerpt(help.as_bytes()))?;
        }
        match self.status().as_u16() {
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

/// A success status whose body could not be decoded into the documented type; the answer is
/// kept whole in its [`ResponseMetadata`].
#[derive(Clone)]
pub struct DecodeError {
    metadata: ResponseMetadata,
    reason: String,
}

impl DecodeError {
    pub(crate) fn new(metadata: ResponseMetadata, reason: String) -> Self {
        Self { metadata, reason }
    }

    /// The answer: status, headers, raw body and attempts.
    ///
    /// ```
    /// # fn show(e: &imagekitio::DecodeError) {
    /// assert_eq!(e.metadata().raw(), e.raw());
    /// # }
    /// ```
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }

    /// Requests sent, retries included; this body is the last one's.
    pub fn attempts(&self) -> u32 {
        self.metadata.attempts
    }

    /// The HTTP status (a success status).
    pub fn status(&self) -> StatusCode {
        self.metadata.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.metadata.headers
    }

    /// The body exactly as received.
    pub fn raw(&self) -> &[u8] {
        &self.metadata.raw
    }

    /// Why decoding failed.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("reason", &excerpt(self.reason.as_bytes()))
            .field("metadata", &self.metadata)
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ImageKit answered {} but the body could not be decoded ({}); the raw body is kept \
             in the error ({}), and this crate may need an update if the API changed",
            self.status(),
            excerpt(self.reason.as_bytes()),
            excerpt(self.raw())
        )
    }
}
