//! Verifying ImageKit's signed webhooks and reading them as typed [`Event`]s.
//!
//! ImageKit signs each delivery with the endpoint's webhook secret. Two header forms exist:
//!
//! - [Standard Webhooks](https://www.standardwebhooks.com/) (today's): `webhook-id`,
//!   `webhook-timestamp` (unix seconds) and `webhook-signature` (`v1,<base64>` entries separated
//!   by spaces), each entry an HMAC-SHA256 of `{id}.{timestamp}.{body}`;
//! - the older `x-ik-signature: t=<unix ms or s>,v1=<hex>`, an HMAC-SHA256 of `{t}.{body}`.
//!
//! The secret is used as the bytes it is written with, exactly as given by the dashboard —
//! a `whsec_` prefix included — which is what ImageKit's Node 7 and Python 5 SDKs do.
//! Signatures are compared in constant time; a delivery older or newer than the tolerance
//! (five minutes by default) is refused, so a captured request cannot be replayed later.
//!
//! ```
//! use imagekitio::webhooks::{Event, Verifier};
//! # use hmac::{Hmac, Mac};
//! # use base64::Engine as _;
//! # let body = br#"{"id":"evt_1","type":"file.deleted","created_at":"2025-01-01T00:00:00Z","data":{"fileId":"f1"}}"#;
//! # let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
//! # let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"whsec_test").unwrap();
//! # mac.update(format!("msg_1.{now}.").as_bytes());
//! # mac.update(body);
//! # let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
//! # let mut headers = http::HeaderMap::new();
//! # headers.insert("webhook-id", "msg_1".parse().unwrap());
//! # headers.insert("webhook-timestamp", now.to_string().parse().unwrap());
//! # headers.insert("webhook-signature", format!("v1,{signature}").parse().unwrap());
//! // In the handler: the raw body bytes and the request headers, unchanged.
//! let verifier = Verifier::new("whsec_test")?;
//! match verifier.verify(&headers, body)? {
//!     Event::FileDeleted(event) => println!("deleted {}", event.data.file_id),
//!     other => println!("ignoring {}", other.kind()),
//! }
//! # Ok::<(), imagekitio::Error>(())
//! ```

