//! Uploads: [`ImageKit::upload_file`] and [`ImageKit::upload_file_v2`], a streamed
//! `multipart/form-data` request written by hand (progenitor cannot generate multipart) on top
//! of the generated request and response types, so that `openapi/imagekit.yaml` stays the
//! source of every field name.

use std::{
    fmt, io,
    path::{Path, PathBuf},
    pin::{Pin, pin},
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use bytes::{Bytes, BytesMut};
use futures::{
    Stream,
    future::{self, Either},
};
use reqwest::multipart::{Form, Part};
use serde_json::{Map, Value};
use tokio::{
    io::{AsyncRead, AsyncReadExt},
    time::Instant,
};

mod response_field;
pub use response_field::UploadResponseField;

use crate::{
    ImageKit,
    api::types,
    error::Error,
    response::Response,
    retry::{self, Outcome, Repeat},
    transport::Credentials,
};

/// Largest piece of the file read and handed to the connection at once: with the connection's
/// own buffers, this bounds the memory an upload needs whatever the file's size.
const CHUNK: usize = 64 * 1024;

/// The multipart field that carries the file itself; every other field name comes from the
/// serialized generated request type.
const FILE_FIELD: &str = "file";

/// Stands in for "no overall limit" on the request: the stall watchdog enforces the real one,
/// and a finite value keeps every deadline computation far from overflow.
const NO_TOTAL_LIMIT: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// What to upload: a file on disk, bytes in memory, any async reader, a URL for ImageKit to
/// fetch, or base64 text.
///
/// Files and readers are streamed: memory does not grow with their size.
///
/// ```no_run
/// use imagekitio::UploadSource;
/// # async fn run() -> Result<(), imagekitio::Error> {
/// let from_disk = UploadSource::from_path("video.mp4").await?;
/// let from_memory = UploadSource::from_bytes(vec![0x89, b'P', b'N', b'G']);
/// let from_web = UploadSource::from_url("https://www.example.com/path/to-image.jpg");
/// let from_text = UploadSource::from_base64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
/// # Ok(()) }
/// ```
pub struct UploadSource {
    kind: SourceKind,
}

enum SourceKind {
    File {
        path: PathBuf,
        file: tokio::fs::File,
        length: Option<u64>,
    },
    Bytes(Bytes),
    Reader {
        reader: Pin<Box<dyn AsyncRead + Send>>,
        length: Option<u64>,
    },
    Url(String),
    Base64(String),
}

impl UploadSource {
    /// Opens a file to upload; its content is read piece by piece while the request is sent.
    ///
    /// Fails with [`Error::Io`] naming the path when the file is missing, is a directory, or
    /// cannot be opened.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// use imagekitio::{UploadOptions, UploadSource};
    ///
    /// let source = UploadSource::from_path("sample.jpg").await?;
    /// let file = ik.upload_file(source, "test-file.jpg", UploadOptions::new()).await?;
    /// println!("{:?}", file.file_id);
    /// # Ok(()) }
    /// ```
    pub async fn from_path(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref().to_path_buf();
        let failed = |source: io::Error| Error::Io {
            path: Some(path.clone()),
            source,
        };
        let file = tokio::fs::File::open(&path).await.map_err(failed)?;
        let metadata = file.metadata().await.map_err(failed)?;
        if metadata.is_dir() {
            return Err(failed(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory, not a file",
            )));
        }
        // Pipes and devices have no meaningful size: they are sent without a length.
        let length = metadata.is_file().then_some(metadata.len());
        Ok(Self {
            kind: SourceKind::File { path, file, length },
        })
    }

    /// Bytes already in memory (they are sent without being copied).
    ///
    /// ```
    /// let source = imagekitio::UploadSource::from_bytes(std::fs::read("Cargo.toml")?);
    /// assert!(source.known_length().is_some());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        Self {
            kind: SourceKind::Bytes(bytes.into()),
        }
    }

    /// Any async reader, read to its end while the request is sent; the length is unknown, so
    /// the body goes out with chunked transfer encoding.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// use imagekitio::{UploadOptions, UploadSource};
    ///
    /// // Any `AsyncRead`: a socket, a decompressor, a pipe from another process...
    /// let reader = tokio::fs::File::open("/dev/stdin")
    ///     .await
    ///     .map_err(|source| imagekitio::Error::Io { path: None, source })?;
    /// let file = ik
    ///     .upload_file(UploadSource::from_reader(reader), "from-stdin.png", UploadOptions::new())
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn from_reader(reader: impl AsyncRead + Send + 'static) -> Self {
        Self {
            kind: SourceKind::Reader {
                reader: Box::pin(reader),
                length: None,
            },
        }
    }

    /// An async reader that yields exactly `length` bytes; the request then has a
    /// `Content-Length` and progress reports a total. A reader that ends early or yields more
    /// fails the upload with [`Error::Io`].
    ///
    /// ```
    /// let data: &'static [u8] = b"GIF89a...";
    /// let source = imagekitio::UploadSource::from_reader_with_length(data, data.len() as u64);
    /// assert_eq!(source.known_length(), Some(9));
    /// ```
    pub fn from_reader_with_length(reader: impl AsyncRead + Send + 'static, length: u64) -> Self {
        Self {
            kind: SourceKind::Reader {
                reader: Box::pin(reader),
                length: Some(length),
            },
        }
    }

    /// A public `http(s)` URL that ImageKit fetches itself (it must start answering within
    /// 8 seconds). Checked when uploading.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// use imagekitio::{UploadOptions, UploadResponseField, UploadSource};
    ///
    /// let url = "https://file-examples.com/wp-content/uploads/2017/10/file_example_JPG_100kB.jpg";
    /// let options = UploadOptions::new()
    ///     .response_fields([UploadResponseField::IsPrivateFile, UploadResponseField::Tags])
    ///     .tags(["tag1", "tag2"]);
    /// let upload = ik.upload_file(UploadSource::from_url(url), "test-url.jpg", options).await?;
    /// println!("{}", String::from_utf8_lossy(upload.metadata().raw()));
    /// # Ok(()) }
    /// ```
    pub fn from_url(url: impl Into<String>) -> Self {
        Self {
            kind: SourceKind::Url(url.into()),
        }
    }

    /// The file as base64 text, plain or as a `data:` URI, sent as given.
    ///
    /// ```
    /// use base64::Engine as _;
    ///
    /// let text = base64::engine::general_purpose::STANDARD.encode(b"GIF89a...");
    /// let source = imagekitio::UploadSource::from_base64(text);
    /// # let _ = source;
    /// ```
    pub fn from_base64(data: impl Into<String>) -> Self {
        Self {
            kind: SourceKind::Base64(data.into()),
        }
    }

    /// The number of bytes the `file` field will carry, when known before sending.
    ///
    /// ```
    /// let source = imagekitio::UploadSource::from_url("https://www.example.com/a.jpg");
    /// assert_eq!(source.known_length(), Some(29));
    /// ```
    pub fn known_length(&self) -> Option<u64> {
        match &self.kind {
            SourceKind::File { length, .. } | SourceKind::Reader { length, .. } => *length,
            SourceKind::Bytes(bytes) => Some(bytes.len() as u64),
            SourceKind::Url(text) | SourceKind::Base64(text) => Some(text.len() as u64),
        }
    }
}

