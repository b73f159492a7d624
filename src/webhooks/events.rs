//! The typed webhook events: one table of ImageKit's event types, and their payloads as the
//! OpenAPI document describes them (`components/schemas/*Event`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, WebhookError};

/// Builds [`Event`] and its `parse`, `kind` and `id` from one list of
/// `"type" => Variant(Payload)`, so an event type is named in one place only. Every payload
/// has an `id` field, which `id()` reads.
macro_rules! events {
    ($($(#[$doc:meta])* $kind:literal => $variant:ident($payload:ty),)*) => {
        /// A webhook event, typed for each event type ImageKit documents.
        ///
        /// An event of a type this version does not know is kept whole in [`Event::Unknown`],
        /// so a new event type never breaks a handler.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Event {
            $(
                #[doc = concat!("`", $kind, "`: ")]
                $(#[$doc])*
                $variant($payload),
            )*
            /// Any other event type, as received.
            Unknown(Value),
        }

        impl Event {
            /// Reads an event from a body **without verifying it**: for bodies verified
            /// elsewhere, or stored after verification.
            ///
            /// A known `type` whose payload does not have the documented shape fails with
            /// [`Error::Webhook`]; an unknown `type` gives [`Event::Unknown`].
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
                let kind = value.get("type").and_then(Value::as_str).unwrap_or_default();
                let event = match kind {
                    $($kind => Event::$variant(typed(value)?),)*
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
                    $(Event::$variant(_) => $kind,)*
                    Event::Unknown(value) => {
                        value.get("type").and_then(Value::as_str).unwrap_or_default()
                    }
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
                    $(Event::$variant(event) => Some(&event.id),)*
                    Event::Unknown(value) => value.get("id").and_then(Value::as_str),
                }
            }
        }
    };
}

events! {
    /// a video transformation was queued.
    "video.transformation.accepted" => VideoTransformationAccepted(VideoTransformationEvent),
    /// the transformed video can be served.
    "video.transformation.ready" => VideoTransformationReady(VideoTransformationEvent),
    /// the video transformation failed.
    "video.transformation.error" => VideoTransformationError(VideoTransformationEvent),
    /// an upload's pre-transformation succeeded.
    "upload.pre-transform.success" => UploadPreTransformSuccess(UploadPreTransformSuccessEvent),
    /// an upload's pre-transformation failed.
    "upload.pre-transform.error" => UploadPreTransformError(UploadPreTransformErrorEvent),
    /// a post-transformation is ready.
    "upload.post-transform.success" => UploadPostTransformSuccess(UploadPostTransformSuccessEvent),
    /// a post-transformation failed.
    "upload.post-transform.error" => UploadPostTransformError(UploadPostTransformErrorEvent),
    /// a file was created.
    "file.created" => FileCreated(FileEvent),
    /// a file was updated.
    "file.updated" => FileUpdated(FileEvent),
    /// a file was deleted.
    "file.deleted" => FileDeleted(FileDeletedEvent),
    /// a file version was created.
    "file-version.created" => FileVersionCreated(FileEvent),
    /// a file version was deleted.
    "file-version.deleted" => FileVersionDeleted(FileVersionDeletedEvent),
}

/// A known event type's payload, or why it does not have the documented shape.
fn typed<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, WebhookError> {
    serde_json::from_value(value).map_err(WebhookError::Payload)
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
