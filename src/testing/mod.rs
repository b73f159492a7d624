//! [`FakeImageKit`]: an in-process, stateful fake of ImageKit's API and upload hosts, for the
//! tests of code that uses this crate (feature `testing`).
//!
//! The fake listens on a loopback port, keeps a media library in memory, and answers with
//! ImageKit's status codes, messages and JSON shapes, so the real [`crate::ImageKit`] client
//! (retries, error mapping, decoding) runs unchanged against it. Dropping it stops it.
//!
//! The README's example ("Testing your code"), which runs as this module's doctest:
//!
//! ```
//! use imagekitio::{Error, ImageKit, ListFilesOptions, UploadOptions, UploadSource};
//!
//! /// The code under test: stores a user's avatar, tagged with the user.
//! async fn save_avatar(ik: &ImageKit, user: u64, png: Vec<u8>) -> Result<String, Error> {
//!     let options = UploadOptions::new()
//!         .folder("/avatars")
//!         .tags([format!("user-{user}")]);
//!     let file = ik
//!         .upload_file(UploadSource::from_bytes(png), "avatar.png", options)
//!         .await?;
//!     Ok(file.file_id.clone().unwrap_or_default())
//! }
//!
//! # /* In your tests, a test of its own:
//! #[tokio::test]
//! # */
//! async fn an_avatar_is_stored_under_its_users_tag() -> Result<(), Error> {
//!     let fake = imagekitio::testing::FakeImageKit::start().await?;
//!     let ik = fake.client();
//!
//!     let id = save_avatar(&ik, 42, b"\x89PNG\r\n\x1a\n".to_vec()).await?;
//!
//!     let files = ik
//!         .list_files(&ListFilesOptions::new().tags(["user-42"]))
//!         .await?;
//!     assert_eq!(files.len(), 1);
//!     assert_eq!(files[0].file_id.as_deref(), Some(id.as_str()));
//!     assert_eq!(files[0].mime.as_deref(), Some("image/png"));
//!     let path = files[0].file_path.as_deref().unwrap_or_default();
//!     assert!(path.starts_with("/avatars/avatar_"), "{path}"); // useUniqueFileName's suffix
//!     Ok(())
//! }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Error> {
//! #     an_avatar_is_stored_under_its_users_tag().await
//! # }
//! ```
//!
//! # What it implements
//!
//! - Uploads, V1 and V2 (`/api/v1/files/upload`, `/api/v2/files/upload`), from bytes, files,
//!   readers and base64: `fileName` (sanitized as ImageKit does), `useUniqueFileName` (a
//!   9-character suffix before the extension), `folder` (created with its parents), `tags`,
//!   `isPrivateFile`, `isPublished`, `customCoordinates`, `customMetadata`, `description`,
//!   `overwriteFile`, `overwriteTags`, `overwriteCustomMetadata` and `responseFields`. Size,
//!   MIME type and `fileType` are read from the bytes (dimensions for PNG, GIF and JPEG); the
//!   URL is the URL endpoint followed by the file's path. Uploading to the path of an existing
//!   file makes a new version of it. V1 client-side uploads (`signature`, `expire`, `token`,
//!   `publicKey`) are checked as ImageKit checks them, each token accepted once.
//! - `list_files` (`GET /v1/files`): `path` (the folder's direct content), `type`, `fileType`,
//!   `tags` (any of them), `sort` (relevance keeps the default, creation order), `skip`,
//!   `limit` (1 to 1000), and `searchQuery` with the subset below. As with ImageKit, a
//!   `searchQuery` makes `type` and `tags` ineffective and searches files and folders.
//! - Details, update (tags, custom coordinates, custom metadata, description; `null` clears
//!   tags and custom coordinates, and unsets a custom metadata field; `publish` alone), delete,
//!   bulk delete, add and remove tags, remove AI tags (the fake's files have none), copy, move
//!   and rename of files.
//! - Folders: create, delete, copy, move and rename; the three jobs complete at once and
//!   [`crate::ImageKit::get_bulk_job_status`] answers `Completed`.
//! - Versions: list, details, delete (not the current one), restore (the restored content
//!   becomes a new current version).
//! - Cache purge of URLs under the URL endpoint, and its status (`Completed`).
//!
//! Everything else (metadata, custom metadata fields, extensions, AI tasks, uploads from a URL,
//! pre- and post-transformations, client-side V2 uploads, the account API, ...) answers `501`
//! with a `message` naming the method and path, and `x-should-retry: false`: a test that
//! depends on it fails at once, never on a fake success.
//!
//! # Authentication
//!
//! Every call must carry HTTP Basic with [`FakeImageKit::private_key`], as the client sends it.
//! Without it the answer is ImageKit's `401` (`Your request does not contain private API
//! key.`); with another key, `401` with `Your account cannot be authenticated.`.
//!
//! # `searchQuery`
//!
//! `AND`, `OR` (`AND` binds tighter) and parentheses combine conditions `field operator value`;
//! values are quoted (`"..."` or `'...'`) or bare words, lists are `[...]`:
//!
//! | field | operators | values |
//! |---|---|---|
//! | `name` | `=` (exact), `:` (prefix), `IN`, `NOT =`, `NOT IN` | text |
//! | `tags` | `IN`, `NOT IN`, `=` | text |
//! | `format` | `=`, `IN`, `NOT =`, `NOT IN` | `jpg`, `png`, `gif`, ... |
//! | `size` | `=` `<` `<=` `>` `>=` | bytes, or `"500kb"`, `"2mb"`, `"1gb"` (1024-based) |
//! | `width`, `height` | `=` `<` `<=` `>` `>=` | pixels |
//! | `createdAt`, `updatedAt` | `=` `<` `<=` `>` `>=` | `2020-01-01`, `"2020-01-01T12:12:12"`, or `"1h"` `"2d"` `"3w"` `"4m"` (months) ago |
//!
//! Any other field or operator is refused with a `400` naming it, never ignored.
//!
//! # Faults and inspection
//!
//! [`FakeImageKit::fail_next`] makes the next requests fail with a status, to test retries;
//! [`FakeImageKit::fail_bulk_item`] makes bulk calls fail for one file (a `207`);
//! [`FakeImageKit::requests`] lists what the fake received.

