//! [`ImageKit`], the client, and [`ImageKitBuilder`], every knob it has.

use std::{fmt, sync::Arc, time::Duration};

use base64::Engine as _;
use reqwest::header::HeaderValue;

use crate::{
    error::Error,
    retry::RetryPolicy,
    transport::{CallSettings, Transport},
};

const DEFAULT_API_BASE_URL: &str = "https://api.imagekit.io";
const DEFAULT_UPLOAD_BASE_URL: &str = "https://upload.imagekit.io";
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Room for the largest real answer many times over: a `list_files` page of 1,000 files with
/// full metadata (tags, AI tags, custom metadata, description) is about 2.5 MB.
const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;

/// The ImageKit client: URL generation, uploads and the Media API.
///
/// Cheap to clone (one `Arc`), `Send + Sync`, one connection pool shared by clones and by both
/// ImageKit hosts. Its `Debug` output never contains the private key.
///
/// Calls are retried and time-limited as the README's "Reliability" section says; the
/// builder sets this for the client, [`ImageKit::with_timeout`] and
/// [`ImageKit::with_max_retries`] for some calls.
///
/// ```
/// use imagekitio::ImageKit;
///
/// let ik = ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/your_imagekit_id")?;
/// # Ok::<(), imagekitio::Error>(())
/// ```
#[derive(Clone)]
pub struct ImageKit {
    inner: Arc<Inner>,
    /// What [`ImageKit::with_timeout`] and [`ImageKit::with_max_retries`] changed.
    settings: CallSettings,
}

struct Inner {
    public_key: String,
    private_key: String,
    /// Prepared once here so that each URL neither hashes the key nor parses the endpoint.
    prepared_urls: crate::url::PreparedUrls,
    url_endpoint: Option<String>,
    upload_base_url: String,
    api: crate::api::Client,
    transport: Transport,
}

impl ImageKit {
    /// A client with the three values from the ImageKit dashboard and every default.
    ///
    /// Fails with [`Error::InvalidInput`] when the private key is empty, when the keys are given
    /// the wrong way round (ImageKit's keys start with `public_` and `private_`), or when the URL
    /// endpoint is not an absolute `http(s)` URL.
    ///
    /// ```
    /// use imagekitio::ImageKit;
    ///
    /// let swapped = ImageKit::new("private_abc", "public_xyz", "https://ik.imagekit.io/demo");
    /// assert!(swapped.unwrap_err().to_string().contains("swapped"));
    /// ```
    pub fn new(
        public_key: impl Into<String>,
        private_key: impl Into<String>,
        url_endpoint: impl Into<String>,
    ) -> Result<Self, Error> {
        Self::builder()
            .public_key(public_key)
            .private_key(private_key)
            .url_endpoint(url_endpoint)
            .build()
    }

