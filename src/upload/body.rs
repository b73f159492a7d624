//! The `file` part streamed chunk by chunk, its progress, and the stall watchdog.

use std::{
    io,
    path::PathBuf,
    pin::Pin,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use bytes::{Bytes, BytesMut};
use futures::{Stream, future};
use reqwest::multipart::Part;
use tokio::{
    io::{AsyncRead, AsyncReadExt},
    time::Instant,
};

use super::source::SharedReader;
use crate::error::Error;

/// Largest piece of the file read and handed to the connection at once: with the connection's
/// own buffers, this bounds the memory an upload needs whatever the file's size.
pub(super) const CHUNK: usize = 256 * 1024;

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
    /// only with [`crate::UploadSource::from_reader_with_length`], or once it has ended.
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
pub(super) struct ProgressCallback(pub(super) Arc<dyn Fn(Progress) + Send + Sync>);

/// The `file` part. Bytes from disk and readers are marked as a file (with the upload's name
/// and `application/octet-stream`); URLs and base64 go as plain form values, which is how
/// ImageKit tells them apart.
pub(super) fn file_part(
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
pub(super) enum Feed {
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
pub(super) struct Tracker {
    start: Instant,
    /// Milliseconds after `start` of the last chunk handed to the connection.
    last_activity_ms: AtomicU64,
    sent: AtomicU64,
    total: Option<u64>,
    failure: Mutex<Option<io::Error>>,
    on_progress: Option<ProgressCallback>,
}

impl Tracker {
    pub(super) fn new(total: Option<u64>, on_progress: Option<ProgressCallback>) -> Self {
        Self {
            start: Instant::now(),
            last_activity_ms: AtomicU64::new(0),
            sent: AtomicU64::new(0),
            total,
            failure: Mutex::new(None),
            on_progress,
        }
    }

    pub(super) fn touch(&self) {
        let elapsed = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_activity_ms.store(elapsed, Ordering::Relaxed);
    }

    pub(super) fn advance(&self, bytes: u64) {
        let sent = self.sent.fetch_add(bytes, Ordering::Relaxed) + bytes;
        self.touch();
        if let Some(ProgressCallback(callback)) = &self.on_progress {
            callback(Progress {
                sent,
                total: self.total,
            });
        }
    }

    pub(super) fn finished(&self, sent: u64) {
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

    pub(super) fn sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    pub(super) fn fail(&self, error: io::Error) {
        if let Ok(mut slot) = self.failure.lock() {
            slot.get_or_insert(error);
        }
    }

    pub(super) fn take_failure(&self) -> Option<io::Error> {
        self.failure.lock().ok().and_then(|mut slot| slot.take())
    }

    /// Resolves only when nothing happened for `limit`: no chunk handed over, or no answer
    /// after the last one (the send future wins the race in every other case).
    pub(super) async fn watch(&self, limit: Duration, attempt: u32) -> Error {
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
