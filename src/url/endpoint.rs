//! URL endpoints: split once per client, checked (no user info, no query, no dot segments),
//! and the path rules shared with the file paths of URLs.

use std::borrow::Cow;

use super::UrlOptions;
use crate::{encode, error::Error, signing::SigningKey};

/// The endpoint of this URL: the call's own, else the client's as split when it was built.
pub(super) fn resolve<'a>(
    endpoint: Option<&'a str>,
    options: &UrlOptions,
    prepared: &'a PreparedUrls,
) -> Result<Endpoint<'a>, Error> {
    match (&options.url_endpoint, &prepared.endpoint) {
        (None, Some(client)) => Ok(Endpoint {
            origin: Cow::Borrowed(&client.origin),
            path: Cow::Borrowed(&client.path),
        }),
        _ => Endpoint::parse(endpoint.ok_or_else(|| {
            Error::invalid(
                "no URL endpoint: set one on the client (ImageKit::new, .url_endpoint() on the \
                 builder, IMAGEKIT_URL_ENDPOINT) or in UrlOptions::url_endpoint",
            )
        })?),
    }
}

/// What URL generation prepares once per client: the signing key, and the client's URL
/// endpoint already split (most URLs use it, so they skip parsing it).
pub(crate) struct PreparedUrls {
    pub(crate) signing_key: SigningKey,
    endpoint: Option<Endpoint<'static>>,
}

impl PreparedUrls {
    pub(crate) fn new(private_key: &str, url_endpoint: Option<&str>) -> Result<Self, Error> {
        let endpoint = url_endpoint
            .and_then(|e| Endpoint::parse(e).ok())
            .map(|e| Endpoint {
                origin: Cow::Owned(e.origin.into_owned()),
                path: Cow::Owned(e.path.into_owned()),
            });
        Ok(Self {
            signing_key: SigningKey::new(private_key)?,
            endpoint,
        })
    }
}

/// Appends `/segment` for each non-empty segment of `path`, encoded: leading, trailing and
/// repeated slashes disappear, as in ImageKit's SDKs.
/// Fails with the offending segment on a `.` or `..` segment: browsers and the CDN resolve
/// them before fetching, so the URL fetched would not be the one built and signed, could lose
/// the `tr:` segment, or leave the endpoint for another account's files on the same host.
pub(super) fn push_path<'a>(out: &mut String, path: &'a str) -> Result<(), &'a str> {
    let trimmed = trim_slashes(path);
    if trimmed.is_empty() {
        return Ok(());
    }
    if is_plain_path(trimmed) {
        // The usual path: nothing to encode, collapse or refuse, one copy.
        out.push('/');
        out.push_str(trimmed);
        return Ok(());
    }
    for segment in trimmed.split('/').filter(|s| !s.is_empty()) {
        if is_dot_segment(segment) {
            return Err(segment);
        }
        out.push('/');
        encode::push(out, segment, &encode::PATH);
    }
    Ok(())
}

/// Whether a URL parser treats `segment` as `.` or `..`: a dot may also be written `%2e`.
pub(super) fn is_dot_segment(segment: &str) -> bool {
    fn strip_dot(s: &str) -> Option<&str> {
        s.strip_prefix('.').or_else(|| {
            s.get(..3)
                .filter(|escape| escape.eq_ignore_ascii_case("%2e"))
                .and_then(|_| s.get(3..))
        })
    }
    strip_dot(segment).is_some_and(|rest| rest.is_empty() || strip_dot(rest) == Some(""))
}

pub(super) fn trim_slashes(s: &str) -> &str {
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|&b| b != b'/').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b != b'/')
        .map_or(start, |i| i + 1);
    // `/` is ASCII, so both ends are character boundaries.
    s.get(start..end).unwrap_or_default()
}

/// Whether `path` (without outer slashes) can be copied as it is: nothing to encode, no
/// repeated slash, and no segment starting with a dot (which may be a `.` or `..` segment).
pub(super) fn is_plain_path(path: &str) -> bool {
    let mut previous = b'/';
    path.bytes().all(|b| {
        let plain = b != b'%'
            && !(b == b'/' && previous == b'/')
            && !(b == b'.' && previous == b'/')
            && encode::PATH.keeps(b);
        previous = b;
        plain
    })
}

/// Whether `url` has a user name or password (`https://user:pass@host/`).
pub(crate) fn has_user_info(url: &::url::Url) -> bool {
    !url.username().is_empty() || url.password().is_some()
}

/// A URL endpoint split into `scheme://authority` and its path (no outer slashes, encoded).
pub(super) struct Endpoint<'a> {
    pub(super) origin: Cow<'a, str>,
    pub(super) path: Cow<'a, str>,
}

impl<'a> Endpoint<'a> {
    pub(super) fn parse(endpoint: &'a str) -> Result<Self, Error> {
        Self::parse_plain(endpoint).map_or_else(|| Self::parse_general(endpoint), Ok)
    }

    /// The common shape — lower-case host, no port, a path that needs no encoding — read
    /// without a URL parser: most endpoints take this path on every call.
    fn parse_plain(endpoint: &'a str) -> Option<Self> {
        let scheme_len = if endpoint.starts_with("https://") {
            8
        } else if endpoint.starts_with("http://") {
            7
        } else {
            return None;
        };
        let rest = endpoint.get(scheme_len..)?;
        let host_len = rest.bytes().position(|b| b == b'/').unwrap_or(rest.len());
        let (host, path) = rest.split_at_checked(host_len)?;
        // Labels of lower-case letters, digits and `-`, none empty, the last one starting
        // with a letter: a URL parser reads such a host as it is. Anything else (an IP
        // address, a last label that is a number, which a parser takes for IPv4) is left to
        // the real parser.
        let plain_label = |label: &str| {
            label
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        let plain_host = host.split('.').all(plain_label)
            && host
                .rsplit('.')
                .next()
                .and_then(|last| last.bytes().next())
                .is_some_and(|b| b.is_ascii_lowercase());
        let path = trim_slashes(path);
        if !plain_host || !is_plain_path(path) {
            return None;
        }
        Some(Self {
            origin: Cow::Borrowed(endpoint.get(..scheme_len + host_len)?),
            path: Cow::Borrowed(path),
        })
    }

    fn parse_general(endpoint: &str) -> Result<Self, Error> {
        let invalid = |why: &str| {
            Error::invalid(format!(
                "the URL endpoint must be an absolute http(s) URL such as \
                 https://ik.imagekit.io/your_imagekit_id, got {endpoint:?} ({why})"
            ))
        };
        let url = ::url::Url::parse(endpoint).map_err(|e| invalid(&e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") || !url.has_host() {
            return Err(invalid("not http(s) with a host"));
        }
        if has_user_info(&url) {
            return Err(invalid(
                "it has a user name or password before `@`, which every URL would carry; \
                 the host is what follows the `@`",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("it has a query or fragment"));
        }
        let mut path = String::new();
        // The parser has already resolved dot segments; one left would be refused here.
        push_path(&mut path, url.path()).map_err(|_| invalid("it has a `.` or `..` segment"))?;
        let path = path.strip_prefix('/').map(str::to_owned).unwrap_or(path);
        Ok(Self {
            origin: Cow::Owned(format!("{}://{}", url.scheme(), url.authority())),
            path: Cow::Owned(path),
        })
    }
}