impl fmt::Debug for UploadSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            SourceKind::File { path, length, .. } => f
                .debug_struct("UploadSource::File")
                .field("path", path)
                .field("length", length)
                .finish(),
            SourceKind::Bytes(bytes) => f
                .debug_struct("UploadSource::Bytes")
                .field("length", &bytes.len())
                .finish(),
            SourceKind::Reader { length, .. } => f
                .debug_struct("UploadSource::Reader")
                .field("length", length)
                .finish_non_exhaustive(),
            SourceKind::Url(url) => f.debug_tuple("UploadSource::Url").field(url).finish(),
            SourceKind::Base64(text) => f
                .debug_struct("UploadSource::Base64")
                .field("length", &text.len())
                .finish(),
        }
    }
}

impl From<Vec<u8>> for UploadSource {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from_bytes(bytes)
    }
}

impl From<Bytes> for UploadSource {
    fn from(bytes: Bytes) -> Self {
        Self::from_bytes(bytes)
    }
}

impl From<&'static [u8]> for UploadSource {
    fn from(bytes: &'static [u8]) -> Self {
        Self::from_bytes(bytes)
    }
}

impl From<reqwest::Url> for UploadSource {
    fn from(url: reqwest::Url) -> Self {
        Self::from_url(url.as_str())
    }
}

/// How far an upload is: bytes of the file handed to the connection, and the total when known.
///
/// ```
/// # fn draw(progress: imagekitio::Progress) {
/// match progress.fraction() {
///     Some(done) => println!("{:.0}%", done * 100.0),
///     None => println!("{} bytes", progress.sent),
/// }
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Bytes of the file sent so far.
    pub sent: u64,
    /// The file's size, when known: always for paths, bytes, URLs and base64; for a reader
    /// only with [`UploadSource::from_reader_with_length`], or once it has ended.
    pub total: Option<u64>,
}

impl Progress {
    /// `sent / total` between 0 and 1, when the total is known (1 for an empty file).
    ///
    /// ```
    /// # fn show(p: imagekitio::Progress) { let _ =
    /// p.fraction().unwrap_or(0.0)
    /// # ; }
    /// ```
    pub fn fraction(&self) -> Option<f64> {
        self.total.map(|total| {
            if total == 0 {
                1.0
            } else {
                (self.sent as f64 / total as f64).min(1.0)
            }
        })
    }
}

#[derive(Clone)]
struct ProgressCallback(Arc<dyn Fn(Progress) + Send + Sync>);

/// Everything an upload can set besides the file and its name; every field is optional.
///
/// Names follow the Python SDK's `UploadFileRequestOptions`; each maps to the upload API field
/// of the same name in camelCase. The same options serve [`ImageKit::upload_file`] (V1) and
/// [`ImageKit::upload_file_v2`] (V2), except the V1-only client-side fields `public_key`,
/// `signature` and `expire`.
///
/// ```
/// use imagekitio::{Extension, UploadOptions, UploadResponseField};
/// use serde_json::json;
///
/// let options = UploadOptions::new()
///     .use_unique_file_name(false)
///     .tags(["abc", "def"])
///     .folder("/testing-python-folder/")
///     .is_private_file(false)
///     .custom_coordinates("10,10,20,20")
///     .response_fields([UploadResponseField::Tags, UploadResponseField::CustomCoordinates])
///     .extensions([
///         serde_json::from_value::<Extension>(json!(
///             {"name": "remove-bg", "options": {"add_shadow": true, "bg_color": "pink"}}
///         ))?,
///         serde_json::from_value::<Extension>(json!(
///             {"name": "google-auto-tagging", "minConfidence": 80, "maxTags": 10}
///         ))?,
///     ])
///     .webhook_url("https://webhook.site/c78d617f-33bc-40d9-9e61-608999721e2e")
///     .overwrite_file(true)
///     .overwrite_ai_tags(false)
///     .overwrite_tags(false)
///     .overwrite_custom_metadata(true)
///     .custom_metadata_field("testss", 12);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Default)]
#[must_use]
pub struct UploadOptions {
    use_unique_file_name: Option<bool>,
    tags: Vec<String>,
    folder: Option<String>,
    is_private_file: Option<bool>,
    is_published: Option<bool>,
    custom_coordinates: Option<String>,
    response_fields: Vec<crate::UploadResponseField>,
    extensions: Vec<types::Extension>,
    webhook_url: Option<String>,
    overwrite_file: Option<bool>,
    overwrite_ai_tags: Option<bool>,
    overwrite_tags: Option<bool>,
    overwrite_custom_metadata: Option<bool>,
    custom_metadata: Option<Map<String, Value>>,
    description: Option<String>,
    transformation: Option<types::UploadTransformation>,
    checks: Option<String>,
    public_key: Option<String>,
    signature: Option<String>,
    expire: Option<u64>,
    token: Option<String>,
    on_progress: Option<ProgressCallback>,
    retryable: bool,
}

impl UploadOptions {
    /// No options: ImageKit's defaults for everything.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new();
    /// # let _ = options;
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// `useUniqueFileName`: add a unique suffix to the name (ImageKit's default: true).
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().use_unique_file_name(false);
    /// # let _ = options;
    /// ```
    pub fn use_unique_file_name(mut self, value: bool) -> Self {
        self.use_unique_file_name = Some(value);
        self
    }

    /// `tags`: sent comma-separated, so a tag may not contain a comma (nor `%`); 500
    /// characters in all.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().tags(["t-shirt", "round-neck"]);
    /// # let _ = options;
    /// ```
    pub fn tags(mut self, tags: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.tags = tags.into_iter().map(Into::into).collect();
        self
    }

