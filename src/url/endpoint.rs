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

/// Appends the path of `target` (what comes before its first `?`) as [`push_path`] does, and
/// returns the query after the `?`. The usual target is read in one pass, without splitting
/// it first.
pub(super) fn push_target<'a>(
    out: &mut String,
    target: &'a str,
) -> Result<Option<&'a str>, &'a str> {
    if let Some((path, query)) = split_plain(target) {
        if !path.is_empty() {
            out.push('/');
            out.push_str(path);
        }
        return Ok(query);
    }
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    push_path(out, path)?;
    Ok(query)
}

/// `target` as a plain path without outer slashes (see [`is_plain_path`]) and the query after
/// its first `?`; `None` when the path needs encoding, collapsing or refusing.
fn split_plain(target: &str) -> Option<(&str, Option<&str>)> {
    let body = target.strip_prefix('/').unwrap_or(target);
    let end = plain_prefix_len(body);
    let (path, rest) = body.split_at_checked(end)?;
    if !(rest.is_empty() || rest.starts_with('?')) {
        return None;
    }
    Some((
        path.strip_suffix('/').unwrap_or(path),
        rest.strip_prefix('?'),
    ))
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
    plain_prefix_len(path) == path.len()
}

/// What each byte is to a plain path: one that a path keeps (except `%`, whose escapes would
/// need checking), a `/`, a `.`, or one that ends the plain part.
const PLAIN_CLASS: [u8; 256] = {
    let mut table = [STOP; 256];
    let mut b = 0;
    while b < 256 {
        if b != b'%' as usize && encode::PATH.keeps(b as u8) {
            table[b] = KEPT;
        }
        b += 1;
    }
    table[b'/' as usize] = SLASH;
    table[b'.' as usize] = DOT;
    table
};
const STOP: u8 = 0;
const KEPT: u8 = 1;
const SLASH: u8 = 2;
const DOT: u8 = 3;

/// How many bytes at the start of `path` (without its leading slash) are plain: kept bytes,
/// with no repeated slash and no segment starting with a dot.
fn plain_prefix_len(path: &str) -> usize {
    // Runs over every path of every URL built: one table lookup per byte.
    let mut after_slash = true;
    for (i, &b) in path.as_bytes().iter().enumerate() {
        let class = PLAIN_CLASS[usize::from(b)];
        if class == KEPT {
            after_slash = false;
            continue;
        }
        if class == STOP || after_slash {
            return i;
        }
        after_slash = class == SLASH;
    }
    path.len()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The general reading: split at the first `?`, then each segment by the path rules.
    fn general(target: &str) -> (String, Result<Option<&str>, &str>) {
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (target, None),
        };
        let mut out = String::new();
        let result = push_path(&mut out, path).map(|()| query);
        (out, result)
    }

    #[test]
    fn the_one_pass_reading_of_a_target_agrees_with_the_general_rules() {
        let targets = [
            "/folder/default-image.jpg",
            "folder/a.jpg?v=2&w=3",
            "/a.jpg?",
            "/?v=1",
            "?v=1",
            "/",
            "",
            "/a/b/",
            "/a/b/?x",
            "//a//b//",
            "/a/./b",
            "/a/../b",
            "/.hidden/a.jpg",
            "/a/.b",
            "/a/%2e%2e/b",
            "/a%20b.jpg",
            "/a b.jpg",
            "/ünï.jpg",
            "/a.jpg?x=/..",
            "/a:b@c!$&'()*+,;=.jpg",
            "/a#b",
        ];
        for target in targets {
            let mut out = String::new();
            let one_pass = push_target(&mut out, target);
            assert_eq!((out, one_pass), general(target), "{target:?}");
        }
    }

    #[test]
    fn a_plain_path_is_one_that_needs_no_rule() {
        assert!(is_plain_path("folder/a-b_c~1.jpg"));
        for path in ["a//b", ".a", "a/.b", "a/%41", "a b", "a?b", "é"] {
            assert!(!is_plain_path(path), "{path:?}");
        }
    }
}