mod answer;
mod files;
mod folders;
mod list;
mod media;
mod multipart;
mod routes;
mod search;
mod server;
mod store;
mod upload;
mod versions;

use std::{
    collections::VecDeque,
    net::{Ipv4Addr, SocketAddr},
    sync::{Arc, Mutex},
};

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};

use crate::{Error, ImageKit, ImageKitBuilder};

const PRIVATE_KEY: &str = "private_fake_imagekit_key";
const PUBLIC_KEY: &str = "public_fake_imagekit_key";
const URL_ENDPOINT: &str = "https://ik.imagekit.io/fake_imagekit_id";

/// A fake ImageKit on `127.0.0.1`, serving the API and upload hosts; see [`crate::testing`].
///
/// Stopped when dropped; clients made by [`FakeImageKit::client`] then fail to connect.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), imagekitio::Error> {
/// let fake = imagekitio::testing::FakeImageKit::start().await?;
/// let ik = fake.client();
/// assert_eq!(ik.url_endpoint(), Some(fake.url_endpoint()));
/// ik.create_folder("reports", "/").await?;
/// assert_eq!(fake.requests().len(), 1);
/// # Ok(()) }
/// ```
pub struct FakeImageKit {
    shared: Arc<server::Shared>,
    address: SocketAddr,
    client: ImageKit,
    server: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for FakeImageKit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeImageKit")
            .field("base_url", &self.base_url())
            .finish_non_exhaustive()
    }
}

impl Drop for FakeImageKit {
    fn drop(&mut self) {
        // The connections are tasks of the server task's `JoinSet`: they end with it.
        self.server.abort();
    }
}