use std::{
    fmt,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::Sha256;

use crate::error::Error;
pub use crate::error::WebhookError;

/// How far a delivery's timestamp may be from now unless told otherwise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Timestamps above this are milliseconds (it is the year 5138 in seconds).
const MILLISECONDS_FROM: u64 = 100_000_000_000;

/// Checks signed deliveries with one endpoint's webhook secret.
///
/// ```
/// use std::time::Duration;
///
/// let verifier = imagekitio::webhooks::Verifier::new("whsec_your_secret")?
///     .tolerance(Duration::from_secs(60));
/// # Ok::<(), imagekitio::Error>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    /// Keyed once; `None` only if HMAC refused the secret, which it never does (any length
    /// is a valid key), and then every signature mismatches.
    key: Option<Hmac<Sha256>>,
    tolerance: Duration,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secret", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl Verifier {
    /// A verifier for the webhook secret shown in ImageKit's dashboard, used as given (its
    /// raw bytes are the HMAC key, as in ImageKit's Node SDK).
    ///
    /// Fails with [`Error::InvalidInput`] for an empty or blank secret: anyone can sign with
    /// it, so it would accept forged deliveries.
    ///
    /// ```
    /// use imagekitio::webhooks::Verifier;
    ///
    /// let verifier = Verifier::new("whsec_your_secret")?;
    /// assert!(Verifier::new("").is_err());
    /// assert!(Verifier::new(" \n").is_err());
    /// # let _ = verifier; Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, Error> {
        let secret = secret.as_ref();
        if secret.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::invalid(
                "the webhook secret is empty or blank, which would accept deliveries signed \
                 by anyone: pass the secret of this webhook endpoint from ImageKit's dashboard \
                 (Developer options > Webhooks)",
            ));
        }
        Ok(Self {
            key: Hmac::<Sha256>::new_from_slice(secret).ok(),
            tolerance: DEFAULT_TOLERANCE,
        })
    }

    /// How far a delivery's timestamp may be from now, either way; default five minutes.
    ///
    /// ```
    /// let verifier = imagekitio::webhooks::Verifier::new("secret")?
    ///     .tolerance(std::time::Duration::from_secs(30));
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Verifies a delivery against the current time and reads its event.
    ///
    /// `body` must be the raw request body, byte for byte. Fails with [`Error::Webhook`].
    ///
    /// ```
    /// let verifier = imagekitio::webhooks::Verifier::new("secret")?;
    /// let unsigned = verifier.verify(&http::HeaderMap::new(), b"{}");
    /// assert!(matches!(unsigned, Err(imagekitio::Error::Webhook(_))));
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Event, Error> {
        self.verify_at(headers, body, SystemTime::now())
    }

    /// [`Self::verify`] with the time taken as `now`: for tests, and for deliveries stored
    /// before being checked.
    ///
    /// ```
    /// let verifier = imagekitio::webhooks::Verifier::new("secret")?;
    /// let result = verifier.verify_at(&http::HeaderMap::new(), b"{}", std::time::SystemTime::now());
    /// assert!(result.is_err());
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Event, Error> {
        let timestamp = if headers.contains_key("webhook-signature") {
            self.check_standard(headers, body)?
        } else if headers.contains_key("x-ik-signature") {
            self.check_legacy(headers, body)?
        } else {
            return Err(WebhookError::MissingHeader("webhook-signature").into());
        };
        self.check_time(timestamp, now)?;
        Event::parse(body)
    }

    fn mac(&self) -> Result<Hmac<Sha256>, WebhookError> {
        self.key.clone().ok_or(WebhookError::SignatureMismatch)
    }

    /// Standard Webhooks; returns the signed timestamp.
    fn check_standard(&self, headers: &HeaderMap, body: &[u8]) -> Result<u64, WebhookError> {
        let id = header(headers, "webhook-id")?;
        let timestamp_text = header(headers, "webhook-timestamp")?;
        let timestamp = parse_timestamp("webhook-timestamp", timestamp_text)?;
        let signatures = header(headers, "webhook-signature")?;
        let mut mac = self.mac()?;
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp_text.as_bytes());
        mac.update(b".");
        mac.update(body);
        let candidates = signatures
            .split_whitespace()
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok());
        matches_any(&mac, candidates)?;
        Ok(timestamp)
    }

    /// `x-ik-signature: t=..,v1=..`; returns the signed timestamp in seconds.
    fn check_legacy(&self, headers: &HeaderMap, body: &[u8]) -> Result<u64, WebhookError> {
        let value = header(headers, "x-ik-signature")?;
        let mut timestamp_text = None;
        let mut signatures = Vec::new();
        for item in value.split(',').map(str::trim) {
            if let Some(t) = item.strip_prefix("t=") {
                timestamp_text = Some(t);
            } else if let Some(hex) = item.strip_prefix("v1=") {
                signatures.extend(decode_hex(hex));
            }
        }
        let timestamp_text = timestamp_text.ok_or_else(|| WebhookError::MalformedHeader {
            header: "x-ik-signature",
            reason: "it has no `t=` timestamp".into(),
        })?;
        let timestamp = parse_timestamp("x-ik-signature", timestamp_text)?;
        let mut mac = self.mac()?;
        mac.update(timestamp_text.as_bytes());
        mac.update(b".");
        mac.update(body);
        matches_any(&mac, signatures)?;
        Ok(if timestamp >= MILLISECONDS_FROM {
            timestamp / 1000
        } else {
            timestamp
        })
    }

    fn check_time(&self, timestamp: u64, now: SystemTime) -> Result<(), WebhookError> {
        // `webhook-timestamp` is any u64 the sender signed; past what `SystemTime` can hold
        // (2^63 s) adding it would panic, and such a delivery is simply dated in the future.
        let Some(sent) = UNIX_EPOCH.checked_add(Duration::from_secs(timestamp)) else {
            let since_epoch = now.duration_since(UNIX_EPOCH).unwrap_or_default();
            let ahead = Duration::from_secs(timestamp).saturating_sub(since_epoch);
            return if ahead > self.tolerance {
                Err(WebhookError::TooNew {
                    ahead,
                    tolerance: self.tolerance,
                })
            } else {
                Ok(())
            };
        };
        match now.duration_since(sent) {
            Ok(age) if age > self.tolerance => Err(WebhookError::TooOld {
                age,
                tolerance: self.tolerance,
            }),
            Ok(_) => Ok(()),
            Err(ahead) if ahead.duration() > self.tolerance => Err(WebhookError::TooNew {
                ahead: ahead.duration(),
                tolerance: self.tolerance,
            }),
            Err(_) => Ok(()),
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, WebhookError> {
    headers
        .get(name)
        .ok_or(WebhookError::MissingHeader(name))?
        .to_str()
        .map(str::trim)
        .map_err(|_| WebhookError::MalformedHeader {
            header: name,
            reason: "it is not visible ASCII".into(),
        })
}

fn parse_timestamp(header: &'static str, text: &str) -> Result<u64, WebhookError> {
    text.parse::<u64>()
        .map_err(|_| WebhookError::MalformedHeader {
            header,
            reason: format!("the timestamp {text:?} is not a unix time"),
        })
}

/// Whether any candidate equals the MAC, each comparison in constant time.
fn matches_any(
    mac: &Hmac<Sha256>,
    candidates: impl IntoIterator<Item = Vec<u8>>,
) -> Result<(), WebhookError> {
    let mut matched = false;
    for candidate in candidates {
        // Every candidate is checked, so the time taken does not tell which one matched.
        matched |= mac.clone().verify_slice(&candidate).is_ok();
    }
    if matched {
        Ok(())
    } else {
        Err(WebhookError::SignatureMismatch)
    }
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    hex.as_bytes()
        .chunks(2)
        .map(|pair| {
            let text = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(text, 16).ok()
        })
        .collect()
}

/// A webhook event, typed for the twelve event types ImageKit documents.
///
/// An event of a type this version does not know is kept whole in [`Event::Unknown`], so a new
/// event type never breaks a handler.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// `video.transformation.accepted`: a video transformation was queued.
    VideoTransformationAccepted(VideoTransformationEvent),
    /// `video.transformation.ready`: the transformed video can be served.
    VideoTransformationReady(VideoTransformationEvent),
    /// `video.transformation.error`: the video transformation failed.
    VideoTransformationError(VideoTransformationEvent),
    /// `upload.pre-transform.success`: an upload's pre-transformation succeeded.
    UploadPreTransformSuccess(UploadPreTransformSuccessEvent),
    /// `upload.pre-transform.error`: an upload's pre-transformation failed.
    UploadPreTransformError(UploadPreTransformErrorEvent),
    /// `upload.post-transform.success`: a post-transformation is ready.
    UploadPostTransformSuccess(UploadPostTransformSuccessEvent),
    /// `upload.post-transform.error`: a post-transformation failed.
    UploadPostTransformError(UploadPostTransformErrorEvent),
    /// `file.created`.
    FileCreated(FileEvent),
    /// `file.updated`.
    FileUpdated(FileEvent),
    /// `file.deleted`.
    FileDeleted(FileDeletedEvent),
    /// `file-version.created`.
    FileVersionCreated(FileEvent),
    /// `file-version.deleted`.
    FileVersionDeleted(FileVersionDeletedEvent),
    /// Any other event type, as received.
    Unknown(Value),
}

impl Event {
    /// Reads an event from a body **without verifying it**: for bodies verified elsewhere, or
    /// stored after verification.
    ///
    /// ```
    /// use imagekitio::webhooks::Event;
    ///
    /// let event = Event::parse(br#"{"id":"e1","type":"file.deleted","created_at":"2025-01-01T00:00:00Z","data":{"fileId":"f1"}}"#)?;
    /// assert_eq!(event.kind(), "file.deleted");
    /// assert!(matches!(event, Event::FileDeleted(e) if e.data.file_id == "f1"));
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn parse(body: &[u8]) -> Result<Self, Error> {
        let value: Value = serde_json::from_slice(body).map_err(WebhookError::Payload)?;
        let kind = value
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        fn typed<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, WebhookError> {
            serde_json::from_value(value).map_err(WebhookError::Payload)
        }
        let event = match kind {
            "video.transformation.accepted" => Event::VideoTransformationAccepted(typed(value)?),
            "video.transformation.ready" => Event::VideoTransformationReady(typed(value)?),
            "video.transformation.error" => Event::VideoTransformationError(typed(value)?),
            "upload.pre-transform.success" => Event::UploadPreTransformSuccess(typed(value)?),
            "upload.pre-transform.error" => Event::UploadPreTransformError(typed(value)?),
            "upload.post-transform.success" => Event::UploadPostTransformSuccess(typed(value)?),
            "upload.post-transform.error" => Event::UploadPostTransformError(typed(value)?),
            "file.created" => Event::FileCreated(typed(value)?),
            "file.updated" => Event::FileUpdated(typed(value)?),
            "file.deleted" => Event::FileDeleted(typed(value)?),
            "file-version.created" => Event::FileVersionCreated(typed(value)?),
            "file-version.deleted" => Event::FileVersionDeleted(typed(value)?),
            _ => Event::Unknown(value),
        };
        Ok(event)
    }

    /// The event type, as in the `type` field (`file.created`, ...).
    ///
    /// ```
    /// let event = imagekitio::webhooks::Event::parse(br#"{"id":"e1","type":"something.new"}"#)?;
    /// assert_eq!(event.kind(), "something.new");
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn kind(&self) -> &str {
        match self {
            Event::VideoTransformationAccepted(_) => "video.transformation.accepted",
            Event::VideoTransformationReady(_) => "video.transformation.ready",
            Event::VideoTransformationError(_) => "video.transformation.error",
            Event::UploadPreTransformSuccess(_) => "upload.pre-transform.success",
            Event::UploadPreTransformError(_) => "upload.pre-transform.error",
            Event::UploadPostTransformSuccess(_) => "upload.post-transform.success",
            Event::UploadPostTransformError(_) => "upload.post-transform.error",
            Event::FileCreated(_) => "file.created",
            Event::FileUpdated(_) => "file.updated",
            Event::FileDeleted(_) => "file.deleted",
            Event::FileVersionCreated(_) => "file-version.created",
            Event::FileVersionDeleted(_) => "file-version.deleted",
            Event::Unknown(value) => value
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or_default(),
        }
    }

    /// The event's unique id (use it to ignore a delivery seen before).
    ///
    /// ```
    /// let event = imagekitio::webhooks::Event::parse(br#"{"id":"e1","type":"something.new"}"#)?;
    /// assert_eq!(event.id(), Some("e1"));
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn id(&self) -> Option<&str> {
        match self {
            Event::VideoTransformationAccepted(e)
            | Event::VideoTransformationReady(e)
            | Event::VideoTransformationError(e) => Some(&e.id),
            Event::UploadPreTransformSuccess(e) => Some(&e.id),
            Event::UploadPreTransformError(e) => Some(&e.id),
            Event::UploadPostTransformSuccess(e) => Some(&e.id),
            Event::UploadPostTransformError(e) => Some(&e.id),
            Event::FileCreated(e) | Event::FileUpdated(e) | Event::FileVersionCreated(e) => {
                Some(&e.id)
            }
            Event::FileDeleted(e) => Some(&e.id),
            Event::FileVersionDeleted(e) => Some(&e.id),
            Event::Unknown(value) => value.get("id").and_then(Value::as_str),
        }
    }
}

/// A `video.transformation.*` event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoTransformationEvent {
    /// Unique id of the event.
    pub id: String,
    /// When the event was created (ISO 8601).
    pub created_at: String,
    /// The request that asked for the transformation.
    pub request: VideoRequest,
    /// The source video and the transformation.
    pub data: VideoTransformationData,
    /// How long downloading and encoding took (`ready` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings: Option<VideoTimings>,
}