    /// A client configured from `IMAGEKIT_PRIVATE_KEY` (required), `IMAGEKIT_PUBLIC_KEY` and
    /// `IMAGEKIT_URL_ENDPOINT`.
    ///
    /// ```no_run
    /// let ik = imagekitio::ImageKit::from_env()?;
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn from_env() -> Result<Self, Error> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let mut builder = Self::builder();
        builder.private_key = var("IMAGEKIT_PRIVATE_KEY");
        builder.public_key = var("IMAGEKIT_PUBLIC_KEY");
        builder.url_endpoint = var("IMAGEKIT_URL_ENDPOINT");
        builder.build()
    }

    /// A builder for every setting: keys, endpoint, base URLs, timeouts, HTTP client.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ik = imagekitio::ImageKit::builder()
    ///     .public_key("public_key")
    ///     .private_key("private_key")
    ///     .url_endpoint("https://ik.imagekit.io/your_imagekit_id")
    ///     .timeout(Duration::from_secs(30))
    ///     .build()?;
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn builder() -> ImageKitBuilder {
        ImageKitBuilder::default()
    }

    /// This client with another timeout for each attempt of its calls (for an upload, the
    /// stall limit). The connection pool is shared; the original client is unchanged.
    ///
    /// ```
    /// use std::time::Duration;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// // A large page may take long, without raising the limit of every other call.
    /// let everything = imagekitio::ListFilesOptions::new().limit(1000);
    /// let files = ik.with_timeout(Duration::from_secs(180)).list_files(&everything).await?;
    /// # let _ = files; Ok(()) }
    /// ```
    pub fn with_timeout(&self, timeout: Duration) -> ImageKit {
        let mut client = self.clone();
        client.settings.timeout = timeout;
        client
    }

    /// This client with another number of retries for its calls; 0 disables them. The
    /// connection pool is shared; the original client is unchanged.
    ///
    /// ```
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// // A health check should report the first failure, not hide it behind retries.
    /// ik.with_max_retries(0)
    ///     .list_files(&imagekitio::ListFilesOptions::new().limit(1))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn with_max_retries(&self, max_retries: u32) -> ImageKit {
        let mut client = self.clone();
        client.settings.retry.max_retries = max_retries;
        client
    }

    /// This client with a header added to every request it sends (Media API calls, uploads
    /// and [`ImageKit::request`]), replacing a header of the same name the call sets: for a
    /// parameter newer than the spec, or a header a proxy wants. The connection pool is
    /// shared; the original client is unchanged.
    ///
    /// `Authorization` is refused, as are an invalid name or value: every request of the
    /// returned client then fails with [`Error::InvalidInput`] naming the header, before
    /// anything is sent.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), imagekitio::Error> {
    /// use imagekitio::{Error, ImageKit};
    ///
    /// let ik = ImageKit::new("public_k", "private_k", "https://ik.imagekit.io/demo")?;
    /// let traced = ik.with_header("x-request-id", "checkout-42");
    /// # let _ = traced;
    ///
    /// // Refused before anything is sent.
    /// let other_key = ik.with_header("Authorization", "Basic b3RoZXI6");
    /// let error = other_key.get_file_details("598821f949c0a938d57563bd").await.unwrap_err();
    /// assert!(matches!(&error, Error::InvalidInput(m) if m.contains("Authorization")));
    /// # Ok(()) }
    /// ```
    pub fn with_header<K, V>(&self, name: K, value: V) -> ImageKit
    where
        reqwest::header::HeaderName: TryFrom<K>,
        <reqwest::header::HeaderName as TryFrom<K>>::Error: fmt::Display,
        HeaderValue: TryFrom<V>,
        <HeaderValue as TryFrom<V>>::Error: fmt::Display,
    {
        let mut client = self.clone();
        Arc::make_mut(&mut client.settings.extras).add_header(name, value);
        client
    }

    /// This client with a query parameter appended to every request it sends (Media API
    /// calls, uploads and [`ImageKit::request`]): for a parameter newer than the spec. The
    /// parameter is added after those of the call, even one of the same name. The connection
    /// pool is shared; the original client is unchanged.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// // A filter ImageKit added after this crate's spec was written.
    /// let files = ik
    ///     .with_query("includeDeleted", "false")
    ///     .list_files(&imagekitio::ListFilesOptions::new())
    ///     .await?;
    /// assert!(files.metadata().http_status_code().is_success());
    /// # Ok(()) }
    /// ```
    pub fn with_query(&self, name: impl Into<String>, value: impl Into<String>) -> ImageKit {
        let mut client = self.clone();
        Arc::make_mut(&mut client.settings.extras).add_query(name.into(), value.into());
        client
    }

    /// The generated client for the API host, for anything this layer does not wrap.
    ///
    /// It shares this client's connection pool and authentication, and the client's own
    /// timeout and retries (not those of [`ImageKit::with_timeout`] or
    /// [`ImageKit::with_max_retries`], nor what [`ImageKit::with_header`] and
    /// [`ImageKit::with_query`] add). For a call the spec does not have, see
    /// [`ImageKit::request`].
    pub fn api(&self) -> &crate::api::Client {
        &self.inner.api
    }

    /// The public key, as configured (empty when none was given).
    pub fn public_key(&self) -> &str {
        &self.inner.public_key
    }

    /// The default URL endpoint, if one was configured.
    pub fn url_endpoint(&self) -> Option<&str> {
        self.inner.url_endpoint.as_deref()
    }

    pub(crate) fn private_key(&self) -> &str {
        &self.inner.private_key
    }

    pub(crate) fn prepared_url(&self) -> &crate::url::PreparedUrls {
        &self.inner.prepared_urls
    }

    pub(crate) fn upload_base_url(&self) -> &str {
        &self.inner.upload_base_url
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        progenitor_client::ClientInfo::client(&self.inner.api)
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// The settings of this client's calls.
    pub(crate) fn settings(&self) -> &CallSettings {
        &self.settings
    }
}

