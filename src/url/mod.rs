//! [`UrlOptions`] and [`ImageKit::url`]: delivery URLs, with transformations and signatures,
//! built without any I/O.
//!
//! Inputs follow the seed SDK (`path` or `src`, transformation in the path by default); output is
//! byte-identical with ImageKit's current SDKs (`tr` written raw, paths percent-encoded per
//! RFC 3986, keys in the caller's order), so URLs built here and in a browser share CDN caches.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer};

mod endpoint;
use endpoint::{Endpoint, push_target, resolve};
pub(crate) use endpoint::{PreparedUrls, has_user_info};

use crate::{
    ImageKit, Transformation, TransformationPosition, encode,
    error::Error,
    signing::{self, sign_url},
};

/// What to build a URL for, and how: the options object of ImageKit's SDKs.
///
/// Build it in code, starting from [`UrlOptions::path`] or [`UrlOptions::src`]:
///
/// ```
/// use imagekitio::{ImageKit, Transformation, UrlOptions};
///
/// let ik = ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo")?;
/// let url = ik.url(
///     &UrlOptions::path("/default-image.jpg")
///         .transformation(Transformation::from_static("h-300,w-400:rt-90"))
///         .query_parameter("v", "2"),
/// )?;
/// assert_eq!(url, "https://ik.imagekit.io/demo/tr:h-300,w-400:rt-90/default-image.jpg?v=2");
/// # Ok::<(), imagekitio::Error>(())
/// ```
///
/// or deserialize it from the options of ImageKit's other SDKs (keys in snake_case or
/// camelCase; `expires_in` is accepted for `expire_seconds`; unknown keys are refused):
///
/// ```
/// # let ik = imagekitio::ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo")?;
/// let options: imagekitio::UrlOptions = serde_json::from_str(r#"{
///     "src": "https://ik.imagekit.io/demo/a.jpg",
///     "transformation": [{"width": 300}, {"rotation": 90}]
/// }"#)?;
/// assert_eq!(ik.url(&options)?, "https://ik.imagekit.io/demo/a.jpg?tr=w-300:rt-90");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UrlOptions {
    path: Option<String>,
    src: Option<String>,
    #[serde(alias = "urlEndpoint")]
    url_endpoint: Option<String>,
    transformation: Option<Transformation>,
    #[serde(alias = "transformationPosition")]
    transformation_position: Option<TransformationPosition>,
    #[serde(alias = "queryParameters", deserialize_with = "query_parameters")]
    query_parameters: Vec<(String, String)>,
    signed: Option<bool>,
    #[serde(alias = "expireSeconds", alias = "expires_in", alias = "expiresIn")]
    expire_seconds: Option<u64>,
    #[serde(alias = "expireAt")]
    expire_at: Option<u64>,
}

impl UrlOptions {
    /// A URL for a file path under the URL endpoint (`/folder/image.jpg`); a query in it
    /// (`/a.jpg?v=2`) is kept. A `.` or `..` segment makes [`ImageKit::url`] fail, since the URL
    /// fetched would not be the one built.
    ///
    /// ```
    /// let options = imagekitio::UrlOptions::path("/folder/image.jpg");
    /// ```
    pub fn path(path: impl Into<String>) -> Self {
        Self {
            path: Some(path.into()),
            ..Self::default()
        }
    }

    /// A URL from a full URL (`https://ik.imagekit.io/demo/a.jpg`), whose transformation then
    /// always goes in the query; a relative `src` acts as a path.
    ///
    /// ```
    /// let options = imagekitio::UrlOptions::src("https://ik.imagekit.io/demo/a.jpg");
    /// ```
    pub fn src(src: impl Into<String>) -> Self {
        Self {
            src: Some(src.into()),
            ..Self::default()
        }
    }

