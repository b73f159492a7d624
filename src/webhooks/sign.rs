//! [`Signer`]: deliveries signed as ImageKit signs them, for testing a webhook handler.

use std::fmt;

use base64::Engine as _;
use hmac::Mac;
use http::{HeaderMap, HeaderValue};

use super::signature::Key;
use crate::error::Error;

/// Signs webhook bodies with an endpoint's secret, giving the Standard Webhooks headers that
/// [`crate::webhooks::Verifier`] accepts: a handler can then be tested with deliveries that
/// look like ImageKit's, without ImageKit.
///
/// The secret follows the same rules as `Verifier::new`: used as given (a `whsec_` prefix
/// included), never empty or blank, never shown by `Debug`.
///
/// ```
/// use imagekitio::webhooks::{Event, Signer, Verifier};
///
/// let body = br#"{"id":"evt_1","type":"file.deleted","created_at":"2025-06-15T15:06:40Z","data":{"fileId":"f1"}}"#;
/// let sent_at = 1_750_000_000;
/// let headers = Signer::new("whsec_test")?.sign("msg_1", sent_at, body)?;
///
/// let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(sent_at + 5);
/// let event = Verifier::new("whsec_test")?.verify_at(&headers, body, now)?;
/// assert!(matches!(event, Event::FileDeleted(e) if e.data.file_id == "f1"));
/// # Ok::<(), imagekitio::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    key: Key,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("secret", &"<redacted>")
            .finish()
    }
}

impl Signer {
    /// A signer for a webhook secret, as `Verifier::new` takes it.
    ///
    /// Fails with [`Error::InvalidInput`] for an empty or blank secret, which a verifier
    /// refuses too.
    ///
    /// ```
    /// use imagekitio::webhooks::Signer;
    ///
    /// let signer = Signer::new("whsec_c2VjcmV0")?;
    /// assert_eq!(format!("{signer:?}"), r#"Signer { secret: "<redacted>" }"#);
    /// assert!(matches!(Signer::new(" "), Err(imagekitio::Error::InvalidInput(_))));
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, Error> {
        Ok(Self {
            key: Key::new(secret.as_ref())?,
        })
    }

    /// The `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,<base64>`) headers
    /// of a delivery of `body` with message id `msg_id`, sent at `unix_seconds`.
    ///
    /// Fails with [`Error::InvalidInput`] when `msg_id` cannot travel in a header as it was
    /// signed: empty, outside visible ASCII, or with spaces at either end (which a verifier
    /// trims, so the signature would no longer match).
    ///
    /// ```
    /// let signer = imagekitio::webhooks::Signer::new("whsec_test")?;
    /// let headers = signer.sign("msg_1", 1_750_000_000, b"{}")?;
    /// assert_eq!(headers["webhook-id"], "msg_1");
    /// assert_eq!(headers["webhook-timestamp"], "1750000000");
    /// assert!(headers["webhook-signature"].to_str().is_ok_and(|s| s.starts_with("v1,")));
    /// assert!(signer.sign("msg 1\n", 1_750_000_000, b"{}").is_err());
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn sign(&self, msg_id: &str, unix_seconds: u64, body: &[u8]) -> Result<HeaderMap, Error> {
        let id = message_id(msg_id)?;
        let timestamp = unix_seconds.to_string();
        let mac = self.key.standard(msg_id, &timestamp, body);
        let signature =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        // Base64 is visible ASCII, so this is never refused.
        let signature = HeaderValue::try_from(format!("v1,{signature}"))
            .map_err(|e| Error::invalid(format!("the signature is not a header value: {e}")))?;
        let mut headers = HeaderMap::with_capacity(3);
        headers.insert("webhook-id", id);
        headers.insert("webhook-timestamp", HeaderValue::from(unix_seconds));
        headers.insert("webhook-signature", signature);
        Ok(headers)
    }
}

/// `msg_id` as a header value, if a verifier will read back exactly these bytes.
fn message_id(msg_id: &str) -> Result<HeaderValue, Error> {
    let readable = !msg_id.is_empty()
        && msg_id.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
        && msg_id.trim() == msg_id;
    let refused = || {
        Error::invalid(format!(
            "the webhook message id {msg_id:?} cannot be sent as the `webhook-id` header as \
             signed: use visible ASCII, not empty and without spaces at either end (ImageKit's \
             ids look like `msg_2xyz...`)"
        ))
    };
    if !readable {
        return Err(refused());
    }
    HeaderValue::from_str(msg_id).map_err(|_| refused())
}