    /// `folder`: where to store the file, created if missing (default `/`).
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().folder("/products/shirts");
    /// # let _ = options;
    /// ```
    pub fn folder(mut self, folder: impl Into<String>) -> Self {
        self.folder = Some(folder.into());
        self
    }

    /// `isPrivateFile`: serve only through signed URLs and named transformations.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().is_private_file(true);
    /// # let _ = options;
    /// ```
    pub fn is_private_file(mut self, value: bool) -> Self {
        self.is_private_file = Some(value);
        self
    }

    /// `isPublished`: `false` uploads a draft (enterprise plans).
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().is_published(false);
    /// # let _ = options;
    /// ```
    pub fn is_published(mut self, value: bool) -> Self {
        self.is_published = Some(value);
        self
    }

    /// `customCoordinates`: the area of interest as `x,y,width,height`.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().custom_coordinates("10,10,100,100");
    /// # let _ = options;
    /// ```
    pub fn custom_coordinates(mut self, value: impl Into<String>) -> Self {
        self.custom_coordinates = Some(value.into());
        self
    }

    /// `responseFields`: extra fields to include in the answer.
    ///
    /// ```
    /// use imagekitio::UploadResponseField;
    ///
    /// let options = imagekitio::UploadOptions::new()
    ///     .response_fields([UploadResponseField::EmbeddedMetadata, UploadResponseField::CustomMetadata]);
    /// # let _ = options;
    /// ```
    pub fn response_fields(
        mut self,
        fields: impl IntoIterator<Item = crate::UploadResponseField>,
    ) -> Self {
        self.response_fields = fields.into_iter().collect();
        self
    }

    /// `extensions`: remove-bg, google/aws auto tagging, AI auto description, AI tasks, or a
    /// saved extension by id. Replaces any set before.
    ///
    /// ```
    /// use imagekitio::Extension;
    ///
    /// let options = imagekitio::UploadOptions::new()
    ///     .extensions([Extension::ai_auto_description(), Extension::saved("ext_abc123")]);
    /// # let _ = options;
    /// ```
    pub fn extensions(mut self, extensions: impl IntoIterator<Item = types::Extension>) -> Self {
        self.extensions = extensions.into_iter().collect();
        self
    }

    /// Adds one extension to `extensions`.
    ///
    /// ```
    /// use imagekitio::Extension;
    ///
    /// use imagekitio::TaggingProvider;
    ///
    /// let options = imagekitio::UploadOptions::new()
    ///     .extension(Extension::auto_tagging(TaggingProvider::Aws, 5, 90));
    /// # let _ = options;
    /// ```
    pub fn extension(mut self, extension: types::Extension) -> Self {
        self.extensions.push(extension);
        self
    }

