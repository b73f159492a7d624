//! Uploads: [`ImageKit::upload_file`] and [`ImageKit::upload_file_v2`], a streamed
//! `multipart/form-data` request written by hand (progenitor cannot generate multipart) on top
//! of the generated request and response types, so that `openapi/imagekit.yaml` stays the
//! source of every field name.

mod attempt;
mod auth;
mod body;
mod options;
mod response_field;
mod source;

pub use body::Progress;
pub use options::UploadOptions;
pub use response_field::UploadResponseField;
pub use source::UploadSource;

use crate::{
    ImageKit,
    api::types,
    error::Error,
    response::Response,
    retry::{self, Outcome, Repeat},
    transport::Credentials,
};
use attempt::Plan;
use source::Replay;

/// The multipart field that carries the file itself; every other field name comes from the
/// serialized generated request type.
pub(super) const FILE_FIELD: &str = "file";

/// Which upload endpoint, and so which generated request type names the fields.
#[derive(Clone, Copy, Debug)]
pub(super) enum Version {
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
        if let Some(tag) = options.request.tags.iter().find(|tag| tag.contains(',')) {
            return Err(Error::invalid(format!(
                "the tag {tag:?} contains a comma: tags are sent comma-separated, so it would \
                 become several tags"
            )));
        }
        let client_side = auth::client_side_auth(version, &options)?;
        let fields = options::form_fields(version, file_name.clone(), &options, self.public_key())?;
        let url = ::url::Url::parse(&format!("{}{}", self.upload_base_url(), version.path()))
            .map_err(|e| Error::invalid(format!("the upload base URL is not usable: {e}")))?;
        let total = source.known_length();
        let mut replay = Replay::new(source)?;
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
                plan.send(self, replay.next_feed(), 1),
                |attempt| {
                    let feed = replay.can_replay().then(|| replay.next_feed())?;
                    Some(plan.send(self, feed, attempt))
                },
                |result| Outcome::of_result(result),
            ),
        )
        .await;
        result
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