impl FakeImageKit {
    /// Starts a fake with an empty media library on a free loopback port.
    ///
    /// Must be called inside a Tokio runtime with I/O enabled (`#[tokio::test]` is one); the
    /// fake's tasks run on it. Fails with [`Error::InvalidInput`] outside a runtime or when
    /// no port can be opened.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), imagekitio::Error> {
    /// let fake = imagekitio::testing::FakeImageKit::start().await?;
    /// assert!(fake.base_url().starts_with("http://127.0.0.1:"));
    /// # Ok(()) }
    /// ```
    pub async fn start() -> Result<Self, Error> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(Error::invalid(
                "FakeImageKit::start must run inside a Tokio runtime (for example in a \
                 #[tokio::test]): the fake serves requests on it",
            ));
        }
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .map_err(|e| Error::invalid(format!("FakeImageKit cannot listen on 127.0.0.1: {e}")))?;
        let address = listener
            .local_addr()
            .map_err(|e| Error::invalid(format!("FakeImageKit has no local address: {e}")))?;
        let shared = Arc::new(server::Shared {
            keys: server::Keys {
                private_key: PRIVATE_KEY.to_owned(),
                public_key: PUBLIC_KEY.to_owned(),
            },
            state: Mutex::new(server::State {
                library: store::Library::new(URL_ENDPOINT.to_owned()),
                received: Vec::new(),
                failures: VecDeque::new(),
            }),
        });
        let client = builder_for(address).build()?;
        let server = tokio::spawn(server::serve(listener, Arc::clone(&shared)));
        Ok(Self {
            shared,
            address,
            client,
            server,
        })
    }

    /// A client pointed at the fake (both hosts), with its keys and URL endpoint and the
    /// default settings. Clones share one connection pool.
    pub fn client(&self) -> ImageKit {
        self.client.clone()
    }

    /// A builder set up as [`FakeImageKit::client`], to change other settings first, such as
    /// retries and their waits.
    ///
    /// ```
    /// use std::time::Duration;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), imagekitio::Error> {
    /// let fake = imagekitio::testing::FakeImageKit::start().await?;
    /// let ik = fake
    ///     .client_builder()
    ///     .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
    ///     .build()?;
    /// assert_eq!(ik.public_key(), fake.public_key());
    /// # Ok(()) }
    /// ```
    pub fn client_builder(&self) -> ImageKitBuilder {
        builder_for(self.address)
    }

    /// Where the fake listens, e.g. `http://127.0.0.1:49152`: the API and upload base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The private key the fake accepts.
    pub fn private_key(&self) -> &str {
        PRIVATE_KEY
    }

    /// The public key the fake accepts in client-side uploads.
    pub fn public_key(&self) -> &str {
        PUBLIC_KEY
    }

    /// The URL endpoint the fake's file URLs start with.
    pub fn url_endpoint(&self) -> &str {
        URL_ENDPOINT
    }

    /// Makes the next `count` requests (any call) answer `status` with an ImageKit error body,
    /// before authentication and without touching the library, as a rate limiter or an
    /// overloaded server would. A 429 carries ImageKit's rate-limit headers asking for a 20 ms
    /// wait; other statuses ask for nothing, so the client's backoff applies. Calls add up:
    /// two calls of 1 fail two requests. Give an error status (4xx or 5xx).
    ///
    /// ```
    /// use http::StatusCode;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), imagekitio::Error> {
    /// let fake = imagekitio::testing::FakeImageKit::start().await?;
    /// fake.fail_next(1, StatusCode::SERVICE_UNAVAILABLE);
    /// let no_retries = fake.client().with_max_retries(0);
    /// let error = no_retries.create_folder("a", "/").await.unwrap_err();
    /// assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    /// no_retries.create_folder("a", "/").await?;
    /// # Ok(()) }
    /// ```
    pub fn fail_next(&self, count: usize, status: StatusCode) {
        let mut state = self.shared.lock();
        state.failures.extend(std::iter::repeat_n(status, count));
    }

    /// Makes bulk calls (bulk delete, add and remove tags, remove AI tags) fail for the file
    /// `file_id`, reporting `error` for it: they process the other files and answer `207`
    /// with `errors`, which the client returns as [`Error::PartialSuccess`]. (Unknown ids are
    /// another matter: ImageKit then answers `404` with `missingFileIds` and changes nothing,
    /// and so does the fake.)
    ///
    /// ```
    /// use imagekitio::{Error, UploadOptions, UploadSource, api::types::BulkDeleteFilesResult};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let fake = imagekitio::testing::FakeImageKit::start().await?;
    /// let ik = fake.client();
    /// let a = ik.upload_file(UploadSource::from_bytes(&b"a"[..]), "a.txt", UploadOptions::new()).await?;
    /// let b = ik.upload_file(UploadSource::from_bytes(&b"b"[..]), "b.txt", UploadOptions::new()).await?;
    /// let (a, b) = (a.file_id.clone().unwrap_or_default(), b.file_id.clone().unwrap_or_default());
    /// fake.fail_bulk_item(&b, "The file is locked.");
    ///
    /// let Err(Error::PartialSuccess(partial)) = ik.bulk_file_delete([&a, &b]).await else {
    ///     panic!("expected a 207");
    /// };
    /// let result: BulkDeleteFilesResult = partial.decode()?;
    /// assert_eq!(result.successfully_deleted_file_ids, vec![a]);
    /// # Ok(()) }
    /// ```
    pub fn fail_bulk_item(&self, file_id: &str, error: &str) {
        let mut state = self.shared.lock();
        state
            .library
            .failing_items
            .insert(file_id.to_owned(), error.to_owned());
    }

    /// Every request received so far, oldest first (failed ones included).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), imagekitio::Error> {
    /// let fake = imagekitio::testing::FakeImageKit::start().await?;
    /// fake.client().list_files(&imagekitio::ListFilesOptions::new().limit(5)).await?;
    /// let requests = fake.requests();
    /// assert_eq!(requests[0].path(), "/v1/files");
    /// assert_eq!(requests[0].query_param("limit").as_deref(), Some("5"));
    /// assert_eq!(requests[0].headers()["authorization"], "<redacted>");
    /// # Ok(()) }
    /// ```
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        self.shared.lock().received.clone()
    }

    /// Forgets the requests received so far (the library is kept).
    pub fn clear_requests(&self) {
        self.shared.lock().received.clear();
    }
}