/// The request behind a video transformation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoRequest {
    /// Unique id of the originating request.
    pub x_request_id: String,
    /// The transformation URL requested.
    pub url: String,
    /// The requester's User-Agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
}

/// The source and transformation of a video event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoTransformationData {
    /// The source video.
    pub asset: VideoAsset,
    /// The transformation, with its output (`ready`) or error (`error`).
    pub transformation: VideoTransformation,
}

/// A source video.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoAsset {
    /// Where the source video is.
    pub url: String,
}

/// A video transformation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoTransformation {
    /// `video-transformation`, `gif-to-video` or `video-thumbnail` (kept open).
    #[serde(rename = "type")]
    pub kind: String,
    /// The transformation's options (codecs, format, quality, streaming variants...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Value>,
    /// The transformed video (`ready`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<VideoOutput>,
    /// Why it failed (`error`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<TransformationError>,
}

/// A transformed video.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoOutput {
    /// Where to fetch it.
    pub url: String,
    /// Its duration, size and bitrate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_metadata: Option<VideoMetadata>,
}

/// Properties of a transformed video.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoMetadata {
    /// Duration in seconds.
    pub duration: f64,
    /// Width in pixels.
    pub width: u64,
    /// Height in pixels.
    pub height: u64,
    /// Bits per second.
    pub bitrate: u64,
}

