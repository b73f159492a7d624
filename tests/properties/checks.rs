//! The properties the fuzz targets (`fuzz/`) check with libFuzzer's inputs, and
//! `tests/properties.rs` with proptest's, in CI. Each `check_*` panics when its property fails.

use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use http::{HeaderMap, HeaderName, HeaderValue};
use imagekitio::{
    Error, ImageKit, Transformation, TransformationPosition, UrlOptions,
    api::types,
    webhooks::{Event, Verifier, WebhookError},
};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

/// A value of a transformation step.
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
#[derive(Clone, Debug)]
pub enum Scalar {
    Text(String),
    Integer(i64),
    Number(f64),
    Flag(bool),
    Null,
    /// An overlay object: its type, its input (text, path or colour) and encoding.
    Layer {
        kind: String,
        input: String,
        encoding: String,
    },
}

/// Everything `ImageKit::url` takes.
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
#[derive(Clone, Debug)]
pub struct UrlInput {
    pub target: String,
    pub absolute: bool,
    pub endpoint: Option<String>,
    pub steps: Vec<Vec<(String, Scalar)>>,
    pub rendered: Option<String>,
    pub in_query: bool,
    pub query: Vec<(String, String)>,
    pub signed: bool,
    pub expire_seconds: Option<u64>,
    pub expire_at: Option<u64>,
}

fn value(scalar: Scalar) -> Value {
    match scalar {
        Scalar::Text(text) => Value::String(text),
        Scalar::Integer(n) => Value::from(n),
        Scalar::Number(n) => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
        Scalar::Flag(b) => Value::Bool(b),
        Scalar::Null => Value::Null,
        Scalar::Layer {
            kind,
            input,
            encoding,
        } => serde_json::json!({"type": kind, "input": input, "encoding": encoding}),
    }
}

/// `ImageKit::url` never panics; every URL it returns parses, stays under the client's
/// endpoint (for a path) once parsed and, when asked, is signed; every refusal is
/// `Error::InvalidInput`.
pub fn check_url_builder(ik: &ImageKit, input: UrlInput) {
    // A path under the client's endpoint must stay under it once a parser has resolved it.
    let under_endpoint = !input.absolute && input.endpoint.is_none();
    let mut options = if input.absolute {
        UrlOptions::src(input.target)
    } else {
        UrlOptions::path(input.target)
    };
    if let Some(endpoint) = input.endpoint {
        options = options.url_endpoint(endpoint);
    }
    let steps = input
        .steps
        .into_iter()
        .map(|step| {
            Value::Object(
                step.into_iter()
                    .map(|(k, v)| (k, value(v)))
                    .collect::<Map<_, _>>(),
            )
        })
        .collect();
    let mut transformation = serde_json::from_value::<Transformation>(Value::Array(steps)).ok();
    if let Some(rendered) = input.rendered {
        transformation = Some(Transformation::from_rendered(rendered));
    }
    let tr = transformation
        .as_ref()
        .map(|t| t.as_str().to_owned())
        .filter(|t| !t.is_empty());
    if let Some(transformation) = transformation {
        options = options.transformation(transformation);
    }
    if input.in_query {
        options = options.transformation_position(TransformationPosition::Query);
    }
    options = options.query_parameters(input.query).signed(input.signed);
    if let Some(seconds) = input.expire_seconds {
        options = options.expire_seconds(seconds);
    }
    if let Some(at) = input.expire_at {
        options = options.expire_at(at);
    }
    match ik.url(&options) {
        Ok(url) => {
            let parsed = reqwest::Url::parse(&url);
            assert!(parsed.is_ok(), "{url} does not parse");
            if let Ok(parsed) = parsed
                && under_endpoint
            {
                let path = parsed.path();
                assert!(
                    parsed.host_str() == Some("ik.imagekit.io")
                        && (path == "/demo" || path.starts_with("/demo/")),
                    "{url} leaves the endpoint once parsed: {parsed}"
                );
            }
            if input.signed {
                assert!(url.contains("ik-s="), "signed but no signature: {url}");
                let query = url.split_once('?').map_or("", |(_, q)| q);
                for reserved in ["ik-t", "ik-s"] {
                    let count = query
                        .split('&')
                        .filter(|pair| {
                            let name = pair.split_once('=').map_or(*pair, |(n, _)| n);
                            percent_decoded(name).eq_ignore_ascii_case(reserved)
                        })
                        .count();
                    assert!(count <= 1, "{url} carries {reserved} {count} times");
                }
            }
            if let (Some(tr), Ok(parsed)) = (tr, reqwest::Url::parse(&url))
                && under_endpoint
            {
                check_transformation_stays_whole(&url, &parsed, &tr);
            }
        }
        Err(Error::InvalidInput(_)) => {}
        Err(other) => panic!("a URL can only be refused as invalid input, not {other:?}"),
    }
}

