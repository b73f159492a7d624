//! [`HttpClientError`]: the HTTP client's own error, kept opaque.

use std::fmt;

/// The HTTP client's own error behind [`crate::Error::Transport`] and
/// [`crate::Error::Timeout`]. Its text
/// and its [`source`](std::error::Error::source) chain say what failed (DNS, refused
/// connection, TLS); the type is opaque so that this crate's API does not follow the HTTP
/// client's major versions.
///
/// ```
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let ik = imagekitio::ImageKit::builder()
///     .private_key("private_key")
///     .api_base_url("http://127.0.0.1:9")
///     .max_retries(0)
///     .build()?;
/// let error = ik.get_file_details("598821f949c0a938d57563bd").await.unwrap_err();
/// if let imagekitio::Error::Transport { source, .. } = &error {
///     assert!(!source.to_string().is_empty());
/// }
/// # Ok(()) }
/// ```
pub struct HttpClientError(pub(crate) HttpClientInner);

#[cfg(feature = "client")]
pub(crate) type HttpClientInner = reqwest::Error;
/// Without the `client` feature nothing is sent, so there is no such error.
#[cfg(not(feature = "client"))]
pub(crate) type HttpClientInner = std::convert::Infallible;

impl fmt::Display for HttpClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for HttpClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl std::error::Error for HttpClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}