    /// `webhookUrl`: where ImageKit posts the final status of the extensions.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().webhook_url("https://example.com/hooks/imagekit");
    /// # let _ = options;
    /// ```
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }

    /// `overwriteFile`: with `use_unique_file_name(false)`, `false` fails instead of replacing
    /// an existing file.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().use_unique_file_name(false).overwrite_file(false);
    /// # let _ = options;
    /// ```
    pub fn overwrite_file(mut self, value: bool) -> Self {
        self.overwrite_file = Some(value);
        self
    }

    /// `overwriteAITags`: when replacing a file, drop its AI tags.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().overwrite_ai_tags(false);
    /// # let _ = options;
    /// ```
    pub fn overwrite_ai_tags(mut self, value: bool) -> Self {
        self.overwrite_ai_tags = Some(value);
        self
    }

    /// `overwriteTags`: when replacing a file without `tags`, drop its tags.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().overwrite_tags(false);
    /// # let _ = options;
    /// ```
    pub fn overwrite_tags(mut self, value: bool) -> Self {
        self.overwrite_tags = Some(value);
        self
    }

    /// `overwriteCustomMetadata`: when replacing a file without `customMetadata`, drop its
    /// values.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().overwrite_custom_metadata(false);
    /// # let _ = options;
    /// ```
    pub fn overwrite_custom_metadata(mut self, value: bool) -> Self {
        self.overwrite_custom_metadata = Some(value);
        self
    }

    /// `customMetadata`: values of custom metadata fields (create the fields first). Replaces
    /// any set before.
    ///
    /// ```
    /// let mut values = serde_json::Map::new();
    /// values.insert("brand".into(), "Nike".into());
    /// values.insert("price".into(), 99.into());
    /// let options = imagekitio::UploadOptions::new().custom_metadata(values);
    /// # let _ = options;
    /// ```
    pub fn custom_metadata(mut self, values: impl Into<types::CustomMetadata>) -> Self {
        self.custom_metadata = Some(values.into().0);
        self
    }

    /// Sets one `customMetadata` value.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new()
    ///     .custom_metadata_field("brand", "Nike")
    ///     .custom_metadata_field("color", "red");
    /// # let _ = options;
    /// ```
    pub fn custom_metadata_field(
        mut self,
        name: impl Into<String>,
        value: impl Into<Value>,
    ) -> Self {
        self.custom_metadata
            .get_or_insert_with(Map::new)
            .insert(name.into(), value.into());
        self
    }

    /// `description`: text describing the file.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().description("Running shoes");
    /// # let _ = options;
    /// ```
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// `transformation`: `pre` (applied before storing) and `post` (generated after upload).
    /// Replaces any set before.
    ///
    /// ```
    /// let transformation = serde_json::from_value(serde_json::json!({
    ///     "pre": "w-300,h-300,q-80",
    ///     "post": [{"type": "thumbnail", "value": "w-150,h-150"}]
    /// }))?;
    /// let options = imagekitio::UploadOptions::new().transformation(transformation);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn transformation(mut self, transformation: types::UploadTransformation) -> Self {
        self.transformation = Some(transformation);
        self
    }

    /// Sets `transformation.pre`, applied before the file is stored (a video answers 202 and
    /// finishes in the background).
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().pre_transformation("w-300,h-300,q-80");
    /// # let _ = options;
    /// ```
    pub fn pre_transformation(mut self, transformation: impl Into<String>) -> Self {
        self.transformation.get_or_insert_with(Default::default).pre = Some(transformation.into());
        self
    }

    /// Adds one `transformation.post` step: a transformation, `gif-to-video`, a thumbnail, or
    /// adaptive bitrate streaming (`abs`).
    ///
    /// ```
    /// use imagekitio::api::types::{UploadPostTransformation, UploadPostTransformationProtocol, UploadPostTransformationType};
    ///
    /// let options = imagekitio::UploadOptions::new().post_transformation(UploadPostTransformation {
    ///     type_: UploadPostTransformationType::Abs,
    ///     value: Some("sr-240_360_480_720_1080".into()),
    ///     protocol: Some(UploadPostTransformationProtocol::Hls),
    /// });
    /// # let _ = options;
    /// ```
    pub fn post_transformation(mut self, step: types::UploadPostTransformation) -> Self {
        self.transformation
            .get_or_insert_with(Default::default)
            .post
            .push(step);
        self
    }

    /// `checks`: server-side conditions the upload must meet.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().checks(r#""file.size" < "1mb""#);
    /// # let _ = options;
    /// ```
    pub fn checks(mut self, checks: impl Into<String>) -> Self {
        self.checks = Some(checks.into());
        self
    }

    /// V1 client-side authentication: `publicKey` (defaults to the client's public key when
    /// `signature` is set).
    ///
    /// Setting any of `public_key`, `signature`, `expire` or `token` on a V1 upload sends those
    /// instead of the private key, which the request then does not carry.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().public_key("public_Xyz=");
    /// # let _ = options;
    /// ```
    pub fn public_key(mut self, key: impl Into<String>) -> Self {
        self.public_key = Some(key.into());
        self
    }

    /// V1 client-side authentication: `signature`, the lowercase hex HMAC-SHA1 of
    /// `token + expire` made on a server with the private key.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new()
    ///     .token("1bab386f-45ea-49e1-9f0d-6afe49a5b250")
    ///     .expire(1_700_000_000)
    ///     .signature("8a5bd8ef1bbd1c2ff9e5ca8d8f2c7d6f2b5ea1a4");
    /// # let _ = options;
    /// ```
    pub fn signature(mut self, signature: impl Into<String>) -> Self {
        self.signature = Some(signature.into());
        self
    }

    /// V1 client-side authentication: `expire`, the Unix time (seconds, under an hour ahead)
    /// until which the signature is valid.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().expire(1_700_000_000);
    /// # let _ = options;
    /// ```
    pub fn expire(mut self, unix_seconds: u64) -> Self {
        self.expire = Some(unix_seconds);
        self
    }

    /// Client-side authentication: `token`. For V1 a single-use unique value (signed with
    /// `expire`); for V2 the JWT signed over the upload's fields.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().token("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...");
    /// # let _ = options;
    /// ```
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// V1 client-side authentication from [`ImageKit::get_authentication_parameters`]:
    /// `token`, `expire` and `signature` at once (`publicKey` comes from the client unless set).
    ///
    /// ```
    /// # fn run(ik: imagekitio::ImageKit) {
    /// let params = ik.get_authentication_parameters(None, None);
    /// let options = imagekitio::UploadOptions::new().authentication(params);
    /// # let _ = options; }
    /// ```
    pub fn authentication(mut self, params: crate::AuthenticationParameters) -> Self {
        self.token = Some(params.token);
        self.expire = Some(params.expire);
        self.signature = Some(params.signature);
        self
    }

    /// Calls `callback` each time a piece of the file (up to 64 KiB) is handed to the
    /// connection, with the bytes sent so far and the total when known.
    ///
    /// The callback runs on the task sending the request: keep it quick (update a counter,
    /// redraw a bar, send on a channel) and never block in it.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().on_progress(|p| {
    ///     eprint!("\r{} / {:?} bytes", p.sent, p.total);
    /// });
    /// # let _ = options;
    /// ```
    pub fn on_progress(mut self, callback: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.on_progress = Some(ProgressCallback(Arc::new(callback)));
        self
    }

    /// Lets the client's retries repeat this upload after a failure where ImageKit may have
    /// received it (a 5xx, a timeout, a connection lost while sending). Off by default: then
    /// an upload is repeated only when it provably had no effect (no connection, a 429, or
    /// `x-should-retry: true`), because a repeat could store the file twice.
    ///
    /// Set it when a repeat is harmless, e.g. with a fixed name and `overwrite_file(true)`.
    /// An upload from a reader is repeated only if no byte of it was read.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new()
    ///     .use_unique_file_name(false)
    ///     .overwrite_file(true)
    ///     .retryable(true);
    /// # let _ = options;
    /// ```
    pub fn retryable(mut self, value: bool) -> Self {
        self.retryable = value;
        self
    }
}

impl fmt::Debug for UploadOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadOptions")
            .field("use_unique_file_name", &self.use_unique_file_name)
            .field("tags", &self.tags)
            .field("folder", &self.folder)
            .field("is_private_file", &self.is_private_file)
            .field("is_published", &self.is_published)
            .field("custom_coordinates", &self.custom_coordinates)
            .field("response_fields", &self.response_fields)
            .field("extensions", &self.extensions)
            .field("webhook_url", &self.webhook_url)
            .field("overwrite_file", &self.overwrite_file)
            .field("overwrite_ai_tags", &self.overwrite_ai_tags)
            .field("overwrite_tags", &self.overwrite_tags)
            .field("overwrite_custom_metadata", &self.overwrite_custom_metadata)
            .field("custom_metadata", &self.custom_metadata)
            .field("description", &self.description)
            .field("transformation", &self.transformation)
            .field("checks", &self.checks)
            .field("public_key", &self.public_key)
            .field("signature", &self.signature.as_ref().map(|_| "<set>"))
            .field("expire", &self.expire)
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field(
                "on_progress",
                &self.on_progress.as_ref().map(|_| "<callback>"),
            )
            .field("retryable", &self.retryable)
            .finish()
    }
}

/// Which upload endpoint, and so which generated request type names the fields.
#[derive(Clone, Copy, Debug)]
enum Version {
    V1,
    V2,
}

impl Version {
    /// The operationId in `openapi/imagekit.yaml`.
    fn operation(self) -> &'static str {
        match self {
            Version::V1 => "upload_file",
            Version::V2 => "upload_file_v2",
        }
    }

    fn path(self) -> &'static str {
        match self {
            Version::V1 => "/api/v1/files/upload",
            Version::V2 => "/api/v2/files/upload",
        }
    }
}