impl fmt::Debug for ImageKit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImageKit")
            .field("public_key", &self.inner.public_key)
            .field("private_key", &"<redacted>")
            .field("url_endpoint", &self.inner.url_endpoint)
            .field(
                "api_base_url",
                &progenitor_client::ClientInfo::baseurl(&self.inner.api),
            )
            .field("upload_base_url", &self.inner.upload_base_url)
            .field("timeout", &self.settings.timeout)
            .field("retry", &self.settings.retry)
            .field("extras", &self.settings.extras)
            .finish()
    }
}

/// Builds an [`ImageKit`] client; see [`ImageKit::builder`].
#[derive(Clone, Default)]
#[must_use]
pub struct ImageKitBuilder {
    public_key: Option<String>,
    private_key: Option<String>,
    url_endpoint: Option<String>,
    api_base_url: Option<String>,
    upload_base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    http_client: Option<reqwest::Client>,
    retry: RetryPolicy,
    max_response_bytes: Option<u64>,
}

impl ImageKitBuilder {
    /// The public key (used in client-side upload parameters).
    pub fn public_key(mut self, key: impl Into<String>) -> Self {
        self.public_key = Some(key.into());
        self
    }

    /// The private key: authenticates API calls and signs URLs. Required.
    pub fn private_key(mut self, key: impl Into<String>) -> Self {
        self.private_key = Some(key.into());
        self
    }