/// A transformation keeps its place once the URL is parsed: in the path, the first segment
/// after the endpoint is the whole `tr:` segment (nothing split it or resolved it away); in
/// the query, one `tr` parameter holds all of it.
fn check_transformation_stays_whole(url: &str, parsed: &reqwest::Url, tr: &str) {
    let rest = parsed.path().strip_prefix("/demo/").unwrap_or_default();
    if url.contains("/demo/tr:") {
        let segment = rest.split('/').next().unwrap_or_default();
        assert_eq!(
            percent_decoded(segment),
            percent_decoded(&format!("tr:{tr}")),
            "{url}: the first segment once parsed ({parsed}) is not the whole transformation"
        );
    } else {
        let values: Vec<_> = parsed
            .query()
            .unwrap_or_default()
            .split('&')
            .filter_map(|pair| pair.strip_prefix("tr="))
            .collect();
        assert_eq!(
            values
                .iter()
                .map(|v| percent_decoded(v))
                .collect::<Vec<_>>(),
            vec![percent_decoded(tr)],
            "{url}: the tr parameter once parsed ({parsed}) is not the whole transformation"
        );
        assert!(
            !rest.split('/').any(|s| s.starts_with("tr:")),
            "{url}: a transformation asked in the query is in the path"
        );
    }
}