impl ImageKit {
    /// Uploads a file to the media library (`POST upload.imagekit.io/api/v1/files/upload`).
    ///
    /// `source` is anything that converts into an [`UploadSource`]: a file opened with
    /// [`UploadSource::from_path`] (streamed from disk), bytes, an async reader, a URL or
    /// base64 text. `file_name` is the name to store (must not be empty).
    ///
    /// **Outcome.** A stored file is `Ok` with status 200. A **202** (a video pre-transformation
    /// was queued) is also `Ok`, but nothing is stored yet: [`Response::is_accepted`] is true,
    /// `message` says what was queued, `file_id` and `url` are `None`, and the result arrives
    /// later at `webhook_url`. Any other status is an [`Error`] (400 with ImageKit's
    /// `message`, 413 and other statuses kept whole); a connection lost while sending, a file
    /// that cannot be read, or one whose size changes while sending is an error too, never a
    /// success.
    ///
    /// **Timeouts.** A large upload may take far longer than the client's timeout (default
    /// 60 s), so for uploads that timeout is a stall limit instead: the upload fails with
    /// [`Error::UploadStalled`] when no piece of the file could be sent for that long, or when
    /// no answer comes that long after the last piece. To cap the whole upload, wrap the call
    /// in `tokio::time::timeout`.
    ///
    /// **Retries.** An upload that provably had no effect (no connection, a 429, or the
    /// server's `x-should-retry: true`) is sent again like any call. One that may have reached
    /// ImageKit (a 5xx, a lost connection) is sent again only with
    /// [`UploadOptions::retryable`], since a repeat could store the file twice.
    ///
    /// **Authentication.** The private key, as for every call; with the client-side fields of
    /// [`UploadOptions`] (`signature`, `expire`, `token`, `public_key`), those instead.
    ///
    /// ```no_run
    /// use imagekitio::{ImageKit, UploadOptions, UploadSource};
    /// # async fn run() -> Result<(), imagekitio::Error> {
    /// let ik = ImageKit::from_env()?;
    /// let options = UploadOptions::new()
    ///     .folder("/testing-folder/")
    ///     .tags(["tag-1", "tag-2"])
    ///     .is_private_file(true)
    ///     .on_progress(|p| eprint!("\r{:>5.1}%", 100.0 * p.fraction().unwrap_or(0.0)));
    /// let file = ik
    ///     .upload_file(UploadSource::from_path("sample.jpg").await?, "testing-file.jpg", options)
    ///     .await?;
    /// if file.is_accepted() {
    ///     println!("queued: {:?}", file.message);
    /// } else {
    ///     println!("stored {:?} at {:?}", file.file_id, file.url);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn upload_file(
        &self,
        source: impl Into<UploadSource>,
        file_name: impl Into<String>,
        options: UploadOptions,
    ) -> Result<Response<types::UploadedFile>, Error> {
        self.upload(Version::V1, source.into(), file_name.into(), options)
            .await
    }

    /// Uploads a file through the V2 endpoint (`POST upload.imagekit.io/api/v2/files/upload`),
    /// where a client-side upload is authenticated by a JWT in [`UploadOptions::token`] signed
    /// over the upload's fields.
    ///
    /// Everything else is as [`ImageKit::upload_file`]; the V1-only fields `public_key`,
    /// `signature` and `expire` are refused with [`Error::InvalidInput`].
    ///
    /// ```no_run
    /// use imagekitio::{UploadOptions, UploadSource};
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let file = ik
    ///     .upload_file_v2(
    ///         UploadSource::from_path("clip.mp4").await?,
    ///         "clip.mp4",
    ///         UploadOptions::new().folder("/videos").pre_transformation("w-1280"),
    ///     )
    ///     .await?;
    /// println!("{}", if file.is_accepted() { "queued" } else { "stored" });
    /// # Ok(()) }
    /// ```
    pub async fn upload_file_v2(
        &self,
        source: impl Into<UploadSource>,
        file_name: impl Into<String>,
        options: UploadOptions,
    ) -> Result<Response<types::UploadedFile>, Error> {
        self.upload(Version::V2, source.into(), file_name.into(), options)
            .await
    }

    async fn upload(
        &self,
        version: Version,
        source: UploadSource,
        file_name: String,
        options: UploadOptions,
    ) -> Result<Response<types::UploadedFile>, Error> {
        if file_name.trim().is_empty() {
            return Err(Error::invalid(
                "the file name is empty: pass the name the file should have in the media \
                 library, e.g. \"photo.jpg\"",
            ));
        }
        if let Some(tag) = options.tags.iter().find(|tag| tag.contains(',')) {
            return Err(Error::invalid(format!(
                "the tag {tag:?} contains a comma: tags are sent comma-separated, so it would \
                 become several tags"
            )));
        }
        let client_side = client_side_auth(version, &options)?;
        let fields = form_fields(version, file_name.clone(), &options, self.public_key())?;
        let url = reqwest::Url::parse(&format!("{}{}", self.upload_base_url(), version.path()))
            .map_err(|e| Error::invalid(format!("the upload base URL is not usable: {e}")))?;
        let total = source.known_length();
        let mut origin = Origin::new(source)?;
        let plan = Plan {
            url,
            fields,
            file_name,
            total,
            on_progress: options.on_progress,
            credentials: if client_side {
                Credentials::InRequest
            } else {
                Credentials::PrivateKey
            },
            stall_limit: self.settings().timeout,
        };
        let repeat = if options.retryable {
            Repeat::Safe
        } else {
            Repeat::OnlyIfUnprocessed
        };
        let operation = version.operation();
        let (result, _) = crate::telemetry::instrument(
            operation,
            retry::run(
                &self.settings().retry,
                repeat,
                plan.send(self, origin.next_feed(), 1),
                |attempt| {
                    let feed = origin.can_replay().then(|| origin.next_feed())?;
                    Some(plan.send(self, feed, attempt))
                },
                |result| Outcome::of_result(result),
            ),
        )
        .await;
        result
    }
}

/// What every attempt of one upload sends, besides the file's bytes.
struct Plan {
    url: reqwest::Url,
    fields: Vec<(String, String)>,
    file_name: String,
    total: Option<u64>,
    on_progress: Option<ProgressCallback>,
    credentials: Credentials,
    stall_limit: Duration,
}