    /// The default URL endpoint for [`ImageKit::url`], e.g. `https://ik.imagekit.io/your_imagekit_id`.
    pub fn url_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.url_endpoint = Some(endpoint.into());
        self
    }

    /// The Media API base URL; default `https://api.imagekit.io`. Useful for tests and proxies.
    pub fn api_base_url(mut self, url: impl Into<String>) -> Self {
        self.api_base_url = Some(url.into());
        self
    }

    /// The upload base URL; default `https://upload.imagekit.io`.
    pub fn upload_base_url(mut self, url: impl Into<String>) -> Self {
        self.upload_base_url = Some(url.into());
        self
    }

    /// Time allowed for each attempt of a request, answer included; default 60 s. For an
    /// upload it is a stall limit instead: an upload fails only when no byte moved for this
    /// long, so a large file is not cut off. [`ImageKit::with_timeout`] overrides it per call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time allowed to open a connection; default 10 s. Ignored with [`Self::http_client`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Retries after the first attempt; default 2, and 0 disables retries.
    /// [`ImageKit::with_max_retries`] overrides it per call.
    ///
    /// What is retried, and when, is in the README's "Reliability" section.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The wait before the first retry, and the longest one; default 0.5 s and 8 s. The wait
    /// doubles for each further retry, less a random part of up to a quarter so that clients
    /// that failed together do not retry together. A wait the server asks for
    /// (`Retry-After`, `X-RateLimit-Reset`) is used instead.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ik = imagekitio::ImageKit::builder()
    ///     .private_key("private_key")
    ///     .retry_backoff(Duration::from_millis(200), Duration::from_secs(2))
    ///     .build()?;
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_backoff = initial;
        self.retry.max_backoff = max.max(initial);
        self
    }

    /// The longest wait a server may ask for before a retry; default 60 s. When a 429 or 503
    /// asks for more (`Retry-After`, `X-RateLimit-Reset`), the call does not wait: it fails at
    /// once with the error, whose [`crate::ApiError::rate_limit`] says when to come back.
    pub fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.retry.max_server_wait = wait;
        self
    }

    /// The largest answer body a call reads, in bytes; default 32 MiB. A larger answer fails
    /// the call with [`Error::ResponseTooLarge`] as soon as it is announced or read, instead of
    /// filling memory.
    ///
    /// ```
    /// let ik = imagekitio::ImageKit::builder()
    ///     .private_key("private_key")
    ///     .max_response_size(8 * 1024 * 1024)
    ///     .build()?;
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_bytes = Some(bytes);
        self
    }

    /// Uses this `reqwest::Client` (its pool, proxy and TLS settings) instead of building one.
    ///
    /// Build it with `redirect(reqwest::redirect::Policy::none())`: a call whose request the
    /// client redirected fails with [`Error::Redirect`], since ImageKit's API never redirects.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<ImageKit, Error> {
        let private_key = self.private_key.filter(|k| !k.is_empty()).ok_or_else(|| {
            Error::invalid(
                "the private key is missing: pass it to ImageKit::new, call .private_key() on \
                 the builder, or set IMAGEKIT_PRIVATE_KEY",
            )
        })?;
        check_key_kinds(self.public_key.as_deref(), &private_key)?;
        let url_endpoint = self
            .url_endpoint
            .map(|e| check_base_url("url_endpoint", e))
            .transpose()?;
        let api_base_url = check_host_url(
            "api_base_url",
            self.api_base_url
                .unwrap_or_else(|| DEFAULT_API_BASE_URL.into()),
        )?;
        let upload_base_url = check_host_url(
            "upload_base_url",
            self.upload_base_url
                .unwrap_or_else(|| DEFAULT_UPLOAD_BASE_URL.into()),
        )?;
        let http = match self.http_client {
            Some(client) => client,
            None => build_http_client(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))?,
        };
        let credentials =
            base64::engine::general_purpose::STANDARD.encode(format!("{private_key}:"));
        let mut authorization = HeaderValue::try_from(format!("Basic {credentials}"))
            .map_err(|_| Error::invalid("the private key cannot be sent in an HTTP header"))?;
        authorization.set_sensitive(true);
        let settings = CallSettings {
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            retry: self.retry,
            extras: Arc::default(),
        };
        let transport = Transport::new(
            authorization,
            settings.clone(),
            self.max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
        );
        let api = crate::api::Client::new_with_client(
            api_base_url.trim_end_matches('/'),
            http,
            transport.clone(),
        );
        Ok(ImageKit {
            inner: Arc::new(Inner {
                public_key: self.public_key.unwrap_or_default(),
                prepared_urls: crate::url::PreparedUrls::new(
                    &private_key,
                    url_endpoint.as_deref(),
                )?,
                private_key,
                url_endpoint,
                upload_base_url: upload_base_url.trim_end_matches('/').to_owned(),
                api,
                transport,
            }),
            settings,
        })
    }
}