    /// The URL endpoint for this URL only, instead of the client's.
    ///
    /// ```
    /// let options = imagekitio::UrlOptions::path("/a.jpg")
    ///     .url_endpoint("https://ik.imagekit.io/other_id/");
    /// ```
    pub fn url_endpoint(mut self, url_endpoint: impl Into<String>) -> Self {
        self.url_endpoint = Some(url_endpoint.into());
        self
    }

    /// The transformation chain.
    ///
    /// ```
    /// let options = imagekitio::UrlOptions::path("/a.jpg")
    ///     .transformation(imagekitio::Transformation::from_static("w-300"));
    /// ```
    pub fn transformation(mut self, transformation: Transformation) -> Self {
        self.transformation = Some(transformation);
        self
    }

    /// In the path (the default) or in the query; an absolute `src` always uses the query.
    ///
    /// ```
    /// let options = imagekitio::UrlOptions::path("/a.jpg")
    ///     .transformation_position(imagekitio::TransformationPosition::Query);
    /// ```
    pub fn transformation_position(mut self, position: TransformationPosition) -> Self {
        self.transformation_position = Some(position);
        self
    }

    /// Adds query parameters, in order, after any query already in `path` or `src`.
    ///
    /// ```
    /// let options = imagekitio::UrlOptions::path("/a.jpg")
    ///     .query_parameters([("v", "2"), ("utm_source", "mail")]);
    /// ```
    pub fn query_parameters<K: Into<String>, V: Into<String>>(
        mut self,
        parameters: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.query_parameters
            .extend(parameters.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Adds one query parameter.
    ///
    /// ```
    /// let options = imagekitio::UrlOptions::path("/a.jpg").query_parameter("v", "2");
    /// ```
    pub fn query_parameter(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query_parameters([(name, value)])
    }

    /// Signs the URL (`ik-s`), or with `false` never signs it, even with an expiry.
    ///
    /// An expiry alone ([`Self::expire_seconds`], [`Self::expire_at`]) also signs, as ImageKit's
    /// current SDKs do; only an explicit `signed(false)` leaves such a URL unsigned.
    ///
    /// ```
    /// let options = imagekitio::UrlOptions::path("/private.jpg").signed(true);
    /// ```
    pub fn signed(mut self, signed: bool) -> Self {
        self.signed = Some(signed);
        self
    }

    /// Signs the URL so that it expires this many seconds from now (`ik-t`); `0` means never.
    ///
    /// ```
    /// let options = imagekitio::UrlOptions::path("/private.jpg").expire_seconds(300);
    /// ```
    pub fn expire_seconds(mut self, seconds: u64) -> Self {
        self.expire_seconds = Some(seconds);
        self
    }

    /// Signs the URL so that it expires at this unix time, in seconds; `0` means never.
    ///
    /// A fixed expiry makes the same URL for every request until then, so browsers and the CDN
    /// can cache it: round up to the next hour, say, instead of "now + 3600".
    ///
    /// ```
    /// let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    /// let next_hour_but_one = (now / 3600 + 2) * 3600;
    /// let options = imagekitio::UrlOptions::path("/private.jpg").expire_at(next_hour_but_one);
    /// ```
    pub fn expire_at(mut self, unix_seconds: u64) -> Self {
        self.expire_at = Some(unix_seconds);
        self
    }
}

/// An ordered map of name -> string, number or boolean; `null` values are left out.
fn query_parameters<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Value {
        Text(String),
        Integer(i64),
        Unsigned(u64),
        Float(f64),
        Flag(bool),
    }
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<(String, String)>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object of query parameter name: value")
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((name, value)) = map.next_entry::<String, Option<Value>>()? {
                let value = match value {
                    None => continue,
                    Some(Value::Text(s)) => s,
                    Some(Value::Integer(n)) => n.to_string(),
                    Some(Value::Unsigned(n)) => n.to_string(),
                    Some(Value::Float(n)) => n.to_string(),
                    Some(Value::Flag(b)) => b.to_string(),
                };
                out.push((name, value));
            }
            Ok(out)
        }
    }
    d.deserialize_any(Visitor)
}