impl Plan {
    /// One attempt: the form with `feed` as its file, raced against the stall watchdog.
    async fn send(
        &self,
        ik: &ImageKit,
        feed: NextFeed,
        attempt: u32,
    ) -> Result<Response<types::UploadedFile>, Error> {
        let SourceFeed {
            feed,
            is_file,
            path,
        } = feed.open().await?;
        let total = self.total;
        // Progress starts over with each attempt: it reports what this attempt has sent.
        let tracker = Arc::new(Tracker::new(total, self.on_progress.clone()));
        let part = file_part(
            feed,
            total,
            is_file,
            &path,
            self.file_name.clone(),
            &tracker,
        )?;
        let mut form = Form::new();
        for (name, value) in &self.fields {
            form = form.text(name.clone(), value.clone());
        }
        // Last, so that a server reading the form in order has every option before the file.
        form = form.part(FILE_FIELD, part);

        let request = ik
            .http()
            .post(self.url.clone())
            .multipart(form)
            .build()
            .map_err(|e| Error::from_reqwest(e, attempt))?;
        let send = ik.transport().send::<types::UploadedFile>(
            ik.http(),
            request,
            self.credentials,
            NO_TOTAL_LIMIT,
            attempt,
        );
        let outcome = match future::select(
            pin!(send),
            pin!(tracker.watch(self.stall_limit, attempt)),
        )
        .await
        {
            Either::Left((outcome, _)) => outcome,
            Either::Right((stalled, _)) => Err(stalled),
        };
        // A failed read surfaces from the HTTP client as a vague body error: report the
        // source's own error, with its path, instead.
        match (outcome, tracker.take_failure()) {
            (Err(_), Some(source)) => Err(Error::Io { path, source }),
            (Err(Error::Transport { source, .. }), None) if tracker.sent() > 0 => {
                Err(Error::Transport {
                    message: format!(
                        "the connection was lost after {} of {} bytes of the file were sent ({})",
                        tracker.sent(),
                        total.map_or_else(|| "an unknown number of".to_owned(), |t| t.to_string()),
                        crate::error::root_cause(&source)
                    ),
                    source,
                    attempts: attempt,
                })
            }
            // A server that answers before the whole file arrived did not store this file.
            (Ok(answer), None) => match total {
                Some(total) if tracker.sent() < total => Err(Error::UploadIncomplete {
                    sent: tracker.sent(),
                    total,
                    status: answer.metadata().http_status_code(),
                    attempts: attempt,
                }),
                _ => Ok(answer),
            },
            (outcome, _) => outcome,
        }
    }
}

/// Where each attempt of an upload gets the file's bytes.
enum Origin {
    /// In memory (bytes, a URL's text, base64 text): every attempt sends a copy.
    Bytes { bytes: Bytes, is_file: bool },
    /// On disk: the first attempt reads the file opened by [`UploadSource::from_path`], a
    /// retry opens it again.
    File {
        path: PathBuf,
        opened: Option<tokio::fs::File>,
    },
    /// A reader can be read once, so an attempt takes it only when the connection asks for
    /// the first byte: after an attempt that never got that far, it is still here to retry.
    Reader(SharedReader),
}

type SharedReader = Arc<Mutex<Option<Pin<Box<dyn AsyncRead + Send>>>>>;

/// The file's bytes for one attempt, or the file to open again for them.
enum NextFeed {
    Ready(SourceFeed),
    Reopen(PathBuf),
}

impl NextFeed {
    async fn open(self) -> Result<SourceFeed, Error> {
        match self {
            NextFeed::Ready(feed) => Ok(feed),
            NextFeed::Reopen(path) => match tokio::fs::File::open(&path).await {
                Ok(file) => Ok(SourceFeed {
                    feed: Feed::Reader(Box::pin(file)),
                    is_file: true,
                    path: Some(path),
                }),
                Err(source) => Err(Error::Io {
                    path: Some(path),
                    source,
                }),
            },
        }
    }
}

/// The file's bytes for one attempt.
struct SourceFeed {
    feed: Feed,
    is_file: bool,
    path: Option<PathBuf>,
}

impl Origin {
    /// Checks the source, so that an unusable one fails before anything is sent.
    fn new(source: UploadSource) -> Result<Self, Error> {
        Ok(match source.kind {
            SourceKind::File { path, file, .. } => Origin::File {
                path,
                opened: Some(file),
            },
            SourceKind::Reader { reader, .. } => Origin::Reader(Arc::new(Mutex::new(Some(reader)))),
            SourceKind::Bytes(bytes) => Origin::Bytes {
                bytes,
                is_file: true,
            },
            SourceKind::Url(url) => {
                let parsed = reqwest::Url::parse(&url).map_err(|e| {
                    Error::invalid(format!("the upload URL {url:?} is not a valid URL: {e}"))
                })?;
                if !matches!(parsed.scheme(), "http" | "https") {
                    return Err(Error::invalid(format!(
                        "the upload URL {url:?} must be http or https for ImageKit to fetch it"
                    )));
                }
                Origin::Bytes {
                    bytes: Bytes::from(url),
                    is_file: false,
                }
            }
            SourceKind::Base64(text) => {
                if text.trim().is_empty() {
                    return Err(Error::invalid("the base64 text to upload is empty"));
                }
                Origin::Bytes {
                    bytes: Bytes::from(text),
                    is_file: false,
                }
            }
        })
    }

    /// Whether another attempt can send the whole file again.
    fn can_replay(&self) -> bool {
        match self {
            Origin::Bytes { .. } | Origin::File { .. } => true,
            Origin::Reader(slot) => slot.lock().is_ok_and(|reader| reader.is_some()),
        }
    }

    /// The bytes for the next attempt.
    fn next_feed(&mut self) -> NextFeed {
        NextFeed::Ready(match self {
            Origin::Bytes { bytes, is_file } => SourceFeed {
                feed: Feed::Bytes(bytes.clone()),
                is_file: *is_file,
                path: None,
            },
            Origin::File { path, opened } => match opened.take() {
                Some(file) => SourceFeed {
                    feed: Feed::Reader(Box::pin(file)),
                    is_file: true,
                    path: Some(path.clone()),
                },
                None => return NextFeed::Reopen(path.clone()),
            },
            Origin::Reader(slot) => SourceFeed {
                feed: Feed::Shared(Arc::clone(slot)),
                is_file: true,
                path: None,
            },
        })
    }
}