/// `%XX` escapes decoded (invalid ones kept), to compare text as a server reads it.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escape = bytes
            .get(i + 1..i + 3)
            .filter(|h| b == b'%' && h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match escape {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Two signed URLs for two paths, with one expiry: when the URLs differ, so do their
/// signatures (the signature covers exactly the bytes after the endpoint).
pub fn check_signatures_differ(ik: &ImageKit, a: &str, b: &str) {
    let signed = |path: &str| {
        ik.url(&UrlOptions::path(path).expire_at(1_900_000_000))
            .ok()
            .and_then(|url| {
                let (unsigned, signature) = url.rsplit_once("&ik-s=")?;
                Some((unsigned.to_owned(), signature.to_owned()))
            })
    };
    if let (Some((url_a, sig_a)), Some((url_b, sig_b))) = (signed(a), signed(b))
        && url_a != url_b
    {
        assert_ne!(sig_a, sig_b, "{url_a} and {url_b} share a signature");
    }
}

/// A webhook delivery: the secret, the body, and how to sign or tamper with it.
#[cfg_attr(fuzzing, derive(arbitrary::Arbitrary))]
#[derive(Clone, Debug)]
pub struct WebhookInput {
    pub secret: Vec<u8>,
    pub body: Vec<u8>,
    pub id: String,
    pub headers: Vec<(String, String)>,
    pub flip: (usize, u8),
    pub legacy: bool,
}

const NOW_SECS: u64 = 1_767_225_600; // 2026-01-01

fn hmac_sha256(secret: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret).expect("HMAC takes any key");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

/// The headers ImageKit would send with `body`, signed at [`NOW_SECS`]; `None` when the id
/// cannot be a header value of text.
fn signed_headers(input: &WebhookInput, body: &[u8]) -> Option<HeaderMap> {
    let mut headers = HeaderMap::new();
    if input.legacy {
        let signature = hmac_sha256(&input.secret, &[format!("{NOW_SECS}.").as_bytes(), body]);
        let hex: String = signature.iter().map(|b| format!("{b:02x}")).collect();
        let header = format!("t={NOW_SECS},v1={hex}");
        headers.insert("x-ik-signature", header.parse().ok()?);
    } else {
        let id = HeaderValue::from_str(&input.id).ok()?;
        // ImageKit's ids are ASCII text without surrounding spaces (HTTP would strip them).
        if id.to_str().ok()?.trim() != input.id {
            return None;
        }
        let prefix = format!("{}.{NOW_SECS}.", input.id);
        let signature = hmac_sha256(&input.secret, &[prefix.as_bytes(), body]);
        let encoded = base64::engine::general_purpose::STANDARD.encode(signature);
        headers.insert("webhook-id", id);
        headers.insert("webhook-timestamp", NOW_SECS.to_string().parse().ok()?);
        headers.insert("webhook-signature", format!("v1,{encoded}").parse().ok()?);
    }
    Some(headers)
}

/// A blank secret is refused; with any other, the verifier never panics on any headers; a
/// body signed with its secret verifies (or is refused only for not being an event); the body
/// with one byte changed is a mismatch.
pub fn check_webhook_verifier(input: &WebhookInput) {
    let verifier = match Verifier::new(&input.secret) {
        Ok(verifier) => verifier,
        Err(imagekitio::Error::InvalidInput(_)) => {
            assert!(input.secret.iter().all(u8::is_ascii_whitespace));
            return;
        }
        Err(other) => panic!("a secret was refused with {other:?}"),
    };
    let now = UNIX_EPOCH + Duration::from_secs(NOW_SECS);

    let mut arbitrary = HeaderMap::new();
    for (name, value) in &input.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            arbitrary.append(name, value);
        }
    }
    let _ = verifier.verify_at(&arbitrary, &input.body, now);

    let Some(headers) = signed_headers(input, &input.body) else {
        return;
    };
    match verifier.verify_at(&headers, &input.body, now) {
        Ok(_) | Err(Error::Webhook(WebhookError::Payload(_))) => {}
        Err(other) => panic!("a correctly signed body was refused: {other:?}"),
    }
    if !input.body.is_empty() {
        let mut altered = input.body.clone();
        let at = input.flip.0 % altered.len();
        altered[at] ^= input.flip.1.max(1);
        match verifier.verify_at(&headers, &altered, now) {
            Err(Error::Webhook(WebhookError::SignatureMismatch)) => {}
            other => panic!("an altered body was not refused as a mismatch: {other:?}"),
        }
    }
}

fn decode<T: DeserializeOwned + Serialize>(bytes: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(bytes) {
        serde_json::to_vec(&value).expect("a decoded response re-encodes");
    }
}

/// Any bytes, decoded as each response type the client reads and as a webhook event: decoding
/// may fail, never panic, and what decodes re-encodes.
pub fn check_response_decoding(bytes: &[u8]) {
    decode::<types::FileDetails>(bytes);
    decode::<types::FileList>(bytes);
    decode::<types::FileVersionList>(bytes);
    decode::<types::UploadedFile>(bytes);
    decode::<types::Metadata>(bytes);
    decode::<types::BulkDeleteFilesResult>(bytes);
    decode::<types::BulkTagsResult>(bytes);
    decode::<types::BulkJob>(bytes);
    decode::<types::BulkJobStatus>(bytes);
    decode::<types::RenameFileResult>(bytes);
    decode::<types::PurgeCacheResult>(bytes);
    decode::<types::PurgeCacheStatus>(bytes);
    decode::<types::CustomMetadataFieldList>(bytes);
    decode::<types::SavedExtensionList>(bytes);
    decode::<types::NamedTransformationList>(bytes);
    decode::<types::OriginList>(bytes);
    decode::<types::UrlEndpointList>(bytes);
    decode::<types::Usage>(bytes);
    decode::<types::UsageAnalytics>(bytes);
    decode::<types::ErrorBody>(bytes);
    let _ = Event::parse(bytes);
}
