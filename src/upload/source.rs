//! [`UploadSource`]: what to upload, and [`Replay`]: how each attempt of an upload gets the
//! file's bytes again.

use std::{
    fmt, io,
    path::{Path, PathBuf},
    pin::Pin,
    sync::{Arc, Mutex},
};

use bytes::Bytes;
use tokio::io::AsyncRead;

use super::body::Feed;
use crate::error::Error;

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

pub(super) enum SourceKind {
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

impl From<::url::Url> for UploadSource {
    fn from(url: ::url::Url) -> Self {
        Self::from_url(url.as_str())
    }
}

/// Where each attempt of an upload gets the file's bytes.
pub(super) enum Replay {
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

pub(super) type SharedReader = Arc<Mutex<Option<Pin<Box<dyn AsyncRead + Send>>>>>;

/// The file's bytes for one attempt, or the file to open again for them.
pub(super) enum NextFeed {
    Ready(SourceFeed),
    Reopen(PathBuf),
}

impl NextFeed {
    pub(super) async fn open(self) -> Result<SourceFeed, Error> {
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
pub(super) struct SourceFeed {
    pub(super) feed: Feed,
    pub(super) is_file: bool,
    pub(super) path: Option<PathBuf>,
}

impl Replay {
    /// Checks the source, so that an unusable one fails before anything is sent.
    pub(super) fn new(source: UploadSource) -> Result<Self, Error> {
        Ok(match source.kind {
            SourceKind::File { path, file, .. } => Replay::File {
                path,
                opened: Some(file),
            },
            SourceKind::Reader { reader, .. } => Replay::Reader(Arc::new(Mutex::new(Some(reader)))),
            SourceKind::Bytes(bytes) => Replay::Bytes {
                bytes,
                is_file: true,
            },
            SourceKind::Url(url) => {
                let parsed = ::url::Url::parse(&url).map_err(|e| {
                    Error::invalid(format!("the upload URL {url:?} is not a valid URL: {e}"))
                })?;
                if !matches!(parsed.scheme(), "http" | "https") {
                    return Err(Error::invalid(format!(
                        "the upload URL {url:?} must be http or https for ImageKit to fetch it"
                    )));
                }
                Replay::Bytes {
                    bytes: Bytes::from(url),
                    is_file: false,
                }
            }
            SourceKind::Base64(text) => {
                if text.trim().is_empty() {
                    return Err(Error::invalid("the base64 text to upload is empty"));
                }
                Replay::Bytes {
                    bytes: Bytes::from(text),
                    is_file: false,
                }
            }
        })
    }

    /// Whether another attempt can send the whole file again.
    pub(super) fn can_replay(&self) -> bool {
        match self {
            Replay::Bytes { .. } | Replay::File { .. } => true,
            Replay::Reader(slot) => slot.lock().is_ok_and(|reader| reader.is_some()),
        }
    }

    /// The bytes for the next attempt.
    pub(super) fn next_feed(&mut self) -> NextFeed {
        NextFeed::Ready(match self {
            Replay::Bytes { bytes, is_file } => SourceFeed {
                feed: Feed::Bytes(bytes.clone()),
                is_file: *is_file,
                path: None,
            },
            Replay::File { path, opened } => match opened.take() {
                Some(file) => SourceFeed {
                    feed: Feed::Reader(Box::pin(file)),
                    is_file: true,
                    path: Some(path.clone()),
                },
                None => return NextFeed::Reopen(path.clone()),
            },
            Replay::Reader(slot) => SourceFeed {
                feed: Feed::Shared(Arc::clone(slot)),
                is_file: true,
                path: None,
            },
        })
    }
}