impl fmt::Debug for ImageKitBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImageKitBuilder")
            .field("public_key", &self.public_key)
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "<redacted>"),
            )
            .field("url_endpoint", &self.url_endpoint)
            .field("api_base_url", &self.api_base_url)
            .field("upload_base_url", &self.upload_base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// ImageKit's keys say what they are (`public_…`, `private_…`): refuses keys given the wrong
/// way round, as the Python snippets do (`private_key` first), before a call fails with a 401
/// or a private key ends up in client-side upload parameters. Keys of another shape pass.
/// The message never shows a key.
fn check_key_kinds(public_key: Option<&str>, private_key: &str) -> Result<(), Error> {
    let swapped = "pass the public key first and the private key second \
                   (ImageKit::new(public_key, private_key, url_endpoint)), or use the builder's \
                   .public_key() and .private_key()";
    if private_key.starts_with("public_") {
        return Err(Error::invalid(format!(
            "the private key given starts with `public_`: it is the public key, so the keys \
             are swapped; {swapped}"
        )));
    }
    if public_key.is_some_and(|k| k.starts_with("private_")) {
        return Err(Error::invalid(format!(
            "the public key given starts with `private_`: it is the private key, which must \
             never be sent to browsers; {swapped}"
        )));
    }
    Ok(())
}

/// An API host the client can reach: without a TLS feature, only `http://` (a local proxy or
/// test server).
fn check_host_url(what: &str, url: String) -> Result<String, Error> {
    let url = check_base_url(what, url)?;
    let tls = cfg!(any(
        feature = "rustls-ring",
        feature = "rustls-aws-lc-rs",
        feature = "native-tls"
    ));
    if !tls
        && url
            .get(..6)
            .is_some_and(|s| s.eq_ignore_ascii_case("https:"))
    {
        return Err(Error::invalid(format!(
            "{what} is https but imagekitio was built without TLS: enable one of its features \
             `rustls-ring` (the default), `rustls-aws-lc-rs` or `native-tls`, got {url:?}"
        )));
    }
    Ok(url)
}

fn check_base_url(what: &str, url: String) -> Result<String, Error> {
    match reqwest::Url::parse(&url) {
        Ok(parsed) if crate::url::has_user_info(&parsed) => Err(Error::invalid(format!(
            "{what} must not carry a user name or password (the part before `@`), got {url:?}: \
             in `https://ik.imagekit.io@evil.example/` the host is evil.example. Give the \
             keys to the builder instead"
        ))),
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => Ok(url),
        _ => Err(Error::invalid(format!(
            "{what} must be an absolute http(s) URL such as https://ik.imagekit.io/your_imagekit_id, got {url:?}"
        ))),
    }
}

fn build_http_client(connect_timeout: Duration) -> Result<reqwest::Client, Error> {
    let builder = reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        // ImageKit's API does not redirect; see `Transport::execute_once`.
        .redirect(reqwest::redirect::Policy::none());
    with_tls(builder)?
        .build()
        .map_err(|e| Error::invalid(format!("cannot build the HTTP client: {e}")))
}

/// TLS for this client only: the provider is handed to this client's configuration and never
/// installed process-wide, so an application stays free to install its own. One the
/// application did install is used, as reqwest itself would.
#[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc-rs"))]
fn with_tls(builder: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder, Error> {
    use rustls_platform_verifier::BuilderVerifierExt as _;
    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(crate_provider()));
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|config| config.with_platform_verifier())
        .map_err(|e| Error::invalid(format!("cannot set up TLS: {e}")))?
        .with_no_client_auth();
    Ok(builder.tls_backend_preconfigured(tls))
}

#[cfg(feature = "rustls-ring")]
fn crate_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

#[cfg(all(feature = "rustls-aws-lc-rs", not(feature = "rustls-ring")))]
fn crate_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::aws_lc_rs::default_provider()
}

#[cfg(all(
    feature = "native-tls",
    not(any(feature = "rustls-ring", feature = "rustls-aws-lc-rs"))
))]
fn with_tls(builder: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder, Error> {
    Ok(builder.tls_backend_native())
}

/// Without a TLS feature only `http://` hosts work; `check_host_url` says so for `https://`.
#[cfg(not(any(
    feature = "rustls-ring",
    feature = "rustls-aws-lc-rs",
    feature = "native-tls"
)))]
fn with_tls(builder: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder, Error> {
    Ok(builder)
}