impl Response<types::UploadedFile> {
    /// Whether ImageKit answered **202 Accepted**: the upload was taken but a video
    /// pre-transformation is still running, so no file is stored yet (`file_id` and `url` are
    /// `None`, `message` says what was queued). The outcome is posted to `webhook_url`.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// use imagekitio::{UploadOptions, UploadSource};
    ///
    /// let options = UploadOptions::new()
    ///     .pre_transformation("w-1280")
    ///     .webhook_url("https://example.com/hooks/imagekit");
    /// let answer = ik.upload_file(UploadSource::from_path("clip.mp4").await?, "clip.mp4", options).await?;
    /// match (answer.is_accepted(), &answer.file_id) {
    ///     (true, _) => println!("queued: {}", answer.message.as_deref().unwrap_or("")),
    ///     (false, Some(id)) => println!("stored as {id}"),
    ///     (false, None) => println!("stored, without an id in the answer"),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn is_accepted(&self) -> bool {
        self.metadata().http_status_code() == reqwest::StatusCode::ACCEPTED
    }
}

/// Whether the upload authenticates with client-side fields rather than the private key, after
/// checking that those fields make sense for the endpoint.
fn client_side_auth(version: Version, options: &UploadOptions) -> Result<bool, Error> {
    match version {
        Version::V1 => {
            let any = options.public_key.is_some()
                || options.signature.is_some()
                || options.expire.is_some()
                || options.token.is_some();
            if any {
                let missing: Vec<&str> = [
                    ("signature", options.signature.is_none()),
                    ("expire", options.expire.is_none()),
                    ("token", options.token.is_none()),
                ]
                .into_iter()
                .filter_map(|(name, absent)| absent.then_some(name))
                .collect();
                if !missing.is_empty() {
                    return Err(Error::invalid(format!(
                        "a client-side V1 upload needs signature, expire and token together \
                         (see get_authentication_parameters); missing: {}",
                        missing.join(", ")
                    )));
                }
            }
            Ok(any)
        }
        Version::V2 => {
            if options.public_key.is_some()
                || options.signature.is_some()
                || options.expire.is_some()
            {
                return Err(Error::invalid(
                    "public_key, signature and expire are V1 fields: a client-side V2 upload \
                     sends only a JWT in token",
                ));
            }
            Ok(options.token.is_some())
        }
    }
}

/// The text fields of the form, named and encoded from the generated request type of the
/// endpoint (everything but the file itself).
fn form_fields(
    version: Version,
    file_name: String,
    options: &UploadOptions,
    client_public_key: &str,
) -> Result<Vec<(String, String)>, Error> {
    let o = options.clone();
    let custom_metadata = o.custom_metadata.map(types::CustomMetadata);
    let serialized = match version {
        Version::V1 => {
            let expire = o
                .expire
                .map(|e| {
                    i64::try_from(e).map_err(|_| {
                        Error::invalid(format!("expire {e} is not a Unix time in seconds"))
                    })
                })
                .transpose()?;
            let public_key = match (&o.public_key, &o.signature) {
                (Some(key), _) => Some(key.clone()),
                (None, Some(_)) if !client_public_key.is_empty() => {
                    Some(client_public_key.to_owned())
                }
                (None, Some(_)) => {
                    return Err(Error::invalid(
                        "a client-side V1 upload needs a public key: set it on the client or \
                         with UploadOptions::public_key",
                    ));
                }
                (None, None) => None,
            };
            serde_json::to_value(types::UploadFileRequest {
                checks: o.checks,
                custom_coordinates: o.custom_coordinates,
                custom_metadata,
                description: o.description,
                expire,
                extensions: o.extensions,
                file: String::new(),
                file_name,
                folder: o.folder,
                is_private_file: o.is_private_file,
                is_published: o.is_published,
                overwrite_ai_tags: o.overwrite_ai_tags,
                overwrite_custom_metadata: o.overwrite_custom_metadata,
                overwrite_file: o.overwrite_file,
                overwrite_tags: o.overwrite_tags,
                public_key,
                response_fields: o.response_fields,
                signature: o.signature,
                tags: o.tags,
                token: o.token,
                transformation: o.transformation,
                use_unique_file_name: o.use_unique_file_name,
                webhook_url: o.webhook_url,
            })
        }
        Version::V2 => serde_json::to_value(types::UploadFileV2Request {
            checks: o.checks,
            custom_coordinates: o.custom_coordinates,
            custom_metadata,
            description: o.description,
            extensions: o.extensions,
            file: String::new(),
            file_name,
            folder: o.folder,
            is_private_file: o.is_private_file,
            is_published: o.is_published,
            overwrite_ai_tags: o.overwrite_ai_tags,
            overwrite_custom_metadata: o.overwrite_custom_metadata,
            overwrite_file: o.overwrite_file,
            overwrite_tags: o.overwrite_tags,
            response_fields: o.response_fields,
            tags: o.tags,
            token: o.token,
            transformation: o.transformation,
            use_unique_file_name: o.use_unique_file_name,
            webhook_url: o.webhook_url,
        }),
    }
    .map_err(|e| Error::invalid(format!("cannot encode the upload options: {e}")))?;
    let Value::Object(fields) = serialized else {
        return Err(Error::invalid(
            "the upload request did not encode as an object",
        ));
    };
    Ok(fields
        .into_iter()
        .filter(|(name, _)| name != FILE_FIELD)
        .filter_map(|(name, value)| form_text(&value).map(|text| (name, text)))
        .collect())
}

/// One form field as ImageKit reads it: booleans and numbers as their text, lists of strings
/// (`tags`, `responseFields`) comma-separated, objects and lists of objects (`extensions`,
/// `customMetadata`, `transformation`) as JSON text.
fn form_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        Value::Array(items) if items.iter().all(Value::is_string) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
        ),
        Value::Array(_) | Value::Object(_) => Some(value.to_string()),
    }
}

/// The `file` part. Bytes from disk and readers are marked as a file (with the upload's name
/// and `application/octet-stream`); URLs and base64 go as plain form values, which is how
/// ImageKit tells them apart.
fn file_part(
    feed: Feed,
    length: Option<u64>,
    is_file: bool,
    path: &Option<PathBuf>,
    file_name: String,
    tracker: &Arc<Tracker>,
) -> Result<Part, Error> {
    let body =
        reqwest::Body::wrap_stream(body_stream(feed, length, Arc::clone(tracker), path.clone()));
    let part = match length {
        Some(length) => Part::stream_with_length(body, length),
        None => Part::stream(body),
    };
    if is_file {
        part.file_name(file_name)
            .mime_str("application/octet-stream")
            .map_err(|e| Error::from_reqwest(e, 0))
    } else {
        Ok(part)
    }
}