/// Time spent on a video transformation, in milliseconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoTimings {
    /// Downloading the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_duration: Option<u64>,
    /// Encoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding_duration: Option<u64>,
}

/// Why a transformation failed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransformationError {
    /// The reason (`encoding_failed`, `download_failed`, `internal_server_error`, ...).
    pub reason: String,
}

/// The failure of an upload transformation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransformationFailure {
    /// What went wrong.
    pub error: TransformationError,
}

/// The request behind a pre-transformation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PreTransformRequest {
    /// Unique id of the originating request.
    pub x_request_id: String,
    /// The pre-transformation asked for.
    pub transformation: String,
}

/// `upload.pre-transform.success`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UploadPreTransformSuccessEvent {
    /// Unique id of the event.
    pub id: String,
    /// When the event was created (ISO 8601).
    pub created_at: String,
    /// The upload request.
    pub request: PreTransformRequest,
    /// The uploaded file.
    pub data: FileData,
}

/// `upload.pre-transform.error`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UploadPreTransformErrorEvent {
    /// Unique id of the event.
    pub id: String,
    /// When the event was created (ISO 8601).
    pub created_at: String,
    /// The upload request.
    pub request: PreTransformRequest,
    /// The file and the failure.
    pub data: PreTransformErrorData,
}

