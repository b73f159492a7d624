//! The HTTP half of [`ImageKit`] (feature `client`): the API and upload hosts, the knobs of
//! their calls, and the TLS set up for this client alone.

use std::{fmt, sync::Arc, time::Duration};

use base64::Engine as _;
use reqwest::header::HeaderValue;

use super::{ImageKit, ImageKitBuilder, check_base_url};
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

/// The hosts a client calls, built once and shared by its clones.
pub(super) struct Hosts {
    upload_base_url: String,
    api: crate::api::Client,
    transport: Transport,
}

/// What the builder was told about the hosts.
#[derive(Clone, Default, Debug)]
pub(super) struct HostSettings {
    api_base_url: Option<String>,
    upload_base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    http_client: Option<reqwest::Client>,
    retry: RetryPolicy,
    max_response_bytes: Option<u64>,
}

impl HostSettings {
    pub(super) fn build(self, private_key: &str) -> Result<(Hosts, CallSettings), Error> {
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
        let hosts = Hosts {
            upload_base_url: upload_base_url.trim_end_matches('/').to_owned(),
            api,
            transport,
        };
        Ok((hosts, settings))
    }
}

impl ImageKit {
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
        &self.inner.http.api
    }

    pub(crate) fn upload_base_url(&self) -> &str {
        &self.inner.http.upload_base_url
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        progenitor_client::ClientInfo::client(&self.inner.http.api)
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.inner.http.transport
    }

    /// The settings of this client's calls.
    pub(crate) fn settings(&self) -> &CallSettings {
        &self.settings
    }

    pub(super) fn debug_http(&self, shown: &mut fmt::DebugStruct<'_, '_>) {
        shown
            .field(
                "api_base_url",
                &progenitor_client::ClientInfo::baseurl(&self.inner.http.api),
            )
            .field("upload_base_url", &self.inner.http.upload_base_url)
            .field("timeout", &self.settings.timeout)
            .field("retry", &self.settings.retry)
            .field("extras", &self.settings.extras);
    }
}

impl ImageKitBuilder {
    /// The Media API base URL; default `https://api.imagekit.io`. Useful for tests and proxies.
    pub fn api_base_url(mut self, url: impl Into<String>) -> Self {
        self.http.api_base_url = Some(url.into());
        self
    }

    /// The upload base URL; default `https://upload.imagekit.io`.
    pub fn upload_base_url(mut self, url: impl Into<String>) -> Self {
        self.http.upload_base_url = Some(url.into());
        self
    }

    /// Time allowed for each attempt of a request, answer included; default 60 s. For an
    /// upload it is a stall limit instead: an upload fails only when no byte moved for this
    /// long, so a large file is not cut off. [`ImageKit::with_timeout`] overrides it per call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.http.timeout = Some(timeout);
        self
    }

    /// Time allowed to open a connection; default 10 s. Ignored with [`Self::http_client`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.http.connect_timeout = Some(timeout);
        self
    }

    /// Retries after the first attempt; default 2, and 0 disables retries.
    /// [`ImageKit::with_max_retries`] overrides it per call.
    ///
    /// What is retried, and when, is in the README's "Reliability" section.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.http.retry.max_retries = retries;
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
        self.http.retry.initial_backoff = initial;
        self.http.retry.max_backoff = max.max(initial);
        self
    }

    /// The longest wait a server may ask for before a retry; default 60 s. When a 429 or 503
    /// asks for more (`Retry-After`, `X-RateLimit-Reset`), the call does not wait: it fails at
    /// once with the error, whose [`crate::ApiError::rate_limit`] says when to come back.
    pub fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.http.retry.max_server_wait = wait;
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
        self.http.max_response_bytes = Some(bytes);
        self
    }

    /// Uses this `reqwest::Client` (its pool, proxy and TLS settings) instead of building one.
    ///
    /// Build it with `redirect(reqwest::redirect::Policy::none())`: a call whose request the
    /// client redirected fails with [`Error::Redirect`], since ImageKit's API never redirects.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http.http_client = Some(client);
        self
    }
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