/// Where the bytes of the `file` part come from.
enum Feed {
    Reader(Pin<Box<dyn AsyncRead + Send>>),
    /// A reader still in its [`Origin`], taken at the first read.
    Shared(SharedReader),
    Bytes(Bytes),
}

/// The state of the body stream between two chunks.
struct Cursor {
    feed: Feed,
    length: Option<u64>,
    sent: u64,
    tracker: Arc<Tracker>,
    path: Option<PathBuf>,
    done: bool,
}

/// The `file` part as a stream of chunks of at most [`CHUNK`] bytes, each counted and reported
/// as it is handed to the connection. A source longer or shorter than its announced length
/// ends the stream with an error, which fails the request: a size mismatch must never be
/// reported as a successful upload.
fn body_stream(
    feed: Feed,
    length: Option<u64>,
    tracker: Arc<Tracker>,
    path: Option<PathBuf>,
) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
    let cursor = Cursor {
        feed,
        length,
        sent: 0,
        tracker,
        path,
        done: false,
    };
    futures::stream::unfold(cursor, |mut cursor| async move {
        if cursor.done {
            return None;
        }
        match cursor.next_chunk().await {
            Ok(Some(chunk)) => {
                cursor.sent += chunk.len() as u64;
                cursor.tracker.advance(chunk.len() as u64);
                Some((Ok(chunk), cursor))
            }
            Ok(None) => {
                cursor.done = true;
                cursor.tracker.finished(cursor.sent);
                None
            }
            Err(e) => {
                cursor.done = true;
                let reported = io::Error::new(e.kind(), e.to_string());
                cursor.tracker.fail(e);
                Some((Err(reported), cursor))
            }
        }
    })
}

impl Cursor {
    async fn next_chunk(&mut self) -> io::Result<Option<Bytes>> {
        let want = match self.length {
            Some(length) => usize::try_from(length.saturating_sub(self.sent))
                .map_or(CHUNK, |left| left.min(CHUNK)),
            None => CHUNK,
        };
        if let Feed::Shared(slot) = &self.feed {
            let reader = slot.lock().ok().and_then(|mut reader| reader.take());
            self.feed = Feed::Reader(reader.ok_or_else(|| {
                io::Error::other("the reader was read by an earlier attempt and cannot be re-read")
            })?);
        }
        match &mut self.feed {
            Feed::Shared(_) => Ok(None),
            Feed::Bytes(bytes) => {
                if bytes.is_empty() {
                    return Ok(None);
                }
                Ok(Some(bytes.split_to(want.min(bytes.len()))))
            }
            Feed::Reader(reader) => {
                if want == 0 {
                    return self.expect_end().await;
                }
                let mut buffer = BytesMut::with_capacity(want);
                let read = reader
                    .as_mut()
                    .take(want as u64)
                    .read_buf(&mut buffer)
                    .await?;
                if read > 0 {
                    return Ok(Some(buffer.freeze()));
                }
                match self.length {
                    Some(length) if self.sent < length => Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!(
                            "{} ended after {} of the announced {length} bytes",
                            self.what(),
                            self.sent
                        ),
                    )),
                    _ => Ok(None),
                }
            }
        }
    }

    /// After the announced length, the source must be at its end.
    async fn expect_end(&mut self) -> io::Result<Option<Bytes>> {
        let Feed::Reader(reader) = &mut self.feed else {
            return Ok(None);
        };
        let mut probe = [0u8; 1];
        match reader.read(&mut probe).await? {
            0 => Ok(None),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{} has more than the announced {} bytes",
                    self.what(),
                    self.sent
                ),
            )),
        }
    }

    fn what(&self) -> &'static str {
        if self.path.is_some() {
            "the file changed while uploading: it"
        } else {
            "the reader"
        }
    }
}

/// Shared between the body stream (which reports progress and failures) and the upload
/// (which watches for stalls and reads the failure).
struct Tracker {
    start: Instant,
    /// Milliseconds after `start` of the last chunk handed to the connection.
    last_activity_ms: AtomicU64,
    sent: AtomicU64,
    total: Option<u64>,
    failure: Mutex<Option<io::Error>>,
    on_progress: Option<ProgressCallback>,
}

impl Tracker {
    fn new(total: Option<u64>, on_progress: Option<ProgressCallback>) -> Self {
        Self {
            start: Instant::now(),
            last_activity_ms: AtomicU64::new(0),
            sent: AtomicU64::new(0),
            total,
            failure: Mutex::new(None),
            on_progress,
        }
    }

    fn touch(&self) {
        let elapsed = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_activity_ms.store(elapsed, Ordering::Relaxed);
    }

    fn advance(&self, bytes: u64) {
        let sent = self.sent.fetch_add(bytes, Ordering::Relaxed) + bytes;
        self.touch();
        if let Some(ProgressCallback(callback)) = &self.on_progress {
            callback(Progress {
                sent,
                total: self.total,
            });
        }
    }

    fn finished(&self, sent: u64) {
        self.touch();
        // A reader of unknown length has a total only now: say so, so a bar can complete.
        if self.total.is_none()
            && let Some(ProgressCallback(callback)) = &self.on_progress
        {
            callback(Progress {
                sent,
                total: Some(sent),
            });
        }
    }

    fn sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    fn fail(&self, error: io::Error) {
        if let Ok(mut slot) = self.failure.lock() {
            slot.get_or_insert(error);
        }
    }

    fn take_failure(&self) -> Option<io::Error> {
        self.failure.lock().ok().and_then(|mut slot| slot.take())
    }

    /// Resolves only when nothing happened for `limit`: no chunk handed over, or no answer
    /// after the last one (the send future wins the race in every other case).
    async fn watch(&self, limit: Duration, attempt: u32) -> Error {
        loop {
            let last =
                self.start + Duration::from_millis(self.last_activity_ms.load(Ordering::Relaxed));
            let Some(deadline) = last.checked_add(limit) else {
                // A timeout too large to reach (`Duration::MAX`) means no stall limit at all.
                return future::pending().await;
            };
            if Instant::now() >= deadline {
                return Error::UploadStalled {
                    sent: self.sent(),
                    idle: limit,
                    attempts: attempt,
                };
            }
            tokio::time::sleep_until(deadline).await;
        }
    }
}
