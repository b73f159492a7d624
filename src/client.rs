//! [`ImageKit`], the client, and [`ImageKitBuilder`], every knob it has.

use std::{fmt, sync::Arc};

use crate::error::Error;
#[cfg(feature = "client")]
use crate::transport::CallSettings;

#[cfg(feature = "client")]
mod http;

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
    /// What [`ImageKit::with_timeout`], [`ImageKit::with_header`] and the like changed.
    #[cfg(feature = "client")]
    settings: CallSettings,
}

struct Inner {
    public_key: String,
    private_key: String,
    /// Prepared once here so that each URL neither hashes the key nor parses the endpoint.
    prepared_urls: crate::url::PreparedUrls,
    url_endpoint: Option<String>,
    /// The API and upload hosts and how they are called.
    #[cfg(feature = "client")]
    http: http::Hosts,
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
}

impl fmt::Debug for ImageKit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = f.debug_struct("ImageKit");
        shown
            .field("public_key", &self.inner.public_key)
            .field("private_key", &"<redacted>")
            .field("url_endpoint", &self.inner.url_endpoint);
        #[cfg(feature = "client")]
        self.debug_http(&mut shown);
        shown.finish()
    }
}

/// Builds an [`ImageKit`] client; see [`ImageKit::builder`].
#[derive(Clone, Default)]
#[must_use]
pub struct ImageKitBuilder {
    public_key: Option<String>,
    private_key: Option<String>,
    url_endpoint: Option<String>,
    #[cfg(feature = "client")]
    http: http::HostSettings,
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
        #[cfg(feature = "client")]
        let (http, settings) = self.http.build(&private_key)?;
        Ok(ImageKit {
            inner: Arc::new(Inner {
                public_key: self.public_key.unwrap_or_default(),
                prepared_urls: crate::url::PreparedUrls::new(
                    &private_key,
                    url_endpoint.as_deref(),
                )?,
                private_key,
                url_endpoint,
                #[cfg(feature = "client")]
                http,
            }),
            #[cfg(feature = "client")]
            settings,
        })
    }
}

impl fmt::Debug for ImageKitBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = f.debug_struct("ImageKitBuilder");
        shown
            .field("public_key", &self.public_key)
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "<redacted>"),
            )
            .field("url_endpoint", &self.url_endpoint);
        #[cfg(feature = "client")]
        shown.field("http", &self.http);
        shown.finish_non_exhaustive()
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

fn check_base_url(what: &str, url: String) -> Result<String, Error> {
    match ::url::Url::parse(&url) {
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
