//! [`ImageKit::request`]: a call the crate does not wrap, sent as every wrapped call is.

use http::Method;
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    client::ImageKit, error::Error, response::Response, retry::Repeat, transport::header_pair,
};

impl ImageKit {
    /// A request to the Media API that this crate does not wrap (an endpoint newer than its
    /// spec), with the authentication, timeout, retries, redirect refusal, size limit, error
    /// mapping and [`crate::ResponseMetadata`] of every wrapped call.
    ///
    /// `path` is relative to the API base URL and starts with `/` (`/v1/files`); path
    /// segments are sent as given, so percent-encode any that may contain `/`, `?` or `#`.
    /// A path that would leave the base URL (an absolute URL, `//host`, a `.` or `..`
    /// segment) or carries a query or fragment fails at [`RequestBuilder::send`] with
    /// [`Error::InvalidInput`]; query parameters go through [`RequestBuilder::query`].
    ///
    /// GET, HEAD, PUT, DELETE and OPTIONS are retried like the idempotent wrapped calls; POST
    /// and PATCH only when the attempt provably had no effect, unless
    /// [`RequestBuilder::retryable`] says a repeat is harmless.
    ///
    /// ```no_run
    /// use http::Method;
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let files = ik
    ///     .request(Method::GET, "/v1/files")
    ///     .query(&[("path", "/products"), ("limit", "10")])
    ///     .send()
    ///     .await?;
    /// assert!(files.is_array());
    /// println!("{} attempts", files.metadata().attempts());
    /// # Ok(()) }
    /// ```
    pub fn request(&self, method: Method, path: impl Into<String>) -> RequestBuilder {
        let path = path.into();
        let base = progenitor_client::ClientInfo::baseurl(self.api());
        let inner = resolve(base, &path)
            .map(|url| self.http().request(method.clone(), url))
            .map_err(|reason| {
                Error::invalid(format!("the request path {path:?} is refused: {reason}"))
            });
        RequestBuilder {
            client: self.clone(),
            method,
            inner,
            retryable: false,
        }
    }
}

/// A request built by [`ImageKit::request`]; nothing is sent before [`RequestBuilder::send`].
///
/// A mistake while building (a path that leaves the API, a query or body that does not
/// serialize, an invalid or refused header) is reported by `send`, which then sends nothing.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), imagekitio::Error> {
/// use http::Method;
/// use imagekitio::{Error, ImageKit};
///
/// let ik = ImageKit::new("public_k", "private_k", "https://ik.imagekit.io/demo")?;
/// let escape = ik.request(Method::GET, "https://example.com/steal").send().await;
/// assert!(matches!(escape, Err(Error::InvalidInput(_))));
/// let up = ik.request(Method::GET, "/v1/../../admin").send().await;
/// assert!(matches!(up, Err(Error::InvalidInput(m)) if m.contains("..")));
/// # Ok(()) }
/// ```
#[must_use = "nothing is sent until `.send().await`"]
pub struct RequestBuilder {
    client: ImageKit,
    method: Method,
    /// The first mistake, kept for `send`, so that the builder chains without `?`.
    inner: Result<reqwest::RequestBuilder, Error>,
    retryable: bool,
}

impl std::fmt::Debug for RequestBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("method", &self.method)
            .field("retryable", &self.retryable)
            .finish_non_exhaustive()
    }
}

impl RequestBuilder {
    /// Adds query parameters: anything that serializes as a sequence of pairs or a struct
    /// (`&[("limit", "10")]`, a `HashMap`, a `#[derive(Serialize)]` struct). May be called
    /// more than once.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// #[derive(serde::Serialize)]
    /// struct Page { skip: u32, limit: u32 }
    ///
    /// let page = ik
    ///     .request(http::Method::GET, "/v1/files")
    ///     .query(&Page { skip: 0, limit: 5 })
    ///     .send()
    ///     .await?;
    /// assert!(page.as_array().is_some_and(|files| files.len() <= 5));
    /// # Ok(()) }
    /// ```
    pub fn query<Q: Serialize + ?Sized>(mut self, query: &Q) -> Self {
        self.inner = self.inner.map(|r| r.query(query));
        self
    }