/// The file whose pre-transformation failed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PreTransformErrorData {
    /// File name.
    pub name: String,
    /// File path.
    pub path: String,
    /// What went wrong.
    pub transformation: TransformationFailure,
}

/// The request behind a post-transformation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostTransformRequest {
    /// Unique id of the originating request.
    pub x_request_id: String,
    /// The post-transformation asked for.
    pub transformation: PostTransformation,
}

/// A post-transformation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostTransformation {
    /// `transformation`, `abs`, `gif-to-video` or `thumbnail` (kept open).
    #[serde(rename = "type")]
    pub kind: String,
    /// The transformation string, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// `hls` or `dash`, for `abs`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
}

/// `upload.post-transform.success`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UploadPostTransformSuccessEvent {
    /// Unique id of the event.
    pub id: String,
    /// When the event was created (ISO 8601).
    pub created_at: String,
    /// The upload request.
    pub request: PostTransformRequest,
    /// The transformed file.
    pub data: PostTransformSuccessData,
}

/// A successful post-transformation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct PostTransformSuccessData {
    /// The uploaded file's id.
    pub file_id: String,
    /// Where the post-transformation is served.
    pub url: String,
    /// File name.
    pub name: String,
}

/// `upload.post-transform.error`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UploadPostTransformErrorEvent {
    /// Unique id of the event.
    pub id: String,
    /// When the event was created (ISO 8601).
    pub created_at: String,
    /// The upload request.
    pub request: PostTransformRequest,
    /// The file and the failure.
    pub data: PostTransformErrorData,
}

/// A failed post-transformation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct PostTransformErrorData {
    /// The uploaded file's id.
    pub file_id: String,
    /// The post-transformation URL attempted.
    pub url: String,
    /// File name.
    pub name: String,
    /// File path.
    pub path: String,
    /// What went wrong.
    pub transformation: TransformationFailure,
}

/// `file.created`, `file.updated`, `file-version.created`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileEvent {
    /// Unique id of the event.
    pub id: String,
    /// When the event was created (ISO 8601).
    pub created_at: String,
    /// The file.
    pub data: FileData,
}

/// A file as webhooks describe it: the common fields typed, every other field kept in `other`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct FileData {
    /// The file's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// File name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Path in the media library (`/folder/a.jpg`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_path: Option<String>,
    /// Public URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `image` or `non-image`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// Size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Every other field, as received (`versionInfo`, `AITags`, `customMetadata`, ...).
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `file.deleted`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileDeletedEvent {
    /// Unique id of the event.
    pub id: String,
    /// When the event was created (ISO 8601).
    pub created_at: String,
    /// The deleted file.
    pub data: DeletedFile,
}

/// A deleted file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct DeletedFile {
    /// Its id.
    pub file_id: String,
}

/// `file-version.deleted`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileVersionDeletedEvent {
    /// Unique id of the event.
    pub id: String,
    /// When the event was created (ISO 8601).
    pub created_at: String,
    /// The deleted version.
    pub data: DeletedFileVersion,
}

/// A deleted file version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct DeletedFileVersion {
    /// The file's id.
    pub file_id: String,
    /// The version's id.
    pub version_id: String,
}