fn builder_for(address: SocketAddr) -> ImageKitBuilder {
    let base = format!("http://{address}");
    ImageKit::builder()
        .public_key(PUBLIC_KEY)
        .private_key(PRIVATE_KEY)
        .url_endpoint(URL_ENDPOINT)
        .api_base_url(base.clone())
        .upload_base_url(base)
}

/// A request the fake received, as [`FakeImageKit::requests`] lists it.
///
/// The `Authorization` header's value is replaced by `<redacted>`. An upload's body is kept as
/// its text fields and the size of its file, not as the raw form.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ReceivedRequest {
    method: Method,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: Bytes,
    form_fields: Vec<(String, String)>,
    file_size: Option<u64>,
    status: u16,
}

impl ReceivedRequest {
    fn new(
        method: Method,
        path: String,
        query: Option<String>,
        headers: HeaderMap,
        body: Bytes,
        form: Option<&[multipart::Part]>,
        status: u16,
    ) -> Self {
        let (body, form_fields, file_size) = match form {
            None => (body, Vec::new(), None),
            Some(parts) => {
                let fields = parts
                    .iter()
                    .filter(|p| p.name != "file" || p.file_name.is_none())
                    .map(|p| {
                        (
                            p.name.clone(),
                            String::from_utf8_lossy(&p.data).into_owned(),
                        )
                    })
                    .collect();
                let size = parts
                    .iter()
                    .find(|p| p.name == "file")
                    .map(|p| p.data.len() as u64);
                (Bytes::new(), fields, size)
            }
        };
        Self {
            method,
            path,
            query,
            headers,
            body,
            form_fields,
            file_size,
            status,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path, e.g. `/v1/files` or `/api/v1/files/upload`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The raw query string, without `?`.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// One query parameter, decoded.
    pub fn query_param(&self, name: &str) -> Option<String> {
        server::query_pairs(self.query.as_deref())
            .into_iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The headers, with the `Authorization` value replaced by `<redacted>`.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body (JSON for API calls); empty for an upload, see [`Self::form_field`].
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// An upload's text fields (`fileName`, `folder`, `tags`, ...) in the order sent; the
    /// `file` field is among them only when it was text (a URL or base64).
    pub fn form_fields(&self) -> &[(String, String)] {
        &self.form_fields
    }

    /// One text field of an upload.
    pub fn form_field(&self, name: &str) -> Option<&str> {
        self.form_fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The size in bytes of an upload's `file` field.
    pub fn file_size(&self) -> Option<u64> {
        self.file_size
    }

    /// The status the fake answered with.
    pub fn status(&self) -> u16 {
        self.status
    }
}