    /// Sends `body` as JSON (`Content-Type: application/json`).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let created = ik
    ///     .request(http::Method::POST, "/v1/folder")
    ///     .json(&serde_json::json!({ "folderName": "summer", "parentFolderPath": "/" }))
    ///     .send()
    ///     .await?;
    /// assert_eq!(created.metadata().http_status_code(), 201);
    /// # Ok(()) }
    /// ```
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.inner = self.inner.map(|r| r.json(body));
        self
    }

    /// Adds a header, replacing one of the same name. `Authorization` is refused: the client
    /// authenticates every call with its private key.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), imagekitio::Error> {
    /// let ik = imagekitio::ImageKit::new("public_k", "private_k", "https://ik.imagekit.io/demo")?;
    /// let sent = ik
    ///     .request(http::Method::GET, "/v1/files")
    ///     .header("Authorization", "Bearer other")
    ///     .send()
    ///     .await;
    /// assert!(matches!(sent, Err(imagekitio::Error::InvalidInput(m)) if m.contains("Authorization")));
    /// # Ok(()) }
    /// ```
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        reqwest::header::HeaderName: TryFrom<K>,
        <reqwest::header::HeaderName as TryFrom<K>>::Error: std::fmt::Display,
        reqwest::header::HeaderValue: TryFrom<V>,
        <reqwest::header::HeaderValue as TryFrom<V>>::Error: std::fmt::Display,
    {
        self.inner = self.inner.and_then(|r| {
            let (name, value) = header_pair(name, value).map_err(Error::invalid)?;
            let mut header = reqwest::header::HeaderMap::new();
            header.insert(name, value);
            Ok(r.headers(header))
        });
        self
    }

    /// Whether a repeat of this request is harmless, so that a POST or PATCH is retried after
    /// a 5xx or a lost answer as GET is; default `false`. GET, HEAD, PUT, DELETE and OPTIONS
    /// are retried without it.
    ///
    /// ```
    /// let ik = imagekitio::ImageKit::new("public_k", "private_k", "https://ik.imagekit.io/demo")?;
    /// let purge = ik.request(http::Method::POST, "/v1/files/purge").retryable(true);
    /// assert!(format!("{purge:?}").contains("retryable: true"));
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn retryable(mut self, value: bool) -> Self {
        self.retryable = value;
        self
    }

    /// Sends the request and returns the answer's JSON (`Value::Null` for an empty body), or
    /// the [`Error`] any wrapped call would return (a 404 is [`Error::NotFound`], with the
    /// answer's metadata).
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// let answer = ik.request(http::Method::GET, "/v1/files/598821f949c0a938d57563bd/details")
    ///     .send()
    ///     .await?;
    /// assert_eq!(answer["fileId"], "598821f949c0a938d57563bd");
    /// # Ok(()) }
    /// ```
    pub async fn send(self) -> Result<Response<serde_json::Value>, Error> {
        self.send_as().await
    }

    /// Sends the request and decodes the answer's JSON as `T` (an empty body as `null`, so
    /// `()` and `Option<_>` accept it); a body that does not decode is [`Error::Decode`],
    /// keeping the raw body.
    ///
    /// ```no_run
    /// # async fn run(ik: imagekitio::ImageKit) -> Result<(), imagekitio::Error> {
    /// use imagekitio::api::types::FileDetails;
    ///
    /// let file = ik
    ///     .request(http::Method::GET, "/v1/files/598821f949c0a938d57563bd/details")
    ///     .send_as::<FileDetails>()
    ///     .await?;
    /// assert_eq!(file.file_id.as_deref(), Some("598821f949c0a938d57563bd"));
    /// # Ok(()) }
    /// ```
    pub async fn send_as<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        let request = self.inner?.build().map_err(|e| {
            Error::invalid(format!(
                "the {} request cannot be built: {}",
                self.method,
                crate::error::root_cause(&e)
            ))
        })?;
        let repeat = if self.retryable || is_idempotent(&self.method) {
            Repeat::Safe
        } else {
            Repeat::OnlyIfUnprocessed
        };
        let client = &self.client;
        client
            .transport()
            .request(client.http(), request, client.settings(), repeat)
            .await
    }
}

/// The methods whose repeat has the effect of one request (RFC 9110, 9.2.2).
fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
        Method::TRACE,
    ]
    .contains(method)
}

/// `path` under `base`, or why it would leave it. The textual checks refuse what URL parsers
/// resolve away or read as another host; the last one compares what the parser made of it.
fn resolve(base: &str, path: &str) -> Result<::url::Url, String> {
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(
            "it must be a path relative to the API base URL, starting with one `/`, \
                    such as /v1/files; an absolute URL or `//host` is not accepted"
                .to_owned(),
        );
    }
    if let Some(c) = path
        .chars()
        .find(|c| c.is_control() || c.is_whitespace() || matches!(c, '\\' | '?' | '#'))
    {
        return Err(format!(
            "it contains {c:?}; percent-encode it, and pass query parameters with .query()"
        ));
    }
    let dot_segment = path.split('/').any(|segment| {
        let decoded = segment.replace("%2e", ".").replace("%2E", ".");
        decoded == "." || decoded == ".."
    });
    if dot_segment {
        return Err("a `.` or `..` segment would move the request outside the API".to_owned());
    }
    let base_url = ::url::Url::parse(base).map_err(|e| e.to_string())?;
    let url = ::url::Url::parse(&format!("{}{path}", base.trim_end_matches('/')))
        .map_err(|e| e.to_string())?;
    let base_path = base_url.path().trim_end_matches('/');
    if url.origin() != base_url.origin() || !url.path().starts_with(base_path) {
        return Err(format!(
            "it resolves to {url}, outside the API base URL {base}"
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::resolve;

    const BASE: &str = "https://api.imagekit.io";

    #[test]
    fn a_path_is_appended_to_the_base_url_and_its_prefix() {
        assert_eq!(
            resolve(BASE, "/v1/files").unwrap().as_str(),
            "https://api.imagekit.io/v1/files"
        );
        assert_eq!(
            resolve("https://proxy.example/imagekit/", "/v1/files")
                .unwrap()
                .as_str(),
            "https://proxy.example/imagekit/v1/files"
        );
    }

    #[test]
    fn paths_that_leave_the_base_url_are_refused() {
        for path in [
            "https://evil.example/v1/files",
            "//evil.example/v1/files",
            "v1/files",
            "/v1/../admin",
            "/v1/%2e%2E/admin",
            "/./v1",
            "/v1\\..\\admin",
            "/v1/files?limit=1",
            "/v1/files#top",
            "/v1/fi les",
            "",
        ] {
            assert!(resolve(BASE, path).is_err(), "{path:?} was accepted");
        }
    }
}
