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
/// let headers = Signer::new("whsec_test")?.sign("msg_1", sent_at, body);
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
    /// The id is sent as given when a header carries it byte for byte (visible ASCII, inner
    /// spaces). Otherwise (non-ASCII, control characters, spaces at either end, which a
    /// verifier trims) it is sent percent-encoded, `%` included, and signed as sent, so the
    /// headers always verify and the id read back is the encoded one.
    ///
    /// ```
    /// use imagekitio::webhooks::{Signer, Verifier};
    ///
    /// let signer = Signer::new("whsec_test")?;
    /// let headers = signer.sign("msg_1", 1_750_000_000, b"{}");
    /// assert_eq!(headers["webhook-id"], "msg_1");
    /// assert_eq!(headers["webhook-timestamp"], "1750000000");
    /// assert!(headers["webhook-signature"].to_str().is_ok_and(|s| s.starts_with("v1,")));
    ///
    /// let odd = signer.sign("msg é\n", 1_750_000_000, b"{}");
    /// assert_eq!(odd["webhook-id"], "msg %C3%A9%0A");
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn sign(&self, msg_id: &str, unix_seconds: u64, body: &[u8]) -> HeaderMap {
        let id = header_safe(msg_id);
        let timestamp = unix_seconds.to_string();
        let mac = self.key.standard(&id, &timestamp, body);
        let signature =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        let mut headers = HeaderMap::with_capacity(3);
        // Both are visible ASCII by construction, which every header value accepts.
        for (name, value) in [
            ("webhook-id", id),
            ("webhook-signature", format!("v1,{signature}")),
        ] {
            if let Ok(value) = HeaderValue::try_from(value) {
                headers.insert(name, value);
            }
        }
        headers.insert("webhook-timestamp", HeaderValue::from(unix_seconds));
        headers
    }
}

/// `msg_id` as it can be sent and read back exactly: unchanged when it already can.
fn header_safe(msg_id: &str) -> String {
    let as_is =
        msg_id.bytes().all(|b| b.is_ascii_graphic() || b == b' ') && msg_id.trim() == msg_id;
    if as_is {
        return msg_id.to_owned();
    }
    let last = msg_id.len().saturating_sub(1);
    let mut out = String::with_capacity(msg_id.len() * 3);
    for (i, b) in msg_id.bytes().enumerate() {
        let inner_space = b == b' ' && i != 0 && i != last;
        if (b.is_ascii_graphic() && b != b'%') || inner_space {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