impl ImageKit {
    /// Builds the URL described by `options`; no I/O.
    ///
    /// Fails with [`Error::InvalidInput`] when there is neither `path` nor `src`, when the path
    /// has a `.` or `..` segment, when the URL endpoint is missing or not an absolute `http(s)`
    /// URL, or when a signed URL is asked for a `src` outside the URL endpoint.
    ///
    /// ```
    /// use imagekitio::{ImageKit, Transformation, UrlOptions};
    ///
    /// let ik = ImageKit::new("public_key", "private_key_test", "https://test-domain.com/test-endpoint")?;
    /// let options = UrlOptions::path("/default-image.jpg")
    ///     .transformation(Transformation::from_static("w-400"))
    ///     .expire_at(1700000100);
    /// assert_eq!(
    ///     ik.url(&options)?,
    ///     "https://test-domain.com/test-endpoint/tr:w-400/default-image.jpg\
    ///      ?ik-t=1700000100&ik-s=7585239921c976d08c7f792b95774359576ac7d6"
    /// );
    /// assert!(ik.url(&UrlOptions::default()).is_err());
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn url(&self, options: &UrlOptions) -> Result<String, Error> {
        let transformation = options
            .transformation
            .as_ref()
            .map(Transformation::as_str)
            .filter(|t| !t.is_empty());
        let plain_transformation = transformation.is_none_or(encode::is_plain_transformation);
        // Every way of building a transformation checks this already, but text given as
        // rendered (`Transformation::from_rendered`) is only checked here, where it matters.
        if let Some(reason) = transformation
            .filter(|_| !plain_transformation)
            .and_then(imagekitio_grammar::url_breaking)
        {
            return Err(Error::invalid(reason));
        }
        let expires_at = expiry(options)?;
        let sign = options.signed.unwrap_or(expires_at.is_some());
        let endpoint = options
            .url_endpoint
            .as_deref()
            .or_else(|| self.url_endpoint());
        let prepared = self.prepared_url();

        let (target, absolute) = match (options.path.as_deref(), options.src.as_deref()) {
            (Some(path), _) if !path.is_empty() => {
                if is_absolute(path) {
                    return Err(Error::invalid(format!(
                        "path must be relative to the URL endpoint, got {path:?}; pass a full URL as src"
                    )));
                }
                (path, false)
            }
            (_, Some(src)) if !src.is_empty() => (src, is_absolute(src)),
            _ => {
                return Err(Error::invalid(
                    "a URL needs a path (relative to the URL endpoint) or a src (a full URL); \
                     neither was given",
                ));
            }
        };

        let query_len: usize = options
            .query_parameters
            .iter()
            .map(|(name, value)| name.len() + value.len() + 2)
            .sum();
        // Room for the signature too, so that the output is allocated once.
        let mut out = String::with_capacity(
            endpoint.map_or(0, str::len)
                + target.len()
                + transformation.map_or(0, str::len)
                + query_len
                + 80,
        );
        let in_query;
        let signed_from;
        let query;
        let mut parsed_src = None;
        if absolute {
            let parsed =
                parsed_src.insert(::url::Url::parse(target).map_err(|e| {
                    Error::invalid(format!("src {target:?} is not a valid URL: {e}"))
                })?);
            if has_user_info(parsed) {
                return Err(Error::invalid(format!(
                    "src {target:?} has a user name or password before `@`; the host is what \
                     follows the `@`: pass the URL without it"
                )));
            }
            out.push_str(parsed.scheme());
            out.push_str("://");
            out.push_str(parsed.authority());
            encode::push(&mut out, parsed.path(), &encode::PATH);
            signed_from = if sign {
                if endpoint.is_none() {
                    return Err(Error::invalid(format!(
                        "cannot sign {target:?}: a signed URL must be under the URL endpoint, \
                         because ImageKit checks the signature of the part after it; none is set"
                    )));
                }
                let resolved = resolve(endpoint, options, prepared)?;
                Some(signed_prefix_len(&out, &resolved, target)?)
            } else {
                None
            };
            in_query = transformation.is_some();
            query = parsed.query();
        } else {
            let endpoint = resolve(endpoint, options, prepared)?;
            out.push_str(&endpoint.origin);
            if !endpoint.path.is_empty() {
                out.push('/');
                out.push_str(&endpoint.path);
            }
            let endpoint_end = out.len();
            // The signed part starts after the `/` that follows the endpoint; the code after
            // the path makes sure that `/` is there.
            signed_from = Some(endpoint_end + 1);
            in_query = transformation.is_some()
                && options.transformation_position == Some(TransformationPosition::Query);
            if let Some(t) = transformation.filter(|_| !in_query) {
                out.push_str("/tr:");
                if plain_transformation {
                    out.push_str(t);
                } else {
                    encode::push(&mut out, t, &encode::PATH);
                }
            }
            query = push_target(&mut out, target).map_err(|segment| {
                let path = target.split('?').next().unwrap_or(target);
                Error::invalid(format!(
                    "path {path:?} has a {segment:?} segment, which URL parsers resolve away, so \
                     the URL fetched would not be the one built; pass the path without it"
                ))
            })?;
            // With nothing after the endpoint, a query or signature would start right after
            // it; a `/` first keeps the signed part (and so the signature) exactly the bytes
            // after `endpoint/`, so that `/?a` and `/a` never share a signature.
            if out.len() == endpoint_end
                && (sign
                    || query.is_some_and(|q| !q.is_empty())
                    || in_query
                    || !options.query_parameters.is_empty())
            {
                out.push('/');
            }
        }
        if sign {
            refuse_signature_parameters(query, &options.query_parameters)?;
        }

        let mut has_query = false;
        let mut separator = |out: &mut String| {
            out.push(if has_query { '&' } else { '?' });
            has_query = true;
        };
        if let Some(query) = query.filter(|q| !q.is_empty()) {
            separator(&mut out);
            encode::push(&mut out, query, &encode::EXISTING_QUERY);
        }
        for (name, value) in &options.query_parameters {
            separator(&mut out);
            encode::push(&mut out, name, &encode::FORM);
            out.push('=');
            encode::push(&mut out, value, &encode::FORM);
        }
        if let Some(t) = transformation.filter(|_| in_query) {
            separator(&mut out);
            out.push_str("tr=");
            if plain_transformation {
                out.push_str(t);
            } else {
                push_query_transformation(&mut out, t, sign);
            }
        }
        if sign {
            let signed_from = signed_from.unwrap_or(0);
            sign_url(
                &prepared.signing_key,
                &mut out,
                signed_from,
                expires_at,
                has_query,
            );
        }
        Ok(out)
    }
}

