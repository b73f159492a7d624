//! What [`crate::ImageKit::with_header`] and [`crate::ImageKit::with_query`] add to every
//! request of a handle: parameters newer than the spec, tracing headers, a proxy's own.

use std::fmt;

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};

use crate::error::Error;

/// Headers and query parameters added to each request, after the call's own.
#[derive(Clone, Default)]
pub(crate) struct Extras {
    headers: Vec<(HeaderName, HeaderValue)>,
    query: Vec<(String, String)>,
    /// Why a header could not be added. `with_header` returns a handle, not a `Result`, as
    /// `with_timeout` does; every request of the handle then fails with this reason instead
    /// of going out without the header.
    refused: Option<String>,
}

/// Names only: a header value can be a secret (a proxy's token).
impl fmt::Debug for Extras {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Extras")
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field(
                "query",
                &self.query.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("refused", &self.refused)
            .finish()
    }
}

impl Extras {
    /// Adds a header for every request, or records why it cannot be.
    pub(crate) fn add_header<K, V>(&mut self, name: K, value: V)
    where
        HeaderName: TryFrom<K>,
        <HeaderName as TryFrom<K>>::Error: fmt::Display,
        HeaderValue: TryFrom<V>,
        <HeaderValue as TryFrom<V>>::Error: fmt::Display,
    {
        match header_pair(name, value) {
            Ok(pair) => self.headers.push(pair),
            Err(reason) => {
                self.refused.get_or_insert(reason);
            }
        }
    }

    /// Adds a query parameter for every request.
    pub(crate) fn add_query(&mut self, name: String, value: String) {
        self.query.push((name, value));
    }

    /// Adds the headers (replacing a header of the same name the call set) and appends the
    /// query parameters; fails when a header was refused.
    pub(crate) fn apply(&self, request: &mut reqwest::Request) -> Result<(), Error> {
        if let Some(reason) = &self.refused {
            return Err(Error::invalid(reason.clone()));
        }
        for (name, value) in &self.headers {
            request.headers_mut().insert(name.clone(), value.clone());
        }
        if !self.query.is_empty() {
            request
                .url_mut()
                .query_pairs_mut()
                .extend_pairs(&self.query);
        }
        Ok(())
    }
}

/// A header a caller adds to a request, checked: a valid name and value, and never
/// `Authorization`, which the client sets from its private key. The reason never shows the
/// value, which may be a secret.
pub(crate) fn header_pair<K, V>(name: K, value: V) -> Result<(HeaderName, HeaderValue), String>
where
    HeaderName: TryFrom<K>,
    <HeaderName as TryFrom<K>>::Error: fmt::Display,
    HeaderValue: TryFrom<V>,
    <HeaderValue as TryFrom<V>>::Error: fmt::Display,
{
    let name = HeaderName::try_from(name)
        .map_err(|e| format!("a header added to the request has an invalid name: {e}"))?;
    if name == AUTHORIZATION {
        return Err(
            "the Authorization header cannot be set per request: the client authenticates \
             every call with its private key; build another ImageKit with the other key instead"
                .to_owned(),
        );
    }
    let value = HeaderValue::try_from(value).map_err(|e| {
        format!("the value of the header `{name}` is not a valid HTTP header value: {e}")
    })?;
    Ok((name, value))
}
