//! [`Verifier`]: the checks a delivery passes before its event is read — a signature of the
//! endpoint's secret over the exact body, in either header form, and a timestamp within the
//! tolerance.

use std::{
    fmt,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use sha2::Sha256;

use super::{Event, signature::Key};
use crate::error::{Error, WebhookError};

/// How far a delivery's timestamp may be from now unless told otherwise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Timestamps above this are milliseconds (it is the year 5138 in seconds).
const MILLISECONDS_FROM: u64 = 100_000_000_000;

/// Checks signed deliveries with one endpoint's webhook secret.
///
/// ```
/// use std::time::Duration;
///
/// let verifier = imagekitio::webhooks::Verifier::new("whsec_your_secret")?
///     .tolerance(Duration::from_secs(60));
/// assert_eq!(format!("{verifier:?}"), r#"Verifier { secret: "<redacted>", tolerance: 60s }"#);
/// # Ok::<(), imagekitio::Error>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    key: Key,
    tolerance: Duration,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secret", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl Verifier {
    /// A verifier for the webhook secret shown in ImageKit's dashboard, used as given (its
    /// raw bytes are the HMAC key, as in ImageKit's Node SDK).
    ///
    /// Fails with [`Error::InvalidInput`] for an empty or blank secret: anyone can sign with
    /// it, so it would accept forged deliveries.
    ///
    /// ```
    /// use imagekitio::webhooks::Verifier;
    ///
    /// let verifier = Verifier::new("whsec_your_secret")?;
    /// assert!(Verifier::new("").is_err());
    /// assert!(Verifier::new(" \n").is_err());
    /// # let _ = verifier; Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, Error> {
        Ok(Self {
            key: Key::new(secret.as_ref())?,
            tolerance: DEFAULT_TOLERANCE,
        })
    }

    /// How far a delivery's timestamp may be from now, either way; default five minutes.
    ///
    /// ```
    /// let verifier = imagekitio::webhooks::Verifier::new("secret")?
    ///     .tolerance(std::time::Duration::from_secs(30));
    /// assert!(format!("{verifier:?}").contains("tolerance: 30s"));
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Verifies a delivery against the current time and reads its event.
    ///
    /// `body` must be the raw request body, byte for byte. Fails with [`Error::Webhook`].
    ///
    /// ```
    /// let verifier = imagekitio::webhooks::Verifier::new("secret")?;
    /// let unsigned = verifier.verify(&http::HeaderMap::new(), b"{}");
    /// assert!(matches!(unsigned, Err(imagekitio::Error::Webhook(_))));
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Event, Error> {
        self.verify_at(headers, body, SystemTime::now())
    }

    /// [`Self::verify`] with the time taken as `now`: for tests, and for deliveries stored
    /// before being checked.
    ///
    /// ```
    /// let verifier = imagekitio::webhooks::Verifier::new("secret")?;
    /// let result = verifier.verify_at(&http::HeaderMap::new(), b"{}", std::time::SystemTime::now());
    /// assert!(result.is_err());
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Event, Error> {
        let timestamp = if headers.contains_key("webhook-signature") {
            self.check_standard(headers, body)?
        } else if headers.contains_key("x-ik-signature") {
            self.check_legacy(headers, body)?
        } else {
            return Err(WebhookError::MissingHeader("webhook-signature").into());
        };
        self.check_time(timestamp, now)?;
        Event::parse(body)
    }

    /// Standard Webhooks; returns the signed timestamp.
    fn check_standard(&self, headers: &HeaderMap, body: &[u8]) -> Result<u64, WebhookError> {
        let id = header(headers, "webhook-id")?;
        let timestamp_text = header(headers, "webhook-timestamp")?;
        let timestamp = parse_timestamp("webhook-timestamp", timestamp_text)?;
        let signatures = header(headers, "webhook-signature")?;
        let mac = self.key.standard(id, timestamp_text, body);
        let candidates = signatures
            .split_whitespace()
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok());
        matches_any(&mac, candidates)?;
        Ok(timestamp)
    }

    /// `x-ik-signature: t=..,v1=..`; returns the signed timestamp in seconds.
    fn check_legacy(&self, headers: &HeaderMap, body: &[u8]) -> Result<u64, WebhookError> {
        let value = header(headers, "x-ik-signature")?;
        let mut timestamp_text = None;
        let mut signatures = Vec::new();
        for item in value.split(',').map(str::trim) {
            if let Some(t) = item.strip_prefix("t=") {
                timestamp_text = Some(t);
            } else if let Some(hex) = item.strip_prefix("v1=") {
                signatures.extend(decode_hex(hex));
            }
        }
        let timestamp_text = timestamp_text.ok_or_else(|| WebhookError::MalformedHeader {
            header: "x-ik-signature",
            reason: "it has no `t=` timestamp".into(),
        })?;
        let timestamp = parse_timestamp("x-ik-signature", timestamp_text)?;
        let mac = self.key.legacy(timestamp_text, body);
        matches_any(&mac, signatures)?;
        Ok(if timestamp >= MILLISECONDS_FROM {
            timestamp / 1000
        } else {
            timestamp
        })
    }

    fn check_time(&self, timestamp: u64, now: SystemTime) -> Result<(), WebhookError> {
        // `webhook-timestamp` is any u64 the sender signed; past what `SystemTime` can hold
        // (2^63 s) adding it would panic, and such a delivery is simply dated in the future.
        let Some(sent) = UNIX_EPOCH.checked_add(Duration::from_secs(timestamp)) else {
            let since_epoch = now.duration_since(UNIX_EPOCH).unwrap_or_default();
            let ahead = Duration::from_secs(timestamp).saturating_sub(since_epoch);
            return if ahead > self.tolerance {
                Err(WebhookError::TooNew {
                    ahead,
                    tolerance: self.tolerance,
                })
            } else {
                Ok(())
            };
        };
        match now.duration_since(sent) {
            Ok(age) if age > self.tolerance => Err(WebhookError::TooOld {
                age,
                tolerance: self.tolerance,
            }),
            Ok(_) => Ok(()),
            Err(ahead) if ahead.duration() > self.tolerance => Err(WebhookError::TooNew {
                ahead: ahead.duration(),
                tolerance: self.tolerance,
            }),
            Err(_) => Ok(()),
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, WebhookError> {
    headers
        .get(name)
        .ok_or(WebhookError::MissingHeader(name))?
        .to_str()
        .map(str::trim)
        .map_err(|_| WebhookError::MalformedHeader {
            header: name,
            reason: "it is not visible ASCII".into(),
        })
}

fn parse_timestamp(header: &'static str, text: &str) -> Result<u64, WebhookError> {
    text.parse::<u64>()
        .map_err(|_| WebhookError::MalformedHeader {
            header,
            reason: format!("the timestamp {text:?} is not a unix time"),
        })
}

/// Whether any candidate equals the MAC, each comparison in constant time.
fn matches_any(
    mac: &Hmac<Sha256>,
    candidates: impl IntoIterator<Item = Vec<u8>>,
) -> Result<(), WebhookError> {
    let mut matched = false;
    for candidate in candidates {
        // Every candidate is checked, so the time taken does not tell which one matched.
        matched |= mac.clone().verify_slice(&candidate).is_ok();
    }
    if matched {
        Ok(())
    } else {
        Err(WebhookError::SignatureMismatch)
    }
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    hex.as_bytes()
        .chunks(2)
        .map(|pair| {
            let text = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(text, 16).ok()
        })
        .collect()
}