/// The `tr` value of a transformation that needs encoding.
fn push_query_transformation(out: &mut String, t: &str, sign: bool) {
    // URL parsers drop spaces at the end of a URL, so raw trailing spaces would be
    // lost from a value that ends it; escaped, they reach ImageKit.
    let kept = if sign { t } else { t.trim_end_matches(' ') };
    encode::push(out, kept, &encode::QUERY_TRANSFORMATION);
    for _ in kept.len()..t.len() {
        out.push_str("%20");
    }
}

/// Refuses `ik-t` and `ik-s` in the query of a URL about to be signed: ImageKit reads the
/// first of each, so a caller's own would override the expiry or signature appended.
fn refuse_signature_parameters(
    existing: Option<&str>,
    parameters: &[(String, String)],
) -> Result<(), Error> {
    let reserved =
        |name: &str| name.eq_ignore_ascii_case("ik-t") || name.eq_ignore_ascii_case("ik-s");
    let in_existing = existing
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find(|pair| {
            let name = pair.split_once('=').map_or(*pair, |(name, _)| name);
            reserved(&percent_decoded(name))
        });
    let given = parameters
        .iter()
        .map(|(name, _)| name.as_str())
        .find(|n| reserved(n));
    match in_existing.or(given) {
        None => Ok(()),
        Some(found) => Err(Error::invalid(format!(
            "a signed URL cannot carry its own `{found}`: ImageKit reads ik-t and ik-s as the \
             expiry and signature this crate appends. Use expire_seconds or expire_at for the \
             expiry, and leave the signature to signing"
        ))),
    }
}

/// `name` with `%XX` escapes decoded (as the server reads it); invalid escapes stay as they are.
fn percent_decoded(name: &str) -> Cow<'_, str> {
    if !name.contains('%') {
        return Cow::Borrowed(name);
    }
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn is_absolute(target: &str) -> bool {
    let prefix = |p: &str| {
        target
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    };
    prefix("http://") || prefix("https://")
}

/// The expiry to sign, as unix seconds; `0` means none.
fn expiry(options: &UrlOptions) -> Result<Option<u64>, Error> {
    let seconds = options.expire_seconds.filter(|&s| s > 0);
    let at = options.expire_at.filter(|&t| t > 0);
    match (seconds, at) {
        (Some(_), Some(_)) => Err(Error::invalid(
            "give expire_seconds (relative) or expire_at (absolute), not both",
        )),
        (Some(seconds), None) => signing::unix_now()?
            .checked_add(seconds)
            .map(Some)
            .ok_or_else(|| Error::invalid(format!("expire_seconds {seconds} is too far ahead"))),
        (None, at) => Ok(at),
    }
}

/// Where the signed part of an absolute `src` URL starts: just after the URL endpoint.
fn signed_prefix_len(url: &str, endpoint: &Endpoint<'_>, src: &str) -> Result<usize, Error> {
    let mut prefix = String::with_capacity(endpoint.origin.len() + endpoint.path.len() + 2);
    prefix.push_str(&endpoint.origin);
    if !endpoint.path.is_empty() {
        prefix.push('/');
        prefix.push_str(&endpoint.path);
    }
    prefix.push('/');
    if url.starts_with(&prefix) {
        Ok(prefix.len())
    } else {
        Err(Error::invalid(format!(
            "cannot sign {src:?}: a signed URL must be under the URL endpoint ({prefix}), \
             because ImageKit checks the signature of the part after it"
        )))
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for UrlOptions {
    fn schema_name() -> Cow<'static, str> {
        "UrlOptions".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let string = serde_json::json!({"type": "string"});
        let seconds = serde_json::json!({"type": "integer", "minimum": 0});
        let fields: [(&[&str], serde_json::Value); 9] = [
            (&["path"], string.clone()),
            (&["src"], string.clone()),
            (
                &["url_endpoint", "urlEndpoint"],
                serde_json::json!({"type": "string", "format": "uri"}),
            ),
            (
                &["transformation"],
                generator.subschema_for::<Transformation>().to_value(),
            ),
            (
                &["transformation_position", "transformationPosition"],
                generator
                    .subschema_for::<TransformationPosition>()
                    .to_value(),
            ),
            (
                &["query_parameters", "queryParameters"],
                serde_json::json!({
                    "type": "object",
                    "additionalProperties": {"type": ["string", "number", "boolean", "null"]}
                }),
            ),
            (&["signed"], serde_json::json!({"type": "boolean"})),
            (
                &["expire_seconds", "expireSeconds", "expires_in", "expiresIn"],
                seconds.clone(),
            ),
            (&["expire_at", "expireAt"], seconds),
        ];
        let mut properties = serde_json::Map::new();
        for (names, schema) in fields {
            for name in names {
                properties.insert((*name).to_owned(), schema.clone());
            }
        }
        schemars::json_schema!({
            "description": "Options of ImageKit::url: a path or a src, and how to transform and sign it.",
            "type": "object",
            "properties": properties,
            "additionalProperties": false
        })
    }
}
